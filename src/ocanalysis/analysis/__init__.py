"""Analysis of the index: peers, change between editions, quadrants, similar countries, audit.

Pure functions over :func:`ocanalysis.dataset.wide`; each takes an optional ``data=`` wide frame.
"""

from __future__ import annotations

from . import peers
from .peers import compare, higher_is_better, normalized, strengths_weaknesses

__all__ = [
    "compare",
    "higher_is_better",
    "normalized",
    "peers",
    "strengths_weaknesses",
]
