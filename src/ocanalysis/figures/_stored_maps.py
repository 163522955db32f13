"""A map's pixels and layout kept in the cache folder: drawn once per machine, not once per
process.

Every new process (a render, each worker of a batch) would otherwise draw the world maps of its
first report again, about 0.3 s each. The drawn map (:class:`~._choropleth._MapBase`: a PNG and
the numbers that place marks on it) is written as JSON to the cache folder under a name holding
everything it depends on: measure, edition, title or none, language, the data's digest, the
package's source digest and the versions of Python, matplotlib and Pillow and the fonts used.
One process draws it, under the lock of its entry (``analysis.results.entry_lock``); the others
wait and read it.

The cache folder is not trusted (see ``docs/threat-model.md``): what is read is checked field by
field (types, finite numbers, a 3×3 matrix, a colour, the key it was looked up by) and the PNG
must open as an RGB PNG of a plausible size; anything else is drawn again, replaced, and a
``CacheWarning`` names the file.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import io
import json
import math
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np

FORMAT = "ocanalysis-map-1"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_PIXELS = 4000  # on a side: the maps are 900×560
_COLOUR = re.compile(r"#[0-9a-f]{6}")


class StoredMapError(ValueError):
    """A stored map that is not one this module wrote for its key (the message says why)."""


@functools.cache
def drawing_digest() -> str:
    """A digest of what draws the pixels besides our source: Python's, matplotlib's and
    Pillow's versions and the font files the theme resolves to (once per process).

    >>> len(drawing_digest())
    64
    """
    import platform
    from importlib import metadata

    from matplotlib import font_manager

    parts = [platform.python_version()]
    for name in ("matplotlib", "pillow"):
        try:
            parts.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name}=absent")
    for weight in ("normal", "bold"):
        font = font_manager.findfont(font_manager.FontProperties(weight=weight))
        with contextlib.suppress(OSError):
            parts.append(f"{font}:{Path(font).stat().st_size}")
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def path(measure: str, edition: int, titled: bool, lang: str) -> Path:
    """The cache file of one drawn map."""
    from .._digests import data_digest, source_digest
    from ..analysis.results import cache_dir

    digests = f"{data_digest()[:16]}-{source_digest()[:16]}-{drawing_digest()[:16]}"
    name = f"map-{measure}-{edition}-{'titled' if titled else 'plain'}-{lang}-{digests}.json"
    return cache_dir() / name


def kept(measure: str, edition: int, titled: bool, lang: str, draw: Callable[[], object]):
    """The map ``draw()`` draws, read from the cache folder when one process drew it before;
    else drawn (by one process at a time) and written there. An unwritable cache only means
    drawing again next time."""
    from .._atomic import write_atomic
    from ..analysis.results import entry_lock

    file = path(measure, edition, titled, lang)
    key = {"measure": measure, "edition": edition, "titled": titled, "lang": lang}
    with entry_lock(file):
        found = _read(file, key)
        if found is not None:
            return found
        base = draw()
        with contextlib.suppress(OSError):
            write_atomic(file, encode(base, key))
        return base


def _read(file: Path, key: dict):
    from ..analysis.results import read_checked

    return read_checked(file, lambda data: decode(data, key), "a stored map", "drawn again")


def encode(base, key: dict) -> bytes:
    """A drawn map as JSON bytes, with the key it is stored under."""
    document = {
        "format": FORMAT,
        "key": key,
        "png": base64.b64encode(base.png).decode("ascii"),
        "width": base.width,
        "height": base.height,
        "to_points": np.asarray(base.to_points, dtype=float).tolist(),
        "axes_box": list(base.axes_box),
        "per_point": base.per_point,
        "title_x": base.title_x,
        "title_top": base.title_top,
        "title_style": base.title_style,
    }
    return json.dumps(document, separators=(",", ":")).encode("utf-8")


def decode(data: bytes, key: dict):
    """The drawn map stored in ``data`` under ``key``; StoredMapError if anything is not as
    :func:`encode` writes it.

    >>> decode(b'{"format": "ocanalysis-map-1", "key": {}}', {"measure": "criminality"})
    Traceback (most recent call last):
    ocanalysis.figures._stored_maps.StoredMapError: stored under another key
    """
    from PIL import Image

    from ..analysis._store import json_object
    from ._choropleth import _MapBase

    document = json_object(data, FORMAT, "a stored map", StoredMapError)
    if document.get("key") != key:
        raise StoredMapError("stored under another key")
    fields = {"format", "key", "png", "width", "height", "to_points", "axes_box", "per_point"}
    fields |= {"title_x", "title_top", "title_style"}
    if set(document) != fields:
        raise StoredMapError(f"fields are not {', '.join(sorted(fields))}")
    try:
        png = base64.b64decode(document["png"], validate=True)
    except (TypeError, ValueError):
        raise StoredMapError("png: not base64") from None
    if not png.startswith(PNG_SIGNATURE):
        raise StoredMapError("png: not a PNG")
    try:
        with Image.open(io.BytesIO(png)) as image:
            width_px, height_px = image.size
            if image.format != "PNG" or image.mode != "RGB":
                raise StoredMapError("png: not an RGB PNG")
    except (OSError, Image.DecompressionBombError):
        raise StoredMapError("png: cannot be opened") from None
    if not (0 < width_px <= MAX_PIXELS and 0 < height_px <= MAX_PIXELS):
        raise StoredMapError("png: not a map's size")
    matrix = _numbers(document["to_points"], "to_points", rows=3)
    style = document["title_style"]
    if (
        not isinstance(style, dict)
        or set(style) != {"size", "weight", "color"}
        or not isinstance(style["weight"], str)
        or not (isinstance(style["color"], str) and _COLOUR.fullmatch(style["color"]))
    ):
        raise StoredMapError("title_style: not a size, weight and colour")
    style = {**style, "size": _number(style["size"], "title_style")}
    return _MapBase(
        png,
        _number(document["width"], "width"),
        _number(document["height"], "height"),
        np.asarray(matrix, dtype=float),
        tuple(_numbers(document["axes_box"], "axes_box", rows=4)),
        _number(document["per_point"], "per_point"),
        _number(document["title_x"], "title_x"),
        _number(document["title_top"], "title_top"),
        style,
    )


def _number(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise StoredMapError(f"{name}: not a finite number")
    return float(value)


def _numbers(values, name: str, rows: int) -> list:
    if not isinstance(values, list) or len(values) != rows:
        raise StoredMapError(f"{name}: not {rows} values")
    if rows == 3:  # the affine matrix: three rows of three
        return [[_number(v, name) for v in _row(row, name)] for row in values]
    return [_number(v, name) for v in values]


def _row(row, name: str) -> list:
    if not isinstance(row, list) or len(row) != 3:
        raise StoredMapError(f"{name}: not a 3×3 matrix")
    return row
