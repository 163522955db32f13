"""What changed for a country between two editions: a dumbbell per composite and shared indicator."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .. import catalogue
from ..analysis.peers import higher_is_better
from . import _data
from ._theme import OKABE_ITO, add_note, fmt, legend_below, new_figure, set_alt, set_title, theme

BETTER = OKABE_ITO["blue"]
WORSE = OKABE_ITO["vermillion"]
SAME = "#8C8C8C"
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
    table = _data.change(place.iso3, from_edition, to_edition)
    like = table.attrs["like_for_like"].set_index("composite")
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
    shared = table.attrs.get("shared_indicators", [])
    partial = len(shared) < max(len(catalogue.indicators(first)), len(catalogue.indicators(second)))
    with theme():
        fig = new_figure(7.6, 1.5 + 0.245 * n)
        ax = fig.add_subplot()
        labels, ticks = [], []
        for position, (kind, item) in enumerate(rows):
            y = n - 1 - position
            if kind == "heading":
                ax.text(
                    -0.01, y, item, transform=ax.get_yaxis_transform(), ha="right", va="center",
                    fontsize=9.5, fontweight="bold", color="#222222",
                )  # fmt: skip
                ax.axhline(y + 0.5, color="#CFCFCF", lw=0.8, zorder=0) if position else None
                continue
            before, after = float(item.score_from), float(item.score_to)
            delta = round(after - before, 2)
            improved = (delta > 0) == higher_is_better(item.indicator)
            color = SAME if delta == 0 else (BETTER if improved else WORSE)
            ax.plot([before, after], [y, y], color=color, lw=2.4, zorder=2, solid_capstyle="butt")
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
                   markeredgecolor="#333333", label=str(first)),
            Line2D([], [], ls="none", marker="o", ms=7, color="#333333", label=str(second)),
            Line2D([], [], color=BETTER, lw=2.4, label="Improved"),
            Line2D([], [], color=WORSE, lw=2.4, label="Worsened"),
        ]  # fmt: skip
        if partial:
            handles.append(
                Line2D([], [], ls="none", marker="|", ms=10, mew=2, color="black",
                       label=f"{second} like for like")
            )  # fmt: skip
        legend_below(ax, handles)
        note = (
            "Improved: lower criminality scores, higher resilience scores. "
            f"Only the {len(shared)} indicators both editions score are shown; "
            if partial
            else "Improved: lower criminality scores, higher resilience scores. "
        )
        if partial:
            note += f"like for like = {second} composite recomputed on those indicators only. "
        add_note(fig, note + f"Data: Global Organized Crime Index {first} and {second}.")
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
