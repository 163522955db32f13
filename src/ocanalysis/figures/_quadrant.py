"""Criminality × resilience of every country, quadrants drawn, the country and its region picked out."""

from __future__ import annotations

import math

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from . import _data
from ._labels import place_labels
from ._theme import (
    COUNTRY,
    EDGE,
    LEGEND_BELOW,
    LEGEND_ROW,
    OTHER,
    REGION_MEMBER,
    TICK_SPACE,
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

WIDTH = 7.0  # inches


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
    place, edition = _data.resolve(country, edition)
    table = _data.quadrant(edition, thresholds)
    limits = table.attrs.get("thresholds", {})
    crit_cut = float(limits.get("criminality", thresholds[0] if thresholds else np.nan))
    res_cut = float(limits.get("resilience", thresholds[1] if thresholds else np.nan))
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
    with theme():
        fig, ax = framed_figure(WIDTH, WIDTH * 72 - left - right, frame)  # a square plot
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
            [me["criminality"]], [me["resilience"]], s=COUNTRY.size**2 * 1.3,
            marker=COUNTRY.marker, color=COUNTRY.color, edgecolor="black", linewidth=0.9,
            zorder=4, label=place.name, gid="country",
        )  # fmt: skip
        ax.set_xlim(0.8, 9.2)
        ax.set_ylim(0.8, 9.2)
        ax.set_aspect("equal")
        if np.isfinite(crit_cut):
            ax.axvline(crit_cut, color="#555555", lw=1.0, ls=(0, (4, 3)), zorder=1)
        if np.isfinite(res_cut):
            ax.axhline(res_cut, color="#555555", lw=1.0, ls=(0, (4, 3)), zorder=1)
        _name_quadrants(ax, table, crit_cut, res_cut)
        ax.set_xlabel("Criminality (higher = more organized crime)")
        ax.set_ylabel("Resilience (higher = more resilient)")
        set_title(
            fig, f"{place.name} among {len(table)} countries: criminality and resilience, {edition}"
        )
        handles = [
            Line2D([], [], ls="none", marker=COUNTRY.marker, ms=COUNTRY.size, color=COUNTRY.color,
                   markeredgecolor="black", label=legend_labels[0]),
            Line2D([], [], ls="none", marker=REGION_MEMBER.marker, ms=REGION_MEMBER.size,
                   color=REGION_MEMBER.color, label=legend_labels[1]),
            Line2D([], [], ls="none", marker=OTHER.marker, ms=OTHER.size + 1, color=OTHER.color,
                   label=legend_labels[2]),
        ]  # fmt: skip
        legend_below(ax, handles, ncol=columns)
        add_note(fig, note)
        country_style = {"fontsize": 10, "fontweight": "bold", "color": COUNTRY.color}
        labels = [(me["criminality"], me["resilience"], place.name, country_style)] + [
            (r.criminality, r.resilience, r.country) for r in region.itertuples()
        ]
        highlighted = np.column_stack(
            [
                np.r_[me["criminality"], region["criminality"]],
                np.r_[me["resilience"], region["resilience"]],
            ]
        )
        placed = place_labels(
            ax, labels, obstacles=highlighted,
            background=others[["criminality", "resilience"]].to_numpy(), color="#222222",
        )  # fmt: skip
    fig.ocanalysis_labels = placed  # where each label went (tests check they do not collide)
    set_alt(fig, _alt(place, edition, me, region, table, crit_cut, res_cut))
    return fig


def _source(limits: dict) -> str:
    """' (the world medians)' when both thresholds are defaults; how they were chosen otherwise."""
    sources = {limits.get("criminality_source"), limits.get("resilience_source")}
    if sources == {"world median"}:
        return " (the world medians)"
    if sources == {"given"}:
        return " (chosen by the user)"
    return ""


def _name_quadrants(ax, table, crit_cut, res_cut) -> None:
    """Write each quadrant's name in its outer corner (names come from the classification)."""
    if not (np.isfinite(crit_cut) and np.isfinite(res_cut)) or "quadrant" not in table:
        return
    for name, members in table.groupby("quadrant", sort=True):
        high_crit = bool((members["criminality"] >= crit_cut).mean() >= 0.5)
        high_res = bool((members["resilience"] >= res_cut).mean() >= 0.5)
        ax.text(
            0.985 if high_crit else 0.015, 0.985 if high_res else 0.015,
            f"{str(name).capitalize()}\n({len(members)})", transform=ax.transAxes,
            ha="right" if high_crit else "left", va="top" if high_res else "bottom",
            fontsize=8, color="#555555", style="italic", zorder=1, linespacing=1.2,
        )  # fmt: skip


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
