"""Exploratory figures for notebooks, drawn with seaborn: how scores spread within each region,
and how the pillars relate to each other.

These are statistical views for exploring an edition in JupyterLab or class (seaborn's box,
strip, histogram and scatter plots are the natural tool), not report charts: they return
matplotlib figures only, drawn with seaborn's axes-level functions on a pyplot-free figure (so
nothing is registered with pyplot, as with every figure of the package).
"""

from __future__ import annotations

import warnings

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .. import catalogue, countries, i18n
from ..dataset import check_edition, wide
from ..i18n import _
from ._theme import OKABE_ITO, add_note, fmt, new_figure, set_alt, set_title, theme

PILLAR_COLUMNS = (catalogue.CRIMINAL_MARKETS, catalogue.CRIMINAL_ACTORS, catalogue.RESILIENCE)
CONTINENT_PALETTE = dict(
    zip(
        countries.CONTINENTS,
        (OKABE_ITO[k] for k in ("vermillion", "blue", "bluish_green", "orange", "reddish_purple")),
        strict=False,
    )
)


def _seaborn():
    import seaborn as sns

    return sns


def composite_distributions(
    edition: int | None = None, *, members: list[str] | None = None, name: str | None = None
) -> Figure:
    """Histograms of the four composites across all countries, in half-point bins; with
    ``members`` (ISO3 codes or names of a group called ``name``) the group's countries are
    stacked in their own colour over the rest of the world.

    >>> from ocanalysis import figures
    >>> fig = composite_distributions(2023)
    >>> len(fig.axes), figures.title(fig)
    (4, 'The four composite scores, 2023')
    """
    sns = _seaborn()
    edition = check_edition(edition)
    frame = wide(edition)
    codes = {countries.lookup(m).iso3 for m in members} if members is not None else None
    group = name or "the group"
    bins = [x / 2 for x in range(2, 21)]
    with theme():
        fig = new_figure(7.2, 4.8)
        for index, measure in enumerate(catalogue.COMPOSITE_IDS):
            ax = fig.add_subplot(2, 2, index + 1)
            if codes is None:
                sns.histplot(frame[measure].dropna(), bins=bins, color="#0072B2", ax=ax)
            else:
                inside = frame["iso3"].isin(codes)
                ax.hist(
                    [frame.loc[inside, measure].dropna(), frame.loc[~inside, measure].dropna()],
                    bins=bins,
                    stacked=True,
                    color=["#D55E00", "#BBBBBB"],
                    label=[group, "Other countries"],
                    edgecolor="white",
                    linewidth=0.5,
                )
                if index == 0:
                    ax.legend(fontsize=7, loc="upper right")
            ax.set_title(catalogue.get(measure).label, fontsize=10)
            ax.set_xlim(1, 10)
            ax.set_xlabel("")
            ax.set_ylabel("")
        fig.supylabel("Countries", fontsize=9)
        set_title(fig, f"The four composite scores, {edition}")
        add_note(fig, f"Score (1 to 10). Data: Global Organized Crime Index {edition}.")
    members_part = ""
    if codes is not None:
        inside = frame[frame["iso3"].isin(codes)]
        members_part = (
            f" The {len(inside)} countries of {group} are stacked in orange: "
            + "; ".join(
                f"{catalogue.get(m).label} from {inside[m].min():.2f} to {inside[m].max():.2f}"
                for m in catalogue.COMPOSITE_IDS
            )
            + "."
        )
    set_alt(
        fig,
        "Histograms of the four composite scores across all countries: "
        + "; ".join(
            f"{catalogue.get(m).label} from {frame[m].min():.2f} to {frame[m].max():.2f}, "
            f"median {frame[m].median():.2f}"
            for m in catalogue.COMPOSITE_IDS
        )
        + "."
        + members_part,
    )
    return fig


STRIP_JITTER = 0.18  # each dot within ±this of its region's line, uniformly
JITTER_SEED = 20231  # the same dots in every run: a report is the same bytes every time


def _jitter(collections, spread: float) -> None:
    """Move each dot of the strip plots' ``collections`` off its row (the y axis) by a uniform
    draw within ±``spread``, from a generator of its own (:data:`JITTER_SEED`)."""
    rng = np.random.default_rng(JITTER_SEED)
    for collection in collections:
        offsets = np.asarray(collection.get_offsets(), dtype=float).copy()
        if len(offsets):
            offsets[:, 1] += rng.uniform(-spread, spread, size=len(offsets))
            collection.set_offsets(offsets)


def _strip_hotspots(fig, ax, strips, frame, measure: str, order: list[str]) -> tuple:
    """The strip plot's dots as hover circles (in points from the top-left of the drawn
    figure), each naming its countries and score: the countries of a row at one score share a
    dot's place, so each circle names them all."""
    from ._chart import Hotspot

    names: dict[tuple[str, float], list[str]] = {}
    for row in frame.itertuples():
        names.setdefault((row.region, float(getattr(row, measure))), []).append(
            i18n.country(row.iso3)
        )
    height = fig.get_figheight() * 72
    to_points = 72 / fig.dpi
    found = []
    for collection in strips:
        offsets = np.asarray(collection.get_offsets(), dtype=float)
        for (x, y), (px, py) in zip(offsets, ax.transData.transform(offsets), strict=True):
            row = order[int(round(y))] if 0 <= round(y) < len(order) else None
            countries_here = names.get((row, float(x)))
            if countries_here:
                text = f"{', '.join(countries_here)}: {i18n.number(float(x), 2)}"
                found.append(
                    Hotspot("circle", (px * to_points, height - py * to_points, 4.0), text)
                )
    return tuple(found)


def region_distributions(
    edition: int | None = None, measure: str = "criminality", *, continent: str | None = None
) -> Figure:
    """Box plots of one measure per region, every country a dot, regions ordered by median
    (only the regions of ``continent`` when given).

    >>> from ocanalysis import figures
    >>> fig = region_distributions(2023, "resilience")
    >>> figures.title(fig)
    'Resilience by region, 2023'
    >>> len(fig.axes[0].get_yticklabels())
    22
    """
    sns = _seaborn()
    edition = check_edition(edition)
    label = i18n.label(catalogue.get(measure).id)  # UnknownIndicatorError for an unknown id
    frame = wide(edition)[["iso3", "country", "region", "continent", measure]].dropna()
    if continent is not None:
        continent = countries.group("continent", continent)
        frame = frame[frame["continent"] == continent]
    # Regions and continents drawn by their names in the current language.
    frame = frame.assign(
        region=frame["region"].map(i18n.region), continent=frame["continent"].map(i18n.continent)
    )
    palette = {i18n.continent(name): color for name, color in CONTINENT_PALETTE.items()}
    order = (
        frame.groupby("region")[measure].median().sort_values(ascending=False, kind="stable").index
    )
    with theme():
        fig = new_figure(7.2, 1.6 + 0.26 * len(order))
        ax = fig.add_subplot()
        with warnings.catch_warnings():
            # seaborn 0.13 passes matplotlib 3.11 a deprecated argument (vert): theirs to mend.
            warnings.simplefilter("ignore", mpl.MatplotlibDeprecationWarning)
            sns.boxplot(
                data=frame,
                x=measure,
                y="region",
                order=list(order),
                ax=ax,
                color="#DDDDDD",
                fliersize=0,
                linewidth=0.8,
                width=0.6,
            )
        drawn = len(ax.collections)
        sns.stripplot(
            data=frame,
            x=measure,
            y="region",
            order=list(order),
            hue="continent",
            palette=palette,
            ax=ax,
            size=3.5,
            jitter=False,  # seaborn draws jitter from NumPy's global generator: ours below
            legend=True,
        )
        strips = ax.collections[drawn:]
        _jitter(strips, STRIP_JITTER)
        ax.set_xlim(1, 10)
        ax.set_xlabel(_("{measure} (1–10)").format(measure=label))
        ax.set_ylabel("")
        ax.legend(title=_("Continent"), fontsize=8, title_fontsize=8, loc="lower right")
        ax.set_xticks(range(1, 11))
        title = (
            _("{measure} by region of {continent}, {edition}")
            if continent
            else _("{measure} by region, {edition}")
        )
        set_title(
            fig,
            title.format(
                measure=label,
                continent=i18n.continent(continent) if continent else "",
                edition=edition,
            ),
        )
        add_note(
            fig,
            _(
                "Regions by median, highest first. Data: Global Organized Crime Index {edition}."
            ).format(edition=edition),
        )
    medians = frame.groupby("region")[measure].median()
    set_alt(
        fig,
        _(
            "Box plots of {measure} for each of the {count} regions in the {edition} Global "
            "Organized Crime Index, every country a dot. Highest median: {highest} "
            "({highest_median}); lowest: {lowest} ({lowest_median})."
        ).format(
            measure=label[:1].lower() + label[1:],
            count=len(order),
            edition=edition,
            highest=order[0],
            highest_median=fmt(medians[order[0]]),
            lowest=order[-1],
            lowest_median=fmt(medians[order[-1]]),
        ),
    )
    # Where each dot is, known once the figure is drawn (figure_html encodes it, then asks).
    fig.ocanalysis_hotspots = lambda: _strip_hotspots(fig, ax, strips, frame, measure, list(order))
    return fig


def pillar_pairs(edition: int | None = None) -> Figure:
    """Criminal markets, criminal actors and resilience against each other, every country a dot
    coloured by continent; each pillar's distribution on the diagonal (a pair plot).

    >>> fig = pillar_pairs(2023)
    >>> len(fig.axes)
    9
    """
    sns = _seaborn()
    edition = check_edition(edition)
    frame = wide(edition)[["country", "continent", *PILLAR_COLUMNS]].dropna()
    labels = {pillar: catalogue.get(pillar).label for pillar in PILLAR_COLUMNS}
    n = len(PILLAR_COLUMNS)
    with theme():
        fig = new_figure(7.6, 6.8)
        grid = fig.subplots(n, n, sharex="col")
        for row, y in enumerate(PILLAR_COLUMNS):
            for column, x in enumerate(PILLAR_COLUMNS):
                ax = grid[row][column]
                if row == column:
                    sns.histplot(data=frame, x=x, ax=ax, color="#888888", bins=18, binrange=(1, 10))
                    ax.set_ylabel("")
                else:
                    sns.scatterplot(
                        data=frame,
                        x=x,
                        y=y,
                        hue="continent",
                        palette=CONTINENT_PALETTE,
                        ax=ax,
                        s=12,
                        linewidth=0,
                        legend=(row, column) == (0, 1),
                    )
                    ax.set_ylim(1, 10)
                ax.set_xlim(1, 10)
                ax.set_xticks(range(2, 11, 2))
                ax.set_xlabel(labels[x] if row == n - 1 else "")
                ax.set_ylabel(labels[y] if column == 0 else "")
        # One legend for the grid, under it, rather than over one panel's dots.
        legend = grid[0][1].get_legend()
        handles, names = grid[0][1].get_legend_handles_labels()
        legend.remove()
        fig.legend(
            handles,
            names,
            loc="outside right center",
            fontsize=8,
            title="Continent",
            title_fontsize=8,
        )
        set_title(fig, f"The three pillars against each other, {edition}")
        add_note(fig, f"Scores on a 1–10 scale. Data: Global Organized Crime Index {edition}.")
    set_alt(fig, _pairs_alt(frame, labels, edition))
    return fig


def _pairs_alt(frame: pd.DataFrame, labels: dict, edition: int) -> str:
    with warnings.catch_warnings():  # a constant column has no correlation: NaN, said below
        warnings.simplefilter("ignore", RuntimeWarning)
        correlations = frame[list(PILLAR_COLUMNS)].corr()
    pairs = [
        f"{labels[a].lower()} and {labels[b].lower()} {correlations.loc[a, b]:+.2f}"
        for i, a in enumerate(PILLAR_COLUMNS)
        for b in PILLAR_COLUMNS[i + 1 :]
    ]
    return (
        f"Pair plot of the three pillar scores of the {len(frame)} countries in the {edition} "
        f"Global Organized Crime Index, coloured by continent. Pearson correlations: "
        f"{'; '.join(pairs)}."
    )
