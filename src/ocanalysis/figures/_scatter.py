"""One indicator against another, every country a dot: the publisher's "compare with another
indicator", with Pearson's correlation in the note."""

from __future__ import annotations

from .. import catalogue, i18n
from ..dataset import check_edition, wide
from ..errors import ArgumentError
from ..i18n import _
from ._chart import Axis, Chart, Markers
from ._kind import figure_function
from ._theme import (
    EDGE,
    OKABE_ITO,
    TICK_SPACE,
    TITLE_BAND,
    Frame,
    note_height,
    text_width,
    wrap_note,
)

WIDTH = 5.2  # inches
LIMITS = (0.5, 10.5)  # the 1-10 scale with room for a dot's radius
TICKS = tuple(range(1, 11))
DOT = OKABE_ITO["blue"]


def indicator_scatter_chart(first: str, second: str, edition: int | None = None) -> Chart:
    """``first`` (horizontal) against ``second`` (vertical), ids or labels, one dot per country
    scored on both; ``chart.extras``: ``correlation`` (Pearson's r, None when undefined) and
    ``countries``. Countries with the same pair of scores share a dot (its alt text counts them).

    >>> chart = indicator_scatter_chart("criminality", "resilience", 2023)
    >>> chart.title, chart.extras["countries"], round(chart.extras["correlation"], 2)
    ('Criminality against resilience, 2023', 193, -0.44)
    """
    from ..analysis.indicator import correlation

    a, b = catalogue.lookup(first), catalogue.lookup(second)
    if a.id == b.id:
        raise ArgumentError(f"compare {a.label!r} with another indicator, not with itself")
    edition = check_edition(edition)
    frame = wide(edition)[[a.id, b.id]].dropna()
    if frame.empty:
        raise ArgumentError(f"{a.label!r} and {b.label!r} are not both scored in {edition}")
    r = correlation(a.id, b.id, edition)
    named = wide(edition).loc[frame.index, "iso3"]
    pairs = frame.assign(iso3=named).groupby([a.id, b.id])["iso3"].apply(list)
    points = tuple((float(x), float(y)) for x, y in pairs.index)
    hover = tuple(
        f"{', '.join(i18n.country(c) for c in codes)}: {i18n.number(x, 2)}, {i18n.number(y, 2)}"
        for (x, y), codes in pairs.items()
    )
    title = _("{first} against {second}, {edition}").format(
        first=i18n.label(a.id), second=i18n.in_sentence(i18n.label(b.id)), edition=edition
    )
    correlation_text = (
        _("Pearson's correlation r = {r} over {count} countries.").format(
            r=i18n.number(r, 2), count=i18n.integer(len(frame))
        )
        if r is not None
        else _("No correlation: one of the two does not vary.")
    )
    note = (
        correlation_text
        + " "
        + _("Data: Global Organized Crime Index {edition}.").format(edition=edition)
    )
    left = EDGE + 10 * 1.2 + 4 + text_width("10", 9) + TICK_SPACE + 2
    right = EDGE + 6
    frame_ = Frame(
        left=left,
        right=right,
        top=TITLE_BAND,
        bottom=34.0 + 6 + note_height(len(wrap_note(note, WIDTH))),
    )
    plot_size = WIDTH * 72 - left - right
    alt = _(
        "Scatter plot of {first} (horizontal) against {second} (vertical) for {count} countries, "
        "{edition}; {correlation}"
    ).format(
        first=i18n.label(a.id),
        second=i18n.label(b.id),
        count=i18n.integer(len(frame)),
        edition=edition,
        correlation=correlation_text,
    )
    return Chart(
        width=WIDTH,
        plot_height=plot_size,
        frame=frame_,
        xlim=LIMITS,
        ylim=LIMITS,
        x_axis=Axis(TICKS, label=i18n.label(a.id), grid=True),
        y_axis=Axis(TICKS, label=i18n.label(b.id), grid=True),
        marks=(
            Markers(
                points,
                "o",
                5.0,
                DOT,
                z=3,
                edge="#FFFFFF",
                edge_width=0.5,
                gid="countries",
                hover=hover,
            ),
        ),
        title=title,
        note=note,
        alt=alt,
        equal_aspect=True,
        extras={"correlation": r, "countries": int(len(frame)), "pairs": pairs.map(len)},
    )


indicator_scatter = figure_function(indicator_scatter_chart, "indicator_scatter")


def default_partner(measure: str) -> str:
    """The indicator a measure is compared with by default: resilience for a criminality
    measure, criminality for a resilience one.

    >>> default_partner("cocaine_trade"), default_partner("law_enforcement")
    ('resilience', 'criminality')
    """
    entry = catalogue.lookup(measure)
    return "criminality" if entry.pillar == catalogue.RESILIENCE else "resilience"


__all__ = ["indicator_scatter", "indicator_scatter_chart", "default_partner"]
