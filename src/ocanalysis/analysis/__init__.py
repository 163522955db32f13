"""Analysis of the index: peers, change between editions, quadrants (the publisher's matrix),
headline findings, similar countries, audit.

Pure functions over :func:`ocanalysis.dataset.wide`; each takes an optional ``data=`` wide frame.
"""

from __future__ import annotations

from . import audit, change, edition, findings, peers, quadrant, similar
from .audit import AuditResult
from .change import LikeForLike, between, composites_over, like_for_like, shared_indicators
from .edition import EditionAnalysis, EditionChange, edition_analysis
from .findings import headlines
from .peers import compare, higher_is_better, normalized, strengths_weaknesses
from .quadrant import (
    PUBLISHER_CUTOFF,
    QUADRANTS,
    SCALE_MIDPOINT,
    Classification,
    Thresholds,
    classify,
    moves,
)
from .similar import nearest

__all__ = [
    "AuditResult",
    "Classification",
    "Thresholds",
    "LikeForLike",
    "EditionAnalysis",
    "EditionChange",
    "edition_analysis",
    "audit",
    "edition",
    "QUADRANTS",
    "PUBLISHER_CUTOFF",
    "findings",
    "headlines",
    "moves",
    "SCALE_MIDPOINT",
    "classify",
    "nearest",
    "quadrant",
    "similar",
    "between",
    "change",
    "composites_over",
    "like_for_like",
    "shared_indicators",
    "compare",
    "higher_is_better",
    "normalized",
    "peers",
    "strengths_weaknesses",
]
