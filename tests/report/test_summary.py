"""The summary reports' sections state the headline findings, whoever the members are."""

from __future__ import annotations

import re

import pytest

from ocanalysis import countries, dataset
from ocanalysis.analysis import findings
from ocanalysis.analysis.means import group_mean
from ocanalysis.errors import ArgumentError
from ocanalysis.report import sections, summary
from ocanalysis.report.context import context as country_context


def cells(html: str) -> list[list[str]]:
    """The body rows' cells (header rows have none)."""
    rows = [
        re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html)
    ]
    return [row for row in rows if row]


@pytest.mark.parametrize(
    ("scope", "name", "edition"), [("world", None, 2025), ("continent", "Africa", 2023)]
)
def test_the_matrix_table_is_the_findings(scope, name, edition):
    ctx = summary.context(scope, name, edition)
    found = findings.headlines(edition, continent=name if scope == "continent" else None)
    rows = cells(summary.matrix(ctx).data)
    for quadrant, row in zip(found["quadrants"], rows[:4], strict=True):
        figures = found["quadrants"][quadrant]
        assert row == [
            quadrant,
            str(figures["countries"]),
            f"{figures['population_share'] * 100:.1f}%",
        ]
    assert rows[4][:2] == ["all", str(found["countries"])]


def test_rankings_short_and_long_lists():
    region = summary.rankings(summary.context("region", "Caribbean", 2023)).data
    members = [c for c in countries.all_countries() if c.region == "Caribbean"]
    assert len(cells(region)) == 2 * len(members)
    africa = summary.rankings(summary.context("continent", "Africa", 2023)).data
    assert len(cells(africa)) == 2 * 2 * summary.SHOWN  # top and bottom ten, twice
    frame = dataset.wide(2023)
    highest = frame[frame["continent"] == "Africa"].sort_values("criminality").iloc[-1]
    assert cells(africa)[0][:2] == ["1", highest["country"]]


def test_key_findings_when_no_country_is_in_the_worst_quadrant():
    html = summary.key_findings(summary.context("region", "Northern Europe", 2023)).data
    assert "None of the 8 countries of Northern Europe has both" in html


def test_change_lists_only_the_members_moves():
    ctx = summary.context("continent", "Europe", 2025)
    html = summary.change(ctx).data
    moved = findings.headlines(2025, continent="Europe")["moved_quadrant"]
    for move in moved:
        assert countries.lookup(move["iso3"]).name in html
    assert "Colombia" not in html
    first = summary.change(summary.context("world", None, 2021)).data
    assert first == ""  # the first edition: nothing to show, the section left out
    assert "#change" not in summary.contents(summary.context("world", None, 2021)).data


def test_regions_of_each_scope():
    def names(ctx):  # the regions' table is the section's last
        last = summary.regions(ctx).data.split("<table")[-1]
        return [row[1] for row in cells(last)]

    world = summary.regions(summary.context("world", None, 2023)).data
    assert world.count("<table") == 2  # the continents, then the regions
    continents = cells(world.split("<table")[1])
    frame = dataset.wide(2023)
    means = {
        c: group_mean(frame[frame["continent"] == c], "criminality") for c in countries.CONTINENTS
    }
    assert [row[1] for row in continents] == sorted(means, key=lambda c: -means[c])
    assert [row[-4] for row in continents] == [f"{means[row[1]]:.2f}" for row in continents]
    assert len(names(summary.context("world", None, 2023))) == 22
    africa = names(summary.context("continent", "Africa", 2023))
    assert sorted(africa) == sorted(r for r in countries.REGIONS if r.endswith("Africa"))
    compared = names(summary.comparison(["Belgium", "Peru"], 2023))
    assert sorted(compared) == ["South America", "Western Europe"]


def test_a_comparison_needs_two_to_six_distinct_countries():
    with pytest.raises(ArgumentError, match="2 to 6 countries, not 1"):
        summary.comparison(["Belgium", "BEL"], 2023)
    seven = ["BEL", "NLD", "FRA", "DEU", "ITA", "ESP", "PRT"]
    with pytest.raises(ArgumentError, match="not 7"):
        summary.comparison(seven, 2023)
    with pytest.raises(ArgumentError, match="needs the region's name"):
        summary.context("region", None, 2023)


def test_side_by_side_holds_every_score():
    ctx = summary.comparison(["PER", "Belgium", "Kenya"], 2025)
    rows = cells(summary.side_by_side(ctx).data)
    frame = dataset.wide(2025).set_index("iso3")
    assert len(rows) == 4 + 32
    assert rows[0] == [
        "Criminality",
        *(f"{frame.at[c, 'criminality']:.2f}" for c in ("PER", "BEL", "KEN")),
    ]


def test_country_trend_is_like_for_like_across_every_edition():
    from ocanalysis.analysis.change import trend

    table, shared = trend("Greece", up_to=2025)
    html = sections.trend(country_context("Greece", 2025)).data
    for row in table.itertuples():
        assert f"<td>{row.edition}</td>" in html
        assert f"{row.criminality:.2f} ({row.like_for_like_criminality:.2f})" in html
    assert "rose by 0.43" in html  # 4.93 -> 5.36 like for like
    assert len(shared) == 26
    first = sections.trend(country_context("Greece", 2021)).data
    assert first == ""  # the country's first edition: nothing to show, the section left out


def test_see_also_escapes_its_links():
    html = sections.see_also({"region": 'x" onclick="alert(1)'}).data
    assert 'href="x&quot; onclick=&quot;alert(1)"' in html


# --- the summary reports in other languages ------------------------------------------------

SECTION_CALLS = (
    "key_findings",
    "rankings",
    "regions",
    "distributions",
    "matrix",
    "pervasive",
    "change",
    "heatmap",
    "rank_intervals",
    "source_and_citation",
)


def _report(ctx) -> str:
    """A summary report's sections, as the notebook calls them (the map, a PNG, left out)."""
    from ocanalysis.report import text

    parts = [summary.header(ctx), summary.contents(ctx), text.reading_guide()]
    if ctx.scope == "countries":
        parts.append(summary.side_by_side(ctx))
    parts += [getattr(summary, name)(ctx) for name in SECTION_CALLS]
    return "".join(p.data for p in parts)


@pytest.fixture(scope="module")
def french_region():
    from ocanalysis import i18n

    with i18n.use("fr"):
        ctx = summary.context("region", "North Africa", 2023, lang="fr")
        yield ctx, _report(ctx)


def test_context_sets_the_language_and_english_is_the_default():
    from ocanalysis import i18n

    with i18n.use("en"):
        summary.context("world", None, 2023, lang="pt")
        assert i18n.language() == "pt"
        summary.comparison(["BEL", "NLD"], 2023)
        assert i18n.language() == "en"


def test_french_summary_headings_and_sentences(french_region):
    from ocanalysis import i18n
    from ocanalysis.report import outline

    ctx, html = french_region
    headings = re.findall(r"<h2 id=\"([a-z-]+)\">(.*?)</h2>", html)
    assert [h for h, _t in headings][:3] == ["contents", "reading-guide", "key-findings"]
    expected = {
        "key-findings": "Principaux constats",
        "rankings": "Classements",
        "matrix": "Matrice de vulnérabilité",
        "change": "Évolution depuis l&#x27;édition précédente",
        "robustness": "Solidité des rangs",
    }
    assert {h: t for h, t in headings if h in expected} == expected
    assert len(headings) == 1 + len(outline.SUMMARY_REPORT) - 1  # the contents; no map here
    assert '<h1 class="title">Afrique du Nord</h1>' in html
    assert "Rapport régional" in html
    # One country in the worst quadrant: the singular, and the group with its preposition.
    worst = ctx.found["quadrants"]["high criminality, low resilience"]
    with i18n.use("fr"):
        share = i18n.percent(worst["population_share"], 1)
    assert worst["countries"] == 1
    assert (
        f"Parmi les 6 pays de l&#x27;Afrique du Nord, 1 a une criminalité élevée et une résilience "
        f"faible\u00a0; il abrite {share} de leur population." in html
    )
    assert share.endswith("\u202f%") or share.endswith("\u00a0%")  # French percent: 12,3 %
    assert '<th class="num">Rang</th><th>Pays</th>' in html and ">Sur 193</th>" in html
    assert "<td>Égypte</td>" in html  # countries by their French names


def test_no_english_left_in_a_french_summary(french_region):
    from english_left import english_left

    _ctx, html = french_region
    assert english_left(html, "fr") == []


def test_the_english_checker_sees_english():
    from english_left import english_left

    english = _report(summary.context("region", "North Africa", 2023))
    left = english_left(english, "fr")
    assert "Key findings" in left and "has high criminality and low resilience, home to" in left


@pytest.mark.parametrize(
    ("lang", "who", "moved"),
    [
        ("en", "the 5 countries of Melanesia", "1 country changed quadrant"),
        ("fr", "les 5 pays de la Mélanésie", "1 pays a changé de quadrant"),
        ("es", "los 5 países de Melanesia", "1 país cambió de cuadrante"),
        ("pt", "os 5 países da Melanésia", "1 país mudou de quadrante"),
    ],
)
def test_counts_and_groups_read_right_in_each_language(lang, who, moved):
    from ocanalysis import i18n

    with i18n.use(lang):
        ctx = summary.context("region", "Melanesia", 2023, lang=lang)
        assert ctx.who == who
        assert moved in summary.key_findings(ctx).data


def test_comparison_in_spanish_names_the_countries_in_spanish():
    from english_left import english_left

    from ocanalysis import i18n

    with i18n.use("es"):
        ctx = summary.comparison(["Belgium", "Peru"], 2023, lang="es")
        html = _report(ctx)
    assert '<h1 class="title">Bélgica, Perú</h1>' in html
    assert '<th class="num">Bélgica</th><th class="num">Perú</th>' in html
    assert "Lado a lado" in html
    assert english_left(html, "es") == []
