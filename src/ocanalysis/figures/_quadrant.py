"""Criminality × resilience of every country, quadrants drawn, the country and its region picked out."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.transforms import Bbox

from . import _data, _svg
from ._labels import LEADER, Placed, draw_labels, layout_labels, leader_line
from ._theme import (
    COUNTRY,
    EDGE,
    LEGEND_BELOW,
    LEGEND_ROW,
    OTHER,
    REGION_MEMBER,
    TICK_SPACE,
    TITLE_BAND,
    TITLE_SIZE,
    Frame,
    add_note,
    fmt,
    framed_figure,
    legend_below,
    legend_columns,
    note_height,
    set_alt,
    set_title,
    text_width,
    theme,
    wrap_note,
)

WIDTH = 7.0  # inches
LIMITS = (0.8, 9.2)  # both axes: the scores' 1–10 scale, trimmed where no country scores
TICKS = list(range(1, 10))  # what matplotlib's own locator shows on this square plot
XLABEL = "Criminality (higher = more organized crime)"
YLABEL = "Resilience (higher = more resilient)"
CUT_COLOR = "#555555"
CUT_DASH = (0, (4, 3))  # at line width 1: 4 points on, 3 off
COUNTRY_AREA = 1.3  # the country's circle: this many times COUNTRY.size² in area
LABEL_COLOR = "#222222"
COUNTRY_LABEL = {"fontsize": 10, "fontweight": "bold", "color": COUNTRY.color}
QUADRANT_NAME = {"fontsize": 8, "color": "#555555", "style": "italic", "linespacing": 1.2}


@dataclass(frozen=True)
class _QuadrantName:
    lines: list[str]
    x: float  # axes fraction
    y: float
    ha: str
    va: str


@dataclass(frozen=True)
class _Quadrant:
    """Everything one quadrant scatter shows, computed once for either renderer."""

    place: object
    edition: int
    table: object  # every country: criminality, resilience, quadrant …
    others: object
    region: object  # the region's other members, highest criminality first
    me: object
    crit_cut: float
    res_cut: float
    names: list[_QuadrantName]
    legend_labels: list[str]
    note: str
    columns: int
    frame: Frame
    plot_size: float  # points: the plot is square
    labels: list[Placed]
    title: str
    alt: str


def _quadrant(country: str, edition: int | None, thresholds) -> _Quadrant:
    place, edition = _data.resolve(country, edition)
    table, limits, (crit_cut, res_cut), names = (
        _classified(edition) if thresholds is None else _classify(edition, thresholds)
    )
    is_country = table["iso3"] == place.iso3
    in_region = (table["region"] == place.region) & ~is_country
    others = table[~is_country & ~in_region]
    region = table[in_region].sort_values("criminality", ascending=False)
    me = table[is_country].iloc[0]
    legend_labels = [
        place.name,
        f"Rest of {place.region} ({len(region)})",
        f"Other countries ({len(others)})",
    ]
    note = (
        f"Quadrant lines at criminality {fmt(crit_cut)} and resilience {fmt(res_cut)}"
        f"{_source(limits)}. Data: Global Organized Crime Index {edition}."
    )
    columns = legend_columns(legend_labels, WIDTH)
    # y tick labels ("8"), their pad and the rotated y label (10 pt) on the left.
    left = EDGE + 10 * 1.2 + 4 + text_width("8", 9) + TICK_SPACE + 2
    right = EDGE + 6
    frame = Frame(
        left=left,
        right=right,
        top=TITLE_BAND,
        bottom=LEGEND_BELOW + LEGEND_ROW * math.ceil(3 / columns) + 6
        + note_height(len(wrap_note(note, WIDTH))),
    )  # fmt: skip
    plot_size = WIDTH * 72 - left - right
    area, _, height = _svg.PlotArea.framed(WIDTH, plot_size, frame, LIMITS, LIMITS)

    def to_points(xy: np.ndarray) -> np.ndarray:  # data -> points from the bottom-left, y up
        fraction = (xy - LIMITS[0]) / (LIMITS[1] - LIMITS[0])
        return np.column_stack(
            [area.left + fraction[:, 0] * area.width,
             height - area.bottom + fraction[:, 1] * area.height]
        )  # fmt: skip

    labels = [(me["criminality"], me["resilience"], place.name, COUNTRY_LABEL)] + [
        (r.criminality, r.resilience, r.country) for r in region.itertuples()
    ]
    highlighted = np.column_stack(
        [
            np.r_[me["criminality"], region["criminality"]],
            np.r_[me["resilience"], region["resilience"]],
        ]
    )
    placed = layout_labels(
        labels, to_points,
        Bbox.from_extents(area.left, height - area.bottom, area.right, height - area.top),
        obstacles=highlighted, background=others[["criminality", "resilience"]].to_numpy(),
        color=LABEL_COLOR,
    )  # fmt: skip
    return _Quadrant(
        place, edition, table, others, region, me, crit_cut, res_cut,
        names, legend_labels, note, columns, frame,
        plot_size, placed,
        f"{place.name} among {len(table)} countries: criminality and resilience, {edition}",
        _alt(place, edition, me, region, table, crit_cut, res_cut),
    )  # fmt: skip


def _classify(edition: int, thresholds):
    """Every country's quadrant, the thresholds' description, the cuts and the quadrants' names."""
    table = _data.quadrant(edition, thresholds)
    # Kept apart: pandas deep-copies ``attrs`` into every slice of the table.
    limits, table.attrs = table.attrs.get("thresholds", {}), {}
    crit_cut = float(limits.get("criminality", thresholds[0] if thresholds else np.nan))
    res_cut = float(limits.get("resilience", thresholds[1] if thresholds else np.nan))
    return table, limits, (crit_cut, res_cut), _quadrant_names(table, crit_cut, res_cut)


@functools.lru_cache(maxsize=4)
def _classified(edition: int):
    """:func:`_classify` at the world medians: the same for every country, so a batch of
    reports classifies once."""
    return _classify(edition, None)


def quadrant_scatter(
    country: str,
    edition: int | None = None,
    thresholds: tuple[float, float] | None = None,
) -> Figure:
    """Scatter of criminality (x) against resilience (y) for all countries, with quadrant lines.

    ``thresholds`` is ``(criminality, resilience)``; by default the analysis' quadrant defaults.
    The country is a large circle, the other members of its region are labelled diamonds, every
    other country a small grey dot.

    >>> fig = quadrant_scatter("Belgium", 2023)
    >>> from ocanalysis.figures import title
    >>> title(fig)
    'Belgium among 193 countries: criminality and resilience, 2023'
    """
    chart = _quadrant(country, edition, thresholds)
    others, region, me, place = chart.others, chart.region, chart.me, chart.place
    with theme():
        fig, ax = framed_figure(WIDTH, chart.plot_size, chart.frame)  # a square plot
        ax.scatter(
            others["criminality"], others["resilience"], s=OTHER.size**2, color=OTHER.color,
            edgecolor="none", zorder=2, label=f"Other countries ({len(others)})", gid="others",
        )  # fmt: skip
        ax.scatter(
            region["criminality"], region["resilience"], s=REGION_MEMBER.size**2,
            marker=REGION_MEMBER.marker, color=REGION_MEMBER.color, edgecolor="white",
            linewidth=0.6, zorder=3, label=f"{place.region} ({len(region)} others)", gid="region",
        )  # fmt: skip
        ax.scatter(
            [me["criminality"]], [me["resilience"]], s=COUNTRY.size**2 * COUNTRY_AREA,
            marker=COUNTRY.marker, color=COUNTRY.color, edgecolor="black", linewidth=0.9,
            zorder=4, label=place.name, gid="country",
        )  # fmt: skip
        ax.set_xlim(*LIMITS)
        ax.set_ylim(*LIMITS)
        ax.set_aspect("equal")
        if np.isfinite(chart.crit_cut):
            ax.axvline(chart.crit_cut, color=CUT_COLOR, lw=1.0, ls=CUT_DASH, zorder=1)
        if np.isfinite(chart.res_cut):
            ax.axhline(chart.res_cut, color=CUT_COLOR, lw=1.0, ls=CUT_DASH, zorder=1)
        for name in chart.names:
            ax.text(
                name.x, name.y, "\n".join(name.lines), transform=ax.transAxes, ha=name.ha,
                va=name.va, zorder=1, **QUADRANT_NAME,
            )  # fmt: skip
        ax.set_xlabel(XLABEL)
        ax.set_ylabel(YLABEL)
        set_title(fig, chart.title)
        labels = chart.legend_labels
        handles = [
            Line2D([], [], ls="none", marker=COUNTRY.marker, ms=COUNTRY.size, color=COUNTRY.color,
                   markeredgecolor="black", label=labels[0]),
            Line2D([], [], ls="none", marker=REGION_MEMBER.marker, ms=REGION_MEMBER.size,
                   color=REGION_MEMBER.color, label=labels[1]),
            Line2D([], [], ls="none", marker=OTHER.marker, ms=OTHER.size + 1, color=OTHER.color,
                   label=labels[2]),
        ]  # fmt: skip
        legend_below(ax, handles, ncol=chart.columns)
        add_note(fig, chart.note)
        draw_labels(ax, chart.labels)
    fig.ocanalysis_labels = chart.labels  # where each label went (tests check they do not collide)
    set_alt(fig, chart.alt)
    return fig


def quadrant_scatter_svg(
    country: str,
    edition: int | None = None,
    thresholds: tuple[float, float] | None = None,
) -> _svg.SvgChart:
    """:func:`quadrant_scatter` written straight to SVG for reports (see ``_svg``).

    >>> chart = quadrant_scatter_svg("Belgium", 2023)
    >>> chart.title, len(chart.marks["country"]), len(chart.marks["region"])
    ('Belgium among 193 countries: criminality and resilience, 2023', 1, 10)
    """
    chart = _quadrant(country, edition, thresholds)
    area, width, height = _svg.PlotArea.framed(WIDTH, chart.plot_size, chart.frame, LIMITS, LIMITS)
    canvas = _svg.Canvas(width, height)
    # matplotlib's order: the axes (grid, ticks, labels) below everything, then by zorder.
    _svg.x_grid(canvas, area, TICKS)
    _svg.y_grid(canvas, area, TICKS)
    _svg.x_ticks(canvas, area, TICKS)
    _svg.x_label(canvas, area, XLABEL)
    _svg.y_ticks(canvas, area, TICKS, [str(t) for t in TICKS])
    _y_label(canvas, area, YLABEL)
    cuts = []
    if np.isfinite(chart.crit_cut):
        cuts.append((area.x(chart.crit_cut), area.top, area.x(chart.crit_cut), area.bottom))
    if np.isfinite(chart.res_cut):
        cuts.append((area.left, area.y(chart.res_cut), area.right, area.y(chart.res_cut)))
    canvas.segments(cuts, color=CUT_COLOR, width=1.0, dash="4 3")
    for name in chart.names:
        _quadrant_name(canvas, area, name)

    def points(rows) -> list[tuple[float, float]]:
        pairs = zip(rows["criminality"], rows["resilience"], strict=True)
        return [(area.x(x), area.y(y)) for x, y in pairs]

    canvas.markers(
        points(chart.others), shape=OTHER.marker, size=OTHER.size, fill=OTHER.color,
        mark="others",
    )  # fmt: skip
    _svg.axes_frame(canvas, area)
    canvas.markers(
        points(chart.region), shape=REGION_MEMBER.marker, size=REGION_MEMBER.size,
        fill=REGION_MEMBER.color, edge="#FFFFFF", edge_width=0.6, mark="region",
    )  # fmt: skip
    leaders = [leader_line(label) for label in chart.labels]
    canvas.segments(
        [(x1, height - y1, x2, height - y2) for x1, y1, x2, y2 in filter(None, leaders)],
        color=LEADER["color"], width=LEADER["lw"],
    )  # fmt: skip
    for label in chart.labels:
        _label(canvas, height, label)
    me = chart.me
    canvas.markers(
        [(area.x(me["criminality"]), area.y(me["resilience"]))], shape=COUNTRY.marker,
        size=COUNTRY.size * math.sqrt(COUNTRY_AREA), fill=COUNTRY.color, edge="#000000",
        edge_width=0.9, mark="country",
    )  # fmt: skip
    labels = chart.legend_labels
    _svg.legend_below(
        canvas, area,
        [
            _svg.LegendEntry(labels[0], "marker", COUNTRY.color, COUNTRY.marker, COUNTRY.size,
                             edge="#000000"),
            _svg.LegendEntry(labels[1], "marker", REGION_MEMBER.color, REGION_MEMBER.marker,
                             REGION_MEMBER.size),
            _svg.LegendEntry(labels[2], "marker", OTHER.color, OTHER.marker, OTHER.size + 1),
        ],
        chart.columns,
    )  # fmt: skip
    _svg.title(canvas, chart.title, _svg.title_size(chart.title, width, TITLE_SIZE))
    _svg.note(canvas, wrap_note(chart.note, WIDTH))
    return _svg.SvgChart(canvas.to_svg(), chart.alt, chart.title, canvas.marks)


def _label(canvas: _svg.Canvas, height: float, label: Placed) -> None:
    """A placed label where matplotlib's SVG puts it: at its anchor (the point plus the offset),
    the baseline set by ``va`` with the SVG backend's (unhinted) metrics."""
    style = label.style
    size, weight = style["fontsize"], style.get("fontweight", "normal")
    x, y = label.anchor[0] + label.offset[0], height - (label.anchor[1] + label.offset[1])
    ascent, descent = _svg.line_metrics(label.text, size, weight)
    baseline = {"top": y + ascent, "bottom": y - descent, "center": y + (ascent - descent) / 2}
    canvas.text(
        x, baseline[label.va], label.text, size=size, color=style.get("color", _svg.TEXT_COLOR),
        weight=weight, anchor={"left": "start", "right": "end", "center": "middle"}[label.ha],
    )  # fmt: skip


def _y_label(canvas: _svg.Canvas, area: _svg.PlotArea, text: str) -> None:
    """The rotated y label: matplotlib puts its bottom (descent line) 4 points left of the tick
    labels and centres it on the plot."""
    ticks_width = max(_svg.unhinted_text_width(str(t), _svg.TICK_SIZE) for t in TICKS)
    bottom = area.left - _svg.TICK_LENGTH - _svg.TICK_PAD - ticks_width - _svg.LABEL_PAD
    _, descent = _svg.line_metrics(text, _svg.LABEL_SIZE)
    canvas.text(
        bottom - descent, area.top + area.height / 2, text, size=_svg.LABEL_SIZE,
        anchor="middle", rotate=-90,
    )  # fmt: skip


def _quadrant_name(canvas: _svg.Canvas, area: _svg.PlotArea, name: _QuadrantName) -> None:
    """A quadrant's name, its lines stacked as matplotlib stacks a text with a fixed line
    spacing: each line's leading shared evenly above and below its glyphs."""
    size, spacing = QUADRANT_NAME["fontsize"], QUADRANT_NAME["linespacing"]
    line_height = spacing * sum(_svg.font_extent(size, "normal", "italic"))
    offsets, top = [], 0.0  # each line's baseline below the text's top
    for line in name.lines:
        ascent, descent = _svg.glyph_metrics(line, size, "normal", "italic")
        leading = line_height - (ascent + descent)
        offsets.append(top + ascent + leading / 2)
        top += line_height
    x = area.left + name.x * area.width
    anchor_y = area.bottom - name.y * area.height
    first = anchor_y if name.va == "top" else anchor_y - top
    for line, offset in zip(name.lines, offsets, strict=True):
        canvas.text(
            x, first + offset, line, size=size, color=QUADRANT_NAME["color"], italic=True,
            anchor="end" if name.ha == "right" else "start",
        )  # fmt: skip


def _source(limits: dict) -> str:
    """' (the world medians)' when both thresholds are defaults; how they were chosen otherwise."""
    sources = {limits.get("criminality_source"), limits.get("resilience_source")}
    if sources == {"world median"}:
        return " (the world medians)"
    if sources == {"given"}:
        return " (chosen by the user)"
    return ""


def _quadrant_names(table, crit_cut, res_cut) -> list[_QuadrantName]:
    """Each quadrant's name for its outer corner (names come from the classification)."""
    if not (np.isfinite(crit_cut) and np.isfinite(res_cut)) or "quadrant" not in table:
        return []
    names = []
    for name, members in table.groupby("quadrant", sort=True):
        high_crit = bool((members["criminality"] >= crit_cut).mean() >= 0.5)
        high_res = bool((members["resilience"] >= res_cut).mean() >= 0.5)
        names.append(
            _QuadrantName(
                [str(name).capitalize(), f"({len(members)})"],
                0.985 if high_crit else 0.015,
                0.985 if high_res else 0.015,
                "right" if high_crit else "left",
                "top" if high_res else "bottom",
            )  # fmt: skip
        )
    return names


def _alt(place, edition, me, region, table, crit_cut, res_cut) -> str:
    quadrant = f" It falls in the '{me['quadrant']}' quadrant." if "quadrant" in me else ""
    members = ", ".join(
        f"{r.country} ({fmt(r.criminality)}, {fmt(r.resilience)})" for r in region.itertuples()
    )
    region_part = (
        f" The other {len(region)} {place.region} countries (criminality, resilience): {members}."
        if len(region)
        else ""
    )
    return (
        f"Scatter plot of criminality (x) against resilience (y) for all {len(table)} countries "
        f"in the {edition} Global Organized Crime Index, divided into four quadrants at "
        f"criminality {fmt(crit_cut)} and resilience {fmt(res_cut)}. {place.name} is highlighted "
        f"at criminality {fmt(me['criminality'])} and resilience {fmt(me['resilience'])}."
        f"{quadrant}{region_part}"
    )
