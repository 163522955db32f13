"""Change between two editions: scores and ranks, and like-for-like composites.

Editions do not score the same indicators (2021 lacks six that 2023 added), so a published composite
can rise only because new indicators entered it. :func:`like_for_like` recomputes both editions'
composites on the indicators they share, with the publisher's exact arithmetic, and flags the
countries whose published change and like-for-like change point in opposite directions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import catalogue, scoring
from ..errors import ArgumentError
from ._frames import META, country_iso3, edition_frame, frame_edition

BETWEEN_COLUMNS: tuple[str, ...] = (
    *META,
    "indicator",
    "label",
    "pillar",
    "score_from",
    "score_to",
    "change",
    "rank_from",
    "rank_to",
    "rank_change",
    "composite",
)

LIKE_FOR_LIKE_COLUMNS: tuple[str, ...] = (
    *META,
    "composite",
    "published_from",
    "published_to",
    "published_change",
    "like_for_like_from",
    "like_for_like_to",
    "like_for_like_change",
    "sign_published",
    "sign_like_for_like",
    "sign_disagrees",
)


def shared_indicators(from_edition: int, to_edition: int) -> tuple[str, ...]:
    """Ids of the indicators both editions score, in the index's order.

    >>> len(shared_indicators(2021, 2023)), len(shared_indicators(2023, 2025))
    (26, 32)
    """
    later = {i.id for i in catalogue.indicators(to_edition)}
    return tuple(i.id for i in catalogue.indicators(from_edition) if i.id in later)


def composites_over(indicators: pd.DataFrame, indicator_ids: Iterable[str]) -> pd.DataFrame:
    """The four composites computed only from the given indicators, with the publisher's rules.

    :func:`ocanalysis.scoring.composites_from` (the publisher's rounding, kept there only) on the
    given ids, each in its pillar, instead of an edition's. Every pillar needs one indicator.

    >>> frame = pd.DataFrame({i.id: [5.0] for i in catalogue.INDICATORS})
    >>> frame["heroin_trade"] = 6.5
    >>> composites_over(frame, ["heroin_trade", "cocaine_trade", "foreign_actors", "prevention"]).iloc[0].to_dict()
    {'criminality': 5.38, 'criminal_markets': 5.75, 'criminal_actors': 5.0, 'resilience': 5.0}
    """
    chosen = set(indicator_ids)
    pillar_ids = {
        pillar: [i.id for i in catalogue.indicators(pillar=pillar) if i.id in chosen]
        for pillar in catalogue.PILLARS
    }
    return scoring.composites_from(indicators, pillar_ids)


def _check_pair(from_edition, to_edition, data) -> tuple[pd.DataFrame, pd.DataFrame]:
    if from_edition is None or to_edition is None:
        raise ArgumentError("give both editions to compare, e.g. 2021 and 2023")
    before = edition_frame(from_edition, data)
    after = edition_frame(to_edition, data)
    if frame_edition(before) == frame_edition(after):
        raise ArgumentError(f"compare two different editions, not {from_edition} with itself")
    return before, after


def between(
    from_edition: int,
    to_edition: int,
    country: str | None = None,
    *,
    data: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Score and rank change of every composite and shared indicator, per country (or one).

    One row per country (present in both editions) and measure: the four composites, then the
    indicators both editions score (:func:`shared_indicators`). ``change = score_to - score_from``
    (rounded to hundredths). Ranks are global competition ranks in each edition (highest score
    1st, ties sharing the best rank, as the publisher ranks). ``rank_change = rank_from - rank_to``:
    **positive means the country moved toward 1st**, i.e. scored higher relative to the others —
    more criminal for criminality measures, more resilient for resilience. Either edition order is
    accepted; the same edition twice is an error. Columns: :data:`BETWEEN_COLUMNS`.

    >>> row = between(2021, 2023, "Belgium").set_index("indicator").loc["criminality"]
    >>> float(row["score_from"]), float(row["score_to"]), int(row["rank_to"])
    (4.34, 4.43, 129)
    """
    before, after = _check_pair(from_edition, to_edition, data)
    ids = list(catalogue.COMPOSITE_IDS) + list(
        shared_indicators(frame_edition(before), frame_edition(after))
    )
    merged = after[list(META)].merge(before[["iso3"]], on="iso3", how="inner")
    if country is not None:
        # Ranks need every country; the rest of the work only the one asked for.
        merged = merged.loc[merged["iso3"] == country_iso3(country, after)]
    # Whole-column numpy work (one rank per measure and edition), then one long frame: a
    # per-measure loop of pandas maps cost most of a country report's change figure.
    positions_before = pd.Index(before["iso3"]).get_indexer(merged["iso3"])
    positions_after = pd.Index(after["iso3"]).get_indexer(merged["iso3"])
    n_countries, n_measures = len(merged), len(ids)
    scores_before = before[ids].to_numpy(dtype=float)[positions_before]
    scores_after = after[ids].to_numpy(dtype=float)[positions_after]
    ranks_before = _ranks(before[ids])[positions_before]
    ranks_after = _ranks(after[ids])[positions_after]
    entries = [catalogue.get(measure) for measure in ids]
    # Rows country by country, measures in order within each (the order of the old concat+sort).
    table = merged.loc[merged.index.repeat(n_measures)].reset_index(drop=True)
    table["indicator"] = ids * n_countries
    table["label"] = [e.label for e in entries] * n_countries
    table["pillar"] = [e.pillar for e in entries] * n_countries
    table["score_from"] = scores_before.reshape(-1)
    table["score_to"] = scores_after.reshape(-1)
    table["change"] = (table["score_to"] - table["score_from"]).round(2)
    table["rank_from"] = pd.array(ranks_before.reshape(-1), dtype="Int64")
    table["rank_to"] = pd.array(ranks_after.reshape(-1), dtype="Int64")
    table["rank_change"] = table["rank_from"] - table["rank_to"]
    table["composite"] = [e.composite for e in entries] * n_countries
    table = table.sort_values("iso3", kind="stable")
    return table[list(BETWEEN_COLUMNS)].reset_index(drop=True)


def _ranks(frame: pd.DataFrame) -> np.ndarray:
    """Global competition ranks of every column at once, as :func:`ocanalysis.scoring.rank_desc`
    ranks one (compared at the published precision), as floats with NaN where a score is missing."""
    ranked = frame.astype(float).round(2).rank(method="min", ascending=False)
    return ranked.to_numpy(dtype=float)


@dataclass(frozen=True)
class LikeForLike:
    """The like-for-like table (columns :data:`LIKE_FOR_LIKE_COLUMNS`) and the indicators both
    editions share, on which it is computed."""

    table: pd.DataFrame
    shared_indicators: tuple[str, ...]

    def _repr_html_(self) -> str:  # a notebook shows the table
        return self.table._repr_html_()

    def of(self, iso3: str) -> pd.DataFrame:
        """One country's rows (one per composite).

        >>> like_for_like(2021, 2023).of("BEL")["composite"].tolist()[:2]
        ['criminality', 'criminal_markets']
        """
        return self.table.loc[self.table["iso3"] == iso3].reset_index(drop=True)


def like_for_like(
    from_edition: int, to_edition: int, *, data: pd.DataFrame | None = None
) -> LikeForLike:
    """Published composite change against the change on the indicators both editions share.

    One row per country (present in both editions) and composite. ``like_for_like_from`` and
    ``like_for_like_to`` are each edition's composite recomputed on :func:`shared_indicators`
    only (:func:`composites_over`, rounded to hundredths like the published scores, so both changes
    have the same precision); for the earlier edition of 2021 → 2023 they equal the published ones,
    since 2021 scores no indicator 2023 dropped.

    ``sign_published`` / ``sign_like_for_like`` are -1, 0 or 1. ``sign_disagrees`` is True only
    when the two changes have **strictly opposite** signs (one rose, the other fell); a change of
    exactly 0 has no direction and disagrees with nothing — compare the sign columns to find
    "rose, but flat like for like" cases.

    >>> result = like_for_like(2021, 2023)
    >>> len(result.table), len(result.shared_indicators)
    (772, 26)
    """
    before, after = _check_pair(from_edition, to_edition, data)
    shared = shared_indicators(frame_edition(before), frame_edition(after))
    lfl_before = composites_over(before, shared).set_axis(before["iso3"])
    lfl_after = composites_over(after, shared).set_axis(after["iso3"])
    merged = after[list(META)].merge(before[["iso3"]], on="iso3", how="inner")
    published_before = before.set_index("iso3")
    published_after = after.set_index("iso3")
    pieces = []
    for composite in catalogue.COMPOSITE_IDS:
        piece = merged.copy()
        piece["composite"] = composite
        piece["published_from"] = piece["iso3"].map(published_before[composite]).astype(float)
        piece["published_to"] = piece["iso3"].map(published_after[composite]).astype(float)
        piece["published_change"] = (piece["published_to"] - piece["published_from"]).round(2)
        piece["like_for_like_from"] = piece["iso3"].map(lfl_before[composite])
        piece["like_for_like_to"] = piece["iso3"].map(lfl_after[composite])
        piece["like_for_like_change"] = (
            piece["like_for_like_to"] - piece["like_for_like_from"]
        ).round(2)
        piece["sign_published"] = np.sign(piece["published_change"]).astype(int)
        piece["sign_like_for_like"] = np.sign(piece["like_for_like_change"]).astype(int)
        piece["sign_disagrees"] = (piece["sign_published"] * piece["sign_like_for_like"]) < 0
        piece["_order"] = len(pieces)
        pieces.append(piece)
    table = pd.concat(pieces, ignore_index=True).sort_values(["iso3", "_order"], kind="stable")
    table = table[list(LIKE_FOR_LIKE_COLUMNS)].reset_index(drop=True)
    return LikeForLike(table, tuple(shared))


TREND_COLUMNS: tuple[str, ...] = (
    "edition",
    *catalogue.COMPOSITE_IDS,
    *(f"like_for_like_{c}" for c in catalogue.COMPOSITE_IDS),
    "criminality_rank",
    "resilience_rank",
    "quadrant",
)


def trend(country: str, up_to: int | None = None) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """One country across every edition up to ``up_to`` (default: all): the published
    composites, the composites on the indicators **every** one of those editions scores (like
    for like across all of them), the global ranks of criminality and resilience, and the
    quadrant of the publisher's matrix. Returns the table (:data:`TREND_COLUMNS`, oldest first)
    and the shared indicators.

    >>> table, shared = trend("Belgium")
    >>> table["edition"].tolist(), len(shared)
    ([2021, 2023, 2025], 26)
    >>> table["quadrant"].tolist()[0]
    'low criminality, high resilience'
    """
    from ..dataset import editions as all_editions

    chosen = [e for e in all_editions() if up_to is None or e <= int(up_to)]
    if not chosen:
        raise ArgumentError(f"no edition up to {up_to}")
    frames = {e: edition_frame(e) for e in chosen}
    iso3 = country_iso3(country, frames[chosen[-1]])
    frames = {e: f for e, f in frames.items() if (f["iso3"] == iso3).any()}  # the ones it has
    chosen = list(frames)
    shared = tuple(
        i.id for i in catalogue.indicators(chosen[0]) if all(i.in_edition(e) for e in chosen)
    )
    rows = []
    for edition, frame in frames.items():
        ranks = {
            m: scoring.rank_desc(frame[m]).set_axis(frame["iso3"])
            for m in ("criminality", "resilience")
        }
        mine = frame[frame["iso3"] == iso3]
        like = composites_over(mine, shared).iloc[0]
        classes = _default_quadrants(edition)
        row = {"edition": edition}
        row.update({c: float(mine[c].iloc[0]) for c in catalogue.COMPOSITE_IDS})
        row.update({f"like_for_like_{c}": float(like[c]) for c in catalogue.COMPOSITE_IDS})
        row["criminality_rank"] = int(ranks["criminality"][iso3])
        row["resilience_rank"] = int(ranks["resilience"][iso3])
        row["quadrant"] = classes[iso3]
        rows.append(row)
    return pd.DataFrame(rows, columns=list(TREND_COLUMNS)), shared


def _default_quadrants(edition: int) -> pd.Series:
    """Every country's quadrant at the publisher's cut-offs, by iso3: the process's kept
    classification of the edition (``edition.kept_results``), not computed again per call
    (a report asks twice)."""
    from .edition import kept_results

    return kept_results(edition).classification.table.set_index("iso3")["quadrant"]
