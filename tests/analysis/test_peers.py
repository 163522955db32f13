import math
import statistics

import pytest

from ocanalysis import catalogue, dataset
from ocanalysis.analysis import peers
from ocanalysis.errors import (
    ArgumentError,
    UnknownCountryError,
    UnknownEditionError,
    UnknownIndicatorError,
)

from .conftest import publisher_mean

FOUR = [
    # A and B share a region; C is alone in its region but on A's continent; D is elsewhere.
    {
        "iso3": "BEL",
        "region": "R1",
        "continent": "C1",
        "cocaine_trade": 2.0,
        "law_enforcement": 3.0,
    },
    {
        "iso3": "NLD",
        "region": "R1",
        "continent": "C1",
        "cocaine_trade": 4.0,
        "law_enforcement": 7.0,
    },
    {"iso3": "FRA", "region": "R2", "continent": "C1", "cocaine_trade": 6.0},
    {"iso3": "JPN", "region": "R3", "continent": "C2", "cocaine_trade": 8.0},
]


@pytest.fixture
def four(wide_factory):
    return wide_factory(FOUR)


def test_compare_hand_computed(four):
    row = peers.compare("BEL", data=four).set_index("indicator").loc["cocaine_trade"]
    assert row["score"] == 2.0
    assert row["region_mean"] == 3.0 and row["region_median"] == 3.0
    assert row["continent_mean"] == 4.0 and row["continent_median"] == 4.0
    assert row["world_mean"] == 5.0 and row["world_median"] == 5.0
    # lowest of 2: (0 below + 1/2 tie) / 2; lowest of 3; lowest of 4.
    assert row["region_percentile"] == 25.0
    assert row["continent_percentile"] == pytest.approx(100 / 6)
    assert row["world_percentile"] == 12.5
    assert row["gap_region"] == -1.0 and row["gap_continent"] == -2.0 and row["gap_world"] == -3.0
    assert row["pillar"] == "criminal_markets" and row["label"] == "Cocaine trade"


def test_compare_rows_and_columns(four):
    table = peers.compare("FRA", data=four)
    assert list(table.columns) == list(peers.COMPARE_COLUMNS)
    expected = list(catalogue.COMPOSITE_IDS) + [i.id for i in catalogue.indicators(2023)]
    assert table["indicator"].tolist() == expected
    assert table["composite"].sum() == 4
    # Alone in its region: the region's statistics are its own score.
    assert (table["region_mean"] == table["score"]).all()
    assert (table["region_percentile"] == 50.0).all()


def test_compare_2021_has_only_its_indicators(wide_factory):
    frame = wide_factory(FOUR, edition=2021)
    table = peers.compare("BEL", 2021, data=frame)
    assert len(table) == 4 + 26
    assert "financial_crimes" not in set(table["indicator"])


def _independent_stats(values, score):
    below = sum(v < score for v in values)
    equal = sum(v == score for v in values)
    return (
        statistics.fmean(values),
        statistics.median(values),
        100 * (below + equal / 2) / len(values),
    )


def test_compare_real_belgium_2023_against_statistics_module():
    frame = dataset.wide(2023)
    records = frame.to_dict("records")
    belgium = next(r for r in records if r["iso3"] == "BEL")
    table = peers.compare("Belgium", 2023).set_index("indicator")
    assert len(table) == 36
    for measure in table.index:
        score = belgium[measure]
        for level, members in (
            ("region", [r for r in records if r["region"] == belgium["region"]]),
            ("continent", [r for r in records if r["continent"] == belgium["continent"]]),
            ("world", records),
        ):
            _, median, percentile = _independent_stats([r[measure] for r in members], score)
            mean = publisher_mean(members, measure, 2023)
            assert table.loc[measure, f"{level}_mean"] == mean
            assert table.loc[measure, f"{level}_median"] == pytest.approx(median)
            assert table.loc[measure, f"{level}_percentile"] == pytest.approx(percentile)
            assert table.loc[measure, f"gap_{level}"] == pytest.approx(score - mean)


def test_strengths_respect_direction(four):
    strong, weak = peers.strengths_weaknesses("BEL", data=four)
    # Lower cocaine trade than the region is good; lower law enforcement is bad.
    assert strong["indicator"].tolist() == ["cocaine_trade"]
    assert strong.loc[0, "better"] == "lower" and strong.loc[0, "advantage"] == 1.0
    assert weak["indicator"].tolist() == ["law_enforcement"]
    assert weak.loc[0, "better"] == "higher" and weak.loc[0, "advantage"] == -2.0
    strong, weak = peers.strengths_weaknesses("NLD", data=four)
    assert strong["indicator"].tolist() == ["law_enforcement"]
    assert weak["indicator"].tolist() == ["cocaine_trade"]


def test_strengths_order_and_n_on_real_data():
    strong, weak = peers.strengths_weaknesses("BEL", 2023, n=4)
    assert len(strong) == 4 and len(weak) == 4
    assert strong["advantage"].is_monotonic_decreasing
    assert weak["advantage"].is_monotonic_increasing
    # Independently: advantage = gap in the good direction.
    for _, row in strong.iterrows():
        sign = 1 if catalogue.get(row["indicator"]).pillar == "resilience" else -1
        assert row["advantage"] == pytest.approx(sign * (row["score"] - row["region_mean"]))
    full = peers.compare("BEL", 2023)
    indicators = full.loc[~full["composite"]]
    best = max(
        r.gap_region if r.pillar == "resilience" else -r.gap_region for r in indicators.itertuples()
    )
    assert strong.loc[0, "advantage"] == pytest.approx(best)


@pytest.mark.parametrize("n", [0, -1, 2.5, True, "3"])
def test_strengths_invalid_n(four, n):
    with pytest.raises(ArgumentError, match="n must be"):
        peers.strengths_weaknesses("BEL", n=n, data=four)


def test_normalized_hand_computed(four):
    world = peers.normalized("cocaine_trade", method="zscore", data=four).set_index("iso3")
    sd = math.sqrt((9 + 1 + 1 + 9) / 4)
    assert world["value"].tolist() == pytest.approx([-3 / sd, -1 / sd, 1 / sd, 3 / sd])
    minmax = peers.normalized("cocaine_trade", method="minmax", data=four)
    assert minmax["value"].tolist() == pytest.approx([0, 1 / 3, 2 / 3, 1])
    percentile = peers.normalized("cocaine_trade", method="percentile", data=four)
    assert percentile["value"].tolist() == pytest.approx([12.5, 37.5, 62.5, 87.5])
    region = peers.normalized("cocaine_trade", method="zscore", within="region", data=four)
    assert region["value"].tolist() == pytest.approx([-1, 1, 0, 0])  # alone: no spread -> 0
    region = peers.normalized("cocaine_trade", method="minmax", within="region", data=four)
    assert region["value"].tolist() == pytest.approx([0, 1, 0.5, 0.5])
    continent = peers.normalized(
        "cocaine_trade", method="percentile", within="continent", data=four
    )
    assert continent["value"].tolist() == pytest.approx([100 / 6, 50, 500 / 6, 50])
    assert list(continent.columns) == ["iso3", "country", "continent", "region", "score", "value"]


def test_normalized_ties_share_percentile(wide_factory):
    frame = wide_factory(
        [{"iso3": c, "heroin_trade": v} for c, v in (("BEL", 3.0), ("NLD", 3.0), ("FRA", 5.0))]
    )
    values = peers.normalized("heroin_trade", method="percentile", data=frame)["value"].tolist()
    assert values == pytest.approx([100 / 3, 100 / 3, 500 / 6])


def test_normalized_real_region_zscore_against_statistics_module():
    frame = dataset.wide(2023)
    table = peers.normalized("resilience", 2023, method="zscore", within="region")
    western = frame.loc[frame["region"] == "Western Europe", ["iso3", "resilience"]]
    values = western["resilience"].tolist()
    mean, sd = statistics.fmean(values), statistics.pstdev(values)
    got = table.set_index("iso3").loc[western["iso3"], "value"].tolist()
    assert got == pytest.approx([(v - mean) / sd for v in values])
    assert len(table) == 193


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"method": "rank"}, ArgumentError, "unknown method 'rank'; choose one of zscore"),
        ({"within": "planet"}, ArgumentError, "unknown within 'planet'; choose one of world"),
        ({"measure": "cocaine"}, UnknownIndicatorError, "did you mean"),
        ({"measure": "financial_crimes", "edition": 2021}, ArgumentError, "not scored in edition"),
        ({"edition": 1999}, UnknownEditionError, "unknown edition"),
    ],
)
def test_normalized_invalid_arguments(kwargs, error, words):
    arguments = {"measure": "criminality", **kwargs}
    with pytest.raises(error, match=words):
        peers.normalized(**arguments)


def test_unknown_or_absent_country(four):
    with pytest.raises(UnknownCountryError, match="unknown country"):
        peers.compare("Atlantis", data=four)
    with pytest.raises(UnknownCountryError, match="no scores in edition 2023"):
        peers.compare("Germany", data=four)
    with pytest.raises(UnknownEditionError):
        peers.compare("BEL", 2021, data=four)


@pytest.mark.parametrize(("iso3", "edition"), [("BEL", 2023), ("WSM", 2021), ("BRA", 2025)])
def test_compare_matches_a_measure_by_measure_computation(iso3, edition):
    # compare works on every measure at once; recompute each measure on its own, in plain Python.
    frame = dataset.wide(edition)
    rows = frame.to_dict("records")
    mine = next(r for r in rows if r["iso3"] == iso3)
    table = peers.compare(iso3, edition).set_index("indicator")
    for measure in table.index:
        score = mine[measure]
        for level in ("world", "continent", "region"):
            members = [r for r in rows if level == "world" or r[level] == mine[level]]
            group = [r[measure] for r in members if not math.isnan(r[measure])]
            mean = publisher_mean(
                [r for r in members if not math.isnan(r[measure])], measure, edition
            )
            below = sum(v < score for v in group)
            equal = sum(v == score for v in group)
            assert table.loc[measure, f"{level}_mean"] == mean
            assert table.loc[measure, f"{level}_median"] == pytest.approx(statistics.median(group))
            assert table.loc[measure, f"{level}_percentile"] == pytest.approx(
                100 * (below + equal / 2) / len(group)
            )
            assert table.loc[measure, f"gap_{level}"] == pytest.approx(score - mean)
