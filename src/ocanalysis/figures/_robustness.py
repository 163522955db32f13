"""How solid a rank is: each country's median rank and 5–95 % interval over the audit's runs."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import NamedTuple

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator, ScalarFormatter

from ..errors import ArgumentError
from . import _data, _svg
from ._theme import (
    COUNTRY,
    EDGE,
    LEGEND_BELOW,
    LEGEND_ROW,
    REGION_MEMBER,
    TICK_SPACE,
    TITLE_BAND,
    TITLE_SIZE,
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


class _Row(NamedTuple):
    """One country's line of the audit's rank-uncertainty table."""

    iso3: str
    country: str
    region: str
    nominal: int
    median: int
    q05: int
    q95: int


@dataclass(frozen=True)
class _RobustnessChart:
    """Everything one rank-robustness chart shows, computed once for either renderer."""

    place: object
    shown: list[_Row]  # the audit's rows shown, rank 1 first
    mine: list[bool]  # per shown row: is it the country?
    rows: list[int]  # y of each shown row (the first at the top)
    printed: list[str]
    title: str
    xlabel: str
    xlim: tuple[int, int]
    ylim: tuple[float, float]
    legend_labels: list[str]
    note: str
    columns: int
    frame: Frame
    alt: str


def _robustness_chart(country, edition, audit, measure, scope) -> _RobustnessChart:
    if scope not in SCOPES:
        raise ArgumentError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")
    if measure not in MEASURES:
        raise ArgumentError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    place, edition = _data.resolve(country, edition)
    if audit is None:
        audit = default_audit(edition)
    if getattr(audit, "edition", edition) != edition:
        raise ArgumentError(f"the audit given is of edition {audit.edition}, not {edition}")
    # Plain rows rather than DataFrame operations: a batch draws this chart for every country.
    frame = getattr(audit, MEASURES[measure])
    table = sorted(
        map(_Row._make, zip(*(frame[name].tolist() for name in _Row._fields), strict=True)),
        key=lambda row: (row.nominal, row.country),
    )
    total = len(table)
    region = [row for row in table if row.region == place.region]
    if scope == "region" or (scope == "auto" and len(region) >= MIN_REGION):
        shown, scope_text = region, f"the {len(region)} countries of {place.region}"
    else:
        at = next(i for i, row in enumerate(table) if row.iso3 == place.iso3)
        shown = table[max(0, at - WINDOW) : at + WINDOW + 1]
        scope_text = f"the {len(shown)} countries ranked nearest {place.name}"
    runs = getattr(audit, "runs", None)
    n = len(shown)
    printed = [f"{row.nominal}  ({row.q05}–{row.q95})" for row in shown]
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
            text_width(r.country, 9, "bold" if r.country == place.name else "normal") for r in shown
        ),
        right=EDGE + 6 + max(text_width(text, 8.5, "bold") for text in printed) + 2,
        top=TITLE_BAND,
        bottom=LEGEND_BELOW + LEGEND_ROW * math.ceil(len(legend_labels) / columns) + 6
        + note_height(len(wrap_note(note, WIDTH))),
    )  # fmt: skip
    low = min(min(row.q05, row.nominal) for row in shown)
    high = max(max(row.q95, row.nominal) for row in shown)
    pad = max(2, (high - low) // 12)
    return _RobustnessChart(
        place=place,
        shown=shown,
        mine=[row.iso3 == place.iso3 for row in shown],
        rows=list(range(n - 1, -1, -1)),
        printed=printed,
        title=f"{place.name}: how robust is the {measure} rank? ({edition})",
        xlabel=f"{measure.capitalize()} rank of {total} (1 = highest {measure})",
        xlim=(max(0, low - pad), min(total + 1, high + pad)),
        ylim=(-0.7, n - 0.3),
        legend_labels=legend_labels,
        note=note,
        columns=columns,
        frame=frame,
        alt=_alt(place, edition, measure, shown, total, runs_text, scope_text),
    )


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
    chart = _robustness_chart(country, edition, audit, measure, scope)
    shown, rows = chart.shown, chart.rows
    with theme():
        fig, ax = framed_figure(WIDTH, ROW * len(shown), chart.frame)
        for y, row, mine, text in zip(rows, shown, chart.mine, chart.printed, strict=True):
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
            [row.nominal for row in shown], rows, ls="none", marker="|", ms=12, mew=1.8, color="black",
            zorder=4, gid="nominal",
        )  # fmt: skip
        ax.set_yticks(rows, [row.country for row in shown])
        for label in ax.get_yticklabels():
            if label.get_text() == chart.place.name:
                label.set_fontweight("bold")
                label.set_color(COUNTRY.color)
        ax.set_xlim(*chart.xlim)
        ax.set_ylim(*chart.ylim)
        ax.grid(axis="y", visible=False)
        ax.set_xlabel(chart.xlabel)
        set_title(fig, chart.title)
        labels = chart.legend_labels
        handles = [
            Line2D([], [], ls="none", marker="|", ms=10, mew=1.8, color="black",
                   label=labels[0]),
            Line2D([], [], ls="none", marker=COUNTRY.marker, ms=7, color=COUNTRY.color,
                   label=labels[1]),
            Line2D([], [], ls="none", marker=REGION_MEMBER.marker, ms=6,
                   color=REGION_MEMBER.color, label=labels[2]),
            Line2D([], [], color="#777777", lw=2.4, label=labels[3]),
        ]  # fmt: skip
        legend_below(ax, handles, ncol=chart.columns)
        add_note(fig, chart.note)
    set_alt(fig, chart.alt)
    return fig


def rank_robustness_svg(
    country: str,
    edition: int | None = None,
    audit=None,
    *,
    measure: str = "criminality",
    scope: str = "auto",
) -> _svg.SvgChart:
    """:func:`rank_robustness` written straight to SVG for reports (see ``_svg``).

    >>> from ocanalysis.analysis import audit
    >>> chart = rank_robustness_svg("Belgium", 2023, audit.run(2023, runs=100))
    >>> chart.title, len(chart.marks["country"]), len(chart.marks["nominal"])
    ('Belgium: how robust is the criminality rank? (2023)', 1, 11)
    """
    chart = _robustness_chart(country, edition, audit, measure, scope)
    shown, rows = chart.shown, chart.rows
    area, width, height = _svg.PlotArea.framed(
        WIDTH, ROW * len(shown), chart.frame, chart.xlim, chart.ylim
    )
    canvas = _svg.Canvas(width, height)
    ys = [area.y(row) for row in rows]
    ticks = _x_ticks(chart.xlim, area.width)
    # matplotlib's order (zorder): grid and ticks, intervals, spines, medians, published ranks.
    _svg.x_grid(canvas, area, ticks)
    _svg.x_ticks(canvas, area, ticks, _tick_labels(ticks, chart.xlim))
    _svg.y_ticks(
        canvas, area, rows, [row.country for row in shown],
        styles={i: {"weight": "bold", "color": COUNTRY.color}
                for i, mine in enumerate(chart.mine) if mine},
    )  # fmt: skip
    for mine in (False, True):
        role = COUNTRY if mine else REGION_MEMBER
        canvas.segments(
            [(area.x(row.q05), y, area.x(row.q95), y)
             for y, row, its in zip(ys, shown, chart.mine, strict=True) if its == mine],
            color=role.color, width=3.2 if mine else 2.2, cap="round",
            opacity=0.9 if mine else 0.55,
        )  # fmt: skip
    _svg.axes_frame(canvas, area)
    for mine in (False, True):
        role = COUNTRY if mine else REGION_MEMBER
        canvas.markers(
            [(area.x(row.median), y)
             for y, row, its in zip(ys, shown, chart.mine, strict=True) if its == mine],
            shape=role.marker, size=role.size if mine else 6, fill=role.color, edge="#FFFFFF",
            edge_width=1.0, mark="country" if mine else "other",
        )  # fmt: skip
    canvas.markers(
        [(area.x(row.nominal), y) for row, y in zip(shown, ys, strict=True)],
        shape="|", size=12, fill="#000000", edge_width=1.8, mark="nominal",
    )  # fmt: skip
    for y, mine, text in zip(ys, chart.mine, chart.printed, strict=True):
        canvas.text(
            area.right + 6, y, text, size=8.5, color=COUNTRY.color if mine else "#333333",
            weight="bold" if mine else "normal", baseline="center",
        )  # fmt: skip
    _svg.x_label(canvas, area, chart.xlabel)
    _svg.title(canvas, chart.title, _svg.title_size(chart.title, width, TITLE_SIZE))
    labels = chart.legend_labels
    _svg.legend_below(
        canvas, area,
        [
            _svg.LegendEntry(labels[0], "marker", "#000000", "|", 10, edge_width=1.8),
            _svg.LegendEntry(labels[1], "marker", COUNTRY.color, COUNTRY.marker, 7),
            _svg.LegendEntry(labels[2], "marker", REGION_MEMBER.color, REGION_MEMBER.marker, 6),
            _svg.LegendEntry(labels[3], "line", "#777777", line_width=2.4),
        ],
        chart.columns,
    )  # fmt: skip
    _svg.note(canvas, wrap_note(chart.note, WIDTH))
    return _svg.SvgChart(canvas.to_svg(), chart.alt, chart.title, canvas.marks)


def _x_ticks(xlim: tuple[float, float], plot_width: float) -> list[float]:
    """The ticks matplotlib's default locator (AutoLocator) puts on an x axis ``plot_width``
    points long showing ``xlim``: at most one per three tick-label heights, nine at most.

    >>> _x_ticks((31, 194), 400)
    [40.0, 60.0, 80.0, 100.0, 120.0, 140.0, 160.0, 180.0]
    """
    bins = int(min(9, max(1, math.floor(plot_width / (_svg.TICK_SIZE * 3)))))
    locator = MaxNLocator(nbins=bins, steps=[1, 2, 2.5, 5, 10])
    low, high = xlim
    slack = 1e-10 * (high - low)  # matplotlib keeps ticks within a hair of the limits
    return [float(t) for t in locator.tick_values(low, high) if low - slack <= t <= high + slack]


def _tick_labels(ticks: list[float], xlim: tuple[float, float]) -> list[str]:
    """The labels matplotlib's default formatter gives those ticks ("40", or "40.5" when needed).

    >>> _tick_labels([1.0, 1.5, 2.0], (0.8, 2.2)), _tick_labels([40.0, 60.0], (31, 194))
    (['1.0', '1.5', '2.0'], ['40', '60'])
    """
    formatter = ScalarFormatter()
    formatter.create_dummy_axis()
    formatter.axis.set_view_interval(*xlim)
    return formatter.format_ticks(ticks)


def _alt(place, edition, measure, shown, total, runs_text, scope_text) -> str:
    me = next(row for row in shown if row.iso3 == place.iso3)
    widest = max(shown, key=lambda row: row.q95 - row.q05)  # the first of the widest
    inside = sum(row.q05 <= row.nominal <= row.q95 for row in shown)
    return (
        f"Interval chart of {measure} rank robustness in the {edition} Global Organized Crime "
        f"Index for {scope_text}. {place.name}'s published rank is {me.nominal} of {total}; "
        f"over {runs_text} its median rank is {me.median} and 90 % of ranks fall between "
        f"{me.q05} and {me.q95}. The widest interval shown is {widest.country}'s "
        f"({widest.q05}–{widest.q95}). The published rank lies inside the interval for "
        f"{inside} of the {len(shown)} countries shown."
    )
