"""Analysis of the index: peers, change between editions, quadrants, similar countries, audit.

Pure functions over :func:`ocanalysis.dataset.wide`; each takes an optional ``data=`` wide frame.
"""

from __future__ import annotations

from . import audit, change, peers, quadrant, similar
from .audit import AuditResult
from .change import between, composites_over, like_for_like, shared_indicators
from .peers import compare, higher_is_better, normalized, strengths_weaknesses
from .quadrant import QUADRANTS, SCALE_MIDPOINT, classify
from .similar import nearest

__all__ = [
    "AuditResult",
    "audit",
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
