"""PDF export with WeasyPrint, from the report's own HTML: A4, page numbers in the footer, figures
and tables never split, real text (selectable, searchable). No browser, no TeX.

WeasyPrint is given a URL fetcher that serves ``data:`` URIs only, so a PDF never reaches the
network whatever the HTML holds.
"""

from __future__ import annotations

import base64
import re

# The charts name a list of fonts so that a browser without DejaVu Sans picks a look-alike.
# WeasyPrint lays SVG text out letter by letter and matches the whole list for every letter;
# naming the one font it will use anyway (the charts are measured with it) halves that cost.
_SVG_IMAGE = re.compile(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)")
# figures._encode.FONT_FAMILIES, written out: importing the figures would load matplotlib into
# every rendering process (tests/test_render_units.py checks the two agree).
_FONT_LISTS = ("'DejaVu Sans', 'Bitstream Vera Sans', Verdana, sans-serif",)
_PDF_FONT = "DejaVu Sans"


def single_font_svgs(html: str) -> str:
    """The page with each embedded SVG's font list reduced to the font WeasyPrint will use.

    >>> svg = '<svg><text font-family="' + _FONT_LISTS[0] + '">A</text></svg>'
    >>> page = '<img src="data:image/svg+xml;base64,' + base64.b64encode(svg.encode()).decode() + '">'
    >>> uri = single_font_svgs(page).split('"')[1]
    >>> base64.b64decode(uri.split(",")[1]).decode()
    '<svg><text font-family="DejaVu Sans">A</text></svg>'
    """

    def simplify(match: re.Match) -> str:
        svg = base64.b64decode(match.group(1)).decode("utf-8")
        for fonts in _FONT_LISTS:
            svg = svg.replace(fonts, _PDF_FONT)
        return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode()

    return _SVG_IMAGE.sub(simplify, html)


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
        html = single_font_svgs(html)
        document = self._weasyprint.HTML(string=html, url_fetcher=offline_fetcher(), base_url=".")
        if len(self._images) > 64:  # country figures are not shared: keep the cache small
            self._images.clear()
        return document.write_pdf(font_config=self._fonts, cache=self._images)
