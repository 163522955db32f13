"""What changed for a country between two editions: a dumbbell per composite and shared indicator."""

from __future__ import annotations

import math
from dataclasses import dataclass

from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .. import catalogue
from ..analysis.peers import higher_is_better
from . import _data, _svg
from ._theme import (
    EDGE,
    LEGEND_BELOW,
    LEGEND_ROW,
    OKABE_ITO,
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

BETTER = OKABE_ITO["blue"]
WORSE = OKABE_ITO["vermillion"]
SAME = "#8C8C8C"
WIDTH = 7.6  # inches
ROW = 0.245 * 72  # points per row
XLIM = (0.6, 10.4)
XLABEL = "Score (1–10)"
HEADING_SIZE = 9.5
HEADING_COLOR = "#222222"
HEADING_X = -0.01  # axes fraction: just left of the plot
SEPARATOR_COLOR = "#CFCFCF"
SEPARATOR_WIDTH = 0.8
DOT_EDGE = "#333333"
DOT_SIZE = 7
FROM_EDGE_WIDTH = 1.2
TO_EDGE_WIDTH = 0.8
BAR_WIDTH = 2.4
LIKE_SIZE = 11
LIKE_LEGEND_SIZE = 10
LIKE_WIDTH = 2
CHANGE_SIZE = 8.5
GROUPS = (
    ("Composites", None),
    ("Criminal markets", catalogue.CRIMINAL_MARKETS),
    ("Criminal actors", catalogue.CRIMINAL_ACTORS),
    ("Resilience", catalogue.RESILIENCE),
)


def _signed(value: float) -> str:
    if value == 0:
        return "±0"
    return f"{value:+.2f}".rstrip("0").rstrip(".").replace("-", "\u2212")


@dataclass(frozen=True)
class _Heading:
    """A group's name left of the plot; a separator line above it unless it is the first."""

    y: int
    text: str
    separator: bool


@dataclass(frozen=True)
class _Dumbbell:
    """One measure's row: its scores in both editions, the bar's colour, the printed change."""

    y: int
    label: str
    before: float
    after: float
    color: str
    like: float | None  # the like-for-like composite (a tick), when the editions differ
    printed: str
    bold: bool


@dataclass(frozen=True)
class _ChangeChart:
    """Everything one change chart shows, computed once for either renderer."""

    rows: list  # _Heading and _Dumbbell, top to bottom
    title: str
    legend_labels: list[str]
    partial: bool
    note: str
    columns: int
    frame: Frame
    alt: str

    @property
    def dumbbells(self) -> list[_Dumbbell]:
        return [row for row in self.rows if isinstance(row, _Dumbbell)]

    @property
    def headings(self) -> list[_Heading]:
        return [row for row in self.rows if isinstance(row, _Heading)]


def _change_chart(country: str, from_edition: int, to_edition: int) -> _ChangeChart:
    place = _data.resolve(country, None)[0]
    table, like, shared = _data.change(place.iso3, from_edition, to_edition)
    # Plain records, walked once: slicing a 36-row frame per group cost more than drawing.
    records = table.to_dict("records")
    likes = {r["composite"]: r for r in like.to_dict("records")}
    first, second = int(from_edition), int(to_edition)
    groups: list[tuple[str, list[dict]]] = []
    for heading, pillar in GROUPS:
        part = [
            r
            for r in records
            if (r["composite"] if pillar is None else not r["composite"] and r["pillar"] == pillar)
        ]
        if part:
            groups.append((heading, part))
    n = sum(1 + len(measures) for _, measures in groups)
    partial = len(shared) < max(len(catalogue.indicators(first)), len(catalogue.indicators(second)))
    rows: list[_Heading | _Dumbbell] = []
    for heading, measures in groups:
        rows.append(_Heading(n - 1 - len(rows), heading, separator=bool(rows)))
        for item in measures:
            before, after = float(item["score_from"]), float(item["score_to"])
            delta = round(after - before, 2)
            improved = (delta > 0) == higher_is_better(item["indicator"])
            tick = item["composite"] and partial and item["indicator"] in likes
            rows.append(
                _Dumbbell(
                    n - 1 - len(rows), item["label"], before, after,
                    SAME if delta == 0 else (BETTER if improved else WORSE),
                    float(likes[item["indicator"]]["like_for_like_to"]) if tick else None,
                    _signed(delta), bool(delta),
                )
            )  # fmt: skip
    dumbbells = [row for row in rows if isinstance(row, _Dumbbell)]
    legend_labels = [str(first), str(second), "Improved", "Worsened"]
    if partial:
        legend_labels.append(f"{second} like for like")
    note = "Improved: lower criminality scores, higher resilience scores. "
    if partial:
        note += (
            f"Only the {len(shared)} indicators both editions score are shown; "
            f"like for like = {second} composite recomputed on those indicators only. "
        )
    note += f"Data: Global Organized Crime Index {first} and {second}."
    columns = legend_columns(legend_labels, WIDTH)
    label_room = max(text_width(str(d.label), 9) for d in dumbbells) + 3.5
    heading_room = max(text_width(g, HEADING_SIZE, "bold") for g, _ in groups) + 6
    frame = Frame(
        left=EDGE + max(label_room, heading_room) + 2,
        right=EDGE + 6 + max(text_width(d.printed, CHANGE_SIZE, "bold") for d in dumbbells) + 2,
        top=TITLE_BAND,
        bottom=LEGEND_BELOW + LEGEND_ROW * math.ceil(len(legend_labels) / columns) + 6
        + note_height(len(wrap_note(note, WIDTH))),
    )  # fmt: skip
    return _ChangeChart(
        rows, f"{place.name}: change from {first} to {second}", legend_labels, partial, note,
        columns, frame, _alt(place, first, second, records, likes, partial, len(shared)),
    )  # fmt: skip


def edition_change(country: str, from_edition: int, to_edition: int) -> Figure:
    """Dumbbells from one edition's score to another's, for composites and shared indicators.

    An open circle marks the ``from_edition`` score, a filled one the ``to_edition`` score; the
    bar is blue where the change is an improvement (less crime, more resilience), vermillion where
    it is a deterioration. The change is printed at the right. Composites also show, as a black
    tick, the like-for-like score: the composite recomputed on the indicators both editions share.

    >>> fig = edition_change("Belgium", 2021, 2023)
    >>> from ocanalysis.figures import title
    >>> title(fig)
    'Belgium: change from 2021 to 2023'
    """
    chart = _change_chart(country, from_edition, to_edition)
    n = len(chart.rows)
    with theme():
        fig, ax = framed_figure(WIDTH, ROW * n, chart.frame)
        labels, ticks, bars, bar_colors = [], [], [], []
        for row in chart.rows:
            y = row.y
            if isinstance(row, _Heading):
                ax.text(
                    HEADING_X, y, row.text, transform=ax.get_yaxis_transform(), ha="right",
                    va="center", fontsize=HEADING_SIZE, fontweight="bold", color=HEADING_COLOR,
                )  # fmt: skip
                if row.separator:
                    ax.axhline(y + 0.5, color=SEPARATOR_COLOR, lw=SEPARATOR_WIDTH, zorder=0)
                continue
            bars.append([(row.before, y), (row.after, y)])
            bar_colors.append(row.color)
            ax.plot(
                [row.before], [y], ls="none", marker="o", ms=DOT_SIZE, markerfacecolor="white",
                markeredgecolor=DOT_EDGE, markeredgewidth=FROM_EDGE_WIDTH, zorder=3, gid="from",
            )  # fmt: skip
            ax.plot(
                [row.after], [y], ls="none", marker="o", ms=DOT_SIZE, color=row.color,
                markeredgecolor=DOT_EDGE, markeredgewidth=TO_EDGE_WIDTH, zorder=4, gid="to",
            )  # fmt: skip
            if row.like is not None:
                ax.plot(
                    [row.like], [y], ls="none", marker="|", ms=LIKE_SIZE, mew=LIKE_WIDTH,
                    color="black", zorder=5, gid="like_for_like",
                )  # fmt: skip
            ax.annotate(
                row.printed, xy=(1.0, y), xycoords=("axes fraction", "data"), xytext=(6, 0),
                textcoords="offset points", va="center", ha="left", fontsize=CHANGE_SIZE,
                color=row.color, fontweight="bold" if row.bold else "normal",
            )  # fmt: skip
            labels.append(row.label)
            ticks.append(y)
        ax.add_collection(
            LineCollection(
                bars, colors=bar_colors, linewidths=BAR_WIDTH, capstyle="butt", zorder=2,
                gid="bars",
            ),
            autolim=False,
        )  # fmt: skip
        ax.set_yticks(ticks, labels)
        ax.set_ylim(-0.7, n - 0.3)
        ax.set_xlim(*XLIM)
        ax.set_xticks(range(1, 11))
        ax.grid(axis="y", visible=False)
        ax.tick_params(axis="y", length=0)
        ax.set_xlabel(XLABEL)
        set_title(fig, chart.title)
        legend_labels = chart.legend_labels
        handles = [
            Line2D([], [], ls="none", marker="o", ms=DOT_SIZE, markerfacecolor="white",
                   markeredgecolor=DOT_EDGE, label=legend_labels[0]),
            Line2D([], [], ls="none", marker="o", ms=DOT_SIZE, color=DOT_EDGE,
                   label=legend_labels[1]),
            Line2D([], [], color=BETTER, lw=BAR_WIDTH, label=legend_labels[2]),
            Line2D([], [], color=WORSE, lw=BAR_WIDTH, label=legend_labels[3]),
        ]  # fmt: skip
        if chart.partial:
            handles.append(
                Line2D([], [], ls="none", marker="|", ms=LIKE_LEGEND_SIZE, mew=LIKE_WIDTH,
                       color="black", label=legend_labels[4])
            )  # fmt: skip
        legend_below(ax, handles, ncol=chart.columns)
        add_note(fig, chart.note)
    set_alt(fig, chart.alt)
    return fig


def edition_change_svg(country: str, from_edition: int, to_edition: int) -> _svg.SvgChart:
    """:func:`edition_change` written straight to SVG for reports (see ``_svg``).

    >>> chart = edition_change_svg("Belgium", 2021, 2023)
    >>> chart.title, len(chart.marks["from"]), len(chart.marks["like_for_like"])
    ('Belgium: change from 2021 to 2023', 30, 4)
    """
    chart = _change_chart(country, from_edition, to_edition)
    n = len(chart.rows)
    area, width, height = _svg.PlotArea.framed(WIDTH, ROW * n, chart.frame, XLIM, (-0.7, n - 0.3))
    canvas = _svg.Canvas(width, height)
    dumbbells = chart.dumbbells
    ys = [area.y(d.y) for d in dumbbells]
    # matplotlib's order: separators (zorder 0), grid and ticks, bars, spines, circles, ticks.
    canvas.segments(
        [(area.left, area.y(h.y + 0.5), area.right, area.y(h.y + 0.5))
         for h in chart.headings if h.separator],
        color=SEPARATOR_COLOR, width=SEPARATOR_WIDTH,
    )  # fmt: skip
    ticks = range(1, 11)
    _svg.x_grid(canvas, area, ticks)
    for color in _in_order_of_first_use(d.color for d in dumbbells):
        canvas.segments(
            [(area.x(d.before), y, area.x(d.after), y)
             for d, y in zip(dumbbells, ys, strict=True) if d.color == color],
            color=color, width=BAR_WIDTH,
        )  # fmt: skip
    _svg.axes_frame(canvas, area)
    canvas.markers(
        [(area.x(d.before), y) for d, y in zip(dumbbells, ys, strict=True)],
        shape="o", size=DOT_SIZE, fill="#FFFFFF", edge=DOT_EDGE, edge_width=FROM_EDGE_WIDTH,
        mark="from",
    )  # fmt: skip
    for color in _in_order_of_first_use(d.color for d in dumbbells):
        canvas.markers(
            [(area.x(d.after), y) for d, y in zip(dumbbells, ys, strict=True) if d.color == color],
            shape="o", size=DOT_SIZE, fill=color, edge=DOT_EDGE, edge_width=TO_EDGE_WIDTH,
            mark="to",
        )  # fmt: skip
    canvas.markers(
        [(area.x(d.like), y) for d, y in zip(dumbbells, ys, strict=True) if d.like is not None],
        shape="|", size=LIKE_SIZE, fill="#000000", edge_width=LIKE_WIDTH, mark="like_for_like",
    )  # fmt: skip
    heading_x = area.left + HEADING_X * area.width
    for heading in chart.headings:
        canvas.text(
            heading_x, area.y(heading.y), heading.text, size=HEADING_SIZE, color=HEADING_COLOR,
            weight="bold", anchor="end", baseline="center",
        )  # fmt: skip
    for d, y in zip(dumbbells, ys, strict=True):
        canvas.text(
            area.right + 6, y, d.printed, size=CHANGE_SIZE, color=d.color,
            weight="bold" if d.bold else "normal", baseline="center",
        )  # fmt: skip
    _svg.y_ticks(canvas, area, [d.y for d in dumbbells], [d.label for d in dumbbells], marks=False)
    _svg.x_ticks(canvas, area, list(ticks))
    _svg.x_label(canvas, area, XLABEL)
    _svg.title(canvas, chart.title, _svg.title_size(chart.title, width, TITLE_SIZE))
    labels = chart.legend_labels
    entries = [
        _svg.LegendEntry(labels[0], "marker", DOT_EDGE, "o", DOT_SIZE, fill="#FFFFFF"),
        _svg.LegendEntry(labels[1], "marker", DOT_EDGE, "o", DOT_SIZE),
        _svg.LegendEntry(labels[2], "line", BETTER, line_width=BAR_WIDTH),
        _svg.LegendEntry(labels[3], "line", WORSE, line_width=BAR_WIDTH),
    ]
    if chart.partial:
        entries.append(
            _svg.LegendEntry(
                labels[4], "marker", "#000000", "|", LIKE_LEGEND_SIZE, edge_width=LIKE_WIDTH
            )
        )
    _svg.legend_below(canvas, area, entries, chart.columns)
    _svg.note(canvas, wrap_note(chart.note, WIDTH))
    return _svg.SvgChart(canvas.to_svg(), chart.alt, chart.title, canvas.marks)


def _in_order_of_first_use(colors) -> list[str]:
    return list(dict.fromkeys(colors))


def _alt(place, first, second, records, likes, partial, shared) -> str:
    composites = [r for r in records if r["composite"]]
    parts = [
        f"{r['label'].lower()} {fmt(r['score_from'])} to {fmt(r['score_to'])} "
        f"({_signed(r['change'])})"
        for r in composites
    ]
    indicators = [r for r in records if not r["composite"]]
    moved = [r for r in indicators if r["change"] != 0]
    # sorted() is stable, as the frames' kind="stable" sort was.
    rises = sorted(moved, key=lambda r: -r["change"])[:3]
    falls = sorted(moved, key=lambda r: r["change"])[:3]

    def listing(rows) -> str:
        return ", ".join(f"{r['label'].lower()} {_signed(r['change'])}" for r in rows) or "none"

    text = (
        f"Dumbbell chart of {place.name}'s scores in the {first} and {second} Global Organized "
        f"Crime Index: {len(composites)} composites and {len(indicators)} indicators both "
        f"editions score. Composites: {'; '.join(parts)}. Largest rises: "
        f"{listing([r for r in rises if r['change'] > 0])}. Largest falls: "
        f"{listing([r for r in falls if r['change'] < 0])}. "
        f"{sum(r['change'] == 0 for r in indicators)} indicators unchanged."
    )
    if partial and "criminality" in likes:
        row = likes["criminality"]
        text += (
            f" Like for like on the {shared} shared indicators, criminality went from "
            f"{fmt(row['like_for_like_from'])} to {fmt(row['like_for_like_to'])} "
            f"({_signed(row['like_for_like_change'])})."
        )
        flagged = [name for name, r in likes.items() if r["sign_disagrees"]]
        if flagged:
            text += (
                " The published and like-for-like changes point in opposite directions for "
                f"{', '.join(name.replace('_', ' ') for name in flagged)}."
            )
    return text
