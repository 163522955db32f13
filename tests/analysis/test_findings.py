"""Headline findings: the publisher's matrix counts and population shares, and the rest computed
independently from the tidy data."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal

import pytest

from ocanalysis import countries, dataset, population
from ocanalysis.analysis import findings, quadrant
from ocanalysis.errors import ArgumentError, UnknownCountryError

from .conftest import publisher_mean

KEYS = {
    "edition",
    "scope",
    "cutoffs",
    "countries",
    "population",
    "means",
    "change",
    "quadrants",
    "population_share",
    "most_pervasive",
    "moved_quadrant",
}


def half_up(value) -> float:
    return float(Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def plain_mean(values) -> float:
    values = [Decimal(str(v)) for v in values]
    return half_up(sum(values) / len(values))


@pytest.mark.parametrize(
    "published", findings.PUBLISHED_SHARES, ids=lambda p: f"{p['edition']}-{p['share']}"
)
def test_population_shares_are_the_publishers(published):
    share = findings.headlines(published["edition"])["population_share"][published["share"]]
    assert round(share * 100, published["digits"]) == published["percent"], share


@pytest.mark.parametrize(
    "published", quadrant.PUBLISHED_COUNTS, ids=lambda p: f"{p['edition']}-{p['quadrant']}"
)
def test_matrix_counts_are_the_publishers(published):
    found = findings.headlines(published["edition"])
    assert found["quadrants"][published["quadrant"]]["countries"] == published["countries"]


@pytest.mark.parametrize(
    "published", findings.PUBLISHED_MOST_PERVASIVE, ids=lambda p: f"{p['edition']}-{p['pillar']}"
)
def test_most_pervasive_is_the_publishers(published):
    top = findings.headlines(published["edition"])["most_pervasive"][published["pillar"]]
    assert top[0][0] == published["id"]


def test_the_json_has_every_key_of_the_issue():
    found = findings.headlines(2023)
    assert KEYS <= set(found)
    assert found["cutoffs"] == {"criminality": 5.5, "resilience": 5.5}
    assert list(found["quadrants"]) == list(quadrant.QUADRANTS)
    assert set(found["population_share"]) == {"high criminality", "low resilience"}
    assert [len(found["most_pervasive"][p]) for p in ("criminal_markets", "criminal_actors")] == [
        3,
        3,
    ]
    json.dumps(found)  # JSON-ready: no numpy scalars


@pytest.mark.parametrize("edition", [2021, 2023, 2025])
def test_world_figures_against_plain_python(edition):
    rows = dataset.wide(edition).to_dict("records")
    people = population.table()
    year = {2021: 2018, 2023: 2020, 2025: 2022}[edition]
    weight = {r["iso3"]: r["population"] for _, r in people[people.year == year].iterrows()}
    total = sum(weight.values())
    found = findings.headlines(edition)
    assert found["population"] == total and found["countries"] == 193
    for measure, mean in found["means"].items():
        assert mean == publisher_mean(rows, measure, edition), measure
    high = [r["iso3"] for r in rows if r["criminality"] >= 5.5]
    low = [r["iso3"] for r in rows if r["resilience"] < 5.5]
    assert found["population_share"]["high criminality"] == round(
        sum(weight[c] for c in high) / total, 4
    )
    assert found["population_share"]["low resilience"] == round(
        sum(weight[c] for c in low) / total, 4
    )
    both = [c for c in high if c in low]
    hclr = found["quadrants"]["high criminality, low resilience"]
    assert (hclr["countries"], hclr["population_share"]) == (
        len(both),
        round(sum(weight[c] for c in both) / total, 4),
    )
    assert sum(q["countries"] for q in found["quadrants"].values()) == 193


def test_most_pervasive_against_plain_python():
    rows = dataset.wide(2025).to_dict("records")
    markets = ["financial_crimes", "human_trafficking", "human_smuggling", "cocaine_trade"]
    means = {m: plain_mean(r[m] for r in rows) for m in markets}
    top = findings.headlines(2025)["most_pervasive"]["criminal_markets"]
    assert top[0] == ["financial_crimes", means["financial_crimes"]]
    assert [m for m, _ in top] == sorted(means, key=lambda m: -means[m])[:3]


def test_change_is_like_for_like_against_the_previous_edition():
    before = {r["iso3"]: r for r in dataset.wide(2021).to_dict("records")}
    after = {r["iso3"]: r for r in dataset.wide(2023).to_dict("records")}
    found = findings.headlines(2023, region="Western Europe")
    assert found["change_from"] == 2021
    # Resilience scores the same 12 indicators in both editions: like for like is published.
    members = found["members"]
    expected = half_up(
        Decimal(str(plain_mean(after[c]["resilience"] for c in members)))
        - Decimal(str(plain_mean(before[c]["resilience"] for c in members)))
    )
    assert found["change"]["resilience"] == expected
    assert findings.headlines(2021)["change"] is None
    assert findings.headlines(2021)["moved_quadrant"] is None


def test_a_region_and_a_continent():
    region = findings.headlines(2025, region="western europe")
    assert (region["scope"], region["name"], region["countries"]) == (
        "region",
        "Western Europe",
        11,
    )
    assert region["members"] == sorted(
        (c.iso3 for c in countries.all_countries() if c.region == "Western Europe"),
        key=lambda iso3: countries.fold(countries.lookup(iso3).name),
    )
    shares = sum(q["population_share"] for q in region["quadrants"].values())
    assert shares == pytest.approx(1, abs=2e-4)
    world_moves = {m["iso3"] for m in findings.headlines(2025)["moved_quadrant"]}
    africa = findings.headlines(2025, continent="Africa")
    assert {m["iso3"] for m in africa["moved_quadrant"]} == {
        c for c in world_moves if countries.lookup(c).continent == "Africa"
    }


def test_countries_in_the_order_given_and_bad_scopes():
    found = findings.headlines(2023, countries=["NLD", "Belgium"])
    assert found["members"] == ["NLD", "BEL"] and found["scope"] == "countries"
    with pytest.raises(UnknownCountryError):
        findings.headlines(2023, countries=["Atlantis"])
    with pytest.raises(ArgumentError, match="did you mean 'Western Europe'"):
        findings.headlines(2023, region="Westrn Europe")
    with pytest.raises(ArgumentError, match="not several"):
        findings.headlines(2023, region="Caribbean", continent="Americas")


def test_median_cutoffs_are_stated():
    found = findings.headlines(2023, method="median")
    assert found["cutoffs"] == quadrant.classify(2023, method="median").thresholds.as_dict()
    assert found["cutoffs_from"] == "median"


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "ocanalysis", "headlines", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_cli_json_and_text():
    done = run_cli("--edition", "2025", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == findings.headlines(2025)
    text = run_cli("-e", "2021", "--region", "Caribbean")
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith("Caribbean, 2021 edition: 13 countries")
    assert "Changed quadrant" not in text.stdout  # no previous edition


def test_cli_bad_scope_is_one_line():
    done = run_cli("--continent", "Atlantis")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "unknown continent 'Atlantis'" in done.stderr
    both = run_cli("--continent", "Africa", "--region", "Caribbean")
    assert both.returncode == 2 and "not allowed with" in both.stderr
