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

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pandas as pd

from . import catalogue
from .countries import LEVELS
from .errors import ArgumentError

__all__ = [
    "LEVELS",
    "ExactScores",
    "composites",
    "composites_from",
    "edition_pillar_ids",
    "exact_composites",
    "exact_indicator",
    "rank_desc",
    "rank_table",
    "round_half_up",
]


def _half_points(frame: pd.DataFrame) -> np.ndarray:
    return np.rint(frame.to_numpy(dtype=float) * 2).astype(np.int64)


def composites(indicators: pd.DataFrame, edition: int) -> pd.DataFrame:
    """The four composites from a frame of indicator columns (one row per country).

    Only the indicators the edition scores are used; each must be present and not missing.

    >>> frame = pd.DataFrame({i.id: [5.0] for i in catalogue.indicators(2021)})
    >>> frame["heroin_trade"] = 6.0
    >>> composites(frame, 2021).iloc[0].to_dict()
    {'criminality': 5.05, 'criminal_markets': 5.1, 'criminal_actors': 5.0, 'resilience': 5.0}
    """
    return composites_from(indicators, edition_pillar_ids(edition))


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
    exact = exact_composites(indicators, pillar_ids)
    return pd.DataFrame(
        {cid: exact[cid].hundredths() / 100 for cid in catalogue.COMPOSITE_IDS},
        index=indicators.index,
    ).round(2)


@dataclass(frozen=True)
class ExactScores:
    """Scores as exact fractions over one common denominator: ``numerators / denominator``.

    The publisher's composites are means of half points; kept as integers they are exact, so a
    rounding (one country's, or a group mean's) happens once, at the end.

    >>> scores = ExactScores(np.array([9, 10]), 2)  # 4.5 and 5.0
    >>> scores.hundredths().tolist(), scores.mean_hundredths()
    ([450, 500], 475)
    """

    numerators: np.ndarray
    denominator: int

    def hundredths(self) -> np.ndarray:
        """Each score in hundredths, rounded half up: floor(100 n / d + 1/2)."""
        return (200 * self.numerators + self.denominator) // (2 * self.denominator)

    def mean_hundredths(self, mask: np.ndarray | None = None) -> int | None:
        """The mean of the scores (those in ``mask``), in hundredths rounded half up once;
        None for no score."""
        chosen = self.numerators if mask is None else self.numerators[mask]
        count = len(chosen)
        if count == 0:
            return None
        total = int(chosen.sum())
        return (200 * total + self.denominator * count) // (2 * self.denominator * count)


def exact_indicator(values: pd.Series | np.ndarray) -> ExactScores:
    """Indicator scores (half points) as exact fractions; a missing score counts as 0: mask it.

    >>> exact_indicator(np.array([4.5, 6.0])).numerators.tolist()
    [9, 12]
    """
    array = np.asarray(values, dtype=float)
    return ExactScores(np.rint(np.nan_to_num(array) * 2).astype(np.int64), 2)


def exact_composites(
    indicators: pd.DataFrame, pillar_ids: Mapping[str, Sequence[str]]
) -> dict[str, ExactScores]:
    """The four composites, unrounded, from the indicator columns named for each pillar.

    A pillar's average is its half-point sum over twice its count; criminality is the mean of the
    markets and actors averages, exactly.

    >>> frame = pd.DataFrame({"a": [5.0], "b": [6.5], "c": [5.0], "d": [4.0]})
    >>> ids = {"criminal_markets": ["a", "b"], "criminal_actors": ["c"], "resilience": ["d"]}
    >>> crim = exact_composites(frame, ids)["criminality"]
    >>> Fraction(int(crim.numerators[0]), crim.denominator)  # (5.75 + 5.0) / 2
    Fraction(43, 8)
    """
    exact: dict[str, ExactScores] = {}
    for pillar in catalogue.PILLARS:
        ids = list(pillar_ids.get(pillar, ()))
        if not ids:
            raise ArgumentError(f"no indicator of the {pillar} pillar among those given")
        exact[pillar] = ExactScores(_half_points(indicators[ids]).sum(axis=1), 2 * len(ids))
    markets, actors = exact[catalogue.CRIMINAL_MARKETS], exact[catalogue.CRIMINAL_ACTORS]
    # (s_m / d_m + s_a / d_a) / 2 = (s_m d_a + s_a d_m) / (2 d_m d_a)
    exact["criminality"] = ExactScores(
        markets.numerators * actors.denominator + actors.numerators * markets.denominator,
        2 * markets.denominator * actors.denominator,
    )
    return exact


def edition_pillar_ids(edition: int) -> dict[str, list[str]]:
    """The ids of the indicators an edition scores, per pillar."""
    return {
        pillar: [i.id for i in catalogue.indicators(edition, pillar)]
        for pillar in catalogue.PILLARS
    }


def round_half_up(value: float | Fraction, digits: int = 2) -> float:
    """Round as the publisher rounds: half up, to ``digits`` decimals, exactly (a float is taken
    as the decimal it prints as). The one rounding of every number the package shows.

    >>> round_half_up(4.805), round(4.805, 2), round_half_up(Fraction(-1, 8))
    (4.81, 4.8, -0.12)
    """
    exact = Fraction(str(value)) if isinstance(value, float) else Fraction(value)
    scale = 10**digits
    return float(Fraction(math.floor(exact * scale + Fraction(1, 2)), scale))


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
