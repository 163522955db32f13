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
    frame["criminality"] = [3.0, 5.5, 6.0, 7.0]  # median 5.75
    frame["resilience"] = [2.0, 8.0, 3.0, 9.0]  # median 5.5
    return frame


def test_classify_default_is_the_publishers_matrix(four):
    result = quadrant.classify(data=four)
    assert result.thresholds == quadrant.Thresholds(5.5, 5.5, "publisher", "publisher")
    assert result.table["quadrant"].tolist() == [
        "low criminality, low resilience",
        "high criminality, high resilience",  # NLD's 5.5 is "5.5 or more": high
        "high criminality, low resilience",
        "high criminality, high resilience",
    ]
    assert (result.table["criminality_threshold"] == 5.5).all()
    assert list(result.table.columns) == list(quadrant.CLASSIFY_COLUMNS)
    assert "the publisher's cut-offs" in result.thresholds.describe()
    assert result.thresholds.as_dict() == {"criminality": 5.5, "resilience": 5.5}


def test_classify_median_option_hand_computed(four):
    result = quadrant.classify(method="median", data=four)
    assert result.thresholds == quadrant.Thresholds(5.75, 5.5, "world median", "world median")
    assert result.table["quadrant"].tolist() == [
        "low criminality, low resilience",
        "low criminality, high resilience",  # 5.5 < 5.75
        "high criminality, low resilience",
        "high criminality, high resilience",
    ]
    assert "world medians" in result.thresholds.describe()


def test_classify_given_threshold_overrides_one_axis(four):
    result = quadrant.classify(criminality_threshold=6.5, data=four)
    assert result.table.loc[2, "quadrant"] == "low criminality, low resilience"
    assert result.table.loc[3, "quadrant"] == "high criminality, high resilience"
    assert (result.thresholds.criminality_source, result.thresholds.resilience_source) == (
        "given",
        "publisher",
    )
    assert "as chosen" in result.thresholds.describe()


@pytest.mark.parametrize("edition", [2021, 2023, 2025])
@pytest.mark.parametrize("method", ["publisher", "median"])
def test_classify_real_editions_against_plain_python(edition, method):
    rows = dataset.wide(edition).to_dict("records")
    if method == "median":
        cuts = {a: statistics.median(r[a] for r in rows) for a in ("criminality", "resilience")}
    else:
        cuts = {"criminality": 5.5, "resilience": 5.5}
    result = quadrant.classify(edition, method=method)
    got = dict(zip(result.table["iso3"], result.table["quadrant"], strict=True))
    assert len(got) == len(rows) == 193
    for row in rows:
        crime = "high" if row["criminality"] >= cuts["criminality"] else "low"
        resilience = "high" if row["resilience"] >= cuts["resilience"] else "low"
        assert got[row["iso3"]] == f"{crime} criminality, {resilience} resilience"
    assert sum(result.counts().values()) == 193


@pytest.mark.parametrize(
    "published", quadrant.PUBLISHED_COUNTS, ids=lambda p: f"{p['edition']}-{p['quadrant']}"
)
def test_counts_are_the_publishers(published):
    assert published["source"].count("https://") == 1
    counts = quadrant.classify(published["edition"]).counts()
    assert counts[published["quadrant"]] == published["countries"]


def test_every_edition_has_a_published_count():
    assert {p["edition"] for p in quadrant.PUBLISHED_COUNTS} == set(dataset.editions())


def test_moves_against_plain_python():
    before = {r["iso3"]: r for r in dataset.wide(2021).to_dict("records")}
    after = {r["iso3"]: r for r in dataset.wide(2023).to_dict("records")}
    expected = {}
    for iso3, row in after.items():
        crossed = [
            axis
            for axis in ("criminality", "resilience")
            if (before[iso3][axis] >= 5.5) != (row[axis] >= 5.5)
        ]
        if crossed:
            expected[iso3] = "both" if len(crossed) == 2 else crossed[0]
    moved = quadrant.moves(2021, 2023)
    assert dict(zip(moved["iso3"], moved["because"], strict=True)) == expected
    assert (moved["from"] != moved["to"]).all()
    assert list(moved.columns) == list(quadrant.MOVE_COLUMNS)


def test_unknown_method(four):
    with pytest.raises(ArgumentError, match="unknown classification method 'mean'"):
        quadrant.classify(method="mean", data=four)


@pytest.mark.parametrize("bad", ["5", math.nan, math.inf, 0, 10.5, True])
def test_classify_invalid_thresholds(four, bad):
    with pytest.raises(ArgumentError, match="criminality_threshold"):
        quadrant.classify(criminality_threshold=bad, data=four)
    with pytest.raises(ArgumentError, match="resilience_threshold"):
        quadrant.classify(resilience_threshold=bad, data=four)
