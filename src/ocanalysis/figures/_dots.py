"""A country's indicator scores against its region's and the world's means, as a dot chart.

Dots on a common 1–10 scale, one row per indicator, rather than a radar chart: a radar's areas
grow with the square of the scores and its shape depends on the order of the axes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .. import catalogue, countries
from ..dataset import wide
from . import _data, _svg
from ._theme import (
    COUNTRY,
    EDGE,
    LEGEND_BELOW,
    LEGEND_ROW,
    REGION,
    TICK_SPACE,
    TITLE_BAND,
    TITLE_SIZE,
    WORLD,
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

WIDTH = 7.6  # inches
ROW = 0.34 * 72  # points per indicator
XLIM = (0.6, 10.4)
XLABEL = "Score (1 = lowest, 10 = highest)"
RANGE_COLOR = "#C8C8C8"
RANGE_WIDTH = 2.2

PILLAR_NOUNS = {
    catalogue.CRIMINAL_MARKETS: ("criminal markets", "criminal-market"),
    catalogue.CRIMINAL_ACTORS: ("criminal actors", "criminal-actor"),
    catalogue.RESILIENCE: ("resilience", "resilience"),
}


@dataclass(frozen=True)
class _DotChart:
    """Everything one dot chart shows, computed once for either renderer."""

    place: object
    edition: int
    table: object  # label, score, region_mean, world_mean: one row per indicator
    title: str
    printed: list[str]
    legend_labels: list[str]
    note: str
    columns: int
    frame: Frame
    alt: str


def _dot_chart(country: str, edition: int | None, pillar: str) -> _DotChart:
    place, edition = _data.resolve(country, edition)
    table = _data.peer_means(place.iso3, edition, pillar)
    noun, adjective = PILLAR_NOUNS[pillar]
    region_size = sum(c.region == place.region for c in countries.all_countries())
    world_size = len(wide(edition))
    labels = table["label"].tolist()
    legend_labels = [
        place.name,
        f"{place.region} mean ({region_size} countries)",
        f"World mean ({world_size} countries)",
    ]
    direction = (
        "higher means more resilient"
        if pillar == catalogue.RESILIENCE
        else "higher means more pervasive"
    )
    note = f"Scores on a 1–10 scale; {direction}. Data: Global Organized Crime Index {edition}."
    printed = [fmt(score) for score in table["score"]]
    columns = legend_columns(legend_labels, WIDTH)
    frame = Frame(
        left=EDGE + max(text_width(label, 9) for label in labels) + TICK_SPACE + 2,
        right=EDGE + 6 + max(text_width(text, 9, "bold") for text in printed) + 2,
        top=TITLE_BAND,
        bottom=LEGEND_BELOW + LEGEND_ROW * math.ceil(3 / columns) + 6
        + note_height(len(wrap_note(note, WIDTH))),
    )  # fmt: skip
    return _DotChart(
        place, edition, table, f"{place.name}: {noun}, {edition}", printed, legend_labels,
        note, columns, frame, _alt(place, edition, table, noun, adjective, direction),
    )  # fmt: skip


def indicator_dots(
    country: str, edition: int | None = None, pillar: str = catalogue.CRIMINAL_MARKETS
) -> Figure:
    """The country's scores on one pillar's indicators against its region's and the world's means.

    One row per indicator the edition scores (15 markets in 2023 and 2025, 10 in 2021; 5 or 4
    actor types; 12 resilience indicators); the country is a large circle, the region's mean a
    diamond, the world's mean a square, and the country's score is printed at the right.

    >>> fig = indicator_dots("Belgium", 2023, "criminal_actors")
    >>> from ocanalysis.figures import title
    >>> title(fig)
    'Belgium: criminal actors, 2023'
    >>> len(fig.axes[0].get_yticklabels())
    5
    """
    chart = _dot_chart(country, edition, pillar)
    table, n = chart.table, len(chart.table)
    with theme():
        fig, ax = framed_figure(WIDTH, ROW * n, chart.frame)
        rows = list(range(n))[::-1]  # the index's order, top to bottom
        values = table[["score", "region_mean", "world_mean"]].to_numpy(dtype=float)
        ax.add_collection(
            LineCollection(
                [[(low, y), (high, y)] for y, low, high in zip(
                    rows, values.min(axis=1), values.max(axis=1), strict=True)],
                colors=RANGE_COLOR, linewidths=RANGE_WIDTH, capstyle="round", zorder=1,
                gid="range",
            ),
            autolim=False,
        )  # fmt: skip
        for role, column, z in ((WORLD, "world_mean", 2), (REGION, "region_mean", 3)):
            ax.plot(
                table[column], rows, linestyle="none", marker=role.marker, ms=role.size,
                color=role.color, markeredgecolor="white", markeredgewidth=0.6, zorder=z,
                gid=role.label,
            )  # fmt: skip
        ax.plot(
            table["score"], rows, linestyle="none", marker=COUNTRY.marker, ms=COUNTRY.size,
            color=COUNTRY.color, markeredgecolor="white", markeredgewidth=0.8, zorder=4,
            gid="country",
        )  # fmt: skip
        for y, text in zip(rows, chart.printed, strict=True):
            ax.annotate(
                text, xy=(1.0, y), xycoords=("axes fraction", "data"),
                xytext=(6, 0), textcoords="offset points", va="center", ha="left",
                fontsize=9, color=COUNTRY.color, fontweight="bold",
            )  # fmt: skip
        ax.set_yticks(rows, table["label"].tolist())
        ax.set_ylim(-0.7, n - 0.3)
        ax.set_xlim(*XLIM)
        ax.set_xticks(range(1, 11))
        ax.grid(axis="y", visible=False)
        ax.set_xlabel(XLABEL)
        set_title(fig, chart.title)
        labels = chart.legend_labels
        handles = [
            Line2D([], [], ls="none", marker=COUNTRY.marker, ms=COUNTRY.size - 1,
                   color=COUNTRY.color, label=labels[0]),
            Line2D([], [], ls="none", marker=REGION.marker, ms=REGION.size,
                   color=REGION.color, label=labels[1]),
            Line2D([], [], ls="none", marker=WORLD.marker, ms=WORLD.size,
                   color=WORLD.color, label=labels[2]),
        ]  # fmt: skip
        legend_below(ax, handles, ncol=chart.columns)
        add_note(fig, chart.note)
    set_alt(fig, chart.alt)
    return fig


def indicator_dots_svg(
    country: str, edition: int | None = None, pillar: str = catalogue.CRIMINAL_MARKETS
) -> _svg.SvgChart:
    """:func:`indicator_dots` written straight to SVG for reports (see ``_svg``).

    >>> chart = indicator_dots_svg("Belgium", 2023, "criminal_actors")
    >>> chart.title, chart.svg.count("<text") > 5, len(chart.marks["country"])
    ('Belgium: criminal actors, 2023', True, 5)
    """
    chart = _dot_chart(country, edition, pillar)
    table, n = chart.table, len(chart.table)
    area, width, height = _svg.PlotArea.framed(WIDTH, ROW * n, chart.frame, XLIM, (-0.7, n - 0.3))
    canvas = _svg.Canvas(width, height)
    rows = list(range(n))[::-1]
    ys = [area.y(row) for row in rows]
    ticks = range(1, 11)
    _svg.x_grid(canvas, area, ticks)
    _svg.axes_frame(canvas, area)
    values = table[["score", "region_mean", "world_mean"]].to_numpy(dtype=float)
    canvas.segments(
        [(area.x(low), y, area.x(high), y) for y, low, high in zip(
            ys, values.min(axis=1), values.max(axis=1), strict=True)],
        color=RANGE_COLOR, width=RANGE_WIDTH, cap="round",
    )  # fmt: skip
    for role, column, edge_width in (
        (WORLD, "world_mean", 0.6), (REGION, "region_mean", 0.6), (COUNTRY, "score", 0.8)
    ):  # fmt: skip
        canvas.markers(
            [(area.x(v), y) for v, y in zip(table[column], ys, strict=True)],
            shape=role.marker, size=role.size, fill=role.color, edge="#FFFFFF",
            edge_width=edge_width, mark="country" if role is COUNTRY else role.label,
        )  # fmt: skip
    for y, text in zip(ys, chart.printed, strict=True):
        canvas.text(
            area.right + 6, y, text, size=9, color=COUNTRY.color, weight="bold",
            baseline="center",
        )  # fmt: skip
    _svg.y_ticks(canvas, area, rows, table["label"].tolist())
    _svg.x_ticks(canvas, area, list(ticks))
    _svg.x_label(canvas, area, XLABEL)
    _svg.title(canvas, chart.title, _svg.title_size(chart.title, width, TITLE_SIZE))
    labels = chart.legend_labels
    _svg.legend_below(
        canvas, area,
        [
            _svg.LegendEntry(labels[0], "marker", COUNTRY.color, COUNTRY.marker, COUNTRY.size - 1),
            _svg.LegendEntry(labels[1], "marker", REGION.color, REGION.marker, REGION.size),
            _svg.LegendEntry(labels[2], "marker", WORLD.color, WORLD.marker, WORLD.size),
        ],
        chart.columns,
    )  # fmt: skip
    _svg.note(canvas, wrap_note(chart.note, WIDTH))
    return _svg.SvgChart(canvas.to_svg(), chart.alt, chart.title, canvas.marks)


def _alt(place, edition, table, noun, adjective, direction) -> str:
    n = len(table)
    ordered = table.sort_values("score", ascending=False, kind="stable")
    top = ordered.head(3)
    low = ordered.tail(2).iloc[::-1]
    above_region = int((table["score"] > table["region_mean"]).sum())
    above_world = int((table["score"] > table["world_mean"]).sum())

    def listing(rows) -> str:
        pairs = zip(rows["label"], rows["score"], strict=True)
        return "; ".join(f"{label.lower()} {fmt(score)}" for label, score in pairs)

    return (
        f"Dot chart of {place.name}'s {n} {adjective} scores in the {edition} Global Organized "
        f"Crime Index (1–10, {direction}), each against the {place.region} mean and the world "
        f"mean. Highest: {listing(top)}. Lowest: {listing(low)}. {place.name} is above its "
        f"region's mean on {above_region} of {n} and above the world mean on {above_world} of {n}."
    )


def market_scores(country: str, edition: int | None = None) -> Figure:
    """:func:`indicator_dots` for the criminal markets (15 in 2023 and 2025, 10 in 2021)."""
    return indicator_dots(country, edition, catalogue.CRIMINAL_MARKETS)


def actor_scores(country: str, edition: int | None = None) -> Figure:
    """:func:`indicator_dots` for the criminal actor types (5 in 2023 and 2025, 4 in 2021)."""
    return indicator_dots(country, edition, catalogue.CRIMINAL_ACTORS)


def resilience_scores(country: str, edition: int | None = None) -> Figure:
    """:func:`indicator_dots` for the 12 resilience indicators."""
    return indicator_dots(country, edition, catalogue.RESILIENCE)
