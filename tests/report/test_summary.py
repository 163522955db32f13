"""The summary reports' sections state the headline findings, whoever the members are."""

from __future__ import annotations

import re

import pytest

from ocanalysis import countries, dataset
from ocanalysis.analysis import findings
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
    assert "first edition" in first


def test_regions_of_each_scope():
    def names(ctx):
        return [row[0] for row in cells(summary.regions(ctx).data)]

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
    assert "first edition" in first


def test_see_also_escapes_its_links():
    html = sections.see_also({"region": 'x" onclick="alert(1)'}).data
    assert 'href="x&quot; onclick=&quot;alert(1)"' in html
