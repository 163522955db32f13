"""Accessible reports: every kind of report's HTML passes axe-core at WCAG 2.1 AA in headless
Chromium (network blocked), the text in its charts has AA contrast, and its PDF is tagged
(PDF/UA-1: structure tree with headings, tables with header cells, figures with alt text,
language, title). The reports are the session's ``rendered`` site (conftest.py)."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .accessibility import pdf_problems, svg_contrast_problems

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = [
    "index.html",
    "2023/world.html",
    "2023/continent-europe.html",
    "2023/region-western-europe.html",
    "2023/compare-BEL-NLD.html",
    "2023/indicator-law-enforcement.html",
    "2023/BEL-belgium.html",
]
_SVG = re.compile(r'<img\b[^>]*?\bsrc="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"')
_IMG = re.compile(r"<img\b")
_TITLE = re.compile(r"<title>([^<]*)</title>")


@pytest.fixture(scope="session")
def axe_source() -> str:
    from chromium_cdp import axe_source as source

    return source()


@pytest.mark.slow
def test_every_kind_of_report_passes_axe_core_at_wcag_21_aa(rendered, chromium, axe_source):
    from chromium_cdp import axe_violations

    out, _ = rendered
    found = axe_violations([out / page for page in PAGES], chromium, axe_source, WCAG_21_AA)
    problems = [
        f"{page.relative_to(out)}: {v['id']} ({v['impact']}) at {', '.join(v['targets'][:5])}"
        for page, violations in found.items()
        for v in violations
    ]
    assert problems == []


def test_axe_reports_what_a_report_page_must_not_have(chromium, axe_source, tmp_path):
    """The harness itself: a page with the faults the reports avoid gets them named."""
    from chromium_cdp import axe_violations

    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html><head><title>t</title></head><body><main><img src="data:,">'
        '<p style="color:#999">faint</p><table><tr><th></th><td>1</td></tr></table>'
        "</main></body></html>"
    )
    (violations,) = axe_violations([page], chromium, axe_source, WCAG_21_AA).values()
    assert {"html-has-lang", "image-alt", "color-contrast"} <= {v["id"] for v in violations}


@pytest.mark.slow
def test_text_in_every_chart_has_aa_contrast(rendered):
    out, _ = rendered
    charts = 0
    problems = []
    for page in PAGES[1:]:
        for number, data in enumerate(_SVG.findall((out / page).read_text()), 1):
            charts += 1
            svg = base64.b64decode(data).decode()
            problems += [f"{page} chart {number}: {p}" for p in svg_contrast_problems(svg)]
    assert charts > 30
    assert problems == []


def test_the_contrast_check_finds_faint_text_and_text_on_a_dark_cell():
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
        '<rect x="0" y="0" width="100" height="100" fill="#FFFFFF"/>'
        '<text x="5" y="10" font-size="9" fill="#8C8C8C">faint</text>'
        '<text x="5" y="30" font-size="9" fill="#C25600" font-weight="bold">dark enough</text>'
        '<rect x="40" y="40" width="20" height="20" fill="#21918C"/>'
        '<text x="50" y="50" font-size="7" fill="#FFFFFF" text-anchor="middle" '
        'dominant-baseline="central">4.5</text>'
        '<rect x="0" y="70" width="60" height="14" fill="#FFFFFF" fill-opacity="0.85"/>'
        '<text x="2" y="80" font-size="9" fill="#C25600" font-weight="bold">on a map</text>'
        "</svg>"
    )
    problems = svg_contrast_problems(svg)
    assert [p.split(":")[0] for p in problems] == [
        "'faint' (9 pt)",
        "'4.5' (7 pt)",
        "'on a map' (9 pt bold)",  # a translucent box: whatever the map is under it
    ]


def _report_pdf(out: Path, page: str) -> tuple[bytes, str, int]:
    from ocanalysis.render import exporters

    html = (out / page).read_text()
    (title,) = _TITLE.findall(html)
    return exporters.get("pdf").export(None, title, html=html), title, len(_IMG.findall(html))


@pytest.mark.slow
@pytest.mark.parametrize("page", ["2023/BEL-belgium.html", "2023/world.html"])
def test_report_pdf_is_tagged_pdf_ua(rendered, page):
    """With the fast paths on (WeasyPrint 70.0): the charts and maps stay /Figure with alt."""
    import html as html_module

    from ocanalysis.render.exporters import _weasyprint_compat

    out, _ = rendered
    pdf, title, images = _report_pdf(out, page)
    assert images >= 7
    expected = pdf_problems(pdf, title=html_module.unescape(title), lang="en", figures=images)
    assert expected == []
    if _weasyprint_compat.version_tested():
        with _weasyprint_compat.fast_paths() as on:
            assert on.svg_text and on.png_rows


@pytest.mark.slow
def test_pdfinfo_says_tagged(rendered, tmp_path):
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo not installed (Debian package `poppler-utils`; .ci/run installs it)")
    out, _ = rendered
    pdf, title, _ = _report_pdf(out, "2023/BEL-belgium.html")
    (tmp_path / "report.pdf").write_bytes(pdf)
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "report.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE)


def test_the_structure_check_names_an_untagged_pdf_and_a_figure_without_alt(monkeypatch):
    from ocanalysis.render.exporters.pdf import Exporter

    page = (
        '<!DOCTYPE html><html lang="en"><head><title>T</title></head><body><h1>T</h1><h2>S</h2>'
        '<table><tr><th scope="col">a</th></tr><tr><td>1</td></tr></table>'
        '<img alt="A map." src="data:image/png;base64,{png}"><img src="data:image/png;base64,{png}">'
        "</body></html>"
    )
    from .test_exporters import _png

    html = page.format(png=base64.b64encode(_png()[0]).decode())
    exporter = Exporter()
    tagged = exporter.export(None, "T", html=html)
    assert pdf_problems(tagged, title="T", lang="en", figures=2) == ["1 of 2 /Figure without /Alt"]
    assert pdf_problems(tagged, title="T", lang="fr", figures=2)[0] == "/Lang is 'en', not 'fr'"
    monkeypatch.setattr(Exporter, "tagged", False)
    untagged = pdf_problems(exporter.export(None, "T", html=html), title="T", lang="en", figures=2)
    assert untagged[:4] == [
        "no structure tree (/StructTreeRoot): the PDF is untagged",
        "/MarkInfo /Marked is not true",
        "/ViewerPreferences /DisplayDocTitle is not true",
        "0 /Figure elements for 2 images",
    ]
    assert untagged[-1].startswith("page 1: Image /") and untagged[-1].endswith("not in a /Figure")


def test_the_page_and_the_pdf_take_the_notebooks_language():
    import io

    import nbformat
    from pypdf import PdfReader

    from ocanalysis.render import exporters

    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell("# Belgique"))
    nb.metadata["ocanalysis"] = {"lang": "fr"}
    html = exporters.get("html").html(nb, "Belgique : rapport")
    assert '<html lang="fr">' in html
    assert "<title>Belgique : rapport</title>" in html
    reader = PdfReader(io.BytesIO(exporters.get("pdf").export(nb, "Belgique : rapport", html)))
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    assert reader.metadata.title == "Belgique : rapport"
    del nb.metadata["ocanalysis"]
    assert '<html lang="en">' in exporters.get("html").html(nb, "Belgium")


def test_a_weasyprint_that_tags_no_figures_still_tags_the_pdf_and_says_so_once(monkeypatch):
    """63-65 tag text, headings and tables but not figures: the PDF is PDF/UA-1 all the same,
    and a warning (once per process) says what it lacks."""
    import io
    import warnings

    from pypdf import PdfReader

    from ocanalysis.render.exporters import _weasyprint_compat
    from ocanalysis.render.exporters.pdf import Exporter, WeasyPrintVersionWarning

    monkeypatch.setattr(_weasyprint_compat, "tags_figures", lambda: False)
    _weasyprint_compat._warn_untagged_figures.cache_clear()
    page = '<html lang="en"><head><title>T</title></head><body><h1>T</h1></body></html>'
    exporter = Exporter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pdfs = [exporter.export(None, "T", html=page) for _ in range(2)]
    untagged_figures = [w for w in caught if "without their figures" in str(w.message)]
    assert len(untagged_figures) == 1
    assert untagged_figures[0].category is WeasyPrintVersionWarning
    assert all("/StructTreeRoot" in PdfReader(io.BytesIO(p)).trailer["/Root"] for p in pdfs)
    _weasyprint_compat._warn_untagged_figures.cache_clear()


def test_weasyprint_66_and_later_tag_figures():
    from ocanalysis.render.exporters._weasyprint_compat import tags_figures, weasyprint_version

    major = int(weasyprint_version().split(".")[0])
    assert tags_figures() is (major >= 66)
