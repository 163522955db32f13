"""The PDF export's WeasyPrint fast paths: the one module that touches WeasyPrint's internals.

Two fast paths replace a piece of WeasyPrint for the length of one export (:func:`fast_paths`),
under a lock, and put it back afterwards:

- **Chart labels a line at a time.** WeasyPrint lays every SVG ``<text>`` out letter by letter
  (one Pango layout per letter), so that per-letter ``x``/``dx``/``rotate`` lists work. The
  report's charts never use those: each label is one string at one point. For such a label
  :func:`whole_line_text` shapes the string once and draws it as one line, which is what a
  browser does (kerned, spaces kept in the extracted text). Anything else (a list of positions,
  ``dx``, ``rotate``, ``textLength``, ``letter-spacing``, nested ``<tspan>``) goes to WeasyPrint's
  own code unchanged.
- **Plain PNGs as they are.** To put a PNG in a PDF, WeasyPrint decodes it and encodes it again
  with Pillow only to take the compressed pixel rows (the IDAT chunks) out of the new file. A PDF
  reads a plain PNG's rows directly (FlateDecode with PNG predictors, which WeasyPrint declares),
  so for a non-interlaced 8-bit RGB or grey PNG without palette or transparency (our maps) the
  original rows are handed over instead (:func:`plain_png_rows`).

They are switched on only for the WeasyPrint releases in :data:`TESTED_VERSIONS`. Any other
release draws with its own, public code (correct, slower) and a
:class:`WeasyPrintVersionWarning` says so once per process. Within a tested release, each path
also checks that the pieces it replaces or calls have the signatures it was written against and
stays off when they do not: a second line of defence, not a licence to run on other releases.

It also says what a release's PDF/UA tagging covers (:func:`tagging_options`): the options
themselves are public (``pdf_variant="pdf/ua-1"``, in every allowed release), but only 66.0 and
later put figures and their alt text in the structure tree.

To vet a new WeasyPrint release: allow it in pyproject.toml and environment.yml, add it to
TESTED_VERSIONS, run ``tests/render/test_exporters.py`` and ``tools/check_oldest_weasyprint.py
--python`` in that environment, and keep it here only if they pass.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import inspect
import struct
import threading
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from math import inf

# WeasyPrint releases the fast paths were run on by the PDF tests and the report check. Earlier
# releases lay out their SVG code differently (63-69: other fill/stroke and emoji functions);
# they get WeasyPrint's own path.
TESTED_VERSIONS = frozenset({"70.0"})


class WeasyPrintVersionWarning(UserWarning):
    """The installed WeasyPrint is not one the PDF fast paths were tested with."""


_LOCK = threading.Lock()


def weasyprint_version() -> str:
    import weasyprint

    return weasyprint.__version__


def version_tested() -> bool:
    """True when the installed WeasyPrint is one of TESTED_VERSIONS."""
    return weasyprint_version() in TESTED_VERSIONS


@functools.cache
def _warn_untested(version: str) -> None:
    # functools.cache: once per process, whatever the warning filters say.
    warnings.warn(
        WeasyPrintVersionWarning(
            f"WeasyPrint {version} is not a release the PDF fast paths were tested with "
            f"({', '.join(sorted(TESTED_VERSIONS))}): using WeasyPrint's own, slower drawing"
        ),
        stacklevel=4,
    )


# -- PDF/UA tagging ---------------------------------------------------------------------------

# PDF/UA-1 (WeasyPrint's public option): a structure tree (headings, paragraphs, lists, tables
# with their header cells, figures), the document's language from <html lang>, its title from
# <title> shown as the window's title, and the PDF/UA identification in the XMP metadata.
PDF_UA = {"pdf_variant": "pdf/ua-1"}


def tags_figures() -> bool:
    """True when the installed WeasyPrint tags images as /Figure with their alt text (66.0 on:
    ``weasyprint.pdf.tags``). 63-65 tag text, headings and tables only."""
    return importlib.util.find_spec("weasyprint.pdf.tags") is not None


@functools.cache
def _warn_untagged_figures(version: str) -> None:
    warnings.warn(
        WeasyPrintVersionWarning(
            f"WeasyPrint {version} tags PDF/UA documents without their figures and alt text "
            "(66.0 and later tag them): install a newer WeasyPrint for accessible PDFs"
        ),
        stacklevel=4,
    )


def tagging_options() -> dict:
    """The ``write_pdf`` options of a tagged (PDF/UA-1) report; a warning, once per process,
    when the installed release leaves its figures out of the structure tree."""
    if not tags_figures():
        _warn_untagged_figures(weasyprint_version())
    return dict(PDF_UA)


@dataclass(frozen=True)
class FastPaths:
    """Which fast paths are in place for an export."""

    svg_text: bool
    png_rows: bool


@contextmanager
def fast_paths(svg_text: bool = True, png_rows: bool = True):
    """Within the block, the wanted fast paths are in place; yields :class:`FastPaths`.

    A path is off when not wanted, when the installed WeasyPrint is not in TESTED_VERSIONS
    (with a warning) or when its signature checks fail; WeasyPrint's own code then runs.
    """
    if (svg_text or png_rows) and not version_tested():
        _warn_untested(weasyprint_version())
        svg_text = png_rows = False
    svg_parts = _svg_parts() if svg_text else {}
    raster = _raster_image() if png_rows else None
    if not svg_parts and raster is None:
        yield FastPaths(False, False)
        return
    with _LOCK:
        if svg_parts:
            _swap(svg_parts["svg"], svg_parts["original"], whole_line_text)
        if raster is not None:
            original_png_data = inspect.getattr_static(raster, "_get_png_data")
            raster._get_png_data = staticmethod(_png_data(original_png_data.__func__))
        try:
            yield FastPaths(bool(svg_parts), raster is not None)
        finally:
            if raster is not None:
                raster._get_png_data = original_png_data
            if svg_parts:
                _swap(svg_parts["svg"], whole_line_text, svg_parts["original"])


# -- chart labels a line at a time -----------------------------------------------------------

# Attributes that position or stretch single letters: such text keeps WeasyPrint's own path.
_PER_LETTER = ("dx", "dy", "rotate", "textLength", "lengthAdjust", "letter-spacing")


@functools.cache
def _svg_parts() -> dict:
    """WeasyPrint's pieces whole_line_text needs; empty when they are not what it was written for."""
    try:
        svg = importlib.import_module("weasyprint.svg")
        svg_text = importlib.import_module("weasyprint.svg.text")
        draw_text = importlib.import_module("weasyprint.draw.text")
        line_break = importlib.import_module("weasyprint.text.line_break")
        from weasyprint.css.properties import INITIAL_VALUES
        from weasyprint.matrix import Matrix
        from weasyprint.svg.bounding_box import extend_bounding_box
        from weasyprint.svg.utils import size
    except ImportError:
        return {}
    expected = [
        (draw_text, "draw_first_line", "stream textbox text_overflow block_ellipsis matrix"),
        (draw_text, "draw_emojis", "stream style x y emojis"),
        (line_break, "split_first_line", "text style context max_width justification_spacing"),
        (svg_text, "text", "svg node font_size"),
        # Before 70 both took a node: fill_stroke painted it, set_graphical_state (67-69)
        # returned nothing.
        (svg.SVG, "set_graphical_state", "self node font_size context"),
        (svg.SVG, "fill_stroke", "self fill stroke even_odd text"),
    ]
    for owner, name, names in expected:
        function, names = getattr(owner, name, None), names.split()
        if function is None or list(inspect.signature(function).parameters)[: len(names)] != names:
            return {}
    if getattr(svg, "text", None) is not svg_text.text or svg.TAGS.get("text") is not svg_text.text:
        return {}
    return {
        "svg": svg,
        "original": svg_text.text,
        "Style": svg_text.Style,
        "TextBox": svg_text.TextBox,
        "INITIAL_VALUES": INITIAL_VALUES,
        "Matrix": Matrix,
        "extend_bounding_box": extend_bounding_box,
        "size": size,
        "split_first_line": line_break.split_first_line,
        "draw_first_line": draw_text.draw_first_line,
        "draw_emojis": draw_text.draw_emojis,
    }


def _single(value: str | None) -> bool:
    """True when an x or y attribute holds at most one length."""
    return value is None or len(value.replace(",", " ").split()) <= 1


def is_whole_line(node) -> bool:
    """True for a text node whole_line_text draws: one string at one point, no child elements."""
    attrib = node.attrib
    return (
        node.tag in ("text", "tspan")
        and bool(node.text)
        and len(node._etree_node) == 0
        and not any(name in attrib for name in _PER_LETTER)
        and _single(attrib.get("x"))
        and _single(attrib.get("y"))
    )


def _font_weight(value) -> int:
    value = {"normal": 400, "bold": 700}.get(value, value)
    try:
        return int(value)
    except (TypeError, ValueError):
        return 400


def _baseline_shift(node, height: float, font_size: float) -> float:
    """WeasyPrint's vertical alignment of SVG text, as its own text() computes it."""
    ascent, descent = font_size * 0.8, font_size * 0.2
    display_anchor = node.get("display-anchor")
    alignment = node.get("dominant-baseline", node.get("alignment-baseline"))
    if display_anchor == "middle":
        return -height / 2
    if display_anchor == "top":
        return 0
    if display_anchor == "bottom":
        return -height
    if alignment in ("central", "middle"):
        return (ascent + descent) / 2 - descent
    if alignment in ("text-before-edge", "before_edge", "top", "hanging", "text-top"):
        return ascent
    if alignment in ("text-after-edge", "after_edge", "bottom", "text-bottom"):
        return -descent
    return 0


def letter_by_letter(svg, node, font_size):
    """WeasyPrint's own drawing of an SVG text node."""
    return _svg_parts()["original"](svg, node, font_size)


def whole_line_text(svg, node, font_size):
    """Draw a simple SVG text node as one shaped line; anything else the way WeasyPrint does."""
    if not is_whole_line(node):
        return letter_by_letter(svg, node, font_size)
    p = _svg_parts()
    style = p["Style"]()
    style.update(p["INITIAL_VALUES"])
    style.font_config = svg.font_config
    style["font_family"] = [
        font.strip("\"'") for font in node.get("font-family", "sans-serif").split(",")
    ]
    style["font_style"] = node.get("font-style", "normal")
    style["font_weight"] = _font_weight(node.get("font-weight", 400))
    style["font_size"] = font_size
    if node.get("direction") in ("ltr", "rtl"):
        style["direction"] = node.get("direction")
    layout, _, _, width, height, baseline = p["split_first_line"](
        node.text, style, svg.context, inf, 0
    )
    attrib = node.attrib
    size = p["size"]
    x = size(attrib["x"], font_size, svg.inner_width) if "x" in attrib else svg.cursor_position[0]
    y = size(attrib["y"], font_size, svg.inner_height) if "y" in attrib else svg.cursor_position[1]
    # Offsets left by an earlier dx/dy sibling carry on, as in WeasyPrint's per-letter code
    # (which also keeps them when the new position is 0).
    if "x" in attrib and x:
        svg.cursor_d_position[0] = 0
    if "y" in attrib and y:
        svg.cursor_d_position[1] = 0
    svg.cursor_position = x + width, y
    x_position = x + svg.cursor_d_position[0]
    y_position = y + svg.cursor_d_position[1] + _baseline_shift(node, height, font_size)
    # The box text-anchor uses to shift the line (draw_node reads it after this returns).
    node.text_bounding_box = p["extend_bounding_box"](
        node.text_bounding_box,
        ((x_position, y_position - baseline), (x_position + width, y_position - baseline + height)),
    )

    svg.stream.push_state()
    fill, stroke = svg.set_graphical_state(node, font_size)
    svg.stream.begin_text()
    layout.reactivate(style)
    svg.fill_stroke(fill, stroke, text=True)
    text_box = p["TextBox"](layout, style)
    text_box.baseline = baseline
    matrix = p["Matrix"](d=-1, e=x_position, f=y_position)
    emojis = p["draw_first_line"](svg.stream, text_box, "none", "none", matrix)
    svg.stream.end_text()
    svg.stream.pop_state()
    p["draw_emojis"](svg.stream, style, x, y, emojis)


def _swap(svg, old, new) -> None:
    # draw_node recognises text nodes by comparing TAGS entries with the module's ``text``:
    # both must change together.
    svg.text = new
    for tag, function in list(svg.TAGS.items()):
        if function is old:
            svg.TAGS[tag] = new


# -- plain PNGs as they are ------------------------------------------------------------------

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
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
    if not png.startswith(_PNG_SIGNATURE) or png[12:16] != b"IHDR":
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
    """WeasyPrint's RasterImage, if its ``_get_png_data`` is what plain PNGs replace."""
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


def _png_data(original):
    """A ``_get_png_data`` that takes a plain PNG's rows as they are and leaves others to
    ``original``."""

    def png_data(pillow_image):
        png = _original_bytes(pillow_image)
        rows = plain_png_rows(png, pillow_image.mode) if png is not None else None
        return rows if rows is not None else original(pillow_image)

    return png_data
