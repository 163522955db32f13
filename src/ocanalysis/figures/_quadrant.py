"""Criminality × resilience of every country, quadrants drawn, the country and its region picked out."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
from matplotlib.transforms import Bbox

from .. import countries, i18n
from ..i18n import N_, _
from . import _data
from ._chart import (
    POINTS,
    Axis,
    Chart,
    LegendEntry,
    Markers,
    Segments,
    Text,
)
from ._kind import figure_function
from ._labels import LEADER, layout_labels, leader_line
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
    fmt,
    legend_columns,
    note_height,
    text_width,
    wrap_note,
)

WIDTH = 7.0  # inches
LIMITS = (0.8, 9.2)  # both axes: the scores' 1–10 scale, trimmed where no country scores
TICKS = list(range(1, 10))  # what matplotlib's own locator shows on this square plot
XLABEL = N_("Criminality (higher = more organized crime)")
YLABEL = N_("Resilience (higher = more resilient)")
CUT_COLOR = "#555555"
CUT_DASH = (4.0, 3.0)  # points on, points off (at line width 1)
COUNTRY_AREA = 1.3  # the country's circle: this many times COUNTRY.size² in area
LABEL_COLOR = "#222222"
COUNTRY_LABEL = {"fontsize": 10, "fontweight": "bold", "color": COUNTRY.text_color}
QUADRANT_NAME_SIZE = 8
QUADRANT_NAME_COLOR = "#555555"
QUADRANT_NAME_SPACING = 1.2


@dataclass(frozen=True)
class _QuadrantName:
    lines: list[str]
    x: float  # axes fraction
    y: float
    ha: str
    va: str


MAX_GROUP_LABELS = 30  # a larger group (a continent, the world) is drawn without name labels


def quadrant_scatter_chart(
    country: str | None = None,
    edition: int | None = None,
    thresholds: tuple[float, float] | None = None,
    *,
    members: list[str] | None = None,
    name: str | None = None,
) -> Chart:
    """Scatter of criminality (x) against resilience (y) for all countries, with quadrant lines.

    ``thresholds`` is ``(criminality, resilience)``; by default the analysis' quadrant defaults
    (the publisher's matrix). For a country, the country is a large circle and the other members
    of its region are labelled diamonds; for a group (``members``, ISO3 codes or names, called
    ``name``) the members are the diamonds, labelled up to :data:`MAX_GROUP_LABELS`. Every other
    country is a small grey dot. Where each label went is ``chart.extras["labels"]``.
    ``figures.quadrant_scatter`` draws it as a matplotlib figure, ``.svg`` for reports.

    >>> from ocanalysis import figures
    >>> figures.title(figures.quadrant_scatter("Belgium", 2023))
    'Belgium among 193 countries: criminality and resilience, 2023'
    >>> chart = figures.quadrant_scatter.svg("Belgium", 2023)
    >>> len(chart.marks["country"]), len(chart.marks["region"])
    (1, 10)
    >>> group = figures.quadrant_scatter.chart(None, 2023, members=["BEL", "NLD"], name="Benelux")
    >>> group.title, [entry.label for entry in group.legend]
    ('Benelux among 193 countries: criminality and resilience, 2023', ['Benelux (2)', 'Other countries (191)'])
    """
    if members is None:
        place, edition = _data.resolve(country, edition)
        group_label = _("Rest of {region}").format(region=i18n.of_region(place.region))
        in_group_codes = set(_data.region_members(place, edition)["iso3"])
    else:
        place, edition = None, _data.check_edition(edition)
        in_group_codes = {countries.lookup(m).iso3 for m in members}
        group_label = name or _("Members")
    table, cuts, names = (
        _classified(edition, i18n.language())
        if thresholds is None
        else _classify(edition, thresholds)
    )
    crit_cut, res_cut = cuts.criminality, cuts.resilience
    is_country = table["iso3"] == (place.iso3 if place else "")
    in_region = table["iso3"].isin(in_group_codes) & ~is_country
    others = table[~is_country & ~in_region]
    region = table[in_region].sort_values("criminality", ascending=False)
    me = table[is_country].iloc[0] if place else None
    group_text = f"{group_label} ({len(region)})"
    others_text = _("Other countries ({count})").format(count=len(others))
    legend_labels = ([i18n.country(place.iso3)] if place else []) + [group_text, others_text]
    if not len(others):  # the whole world highlighted: no "other countries" entry
        legend_labels.pop()
    note = _(
        "Quadrant lines at criminality {criminality} and resilience {resilience}{source}. "
        "Data: Global Organized Crime Index {edition}."
    ).format(
        criminality=fmt(crit_cut), resilience=fmt(res_cut), source=_source(cuts), edition=edition
    )
    columns = legend_columns(legend_labels, WIDTH)
    # y tick labels ("8"), their pad and the rotated y label (10 pt) on the left.
    left = EDGE + 10 * 1.2 + 4 + text_width("8", 9) + TICK_SPACE + 2
    right = EDGE + 6
    frame = Frame(
        left=left,
        right=right,
        top=TITLE_BAND,
        bottom=LEGEND_BELOW
        + LEGEND_ROW * math.ceil(len(legend_labels) / columns)
        + 6
        + note_height(len(wrap_note(note, WIDTH))),
    )
    plot_size = WIDTH * 72 - left - right
    height = plot_size + frame.top + frame.bottom

    def to_points(xy: np.ndarray) -> np.ndarray:  # data -> points from the bottom-left, y up
        fraction = (xy - LIMITS[0]) / (LIMITS[1] - LIMITS[0])
        return np.column_stack(
            [left + fraction[:, 0] * plot_size, frame.bottom + fraction[:, 1] * plot_size]
        )

    mine = (
        []
        if me is None
        else [(me["criminality"], me["resilience"], i18n.country(place.iso3), COUNTRY_LABEL)]
    )
    named = region if me is not None or len(region) <= MAX_GROUP_LABELS else region.head(0)
    labels = mine + [
        (r.criminality, r.resilience, i18n.country(r.iso3)) for r in named.itertuples()
    ]
    highlighted = np.column_stack(
        [
            np.r_[[] if me is None else [me["criminality"]], region["criminality"]],
            np.r_[[] if me is None else [me["resilience"]], region["resilience"]],
        ]
    )
    placed = layout_labels(
        labels,
        to_points,
        Bbox.from_extents(left, frame.bottom, left + plot_size, height - frame.top),
        obstacles=highlighted,
        background=others[["criminality", "resilience"]].to_numpy(),
        color=LABEL_COLOR,
    )

    def hover(rows) -> tuple[str, ...]:  # what a page names over each dot
        return tuple(
            _("{country}: criminality {criminality}, resilience {resilience}").format(
                country=i18n.country(r.iso3),
                criminality=i18n.number(r.criminality, 2),
                resilience=i18n.number(r.resilience, 2),
            )
            for r in rows.itertuples()
        )

    def xy(rows) -> tuple[tuple[float, float], ...]:
        return tuple(
            zip(rows["criminality"].astype(float), rows["resilience"].astype(float), strict=True)
        )

    cuts = []
    if np.isfinite(crit_cut):
        cuts.append(
            Segments(
                ((crit_cut, 0, crit_cut, 1),),
                CUT_COLOR,
                1.0,
                z=1,
                dash=CUT_DASH,
                coords=("data", "axes"),
            )
        )
    if np.isfinite(res_cut):
        cuts.append(
            Segments(
                ((0, res_cut, 1, res_cut),),
                CUT_COLOR,
                1.0,
                z=1,
                dash=CUT_DASH,
                coords=("axes", "data"),
            )
        )
    marks = [
        *cuts,
        *(
            Text(
                name.x,
                name.y,
                "\n".join(name.lines),
                QUADRANT_NAME_SIZE,
                z=1,
                color=QUADRANT_NAME_COLOR,
                italic=True,
                ha=name.ha,
                va=name.va,
                coords=("axes", "axes"),
                linespacing=QUADRANT_NAME_SPACING,
            )
            for name in names
        ),
        Markers(
            xy(others),
            OTHER.marker,
            OTHER.size,
            OTHER.color,
            z=2,
            gid="others",
            hover=hover(others),
        ),
        Markers(
            xy(region),
            REGION_MEMBER.marker,
            REGION_MEMBER.size,
            REGION_MEMBER.color,
            z=3,
            edge="#FFFFFF",
            edge_width=0.6,
            gid="region",
            hover=hover(region),
        ),
        *(
            []
            if me is None
            else [
                Markers(
                    ((float(me["criminality"]), float(me["resilience"])),),
                    COUNTRY.marker,
                    COUNTRY.size * math.sqrt(COUNTRY_AREA),
                    COUNTRY.color,
                    z=4,
                    edge="#000000",
                    edge_width=0.9,
                    gid="country",
                    hover=hover(table[is_country]),
                )
            ]
        ),
        Segments(
            tuple(filter(None, map(leader_line, placed))),
            LEADER["color"],
            LEADER["lw"],
            z=3,
            coords=POINTS,
            gid="leaders",
        ),
        *(
            Text(
                label.x,
                label.y,
                label.text,
                label.style["fontsize"],
                z=3,
                color=label.style.get("color", LABEL_COLOR),
                weight=label.style.get("fontweight", "normal"),
                ha=label.ha,
                va=label.va,
                offset=label.offset,
            )
            for label in placed
        ),
    ]
    who = i18n.country(place.iso3) if place else group_label
    title = _("{who} among {count} countries: criminality and resilience, {edition}").format(
        who=who, count=len(table), edition=edition
    )
    country_entry = (
        LegendEntry(
            legend_labels[0], "marker", COUNTRY.color, COUNTRY.marker, COUNTRY.size, edge="#000000"
        )
        if place
        else None
    )
    return Chart(
        width=WIDTH,
        plot_height=plot_size,
        frame=frame,
        xlim=LIMITS,
        ylim=LIMITS,
        x_axis=Axis(tuple(TICKS), label=_(XLABEL), grid=True),
        y_axis=Axis(tuple(TICKS), label=_(YLABEL), grid=True),
        marks=tuple(marks),
        title=title,
        note=note,
        alt=_alt(place, group_label, edition, me, region, table, crit_cut, res_cut),
        legend=(
            *([country_entry] if country_entry else []),
            LegendEntry(
                group_text,
                "marker",
                REGION_MEMBER.color,
                REGION_MEMBER.marker,
                REGION_MEMBER.size,
            ),
            *(
                [
                    LegendEntry(
                        legend_labels[-1], "marker", OTHER.color, OTHER.marker, OTHER.size + 1
                    )
                ]
                if len(others)
                else []
            ),
        ),
        legend_columns=columns,
        equal_aspect=True,
        extras={"labels": placed},
    )


quadrant_scatter = figure_function(quadrant_scatter_chart, "quadrant_scatter")


def _classify(edition: int, thresholds):
    """Every country's quadrant, the thresholds used, and the quadrants' names."""
    result = _data.quadrant(edition, thresholds)
    cuts = result.thresholds
    return result.table, cuts, _quadrant_names(result.table, cuts.criminality, cuts.resilience)


@functools.lru_cache(maxsize=4)
def _classified(edition: int, lang: str):
    """:func:`_classify` at the default thresholds: the same for every country of an edition
    and language, so a batch of reports names the quadrants once."""
    return _classify(edition, None)


def _source(cuts) -> str:
    """Where the quadrant lines come from, for the chart's note."""
    sources = {cuts.criminality_source, cuts.resilience_source}
    if sources == {"publisher"}:
        return " " + _("(the publisher's matrix: 5.5 or more is high)")
    if sources == {"world median"}:
        return " " + _("(the world medians)")
    if sources == {"given"}:
        return " " + _("(chosen by the user)")
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
                [i18n.quadrant(str(name)).capitalize(), f"({len(members)})"],
                0.985 if high_crit else 0.015,
                0.985 if high_res else 0.015,
                "right" if high_crit else "left",
                "top" if high_res else "bottom",
            )
        )
    return names


def _alt(place, group_label, edition, me, region, table, crit_cut, res_cut) -> str:
    members = ", ".join(
        f"{i18n.country(r.iso3)} ({fmt(r.criminality)}, {fmt(r.resilience)})"
        for r in region.itertuples()
    )
    start = _(
        "Scatter plot of criminality (x) against resilience (y) for all {count} countries in the "
        "{edition} Global Organized Crime Index, divided into four quadrants at criminality "
        "{criminality} and resilience {resilience}."
    ).format(count=len(table), edition=edition, criminality=fmt(crit_cut), resilience=fmt(res_cut))
    if place is None:
        counts = region["quadrant"].value_counts()
        where = "; ".join(f"{i18n.quadrant(name)}: {counts[name]}" for name in sorted(counts.index))
        return (
            start
            + " "
            + _(
                "The {count} countries of {group} are highlighted (criminality, resilience): "
                "{members}. By quadrant: {where}."
            ).format(count=len(region), group=group_label, members=members, where=where)
        )
    quadrant = (
        " "
        + _("It falls in the '{quadrant}' quadrant.").format(quadrant=i18n.quadrant(me["quadrant"]))
        if "quadrant" in me
        else ""
    )
    region_part = (
        " "
        + _("The other {count} countries of {region} (criminality, resilience): {members}.").format(
            count=len(region), region=i18n.of_region(place.region), members=members
        )
        if len(region)
        else ""
    )
    return (
        start
        + " "
        + _(
            "{country} is highlighted at criminality {criminality} and resilience {resilience}."
        ).format(
            country=i18n.country(place.iso3),
            criminality=fmt(me["criminality"]),
            resilience=fmt(me["resilience"]),
        )
        + quadrant
        + region_part
    )
