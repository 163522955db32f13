"""What changed for a country between two editions: a dumbbell per composite and shared indicator."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .. import catalogue, i18n
from ..analysis.peers import higher_is_better
from ..i18n import N_, _
from . import _data
from ._chart import Axis, Chart, LegendEntry, Markers, Segments, Text
from ._kind import figure_function
from ._theme import (
    EDGE,
    LEGEND_BELOW,
    LEGEND_ROW,
    OKABE_ITO,
    TITLE_BAND,
    Frame,
    fmt,
    legend_columns,
    note_height,
    readable_on_white,
    text_width,
    wrap_note,
)

BETTER = OKABE_ITO["blue"]
WORSE = OKABE_ITO["vermillion"]
SAME = "#8C8C8C"
WIDTH = 7.6  # inches
ROW = 0.245 * 72  # points per row
XLIM = (0.6, 10.4)
XLABEL = N_("Score (1–10)")
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
    (N_("Composites"), None),
    ("Criminal markets", catalogue.CRIMINAL_MARKETS),
    ("Criminal actors", catalogue.CRIMINAL_ACTORS),
    ("Resilience", catalogue.RESILIENCE),
)


def _signed(value: float) -> str:
    if value == 0:
        return "±0"
    return i18n.decimal(f"{value:+.2f}".rstrip("0").rstrip(".").replace("-", "\u2212"))


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


def edition_change_chart(country: str, from_edition: int, to_edition: int) -> Chart:
    """Dumbbells from one edition's score to another's, for composites and shared indicators.

    An open circle marks the ``from_edition`` score, a filled one the ``to_edition`` score; the
    bar is blue where the change is an improvement (less crime, more resilience), vermillion where
    it is a deterioration. The change is printed at the right. Composites also show, as a black
    tick, the like-for-like score: the composite recomputed on the indicators both editions share.
    ``figures.edition_change`` draws it as a matplotlib figure, ``.svg`` for reports.

    >>> from ocanalysis import figures
    >>> figures.title(figures.edition_change("Belgium", 2021, 2023))
    'Belgium: change from 2021 to 2023'
    >>> chart = figures.edition_change.svg("Belgium", 2021, 2023)
    >>> len(chart.marks["from"]), len(chart.marks["like_for_like"])
    (30, 4)
    """
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
            groups.append((_(heading) if pillar is None else i18n.label(pillar), part))
    n = sum(1 + len(measures) for _heading, measures in groups)
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
                    n - 1 - len(rows),
                    i18n.label(item["label"]),
                    before,
                    after,
                    SAME if delta == 0 else (BETTER if improved else WORSE),
                    float(likes[item["indicator"]]["like_for_like_to"]) if tick else None,
                    _signed(delta),
                    bool(delta),
                )
            )
    dumbbells = [row for row in rows if isinstance(row, _Dumbbell)]
    legend_labels = [str(first), str(second), _("Improved"), _("Worsened")]
    if partial:
        legend_labels.append(_("{edition} like for like").format(edition=second))
    note = _("Improved: lower criminality scores, higher resilience scores.") + " "
    if partial:
        note += (
            _(
                "Only the {shared} indicators both editions score are shown; like for like = "
                "{edition} composite recomputed on those indicators only."
            ).format(shared=len(shared), edition=second)
            + " "
        )
    note += _("Data: Global Organized Crime Index {first} and {second}.").format(
        first=first, second=second
    )
    columns = legend_columns(legend_labels, WIDTH)
    label_room = max(text_width(str(d.label), 9) for d in dumbbells) + 3.5
    heading_room = max(text_width(g, HEADING_SIZE, "bold") for g, _measures in groups) + 6
    frame = Frame(
        left=EDGE + max(label_room, heading_room) + 2,
        right=EDGE + 6 + max(text_width(d.printed, CHANGE_SIZE, "bold") for d in dumbbells) + 2,
        top=TITLE_BAND,
        bottom=LEGEND_BELOW
        + LEGEND_ROW * math.ceil(len(legend_labels) / columns)
        + 6
        + note_height(len(wrap_note(note, WIDTH))),
    )
    headings = [row for row in rows if isinstance(row, _Heading)]
    n = len(rows)
    marks = [
        Segments(
            tuple((0, h.y + 0.5, 1, h.y + 0.5) for h in headings if h.separator),
            SEPARATOR_COLOR,
            SEPARATOR_WIDTH,
            z=0,
            coords=("axes", "data"),
            cap="square",
        )
    ]
    marks += [
        Segments(
            tuple((d.before, d.y, d.after, d.y) for d in dumbbells if d.color == color),
            color,
            BAR_WIDTH,
            z=2,
            gid="bars",
        )
        for color in dict.fromkeys(d.color for d in dumbbells)
    ]
    marks.append(
        Markers(
            tuple((d.before, d.y) for d in dumbbells),
            "o",
            DOT_SIZE,
            "#FFFFFF",
            z=3,
            edge=DOT_EDGE,
            edge_width=FROM_EDGE_WIDTH,
            gid="from",
        )
    )
    marks += [
        Markers(
            tuple((d.after, d.y) for d in dumbbells if d.color == color),
            "o",
            DOT_SIZE,
            color,
            z=4,
            edge=DOT_EDGE,
            edge_width=TO_EDGE_WIDTH,
            gid="to",
        )
        for color in dict.fromkeys(d.color for d in dumbbells)
    ]
    marks.append(
        Markers(
            tuple((d.like, d.y) for d in dumbbells if d.like is not None),
            "|",
            LIKE_SIZE,
            "#000000",
            z=5,
            edge_width=LIKE_WIDTH,
            gid="like_for_like",
        )
    )
    marks += [
        Text(
            HEADING_X,
            h.y,
            h.text,
            HEADING_SIZE,
            color=HEADING_COLOR,
            weight="bold",
            ha="right",
            va="center",
            coords=("axes", "data"),
        )
        for h in headings
    ]
    marks += [
        Text(
            1.0,
            d.y,
            d.printed,
            CHANGE_SIZE,
            color=readable_on_white(d.color),
            weight="bold" if d.bold else "normal",
            va="center",
            coords=("axes", "data"),
            offset=(6, 0),
        )
        for d in dumbbells
    ]
    legend = [
        LegendEntry(legend_labels[0], "marker", DOT_EDGE, "o", DOT_SIZE, fill="#FFFFFF"),
        LegendEntry(legend_labels[1], "marker", DOT_EDGE, "o", DOT_SIZE),
        LegendEntry(legend_labels[2], "line", BETTER, line_width=BAR_WIDTH),
        LegendEntry(legend_labels[3], "line", WORSE, line_width=BAR_WIDTH),
    ]
    if partial:
        legend.append(
            LegendEntry(
                legend_labels[4], "marker", "#000000", "|", LIKE_LEGEND_SIZE, edge_width=LIKE_WIDTH
            )
        )
    title = _("{country}: change from {first} to {second}").format(
        country=i18n.country(place.iso3), first=first, second=second
    )
    return Chart(
        width=WIDTH,
        plot_height=ROW * n,
        frame=frame,
        xlim=XLIM,
        ylim=(-0.7, n - 0.3),
        x_axis=Axis(tuple(range(1, 11)), label=_(XLABEL), grid=True),
        y_axis=Axis(
            tuple(d.y for d in dumbbells), tuple(d.label for d in dumbbells), tick_marks=False
        ),
        marks=tuple(marks),
        title=title,
        note=note,
        alt=_alt(place, first, second, records, likes, partial, len(shared)),
        legend=tuple(legend),
        legend_columns=columns,
    )


edition_change = figure_function(edition_change_chart, "edition_change")


def _alt(place, first, second, records, likes, partial, shared) -> str:
    composites = [r for r in records if r["composite"]]
    parts = [
        _("{measure} {before} to {after} ({change})").format(
            measure=i18n.label(r["label"]).lower(),
            before=fmt(r["score_from"]),
            after=fmt(r["score_to"]),
            change=_signed(r["change"]),
        )
        for r in composites
    ]
    indicators = [r for r in records if not r["composite"]]
    moved = [r for r in indicators if r["change"] != 0]
    # sorted() is stable, as the frames' kind="stable" sort was.
    rises = sorted(moved, key=lambda r: -r["change"])[:3]
    falls = sorted(moved, key=lambda r: r["change"])[:3]

    def listing(rows) -> str:
        return ", ".join(
            f"{i18n.label(r['label']).lower()} {_signed(r['change'])}" for r in rows
        ) or _("none")

    text = _(
        "Dumbbell chart of {country}'s scores in the {first} and {second} Global Organized "
        "Crime Index: {composites} composites and {indicators} indicators both editions score. "
        "Composites: {parts}. Largest rises: {rises}. Largest falls: {falls}. {unchanged} "
        "indicators unchanged."
    ).format(
        country=i18n.country(place.iso3),
        first=first,
        second=second,
        composites=len(composites),
        indicators=len(indicators),
        parts="; ".join(parts),
        rises=listing([r for r in rises if r["change"] > 0]),
        falls=listing([r for r in falls if r["change"] < 0]),
        unchanged=sum(r["change"] == 0 for r in indicators),
    )
    if partial and "criminality" in likes:
        row = likes["criminality"]
        text += " " + _(
            "Like for like on the {shared} shared indicators, criminality went from {before} to "
            "{after} ({change})."
        ).format(
            shared=shared,
            before=fmt(row["like_for_like_from"]),
            after=fmt(row["like_for_like_to"]),
            change=_signed(row["like_for_like_change"]),
        )
        flagged = [name for name, r in likes.items() if r["sign_disagrees"]]
        if flagged:
            text += " " + _(
                "The published and like-for-like changes point in opposite directions for {names}."
            ).format(names=i18n.listing([i18n.label(name).lower() for name in flagged]))
    return text
