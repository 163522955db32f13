"""Criminality × resilience: the publisher's vulnerability matrix, and quadrant moves.

The publisher's global reports sort the countries into four groups by criminality and
resilience, with one fixed cut-off on each axis: a score of **5.5 or more is "high"**, below it
"low" (the middle of the 1-10 scale). That is the default here, so that the counts are the
publisher's: in 2025, 66 countries with high criminality and low resilience and 72 with low
criminality and low resilience (the publisher's sources are cited in :data:`PUBLISHED_COUNTS`).
``method="median"`` uses the edition's world medians instead (they split the countries evenly);
``criminality_threshold=``/``resilience_threshold=`` give any other cut-off. Whatever the choice,
a score **at or above** its cut-off is high, and every output states the cut-offs it used
(:attr:`Classification.thresholds`).
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import pandas as pd

from ..errors import ArgumentError
from ._frames import META, edition_frame

SCALE_MIDPOINT = 5.5  # the middle of the index's 1-10 scale
PUBLISHER_CUTOFF = SCALE_MIDPOINT  # the publisher's matrix: 5.5 or more is "high", on both axes
METHODS = ("publisher", "median")

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

# What the publisher's global reports state of the matrix at these cut-offs (countries per
# quadrant), with where they say it; tests/analysis/test_quadrant.py holds classify() to each.
PUBLISHED_COUNTS: tuple[dict, ...] = (
    {
        "edition": 2025,
        "quadrant": HIGH_CRIMINALITY_LOW_RESILIENCE,
        "countries": 66,
        "source": "Global Organized Crime Index 2025, section 3, Figure 22 (66 countries, 34.2%): "
        "https://ocindex.net/report/2025/section3",
    },
    {
        "edition": 2025,
        "quadrant": LOW_CRIMINALITY_LOW_RESILIENCE,
        "countries": 72,
        "source": "Global Organized Crime Index 2025, section 3, Figure 22 (72 countries, 37.3%): "
        "https://ocindex.net/report/2025/section3",
    },
    {
        "edition": 2023,
        "quadrant": LOW_CRIMINALITY_HIGH_RESILIENCE,
        "countries": 47,
        "source": "Global Organized Crime Index 2023, vulnerability classifications (decreased by "
        "three since 2021, to 47): https://ocindex.net/report/2023/05-vulnerability-classifications.html",
    },
    {
        "edition": 2021,
        "quadrant": LOW_CRIMINALITY_HIGH_RESILIENCE,
        "countries": 50,
        "source": "Global Organized Crime Index 2023, vulnerability classifications (47 in 2023, "
        "three fewer than in 2021): https://ocindex.net/report/2023/05-vulnerability-classifications.html",
    },
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
    """The cut-offs a classification used, and where each came from ("publisher", "world
    median" or "given"). A score at or above its cut-off is high."""

    criminality: float
    resilience: float
    criminality_source: str
    resilience_source: str

    def describe(self) -> str:
        """One sentence for a report or a caption.

        >>> print(classify(2023).thresholds.describe())
        High means a score of 5.50 or more (criminality) and 5.50 or more (resilience): the publisher's cut-offs.
        """
        from ..i18n import _, number

        sources = {self.criminality_source, self.resilience_source}
        origin = {
            frozenset({"publisher"}): _("the publisher's cut-offs"),
            frozenset({"world median"}): _("the edition's world medians"),
        }.get(frozenset(sources), _("cut-offs as chosen"))
        return _(
            "High means a score of {criminality} or more (criminality) and {resilience} or more "
            "(resilience): {origin}."
        ).format(
            criminality=number(self.criminality), resilience=number(self.resilience), origin=origin
        )

    def as_dict(self) -> dict[str, float]:
        """``{"criminality": c, "resilience": r}``, as the JSON outputs state them."""
        return {"criminality": self.criminality, "resilience": self.resilience}


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
    method: str = "publisher",
    data: pd.DataFrame | None = None,
) -> Classification:
    """Every country's quadrant: by default the publisher's matrix (5.5 or more is high).

    ``method`` is ``"publisher"`` or ``"median"`` (the edition's world medians); a threshold
    given overrides the method on its axis. The table's columns are :data:`CLASSIFY_COLUMNS`;
    ``quadrant`` is one of :data:`QUADRANTS`.

    >>> result = classify(2023)
    >>> result.thresholds.criminality, result.thresholds.resilience
    (5.5, 5.5)
    >>> result.table.set_index("iso3").loc["BEL", "quadrant"]
    'low criminality, high resilience'
    >>> classify(2023, method="median").thresholds.criminality
    4.97
    """
    if method not in METHODS:
        raise ArgumentError(f"unknown classification method {method!r}; expected one of {METHODS}")
    frame = edition_frame(edition, data)
    scores = frame[["criminality", "resilience"]].astype(float)
    source = "world median" if method == "median" else "publisher"

    def default(axis: str) -> float:
        return scores[axis].median() if method == "median" else PUBLISHER_CUTOFF

    given = {"criminality": criminality_threshold, "resilience": resilience_threshold}
    chosen = {axis: _threshold(f"{axis}_threshold", given[axis], default(axis)) for axis in given}
    out = frame[list(META)].copy()
    out["criminality"] = scores["criminality"]
    out["resilience"] = scores["resilience"]
    high_criminality = out["criminality"] >= chosen["criminality"]
    high_resilience = out["resilience"] >= chosen["resilience"]
    out["quadrant"] = [
        quadrant_name(c, r) for c, r in zip(high_criminality, high_resilience, strict=True)
    ]
    out["criminality_threshold"] = chosen["criminality"]
    out["resilience_threshold"] = chosen["resilience"]
    out = out[list(CLASSIFY_COLUMNS)].reset_index(drop=True)
    thresholds = Thresholds(
        chosen["criminality"],
        chosen["resilience"],
        source if criminality_threshold is None else "given",
        source if resilience_threshold is None else "given",
    )
    return Classification(out, thresholds)


MOVE_COLUMNS: tuple[str, ...] = (*META, "from", "to", "because")


def moves(from_edition: int, to_edition: int, **classify_options) -> pd.DataFrame:
    """The countries whose quadrant changed between two editions, and which axis moved them:
    ``because`` is "criminality", "resilience" or "both" (the side of the cut-off changed).

    Both editions are classified the same way (``classify_options``, default the publisher's
    cut-offs), each on its own published composites.

    >>> moved = moves(2021, 2023)
    >>> list(moved.columns) == list(MOVE_COLUMNS), len(moved)
    (True, 25)
    >>> moves(2023, 2025).set_index("iso3").loc["GRC", ["from", "to", "because"]].tolist()
    ['low criminality, low resilience', 'high criminality, low resilience', 'criminality']
    """
    before = classify(from_edition, **classify_options).table.set_index("iso3")
    after = classify(to_edition, **classify_options).table.set_index("iso3")
    shared = after.index.intersection(before.index)
    before, after = before.loc[shared], after.loc[shared]

    def high(table, axis):
        return table[axis] >= table[f"{axis}_threshold"]

    crossed = {
        axis: high(before, axis) != high(after, axis) for axis in ("criminality", "resilience")
    }
    moved = crossed["criminality"] | crossed["resilience"]
    out = after.loc[moved, [c for c in META if c != "iso3"]].copy()
    out["from"] = before.loc[moved, "quadrant"]
    out["to"] = after.loc[moved, "quadrant"]
    out["because"] = [
        "both" if c and r else "criminality" if c else "resilience"
        for c, r in zip(crossed["criminality"][moved], crossed["resilience"][moved], strict=True)
    ]
    out = out.reset_index()
    return out[list(MOVE_COLUMNS)].sort_values("iso3").reset_index(drop=True)
