import math

import pytest

from ocanalysis import catalogue, dataset
from ocanalysis.analysis import similar
from ocanalysis.errors import ArgumentError, UnknownCountryError


@pytest.fixture
def five(wide_factory):
    return wide_factory(
        [
            {"iso3": "BEL"},  # every indicator 5.0
            {"iso3": "NLD", "heroin_trade": 7.0},  # 2 points on 1 of 15 markets
            {"iso3": "FRA", "law_enforcement": 6.0},  # 1 point on 1 of 12 resilience indicators
            {"iso3": "JPN", "foreign_actors": 6.0},  # 1 point on 1 of 5 actor types
            {"iso3": "DEU", **{i.id: 6.0 for i in catalogue.indicators(2023, "criminal_markets")}},
        ]
    )


def test_nearest_hand_computed(five):
    table = similar.nearest("BEL", k=4, data=five)
    expected = {
        "FRA": math.sqrt((1 / 12) / 3),
        "JPN": math.sqrt((1 / 5) / 3),
        "NLD": math.sqrt((4 / 15) / 3),
        "DEU": math.sqrt(1 / 3),
    }
    assert table["iso3"].tolist() == ["FRA", "JPN", "NLD", "DEU"]
    assert table["distance"].tolist() == pytest.approx(list(expected.values()))
    assert table.loc[0, "distance_resilience"] == pytest.approx(math.sqrt(1 / 12))
    assert table.loc[3, "distance_criminal_markets"] == pytest.approx(1.0)
    assert list(table.columns) == list(similar.NEAREST_COLUMNS)


def test_pillars_weigh_equally_whatever_their_size(wide_factory):
    frame = wide_factory(
        [
            {"iso3": "BEL"},
            {"iso3": "NLD", **{i.id: 6.0 for i in catalogue.indicators(2023, "criminal_markets")}},
            {"iso3": "FRA", **{i.id: 6.0 for i in catalogue.indicators(2023, "criminal_actors")}},
        ]
    )
    table = similar.nearest("BEL", k=2, data=frame)
    assert table["distance"].tolist() == pytest.approx([math.sqrt(1 / 3)] * 2)
    assert table["iso3"].tolist() == ["FRA", "NLD"]  # a tie: ISO3 order


def test_nearest_real_belgium_against_plain_python():
    edition = 2023
    rows = dataset.wide(edition).to_dict("records")
    belgium = next(r for r in rows if r["iso3"] == "BEL")
    pillars = {p: [i.id for i in catalogue.indicators(edition, p)] for p in catalogue.PILLARS}

    def distance(other):
        per_pillar = [
            sum((other[i] - belgium[i]) ** 2 for i in ids) / len(ids) for ids in pillars.values()
        ]
        return math.sqrt(sum(per_pillar) / 3)

    expected = sorted((distance(r), r["iso3"]) for r in rows if r["iso3"] != "BEL")[:7]
    table = similar.nearest("Belgium", edition, k=7)
    assert table["iso3"].tolist() == [iso3 for _, iso3 in expected]
    assert table["distance"].tolist() == pytest.approx([d for d, _ in expected])


@pytest.mark.parametrize("k", [0, -2, 2.5, True, 193])
def test_nearest_invalid_k(k):
    with pytest.raises(ArgumentError, match="k must be"):
        similar.nearest("BEL", 2023, k=k)


def test_nearest_all_others_and_unknown_country():
    assert len(similar.nearest("BEL", 2023, k=192)) == 192
    with pytest.raises(UnknownCountryError):
        similar.nearest("Atlantis")
