"""What a kernel loads before its first report: the report and figure modules, the data, and
each edition's shared results.

The renderer runs :func:`warm_up` in a kernel it starts early (``render.kernel.prestart``), while
it is still planning: the report's own first cells then find it all loaded. It loads only what
a report would load itself, into the same per-process caches, so a report is the same either way.
"""

from __future__ import annotations

from collections.abc import Iterable


def warm_up(editions: Iterable[int] = (), lang: str | None = None) -> None:
    """Import the report and figure modules, read the data, read (or compute) the shared
    results of ``editions`` (:func:`~ocanalysis.analysis.edition.kept_results`) and draw (or
    read) a country report's world maps of each, in ``lang`` (the reports' language; None is
    the current one).

    >>> warm_up([2023])
    >>> warm_up([2023], "fr")
    """
    import ocanalysis.figures  # noqa: F401  (matplotlib and the charts: most of the time)
    import ocanalysis.report.sections  # noqa: F401
    import ocanalysis.report.summary  # noqa: F401

    from .. import dataset, figures, i18n, population
    from ..analysis.edition import kept_results
    from . import sections

    dataset.wide(all_editions=True)
    population.table()
    for edition in editions:
        results = kept_results(edition)
        for name in ("classification", "audit", "sensitivity"):
            getattr(results, name)
        # A country report's two world maps (their pixels drawn, or read from the cache folder,
        # once per process) and the fonts its titles are measured with.
        first = dataset.wide(edition)["iso3"].iloc[0]
        with i18n.use(lang or i18n.language()):
            figures.choropleth_svg("criminality", edition, country=first)
            sections._shared_world_map_html("resilience", edition, i18n.language())
