"""The index page of every rendered report."""

from __future__ import annotations

import pytest

from ocanalysis import dataset
from ocanalysis.render import index
from ocanalysis.render.index import write_index


def test_index_links_every_report_and_escapes(tmp_path):
    (tmp_path / "2023").mkdir()
    (tmp_path / "2021").mkdir()
    for path in (
        "2023/BEL-belgium.html",
        "2023/BEL-belgium.pdf",
        "2023/CIV-cote-d-ivoire.html",
        "2021/BEL-belgium.html",
    ):
        (tmp_path / path).write_text("x")
    (tmp_path / "2023" / "notes.html").write_text("not a report")
    page = write_index(tmp_path).read_text()
    for href in (
        "2023/BEL-belgium.html",
        "2023/BEL-belgium.pdf",
        "2023/CIV-cote-d-ivoire.html",
        "2021/BEL-belgium.html",
    ):
        assert f'href="{href}"' in page
    assert "notes.html" not in page
    assert "Côte d&#x27;Ivoire" in page
    assert page.index("2023 edition") < page.index("2021 edition")


def _site(out, names):
    for name in names:
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")


def test_index_is_a_site_world_continents_regions_countries_then_comparisons(tmp_path):
    import re
    from html.parser import HTMLParser

    _site(
        tmp_path,
        [
            "2023/world.html",
            "2023/world.pdf",
            "2023/continent-europe.html",
            "2023/region-western-europe.html",
            "2023/BEL-belgium.html",
            "2023/NLD-netherlands.html",
            "2023/PER-peru.html",  # no South America or Americas report: plain headings
            "2023/region-west-africa.html",  # no country under it, no Africa report
            "2023/compare-BEL-NLD.html",
            "2023/compare-BEL-BEL.html",  # not a comparison
            "2023/indicator-law-enforcement.html",
            "2023/indicator-resilience.html",
            "2023/indicator-cocaine-trade.html",
            "2023/indicator-nonsense.html",  # not an indicator
            "2021/BEL-belgium.html",
            "2025/region-micronesia.html",  # Kiribati is in Micronesia in 2025
            "2025/KIR-kiribati.html",
        ],
    )
    page = write_index(tmp_path).read_text()
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "<script" not in page and "http" not in page  # self-contained, nothing fetched
    links = re.findall(r'href="([^"]+)"', page)
    assert all(not link.startswith("/") and (tmp_path / link).is_file() for link in links)
    assert "2023/compare-BEL-BEL.html" not in links

    class Outline(HTMLParser):
        def __init__(self):
            super().__init__()
            self.items, self.open = [], None

        def handle_starttag(self, tag, attrs):
            if tag in ("h1", "h2", "h3", "h4", "li", "p"):
                self.items.append([tag, "", None])
            if tag == "a" and self.items and self.items[-1][2] is None:
                self.items[-1][2] = dict(attrs)["href"]

        def handle_data(self, data):
            if self.items:
                self.items[-1][1] += data

    outline = Outline()
    outline.feed(page)
    got = [
        (tag, text.split(" PDF")[0].split(" criminality")[0].split(" world mean")[0].strip(), href)
        for tag, text, href in outline.items
    ]
    assert got == [
        ("h1", "Global Organized Crime Index: reports", None),
        ("h2", "2025 edition (2 reports)", None),
        ("h3", "Oceania", None),
        ("h4", "Micronesia", "2025/region-micronesia.html"),
        ("li", "Kiribati", "2025/KIR-kiribati.html"),
        ("h2", "2023 edition (11 reports)", None),
        ("p", "World", "2023/world.html"),
        ("h3", "Africa", None),
        ("h4", "West Africa", "2023/region-west-africa.html"),
        ("h3", "Americas", None),
        ("h4", "South America", None),
        ("li", "Peru", "2023/PER-peru.html"),
        ("h3", "Europe", "2023/continent-europe.html"),
        ("h4", "Western Europe", "2023/region-western-europe.html"),
        ("li", "Belgium", "2023/BEL-belgium.html"),
        ("li", "Netherlands", "2023/NLD-netherlands.html"),
        ("h3", "Comparisons", None),
        ("li", "Belgium, Netherlands", "2023/compare-BEL-NLD.html"),
        ("h3", "Indicators", None),
        ("h4", "Composite scores", None),
        ("li", "Resilience", "2023/indicator-resilience.html"),
        ("h4", "Criminal markets", None),
        ("li", "Cocaine trade", "2023/indicator-cocaine-trade.html"),
        ("h4", "Resilience", None),
        ("li", "Law enforcement", "2023/indicator-law-enforcement.html"),
        ("h2", "2021 edition (1 report)", None),
        ("h3", "Europe", None),
        ("h4", "Western Europe", None),
        ("li", "Belgium", "2021/BEL-belgium.html"),
    ]
    levels = [int(tag[1]) for tag, _, _ in got if tag.startswith("h")]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))  # no level skipped
    assert '<a href="2023/world.pdf" class="fmt">PDF</a>' in page
    # Headline figures: the mean criminality and resilience of the report's countries.
    assert 'Belgium</a> <span class="figures">criminality 4.43, resilience 7.04</span>' in page
    assert "criminality 4.70, resilience 7.25" in page  # Belgium and Netherlands, 2023
    assert "criminality 4.34, resilience 7.00" in page  # Belgium 2021
    assert 'Law enforcement</a> <span class="figures">world mean 4.87</span>' in page


def test_headlines_are_one_function(monkeypatch, tmp_path):
    from ocanalysis.render import index

    _site(tmp_path, ["2023/world.html"])
    monkeypatch.setattr(index, "headlines", lambda edition, members: {"criminality": 1.0})
    assert '<span class="figures">criminality 1.00</span>' in index.page(tmp_path)


def test_one_index_per_language_each_in_its_language(tmp_path):
    import re

    from english_left import english_left

    from ocanalysis.render import index

    _site(
        tmp_path,
        [
            "2023/world.html",
            "2023/BEL-belgium.html",
            "2023/world.fr.html",
            "2023/region-western-europe.fr.html",
            "2023/BEL-belgium.fr.html",
            "2023/BEL-belgium.fr.pdf",
            "2023/compare-BEL-NLD.fr.html",
            "2023/BEL-belgium.my-analysis.html",  # a user notebook's report, English
        ],
    )
    path = write_index(tmp_path, "fr")
    assert path == tmp_path / "index.fr.html"
    french = path.read_text()
    english = (tmp_path / "index.html").read_text()
    assert not (tmp_path / "index.es.html").exists()  # no Spanish report, no Spanish index
    assert french.startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert re.findall(r'href="(\d{4}/[^"]+)"', french) == [
        "2023/world.fr.html",
        "2023/region-western-europe.fr.html",
        "2023/BEL-belgium.fr.html",
        "2023/BEL-belgium.fr.pdf",
        "2023/compare-BEL-NLD.fr.html",
    ]
    assert re.findall(r'href="(\d{4}/[^"]+)"', english) == [
        "2023/world.html",
        "2023/BEL-belgium.html",
        "2023/BEL-belgium.my-analysis.html",
    ]
    assert "<h2>Édition 2023 (4 rapports)</h2>" in french
    assert ">Monde</a>" in french and ">Belgique</a>" in french and "<h3>Europe</h3>" in french
    assert ">Europe de l&#x27;Ouest</a>" in french and ">Belgique, Pays-Bas</a>" in french
    assert "criminalité 4,43, résilience 7,04" in french
    assert english_left(french, "fr") == []
    # Each index links to the other language's, the current one not a link.
    assert '<a href="index.html" hreflang="en" lang="en">English</a>' in french
    assert '<span aria-current="page" lang="fr">Français</span>' in french
    assert '<a href="index.fr.html" hreflang="fr" lang="fr">Français</a>' in english
    assert index.languages(tmp_path) == ["en", "fr"]


@pytest.mark.parametrize("edition", dataset.editions())
def test_index_figures_are_the_headlines_figures_for_every_group(edition):
    # The index computes its three figures alone (for speed): they must be the findings'.
    from ocanalysis.analysis.findings import headlines as findings

    for level in ("continent", "region"):
        for name in sorted(set(dataset.wide(edition)[level])):
            members = tuple(dataset.members(level, name, edition))
            found = findings(edition, countries=list(members))
            worst = found["quadrants"]["high criminality, low resilience"]["population_share"]
            assert index.headlines(edition, members) == {
                "criminality": found["means"]["criminality"],
                "resilience": found["means"]["resilience"],
                "high criminality, low resilience": worst,
            }, (level, name)


@pytest.mark.parametrize("edition", dataset.editions())
def test_index_figures_of_every_country_are_its_published_scores(edition):
    table = dataset.wide(edition).set_index("iso3")
    for code, row in table.iterrows():
        assert index.headlines(edition, (code,)) == {
            "criminality": row["criminality"],
            "resilience": row["resilience"],
        }, code
