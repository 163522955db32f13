"""Analysis of the index: peers, change between editions, quadrants (the publisher's matrix),
headline findings, similar countries, audit, sensitivity analysis (Sobol' indices) and what-if
runs (reweight, leave one out).

Pure functions over :func:`ocanalysis.dataset.wide`; each takes an optional ``data=`` wide frame.
"""

from __future__ import annotations

from . import (
    audit,
    change,
    edition,
    findings,
    means,
    peers,
    quadrant,
    sensitivity,
    similar,
    whatif,
)
from .audit import AuditResult
from .change import LikeForLike, between, composites_over, like_for_like, shared_indicators
from .edition import EditionAnalysis, EditionChange, edition_analysis
from .findings import headlines
from .means import group_mean, group_means
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
from .sensitivity import SensitivityResult
from .similar import nearest
from .whatif import LeaveOneOut, WhatIf, leave_one_out, reweight

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
    "group_mean",
    "group_means",
    "means",
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
    "sensitivity",
    "SensitivityResult",
    "whatif",
    "WhatIf",
    "LeaveOneOut",
    "reweight",
    "leave_one_out",
]
