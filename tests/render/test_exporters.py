"""The HTML and PDF exporters: self-contained pages, chart text, images, WeasyPrint's fast paths."""

from __future__ import annotations

import base64
import re

import pytest

from ocanalysis.render import exporters
from ocanalysis.render.exporters.html import NotSelfContainedError, check_self_contained


def test_self_contained_check_rejects_remote_resources_and_scripts():
    check_self_contained(
        '<img src="data:image/png;base64,AA=="><a href="https://ocindex.net">x</a>'
    )
    for bad in (
        '<script src="https://cdn.jsdelivr.net/x.js"></script>',
        '<link rel="stylesheet" href="//fonts.example/x.css">',
        '<img src="http://example.org/x.png">',
        '<img alt="chart" src="figure.png">',  # a local file: missing wherever the report goes
        "<img src=/tmp/figure.png>",
        "<style>@font-face { src: url(https://x/y.woff) }</style>",
        "<script>alert(1)</script>",
    ):
        with pytest.raises(NotSelfContainedError):
            check_self_contained(bad)


def _data_uri(mime: str, data: bytes) -> str:
    return f"data:{mime};base64," + base64.b64encode(data).decode()


@pytest.fixture
def fast_paths_on():
    """Skips a test of the fast paths themselves where they are off: a WeasyPrint release not in
    TESTED_VERSIONS (add it there to vet it)."""
    from ocanalysis.render.exporters import _weasyprint_compat as compat

    if not compat.version_tested():
        pytest.skip(f"WeasyPrint {compat.weasyprint_version()} is not in TESTED_VERSIONS")


def _png(mode="RGB", colour=None, **save):
    """A 40 x 20 PNG in one colour but for one black pixel at (3, 4), and its image."""
    import io

    from PIL import Image

    if colour is None:
        colour = (200, 30, 30) if mode == "RGB" else 120
    image = Image.new(mode, (40, 20), colour)
    image.putpixel((3, 4), (0, 0, 0) if mode == "RGB" else 0)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", **save)
    return buffer.getvalue(), image


def test_pdf_keeps_chart_text_as_text_in_the_font_the_chart_was_measured_with(fast_paths_on):
    """The PDF exporter narrows the charts' font list for WeasyPrint; the text must survive."""
    import io

    from pypdf import PdfReader

    from ocanalysis import figures
    from ocanalysis.figures._encode import FONT_FAMILIES
    from ocanalysis.render.exporters.html import check_self_contained
    from ocanalysis.render.exporters.pdf import _FONT_LISTS

    assert FONT_FAMILIES in _FONT_LISTS  # the list the charts name is the one narrowed
    chart = figures.indicator_dots.svg("Belgium", 2023, "criminal_actors")
    uri = _data_uri("image/svg+xml", chart.svg.encode())
    html = f'<html><body><p>Intro</p><img src="{uri}" width="700"></body></html>'
    check_self_contained(html)
    reader = PdfReader(io.BytesIO(exporters.get("pdf").export(None, "t", html=html)))
    # Chart labels are drawn a line at a time (_weasyprint_compat), so their spaces survive
    # extraction.
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Mafia-style groups" in text and "Belgium: criminal actors, 2023" in text
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"].get("/Font", {}).values()
    }
    assert any("DejaVu-Sans" in name for name in fonts), fonts


def _pdf_of_svg(svg: str, whole_line: bool) -> bytes:
    from ocanalysis.render.exporters.pdf import Exporter

    uri = _data_uri("image/svg+xml", svg.encode())
    exporter = Exporter()
    exporter.whole_line_text = whole_line
    return exporter.export(
        None, "t", html=f'<html><body><img src="{uri}" width="700"></body></html>'
    )


def _mul(m, n):
    """The product of two PDF matrices (a, b, c, d, e, f), m applied first."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def _text_origins(pdf: bytes) -> list[tuple[float, float]]:
    """Where on the page each positioned text run starts, in points, following the content
    streams through form XObjects (pypdf's own extraction leaves their matrices out)."""
    import io

    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    reader = PdfReader(io.BytesIO(pdf))
    origins = []

    def walk(stream, resources, ctm):
        saved, tm, line, fresh = [], None, None, False
        for operands, operator in ContentStream(stream, reader).operations:
            if operator == b"q":
                saved.append(ctm)
            elif operator == b"Q":
                ctm = saved.pop()
            elif operator == b"cm":
                ctm = _mul(tuple(map(float, operands)), ctm)
            elif operator == b"BT":
                tm = line = (1, 0, 0, 1, 0, 0)
            elif operator == b"Tm":
                tm = line = tuple(map(float, operands))
                fresh = True
            elif operator == b"Td":
                tm = line = _mul((1, 0, 0, 1, float(operands[0]), float(operands[1])), line)
                fresh = True
            elif operator in (b"Tj", b"TJ") and fresh:
                origin = _mul(tm, ctm)
                origins.append((origin[4], origin[5]))
                fresh = False
            elif operator == b"Do":
                xobject = resources["/XObject"][operands[0]].get_object()
                if xobject["/Subtype"] == "/Form":
                    matrix = tuple(map(float, xobject.get("/Matrix", (1, 0, 0, 1, 0, 0))))
                    walk(xobject, xobject.get("/Resources", resources), _mul(matrix, ctm))

    for page in reader.pages:
        walk(page.get_contents(), page["/Resources"], (1, 0, 0, 1, 0, 0))
    return origins


@pytest.mark.parametrize("chart", ["dots", "quadrant"])
def test_whole_line_chart_text_lands_where_weasyprints_letter_by_letter_text_does(
    chart, fast_paths_on
):
    """The fast path draws each label as one line: every label starts where WeasyPrint's
    letter-by-letter drawing puts its first letter (but for kerning, see below; anchored labels
    are moved in their transparency groups, which the walk follows), and the page's text is the
    same but for the spaces between words."""
    import io

    from pypdf import PdfReader

    from ocanalysis import figures

    if chart == "dots":
        svg = figures.indicator_dots.svg("Belgium", 2023, "criminal_actors").svg
    else:
        svg = figures.quadrant_scatter.svg("Belgium", 2023).svg
    letters, lines = (_pdf_of_svg(svg, whole_line) for whole_line in (False, True))
    labels = [t for t in re.findall(r"<text\b[^>]*>([^<]*)</text>", svg) if t.strip()]
    assert sum(" text-anchor=" in t for t in re.findall(r"<text\b[^>]*>", svg)) > 5

    line_starts, letter_starts = _text_origins(lines), _text_origins(letters)
    assert len(line_starts) == len(labels) > 10
    gaps = [min(abs(x - x0) + abs(y - y0) for x0, y0 in letter_starts) for x, y in line_starts]
    # A start-anchored label starts at the same point; an end-anchored or centred one moves by
    # (a half of) its kerning, which letter by letter is left out: under a point.
    assert max(gaps) < 1.0
    assert sum(gap < 0.01 for gap in gaps) > len(gaps) / 3
    text = [
        "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        for pdf in (letters, lines)
    ]
    squeezed = ["".join(t.split()) for t in text]
    assert sorted(squeezed[0]) == sorted(squeezed[1])  # the same letters, in whatever order
    assert all(label in text[1] for label in labels)  # each label whole, spaces and all


def test_text_that_positions_single_letters_keeps_weasyprints_own_drawing(
    monkeypatch, fast_paths_on
):
    """dx, rotate or a list of x positions place letters one by one: such text goes to
    WeasyPrint's own code (the PDF is byte for byte the one made without the fast path), and
    a plain label beside it does not."""
    from ocanalysis.render.exporters import _weasyprint_compat as compat

    head = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="300pt" height="80pt" viewBox="0 0 300 80">'
        '<g font-family="DejaVu Sans" font-size="10">'
        '<text x="10 30 50" y="20">abc</text>'
        '<text x="10" y="40" dx="0 6 6">def</text>'
        '<text x="10" y="60" rotate="10">ghi</text>'
    )
    plain = (
        '<text x="200" y="60" text-anchor="end">plain label</text>'
        '<text x="220" y="60"><tspan dy="2">j</tspan>kl</text>'
    )
    assert _pdf_of_svg(head + "</g></svg>", True) == _pdf_of_svg(head + "</g></svg>", False)

    sent_on = []
    own = compat.letter_by_letter

    def letter_by_letter(svg, node, font_size):
        sent_on.append(node.text)
        return own(svg, node, font_size)

    monkeypatch.setattr(compat, "letter_by_letter", letter_by_letter)
    _pdf_of_svg(head + plain + "</g></svg>", True)
    assert "plain label" not in sent_on and "kl" not in sent_on
    assert {"abc", "def", "ghi", "j"} <= set(sent_on)


# An SVG that loads but fails while drawn (an opacity that is no number), and a "PNG" that is not.
_BROKEN_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><rect width="5" height="5" opacity="x"/></svg>'
_BROKEN_IMAGES = {
    "svg": _data_uri("image/svg+xml", _BROKEN_SVG),
    "png": "data:image/png;base64,AAAA",
}


@pytest.mark.parametrize("image", _BROKEN_IMAGES.values(), ids=_BROKEN_IMAGES.keys())
def test_a_figure_weasyprint_cannot_draw_fails_the_pdf(image):
    """WeasyPrint logs a figure it cannot draw and goes on; the exporter turns that into an
    error, so no PDF is written that silently lacks a chart."""
    from ocanalysis.render.exporters.pdf import PdfFigureError

    html = f'<html><body><p>Intro</p><img src="{image}" width="90" height="90"></body></html>'
    with pytest.raises(PdfFigureError, match="could not draw a figure"):
        exporters.get("pdf").export(None, "t", html=html)


def test_one_exporter_never_mixes_up_two_reports_images():
    """Images reach WeasyPrint by a reference to their content, and WeasyPrint keeps an image
    cache for the worker's life: a second report's map must be its own, not the first's."""
    import io

    from pypdf import PdfReader

    def page_with(colour):
        uri = _data_uri("image/png", _png("RGB", colour)[0])
        return f'<html><body><img alt="map" src="{uri}" width="200"></body></html>'

    exporter = exporters.get("pdf")
    for colour in [(200, 30, 30), (30, 30, 200), (200, 30, 30)]:
        pdf = exporter.export(None, "t", html=page_with(colour))
        (image,) = PdfReader(io.BytesIO(pdf)).pages[0].images
        assert image.image.convert("RGB").getpixel((5, 5)) == colour


@pytest.mark.parametrize(
    ("mode", "save", "as_is"),
    [
        # compress_level 1: not how WeasyPrint would encode the rows again, so the rows in the
        # PDF tell whether they were passed through
        ("RGB", {"compress_level": 1}, True),  # the maps
        ("L", {"compress_level": 1}, True),
        ("RGBA", {}, False),  # transparency: WeasyPrint splits off a mask
        ("P", {}, False),  # palette
    ],
)
def test_a_plain_png_goes_into_the_pdf_as_it_is_and_any_png_looks_right(
    mode, save, as_is, fast_paths_on
):
    """A plain PNG's compressed rows are the PDF image's stream, byte for byte (WeasyPrint
    would decode and re-encode them); every other PNG still comes out with the right pixels."""
    import io

    from pypdf import PdfReader

    from ocanalysis.render.exporters._weasyprint_compat import plain_png_rows

    png, image = _png(mode, **save)
    uri = _data_uri("image/png", png)
    pdf = exporters.get("pdf").export(None, "t", html=f'<img alt="m" src="{uri}" width="200">')
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    (shown,) = page.images
    assert shown.image.convert("RGBA").tobytes() == image.convert("RGBA").tobytes()
    (name,) = page["/Resources"]["/XObject"]
    stream = page["/Resources"]["/XObject"][name].get_object()
    rows = plain_png_rows(png, image.mode)
    assert (rows is not None and stream._data == rows) == as_is


def test_only_8_bit_non_interlaced_pngs_count_as_plain():
    """Rows of an interlaced or 16-bit PNG are not what a PDF reads (Pillow writes neither, so
    the header is edited: the rows are never looked at)."""
    from ocanalysis.render.exporters._weasyprint_compat import plain_png_rows

    png, _ = _png("RGB")
    assert plain_png_rows(png, "RGB") is not None
    assert plain_png_rows(png[:28] + b"\x01" + png[29:], "RGB") is None  # interlaced
    assert plain_png_rows(png[:24] + b"\x10" + png[25:], "RGB") is None  # 16 bits
    assert plain_png_rows(b"GIF89a" + png[6:], "RGB") is None


def test_fast_paths_are_scoped_to_the_export(fast_paths_on):
    """The swaps of WeasyPrint's SVG text function and PNG row encoder last for one write_pdf,
    then are undone."""
    import importlib

    import weasyprint.svg
    from weasyprint.images import RasterImage

    from ocanalysis.render.exporters import _weasyprint_compat as compat

    own = importlib.import_module("weasyprint.svg.text").text
    own_png_data = RasterImage.__dict__["_get_png_data"]
    with compat.fast_paths() as on:
        assert on == compat.FastPaths(svg_text=True, png_rows=True)
        assert weasyprint.svg.TAGS["text"] is compat.whole_line_text is weasyprint.svg.text
        assert RasterImage.__dict__["_get_png_data"] is not own_png_data
    assert weasyprint.svg.TAGS["text"] is own is weasyprint.svg.text
    assert all(f is not compat.whole_line_text for f in weasyprint.svg.TAGS.values())
    assert RasterImage.__dict__["_get_png_data"] is own_png_data
    with compat.fast_paths(svg_text=False, png_rows=False) as on:
        assert on == compat.FastPaths(False, False) and weasyprint.svg.TAGS["text"] is own
        assert RasterImage.__dict__["_get_png_data"] is own_png_data


def _report_check():
    """tools/check_oldest_weasyprint.py, the check CI runs on a report's PDF."""
    import importlib.util

    from conftest import ROOT

    path = ROOT / "tools" / "check_oldest_weasyprint.py"
    spec = importlib.util.spec_from_file_location("check_oldest_weasyprint", path)
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool


def _figures_page(charts: bool = True, map_png: bool = True, country_map: bool = False) -> str:
    """A page like a report's: a heading, two charts with anchored labels, a plain PNG map
    (and, with ``country_map``, the report's country map: an SVG holding a PNG)."""
    from ocanalysis import figures

    images = []
    if charts:
        for svg in (
            figures.indicator_dots.svg("Belgium", 2023, "criminal_actors").svg,
            figures.quadrant_scatter.svg("Belgium", 2023).svg,
        ):
            images.append(
                f'<img alt="chart" src="{_data_uri("image/svg+xml", svg.encode())}" width="600">'
            )
    if map_png:
        uri = _data_uri("image/png", _png("RGB", compress_level=1)[0])
        images.append(f'<img alt="map" src="{uri}" width="200">')
    if country_map:
        svg = figures.choropleth_svg("criminality", 2023, country="Belgium").svg
        images.append(f'<img alt="map" src="{_data_uri("image/svg+xml", svg.encode())}">')
    return f"<html><body><h1>Belgium</h1>{''.join(images)}</body></html>"


def _deterministic_fonts() -> bool:
    """Whether WeasyPrint subsets fonts with HarfBuzz (Debian's libharfbuzz-subset0, which
    .ci/run installs): the same page then gives the same bytes. Without it, fontTools does, and
    two PDFs of one page differ in their font streams."""
    from weasyprint.text import ffi

    return ffi.harfbuzz_subset is not None


def _pdf_text(pdf: bytes) -> list[str]:
    import io

    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_an_untested_weasyprint_draws_with_its_own_code_and_says_so_once(monkeypatch, request):
    """On a WeasyPrint release not in TESTED_VERSIONS no fast path is installed: the PDF is
    byte for byte the one WeasyPrint's own code makes (the fast paths switched off), it is
    complete (the report check finds the text, each chart's own labels and the map), and one
    WeasyPrintVersionWarning, one line long, says so for the whole process."""
    import warnings

    from ocanalysis.render.exporters import _weasyprint_compat as compat
    from ocanalysis.render.exporters.pdf import Exporter, WeasyPrintVersionWarning

    page = _figures_page()
    own = Exporter()
    own.whole_line_text = own.png_passthrough = False
    expected = own.export(None, "t", html=page)

    monkeypatch.setattr(compat, "TESTED_VERSIONS", frozenset({"0.0"}))
    compat._warn_untested.cache_clear()
    request.addfinalizer(compat._warn_untested.cache_clear)
    exporter = Exporter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # so that only our once-per-process guard holds it back
        pdfs = [exporter.export(None, "t", html=page) for _ in range(2)]
    if _deterministic_fonts():
        assert pdfs[0] == pdfs[1] == expected
    else:  # fontTools subsets fonts differently at each call: compare what the pages say
        assert _pdf_text(pdfs[0]) == _pdf_text(pdfs[1]) == _pdf_text(expected)
    assert _report_check().pdf_problems(pdfs[0], page, expected=("Belgium",)) == []
    assert [w.category for w in caught] == [WeasyPrintVersionWarning]
    message = str(caught[0].message)
    assert "\n" not in message and f"WeasyPrint {compat.weasyprint_version()} " in message
    with compat.fast_paths() as on:
        assert on == compat.FastPaths(svg_text=False, png_rows=False)


def test_a_weasyprint_piece_with_another_signature_keeps_its_fast_path_off(
    monkeypatch, request, fast_paths_on
):
    """The signature checks stay as a second line of defence: where the SVG class's fill_stroke
    takes a node (as before WeasyPrint 70), the text path is not installed even on a tested
    release, the PNG path still is, and charts are WeasyPrint's own drawing."""
    import weasyprint.svg

    from ocanalysis import figures
    from ocanalysis.render.exporters import _weasyprint_compat as compat

    original = weasyprint.svg.SVG.fill_stroke

    def fill_stroke(self, node, *args, **kwargs):  # the same drawing, under 69's parameter names
        return original(self, node, *args, **kwargs)

    monkeypatch.setattr(weasyprint.svg.SVG, "fill_stroke", fill_stroke)
    compat._svg_parts.cache_clear()
    request.addfinalizer(compat._svg_parts.cache_clear)
    with compat.fast_paths() as on:
        assert on == compat.FastPaths(svg_text=False, png_rows=True)
        assert weasyprint.svg.TAGS["text"] is not compat.whole_line_text
    svg = figures.indicator_dots.svg("Belgium", 2023, "criminal_actors").svg
    assert _pdf_of_svg(svg, whole_line=True) == _pdf_of_svg(svg, whole_line=False)


def test_the_report_check_names_a_missing_chart_map_or_phrase():
    """CI's check of the oldest WeasyPrint passes a complete PDF and says what another lacks."""
    tool = _report_check()
    page = _figures_page()
    exporter = exporters.get("pdf")
    assert tool.pdf_problems(exporter.export(None, "t", html=page), page, ("Belgium",)) == []
    without_charts = exporter.export(None, "t", html=_figures_page(charts=False))
    assert [p.split(":")[0] for p in tool.pdf_problems(without_charts, page)] == [
        "chart 1 not drawn",
        "chart 2 not drawn",
        "1 tagged figures with alt text for 3 images",  # the PDF's one image, the map
    ]
    without_map = exporter.export(None, "t", html=_figures_page(map_png=False))
    assert tool.pdf_problems(without_map, page) == [
        "0 images in the PDF, 1 PNG images in the HTML's figures",
        "2 tagged figures with alt text for 3 images",
    ]
    # The country map's base PNG, inside its SVG, counts as an image the PDF must hold.
    with_country_map = _figures_page(country_map=True)
    assert (
        tool.pdf_problems(exporter.export(None, "t", html=with_country_map), with_country_map) == []
    )
    problems = tool.pdf_problems(exporter.export(None, "t", html=page), with_country_map)
    assert problems[0].startswith("chart 4 not drawn")  # the map's title and outline
    assert problems[1:] == [
        "1 images in the PDF, 2 PNG images in the HTML's figures",
        "3 tagged figures with alt text for 4 images",
    ]
    assert tool.pdf_problems(without_map, page, ("129th of 193",))[0] == "text lacks '129th of 193'"


def test_report_html_is_nbconverts_page_without_its_soup_pass():
    """Our exporter skips only HTMLExporter's final BeautifulSoup pass: re-running that pass on
    our page gives nbconvert's page exactly (so an nbconvert upgrade that changes more fails)."""
    import nbformat
    from bs4 import BeautifulSoup
    from nbconvert import HTMLExporter

    from ocanalysis.render.exporters.html import exporter_options

    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("## A heading\n\nSome *text* & a [link](#x)."),
            nbformat.v4.new_code_cell(
                "print(1)",
                outputs=[
                    nbformat.v4.new_output(
                        "display_data",
                        {
                            "text/html": '<figure class="chart"><img src="data:image/png;base64,'
                            'AA==" alt="A chart"></figure>',
                            "text/plain": "<figure>",
                        },
                    ),
                    nbformat.v4.new_output("stream", name="stdout", text="1\n"),
                ],
            ),
        ],
        metadata={"language_info": {"name": "python", "pygments_lexer": "ipython3"}},
    )
    from ocanalysis.render.exporters.html import page_words

    resources = {
        "report_title": "T",
        "metadata": {"name": "T"},
        "lang": "en",
        "page_words": page_words("T", "en"),
    }
    ours = exporters.get("html").html(nb, "T")
    stock, _ = HTMLExporter(**exporter_options()).from_notebook_node(nb, resources=resources)
    assert str(BeautifulSoup(ours, features="html.parser")) == stock
    assert "A heading" in ours and 'alt="A chart"' in ours


@pytest.mark.parametrize("lang", ["en", "fr", "es", "pt"])
def test_the_running_footer_fits_one_line_for_any_title(lang):
    """The six longest names the data has, in each language: the footer's title fits beside
    'Page N' (report.css keeps both on one line), cut at a word when it must be."""
    from ocanalysis import countries, i18n
    from ocanalysis.figures._theme import fit_width
    from ocanalysis.render.exporters.html import FOOTER_ROOM, FOOTER_SIZE, footer_title
    from ocanalysis.render.job import Job

    with i18n.use(lang):
        codes = sorted(
            (c.iso3 for c in countries.all_countries()), key=lambda c: -len(i18n.country(c))
        )[:6]
    for n in range(1, 7):
        names = codes[:n]
        job = Job(
            names[0] if n == 1 else "",
            ",".join(names),
            2025,
            "comparison.ipynb",
            "/reports",
            ("pdf",),
            kind="compare" if n > 1 else "country",
            stem="x",
            parameters={"lang": lang, "countries": names},
        )
        footer = footer_title(job.title)
        assert fit_width(footer, FOOTER_SIZE) <= FOOTER_ROOM, footer
        assert footer == job.title or footer.endswith("…")
        assert job.title.startswith(footer.removesuffix("…"))


def test_hover_details_change_nothing_in_the_pdf():
    """A page's image maps (hover names) are for screens: its PDF is the same bytes with them
    as without them (the quadrant's dots and the world map's countries)."""
    import nbformat

    from ocanalysis import figures
    from ocanalysis.render.exporters.pdf import Exporter
    from ocanalysis.report.figure import chart_html, png_figure_html

    chart = figures.quadrant_scatter.svg("Belgium", 2023)
    world = figures.choropleth_svg("criminality", 2023)
    assert len(chart.hotspots) == 193 and len(world.hotspots) >= 193
    with_maps = chart_html(chart, "Matrix") + png_figure_html(
        world.png, world.alt, "Map", world.hotspots
    )
    without = re.sub(r' usemap="[^"]*"|<map name="[^"]*">.*?</map>', "", with_maps, flags=re.S)
    assert "<area" in with_maps and "<area" not in without
    exporter, notebook = Exporter(), nbformat.v4.new_notebook()
    page = "<html><head><title>t</title></head><body>{}</body></html>"
    assert exporter.export(notebook, "t", page.format(with_maps)) == exporter.export(
        notebook, "t", page.format(without)
    )


def test_what_a_cell_writes_to_stderr_stays_out_of_the_readers_page():
    """A warning to whoever ran the render (a planted cache file computed again, with its path)
    is not the reader's: the report page leaves stderr out and keeps stdout."""
    import nbformat

    cell = nbformat.v4.new_code_cell("print('hello')")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="for the reader\n"),
        nbformat.v4.new_output(
            "stream", name="stderr", text="/home/x/.cache/ocanalysis/a.json: computed again\n"
        ),
    ]
    notebook = nbformat.v4.new_notebook(cells=[cell])
    page = exporters.get("html").html(notebook, "A report")
    assert "for the reader" in page and "computed again" not in page
