"""What a kernel loads before its first report: the report and figure modules, the data, and
each edition's shared results.

The renderer runs :func:`warm_up` in a kernel it starts early (``render.kernel.prestart``), while
it is still planning: the report's own first cells then find it all loaded. It loads only what
a report would load itself, into the same per-process caches, so a report is the same either way.
"""

from __future__ import annotations

from collections.abc import Iterable


def warm_up(editions: Iterable[int] = ()) -> None:
    """Import the report and figure modules, read the data, and read (or compute) the shared
    results of ``editions`` (:func:`~ocanalysis.analysis.edition.kept_results`).

    >>> warm_up([2023])
    """
    import ocanalysis.figures  # noqa: F401  (matplotlib and the charts: most of the time)
    import ocanalysis.report.sections  # noqa: F401
    import ocanalysis.report.summary  # noqa: F401

    from .. import dataset, population
    from ..analysis.edition import kept_results

    dataset.wide(all_editions=True)
    population.table()
    for edition in editions:
        results = kept_results(edition)
        for name in ("classification", "audit", "sensitivity"):
            getattr(results, name)
