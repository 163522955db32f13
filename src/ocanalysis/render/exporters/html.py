"""HTML export: nbconvert's HTMLExporter with our template — code hidden, no scripts, no CDN —
for reports, and with JupyterLab's template — code shown, scripts removed — for teaching handouts.
Both pages pass one check of what may be in a self-contained page (:func:`check_self_contained`).

Figures are already data URIs (``report.figure``), so nbconvert's ``embed_images`` pass (which
parses the whole page again to look for images) is not run. The result is checked instead: a
``script``, a ``link`` or other resource pointing at the network, or an image that is not a
data URI makes the export fail rather than ship a report that phones home or shows a broken image.
"""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "ocreport"

# A tag or CSS rule that would load something from a host (links to click are fine).
_REMOTE = re.compile(
    r"<(?:script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?"
    r"\b(?:src|href|data)\s*=\s*[\"']?\s*(?:https?:)?//"
    r"|url\(\s*[\"']?\s*(?:https?:)?//"
    r"|@import\s+[\"']?\s*(?:https?:)?//",
    re.IGNORECASE,
)
_SCRIPT = re.compile(r"<script\b", re.IGNORECASE)
_SCRIPT_ELEMENT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.IGNORECASE | re.DOTALL)
# An image whose source is anything but inline data: a local file would be missing elsewhere.
_NOT_INLINE_IMAGE = re.compile(
    r"""<img\b[^>]*?\bsrc\s*=\s*(?!["']?\s*data:)["']?[^\s>"']""", re.IGNORECASE
)


# A BCP 47 language tag as reports use them: "en", "fr", "pt-BR".
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
DEFAULT_LANGUAGE = "en"


def document_language(nb) -> str:
    """The report's language: ``nb.metadata["ocanalysis"]["lang"]``, English when not given.

    It becomes the page's ``<html lang>`` and, through it, the PDF's ``/Lang``.

    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook()
    >>> document_language(nb)
    'en'
    >>> nb.metadata["ocanalysis"] = {"lang": "fr"}
    >>> document_language(nb)
    'fr'
    >>> nb.metadata["ocanalysis"] = {"lang": "French"}
    >>> document_language(nb)
    Traceback (most recent call last):
    ...
    ocanalysis.errors.ReportError: notebook metadata ocanalysis.lang: 'French' is not a language tag such as 'en' or 'pt-BR'
    """
    language = nb.metadata.get("ocanalysis", {}).get("lang") or DEFAULT_LANGUAGE
    if not isinstance(language, str) or not _LANGUAGE_TAG.fullmatch(language):
        from ocanalysis.errors import ReportError

        raise ReportError(
            f"notebook metadata ocanalysis.lang: {language!r} is not a language tag such as "
            "'en' or 'pt-BR'"
        )
    return language


class NotSelfContainedError(RuntimeError):
    """The exported HTML refers to a remote resource or holds a script."""


def remote_resources(html: str) -> list[str]:
    """The end of every tag or CSS rule that would load something from the network.

    >>> page = '<a href="https://ocindex.net">x</a><style>@import "//cdn.example/x.css";</style>'
    >>> remote_resources(page)  # a link to click is fine; an import is not
    ['@import "//']
    """
    return [m.group(0)[-60:] for m in _REMOTE.finditer(html)]


def strip_scripts(html: str) -> str:
    """Remove every ``<script>`` element: a handout is a static page.

    >>> strip_scripts('<p>a</p><SCRIPT type="text/javascript">\\nalert(1)\\n</script ><p>b</p>')
    '<p>a</p><p>b</p>'
    """
    return _SCRIPT_ELEMENT.sub("", html)


def check_self_contained(html: str) -> None:
    """Fail when the page would load anything from the network or run a script.

    >>> check_self_contained('<img src="data:image/png;base64,AA==">')
    >>> check_self_contained('<img src="figure.png">')
    Traceback (most recent call last):
    ...
    ocanalysis.render.exporters.html.NotSelfContainedError: report is not self-contained: <img src="f
    >>> check_self_contained('<script src="https://cdn.example/x.js"></script>')
    Traceback (most recent call last):
    ...
    ocanalysis.render.exporters.html.NotSelfContainedError: report is not self-contained: <script src="https://
    """
    for pattern in (_REMOTE, _SCRIPT, _NOT_INLINE_IMAGE):
        found = pattern.search(html)
        if found:
            raise NotSelfContainedError(f"report is not self-contained: {found.group(0)[:60]}")


def _report_exporter_class():
    """nbconvert's HTMLExporter without its last step, a BeautifulSoup pass over the whole page.

    That pass adds alt text to images that lack it and tabindex to the lab template's cells. Our
    template has no such cells, and every figure the report embeds has alt text; parsing and
    re-serializing a report's ~700 kB was a tenth of its rendering time. The page is otherwise
    nbconvert's (``tests/render/test_exporters.py`` compares the two).
    """
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class ReportHTMLExporter(HTMLExporter):
        def from_notebook_node(self, nb, resources=None, **kw):
            # The two filters HTMLExporter.from_notebook_node registers before rendering.
            language = nb.metadata.get("language_info", {})
            lexer = language.get("pygments_lexer", language.get("name", None))
            self.register_filter(
                "highlight_code",
                self.filters.get(
                    "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)
                ),
            )
            resources = self._init_resources(resources)
            self.register_filter(
                "filter_data_type",
                WidgetsDataTypeFilter(
                    notebook_metadata=self._nb_metadata, parent=self, resources=resources
                ),
            )
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    return ReportHTMLExporter


def exporter_options() -> dict:
    """The nbconvert options of the report's HTML (shared with the test that compares exporters)."""
    return {
        "extra_template_basedirs": [str(TEMPLATES)],
        "template_name": TEMPLATE_NAME,
        "exclude_input": True,
        "exclude_input_prompt": True,
        "exclude_output_prompt": True,
        "embed_images": False,  # see the module's docstring
    }


def css_string(text: str) -> str:
    """Text as a CSS string literal (for the page's running footer): quotes, backslashes, angle
    brackets and control characters as CSS escapes.

    >>> print(css_string('Côte d’Ivoire: "x" </style>'))
    "Côte d’Ivoire: \\22 x\\22  \\3c /style\\3e "
    """
    escaped = "".join(f"\\{ord(c):x} " if c in '"\\<>' or ord(c) < 32 else c for c in text)
    return f'"{escaped}"'


FOOTER_SIZE = 8.0  # points, report.css's @page margin boxes
FOOTER_ROOM = 430.0  # points of A4's 510 between the margins, beside "Page 999" and a gap


def footer_title(title: str, room: float = FOOTER_ROOM) -> str:
    """The report's title as the running footer prints it: whole when it fits one line of the
    page's foot, else cut at a word and ended with "…" (the whole title heads the first page and
    is the PDF's title).

    >>> footer_title("Belgium: country report")
    'Belgium: country report'
    >>> footer_title("Bosnia and Herzegovina, North Macedonia", 150)
    'Bosnia and Herzegovina, North…'
    """
    from ...figures._theme import fit_width

    if fit_width(title, FOOTER_SIZE) <= room:
        return title
    words = title.split(" ")
    while len(words) > 1 and fit_width(" ".join(words) + "…", FOOTER_SIZE) > room:
        words.pop()
    return " ".join(words).rstrip(",;:") + "…"


def page_words(title: str, lang: str) -> dict[str, str]:
    """The printed page's running words in the report's language: its title at the bottom
    left (on one line: :func:`footer_title`), 'Page N' at the bottom right."""
    from ...i18n import _, use

    with use(lang):
        return {"footer": css_string(footer_title(title)), "page": css_string(_("Page") + " ")}


class Exporter:
    name = "html"
    suffix = ".html"

    def __init__(self) -> None:
        self._exporter = _report_exporter_class()(**exporter_options())
        # The footer is measured with the charts' font metrics (matplotlib's, 0.7 s to import):
        # loaded with the exporter, which the renderer makes before its workers fork, or while
        # a single report's kernel starts, rather than after the notebook ran.
        from ...figures import _theme  # noqa: F401

    def html(self, nb, title: str) -> str:
        lang = document_language(nb)
        body, _resources = self._exporter.from_notebook_node(
            nb,
            resources={
                "report_title": title,
                "metadata": {"name": title},
                "lang": lang,
                "page_words": page_words(title, lang),
            },
        )
        check_self_contained(body)
        return body

    def export(self, nb, title: str, html: str | None = None) -> bytes:
        return (html if html is not None else self.html(nb, title)).encode("utf-8")


def _figure_alt_preprocessor():
    """nbconvert's lab template writes no alt text for a PNG output (nbconvert then puts "No
    description has been provided for this image" on every image): this preprocessor gives each
    PNG that carries its alt text in the output's metadata (our figures do: ``_repr_png_``) an
    HTML rendering, an ``<img>`` with that alt text, which the template prefers to the PNG."""
    from nbconvert.preprocessors import Preprocessor

    class FigureAltPreprocessor(Preprocessor):
        def preprocess_cell(self, cell, resources, index):
            from ocanalysis.report.markup import attributes

            for output in cell.get("outputs", []):
                data, metadata = output.get("data", {}), output.get("metadata", {})
                alt = (metadata.get("image/png") or {}).get("alt")
                if "image/png" in data and alt and "text/html" not in data:
                    uri = "data:image/png;base64," + "".join(str(data["image/png"]).split())
                    data["text/html"] = f"<img{attributes(src=uri, alt=alt)}>"
            return cell, resources

    return FigureAltPreprocessor


class HandoutExporter:
    """A teaching notebook as one page: JupyterLab's template with the code shown, images
    embedded, cells tagged ``remove_tags`` left out, and two steps added to nbconvert's: each
    figure's own alt text (:func:`_figure_alt_preprocessor`), and every script removed (the
    template loads require.js, MathJax and mermaid from CDNs). The page then passes the reports'
    self-contained check."""

    name = "html"
    suffix = ".html"

    def __init__(self, remove_tags: tuple[str, ...] = ()) -> None:
        from nbconvert import HTMLExporter
        from traitlets.config import Config

        config = Config()
        config.TagRemovePreprocessor.enabled = True
        config.TagRemovePreprocessor.remove_cell_tags = set(remove_tags)
        self._exporter = HTMLExporter(config=config, template_name="lab", embed_images=True)
        self._exporter.register_preprocessor(_figure_alt_preprocessor(), enabled=True)

    def html(self, nb, title: str) -> str:
        self._exporter.language_code = document_language(nb)  # <html lang>, as a report's
        body, _resources = self._exporter.from_notebook_node(
            nb, resources={"metadata": {"name": title}}
        )
        return strip_scripts(body)
