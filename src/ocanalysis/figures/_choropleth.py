"""A world map of any composite or indicator, drawn from geometry that ships with the package.

The outlines are Natural Earth's 1:110m countries (public domain), converted once by
``tools/build_world_geometry.py`` into ``world.json`` (rings in tenths of a degree); nothing is
fetched at run time and no GIS library is needed. At that scale 28 of the 193 countries (small
island states and microstates) have no outline: :func:`choropleth_coverage` lists them and every
map names them in its note and alt text. The projection is Equal Earth (equal-area), computed here.

Reports show the map once per country, the same map but for its title and the country's marks:
:func:`choropleth_svg` draws the rest once per process and edition with matplotlib, encodes it
once as a PNG, and gives each country an SVG document of those pixels with the title and the
country's outline (or circle and pointer) drawn over them as vectors, in the same coordinates.
"""

from __future__ import annotations

import base64
import io
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import matplotlib as mpl
import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.colors import Normalize, to_hex
from matplotlib.figure import Figure
from matplotlib.path import Path as MplPath
from PIL import Image

from .. import catalogue, countries, dataset, i18n
from ..errors import UnknownIndicatorError
from ..i18n import _
from ..scoring import rank_desc
from . import _stored_maps
from ._chart import Hotspot
from ._encode import PNG_DPI, SAVE_RC
from ._svg import Canvas, _num, line_metrics, unhinted_text_width
from ._theme import (
    BACKGROUND_LAND,
    COUNTRY,
    EDGE,
    MISSING_COLOR,
    SEQUENTIAL_CMAP,
    add_note,
    fmt,
    new_figure,
    set_alt,
    set_title,
    theme,
    title_lines,
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
    drawn, _dots = _projected()
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
    measure: str = "criminality",
    edition: int | None = None,
    country: str | None = None,
    *,
    members: Iterable[str] | None = None,
    name: str | None = None,
) -> Figure:
    """World map of one composite or indicator (ids or labels), the country outlined if given.

    With ``members`` (ISO3 codes or names of a group called ``name``: a region, a continent, the
    countries compared) the map is zoomed to them and each is outlined (a dot circled).

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
    group = [countries.lookup(m) for m in members] if members is not None else []
    with theme():
        fig, ax = _draw_map(entry, measure, edition)
        heading = _heading(entry, edition) + _mark(ax, place)
        if group:
            heading += _zoom(ax, group, name or _("the group"))
        set_title(fig, heading)
        _add_note(fig, edition)
        if group:  # laid out once now: encoding then draws it once, not twice (as _map_base)
            fig.get_layout_engine().execute(fig)
            fig.set_layout_engine("none")
    fig.ocanalysis_coverage = choropleth_coverage()
    alt = _map_alt(measure, edition, place)
    if group:
        alt += " " + _group_alt(measure, edition, group, name or _("the group"))
    set_alt(fig, alt)
    return fig


MAP_PNG_COMPRESSION = 6  # zlib level of a map's pixels (see _map_base)
ZOOM_MARGIN = 0.12  # of the members' extent, on each side
_GROUP_STROKE = (1.1, "#000000")


def _zoom(ax, group, name: str) -> str:
    """Outline every member, zoom to them (each member's main land mass and dots, so an overseas
    territory does not widen the view), and return the title's words."""
    drawn, dots = _projected()[0], _points()
    rings = [ring for c in group if c.iso3 in drawn for ring in drawn[c.iso3]]
    width, color = _GROUP_STROKE
    ax.add_collection(
        PolyCollection(
            rings, facecolors="none", edgecolors=color, linewidths=width, gid="group", zorder=3
        )
    )
    small = [dots[c.iso3] for c in group if c.iso3 not in drawn and c.iso3 in dots]
    if small:
        ax.scatter(
            [x for x, _y in small],
            [y for _x, y in small],
            s=_RING_AREA * 0.6,
            facecolors="none",
            edgecolors=color,
            linewidths=width,
            zorder=4,
            gid="group-dots",
        )
    anchors = [max(drawn[c.iso3], key=_area) for c in group if c.iso3 in drawn]
    points = np.vstack([*anchors, *(np.array([p]) for p in small)]) if anchors or small else None
    if points is not None:
        # Members across the date line (Samoa, Tonga for Oceania) would widen the view to the
        # whole world: the view follows the members on the side of the median.
        full_width = ax.get_xlim()[1] - ax.get_xlim()[0]
        near = np.abs(points[:, 0] - np.median(points[:, 0])) <= 0.4 * full_width
        points = points[near]
        (x0, y0), (x1, y1) = points.min(axis=0), points.max(axis=0)
        pad = ZOOM_MARGIN * max(x1 - x0, y1 - y0, 0.05)
        x0, x1, y0, y1 = x0 - pad, x1 + pad, y0 - pad, y1 + pad
        # Keep the plot's proportions: widen the shorter side around its middle.
        full_x, full_y = ax.get_xlim(), ax.get_ylim()
        ratio = (full_x[1] - full_x[0]) / (full_y[1] - full_y[0])
        if (x1 - x0) / (y1 - y0) < ratio:
            middle, half = (x0 + x1) / 2, (y1 - y0) * ratio / 2
            x0, x1 = middle - half, middle + half
        else:
            middle, half = (y0 + y1) / 2, (x1 - x0) / ratio / 2
            y0, y1 = middle - half, middle + half
        ax.set_xlim(max(x0, full_x[0]), min(x1, full_x[1]))
        ax.set_ylim(max(y0, full_y[0]), min(y1, full_y[1]))
        _drop_outside(ax)
    return _(": {name} outlined").format(name=name)


def _drop_outside(ax) -> None:
    """Leave out of the zoomed map's collections the polygons wholly outside its view: drawing
    them, clipped to nothing, was most of a zoomed map's time."""
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    for collection in ax.collections:
        if not isinstance(collection, PolyCollection) or collection.get_gid() == "group":
            continue
        paths = collection.get_paths()
        keep = [
            i
            for i, path in enumerate(paths)
            if (box := path.get_extents()).x1 >= x0
            and box.x0 <= x1
            and box.y1 >= y0
            and box.y0 <= y1
        ]
        if len(keep) == len(paths):
            continue
        values = collection.get_array()
        owners = getattr(collection, "ocanalysis_owners", None)
        collection.set_verts(
            [paths[i].vertices[:-1] for i in keep]
        )  # closed paths: drop the repeat
        if values is not None:
            collection.set_array(values[keep])
        if owners is not None:
            collection.ocanalysis_owners = [owners[i] for i in keep]


def _group_alt(measure: str, edition: int, group, name: str) -> str:
    _opening, scores, ranks, _closing = _alt_parts(measure, edition, _source())
    listed = ", ".join(
        f"{i18n.country(c.iso3)} {fmt(scores[c.iso3])} ({ranks[c.iso3]})"
        for c in group
        if c.iso3 in scores
    )
    return _(
        "The map is zoomed to {name}, whose {count} countries are outlined; their scores (and "
        "ranks of {total}): {listed}."
    ).format(name=name, count=len(group), total=len(scores), listed=listed)


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
            other_polys,
            facecolors=BACKGROUND_LAND,
            edgecolors="#C8C8C8",
            linewidths=0.3,
            gid="other",
            zorder=1,
        )
    )
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
        polys,
        array=np.ma.masked_invalid(values),
        norm=norm,
        cmap=mpl.colormaps[SEQUENTIAL_CMAP].with_extremes(bad=MISSING_COLOR),
        edgecolors="white",
        linewidths=0.25,
        gid="countries",
        zorder=2,
    )
    collection.ocanalysis_owners = owners  # the ISO3 of each drawn polygon, in order
    ax.add_collection(collection)
    dots = _points()
    dot_codes = [c for c in coverage["too_small"] if c in dots]
    dot_collection = ax.scatter(
        [dots[c][0] for c in dot_codes],
        [dots[c][1] for c in dot_codes],
        c=[scores.get(c, np.nan) for c in dot_codes],
        cmap=collection.get_cmap(),
        norm=norm,
        s=16,
        edgecolors="#333333",
        linewidths=0.4,
        zorder=3,
        gid="dots",
        plotnonfinite=True,
    )
    dot_collection.ocanalysis_owners = dot_codes
    # The widest point is the equator; Antarctica (below 58°S) is not drawn.
    (x_max,), _y = equal_earth(np.array([180.0]), np.array([0.0]))
    _x, (y_min, y_max) = equal_earth(np.array([0.0, 0.0]), np.array([-58.0, 84.0]))
    ax.set_xlim(-x_max - 0.02, x_max + 0.02)
    ax.set_ylim(y_min, y_max)
    bar = fig.colorbar(
        collection, ax=ax, orientation="horizontal", shrink=0.45, aspect=30, pad=0.02
    )
    bar.set_label(f"{i18n.label(entry.id)} (1–10)")
    bar.set_ticks(range(1, 11))
    bar.outline.set_visible(False)
    return fig, ax


def _heading(entry, edition: int) -> str:
    return f"{i18n.label(entry.id)}, {edition}"


def _mark_words(place) -> str:
    """What the title says of the country ('' for none)."""
    if place is None:
        return ""
    if place.iso3 in _projected()[0]:
        return _(": {name} outlined").format(name=i18n.country(place.iso3))
    if place.iso3 in _points():
        return _(": {name} circled (too small to outline)").format(name=i18n.country(place.iso3))
    return _(": {name} too small to draw").format(name=i18n.country(place.iso3))


def _add_note(fig: Figure, edition: int) -> None:
    coverage = choropleth_coverage()
    names = _names()
    small = [names[c] for c in coverage["too_small"]]
    add_note(
        fig,
        _(
            "Too small to outline at this scale, shown as dots ({count}): {names}. Grey: "
            "territories outside the index. Boundaries: Natural Earth 1:110m (public domain); "
            "Equal Earth projection. Data: Global Organized Crime Index {edition}."
        ).format(count=len(small), names=", ".join(small), edition=edition),
    )


def _names() -> dict[str, str]:
    return {c.iso3: i18n.country(c.iso3) for c in countries.all_countries()}


# --------------------------------------------------------------------------- the country's marks
# What choropleth() draws over the map for one country, decided here once for both renderers:
# the matplotlib figure and the report's SVG (choropleth_svg).

_STROKES = ((2.6, "#000000"), (1.3, COUNTRY.color))  # two-tone: black under the country colour
_RING_AREA = 210.0  # a circled dot's ring, as a scatter size (points²)
_SMALL_AREA = 0.002  # outlined countries smaller than this (plane units²) get a pointer too
_LABEL_SIZE = 9.0  # the pointer's label: bold, in the country colour, on a white box
_LABEL_PAD = 0.2  # the box around the label's text, in ems; its corners are as round
# Opaque: the label's contrast (WCAG AA, 4.5:1) must not depend on the map under its box.
_LABEL_OPACITY = 1.0
_LEADER = {"width": 0.9, "color": "#000000", "gap_label": 2.0, "gap_point": 6.0}  # points
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


@dataclass(frozen=True, eq=False)
class _Marks:
    """How the country is marked: its rings outlined, or its dot circled, and where a pointer to
    its name points (None: no pointer)."""

    name: str
    rings: list[np.ndarray] | None = None
    dot: tuple[float, float] | None = None
    pointer: tuple[float, float] | None = None


def _marks(place) -> _Marks | None:
    if place is None:
        return None
    drawn, dots = _projected()[0], _points()
    if place.iso3 in drawn:
        rings = drawn[place.iso3]
        small = sum(_area(r) for r in rings) < _SMALL_AREA  # small on the page: point at it
        pointer = tuple(map(float, max(rings, key=_area).mean(axis=0))) if small else None
        return _Marks(i18n.country(place.iso3), rings=rings, pointer=pointer)
    if place.iso3 in dots:
        return _Marks(i18n.country(place.iso3), dot=dots[place.iso3], pointer=dots[place.iso3])
    return None


def _mark(ax, place) -> str:
    """Outline (or circle) the country on the map; the title's words for it ('' for none)."""
    marks = _marks(place) or _Marks("")
    for (width, color), suffix in zip(_STROKES, ("-under", ""), strict=True):
        if marks.rings is not None:
            ax.add_collection(
                PolyCollection(
                    marks.rings,
                    facecolors="none",
                    edgecolors=color,
                    linewidths=width,
                    gid="outline" + suffix,
                    zorder=3,
                )
            )
        if marks.dot is not None:
            ax.scatter(
                [marks.dot[0]],
                [marks.dot[1]],
                s=_RING_AREA,
                facecolors="none",
                edgecolors=color,
                linewidths=width,
                zorder=4,
                gid="circle" + suffix,
            )
    if marks.pointer is not None:
        _pointer(ax, marks.pointer, marks.name)
    return _mark_words(place)


def _pointer(ax, point, name) -> None:
    """Name the country beside it, with a leader line, on the first nearby spot over sea."""
    per_point = _per_point(ax)
    dx, dy = _label_offset(*point, _half_label_width(name, per_point), per_point)
    ax.annotate(
        name,
        xy=point,
        xytext=(dx, dy),
        textcoords="offset points",
        fontsize=_LABEL_SIZE,
        fontweight="bold",
        color=COUNTRY.text_color,
        zorder=5,
        va="center",
        ha="left" if dx > 0 else ("right" if dx < 0 else "center"),
        arrowprops={
            "arrowstyle": "-",
            "color": _LEADER["color"],
            "lw": _LEADER["width"],
            "shrinkA": _LEADER["gap_label"],
            "shrinkB": _LEADER["gap_point"],
        },
        bbox={
            "boxstyle": f"round,pad={_LABEL_PAD}",
            "fc": "white",
            "ec": "none",
            "alpha": _LABEL_OPACITY,
        },
    )


def _per_point(ax) -> float:
    """Data units per point, from the map's width on the page before the layout (equal aspect:
    the same both ways): what choropleth() places a pointer's label with."""
    x0, x1 = ax.get_xlim()
    return (x1 - x0) / (ax.get_position().width * ax.figure.get_figwidth() * 72)


def _half_label_width(name: str, per_point: float) -> float:
    return 0.5 * len(name) * _LABEL_SIZE * 0.62 * per_point  # an estimate of bold 9 pt text


def _label_over_sea(cx: float, cy: float, half_width: float, per_point: float, offset) -> bool:
    """Whether the label at ``offset`` (points) from (cx, cy), ``half_width`` either side of its
    centre, sits over sea."""
    dx, dy = offset
    centre_x = cx + dx * per_point + (half_width if dx > 0 else -half_width if dx < 0 else 0)
    centre_y = cy + dy * per_point
    probes = (centre_x - half_width, centre_x, centre_x + half_width)
    return not any(_over_land(x, centre_y) for x in probes)


@cache
def _label_offset(cx: float, cy: float, half_width: float, per_point: float) -> tuple[int, int]:
    """The first of the offsets whose label sits over sea."""
    return next(
        (o for o in _POINTER_OFFSETS if _label_over_sea(cx, cy, half_width, per_point, o)),
        _POINTER_OFFSETS[0],
    )


def _area(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * abs(float(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))))


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


# --------------------------------------------------------------------------- the report's map
# A report shows the same map for every country of an edition but for the title and the
# country's marks. The rest is drawn once per process with matplotlib, laid out as choropleth()
# lays it out, and encoded once as a PNG; each country's map is an SVG document of that PNG with
# the title and the marks drawn over it as vectors, in the figure's own coordinates.


@dataclass(frozen=True)
class MapImage:
    """A map as a report embeds it: an SVG document (the map's pixels, with the title and the
    country's marks as vectors over them), its alt text, title and width in points, and for a
    map without a country, whose title is in its pixels, those pixels as a plain PNG (a PDF
    draws it faster than the SVG holding it)."""

    svg: str
    alt: str
    title: str
    width_points: float
    png: bytes | None = None
    hotspots: tuple = ()  # each country's shape and its score, for a page's hover (no script)


@dataclass(frozen=True, eq=False)
class _MapBase:
    """An edition's map laid out and drawn without marks (and without title, or with the one of
    a map without a country), and where they go on it (SVG coordinates: points from the
    top-left corner)."""

    png: bytes  # the pixels: a plain RGB PNG
    width: float
    height: float
    to_points: np.ndarray  # data coordinates to points (3×3 affine)
    axes_box: tuple[float, float, float, float]  # the map's area: left, top, right, bottom
    per_point: float  # what _per_point gives in choropleth(), for the pointer's label
    title_x: float
    title_top: float
    title_style: dict

    def points(self, xy) -> np.ndarray:
        """Data coordinates (n×2) in points."""
        return _affine(self.to_points, xy)

    def data(self, points) -> np.ndarray:
        """Points (n×2) in data coordinates."""
        return _affine(np.linalg.inv(self.to_points), points)


def _affine(matrix: np.ndarray, xy) -> np.ndarray:
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    return xy @ matrix[:2, :2].T + matrix[:2, 2]


@cache
def _map_base(measure: str, edition: int, source: str, titled: bool) -> _MapBase:
    """The map as choropleth(measure, edition) lays it out, drawn with its title if ``titled``
    (from the data in ``source``, the dataset's path and the language: a process may switch
    datasets): kept per process, and drawn once per machine (``_stored_maps``)."""
    return _stored_maps.kept(
        measure, edition, titled, i18n.language(), lambda: _draw_map_base(measure, edition, titled)
    )


def _draw_map_base(measure: str, edition: int, titled: bool) -> _MapBase:
    """The map as :func:`_map_base` keeps it, drawn now. Titles with a country are as tall as
    the one without (but for a few accents), so the layout is theirs too."""
    entry = catalogue.get(measure)
    heading = _heading(entry, edition)
    with theme():
        fig, ax = _draw_map(entry, measure, edition)
        set_title(fig, heading)
        _add_note(fig, edition)
    per_point = _per_point(ax)
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    (title,) = (t for t in fig.texts if t.get_text() == heading)
    rgba = io.BytesIO()
    with mpl.rc_context(SAVE_RC):
        fig.get_layout_engine().execute(fig)  # the layout savefig makes, title included ...
        fig.set_layout_engine("none")  # ... kept for a draw without the title
        title.set_visible(titled)
        fig.savefig(rgba, format="rgba", dpi=PNG_DPI)
    pixels, width_px, height_px = rgba.getvalue(), *fig.canvas.get_width_height()
    png = io.BytesIO()
    # RGB, not to_png's RGBA: the PDF export takes a plain RGB PNG's rows as they are. zlib's
    # level 6: level 9 is 2 % smaller and five times slower (80 ms a map, in every new
    # process's first report).
    Image.frombuffer("RGBA", (width_px, height_px), pixels).convert("RGB").save(
        png, format="PNG", compress_level=MAP_PNG_COMPRESSION, dpi=(PNG_DPI, PNG_DPI)
    )
    width, height = float(fig.get_figwidth() * 72), float(fig.get_figheight() * 72)
    # Pixels (y up) to points (y down).
    flip = np.array([[72 / fig.dpi, 0, 0], [0, -72 / fig.dpi, height], [0, 0, 1]])
    to_points = flip @ ax.transData.get_affine().get_matrix()
    # The map's area: its data limits (equal aspect: the axes' box fits them exactly).
    (left, top), (right, bottom) = _affine(to_points, [(x0, y1), (x1, y0)])
    x, y = title.get_position()  # in the figure, where the layout put it (va="top")
    style = {
        "size": float(title.get_fontsize()),
        "weight": str(title.get_fontweight()),
        "color": to_hex(title.get_color()),
    }
    return _MapBase(
        png.getvalue(),
        width,
        height,
        to_points,
        (left, top, right, bottom),
        per_point,
        x * width,
        (1 - y) * height,
        style,
    )


def choropleth_svg(
    measure: str = "criminality", edition: int | None = None, country: str | None = None
) -> MapImage:
    """``choropleth(measure, edition, country)`` as the report embeds it: an SVG document of the
    map's pixels with the title and the country's marks drawn over them as vectors, with the
    figure's alt text and title. The pixels are drawn once per process and edition (about 0.3 s);
    each country then costs a few milliseconds (``benchmarks/bench_figures.py --maps``).

    The map keeps the layout of the figure without a country: where the figure makes room for a
    pointer's label that would leave the map (some Pacific islands), the label takes the first
    other spot over sea that fits on the page instead.

    >>> image = choropleth_svg("criminality", 2023, country="Belgium")
    >>> image.title, image.svg.count("<image "), image.width_points
    ('Criminality, 2023: Belgium outlined', 1, 648.0)
    >>> image == choropleth_svg("criminality", 2023, country="Belgium")
    True
    """
    entry, measure, edition = _resolve(measure, edition)
    place = countries.lookup(country) if country is not None else None
    heading = _heading(entry, edition) + _mark_words(place)
    alt = _map_alt(measure, edition, place)
    base = _map_base(measure, edition, _source(), titled=place is None)
    hotspots = _hotspots(measure, edition, _source(), titled=place is None)
    canvas = _MapCanvas(base.width, base.height)
    canvas.image("data:image/png;base64," + base64.b64encode(base.png).decode("ascii"))
    if place is None:  # the title is in the pixels
        return MapImage(canvas.to_svg(), alt, heading, base.width, png=base.png, hotspots=hotspots)
    style = base.title_style
    # The layout has room for one line: a long heading (a small state's, in Spanish) shrinks.
    # title_lines keeps EDGE clear on each side; here the title's own margin, base.title_x.
    width = (base.width - 2 * base.title_x + 2 * EDGE) / 72
    size, lines = title_lines(heading, width, style["size"])
    ascent, descent = line_metrics(heading, size, style["weight"])
    title_width = max(unhinted_text_width(line, size, style["weight"]) for line in lines)
    step = ascent + descent
    title_box = (
        base.title_x,
        base.title_top,
        base.title_x + title_width,
        base.title_top + step * len(lines),
    )
    _draw_marks(canvas, base, _marks(place) or _Marks(i18n.country(place.iso3)), title_box)
    # Last, as a figure draws its title after the map.
    for i, line in enumerate(lines):
        canvas.text(
            base.title_x,
            base.title_top + ascent + i * step,
            line,
            size=size,
            weight=style["weight"],
            color=style["color"],
        )
    return MapImage(canvas.to_svg(), alt, heading, base.width, hotspots=hotspots)


def _draw_marks(canvas: _MapCanvas, base: _MapBase, marks: _Marks, title_box) -> None:
    """The country's marks as choropleth() draws them (outline, ring, pointer), in points."""
    if marks.rings is not None:  # clipped to the map's area, as matplotlib clips them
        canvas.outlines([base.points(ring) for ring in marks.rings], _STROKES, base.axes_box)
    if marks.dot is not None:
        (centre,) = base.points(marks.dot)
        for width, color in _STROKES:
            canvas.ring(*centre, math.sqrt(_RING_AREA) / 2, color=color, width=width)
    if marks.pointer is not None:
        _draw_pointer(canvas, base, marks.pointer, marks.name, title_box)


def _draw_pointer(canvas: _MapCanvas, base: _MapBase, point, name: str, title_box) -> None:
    """The pointer choropleth() draws (matplotlib's annotate: leader, box, text), in points."""
    half_width = _half_label_width(name, base.per_point)
    offset = _label_offset(*point, half_width, base.per_point)
    (at,) = base.points(point)
    label = _Label(name, at, offset)
    if not label.fits(base, title_box):
        # The figure makes room for this label by shrinking the map; here the map stays, so the
        # label takes another spot that fits on the page: over sea, off the other dots and at
        # one of the figure's offsets if it can, else moved sideways onto the page.
        dots = base.points(list(_points().values()))
        candidates = [
            candidate
            for o in _POINTER_OFFSETS
            for candidate in (_Label(name, at, o), _Label(name, at, o).onto_page(base))
            if candidate.fits(base, title_box)
        ]
        if candidates:  # min keeps the first of the best
            label = min(
                candidates, key=lambda c: (not c.over_sea(base), c.covers(dots), c.shift != 0)
            )
    canvas.segments([label.leader()], color=_LEADER["color"], width=_LEADER["width"], cap="round")
    pad = _LABEL_PAD * _LABEL_SIZE
    left, top, right, bottom = label.box(pad)
    canvas.rounded_box(left, top, right, bottom, radius=pad, fill="#FFFFFF", opacity=_LABEL_OPACITY)
    canvas.text(
        label.left, label.baseline, name, size=_LABEL_SIZE, weight="bold", color=COUNTRY.text_color
    )


class _Label:
    """A pointer's label at ``offset`` (points, y up, as annotate's xytext) from the point ``at``
    (points, y down), aligned and centred as choropleth() aligns it, then moved ``shift`` points
    to the right."""

    def __init__(self, name: str, at, offset, shift: float = 0.0) -> None:
        self.name, self.offset, self.shift = name, offset, shift
        dx, dy = offset
        width = unhinted_text_width(name, _LABEL_SIZE, "bold")
        ascent, descent = line_metrics(name, _LABEL_SIZE, "bold")
        x, y = at[0] + dx, at[1] - dy
        self.at = (float(at[0]), float(at[1]))
        self.left = (x - width if dx < 0 else x if dx > 0 else x - width / 2) + shift
        self.right = self.left + width
        self.top = y - (ascent + descent) / 2  # va="center": the line's box centred on y
        self.bottom = self.top + ascent + descent
        self.baseline = self.top + ascent

    def box(self, pad: float = 0.0) -> tuple[float, float, float, float]:
        return self.left - pad, self.top - pad, self.right + pad, self.bottom + pad

    def fits(self, base: _MapBase, title_box) -> bool:
        """Whether the label's box is on the page and clear of the title."""
        left, top, right, bottom = self.box(_LABEL_PAD * _LABEL_SIZE)
        on_page = left >= 0 and top >= 0 and right <= base.width and bottom <= base.height
        t_left, t_top, t_right, t_bottom = title_box
        clear = right < t_left or left > t_right or bottom < t_top or top > t_bottom
        return on_page and clear

    def onto_page(self, base: _MapBase) -> _Label:
        """The label moved sideways as little as puts its box on the page."""
        left, _top, right, _bottom = self.box(_LABEL_PAD * _LABEL_SIZE)
        shift = max(0.0, -left) - max(0.0, right - base.width)
        return _Label(self.name, self.at, self.offset, self.shift + shift)

    def over_sea(self, base: _MapBase) -> bool:
        """Whether the text's left end, middle and right end sit over sea."""
        middle = (self.top + self.bottom) / 2
        probes = [(x, middle) for x in (self.left, (self.left + self.right) / 2, self.right)]
        return not any(_over_land(x, y) for x, y in base.data(probes))

    def covers(self, points: np.ndarray, margin: float = 3.0) -> bool:
        """Whether the label's box comes within ``margin`` points of any of the points (n×2)."""
        left, top, right, bottom = self.box(_LABEL_PAD * _LABEL_SIZE + margin)
        x, y = points[:, 0], points[:, 1]
        return bool(((left <= x) & (x <= right) & (top <= y) & (y <= bottom)).any())

    def leader(self) -> tuple[float, float, float, float]:
        """The leader line as matplotlib draws it: from the text box's centre to the point, cut
        where it leaves the label's box, then shortened at both ends."""
        cx, cy = (self.left + self.right) / 2, (self.top + self.bottom) / 2
        length = math.hypot(self.at[0] - cx, self.at[1] - cy)
        ux, uy = (self.at[0] - cx) / length, (self.at[1] - cy) / length
        pad = _LABEL_PAD * _LABEL_SIZE
        half_width, half_height = (
            (self.right - self.left) / 2 + pad,
            (self.bottom - self.top) / 2 + pad,
        )
        start = _exit_distance(ux, uy, half_width, half_height, pad) + _LEADER["gap_label"]
        end = length - _LEADER["gap_point"]
        return cx + ux * start, cy + uy * start, cx + ux * end, cy + uy * end


def _exit_distance(ux: float, uy: float, half_width: float, half_height: float, radius: float):
    """How far from its centre a ray along the unit vector (ux, uy) leaves a box with round
    corners of ``radius``.

    >>> round(_exit_distance(1.0, 0.0, 4, 2, 1), 6), round(_exit_distance(0.6, 0.8, 3, 4, 0), 6)
    (4.0, 5.0)
    """
    ux, uy = abs(ux), abs(uy)  # the box is symmetric: the first quadrant will do
    distance = min(half_width / ux if ux else math.inf, half_height / uy if uy else math.inf)
    corner_x, corner_y = half_width - radius, half_height - radius
    if ux * distance > corner_x and uy * distance > corner_y:
        # Through a rounded corner: where the ray leaves the circle about the corner's centre.
        along = ux * corner_x + uy * corner_y
        distance = along + math.sqrt(along**2 - (corner_x**2 + corner_y**2 - radius**2))
    return distance


class _MapCanvas(Canvas):
    """The charts' SVG canvas and what a map adds to it: its image, outlines, rings and a box."""

    def image(self, uri: str) -> None:
        """An image over the whole canvas (a data URI, so the document stays self-contained)."""
        self._parts.append(
            f'<image href="{uri}" x="0" y="0" width="{_num(self.width)}" '
            f'height="{_num(self.height)}" preserveAspectRatio="none"/>'
        )

    def outlines(self, rings, strokes, clip) -> None:
        """Closed rings (n×2 arrays of points) stroked as one path for each (width, colour) in
        turn, round-joined as matplotlib joins them, clipped to the box (left, top, right,
        bottom) ``clip``."""
        d = "".join("M" + "L".join(f"{_num(x)} {_num(y)}" for x, y in ring) + "Z" for ring in rings)
        left, top, right, bottom = clip
        box = f'x="{_num(left)}" y="{_num(top)}" width="{_num(right - left)}" height="{_num(bottom - top)}"'
        self._parts.append(f'<clipPath id="map-area"><rect {box}/></clipPath>')
        self._parts.append('<g clip-path="url(#map-area)" fill="none" stroke-linejoin="round">')
        for width, color in strokes:
            self._parts.append(f'<path d="{d}" stroke="{color}" stroke-width="{_num(width)}"/>')
        self._parts.append("</g>")

    def ring(self, x: float, y: float, radius: float, *, color: str, width: float) -> None:
        self._parts.append(
            f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(radius)}" fill="none" '
            f'stroke="{color}" stroke-width="{_num(width)}"/>'
        )

    def rounded_box(self, left, top, right, bottom, *, radius, fill, opacity) -> None:
        self._parts.append(
            f'<rect x="{_num(left)}" y="{_num(top)}" width="{_num(right - left)}" '
            f'height="{_num(bottom - top)}" rx="{_num(radius)}" fill="{fill}" '
            f'fill-opacity="{_num(opacity)}"/>'
        )


def _forget_maps() -> None:
    """Drop every base map drawn in this process (tests: a cold start in a warm process)."""
    _map_base.cache_clear()
    _alt_parts.cache_clear()
    _hotspots.cache_clear()


HOTSPOT_STEP = 2.5  # points: a country's outline keeps a vertex at least this far from the last
HOTSPOT_MIN = 3.0  # points: a dot's hover circle at least this wide in radius


@cache
def _hotspots(measure: str, edition: int, source: str, titled: bool) -> tuple[Hotspot, ...]:
    """Every scored country's shape on the map (each ring of its outline, thinned to a vertex
    every :data:`HOTSPOT_STEP` points; a circle for a dot) with its name and score, in points
    from the map's top-left corner: what a page names on hover. Drawn once per process, map
    and language."""
    base = _map_base(measure, edition, source, titled=titled)  # the key choropleth_svg uses
    scores = _alt_parts(measure, edition, source)[1]
    drawn = _projected()[0]
    found = []
    for iso3, score in scores.items():
        text = f"{i18n.country(iso3)}: {i18n.number(score, 2)}"
        if iso3 in drawn:
            for ring in drawn[iso3]:
                points = base.points(ring)
                kept = [points[0]]
                for point in points[1:]:
                    if np.hypot(*(point - kept[-1])) >= HOTSPOT_STEP:
                        kept.append(point)
                if len(kept) >= 3:
                    coords = tuple(round(float(v), 1) for v in np.asarray(kept).ravel())
                    found.append(Hotspot("poly", coords, text))
        elif iso3 in _points():
            ((x, y),) = base.points([_points()[iso3]])
            found.append(
                Hotspot("circle", (round(float(x), 1), round(float(y), 1), HOTSPOT_MIN), text)
            )
    # Dots last: an image map takes the first area under the pointer, and a small island lies
    # inside no outline, but a dot near a coast may overlap one.
    return tuple(sorted(found, key=lambda h: h.shape == "poly"))


def _source() -> str:
    """The dataset file in use and the language: what the per-process caches here are keyed by
    (a map's title, colour bar and alt text are in the report's language)."""
    return f"{dataset.data_dir() / dataset.DATA_FILE}#{i18n.language()}"


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
        f"{i18n.country(r.iso3)} ({fmt(getattr(r, measure))})" for r in ordered.head(3).itertuples()
    )
    low = ", ".join(
        f"{i18n.country(r.iso3)} ({fmt(getattr(r, measure))})"
        for r in ordered.tail(3).iloc[::-1].itertuples()
    )
    opening = _(
        "World map of {measure} scores (1–10) in the {edition} Global Organized Crime Index, "
        "{count} countries, shaded from dark (low) to yellow (high). Highest: {top}. Lowest: "
        "{low}."
    ).format(
        measure=i18n.label(entry.id).lower(), edition=edition, count=len(scored), top=top, low=low
    )
    ranks = rank_desc(scored[measure]).set_axis(scored["iso3"])
    scores = dict(zip(scored["iso3"], scored[measure].astype(float), strict=True))
    too_small = choropleth_coverage()["too_small"]
    names = _names()
    closing = " " + _(
        "Too small to outline at this scale, shown as dots ({count}): {names}."
    ).format(count=len(too_small), names=", ".join(names[c] for c in too_small))
    return opening, scores, {c: int(r) for c, r in ranks.items()}, closing


def _map_alt(measure: str, edition: int, place) -> str:
    opening, scores, ranks, closing = _alt_parts(measure, edition, _source())
    text = opening
    if place is not None:
        state = (
            _("outlined")
            if place.iso3 in choropleth_coverage()["drawn"]
            else _("too small to outline at this scale, circled as a dot")
        )
        text += " " + _("{country} ({state}) scores {score}, ranked {rank} of {total}.").format(
            country=i18n.country(place.iso3),
            state=state,
            score=fmt(scores[place.iso3]),
            rank=ranks[place.iso3],
            total=len(scores),
        )
    return " ".join((text + closing).split())  # as set_alt stores it
