"""Composite scores and ranks, computed the way the publisher computes them.

Composites: each pillar's average is the mean of its indicators; criminality is the mean of the
criminal-markets and criminal-actors averages. The publisher rounds half up to two decimals *from the
exact means* (criminality is not the mean of the two rounded pillar averages: Libya 2023 is 6.93, not
6.94). Indicators are half points, so the arithmetic is done exactly in integers of half points.

Ranks: highest score first (most criminal = 1st; most resilient = 1st); tied scores share the best
rank ("129th of 193" with three countries at 4.43). Ranked at three levels: all countries of the
edition, the continent, the region.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from . import catalogue
from .countries import LEVELS
from .errors import ArgumentError

__all__ = ["LEVELS", "composites", "composites_from", "rank_desc", "rank_table"]


def _half_points(frame: pd.DataFrame) -> np.ndarray:
    return np.rint(frame.to_numpy(dtype=float) * 2).astype(np.int64)


def _round_half_up_mean(half_point_sum: np.ndarray, count: int) -> np.ndarray:
    """Hundredths of mean = sum/(2*count), rounded half up: floor(100*sum/(2n) + 1/2)."""
    return (100 * half_point_sum + count) // (2 * count)


def composites(indicators: pd.DataFrame, edition: int) -> pd.DataFrame:
    """The four composites from a frame of indicator columns (one row per country).

    Only the indicators the edition scores are used; each must be present and not missing.

    >>> frame = pd.DataFrame({i.id: [5.0] for i in catalogue.indicators(2021)})
    >>> frame["heroin_trade"] = 6.0
    >>> composites(frame, 2021).iloc[0].to_dict()
    {'criminality': 5.05, 'criminal_markets': 5.1, 'criminal_actors': 5.0, 'resilience': 5.0}
    """
    pillar_ids = {
        pillar: [i.id for i in catalogue.indicators(edition, pillar)]
        for pillar in catalogue.PILLARS
    }
    return composites_from(indicators, pillar_ids)


def composites_from(
    indicators: pd.DataFrame, pillar_ids: Mapping[str, Sequence[str]]
) -> pd.DataFrame:
    """The four composites from the indicator columns named for each pillar, with the
    publisher's rounding (see the module's docstring); every pillar needs one indicator.

    What :func:`composites` does for an edition's indicators, for any choice of them (like for
    like comparisons between editions use the indicators both score).

    >>> frame = pd.DataFrame({"a": [5.0], "b": [6.5], "c": [5.0], "d": [4.0]})
    >>> ids = {"criminal_markets": ["a", "b"], "criminal_actors": ["c"], "resilience": ["d"]}
    >>> composites_from(frame, ids).iloc[0].to_dict()
    {'criminality': 5.38, 'criminal_markets': 5.75, 'criminal_actors': 5.0, 'resilience': 4.0}
    """
    hundredths: dict[str, np.ndarray] = {}
    sums: dict[str, tuple[np.ndarray, int]] = {}
    for pillar in catalogue.PILLARS:
        ids = list(pillar_ids.get(pillar, ()))
        if not ids:
            raise ArgumentError(f"no indicator of the {pillar} pillar among those given")
        total = _half_points(indicators[ids]).sum(axis=1)
        sums[pillar] = (total, len(ids))
        hundredths[pillar] = _round_half_up_mean(total, len(ids))
    (s_m, n_m), (s_a, n_a) = sums[catalogue.CRIMINAL_MARKETS], sums[catalogue.CRIMINAL_ACTORS]
    # criminality = (s_m/(2 n_m) + s_a/(2 n_a)) / 2, exactly, then half up to hundredths.
    numerator = 100 * (s_m * n_a + s_a * n_m)
    denominator = 4 * n_m * n_a
    hundredths["criminality"] = (2 * numerator + denominator) // (2 * denominator)
    return pd.DataFrame(
        {cid: hundredths[cid] / 100 for cid in catalogue.COMPOSITE_IDS}, index=indicators.index
    ).round(2)


def rank_desc(scores: pd.Series, groups: pd.Series | None = None) -> pd.Series:
    """Competition ranks, highest first, ties sharing the best rank; within groups if given.

    >>> rank_desc(pd.Series([4.43, 5.0, 4.43, 3.0])).tolist()
    [2, 1, 2, 4]
    """
    # Scores are compared at the published precision, so 4.43 and 4.4300000001 tie.
    rounded = scores.round(2)
    if groups is None:
        ranked = rounded.rank(method="min", ascending=False)
    else:
        ranked = rounded.groupby(groups).rank(method="min", ascending=False)
    return ranked.astype("Int64")


def rank_table(wide: pd.DataFrame, measure: str = "criminality") -> pd.DataFrame:
    """Ranks of one measure at three levels for one edition's wide frame.

    Returns iso3, country, continent, region, score, then ``<level>_rank`` and ``<level>_of``
    (how many countries with a score are ranked at that level) for each level.

    >>> from ocanalysis import dataset
    >>> ranks = rank_table(dataset.wide(2023), "criminality").set_index("iso3")
    >>> ranks.loc["BEL", "score"]
    np.float64(4.43)
    >>> ranks.loc["BEL", ["global_rank", "global_of", "region_rank", "region_of"]].tolist()
    [129, 193, 7, 11]
    """
    catalogue.get(measure)
    scored = wide.loc[wide[measure].notna(), ["iso3", "country", "continent", "region", measure]]
    out = scored.rename(columns={measure: "score"}).copy()
    out["global_rank"] = rank_desc(out["score"])
    out["global_of"] = len(out)
    for level in ("continent", "region"):
        out[f"{level}_rank"] = rank_desc(out["score"], out[level])
        out[f"{level}_of"] = out.groupby(level)["score"].transform("size").astype("Int64")
    out["global_of"] = out["global_of"].astype("Int64")
    return out.sort_values(["global_rank", "country"]).reset_index(drop=True)
