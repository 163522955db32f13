"""How solid a rank is: each country's median rank and 5–95 % interval over the audit's runs."""

from __future__ import annotations

import functools
import math

from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..errors import ArgumentError
from . import _data
from ._theme import (
    COUNTRY,
    EDGE,
    LEGEND_BELOW,
    LEGEND_ROW,
    REGION_MEMBER,
    TICK_SPACE,
    TITLE_BAND,
    Frame,
    add_note,
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

SCOPES = ("auto", "region", "window")
MEASURES = {"criminality": "rank_uncertainty", "resilience": "resilience_rank_uncertainty"}
WINDOW = 7  # countries either side of the country in the window view
MIN_REGION = 5  # smaller regions are shown as a window instead (auto scope)
WIDTH = 7.6  # inches
ROW = 0.3 * 72  # points per country


@functools.lru_cache(maxsize=8)
def default_audit(edition: int, runs: int = 1000, seed: int = 12345):
    """``analysis.audit.run(edition, runs, seed)``, computed once per process and arguments.

    What :func:`rank_robustness` uses when given no audit: a batch of reports over one edition
    runs the Monte Carlo once, not once per country. The result is shared: do not modify it.

    >>> default_audit(2021, runs=20) is default_audit(2021, runs=20)
    True
    """
    from ..analysis import audit as audit_module

    return audit_module.run(edition, runs=runs, seed=seed)


def rank_robustness(
    country: str,
    edition: int | None = None,
    audit=None,
    *,
    measure: str = "criminality",
    scope: str = "auto",
) -> Figure:
    """Median rank (dot) and 5th–95th percentile rank (line) under the audit's Monte Carlo.

    ``audit`` is an :func:`ocanalysis.analysis.audit.run` result for the same edition; when None,
    the audit with its defaults, computed once per process (:func:`default_audit`). ``measure`` is "criminality" or "resilience". ``scope``:
    "region" shows the region's countries, "window" the countries ranked nearest the country
    (seven either side), "auto" the region unless it has fewer than five countries. Rows run from
    rank 1 at the top; the nominal (published) rank is a black tick; the country is vermillion.

    >>> from ocanalysis.analysis import audit
    >>> fig = rank_robustness("Belgium", 2023, audit.run(2023, runs=100))
    >>> from ocanalysis.figures import title
    >>> title(fig)
    'Belgium: how robust is the criminality rank? (2023)'
    """
    if scope not in SCOPES:
        raise ArgumentError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")
    if measure not in MEASURES:
        raise ArgumentError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    place, edition = _data.resolve(country, edition)
    if audit is None:
        audit = default_audit(edition)
    if getattr(audit, "edition", edition) != edition:
        raise ArgumentError(f"the audit given is of edition {audit.edition}, not {edition}")
    table = getattr(audit, MEASURES[measure]).copy()
    table = table.sort_values(["nominal", "country"], kind="stable").reset_index(drop=True)
    total = len(table)
    region = table[table["region"] == place.region]
    if scope == "region" or (scope == "auto" and len(region) >= MIN_REGION):
        shown, scope_text = region, f"the {len(region)} countries of {place.region}"
    else:
        at = int(table.index[table["iso3"] == place.iso3][0])
        shown = table.iloc[max(0, at - WINDOW) : at + WINDOW + 1]
        scope_text = f"the {len(shown)} countries ranked nearest {place.name}"
    shown = shown.reset_index(drop=True)
    runs = getattr(audit, "runs", None)
    n = len(shown)
    printed = [f"{row.nominal}  ({row.q05}–{row.q95})" for row in shown.itertuples()]
    legend_labels = ["Published rank", f"{place.name}: median", "Others: median", "5–95 % of runs"]
    runs_text = f"{runs:,} runs" if runs else "the audit's runs"
    note = (
        f"Ranks recomputed over {runs_text}: indicator weights perturbed by ±25 %, arithmetic "
        f"or geometric mean. Right: published rank (5th–95th percentile). Showing "
        f"{scope_text}. Data: Global Organized Crime Index {edition}."
    )
    columns = legend_columns(legend_labels, WIDTH)
    frame = Frame(
        left=EDGE + TICK_SPACE + 2 + max(
            text_width(str(c), 9, "bold" if c == place.name else "normal") for c in shown["country"]
        ),
        right=EDGE + 6 + max(text_width(text, 8.5, "bold") for text in printed) + 2,
        top=TITLE_BAND,
        bottom=LEGEND_BELOW + LEGEND_ROW * math.ceil(len(legend_labels) / columns) + 6
        + note_height(len(wrap_note(note, WIDTH))),
    )  # fmt: skip
    with theme():
        fig, ax = framed_figure(WIDTH, ROW * n, frame)
        rows = list(range(n - 1, -1, -1))
        for y, row, text in zip(rows, shown.itertuples(), printed, strict=True):
            mine = row.iso3 == place.iso3
            role = COUNTRY if mine else REGION_MEMBER
            ax.plot(
                [row.q05, row.q95], [y, y], color=role.color, lw=3.2 if mine else 2.2,
                alpha=0.9 if mine else 0.55, solid_capstyle="round", zorder=2,
            )  # fmt: skip
            ax.plot(
                [row.median], [y], ls="none", marker=role.marker, ms=role.size if mine else 6,
                color=role.color, markeredgecolor="white", zorder=3,
                gid="country" if mine else "other",
            )  # fmt: skip
            ax.annotate(
                text, xy=(1.0, y), xycoords=("axes fraction", "data"), xytext=(6, 0),
                textcoords="offset points", va="center", ha="left", fontsize=8.5,
                color=COUNTRY.color if mine else "#333333", fontweight="bold" if mine else "normal",
            )  # fmt: skip
        ax.plot(
            shown["nominal"].tolist(), rows, ls="none", marker="|", ms=12, mew=1.8, color="black",
            zorder=4, gid="nominal",
        )  # fmt: skip
        ax.set_yticks(rows, shown["country"].tolist())
        for label in ax.get_yticklabels():
            if label.get_text() == place.name:
                label.set_fontweight("bold")
                label.set_color(COUNTRY.color)
        low = int(shown[["q05", "nominal"]].min().min())
        high = int(shown[["q95", "nominal"]].max().max())
        pad = max(2, (high - low) // 12)
        ax.set_xlim(max(0, low - pad), min(total + 1, high + pad))
        ax.set_ylim(-0.7, n - 0.3)
        ax.grid(axis="y", visible=False)
        ax.set_xlabel(f"{measure.capitalize()} rank of {total} (1 = highest {measure})")
        set_title(fig, f"{place.name}: how robust is the {measure} rank? ({edition})")
        handles = [
            Line2D([], [], ls="none", marker="|", ms=10, mew=1.8, color="black",
                   label=legend_labels[0]),
            Line2D([], [], ls="none", marker=COUNTRY.marker, ms=7, color=COUNTRY.color,
                   label=legend_labels[1]),
            Line2D([], [], ls="none", marker=REGION_MEMBER.marker, ms=6,
                   color=REGION_MEMBER.color, label=legend_labels[2]),
            Line2D([], [], color="#777777", lw=2.4, label=legend_labels[3]),
        ]  # fmt: skip
        legend_below(ax, handles, ncol=columns)
        add_note(fig, note)
    set_alt(fig, _alt(place, edition, measure, shown, total, runs_text, scope_text))
    return fig


def _alt(place, edition, measure, shown, total, runs_text, scope_text) -> str:
    me = shown[shown["iso3"] == place.iso3].iloc[0]
    widths = shown["q95"] - shown["q05"]
    widest = shown.loc[widths.idxmax()]
    inside = int(((shown["q05"] <= shown["nominal"]) & (shown["nominal"] <= shown["q95"])).sum())
    return (
        f"Interval chart of {measure} rank robustness in the {edition} Global Organized Crime "
        f"Index for {scope_text}. {place.name}'s published rank is {me['nominal']} of {total}; "
        f"over {runs_text} its median rank is {me['median']} and 90 % of ranks fall between "
        f"{me['q05']} and {me['q95']}. The widest interval shown is {widest['country']}'s "
        f"({widest['q05']}–{widest['q95']}). The published rank lies inside the interval for "
        f"{inside} of the {len(shown)} countries shown."
    )
