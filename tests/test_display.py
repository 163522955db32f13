"""Profiles, audits and headline findings in a terminal (str, repr) and in JupyterLab
(_repr_html_): one text formatter with the CLI, every cell escaped."""

from __future__ import annotations

import dataclasses
import html
import re
from html.parser import HTMLParser

import pytest

from ocanalysis import profile
from ocanalysis.analysis import audit
from ocanalysis.analysis.findings import Headlines, headlines
from ocanalysis.cli import main

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.cells: list[str] = []
        self._in_cell = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._in_cell = tag in ("td", "th")
        if self._in_cell:
            self.cells.append("")

    def handle_endtag(self, tag):
        self._in_cell = False

    def handle_data(self, data):
        if self._in_cell:
            self.cells[-1] += data


def parsed(markup: str) -> _Tags:
    parser = _Tags()
    parser.feed(markup)
    return parser


@pytest.fixture(scope="module")
def small_audit():
    return audit.run(2023, runs=30, seed=2)


def cli_out(capsys, *argv) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_a_profile_prints_as_the_cli_does_and_shows_as_tables(capsys):
    belgium = profile("Belgium", 2023)
    assert str(belgium) + "\n" == cli_out(capsys, "profile", "Belgium", "-e", "2023")
    assert repr(belgium) == "<Profile Belgium (BEL), 2023: criminality 4.43, resilience 7.04>"
    tags = parsed(belgium._repr_html_())
    assert tags.tags.count("table") == 2 and "script" not in tags.tags
    assert "129th of 193 countries" in tags.cells and "4.43" in tags.cells
    assert len([c for c in tags.cells if c.strip() == "Cocaine trade"]) == 1


def test_an_audit_prints_as_the_cli_does_and_shows_as_tables(capsys, small_audit, monkeypatch):
    monkeypatch.setattr(audit, "cached_run", lambda *a, **k: small_audit)
    assert str(small_audit) + "\n" == cli_out(capsys, "audit", "-e", "2023")
    assert "\n" not in repr(small_audit) and repr(small_audit).startswith("<AuditResult 2023")
    tags = parsed(small_audit._repr_html_())
    assert tags.tags.count("table") == 3
    alpha = small_audit.cronbach_alpha["criminal_markets"]
    assert f"{round(alpha, 3):g}" in tags.cells


def test_headlines_print_as_the_cli_does_and_show_as_tables(capsys):
    found = headlines(2023, region="Western Europe")
    assert isinstance(found, Headlines) and isinstance(found, dict)
    assert str(found) + "\n" == cli_out(
        capsys, "headlines", "-e", "2023", "--region", "Western Europe"
    )
    assert re.fullmatch(r"<Headlines Western Europe, 2023 edition: 11 countries; .*>", repr(found))
    tags = parsed(found._repr_html_())
    assert tags.tags.count("table") == 3
    quadrant = "low criminality, high resilience"
    row = tags.cells.index(quadrant)
    assert tags.cells[row + 1] == str(found["quadrants"][quadrant]["countries"])


def test_every_html_view_escapes_what_it_shows(small_audit):
    belgium = dataclasses.replace(profile("Belgium", 2023), country=HOSTILE, region=HOSTILE)
    ranks = small_audit.rank_uncertainty.copy()
    ranks["country"] = HOSTILE
    hostile_audit = dataclasses.replace(small_audit, rank_uncertainty=ranks)
    found = headlines(2023, region="Western Europe")
    found["name"] = HOSTILE
    for view in (belgium, hostile_audit, found):
        markup = view._repr_html_()
        tags = parsed(markup)
        assert "script" not in tags.tags and "img" not in tags.tags
        assert html.escape(HOSTILE) in markup
        assert HOSTILE in markup.replace("&lt;", "<").replace("&gt;", ">").replace(
            "&quot;", '"'
        ).replace("&amp;", "&")


def _pillar_of(label: str) -> str | None:
    from ocanalysis import catalogue

    found = [e for e in catalogue.ALL_MEASURES if e.label == label]
    return found[0].pillar if found and not found[0].composite else None


@pytest.mark.parametrize("edition", [2021, 2025])
def test_a_profiles_scores_are_grouped_by_pillar_under_its_composite_two_decimals(edition):
    """Every country: in the text and in the HTML, each indicator under its pillar's
    composite (the composite's line first, with its score), every score with two decimals."""
    from ocanalysis import catalogue, countries

    composites = {catalogue.get(p).label: p for p in catalogue.PILLARS}
    for country in countries.all_countries():
        found = profile(country.iso3, edition)
        text = found.to_text()
        scores = text.split("\n\n", 2)[-1].split("\n\n")[-1].splitlines()
        pillar = None
        for line in scores:
            label, score = line.strip().rsplit(None, 1)
            assert re.fullmatch(r"\d{1,2}\.\d\d", score), line
            if label in composites:
                pillar = composites[label]
            elif _pillar_of(label) is not None:
                assert _pillar_of(label) == pillar, (country.iso3, line)
        html = found._repr_html_()
        cells = re.findall(r'<td style="text-align:right">([^<]*)</td>', html)
        assert cells and all(re.fullmatch(r"\d{1,2}\.\d\d", c) for c in cells), cells
        rows = re.findall(r"<tr><td>(?:<strong>)?([^<]+?)(?:</strong>)?</td>", html)
        pillar = None
        for label in (r.replace("\u2003", "") for r in rows):
            if label in composites:
                pillar = composites[label]
            elif _pillar_of(label) is not None:
                assert _pillar_of(label) == pillar, (country.iso3, label)
