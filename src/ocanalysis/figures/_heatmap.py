"""Every indicator score of a region's countries as one heatmap, the country's column outlined."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.colors import Normalize, to_hex

from .. import catalogue, countries, i18n
from ..analysis.means import group_means
from ..dataset import wide
from ..errors import ArgumentError
from ..i18n import _
from . import _data
from ._chart import Axis, Chart, ColorBar, Rects, Segments, Text
from ._kind import figure_function
from ._theme import (
    COUNTRY,
    EDGE,
    MISSING_COLOR,
    SEQUENTIAL_CMAP,
    TITLE_BAND,
    Frame,
    fmt,
    label_color_on,
    note_height,
    text_width,
    wrap_note,
)

CELL_WIDTH = 0.36 * 72  # points per country
CELL_HEIGHT = 0.245 * 72  # points per indicator
COLORBAR_WIDTH = 10.0  # points
LABEL_SIZE = 8.5  # the names of countries and indicators


MAX_COLUMNS = 30  # a larger group is drawn as its regions' means, one column per region


def region_heatmap_chart(
    country: str | None = None,
    edition: int | None = None,
    *,
    annotate: bool | str = True,
    members: list[str] | None = None,
    name: str | None = None,
) -> Chart:
    """The scores of the country's region (columns) on every indicator of the edition (rows).

    Drawn with indicators as rows so the long labels stay horizontal on a portrait page; columns
    are the region's countries, most criminal first, and the country's column is outlined and
    its name set in bold. ``annotate``: True prints every cell's score, ``"country"`` only the
    country's column (the others read by colour), False none. ``chart.extras["matrix"]`` holds
    the drawn values (countries × indicators: the region's size × 32 in 2023, × 26 in 2021).
    ``figures.region_heatmap`` draws it as a matplotlib figure, ``.svg`` as SVG.

    For a group instead of a country (``members``, ISO3 codes or names, called ``name``) no
    column is outlined; a group of more than :data:`MAX_COLUMNS` countries (a continent, the
    world) is drawn as the mean of each of its regions, one column per region.

    >>> chart = region_heatmap_chart("Belgium", 2023)
    >>> chart.extras["matrix"].shape
    (11, 32)
    >>> everyone = list(wide(2023)["iso3"])
    >>> world = region_heatmap_chart(None, 2023, members=everyone, name="the world")
    >>> world.extras["matrix"].shape, world.title
    ((22, 32), 'The world: indicator scores, 2023 (regional means)')
    """
    if annotate not in (True, False, "country"):
        raise ArgumentError(f"annotate must be True, False or 'country', not {annotate!r}")
    if members is None:
        place, edition = _data.resolve(country, edition)
        rows = _data.region_members(place, edition)
        where = i18n.region(place.region)
    else:
        place, edition = None, _data.check_edition(edition)
        codes = {countries.lookup(m).iso3 for m in members}
        frame = wide(edition)
        rows = frame[frame["iso3"].isin(codes)]
        where = name or _("the group")
    indicators = catalogue.indicators(edition)
    ids = [i.id for i in indicators]
    by_region = place is None and len(rows) > MAX_COLUMNS
    if by_region:  # one column per region: the mean of its members
        rows = group_means(rows, ["criminality", *ids], by="region").reset_index()
        rows = rows.rename(columns={"region": "country"})
    rows = rows.sort_values(["criminality", "country"], ascending=[False, True])
    matrix = rows.set_index("country")[ids].astype(float)
    n_countries, n_indicators = matrix.shape
    columns_are = (
        _("the mean of each of the {count} regions of {where}")
        if by_region
        else _("the {count} countries of {where}")
    ).format(count=i18n.integer(n_countries), where=where)
    note = _(
        "Columns: {columns}, highest criminality first; rows: criminal markets, criminal "
        "actors, resilience. Data: Global Organized Crime Index {edition}."
    ).format(columns=columns_are, edition=edition)
    names = [(i18n.region if by_region else i18n.country)(n) for n in matrix.index]
    indicator_labels = [i18n.label(i.id) for i in indicators]
    mine = list(matrix.index).index(place.name) if place else None
    left = EDGE + max(text_width(label, LABEL_SIZE) for label in indicator_labels) + 3.5 + 2
    top = (
        TITLE_BAND
        + 3.5
        + 2
        + max(
            text_width(label, LABEL_SIZE, "bold" if column == mine else "normal")
            for column, label in enumerate(names)
        )
    )
    # Colour bar: gap, bar, its tick labels ("10"), its rotated label.
    right = EDGE + 10 + COLORBAR_WIDTH + 3.5 + text_width("10", 9) + 4 + 10 * 1.2 + 4
    width = max(5.4 * 72, left + CELL_WIDTH * n_countries + right)
    plot_width = width - left - right
    plot_height = CELL_HEIGHT * n_indicators
    frame = Frame(
        left=left,
        right=right,
        top=top,
        bottom=10 + note_height(len(wrap_note(note, width / 72))),
    )
    values = matrix.T.to_numpy()  # indicators × countries
    cmap = mpl.colormaps[SEQUENTIAL_CMAP]
    rgba = cmap(Normalize(vmin=1, vmax=10)(values))
    fills = [
        [
            MISSING_COLOR if not np.isfinite(v) else to_hex(c).upper()
            for v, c in zip(r, cr, strict=True)
        ]
        for r, cr in zip(values, rgba, strict=True)
    ]
    cells = [
        (column, row, column + 1, row + 1)
        for row in range(n_indicators)
        for column in range(n_countries)
    ]
    marks = [
        Rects(
            tuple(cells),
            tuple(fills[row][column] for column, row, _right, _bottom in cells),
            z=1,
            edge="#FFFFFF",
            edge_width=0.6,
            gid="scores",
        ),
    ]
    if mine is not None:
        marks.append(
            Rects(
                ((mine, 0, mine + 1, n_indicators),),
                None,
                z=5,
                edge=COUNTRY.color,
                edge_width=2.6,
                gid="country",
            )
        )
    boundaries, boundary = [], 0
    for pillar in catalogue.PILLARS[:-1]:
        boundary += len(catalogue.indicators(edition, pillar))
        boundaries.append((0, boundary, 1, boundary))
    marks.append(
        Segments(
            tuple(boundaries),
            "#FFFFFF",
            3,
            z=2,
            coords=("axes", "data"),
            cap="square",
            gid="pillars",
        )
    )
    for (row, column), value in np.ndenumerate(values):
        wanted = annotate is True or (annotate == "country" and column == mine)
        if wanted and np.isfinite(value):
            marks.append(
                Text(
                    column + 0.5,
                    row + 0.5,
                    fmt(value),
                    7,
                    ha="center",
                    va="center",
                    color=label_color_on(fills[row][column]),
                )
            )
    bar_height = 0.5 * plot_height
    if place:
        title = _("{country} in {region}: indicator scores, {edition}").format(
            country=i18n.country(place.iso3), region=where, edition=edition
        )
    else:
        title = (
            _("{group}: indicator scores, {edition} (regional means)")
            if by_region
            else _("{group}: indicator scores, {edition}")
        ).format(group=f"{where[:1].upper()}{where[1:]}", edition=edition)
    return Chart(
        width=width / 72,
        plot_height=plot_height,
        frame=frame,
        xlim=(0, n_countries),
        ylim=(n_indicators, 0),  # first indicator at the top
        x_axis=Axis(
            tuple(np.arange(n_countries) + 0.5),
            tuple(names),
            tick_marks=False,
            side="top",
            label_rotation=90,
            label_size=LABEL_SIZE,
            label_styles={}
            if mine is None
            else {mine: {"weight": "bold", "color": COUNTRY.text_color}},
        ),
        y_axis=Axis(
            tuple(np.arange(n_indicators) + 0.5),
            tuple(indicator_labels),
            tick_marks=False,
            label_size=LABEL_SIZE,
        ),
        marks=tuple(marks),
        title=title,
        note=note,
        alt=_alt(place, edition, matrix, names)
        if place
        else _group_alt(where, edition, matrix, by_region, names),
        spines=(),
        colorbar=ColorBar(
            SEQUENTIAL_CMAP,
            1,
            10,
            left + plot_width + 10,
            frame.bottom + (plot_height - bar_height) / 2,
            COLORBAR_WIDTH,
            bar_height,
            (2, 4, 6, 8, 10),
            _("Score (1–10)"),
        ),
        extras={"matrix": matrix},
    )


region_heatmap = figure_function(region_heatmap_chart, "region_heatmap")


def _labels() -> dict[str, str]:
    labels = {i.id: i18n.label(i.id) for i in catalogue.INDICATORS}
    # In a sentence: the first letter in lower case only (a proper noun keeps its capital).
    return {key: label[:1].lower() + label[1:] for key, label in labels.items()}


def _group_alt(where: str, edition: int, matrix, by_region: bool, names: list[str]) -> str:
    n_columns, n_indicators = matrix.shape
    labels = _labels()
    shown = dict(zip(matrix.index, names, strict=True))
    means = matrix.mean(axis=0).sort_values(ascending=False, kind="stable")
    highest = matrix.stack()
    top = highest.idxmax()
    text = (
        _(
            "Heatmap of {indicators} indicator scores (1–10) for the {count} regions of {where} "
            "in the {edition} Global Organized Crime Index (regional means): {columns}."
        )
        if by_region
        else _(
            "Heatmap of {indicators} indicator scores (1–10) for the {count} countries of "
            "{where} in the {edition} Global Organized Crime Index: {columns}."
        )
    ).format(
        indicators=n_indicators,
        count=i18n.integer(n_columns),
        where=where,
        edition=edition,
        columns=", ".join(names),
    )
    return (
        text
        + " "
        + _(
            "Highest on average: {highest}. The highest cell is {score} ({column}, {indicator})."
        ).format(
            highest=", ".join(f"{labels[i]} ({fmt(means[i])})" for i in means.index[:3]),
            score=fmt(highest.max()),
            column=shown[top[0]],
            indicator=labels[top[1]],
        )
    )


def _alt(place, edition, matrix, names: list[str]) -> str:
    n_countries, n_indicators = matrix.shape
    mine = matrix.loc[place.name]
    region_means = matrix.mean(axis=0)
    gaps = (mine - region_means).sort_values(kind="stable")
    labels = _labels()
    shown = dict(zip(matrix.index, names, strict=True))
    above = ", ".join(f"{labels[i]} ({fmt(mine[i])})" for i in gaps.index[::-1][:3] if gaps[i] > 0)
    below = ", ".join(f"{labels[i]} ({fmt(mine[i])})" for i in gaps.index[:3] if gaps[i] < 0)
    highest = matrix.stack()
    top = highest.idxmax()
    none = _("no indicator")
    return _(
        "Heatmap of {indicators} indicator scores (1–10) for the {count} countries of {region} "
        "in the {edition} Global Organized Crime Index: {members}. {country}'s column is "
        "outlined. It stands furthest above the region's mean on {above}, and furthest below "
        "on {below}. The region's highest score is {score} ({column}, {indicator})."
    ).format(
        indicators=n_indicators,
        count=i18n.integer(n_countries),
        region=i18n.region(place.region),
        edition=edition,
        members=", ".join(names),
        country=i18n.country(place.iso3),
        above=above or none,
        below=below or none,
        score=fmt(highest.max()),
        column=shown[top[0]],
        indicator=labels[top[1]],
    )
