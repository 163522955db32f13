import math
import statistics

import pytest

from ocanalysis import dataset
from ocanalysis.analysis import quadrant
from ocanalysis.errors import ArgumentError


@pytest.fixture
def four(wide_factory):
    frame = wide_factory([{"iso3": c} for c in ("BEL", "NLD", "FRA", "JPN")])
    # classify reads only the composites: set them by hand.
    frame["criminality"] = [3.0, 4.0, 6.0, 7.0]  # median 5.0
    frame["resilience"] = [2.0, 8.0, 3.0, 9.0]  # median 5.5
    return frame


def test_classify_default_medians_hand_computed(four):
    result = quadrant.classify(data=four)
    assert result.thresholds == quadrant.Thresholds(5.0, 5.5, "world median", "world median")
    table = result.table
    assert table["quadrant"].tolist() == [
        "low criminality, low resilience",
        "low criminality, high resilience",
        "high criminality, low resilience",
        "high criminality, high resilience",
    ]
    assert (table["criminality_threshold"] == 5.0).all()
    assert (table["resilience_threshold"] == 5.5).all()
    assert list(table.columns) == list(quadrant.CLASSIFY_COLUMNS)
    assert set(table["quadrant"]) == set(quadrant.QUADRANTS)


def test_classify_given_thresholds_and_ties_count_as_low(four):
    result = quadrant.classify(
        criminality_threshold=4.0, resilience_threshold=quadrant.SCALE_MIDPOINT, data=four
    )
    table = result.table
    # NLD's criminality 4.0 equals the threshold: low.
    assert table.loc[1, "quadrant"] == "low criminality, high resilience"
    assert table.loc[2, "quadrant"] == "high criminality, low resilience"
    assert result.thresholds.criminality == 4.0
    assert result.thresholds.criminality_source == "given"
    assert result.thresholds.resilience_source == "given"


def test_classify_real_2023_against_plain_python():
    rows = dataset.wide(2023).to_dict("records")
    c_median = statistics.median(r["criminality"] for r in rows)
    r_median = statistics.median(r["resilience"] for r in rows)
    result = quadrant.classify(2023)
    table = result.table
    assert result.thresholds.criminality == c_median
    assert result.thresholds.resilience == r_median
    assert sum(result.counts().values()) == 193
    got = dict(zip(table["iso3"], table["quadrant"], strict=True))
    for row in rows:
        crime = "high" if row["criminality"] > c_median else "low"
        resilience = "high" if row["resilience"] > r_median else "low"
        assert got[row["iso3"]] == f"{crime} criminality, {resilience} resilience"
    assert len(table) == 193


@pytest.mark.parametrize("bad", ["5", math.nan, math.inf, 0, 10.5, True])
def test_classify_invalid_thresholds(four, bad):
    with pytest.raises(ArgumentError, match="criminality_threshold"):
        quadrant.classify(criminality_threshold=bad, data=four)
    with pytest.raises(ArgumentError, match="resilience_threshold"):
        quadrant.classify(resilience_threshold=bad, data=four)
