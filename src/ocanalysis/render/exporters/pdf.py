"""PDF export with WeasyPrint, from the report's own HTML: A4, page numbers in the footer, figures
and tables never split, real text (selectable, searchable). No browser, no TeX.

The PDF is tagged, PDF/UA-1: its structure tree has the page's headings, paragraphs, lists,
tables with their header cells and figures with their alt text; its language is the page's
``<html lang>`` and its title the page's ``<title>`` (``tests/render/test_accessibility.py``).

WeasyPrint is given a URL fetcher that serves the page's own images only (``data:`` URIs), so a
PDF never reaches the network whatever the HTML holds.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re

from ._weasyprint_compat import WeasyPrintVersionWarning as WeasyPrintVersionWarning  # to filter
from ._weasyprint_compat import fast_paths, tagging_options

# An <img> whose source is inline data: the report's charts (SVG) and maps (PNG).
_INLINE_IMAGE = re.compile(r'(<img\b[^>]*?\bsrc=")data:(image/[\w.+-]+);base64,([A-Za-z0-9+/=]+)"')
_FIGURE_SCHEME = "ocanalysis-figure"
# The charts name a list of fonts so that a browser without DejaVu Sans picks a look-alike.
# WeasyPrint matches the whole list for every text run; naming the one font it will use anyway
# (the charts are measured with it) saves that work.
# figures._encode.FONT_FAMILIES, written out: importing the figures would load matplotlib into
# every rendering process (tests/render/test_exporters.py checks the two agree).
_FONT_LISTS = ("'DejaVu Sans', 'Bitstream Vera Sans', Verdana, sans-serif",)
_PDF_FONT = "DejaVu Sans"


def single_font_svg(svg: bytes) -> bytes:
    """The SVG with the charts' font list reduced to the font WeasyPrint will use.

    >>> single_font_svg(b'<text font-family="' + _FONT_LISTS[0].encode() + b'">A</text>')
    b'<text font-family="DejaVu Sans">A</text>'
    """
    for fonts in _FONT_LISTS:
        svg = svg.replace(fonts.encode(), _PDF_FONT.encode())
    return svg


_IMAGE_MAP = re.compile(r'<map name="[^"]*">.*?</map>| usemap="[^"]*"', re.DOTALL)


def without_hover(html: str) -> str:
    """The page without its image maps (hover names, for screens): paper has no pointer, and
    the PDF stays what it was without them.

    >>> without_hover('<img src="x" usemap="#m"><map name="m"><area title="a"></map>')
    '<img src="x">'
    """
    return _IMAGE_MAP.sub("", html)


def figures_by_reference(html: str) -> tuple[str, dict[str, tuple[str, bytes]]]:
    """The page with each inline image replaced by a short reference, and the images by reference.

    WeasyPrint's HTML parser would otherwise read every character of the base64 data (most of
    a report's 400 kB). A reference names its content's hash, so WeasyPrint's image cache, kept
    for a worker's life, recognises the map every report of an edition shares. Charts get the
    font WeasyPrint will use.

    >>> page, figures = figures_by_reference(
    ...     '<p>data:image/png;base64,AA==</p><img alt="m" src="data:image/png;base64,AA==">')
    >>> page  # doctest: +ELLIPSIS
    '<p>data:image/png;base64,AA==</p><img alt="m" src="ocanalysis-figure:...">'
    >>> list(figures.values())
    [('image/png', b'\\x00')]
    """
    figures: dict[str, tuple[str, bytes]] = {}

    def refer(match: re.Match) -> str:
        mime, data = match.group(2), match.group(3)
        digest = hashlib.blake2b(data.encode(), digest_size=12).hexdigest()
        url = f"{_FIGURE_SCHEME}:{digest}"
        if url not in figures:
            body = base64.b64decode(data)
            if mime == "image/svg+xml":
                body = single_font_svg(body)
            figures[url] = (mime, body)
        return f'{match.group(1)}{url}"'

    return _INLINE_IMAGE.sub(refer, html), figures


def offline_fetcher(figures: dict[str, tuple[str, bytes]] | None = None):
    """A fetcher that serves the given figures and data: URIs only (no network, no files)."""
    figures = figures or {}
    try:
        from weasyprint.urls import URLFetcher, URLFetcherResponse
    except ImportError:  # WeasyPrint < 67: fetchers are plain functions
        from weasyprint.urls import default_url_fetcher

        def fetch(url, *args, **kwargs):
            if url in figures:
                mime, body = figures[url]
                return {"string": body, "mime_type": mime}
            if not url.startswith("data:"):
                raise ValueError(f"outside resource not fetched: {url[:80]}")
            return default_url_fetcher(url, *args, **kwargs)

        return fetch

    class FigureFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url in figures:
                mime, body = figures[url]
                return URLFetcherResponse(url, body, {"Content-Type": mime})
            return super().fetch(url, headers)

    return FigureFetcher(allowed_protocols=("data",))


class PdfFigureError(RuntimeError):
    """WeasyPrint could not draw one of the report's images: the PDF would silently lack it."""


class _FigureFailures(logging.Handler):
    """Collects WeasyPrint's "Failed to render/load image" errors, which it logs and goes on."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if str(record.msg).startswith(("Failed to render SVG image", "Failed to load image")):
            message = record.getMessage()
            self.messages.append(message if len(message) <= 90 else message[:87] + "...")


class Exporter:
    name = "pdf"
    suffix = ".pdf"
    # Chart labels shaped a line at a time (see _weasyprint_compat); False gives WeasyPrint's
    # own path.
    whole_line_text = True
    # Images handed over by reference (see figures_by_reference); False leaves the data: URIs
    # in the page. The switches exist for benchmarks/bench_pdf.py.
    images_by_reference = True
    # Plain PNGs (the maps) handed over as they are (see _weasyprint_compat); False: WeasyPrint
    # re-encodes.
    png_passthrough = True
    # PDF/UA-1 tags (see _weasyprint_compat.tagging_options); False: an untagged PDF (the
    # benchmark's baseline for what tagging costs).
    tagged = True

    def __init__(self) -> None:
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
        html = without_hover(html)
        if len(self._images) > 64:  # country figures are not shared: keep the cache small
            self._images.clear()
        failures = _FigureFailures()
        logger = logging.getLogger("weasyprint")
        logger.addHandler(failures)
        try:
            with fast_paths(self.whole_line_text, self.png_passthrough):
                page, figures = (
                    figures_by_reference(html) if self.images_by_reference else (html, {})
                )
                document = self._weasyprint.HTML(
                    string=page, url_fetcher=offline_fetcher(figures), base_url="."
                )
                options = tagging_options() if self.tagged else {}
                pdf = document.write_pdf(font_config=self._fonts, cache=self._images, **options)
        finally:
            logger.removeHandler(failures)
        if failures.messages:
            raise PdfFigureError(
                f"PDF not written: WeasyPrint could not draw a figure ({failures.messages[0]})"
            )
        return pdf
