"""Every chart text of the site fits its picture and no two overlap, in every language.

The charts are built by the report sections the notebooks call (a country's indicators, change,
matrix, robustness and map; a summary's distributions, matrix, heatmap and map), for every
country, region, continent and the world of the latest edition, and for comparisons of the
longest names the data has, in en, fr, es and pt; each SVG text is measured with the font's
metrics (``tests/text_fit.py``) and each matplotlib figure's with matplotlib's own extents.
Rendering the 221 reports in four languages would take the better part of an hour; the charts
are what the reports embed, byte for byte.
"""

from __future__ import annotations

import base64
import itertools
import random
import re
import sys
from pathlib import Path

import pytest

from ocanalysis import countries, dataset, i18n
from ocanalysis.report import context as report_context
from ocanalysis.report import sections, summary

sys.path.insert(0, str(Path(__file__).parents[1]))
from text_fit import figure_problems, svg_problems  # noqa: E402

LANGUAGES = ("en", "fr", "es", "pt")
_SVG = re.compile(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)")
COUNTRY_CHARTS = ("indicators", "change", "quadrant", "robustness", "world_map")
SUMMARY_CHARTS = ("distributions", "matrix", "heatmap", "world_map")


@pytest.fixture
def figures_drawn(monkeypatch):
    """The matplotlib figures the summary sections hand to ``figure_html`` (maps as PNG)."""
    drawn = []
    original = summary.figure_html

    def keep(fig, *args, **kwargs):
        drawn.append(fig)
        return original(fig, *args, **kwargs)

    monkeypatch.setattr(summary, "figure_html", keep)
    return drawn


def _problems(html: str, drawn: list, what: str) -> list[str]:
    svgs = [base64.b64decode(m).decode("utf-8") for m in _SVG.findall(html)]
    found = [svg_problems(svg, what) for svg in svgs]
    found += [figure_problems(fig, what + " (matplotlib)") for fig in drawn]
    drawn.clear()
    return [p for problems in found for p in problems]


def _longest_names(lang: str, count: int) -> list[str]:
    i18n.set_language(lang)
    try:
        codes = sorted(
            (c.iso3 for c in countries.all_countries()), key=lambda c: -len(i18n.country(c))
        )
    finally:
        i18n.set_language("en")
    return codes[:count]


def member_sets(lang: str) -> list[list[str]]:
    """The six longest names in ``lang``, the first two to five of them, and 12 sets of two to
    six drawn (seeded) from the 20 longest."""
    longest = _longest_names(lang, 20)
    chosen = [longest[:n] for n in range(2, 7)]
    rng = random.Random(f"text-fit-{lang}")
    chosen += [rng.sample(longest, rng.randint(2, 6)) for _ in range(12)]
    return chosen


@pytest.mark.parametrize("lang", LANGUAGES)
def test_comparisons_of_long_names_fit(lang, figures_drawn):
    edition = dataset.editions()[-1]
    problems = []
    for members in member_sets(lang):
        ctx = summary.comparison(members, edition, lang=lang)
        for key in SUMMARY_CHARTS:
            html = getattr(summary, key)(ctx).data
            problems += _problems(html, figures_drawn, f"{lang} {','.join(members)} {key}")
    assert problems == [], "\n".join(problems)


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_summary_chart_fits(lang, figures_drawn):
    edition = dataset.editions()[-1]
    scopes = [("world", None)]
    scopes += [("continent", c) for c in countries.CONTINENTS]
    scopes += [("region", r) for r in countries.REGIONS]
    problems = []
    for scope, name in scopes:
        ctx = summary.context(scope, name, edition, lang=lang)
        for key in SUMMARY_CHARTS:
            html = getattr(summary, key)(ctx).data
            problems += _problems(html, figures_drawn, f"{lang} {name or scope} {key}")
    assert problems == [], "\n".join(problems)


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_country_chart_fits(lang):
    edition = dataset.editions()[-1]
    problems = []
    for iso3 in (c.iso3 for c in countries.all_countries()):
        ctx = report_context(iso3, edition, lang=lang)
        for key in COUNTRY_CHARTS:
            html = getattr(sections, key)(ctx).data
            problems += _problems(html, [], f"{lang} {iso3} {key}")
    assert problems == [], "\n".join(problems)


def test_the_measure_finds_a_text_cut_at_the_edge():
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="100pt" height="40pt">'
        '<text x="6" y="20" font-size="10">A text far too long for a picture this narrow</text>'
        '<text x="6" y="22" font-size="10">Overlapping</text></svg>'
    )
    problems = svg_problems(svg, "probe")
    assert len(problems) == 2 and "runs out" in problems[0] and "overlaps" in problems[1]


def test_member_sets_are_of_two_to_six():
    sets = member_sets("fr")
    assert all(2 <= len(s) <= 6 for s in sets) and len({tuple(s) for s in sets}) > 10
    assert len(list(itertools.chain(*sets))) > 40
