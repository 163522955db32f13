"""A world map of any composite or indicator, drawn from geometry that ships with the package.

The outlines are Natural Earth's 1:110m countries (public domain), converted once by
``tools/build_world_geometry.py`` into ``world.json`` (rings in tenths of a degree); nothing is
fetched at run time and no GIS library is needed. At that scale 28 of the 193 countries (small
island states and microstates) have no outline: :func:`choropleth_coverage` lists them and every
map names them in its note and alt text. The projection is Equal Earth (equal-area), computed here.

Reports draw the map once per country, the same map but for its title and the country's outline:
:func:`choropleth_png` gives the PNG, alt text and title of ``choropleth(...)`` with the same
pixels, drawing the map once per process and edition and then, per country, only the title and
the outline on top of its pixels (for most countries 0.03 s of CPU instead of 0.39 s).
"""

from __future__ import annotations

import io
import json
import struct
import threading
import zlib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import NamedTuple

import matplotlib as mpl
import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.path import Path as MplPath
from matplotlib.text import Text

from .. import catalogue, countries, dataset
from ..errors import UnknownIndicatorError
from ..scoring import rank_desc
from ._encode import PNG_COMPRESSION, PNG_DPI, SAVE_RC
from ._theme import (
    BACKGROUND_LAND,
    COUNTRY,
    MISSING_COLOR,
    SEQUENTIAL_CMAP,
    add_note,
    fmt,
    new_figure,
    set_alt,
    set_title,
    theme,
)

# Equal Earth (Šavrič, Patterson & Jenny, 2018) polynomial coefficients.
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = np.sqrt(3) / 2


def equal_earth(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Project degrees of longitude/latitude to Equal Earth plane coordinates (unit sphere).

    >>> x, y = equal_earth(np.array([0.0, 180.0]), np.array([0.0, 0.0]))
    >>> round(float(x[0]), 6), round(float(x[1]), 4), round(float(y[1]), 6)
    (0.0, 2.7066, 0.0)
    """
    lam, phi = np.radians(lon), np.radians(lat)
    theta = np.arcsin(_M * np.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = (
        2
        * np.sqrt(3)
        * lam
        * np.cos(theta)
        / (3 * (9 * _A4 * t6 * t2 + 7 * _A3 * t6 + 3 * _A2 * t2 + _A1))
    )
    y = theta * (_A4 * t6 * t2 + _A3 * t6 + _A2 * t2 + _A1)
    return x, y


@cache
def _world() -> dict:
    text = resources.files("ocanalysis.figures").joinpath("world.json").read_text(encoding="utf-8")
    return json.loads(text)


@cache
def _projected() -> tuple[dict[str, list[np.ndarray]], dict[str, list[np.ndarray]]]:
    """Each country's (and each other territory's) rings, projected, as n×2 arrays."""
    world = _world()
    scale = float(world["scale"])

    def rings(flat_rings: list[list[int]]) -> list[np.ndarray]:
        out = []
        for flat in flat_rings:
            coords = np.asarray(flat, dtype=float).reshape(-1, 2) / scale
            x, y = equal_earth(coords[:, 0], coords[:, 1])
            out.append(np.column_stack([x, y]))
        return out

    drawn = {iso3: rings(r) for iso3, r in world["countries"].items() if r}
    other = {name: rings(r) for name, r in world["other"].items() if r}
    return drawn, other


@cache
def _points() -> dict[str, tuple[float, float]]:
    """Projected positions of the countries too small for an outline (one dot each)."""
    world = _world()
    scale = float(world["scale"])
    out = {}
    for iso3, (lon, lat) in world.get("points", {}).items():
        (x,), (y,) = equal_earth(np.array([lon / scale]), np.array([lat / scale]))
        out[iso3] = (float(x), float(y))
    return out


def choropleth_coverage() -> dict[str, list[str]]:
    """Which of the index's countries the map outlines, and which are too small to (ISO3 lists).

    The too-small ones are drawn as dots where ``world.json`` places them; ``"dots"`` lists those.

    >>> coverage = choropleth_coverage()
    >>> len(coverage["drawn"]) + len(coverage["too_small"])
    193
    >>> "TUV" in coverage["too_small"], "BEL" in coverage["drawn"]
    (True, True)
    """
    drawn, _ = _projected()
    codes = [c.iso3 for c in countries.all_countries()]
    return {
        "drawn": sorted(c for c in codes if c in drawn),
        "too_small": sorted(c for c in codes if c not in drawn),
        "dots": sorted(c for c in codes if c not in drawn and c in _points()),
    }


def _measure_id(measure: str) -> str:
    try:
        return catalogue.get(measure).id
    except UnknownIndicatorError:
        found = catalogue.id_for_label(measure)
        if found is None:
            raise UnknownIndicatorError(
                f"unknown measure {measure!r}; use a composite or indicator id such as "
                "'criminality' or 'cocaine_trade'"
            ) from None
        return found


def _resolve(measure: str, edition: int | None):
    """The measure's catalogue entry and id and the edition, checked as :func:`choropleth` does."""
    measure = _measure_id(measure)
    entry = catalogue.get(measure)
    from ..dataset import check_edition

    edition = check_edition(edition)
    if not entry.in_edition(edition):
        raise UnknownIndicatorError(
            f"{entry.label.lower()} is not scored in the {edition} edition (scored since {entry.since})"
        )
    return entry, measure, edition


def choropleth(
    measure: str = "criminality", edition: int | None = None, country: str | None = None
) -> Figure:
    """World map of one composite or indicator (ids or labels), the country outlined if given.

    All scores share the fixed 1–10 colour scale, so maps of different measures compare. Countries
    too small for an outline at this scale (28 microstates and small islands) are dots in the same
    colours, named in the note and the alt text; territories outside the index are light grey.

    >>> fig = choropleth("cocaine_trade", 2023, country="Belgium")
    >>> from ocanalysis.figures import title
    >>> title(fig)
    'Cocaine trade, 2023: Belgium outlined'
    """
    entry, measure, edition = _resolve(measure, edition)
    place = countries.lookup(country) if country is not None else None
    with theme():
        fig, ax = _draw_map(entry, measure, edition)
        heading = _heading(entry, edition) + _mark(ax, place)
        set_title(fig, heading)
        _add_note(fig, edition)
    fig.ocanalysis_coverage = choropleth_coverage()
    set_alt(fig, _map_alt(measure, edition, place))
    return fig


def _draw_map(entry, measure: str, edition: int):
    """The figure with everything the same for every country: fills, dots, colour bar."""
    from ..dataset import wide

    scores = wide(edition).set_index("iso3")[measure].astype(float)
    drawn, other = _projected()
    coverage = choropleth_coverage()
    norm = Normalize(vmin=1, vmax=10)
    fig = new_figure(9.0, 5.6)
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_aspect("equal")
    other_polys = [ring for rings in other.values() for ring in rings]
    ax.add_collection(
        PolyCollection(
            other_polys, facecolors=BACKGROUND_LAND, edgecolors="#C8C8C8", linewidths=0.3,
            gid="other", zorder=1,
        )
    )  # fmt: skip
    # Larger countries first, so enclaves (Lesotho in South Africa) are drawn on top.
    order = sorted(drawn, key=lambda c: -sum(_area(r) for r in drawn[c]))
    polys, values, owners = [], [], []
    for iso3 in order:
        for ring in drawn[iso3]:
            polys.append(ring)
            values.append(scores.get(iso3, np.nan))
            owners.append(iso3)
    values = np.asarray(values, dtype=float)
    collection = PolyCollection(
        polys, array=np.ma.masked_invalid(values), norm=norm,
        cmap=mpl.colormaps[SEQUENTIAL_CMAP].with_extremes(bad=MISSING_COLOR),
        edgecolors="white", linewidths=0.25, gid="countries", zorder=2,
    )  # fmt: skip
    collection.ocanalysis_owners = owners  # the ISO3 of each drawn polygon, in order
    ax.add_collection(collection)
    dots = _points()
    dot_codes = [c for c in coverage["too_small"] if c in dots]
    dot_collection = ax.scatter(
        [dots[c][0] for c in dot_codes], [dots[c][1] for c in dot_codes],
        c=[scores.get(c, np.nan) for c in dot_codes], cmap=collection.get_cmap(), norm=norm,
        s=16, edgecolors="#333333", linewidths=0.4, zorder=3, gid="dots",
        plotnonfinite=True,
    )  # fmt: skip
    dot_collection.ocanalysis_owners = dot_codes
    # The widest point is the equator; Antarctica (below 58°S) is not drawn.
    (x_max,), _ = equal_earth(np.array([180.0]), np.array([0.0]))
    _, (y_min, y_max) = equal_earth(np.array([0.0, 0.0]), np.array([-58.0, 84.0]))
    ax.set_xlim(-x_max - 0.02, x_max + 0.02)
    ax.set_ylim(y_min, y_max)
    bar = fig.colorbar(
        collection, ax=ax, orientation="horizontal", shrink=0.45, aspect=30, pad=0.02
    )
    bar.set_label(f"{entry.label} (1–10)")
    bar.set_ticks(range(1, 11))
    bar.outline.set_visible(False)
    return fig, ax


def _heading(entry, edition: int) -> str:
    return f"{entry.label}, {edition}"


def _mark_words(place) -> str:
    """What the title says of the country ('' for none)."""
    if place is None:
        return ""
    if place.iso3 in _projected()[0]:
        return f": {place.name} outlined"
    if place.iso3 in _points():
        return f": {place.name} circled (too small to outline)"
    return f": {place.name} too small to draw"


def _mark(ax, place, axes_width: float | None = None) -> str:
    """Outline (or circle) the country on the map; the title's words for it ('' for none).

    ``axes_width`` is the map's width as a fraction of the figure's, as it was before the figure
    was first laid out (the pointer's label is placed from it); by default the current one.
    """
    if place is not None:
        drawn, _ = _projected()
        dots = _points()
        if place.iso3 in drawn:
            _outline(ax, drawn[place.iso3], place.name, axes_width)
        elif place.iso3 in dots:
            _circle(ax, dots[place.iso3], place.name, axes_width)
    return _mark_words(place)


def _add_note(fig: Figure, edition: int) -> None:
    coverage = choropleth_coverage()
    names = _names()
    small = [names[c] for c in coverage["too_small"]]
    add_note(
        fig,
        f"Too small to outline at this scale, shown as dots ({len(small)}): {', '.join(small)}. "
        f"Grey: territories outside the index. Boundaries: Natural Earth 1:110m (public domain); "
        f"Equal Earth projection. Data: Global Organized Crime Index {edition}.",
    )


def _names() -> dict[str, str]:
    return {c.iso3: c.name for c in countries.all_countries()}


# --------------------------------------------------------------------------- the report's fast path
# A report draws the same map for every country of an edition but for the title and the
# country's marks (outline or circle, and a pointer for small ones). The map without those is
# laid out and drawn once per process, exactly as to_png draws the full figure; each country's
# image is those pixels restored, with only the title and the marks drawn on top (Agg blitting),
# in the order a full draw uses. The result is pixel for pixel the full draw's.


class MapImage(NamedTuple):
    """A map as a report embeds it: PNG bytes, alt text and title."""

    png: bytes
    alt: str
    title: str


@dataclass(eq=False)
class _MapBase:
    """A map laid out and drawn without title or marks, and what drawing on it needs."""

    fig: Figure
    ax: object
    title: Text
    background: object  # the Agg canvas's copy of every pixel
    bands: PngBands  # the same pixels' PNG rows, compressed
    axes_width: float  # the map's width before the layout: _pointer places labels from it
    layout_box: tuple  # what the layout measured of the map's axes (see _layout_box)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _map_figure(measure: str, edition: int, heading: str):
    """The figure choropleth() builds, but for the country's marks, titled ``heading``."""
    entry = catalogue.get(measure)
    with theme():
        fig, ax = _draw_map(entry, measure, edition)
        set_title(fig, heading)
        _add_note(fig, edition)
    return fig, ax


@cache
def _map_base(
    measure: str, edition: int, title_height: float, heading: str, source: str
) -> _MapBase:
    """The map laid out for a title ``title_height`` pixels tall (``heading`` is one such title)
    from the data in ``source`` (the dataset's path: a process may switch datasets).

    Constrained layout uses the title only through its height, so all titles as tall share one
    layout; see :func:`_base_for`.
    """
    fig, ax = _map_figure(measure, edition, heading)
    axes_width = ax.get_position().width
    title = fig._suptitle
    with mpl.rc_context(SAVE_RC):
        # Laid out and drawn as to_png does (savefig lays out once, then draws), then the layout
        # is kept and the figure drawn again without its title.
        fig.savefig(io.BytesIO(), format="rgba", dpi=PNG_DPI)
        fig.set_layout_engine("none")
        title.set_visible(False)
        fig.canvas.draw()
    background = fig.canvas.copy_from_bbox(fig.bbox)
    bands = png_bands(np.asarray(fig.canvas.buffer_rgba()))
    _unlaid_map(measure, edition, source)  # for countries with a pointer, ready with the rest
    return _MapBase(fig, ax, title, background, bands, axes_width, _layout_box(ax))


_FIRST_HEADING: dict[tuple[str, int, float, str], str] = {}
_FIRST_HEADING_LOCK = threading.Lock()


def _base_for(measure: str, edition: int, heading: str) -> _MapBase:
    """The base laid out as choropleth() lays out the map titled ``heading``.

    Most titles are as tall as each other; one with taller glyphs (accents, say) moves the map
    down a little, and gets a base of its own.
    """
    source = _source()
    with _FIRST_HEADING_LOCK:
        height = _title_height(heading)
        first = _FIRST_HEADING.setdefault((measure, edition, height, source), heading)
    return _map_base(measure, edition, height, first, source)


@cache
def _title_probe() -> Text:
    """A title styled as the map's, to measure others with (callers hold _FIRST_HEADING_LOCK)."""
    with theme():
        fig = new_figure(9.0, 5.6)
        set_title(fig, "")
    return fig._suptitle


def _title_height(heading: str) -> float:
    """The title's height as constrained layout measures it."""
    probe = _title_probe()
    probe.set_text(heading)
    return probe.get_tightbbox(probe.figure.canvas.get_renderer()).height


@cache
def _unlaid_map(measure: str, edition: int, source: str):
    """The map as it is before any layout, where the layout's first pass measures it."""
    fig, ax = _map_figure(measure, edition, "")
    return ax, _layout_box(ax), threading.Lock()


def _layout_box(ax) -> tuple[float, ...]:
    """The extent constrained layout measures of the map's axes (x0, y0, x1, y1, pixels)."""
    return tuple(ax.get_tightbbox(ax.figure.canvas.get_renderer(), for_layout_only=True).extents)


def _inside(ax, added, box: tuple[float, ...]) -> bool:
    """Whether the marks leave the axes' layout extent ``box`` as it is: all inside it, or
    skipped by the layout (clipped to the axes, hidden or out of the layout), as
    ``Axes.get_tightbbox`` unites them."""
    renderer = ax.figure.canvas.get_renderer()
    x0, y0, x1, y1 = box
    for artist in added:
        if (
            not artist.get_visible()
            or not artist.get_in_layout()
            or artist._fully_clipped_to_axes()
        ):
            continue
        extent = artist.get_tightbbox(renderer)
        if extent is None or not (0 < extent.width < np.inf and 0 < extent.height < np.inf):
            continue
        if extent.x0 < x0 or extent.y0 < y0 or extent.x1 > x1 or extent.y1 > y1:
            return False
    return True


def _add_marks(ax, place, axes_width: float) -> list:
    """Mark the country on ``ax``, as choropleth() does; the artists added."""
    before = set(ax.get_children())
    with theme():
        _mark(ax, place, axes_width)
    return [a for a in ax.get_children() if a not in before]


def _marks_keep_layout(base: _MapBase, measure: str, edition: int, place, added) -> bool:
    """Whether choropleth()'s layout with these marks is the base's: marks clipped to the map
    never count; others (a pointer's label) must stay inside the map both before the layout
    (its first pass) and after it."""
    if not _inside(base.ax, added, base.layout_box):
        return False
    if all(a._fully_clipped_to_axes() for a in added):  # nothing the layout measures
        return True
    ax, box, lock = _unlaid_map(measure, edition, _source())
    with lock:
        probes = _add_marks(ax, place, base.axes_width)
        try:
            return _inside(ax, probes, box)
        finally:
            _remove(probes)


def _remove(artists) -> None:
    for artist in artists:
        artist.remove()


def choropleth_png(
    measure: str = "criminality", edition: int | None = None, country: str | None = None
) -> MapImage:
    """The PNG, alt text and title of ``choropleth(measure, edition, country)``, at a tenth of
    the cost of ``to_png`` for most countries once the edition's map has been drawn (once per
    process, about 0.5 s; see ``benchmarks/bench_figures.py --maps``).

    The pixels are those of ``to_png(choropleth(...))`` (checked for every country of every
    edition's criminality map); the bytes depend only on the arguments, never on what was drawn
    before. Where the country's marks could change the full draw's layout (a pointer's label
    reaching out of the map: 11 of the 193, Pacific islands, St. Vincent and the Grenadines,
    the Baltic states and Denmark) the map is drawn in full, and a title taller than most
    (Côte d'Ivoire's accents) gets a base of its own.

    >>> image = choropleth_png("criminality", 2023, country="Belgium")
    >>> image.title, image.png[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    ('Criminality, 2023: Belgium outlined', True)
    >>> image.png == choropleth_png("criminality", 2023, country="Belgium").png
    True
    """
    entry, measure, edition = _resolve(measure, edition)
    place = countries.lookup(country) if country is not None else None
    heading = _heading(entry, edition) + _mark_words(place)
    alt = _map_alt(measure, edition, place)
    if place is None:  # nothing drawn per country: no base to keep
        return MapImage(_full_png(measure, edition, None), alt, heading)
    base = _base_for(measure, edition, heading)
    fig, ax, title, canvas = base.fig, base.ax, base.title, base.fig.canvas
    png = None
    with base.lock, mpl.rc_context(SAVE_RC):
        added = _add_marks(ax, place, base.axes_width)
        try:
            if _marks_keep_layout(base, measure, edition, place, added):
                canvas.restore_region(base.background)
                title.set_text(heading)
                title.set_visible(True)
                # After the fills and dots, as in a full draw (whose sort is stable too).
                for artist in sorted(added, key=lambda a: a.get_zorder()):
                    fig.draw_artist(artist)
                fig.draw_artist(title)
                png = encode_png(np.asarray(canvas.buffer_rgba()), reference=base.bands)
        finally:
            _remove(added)
            title.set_visible(False)
    if png is None:
        png = _full_png(measure, edition, country)
    return MapImage(png, alt, heading)


def _full_png(measure: str, edition: int, country: str | None) -> bytes:
    """``choropleth(...)`` drawn in full as to_png draws it, encoded as the fast path encodes."""
    fig = choropleth(measure, edition, country)
    buffer = io.BytesIO()
    with mpl.rc_context(SAVE_RC):
        fig.savefig(buffer, format="rgba", dpi=PNG_DPI)
    width, height = (int(v) for v in fig.canvas.get_width_height())
    return encode_png(np.frombuffer(buffer.getvalue(), np.uint8).reshape(height, width, 4))


def _forget_maps() -> None:
    """Drop every base map drawn in this process (tests: a cold start in a warm process)."""
    with _FIRST_HEADING_LOCK:
        _FIRST_HEADING.clear()
        _map_base.cache_clear()
        _unlaid_map.cache_clear()
        _alt_parts.cache_clear()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


# PNG rows are compressed in bands of this many, each band on its own (a zlib full flush): the
# bands an image shares with another compress to the same bytes, so they are compressed once.
_BAND_ROWS = 16


@dataclass(eq=False)
class PngBands:
    """An image's PNG rows and their compressed bands, for encoding images that differ from it
    in a few rows (a map with a title and an outline drawn on its base)."""

    rows: np.ndarray
    bands: list[bytes]


def png_bands(rgba: np.ndarray) -> PngBands:
    """The image's rows and compressed bands, for :func:`encode_png`'s ``reference``."""
    rows = _png_rows(rgba)
    return PngBands(rows, [_deflate_band(rows[i : i + _BAND_ROWS]) for i in _band_starts(rows)])


def _band_starts(rows: np.ndarray) -> range:
    return range(0, rows.shape[0], _BAND_ROWS)


def _png_rows(rgba: np.ndarray) -> np.ndarray:
    """PNG's raw rows: a filter byte (0, None) then the pixels; RGB when all are opaque."""
    height, width, _ = rgba.shape
    channels = 3 if bool((rgba[..., 3] == 255).all()) else 4
    rows = np.empty((height, 1 + width * channels), np.uint8)
    rows[:, 0] = 0
    pixels = rgba.reshape(height, width * 4)
    for channel in range(channels):  # channel by channel: ~10 times faster than one 4-to-3 copy
        rows[:, 1 + channel :: channels] = pixels[:, channel::4]
    return rows


def _deflate_band(rows: np.ndarray) -> bytes:
    compressor = zlib.compressobj(PNG_COMPRESSION, zlib.DEFLATED, -15)  # raw deflate
    return compressor.compress(rows.tobytes()) + compressor.flush(zlib.Z_FULL_FLUSH)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def encode_png(
    rgba: np.ndarray, dpi: float = PNG_DPI, *, reference: PngBands | None = None
) -> bytes:
    """Pixels (height × width × RGBA, uint8) as PNG bytes: RGB when every pixel is opaque, rows
    unfiltered, no metadata but the dpi (as to_png writes it). The bytes depend on the pixels
    only: ``reference`` (another image's :func:`png_bands`) saves compressing the bands of rows
    the two share, and changes nothing else.

    A map's flat colours compress better unfiltered than with Pillow's per-row filter choice,
    which takes most of Pillow's encoding time.

    >>> pixels = np.zeros((40, 3, 4), np.uint8); pixels[..., 3] = 255; pixels[0, 0, 0] = 200
    >>> from PIL import Image
    >>> decoded = Image.open(io.BytesIO(encode_png(pixels)))
    >>> decoded.mode, decoded.size, decoded.getpixel((0, 0)), round(decoded.info["dpi"][0])
    ('RGB', (3, 40), (200, 0, 0), 100)
    >>> other = pixels.copy(); other[39, 2, 1] = 7
    >>> encode_png(other, reference=png_bands(pixels)) == encode_png(other)
    True
    """
    height, width, _ = rgba.shape
    rows = _png_rows(rgba)
    same_shape = reference is not None and reference.rows.shape == rows.shape
    deflated = [
        reference.bands[n]
        if same_shape
        and np.array_equal(rows[i : i + _BAND_ROWS], reference.rows[i : i + _BAND_ROWS])
        else _deflate_band(rows[i : i + _BAND_ROWS])
        for n, i in enumerate(_band_starts(rows))
    ]
    # A zlib stream: header, the bands' deflate blocks, an empty final block, Adler-32.
    idat = b"".join(
        [b"\x78\x5e", *deflated, b"\x03\x00", struct.pack(">I", zlib.adler32(rows.tobytes()))]
    )
    per_metre = int(dpi / 0.0254 + 0.5)  # as Pillow (to_png's encoder) writes pHYs
    color_type = 2 if rows.shape[1] == 1 + 3 * width else 6  # RGB or RGBA
    header = struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0)
    return b"".join(
        [
            b"\x89PNG\r\n\x1a\n",
            _png_chunk(b"IHDR", header),
            _png_chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
            _png_chunk(b"IDAT", idat),
            _png_chunk(b"IEND", b""),
        ]
    )


def _area(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * abs(float(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))))


def _circle(ax, point: tuple[float, float], name: str, axes_width: float | None = None) -> None:
    """A ring around a country drawn as a dot, and its name."""
    ax.scatter(
        [point[0]], [point[1]], s=210, facecolors="none", edgecolors="black", linewidths=2.6,
        zorder=4, gid="circle-under",
    )  # fmt: skip
    ax.scatter(
        [point[0]], [point[1]], s=210, facecolors="none", edgecolors=COUNTRY.color,
        linewidths=1.3, zorder=4, gid="circle",
    )  # fmt: skip
    _pointer(ax, point, name, axes_width)


# Label offsets (points) tried in turn: the first whose label sits over sea wins.
_POINTER_OFFSETS = (
    (-36, 24),
    (36, 24),
    (-36, -24),
    (36, -24),
    (-60, 0),
    (60, 0),
    (0, 40),
    (0, -40),
)


@cache
def _land() -> list[MplPath]:
    drawn, other = _projected()
    return [MplPath(ring) for rings in (*drawn.values(), *other.values()) for ring in rings]


@cache
def _land_extents() -> np.ndarray:
    """Each land path's extent (x0, y0, x1, y1), to test only the paths near a point."""
    return np.array([[*path.vertices.min(axis=0), *path.vertices.max(axis=0)] for path in _land()])


def _over_land(x: float, y: float) -> bool:
    extents, land = _land_extents(), _land()
    near = (extents[:, 0] <= x) & (x <= extents[:, 2]) & (extents[:, 1] <= y) & (y <= extents[:, 3])
    return any(land[i].contains_point((x, y)) for i in np.flatnonzero(near))


def _pointer(ax, point, name, axes_width: float | None = None) -> None:
    """Name the country beside it, with a leader line, on the first nearby spot over sea."""
    cx, cy = point
    x0, x1 = ax.get_xlim()
    # Data units per point, from the axes' width on the page (equal aspect: same both ways).
    if axes_width is None:
        axes_width = ax.get_position().width
    per_point = (x1 - x0) / (axes_width * ax.figure.get_figwidth() * 72)
    half_width = 0.5 * len(name) * 9 * 0.62 * per_point  # bold 9 pt text
    dx, dy = _label_offset(cx, cy, half_width, per_point)
    ax.annotate(
        name, xy=(cx, cy), xytext=(dx, dy), textcoords="offset points", fontsize=9,
        fontweight="bold", color=COUNTRY.color, zorder=5, va="center",
        ha="left" if dx > 0 else ("right" if dx < 0 else "center"),
        arrowprops={"arrowstyle": "-", "color": "black", "lw": 0.9, "shrinkB": 6},
        bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.85},
    )  # fmt: skip


@cache
def _label_offset(cx: float, cy: float, half_width: float, per_point: float) -> tuple[int, int]:
    """The first of the offsets whose label (``half_width`` either side) sits over sea."""
    for dx, dy in _POINTER_OFFSETS:
        centre_x = cx + dx * per_point + (half_width if dx > 0 else -half_width if dx < 0 else 0)
        centre_y = cy + dy * per_point
        probes = [
            (centre_x - half_width, centre_y),
            (centre_x, centre_y),
            (centre_x + half_width, centre_y),
        ]
        if not any(_over_land(x, y) for x, y in probes):
            return dx, dy
    return _POINTER_OFFSETS[0]


def _outline(ax, rings: list[np.ndarray], name: str, axes_width: float | None = None) -> None:
    """A two-tone outline (black under the country colour) and a pointer for small countries."""
    for width, color, gid in ((2.6, "black", "outline-under"), (1.3, COUNTRY.color, "outline")):
        ax.add_collection(
            PolyCollection(
                rings, facecolors="none", edgecolors=color, linewidths=width, gid=gid, zorder=3
            )
        )
    largest = max(rings, key=_area)
    if sum(_area(r) for r in rings) < 0.002:  # small on the page: point at it
        _pointer(ax, tuple(largest.mean(axis=0)), name, axes_width)


def _source() -> str:
    """The dataset file in use: what the per-process caches here are keyed by."""
    return str(dataset.data_dir() / dataset.DATA_FILE)


@cache
def _alt_parts(
    measure: str, edition: int, source: str
) -> tuple[str, dict[str, float], dict[str, int], str]:
    """The alt text's parts that are the same for every country of an edition: its opening,
    the scores and ranks, and its closing list of the countries too small to outline (cached
    per dataset path, ``source``)."""
    from ..dataset import wide

    entry = catalogue.get(measure)
    scored = wide(edition)[["iso3", "country", measure]].dropna()
    ordered = scored.sort_values([measure, "country"], ascending=[False, True])
    top = ", ".join(
        f"{r.country} ({fmt(getattr(r, measure))})" for r in ordered.head(3).itertuples()
    )
    low = ", ".join(
        f"{r.country} ({fmt(getattr(r, measure))})" for r in ordered.tail(3).iloc[::-1].itertuples()
    )
    opening = (
        f"World map of {entry.label.lower()} scores (1–10) in the {edition} Global Organized Crime "
        f"Index, {len(scored)} countries, shaded from dark (low) to yellow (high). "
        f"Highest: {top}. Lowest: {low}."
    )
    ranks = rank_desc(scored[measure]).set_axis(scored["iso3"])
    scores = dict(zip(scored["iso3"], scored[measure].astype(float), strict=True))
    too_small = choropleth_coverage()["too_small"]
    names = _names()
    closing = (
        f" Too small to outline at this scale, shown as dots ({len(too_small)}): "
        f"{', '.join(names[c] for c in too_small)}."
    )
    return opening, scores, {c: int(r) for c, r in ranks.items()}, closing


def _map_alt(measure: str, edition: int, place) -> str:
    opening, scores, ranks, closing = _alt_parts(measure, edition, _source())
    text = opening
    if place is not None:
        state = (
            "outlined"
            if place.iso3 in choropleth_coverage()["drawn"]
            else "too small to outline at this scale, circled as a dot"
        )
        text += (
            f" {place.name} ({state}) scores {fmt(scores[place.iso3])}, ranked "
            f"{ranks[place.iso3]} of {len(scores)}."
        )
    return " ".join((text + closing).split())  # as set_alt stores it
