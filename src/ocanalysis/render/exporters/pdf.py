"""PDF export with WeasyPrint, from the report's own HTML: A4, page numbers in the footer, figures
and tables never split, real text (selectable, searchable). No browser, no TeX.

WeasyPrint is given a URL fetcher that serves ``data:`` URIs only, so a PDF never reaches the
network whatever the HTML holds.
"""

from __future__ import annotations


def offline_fetcher():
    """A fetcher that serves data: URIs only (no network, no local files)."""
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # WeasyPrint < 67: fetchers are plain functions
        from weasyprint.urls import default_url_fetcher

        def fetch(url, *args, **kwargs):
            if not url.startswith("data:"):
                raise ValueError(f"outside resource not fetched: {url[:80]}")
            return default_url_fetcher(url, *args, **kwargs)

        return fetch
    return URLFetcher(allowed_protocols=("data",))


class Exporter:
    name = "pdf"
    suffix = ".pdf"

    def __init__(self) -> None:
        import logging

        import weasyprint

        # WeasyPrint logs each unsupported CSS property; the report's CSS is shared with screens.
        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        self._weasyprint = weasyprint
        # Kept for the worker's life: fonts are looked up once, and images shared by every
        # report (the world maps) are decoded once.
        from weasyprint.text.fonts import FontConfiguration

        self._fonts = FontConfiguration()
        self._images: dict = {}

    def export(self, nb, title: str, html: str | None = None) -> bytes:
        if html is None:
            from . import get

            html = get("html").html(nb, title)
        document = self._weasyprint.HTML(string=html, url_fetcher=offline_fetcher(), base_url=".")
        if len(self._images) > 64:  # country figures are not shared: keep the cache small
            self._images.clear()
        return document.write_pdf(font_config=self._fonts, cache=self._images)
