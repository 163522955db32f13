"""Criminality × resilience quadrants of every country, with the thresholds stated in the output.

The publisher's report draws a four-quadrant matrix but its cut-offs are not in the data. The
default thresholds here are the **world medians of the edition** for each axis: a median splits the
countries evenly, is not pulled by a few extreme scores, and follows the index's own distribution
(in 2023 the scale midpoint 5.5 puts 70 % of the countries on the low-resilience side and 62 %
on the low-criminality side, and leaves 12 countries in "high criminality, high resilience", so its
quadrants say more about where the scale lies than about how countries compare).
Pass ``criminality_threshold=SCALE_MIDPOINT`` (and the same for resilience) for fixed cut-offs.

A score **strictly above** its threshold is "high"; at or below it is "low", so a country on the
median line counts as low.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import pandas as pd

from ..errors import ArgumentError
from ._frames import META, edition_frame

SCALE_MIDPOINT = 5.5  # the middle of the index's 1-10 scale

HIGH_CRIMINALITY_LOW_RESILIENCE = "high criminality, low resilience"
HIGH_CRIMINALITY_HIGH_RESILIENCE = "high criminality, high resilience"
LOW_CRIMINALITY_LOW_RESILIENCE = "low criminality, low resilience"
LOW_CRIMINALITY_HIGH_RESILIENCE = "low criminality, high resilience"

# Fixed order (worst situation first), for legends and tables.
QUADRANTS: tuple[str, ...] = (
    HIGH_CRIMINALITY_LOW_RESILIENCE,
    HIGH_CRIMINALITY_HIGH_RESILIENCE,
    LOW_CRIMINALITY_LOW_RESILIENCE,
    LOW_CRIMINALITY_HIGH_RESILIENCE,
)

CLASSIFY_COLUMNS: tuple[str, ...] = (
    *META,
    "criminality",
    "resilience",
    "quadrant",
    "criminality_threshold",
    "resilience_threshold",
)


def quadrant_name(criminality_high: bool, resilience_high: bool) -> str:
    """The quadrant's name.

    >>> quadrant_name(True, False)
    'high criminality, low resilience'
    """
    return (
        f"{'high' if criminality_high else 'low'} criminality, "
        f"{'high' if resilience_high else 'low'} resilience"
    )


@dataclass(frozen=True)
class Thresholds:
    """The cut-offs a classification used, and where each came from ("world median" or
    "given")."""

    criminality: float
    resilience: float
    criminality_source: str
    resilience_source: str


@dataclass(frozen=True)
class Classification:
    """Every country's quadrant (``table``, columns :data:`CLASSIFY_COLUMNS`) and the
    thresholds that made it."""

    table: pd.DataFrame
    thresholds: Thresholds

    def _repr_html_(self) -> str:  # a notebook shows the table
        return self.table._repr_html_()

    def counts(self) -> dict[str, int]:
        """Countries per quadrant, every quadrant named, in :data:`QUADRANTS` order.

        >>> sum(classify(2023).counts().values())
        193
        """
        found = self.table["quadrant"].value_counts()
        return {name: int(found.get(name, 0)) for name in QUADRANTS}


def _threshold(name: str, value: object, default: float) -> float:
    if value is None:
        return float(default)
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        raise ArgumentError(f"{name} must be a number on the index's 1-10 scale, not {value!r}")
    if not 1 <= value <= 10:
        raise ArgumentError(f"{name} must lie on the index's 1-10 scale, not {value!r}")
    return float(value)


def classify(
    edition: int | None = None,
    criminality_threshold: float | None = None,
    resilience_threshold: float | None = None,
    *,
    data: pd.DataFrame | None = None,
) -> Classification:
    """Every country's quadrant; thresholds default to the edition's world medians.

    The table's columns are :data:`CLASSIFY_COLUMNS`; ``quadrant`` is one of :data:`QUADRANTS`.

    >>> result = classify(2023)
    >>> result.thresholds.criminality, result.thresholds.resilience
    (4.97, 4.88)
    >>> result.table.set_index("iso3").loc["BEL", "quadrant"]
    'low criminality, high resilience'
    """
    frame = edition_frame(edition, data)
    scores = frame[["criminality", "resilience"]].astype(float)
    chosen = {
        "criminality": _threshold(
            "criminality_threshold", criminality_threshold, scores["criminality"].median()
        ),
        "resilience": _threshold(
            "resilience_threshold", resilience_threshold, scores["resilience"].median()
        ),
    }
    out = frame[list(META)].copy()
    out["criminality"] = scores["criminality"]
    out["resilience"] = scores["resilience"]
    high_criminality = out["criminality"] > chosen["criminality"]
    high_resilience = out["resilience"] > chosen["resilience"]
    out["quadrant"] = [
        quadrant_name(c, r) for c, r in zip(high_criminality, high_resilience, strict=True)
    ]
    out["criminality_threshold"] = chosen["criminality"]
    out["resilience_threshold"] = chosen["resilience"]
    out = out[list(CLASSIFY_COLUMNS)].reset_index(drop=True)
    thresholds = Thresholds(
        chosen["criminality"],
        chosen["resilience"],
        "world median" if criminality_threshold is None else "given",
        "world median" if resilience_threshold is None else "given",
    )
    return Classification(out, thresholds)
