"""Analysis of the index: peers, change between editions, quadrants (the publisher's matrix),
headline findings, similar countries, audit, sensitivity analysis (Sobol' indices) and what-if
runs (reweight, leave one out).

Pure functions over :func:`ocanalysis.dataset.wide`; each takes an optional ``data=`` wide frame.
"""

from __future__ import annotations

from .._lazy import exports

# Each name imported on first use, with its module: importing the package (as the command line
# does for its defaults) does not import pandas.
_LAZY = {
    "AuditResult": "audit",
    "LikeForLike": "change",
    "between": "change",
    "composites_over": "change",
    "like_for_like": "change",
    "shared_indicators": "change",
    "EditionAnalysis": "edition",
    "EditionChange": "edition",
    "edition_analysis": "edition",
    "headlines": "findings",
    "group_mean": "means",
    "group_means": "means",
    "compare": "peers",
    "higher_is_better": "peers",
    "normalized": "peers",
    "strengths_weaknesses": "peers",
    "PUBLISHER_CUTOFF": "quadrant",
    "QUADRANTS": "quadrant",
    "SCALE_MIDPOINT": "quadrant",
    "Classification": "quadrant",
    "Thresholds": "quadrant",
    "classify": "quadrant",
    "moves": "quadrant",
    "SensitivityResult": "sensitivity",
    "nearest": "similar",
    "LeaveOneOut": "whatif",
    "WhatIf": "whatif",
    "leave_one_out": "whatif",
    "reweight": "whatif",
}
__getattr__, __dir__ = exports(__name__, _LAZY, globals())

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
