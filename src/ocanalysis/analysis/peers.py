"""A country against its peers: region, continent and world statistics, strengths, normalized views.

Conventions (they hold for every function here):

- Group statistics include the country itself (the region mean is the mean of all the region's
  countries, as the publisher's regional averages are). Means are the publisher's
  (:func:`means.group_mean`: of the unrounded composites, rounded half up to hundredths once).
- Percentiles are percentile ranks of the *raw score* (0-100): the share of the group scoring lower
  plus half of those tying, so a high percentile means a high score. For criminality indicators a
  high score is bad, for resilience indicators good; :func:`strengths_weaknesses` handles direction.
- Gaps are ``score - mean`` in index points (scores run from 1 to 10).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import catalogue
from ..errors import ArgumentError
from ._frames import (
    META,
    check_choice,
    check_count,
    country_iso3,
    edition_frame,
    frame_edition,
    measures,
)
from .means import group_means

METHODS: tuple[str, ...] = ("zscore", "minmax", "percentile")
WITHIN: tuple[str, ...] = ("world", "continent", "region")

COMPARE_COLUMNS: tuple[str, ...] = (
    "indicator",
    "label",
    "pillar",
    "score",
    "region_mean",
    "region_median",
    "continent_mean",
    "continent_median",
    "world_mean",
    "world_median",
    "region_percentile",
    "world_percentile",
    "gap_region",
    "gap_world",
    # Beyond the core columns:
    "continent_percentile",
    "gap_continent",
    "composite",
)


def higher_is_better(measure: str) -> bool:
    """Whether a higher score is the better outcome: resilience yes, criminality and its pillars no.

    >>> higher_is_better("law_enforcement"), higher_is_better("cocaine_trade")
    (True, False)
    """
    return catalogue.get(measure).pillar == catalogue.RESILIENCE


def compare(country: str, edition: int | None = None, *, data: pd.DataFrame | None = None):
    """One row per composite and indicator of the edition: the country against region, continent
    and world (mean, median, percentile, gap).

    Columns: see :data:`COMPARE_COLUMNS`. ``composite`` is True for the four composites.

    >>> row = compare("Belgium", 2023).set_index("indicator").loc["criminality"]
    >>> float(row["score"]), float(row["world_median"])
    (4.43, 4.97)
    """
    frame = edition_frame(edition, data)
    iso3 = country_iso3(country, frame)
    mine = frame.loc[frame["iso3"] == iso3].iloc[0]
    groups = {
        "world": frame,
        "continent": frame.loc[frame["continent"] == mine["continent"]],
        "region": frame.loc[frame["region"] == mine["region"]],
    }
    chosen = measures(frame_edition(frame))
    ids = [m.id for m in chosen]
    scores = mine[ids].to_numpy(dtype=float)
    table = {
        "indicator": ids,
        "label": [m.label for m in chosen],
        "pillar": [m.pillar for m in chosen],
        "score": scores,
        "composite": [m.composite for m in chosen],
    }
    # Every measure at once (a loop of per-measure pandas reductions was most of a report's
    # peer work); the same statistics as percentile_of and pandas' mean and median.
    for level, group in groups.items():
        values = group[ids].astype(float)
        # The publisher's group mean (means.group_mean): of unrounded composites, rounded once.
        table[f"{level}_mean"] = group_means(group, ids).iloc[0].to_numpy(dtype=float)
        table[f"{level}_median"] = values.median().to_numpy()
        grid = values.to_numpy()
        present = ~np.isnan(grid)
        below = ((grid < scores) & present).sum(axis=0)
        equal = ((grid == scores) & present).sum(axis=0)
        table[f"{level}_percentile"] = 100.0 * (below + equal / 2) / present.sum(axis=0)
        table[f"gap_{level}"] = scores - table[f"{level}_mean"]
    return pd.DataFrame(table, columns=list(COMPARE_COLUMNS))


def strengths_weaknesses(
    country: str, edition: int | None = None, n: int = 5, *, data: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The indicators where the country does best and worst against its region's mean.

    Direction matters: a *strength* is an indicator on which the country is **better** than its
    region's mean — a lower score for criminal markets and actors, a higher one for resilience;
    a *weakness* is one on which it is worse. ``advantage`` is the distance in index points on the
    good side (``region_mean - score`` for criminality indicators, ``score - region_mean`` for
    resilience), so strengths have advantage > 0, largest first, and weaknesses advantage < 0,
    most negative first. Only indicators (not composites) are considered; each table holds at
    most ``n`` rows and fewer when fewer indicators are better (worse) than the region.
    ``better`` says which direction is better for the indicator ("lower" or "higher").

    Columns: indicator, label, pillar, score, region_mean, gap_region, better, advantage.

    >>> strong, weak = strengths_weaknesses("Belgium", 2023, n=3)
    >>> len(strong), bool((strong["advantage"] > 0).all()), bool((weak["advantage"] < 0).all())
    (3, True, True)
    """
    n = check_count("n", n)
    table = compare(country, edition, data=data)
    table = table.loc[~table["composite"]].copy()
    better_high = table["indicator"].map(higher_is_better).astype(bool)
    table["better"] = np.where(better_high, "higher", "lower")
    table["advantage"] = np.where(better_high, table["gap_region"], -table["gap_region"])
    columns = [
        "indicator",
        "label",
        "pillar",
        "score",
        "region_mean",
        "gap_region",
        "better",
        "advantage",
    ]
    # Stable sorts keep the index's own order among equal advantages.
    strengths = table.loc[table["advantage"] > 0].sort_values(
        "advantage", ascending=False, kind="stable"
    )
    weaknesses = table.loc[table["advantage"] < 0].sort_values(
        "advantage", ascending=True, kind="stable"
    )
    return (
        strengths[columns].head(n).reset_index(drop=True),
        weaknesses[columns].head(n).reset_index(drop=True),
    )


def normalized(
    measure: str,
    edition: int | None = None,
    method: str = "zscore",
    within: str = "world",
    *,
    data: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One score of every country, normalized within the world, its continent or its region.

    Methods (``value`` column):

    - ``"zscore"``: ``(score - mean) / sd`` with the population sd (ddof=0: the countries are the
      whole population, not a sample); 0 for every country of a group without spread.
    - ``"minmax"``: ``(score - min) / (max - min)`` in 0-1; 0.5 for a group without spread.
    - ``"percentile"``: percentile rank 0-100, share scoring lower plus half the ties.

    Direction is left as it is (a high value means a high score). Columns: iso3, country,
    continent, region, score, value, in the dataset's order.

    >>> table = normalized("criminality", 2023, method="minmax")
    >>> float(table["value"].min()), float(table["value"].max())
    (0.0, 1.0)
    """
    check_choice("method", method, METHODS)
    check_choice("within", within, WITHIN)
    entry = catalogue.get(measure)
    frame = edition_frame(edition, data)
    edition_held = frame_edition(frame)
    if not entry.in_edition(edition_held) or frame[measure].isna().all():
        raise ArgumentError(f"{measure!r} is not scored in edition {edition_held}")
    out = frame[list(META)].copy()
    out["score"] = frame[measure].astype(float)
    groups = pd.Series("world", index=out.index) if within == "world" else out[within].astype(str)
    grouped = out.groupby(groups)["score"]
    if method == "zscore":
        mean = grouped.transform("mean")
        sd = grouped.transform(lambda s: s.std(ddof=0))
        out["value"] = ((out["score"] - mean) / sd.where(sd > 0)).fillna(0.0)
    elif method == "minmax":
        low, high = grouped.transform("min"), grouped.transform("max")
        spread = (high - low).where(high > low)
        out["value"] = ((out["score"] - low) / spread).fillna(0.5)
    else:
        # rank(method="average") is 1-based; (avg_rank - 0.5) / n is below + ties/2 over n.
        ranks = grouped.rank(method="average")
        sizes = grouped.transform("size")
        out["value"] = 100.0 * (ranks - 0.5) / sizes
    out.loc[out["score"].isna(), "value"] = np.nan
    return out.reset_index(drop=True)
