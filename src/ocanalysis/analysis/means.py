"""Group means, the publisher's way: the one rule for every mean of several countries we show.

The publisher's mean of a group (the world, a continent, a region, any set of countries) is the
mean over its members of their **unrounded** scores, rounded half up to hundredths once, at the
end. For a composite, "unrounded" is the exact mean of its indicators (for criminality, the exact
mean of the exact markets and actors averages), not the published two-decimal value; so the 2023
world resilience is 4.81 (the mean of the published, rounded resiliences would give 4.82).
Indicators are half points, so their means are exact either way.

Every figure, table and command that shows a group mean calls :func:`group_mean` or
:func:`group_means`; ``tests/analysis/test_means.py`` holds them to the publisher's printed
figures and to a constructed case where the two rules differ.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .. import catalogue, scoring
from ..errors import ArgumentError

__all__ = ["group_mean", "group_means"]


def _pillar_ids(frame: pd.DataFrame, pillar_ids: Mapping[str, Sequence[str]] | None) -> dict:
    if pillar_ids is not None:
        return dict(pillar_ids)
    held = frame["edition"].unique() if "edition" in frame else []
    if len(held) != 1:
        raise ArgumentError(
            "a composite's group mean needs the rows of one edition (or the indicators to use)"
        )
    return scoring.edition_pillar_ids(int(held[0]))


def _exact(
    frame: pd.DataFrame, measure: str, pillar_ids: Mapping[str, Sequence[str]] | None
) -> tuple[scoring.ExactScores, np.ndarray]:
    """The members' unrounded scores of ``measure`` and which of them are scored."""
    if not catalogue.get(measure).composite:
        values = frame[measure].to_numpy(dtype=float)
        return scoring.exact_indicator(values), ~np.isnan(values)
    ids = _pillar_ids(frame, pillar_ids)
    used = [i for pillar in catalogue.PILLARS for i in ids.get(pillar, ())]
    missing = [i for i in used if i not in frame.columns]
    if missing:
        raise ArgumentError(
            f"the group mean of {measure!r} needs its indicators; the data lacks {missing[0]!r}"
        )
    scored = frame[used].notna().all(axis=1).to_numpy()
    filled = frame[used].fillna(0.0)
    return scoring.exact_composites(filled, ids)[measure], scored


def group_mean(
    frame: pd.DataFrame,
    measure: str,
    *,
    pillar_ids: Mapping[str, Sequence[str]] | None = None,
) -> float | None:
    """The publisher's mean of ``measure`` over the rows of ``frame`` (one edition's wide rows:
    the members), to hundredths; None when no member is scored.

    ``pillar_ids`` gives the indicators a composite is computed from (like-for-like comparisons
    between editions use those both score); by default the frame's edition's.

    >>> from ocanalysis import dataset
    >>> world = dataset.wide(2023)
    >>> group_mean(world, "resilience"), round(float(world["resilience"].mean()), 2)  # 4.81 printed
    (4.81, 4.82)
    >>> north = world[world["region"] == "Northern Europe"]
    >>> group_mean(north, "criminality"), group_mean(north, "resilience")
    (3.86, 7.89)
    """
    exact, scored = _exact(frame, measure, pillar_ids)
    hundredths = exact.mean_hundredths(scored)
    return None if hundredths is None else hundredths / 100


def group_means(
    frame: pd.DataFrame,
    measures: Sequence[str],
    by: str | pd.Series | None = None,
    *,
    pillar_ids: Mapping[str, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """:func:`group_mean` of several measures for each group of rows (``by``: a column name or
    a Series aligned with the frame; None for one group, the whole frame, labelled "all").

    One row per group (in sorted order), one column per measure; NaN where a group has no score.

    >>> from ocanalysis import dataset
    >>> means = group_means(dataset.wide(2023), ["criminality", "resilience"], by="region")
    >>> means.loc["Northern Europe"].tolist()
    [3.86, 7.89]
    """
    keys = (
        pd.Series("all", index=frame.index)
        if by is None
        else (frame[by] if isinstance(by, str) else by)
    )
    codes, groups = pd.factorize(keys, sort=True)
    out = {}
    for measure in measures:
        exact, scored = _exact(frame, measure, pillar_ids)
        column = []
        for position in range(len(groups)):
            hundredths = exact.mean_hundredths(scored & (codes == position))
            column.append(np.nan if hundredths is None else hundredths / 100)
        out[measure] = column
    return pd.DataFrame(out, index=pd.Index(groups, name=by if isinstance(by, str) else None))
