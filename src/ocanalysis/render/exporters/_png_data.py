"""Plain PNGs into the PDF as they are: WeasyPrint's decode and re-encode of each map skipped.

To put a PNG in a PDF, WeasyPrint decodes it and encodes it again with Pillow only to take the
compressed pixel rows (the IDAT chunks) out of the new file: about 45 ms for each of a report's two
900 x 560 maps. A PDF reads a plain PNG's rows directly (FlateDecode with PNG predictors, which
WeasyPrint declares), so for a non-interlaced 8-bit RGB or grey PNG without palette or
transparency, which is what our maps are, the original chunks are handed over instead. Anything
else goes through WeasyPrint's own code.

As with ``_svg_text``, the swap lasts for one export, under a lock, and only when WeasyPrint's
``RasterImage`` looks as this code expects.
"""

from __future__ import annotations

import functools
import inspect
import struct
import threading
from contextlib import contextmanager

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_LOCK = threading.Lock()
# Colour type -> the Pillow mode WeasyPrint then declares (DeviceRGB or DeviceGray, 8 bits).
_PLAIN = {2: "RGB", 0: "L"}


def plain_png_rows(png: bytes, mode: str) -> bytes | None:
    """The compressed rows (IDAT data) of a plain PNG, or None for any other image.

    Plain: 8 bits per sample, RGB or grey (matching ``mode``), not interlaced, no palette and no
    transparency chunk.

    >>> import io, zlib
    >>> from PIL import Image
    >>> buffer = io.BytesIO()
    >>> Image.new("RGB", (2, 1), (255, 0, 0)).save(buffer, format="PNG")
    >>> zlib.decompress(plain_png_rows(buffer.getvalue(), "RGB"))  # filter byte, then the row
    b'\\x01\\xff\\x00\\x00\\x00\\x00\\x00'
    >>> plain_png_rows(buffer.getvalue(), "RGBA") is None
    True
    """
    if not png.startswith(_SIGNATURE) or png[12:16] != b"IHDR":
        return None
    bit_depth, colour, _compression, _filter, interlace = png[24:29]
    if bit_depth != 8 or _PLAIN.get(colour) != mode or interlace:
        return None
    rows, offset = [], 8
    while offset + 8 <= len(png):
        (length,) = struct.unpack("!I", png[offset : offset + 4])
        kind = png[offset + 4 : offset + 8]
        if kind in (b"PLTE", b"tRNS"):
            return None
        if kind == b"IDAT":
            rows.append(png[offset + 8 : offset + 8 + length])
        if kind == b"IEND":
            break
        offset += 12 + length
    return b"".join(rows) or None


@functools.cache
def _raster_image():
    """WeasyPrint's RasterImage, if its ``_get_png_data`` is what this module replaces."""
    try:
        from weasyprint.images import RasterImage
    except ImportError:
        return None
    function = inspect.getattr_static(RasterImage, "_get_png_data", None)
    if not isinstance(function, staticmethod):
        return None
    if list(inspect.signature(function.__func__).parameters) != ["pillow_image"]:
        return None
    return RasterImage


def _original_bytes(pillow_image) -> bytes | None:
    """The bytes an image was opened from, when it was opened from memory and not changed."""
    stream = getattr(pillow_image, "fp", None)
    if getattr(pillow_image, "format", None) != "PNG" or not hasattr(stream, "getvalue"):
        return None
    return stream.getvalue()


@contextmanager
def plain_png_passthrough(enabled: bool = True):
    """Within the block, WeasyPrint takes a plain PNG's rows as they are. Yields whether it does."""
    raster = _raster_image() if enabled else None
    if raster is None:
        yield False
        return
    original = inspect.getattr_static(raster, "_get_png_data")

    def png_data(pillow_image):
        png = _original_bytes(pillow_image)
        rows = plain_png_rows(png, pillow_image.mode) if png is not None else None
        return rows if rows is not None else original.__func__(pillow_image)

    with _LOCK:
        raster._get_png_data = staticmethod(png_data)
        try:
            yield True
        finally:
            raster._get_png_data = original
