"""Analysis of the index: peers, change between editions, quadrants, similar countries, audit.

Pure functions over :func:`ocanalysis.dataset.wide`; each takes an optional ``data=`` wide frame.
"""

from __future__ import annotations

from . import audit, change, edition, peers, quadrant, similar
from .audit import AuditResult
from .change import LikeForLike, between, composites_over, like_for_like, shared_indicators
from .edition import EditionAnalysis, EditionChange, edition_analysis
from .peers import compare, higher_is_better, normalized, strengths_weaknesses
from .quadrant import QUADRANTS, SCALE_MIDPOINT, Classification, Thresholds, classify
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
