"""The audit a report shows: :func:`ocanalysis.analysis.audit.cached_run`, under the name the
report's sections call (``audit(edition)``), with the defaults the figures and ``ocanalysis audit``
use, computed once per edition and kept on disk.
"""

from __future__ import annotations

from ..analysis.audit import cache_dir, cached_run

audit = cached_run

__all__ = ["audit", "cache_dir"]
