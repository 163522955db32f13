"""A world map of any composite or indicator, drawn from geometry that ships with the package.

The outlines are Natural Earth's 1:110m countries (public domain), converted once by
``tools/build_world_geometry.py`` into ``world.json`` (rings in tenths of a degree); nothing is
fetched at run time and no GIS library is needed. At that scale 28 of the 193 countries (small
island states and microstates) have no outline: :func:`choropleth_coverage` lists them and every
map names them in its note and alt text. The projection is Equal Earth (equal-area), computed here.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

import matplotlib as mpl
import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.path import Path as MplPath

from .. import catalogue, countries
from ..errors import UnknownIndicatorError
from ..scoring import rank_desc
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
    measure = _measure_id(measure)
    entry = catalogue.get(measure)
    from ..dataset import check_edition, wide

    edition = check_edition(edition)
    if not entry.in_edition(edition):
        raise UnknownIndicatorError(
            f"{entry.label.lower()} is not scored in the {edition} edition (scored since {entry.since})"
        )
    place = countries.lookup(country) if country is not None else None
    frame = wide(edition)
    scores = frame.set_index("iso3")[measure].astype(float)
    drawn, other = _projected()
    coverage = choropleth_coverage()
    names = {c.iso3: c.name for c in countries.all_countries()}
    norm = Normalize(vmin=1, vmax=10)
    with theme():
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
        heading = f"{entry.label}, {edition}"
        if place is not None:
            if place.iso3 in drawn:
                heading += f": {place.name} outlined"
                _outline(ax, drawn[place.iso3], place.name)
            elif place.iso3 in dots:
                heading += f": {place.name} circled (too small to outline)"
                _circle(ax, dots[place.iso3], place.name)
            else:
                heading += f": {place.name} too small to draw"
        set_title(fig, heading)
        small = [names[c] for c in coverage["too_small"]]
        add_note(
            fig,
            f"Too small to outline at this scale, shown as dots ({len(small)}): {', '.join(small)}. "
            f"Grey: territories outside the index. Boundaries: Natural Earth 1:110m (public domain); "
            f"Equal Earth projection. Data: Global Organized Crime Index {edition}.",
        )
    fig.ocanalysis_coverage = coverage
    set_alt(fig, _alt(entry, edition, frame, measure, place, coverage, names))
    return fig


def _area(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * abs(float(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))))


def _circle(ax, point: tuple[float, float], name: str) -> None:
    """A ring around a country drawn as a dot, and its name."""
    ax.scatter(
        [point[0]], [point[1]], s=210, facecolors="none", edgecolors="black", linewidths=2.6,
        zorder=4, gid="circle-under",
    )  # fmt: skip
    ax.scatter(
        [point[0]], [point[1]], s=210, facecolors="none", edgecolors=COUNTRY.color,
        linewidths=1.3, zorder=4, gid="circle",
    )  # fmt: skip
    _pointer(ax, point, name)


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


def _over_land(x: float, y: float) -> bool:
    return any(path.contains_point((x, y)) for path in _land())


def _pointer(ax, point, name) -> None:
    """Name the country beside it, with a leader line, on the first nearby spot over sea."""
    cx, cy = point
    x0, x1 = ax.get_xlim()
    # Data units per point, from the axes' width on the page (equal aspect: same both ways).
    per_point = (x1 - x0) / (ax.get_position().width * ax.figure.get_figwidth() * 72)
    half_width = 0.5 * len(name) * 9 * 0.62 * per_point  # bold 9 pt text
    chosen = _POINTER_OFFSETS[0]
    for dx, dy in _POINTER_OFFSETS:
        centre_x = cx + dx * per_point + (half_width if dx > 0 else -half_width if dx < 0 else 0)
        centre_y = cy + dy * per_point
        probes = [
            (centre_x - half_width, centre_y),
            (centre_x, centre_y),
            (centre_x + half_width, centre_y),
        ]
        if not any(_over_land(x, y) for x, y in probes):
            chosen = (dx, dy)
            break
    dx, dy = chosen
    ax.annotate(
        name, xy=(cx, cy), xytext=(dx, dy), textcoords="offset points", fontsize=9,
        fontweight="bold", color=COUNTRY.color, zorder=5, va="center",
        ha="left" if dx > 0 else ("right" if dx < 0 else "center"),
        arrowprops={"arrowstyle": "-", "color": "black", "lw": 0.9, "shrinkB": 6},
        bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.85},
    )  # fmt: skip


def _outline(ax, rings: list[np.ndarray], name: str) -> None:
    """A two-tone outline (black under the country colour) and a pointer for small countries."""
    for width, color, gid in ((2.6, "black", "outline-under"), (1.3, COUNTRY.color, "outline")):
        ax.add_collection(
            PolyCollection(
                rings, facecolors="none", edgecolors=color, linewidths=width, gid=gid, zorder=3
            )
        )
    largest = max(rings, key=_area)
    if sum(_area(r) for r in rings) < 0.002:  # small on the page: point at it
        _pointer(ax, tuple(largest.mean(axis=0)), name)


def _alt(entry, edition, frame, measure, place, coverage, names) -> str:
    scored = frame[["iso3", "country", measure]].dropna()
    ordered = scored.sort_values([measure, "country"], ascending=[False, True])
    top = ", ".join(
        f"{r.country} ({fmt(getattr(r, measure))})" for r in ordered.head(3).itertuples()
    )
    low = ", ".join(
        f"{r.country} ({fmt(getattr(r, measure))})" for r in ordered.tail(3).iloc[::-1].itertuples()
    )
    text = (
        f"World map of {entry.label.lower()} scores (1–10) in the {edition} Global Organized Crime "
        f"Index, {len(scored)} countries, shaded from dark (low) to yellow (high). "
        f"Highest: {top}. Lowest: {low}."
    )
    if place is not None:
        ranks = rank_desc(scored[measure]).set_axis(scored["iso3"])
        value = scored.set_index("iso3").loc[place.iso3, measure]
        state = (
            "outlined"
            if place.iso3 in coverage["drawn"]
            else "too small to outline at this scale, circled as a dot"
        )
        text += (
            f" {place.name} ({state}) scores {fmt(value)}, ranked {int(ranks[place.iso3])} of "
            f"{len(scored)}."
        )
    small = ", ".join(names[c] for c in coverage["too_small"])
    return (
        text + f" Too small to outline at this scale, shown as dots "
        f"({len(coverage['too_small'])}): {small}."
    )
