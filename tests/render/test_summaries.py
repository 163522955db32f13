"""The world, a continent, a region and a comparison rendered for real, on the warm kernels of
one worker (slow; the ``rendered`` fixture, shared with test_accessibility.py): the summary and
comparison notebooks execute, and the index links them."""

from __future__ import annotations

import html
import re

import pytest

pytestmark = pytest.mark.slow


def test_world_region_comparison_render_on_warm_kernels(rendered):
    import json

    out, summary = rendered
    assert summary.text() == "rendered 6, skipped 0 (unchanged), failed 0"
    folder = out / "2023"
    for stem, title in (
        ("indicator-law-enforcement", "Law enforcement: Global Organized Crime Index 2023"),
        ("world", "World: Global Organized Crime Index 2023"),
        ("continent-europe", "Europe: Global Organized Crime Index 2023"),
        ("region-western-europe", "Western Europe: Global Organized Crime Index 2023"),
        ("compare-BEL-NLD", "Belgium, Netherlands: Global Organized Crime Index 2023"),
    ):
        html = (folder / f"{stem}.html").read_text()
        assert f"<title>{title}</title>" in html
        assert "Global Organized Crime Index, 2023 edition" in html  # the header ran
        assert "<script" not in html.lower()
        assert (folder / f"{stem}.ipynb").is_file()
    notebook = json.loads((folder / "BEL-belgium.ipynb").read_text())
    injected = "".join(
        "".join(cell["source"])
        for cell in notebook["cells"]
        if "injected-parameters" in cell["metadata"].get("tags", [])
    )
    assert (
        'related = {"region": "region-western-europe.html", "continent": "continent-europe.html"}'
        in injected
    )


def test_index_links_the_summaries(rendered):
    out, _ = rendered
    page = (out / "index.html").read_text()
    links = re.findall(r'href="([^"]+)"', page)
    assert links == [
        "2023/world.html",
        "2023/continent-europe.html",
        "2023/region-western-europe.html",
        "2023/BEL-belgium.html",
        "2023/compare-BEL-NLD.html",
        "2023/indicator-law-enforcement.html",
    ]


def test_summary_reports_state_the_findings(rendered):
    from ocanalysis.analysis.findings import headlines

    out, _ = rendered
    folder = out / "2023"
    world = (folder / "world.html").read_text()
    found = headlines(2023)
    worst = found["quadrants"]["high criminality, low resilience"]
    assert (
        f'<td>high criminality, low resilience</td><td class="num">{worst["countries"]}</td>'
        in (world)
    )
    assert f"{found['population_share']['high criminality'] * 100:.1f}% of the population" in world
    region = (folder / "region-western-europe.html").read_text()
    assert "The map is zoomed to Western Europe" in region  # the map's alt text
    assert region.count('<figure class="chart">') == 7  # 4 histograms, matrix, heatmap, map
    comparison = (folder / "compare-BEL-NLD.html").read_text()
    assert '<th class="num">Belgium</th><th class="num">Netherlands</th>' in comparison
    belgium = (folder / "BEL-belgium.html").read_text()
    assert '<a href="region-western-europe.html">the region report</a>' in belgium
    assert "Belgium in every edition to 2023" in belgium  # the trend


@pytest.mark.parametrize(
    "page",
    [
        "index.html",
        "2023/world.html",
        "2023/continent-europe.html",
        "2023/region-western-europe.html",
        "2023/compare-BEL-NLD.html",
        "2023/indicator-law-enforcement.html",
    ],
)
def test_site_pages_in_headless_chromium(rendered, chromium, page):
    from chromium_cdp import inspect

    out, _ = rendered
    result = inspect(out / page, chromium)
    assert result["failed_requests"] == []
    assert result["console_errors"] == []
    assert result["census"]["scripts"] == 0
    assert all(url.startswith(("file:", "data:")) for url in result["requests"])
    images = result["census"]["images"]
    assert all(complete and width > 0 and height > 0 for complete, width, height in images)


FRENCH_PAGES = (
    "world.fr.html",
    "continent-oceania.fr.html",
    "region-western-europe.fr.html",
    "compare-BEL-PER.fr.html",
)


@pytest.mark.parametrize("name", FRENCH_PAGES)
def test_french_summary_reports_are_french(rendered_in_french, name):
    from english_left import english_left

    from ocanalysis import i18n
    from ocanalysis.report import outline

    out, summary = rendered_in_french
    assert summary.text() == "rendered 6, skipped 0 (unchanged), failed 0"
    page = (out / "2023" / name).read_text()
    keys = outline.COMPARISON_REPORT if name.startswith("compare") else outline.SUMMARY_REPORT
    with i18n.use("fr"):
        wanted = [("contents", i18n._("Contents"))] + [
            (outline.anchor(k), outline.title(k, outline.SUMMARY_SECTIONS)) for k in keys
        ]
    headings = [
        (anchor, html.unescape(text))
        for anchor, text in re.findall(r'<h2 id="([a-z-]+)">(.*?)</h2>', page)
    ]
    assert headings == wanted
    english = ["Contents"] + [outline.SUMMARY_SECTIONS[k][0] for k in keys]
    same = {"Distributions"}  # the same word in French
    assert all(f != e for (_anchor, f), e in zip(wanted, english, strict=True) if e not in same)
    assert english_left(page, "fr") == []
    # And no English word in any text, the charts' SVG text included (tests/test_i18n.py's).
    from english_left import english_words, page_text

    assert english_words(page_text(page)) == []
    assert '<th class="num">Rang</th><th>Pays</th>' in page and ">Sur 193</th>" in page


def test_the_french_indicator_report_is_french(rendered_in_french):
    from english_left import english_left, english_words, page_text

    from ocanalysis import i18n
    from ocanalysis.report import outline

    out, _summary = rendered_in_french
    page = (out / "2023" / "indicator-law-enforcement.fr.html").read_text()
    with i18n.use("fr"):
        wanted = [("contents", i18n._("Contents"))] + [
            (outline.anchor(k), outline.title(k, outline.INDICATOR_SECTIONS))
            for k in outline.INDICATOR_REPORT
        ]
    headings = [
        (anchor, html.unescape(text))
        for anchor, text in re.findall(r'<h2 id="([a-z-]+)">(.*?)</h2>', page)
    ]
    assert headings == wanted
    assert english_left(page, "fr") == []
    assert english_words(page_text(page)) == []
    title = "<title>Forces de l&#x27;ordre\u00a0: Global Organized Crime Index 2023</title>"
    assert title in page


def test_french_index_lists_the_french_reports(rendered_in_french):
    out, _summary = rendered_in_french
    page = (out / "index.fr.html").read_text()
    links = re.findall(r'href="(2023/[^"]+)"', page)
    assert links == [
        "2023/world.fr.html",
        "2023/region-western-europe.fr.html",  # Europe, a heading without a report
        "2023/BEL-belgium.fr.html",  # under its region
        "2023/continent-oceania.fr.html",
        "2023/compare-BEL-PER.fr.html",
        "2023/indicator-law-enforcement.fr.html",
    ]
    assert "<h2>Édition 2023 (6 rapports)</h2>" in page
    assert "<h3>Indicateurs</h3>" in page
    assert "Belgique, Pérou" in page


def test_french_pages_pass_axe_core(rendered_in_french, chromium):
    """The French reports of every kind and the index (its language switcher too) at WCAG
    2.1 AA."""
    from chromium_cdp import axe_source, axe_violations

    from .test_accessibility import WCAG_21_AA

    script = axe_source()
    out, _summary = rendered_in_french
    names = (*FRENCH_PAGES, "BEL-belgium.fr.html", "indicator-law-enforcement.fr.html")
    pages = [out / "index.fr.html", *(out / "2023" / name for name in names)]
    found = axe_violations(pages, chromium, script, WCAG_21_AA)
    problems = {
        page.name: [f"{v['id']} at {', '.join(v['targets'][:3])}" for v in violations]
        for page, violations in found.items()
        if violations
    }
    assert problems == {}


def test_the_world_map_names_each_country_on_hover_without_script(rendered, chromium):
    """In a real browser, the pointer over a country of the world report's map finds an area
    whose title names it with its score (an image map: no script in the page)."""
    playwright = pytest.importorskip("playwright.sync_api")
    out, _ = rendered
    path = out / "2023" / "world.html"
    page_html = path.read_text()
    assert "<script" not in page_html
    section = page_html.split('<section class="section map">')[1].split("</section>")[0]
    first_map = re.search(r'<map name="[^"]+">(.*?)</map>', section, re.DOTALL).group(1)
    titles = set(re.findall(r'title="([^"]+): \d+\.\d\d"', first_map))
    assert len(titles) >= 150, len(titles)
    found = {}
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto(path.as_uri())
        # For each outlined country: a vertex-average point of its largest area, scrolled into
        # view, and what the browser finds there.
        found = page.evaluate(
            """() => {
              const img = document.querySelector('section.map img[usemap]');
              const map = document.querySelector('map[name="' + img.useMap.slice(1) + '"]');
              const out = {};
              for (const area of map.querySelectorAll('area[shape=poly]')) {
                const c = area.coords.split(',').map(Number);
                let x = 0, y = 0;
                for (let i = 0; i < c.length; i += 2) { x += c[i]; y += c[i + 1]; }
                x /= c.length / 2; y /= c.length / 2;
                img.scrollIntoView();
                const box = img.getBoundingClientRect();
                const hit = document.elementFromPoint(box.left + x, box.top + y);
                if (hit && hit.tagName === 'AREA') out[area.title] = hit.title;
              }
              return out;
            }"""
        )
        page.mouse.move(0, 0)
        browser.close()
    # Most vertex averages fall inside their own country (a crescent's may not): the browser
    # names the country there with its score.
    hits = [title for title, hit in found.items() if hit == title]
    assert len({t.split(":")[0] for t in hits}) >= 120, len(hits)
