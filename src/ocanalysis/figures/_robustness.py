"""How solid a rank is: each country's median rank and 5–95 % interval over the audit's runs."""

from __future__ import annotations

import math
from typing import NamedTuple

from matplotlib.ticker import MaxNLocator, ScalarFormatter

from .. import i18n
from ..analysis.edition import edition_analysis
from ..errors import ArgumentError
from ..i18n import _
from . import _data
from ._chart import Axis, Chart, LegendEntry, Markers, Segments, Text
from ._kind import figure_function
from ._svg import TICK_SIZE
from ._theme import (
    COUNTRY,
    EDGE,
    LEGEND_BELOW,
    LEGEND_ROW,
    REGION_MEMBER,
    TICK_SPACE,
    TITLE_BAND,
    Frame,
    legend_columns,
    note_height,
    text_width,
    wrap_note,
)

SCOPES = ("auto", "region", "window")
MEASURES = {"criminality": "rank_uncertainty", "resilience": "resilience_rank_uncertainty"}
WINDOW = 7  # countries either side of the country in the window view
MIN_REGION = 5  # smaller regions are shown as a window instead (auto scope)
WIDTH = 7.6  # inches
ROW = 0.3 * 72  # points per country


class _Row(NamedTuple):
    """One country's line of the audit's rank-uncertainty table."""

    iso3: str
    country: str
    region: str
    nominal: int
    median: int
    q05: int
    q95: int


def rank_robustness_chart(
    country: str,
    edition: int | None = None,
    audit=None,
    *,
    measure: str = "criminality",
    scope: str = "auto",
) -> Chart:
    """Median rank (dot) and 5th–95th percentile rank (line) under the audit's Monte Carlo.

    ``audit`` is an :func:`ocanalysis.analysis.audit.run` result for the same edition; when None,
    the default audit of the edition (``analysis.edition_analysis(edition).audit``, the one
    ``ocanalysis audit`` states). ``measure``
    is "criminality" or "resilience". ``scope``: "region" shows the region's countries,
    "window" the countries ranked nearest the country (seven either side), "auto" the region
    unless it has fewer than five countries. Rows run from rank 1 at the top; the nominal
    (published) rank is a black tick; the country is vermillion. ``figures.rank_robustness``
    draws it as a matplotlib figure, ``.svg`` for reports.

    >>> from ocanalysis import figures
    >>> from ocanalysis.analysis import audit
    >>> result = audit.run(2023, runs=100)
    >>> figures.title(figures.rank_robustness("Belgium", 2023, result))
    'Belgium: how robust is the criminality rank? (2023)'
    >>> chart = figures.rank_robustness.svg("Belgium", 2023, result)
    >>> len(chart.marks["country"]), len(chart.marks["nominal"])
    (1, 11)
    """
    if scope not in SCOPES:
        raise ArgumentError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")
    if measure not in MEASURES:
        raise ArgumentError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    place, edition = _data.resolve(country, edition)
    if audit is None:
        audit = edition_analysis(edition).audit
    if getattr(audit, "edition", edition) != edition:
        raise ArgumentError(f"the audit given is of edition {audit.edition}, not {edition}")
    # Plain rows rather than DataFrame operations: a batch draws this chart for every country.
    frame = getattr(audit, MEASURES[measure])
    table = sorted(
        map(_Row._make, zip(*(frame[name].tolist() for name in _Row._fields), strict=True)),
        key=lambda row: (row.nominal, row.country),
    )
    # The names as the report's language writes them (the order stays the publisher's).
    table = [row._replace(country=i18n.country(row.iso3)) for row in table]
    name = i18n.country(place.iso3)
    word = i18n.label(measure).lower()
    total = len(table)
    region = [row for row in table if row.region == place.region]
    if scope == "region" or (scope == "auto" and len(region) >= MIN_REGION):
        shown = region
        scope_text = _("the {count} countries of {region}").format(
            count=len(region), region=i18n.of_region(place.region)
        )
    else:
        at = next(i for i, row in enumerate(table) if row.iso3 == place.iso3)
        shown = table[max(0, at - WINDOW) : at + WINDOW + 1]
        scope_text = _("the {count} countries ranked nearest {country}").format(
            count=len(shown), country=name
        )
    runs = getattr(audit, "runs", None)
    n = len(shown)
    printed = [f"{row.nominal}  ({row.q05}–{row.q95})" for row in shown]
    legend_labels = [
        _("Published rank"),
        _("{country}: median").format(country=name),
        _("Others: median"),
        _("5–95 % of runs"),
    ]
    runs_text = _("{runs} runs").format(runs=i18n.integer(runs)) if runs else _("the audit's runs")
    note = _(
        "Ranks recomputed over {runs}: indicator weights perturbed by ±25\u00a0%, arithmetic or "
        "geometric mean. Right: published rank (5th–95th percentile). Showing {scope}. Data: "
        "Global Organized Crime Index {edition}."
    ).format(runs=runs_text, scope=scope_text, edition=edition)
    columns = legend_columns(legend_labels, WIDTH)
    frame = Frame(
        left=EDGE
        + TICK_SPACE
        + 2
        + max(
            text_width(r.country, 9, "bold" if r.iso3 == place.iso3 else "normal") for r in shown
        ),
        right=EDGE + 6 + max(text_width(text, 8.5, "bold") for text in printed) + 2,
        top=TITLE_BAND,
        bottom=LEGEND_BELOW
        + LEGEND_ROW * math.ceil(len(legend_labels) / columns)
        + 6
        + note_height(len(wrap_note(note, WIDTH))),
    )
    low = min(min(row.q05, row.nominal) for row in shown)
    high = max(max(row.q95, row.nominal) for row in shown)
    pad = max(2, (high - low) // 12)
    mine = [row.iso3 == place.iso3 for row in shown]
    rows = list(range(n - 1, -1, -1))
    xlim = (max(0, low - pad), min(total + 1, high + pad))
    marks = []
    for its in (False, True):
        role = COUNTRY if its else REGION_MEMBER
        picked = [(y, row) for y, row, m in zip(rows, shown, mine, strict=True) if m == its]
        marks.append(
            Segments(
                tuple((row.q05, y, row.q95, y) for y, row in picked),
                role.color,
                3.2 if its else 2.2,
                z=2,
                cap="round",
                opacity=0.9 if its else 0.55,
                gid="interval",
            )
        )
    for its in (False, True):
        role = COUNTRY if its else REGION_MEMBER
        marks.append(
            Markers(
                tuple(
                    (row.median, y) for y, row, m in zip(rows, shown, mine, strict=True) if m == its
                ),
                role.marker,
                role.size if its else 6,
                role.color,
                z=3,
                edge="#FFFFFF",
                edge_width=1.0,
                gid="country" if its else "other",
            )
        )
    marks.append(
        Markers(
            tuple((row.nominal, y) for row, y in zip(shown, rows, strict=True)),
            "|",
            12,
            "#000000",
            z=4,
            edge_width=1.8,
            gid="nominal",
        )
    )
    marks += [
        Text(
            1.0,
            y,
            text,
            8.5,
            color=COUNTRY.text_color if its else "#333333",
            weight="bold" if its else "normal",
            va="center",
            coords=("axes", "data"),
            offset=(6, 0),
        )
        for y, its, text in zip(rows, mine, printed, strict=True)
    ]
    ticks = _x_ticks(xlim, WIDTH * 72 - frame.left - frame.right)
    title = _("{country}: how robust is the {measure} rank? ({edition})").format(
        country=name, measure=word, edition=edition
    )
    return Chart(
        width=WIDTH,
        plot_height=ROW * n,
        frame=frame,
        xlim=xlim,
        ylim=(-0.7, n - 0.3),
        x_axis=Axis(
            tuple(ticks),
            tuple(_tick_labels(ticks, xlim)),
            label=_("{Measure} rank of {total} (1 = highest {measure})").format(
                Measure=i18n.label(measure), total=total, measure=word
            ),
            grid=True,
        ),
        y_axis=Axis(
            tuple(rows),
            tuple(row.country for row in shown),
            label_styles={
                i: {"weight": "bold", "color": COUNTRY.text_color}
                for i, its in enumerate(mine)
                if its
            },
        ),
        marks=tuple(marks),
        title=title,
        note=note,
        alt=_alt(place, edition, measure, shown, total, runs_text, scope_text),
        legend=(
            LegendEntry(legend_labels[0], "marker", "#000000", "|", 10, edge_width=1.8),
            LegendEntry(legend_labels[1], "marker", COUNTRY.color, COUNTRY.marker, 7),
            LegendEntry(legend_labels[2], "marker", REGION_MEMBER.color, REGION_MEMBER.marker, 6),
            LegendEntry(legend_labels[3], "line", "#777777", line_width=2.4),
        ),
        legend_columns=columns,
    )


rank_robustness = figure_function(rank_robustness_chart, "rank_robustness")


def _x_ticks(xlim: tuple[float, float], plot_width: float) -> list[float]:
    """The ticks matplotlib's default locator (AutoLocator) puts on an x axis ``plot_width``
    points long showing ``xlim``: at most one per three tick-label heights, nine at most.

    >>> _x_ticks((31, 194), 400)
    [40.0, 60.0, 80.0, 100.0, 120.0, 140.0, 160.0, 180.0]
    """
    bins = int(min(9, max(1, math.floor(plot_width / (TICK_SIZE * 3)))))
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
    return _(
        "Interval chart of {measure} rank robustness in the {edition} Global Organized Crime "
        "Index for {scope}. {country}'s published rank is {nominal} of {total}; over {runs} its "
        "median rank is {median} and 90 % of ranks fall between {q05} and {q95}. The widest "
        "interval shown is {widest}'s ({widest_q05}–{widest_q95}). The published rank lies "
        "inside the interval for {inside} of the {shown} countries shown."
    ).format(
        measure=i18n.label(measure).lower(),
        edition=edition,
        scope=scope_text,
        country=i18n.country(place.iso3),
        nominal=me.nominal,
        total=total,
        runs=runs_text,
        median=me.median,
        q05=me.q05,
        q95=me.q95,
        widest=widest.country,
        widest_q05=widest.q05,
        widest_q95=widest.q95,
        inside=inside,
        shown=len(shown),
    )
