"""A country's indicator scores against its region's and the world's means, as a dot chart.

Dots on a common 1–10 scale, one row per indicator, rather than a radar chart: a radar's areas
grow with the square of the scores and its shape depends on the order of the axes.
"""

from __future__ import annotations

import math

from matplotlib.figure import Figure

from .. import catalogue, i18n
from ..dataset import wide
from ..i18n import N_, NP_, _
from . import _data
from ._chart import Axis, Chart, LegendEntry, Markers, Segments, Text
from ._kind import figure_function
from ._theme import (
    COUNTRY,
    EDGE,
    LEGEND_BELOW,
    LEGEND_ROW,
    REGION,
    TICK_SPACE,
    TITLE_BAND,
    WORLD,
    Frame,
    fmt,
    legend_columns,
    note_height,
    text_width,
    wrap_note,
)

WIDTH = 7.6  # inches
ROW = 0.34 * 72  # points per indicator
XLIM = (0.6, 10.4)
XLABEL = N_("Score (1 = lowest, 10 = highest)")
RANGE_COLOR = "#C8C8C8"
RANGE_WIDTH = 2.2

# The pillar as a title names it ('Belgium: criminal markets, 2023') and as the alt text counts
# its scores ("Belgium's 15 criminal-market scores").
PILLAR_NOUNS = {
    catalogue.CRIMINAL_MARKETS: (N_("criminal markets"), NP_("scores of", "criminal-market")),
    catalogue.CRIMINAL_ACTORS: (N_("criminal actors"), NP_("scores of", "criminal-actor")),
    catalogue.RESILIENCE: (N_("resilience"), NP_("scores of", "resilience")),
}


def indicator_dots_chart(
    country: str, edition: int | None = None, pillar: str = catalogue.CRIMINAL_MARKETS
) -> Chart:
    """The country's scores on one pillar's indicators against its region's and the world's means.

    One row per indicator the edition scores (15 markets in 2023 and 2025, 10 in 2021; 5 or 4
    actor types; 12 resilience indicators); the country is a large circle, the region's mean a
    diamond, the world's mean a square, and the country's score is printed at the right.
    ``figures.indicator_dots`` draws it as a matplotlib figure, ``.svg`` for reports.

    >>> from ocanalysis import figures
    >>> chart = indicator_dots_chart("Belgium", 2023, "criminal_actors")
    >>> chart.title, len(chart.y_axis.ticks)
    ('Belgium: criminal actors, 2023', 5)
    >>> fig = figures.indicator_dots("Belgium", 2023, "criminal_actors")
    >>> figures.title(fig), len(fig.axes[0].get_yticklabels())
    ('Belgium: criminal actors, 2023', 5)
    """
    place, edition = _data.resolve(country, edition)
    table = _data.peer_means(place.iso3, edition, pillar)
    noun, adjective = PILLAR_NOUNS[pillar]
    noun, adjective = _(noun), i18n.pgettext("scores of", adjective)
    frame = wide(edition)
    region_size, world_size = int((frame["region"] == place.region).sum()), len(frame)
    labels = [i18n.label(label) for label in table["label"]]
    name = i18n.country(place.iso3)
    legend_labels = [
        name,
        _("{region} mean ({count} countries)").format(
            region=i18n.of_region(place.region), count=region_size
        ),
        _("World mean ({count} countries)").format(count=world_size),
    ]
    direction = (
        _("higher means more resilient")
        if pillar == catalogue.RESILIENCE
        else _("higher means more pervasive")
    )
    note = _(
        "Scores on a 1–10 scale; {direction}. Data: Global Organized Crime Index {edition}."
    ).format(direction=direction, edition=edition)
    printed = [fmt(score) for score in table["score"]]
    columns = legend_columns(legend_labels, WIDTH)
    n = len(table)
    frame = Frame(
        left=EDGE + max(text_width(label, 9) for label in labels) + TICK_SPACE + 2,
        right=EDGE + 6 + max(text_width(text, 9, "bold") for text in printed) + 2,
        top=TITLE_BAND,
        bottom=LEGEND_BELOW
        + LEGEND_ROW * math.ceil(3 / columns)
        + 6
        + note_height(len(wrap_note(note, WIDTH))),
    )
    rows = list(range(n))[::-1]  # the index's order, top to bottom
    values = table[["score", "region_mean", "world_mean"]].to_numpy(dtype=float)
    marks = [
        Segments(
            tuple(
                (low, y, high, y)
                for y, low, high in zip(rows, values.min(axis=1), values.max(axis=1), strict=True)
            ),
            RANGE_COLOR,
            RANGE_WIDTH,
            z=1,
            cap="round",
            gid="range",
        )
    ]
    for role, column, z, edge_width, gid in (
        (WORLD, "world_mean", 2, 0.6, WORLD.label),
        (REGION, "region_mean", 3, 0.6, REGION.label),
        (COUNTRY, "score", 4, 0.8, "country"),
    ):
        marks.append(
            Markers(
                tuple(zip(table[column].astype(float), rows, strict=True)),
                role.marker,
                role.size,
                role.color,
                z=z,
                edge="#FFFFFF",
                edge_width=edge_width,
                gid=gid,
            )
        )
    marks += [
        Text(
            1.0,
            y,
            text,
            9,
            color=COUNTRY.text_color,
            weight="bold",
            va="center",
            coords=("axes", "data"),
            offset=(6, 0),
        )
        for y, text in zip(rows, printed, strict=True)
    ]
    title = _("{country}: {pillar}, {edition}").format(country=name, pillar=noun, edition=edition)
    return Chart(
        width=WIDTH,
        plot_height=ROW * n,
        frame=frame,
        xlim=XLIM,
        ylim=(-0.7, n - 0.3),
        x_axis=Axis(tuple(range(1, 11)), label=_(XLABEL), grid=True),
        y_axis=Axis(tuple(rows), tuple(labels)),
        marks=tuple(marks),
        title=title,
        note=note,
        alt=_alt(place, edition, table, noun, adjective, direction),
        legend=(
            LegendEntry(
                legend_labels[0], "marker", COUNTRY.color, COUNTRY.marker, COUNTRY.size - 1
            ),
            LegendEntry(legend_labels[1], "marker", REGION.color, REGION.marker, REGION.size),
            LegendEntry(legend_labels[2], "marker", WORLD.color, WORLD.marker, WORLD.size),
        ),
        legend_columns=columns,
    )


def _alt(place, edition, table, noun, adjective, direction) -> str:
    n = len(table)
    ordered = table.sort_values("score", ascending=False, kind="stable")
    top = ordered.head(3)
    low = ordered.tail(2).iloc[::-1]
    above_region = int((table["score"] > table["region_mean"]).sum())
    above_world = int((table["score"] > table["world_mean"]).sum())

    def listing(rows) -> str:
        pairs = zip(rows["label"], rows["score"], strict=True)
        return "; ".join(f"{i18n.label(label).lower()} {fmt(score)}" for label, score in pairs)

    return _(
        "Dot chart of {country}'s {n} {adjective} scores in the {edition} Global Organized "
        "Crime Index (1–10, {direction}), each against the {region} mean and the world mean. "
        "Highest: {top}. Lowest: {low}. {country} is above its region's mean on {above_region} "
        "of {n} and above the world mean on {above_world} of {n}."
    ).format(
        country=i18n.country(place.iso3),
        n=n,
        adjective=adjective,
        edition=edition,
        direction=direction,
        region=i18n.of_region(place.region),
        top=listing(top),
        low=listing(low),
        above_region=above_region,
        above_world=above_world,
    )


indicator_dots = figure_function(indicator_dots_chart, "indicator_dots")


def market_scores(country: str, edition: int | None = None) -> Figure:
    """``indicator_dots`` for the criminal markets (15 in 2023 and 2025, 10 in 2021)."""
    return indicator_dots(country, edition, catalogue.CRIMINAL_MARKETS)


def actor_scores(country: str, edition: int | None = None) -> Figure:
    """``indicator_dots`` for the criminal actor types (5 in 2023 and 2025, 4 in 2021)."""
    return indicator_dots(country, edition, catalogue.CRIMINAL_ACTORS)


def resilience_scores(country: str, edition: int | None = None) -> Figure:
    """``indicator_dots`` for the 12 resilience indicators."""
    return indicator_dots(country, edition, catalogue.RESILIENCE)
