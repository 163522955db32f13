"""How one composite spreads across the countries: a histogram in half-point bins, a group's
countries stacked in their own colour over the rest of the world."""

from __future__ import annotations

import numpy as np

from .. import catalogue, countries, i18n
from ..dataset import check_edition, wide
from ..i18n import _
from ._chart import Axis, Chart, LegendEntry, Rects
from ._kind import figure_function
from ._theme import (
    EDGE,
    LEGEND_BELOW,
    LEGEND_ROW,
    OKABE_ITO,
    TICK_SPACE,
    TITLE_BAND,
    Frame,
    fmt,
    note_height,
    text_width,
    wrap_note,
)

WIDTH = 3.6  # inches: two side by side on a page
PLOT_HEIGHT = 110.0  # points
EDGES = np.arange(1.0, 10.01, 0.5)  # half-point bins from 1 to 10, the last one closed
GROUP_COLOR = OKABE_ITO["vermillion"]
WORLD_COLOR = "#0072B2"
REST_COLOR = "#BBBBBB"


def score_histogram_chart(
    measure: str = "criminality",
    edition: int | None = None,
    *,
    members: list[str] | None = None,
    name: str | None = None,
) -> Chart:
    """Countries per half-point bin of one composite or indicator; with ``members`` (ISO3
    codes or names of a group called ``name``) the group is stacked under the other countries.
    ``chart.extras["counts"]`` holds (group, rest) per bin.

    >>> chart = score_histogram_chart("criminality", 2023, members=["BEL", "NLD"], name="Benelux")
    >>> group, rest = chart.extras["counts"]
    >>> int(group.sum()), int(rest.sum()), chart.title
    (2, 191, 'Criminality, 2023')
    """
    edition = check_edition(edition)
    entry = catalogue.get(measure)
    frame = wide(edition)[["iso3", entry.id]].dropna()
    codes = {countries.lookup(m).iso3 for m in members} if members is not None else set()
    inside = frame["iso3"].isin(codes)
    group, _edges = np.histogram(frame.loc[inside, entry.id].astype(float), bins=EDGES)
    rest, _edges = np.histogram(frame.loc[~inside, entry.id].astype(float), bins=EDGES)
    tallest = int((group + rest).max())
    step = 5 if tallest <= 30 else 10
    top = step * (tallest // step + 1)
    rects, fills = [], []
    for left, right, low, high in zip(EDGES[:-1], EDGES[1:], group, rest, strict=True):
        if low:
            rects.append((left + 0.03, 0, right - 0.03, float(low)))
            fills.append(GROUP_COLOR)
        if high:
            rects.append((left + 0.03, float(low), right - 0.03, float(low + high)))
            fills.append(REST_COLOR if members is not None else WORLD_COLOR)
    group_name = name or _("the group")
    measure_label = i18n.label(entry.id)
    label = f"{group_name} ({int(group.sum())})"
    legend = (
        (
            LegendEntry(label, "marker", GROUP_COLOR, "s", 7),
            LegendEntry(
                _("Others ({count})").format(count=int(rest.sum())),
                "marker",
                REST_COLOR,
                "s",
                7,
            ),
        )
        if members is not None
        else ()
    )
    note = _("Countries per half point. Data: Global Organized Crime Index {edition}.").format(
        edition=edition
    )
    left = EDGE + 10 * 1.2 + 4 + text_width(str(top), 9) + TICK_SPACE
    rows = 1 if legend else 0
    frame_ = Frame(
        left=left,
        right=EDGE + 4,
        top=TITLE_BAND,
        bottom=(LEGEND_BELOW + LEGEND_ROW * rows * 2 if legend else LEGEND_BELOW)
        + note_height(len(wrap_note(note, WIDTH))),
    )
    values = frame[entry.id].astype(float)
    alt = _(
        "Histogram of {measure} across {count} countries in the {edition} Global Organized "
        "Crime Index, from {low} to {high}, median {median}."
    ).format(
        measure=measure_label[:1].lower() + measure_label[1:],
        count=i18n.integer(len(frame)),
        edition=edition,
        low=fmt(values.min()),
        high=fmt(values.max()),
        median=fmt(values.median()),
    )
    if members is not None and inside.any():
        mine = values[inside.to_numpy()]
        alt += " " + i18n.ngettext(
            "The {count} country of {group} (stacked in orange) ranges from {low} to {high}, "
            "median {median}.",
            "The {count} countries of {group} (stacked in orange) range from {low} to {high}, "
            "median {median}.",
            int(inside.sum()),
        ).format(
            count=i18n.integer(int(inside.sum())),
            group=group_name,
            low=fmt(mine.min()),
            high=fmt(mine.max()),
            median=fmt(mine.median()),
        )
    return Chart(
        width=WIDTH,
        plot_height=PLOT_HEIGHT,
        frame=frame_,
        xlim=(1, 10),
        ylim=(0, top),
        x_axis=Axis(tuple(range(1, 11)), label=_("Score (1–10)")),
        y_axis=Axis(tuple(range(0, top + 1, step)), label=_("Countries"), grid=True),
        marks=(Rects(tuple(rects), tuple(fills), z=2, gid="bins"),),
        title=_("{measure}, {edition}").format(measure=measure_label, edition=edition),
        note=note,
        alt=alt,
        legend=legend,
        legend_columns=1,
        extras={"counts": (group, rest)},
    )


score_histogram = figure_function(score_histogram_chart, "score_histogram")
