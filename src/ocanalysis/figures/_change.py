"""What changed for a country between two editions: a dumbbell per composite and shared indicator."""

from __future__ import annotations

import math

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .. import catalogue
from ..analysis.peers import higher_is_better
from . import _data
from ._theme import (
    EDGE,
    LEGEND_BELOW,
    LEGEND_ROW,
    OKABE_ITO,
    TITLE_BAND,
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
    place = _data.resolve(country, None)[0]
    table, like, shared = _data.change(place.iso3, from_edition, to_edition)
    like = like.set_index("composite")
    first, second = int(from_edition), int(to_edition)
    rows: list[tuple[str, object]] = []  # ("heading", name) or ("measure", row)
    for heading, pillar in GROUPS:
        part = (
            table[table["composite"]]
            if pillar is None
            else table[(~table["composite"]) & (table["pillar"] == pillar)]
        )
        if len(part):
            rows.append(("heading", heading))
            rows.extend(("measure", r) for r in part.itertuples())
    n = len(rows)
    partial = len(shared) < max(len(catalogue.indicators(first)), len(catalogue.indicators(second)))
    measures = [item for kind, item in rows if kind == "measure"]
    deltas = [round(float(m.score_to) - float(m.score_from), 2) for m in measures]
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
    label_room = max(text_width(str(m.label), 9) for m in measures) + 3.5
    heading_room = max(text_width(h, 9.5, "bold") for k, h in rows if k == "heading") + 6
    frame = Frame(
        left=EDGE + max(label_room, heading_room) + 2,
        right=EDGE + 6 + max(text_width(_signed(d), 8.5, "bold") for d in deltas) + 2,
        top=TITLE_BAND,
        bottom=LEGEND_BELOW + LEGEND_ROW * math.ceil(len(legend_labels) / columns) + 6
        + note_height(len(wrap_note(note, WIDTH))),
    )  # fmt: skip
    with theme():
        fig, ax = framed_figure(WIDTH, ROW * n, frame)
        labels, ticks, bars, bar_colors = [], [], [], []
        measure_rows = iter(zip(measures, deltas, strict=True))
        for position, (kind, item) in enumerate(rows):
            y = n - 1 - position
            if kind == "heading":
                ax.text(
                    -0.01, y, item, transform=ax.get_yaxis_transform(), ha="right", va="center",
                    fontsize=9.5, fontweight="bold", color="#222222",
                )  # fmt: skip
                ax.axhline(y + 0.5, color="#CFCFCF", lw=0.8, zorder=0) if position else None
                continue
            item, delta = next(measure_rows)
            before, after = float(item.score_from), float(item.score_to)
            improved = (delta > 0) == higher_is_better(item.indicator)
            color = SAME if delta == 0 else (BETTER if improved else WORSE)
            bars.append([(before, y), (after, y)])
            bar_colors.append(color)
            ax.plot(
                [before], [y], ls="none", marker="o", ms=7, markerfacecolor="white",
                markeredgecolor="#333333", markeredgewidth=1.2, zorder=3, gid="from",
            )  # fmt: skip
            ax.plot(
                [after], [y], ls="none", marker="o", ms=7, color=color,
                markeredgecolor="#333333", markeredgewidth=0.8, zorder=4, gid="to",
            )  # fmt: skip
            if item.composite and partial and item.indicator in like.index:
                ax.plot(
                    [float(like.loc[item.indicator, "like_for_like_to"])], [y], ls="none",
                    marker="|", ms=11, mew=2, color="black", zorder=5, gid="like_for_like",
                )  # fmt: skip
            ax.annotate(
                _signed(delta), xy=(1.0, y), xycoords=("axes fraction", "data"), xytext=(6, 0),
                textcoords="offset points", va="center", ha="left", fontsize=8.5, color=color,
                fontweight="bold" if delta else "normal",
            )  # fmt: skip
            labels.append(item.label)
            ticks.append(y)
        ax.add_collection(
            LineCollection(
                bars, colors=bar_colors, linewidths=2.4, capstyle="butt", zorder=2, gid="bars"
            ),
            autolim=False,
        )  # fmt: skip
        ax.set_yticks(ticks, labels)
        ax.set_ylim(-0.7, n - 0.3)
        ax.set_xlim(0.6, 10.4)
        ax.set_xticks(range(1, 11))
        ax.grid(axis="y", visible=False)
        ax.tick_params(axis="y", length=0)
        ax.set_xlabel("Score (1–10)")
        set_title(fig, f"{place.name}: change from {first} to {second}")
        handles = [
            Line2D([], [], ls="none", marker="o", ms=7, markerfacecolor="white",
                   markeredgecolor="#333333", label=legend_labels[0]),
            Line2D([], [], ls="none", marker="o", ms=7, color="#333333", label=legend_labels[1]),
            Line2D([], [], color=BETTER, lw=2.4, label="Improved"),
            Line2D([], [], color=WORSE, lw=2.4, label="Worsened"),
        ]  # fmt: skip
        if partial:
            handles.append(
                Line2D([], [], ls="none", marker="|", ms=10, mew=2, color="black",
                       label=legend_labels[4])
            )  # fmt: skip
        legend_below(ax, handles, ncol=columns)
        add_note(fig, note)
    set_alt(fig, _alt(place, first, second, table, like, partial, len(shared)))
    return fig


def _alt(place, first, second, table, like, partial, shared) -> str:
    composites = table[table["composite"]]
    parts = [
        f"{r.label.lower()} {fmt(r.score_from)} to {fmt(r.score_to)} ({_signed(r.change)})"
        for r in composites.itertuples()
    ]
    indicators = table[~table["composite"]]
    moved = indicators[indicators["change"] != 0]
    rises = moved.sort_values("change", ascending=False, kind="stable").head(3)
    falls = moved.sort_values("change", kind="stable").head(3)

    def listing(rows) -> str:
        return (
            ", ".join(f"{r.label.lower()} {_signed(r.change)}" for r in rows.itertuples()) or "none"
        )

    text = (
        f"Dumbbell chart of {place.name}'s scores in the {first} and {second} Global Organized "
        f"Crime Index: {len(composites)} composites and {len(indicators)} indicators both "
        f"editions score. Composites: {'; '.join(parts)}. Largest rises: "
        f"{listing(rises[rises['change'] > 0])}. Largest falls: {listing(falls[falls['change'] < 0])}. "
        f"{int((indicators['change'] == 0).sum())} indicators unchanged."
    )
    if partial and "criminality" in like.index:
        row = like.loc["criminality"]
        text += (
            f" Like for like on the {shared} shared indicators, criminality went from "
            f"{fmt(row['like_for_like_from'])} to {fmt(row['like_for_like_to'])} "
            f"({_signed(row['like_for_like_change'])})."
        )
        if bool(np.any(like["sign_disagrees"])):
            flagged = ", ".join(like.index[like["sign_disagrees"]].str.replace("_", " "))
            text += f" The published and like-for-like changes point in opposite directions for {flagged}."
    return text
