from fractions import Fraction

import pandas as pd
import pytest

from ocanalysis import catalogue, dataset, scoring
from ocanalysis.analysis import change
from ocanalysis.errors import ArgumentError, UnknownCountryError, UnknownEditionError

NEW_IN_2023 = [i.id for i in catalogue.INDICATORS if i.since == 2023]


@pytest.fixture
def two_editions(wide_factory):
    """BEL: shared markets fall, new markets are high -> published rise, like-for-like fall.
    NLD: published markets flat (5.0 -> 5.0) while like-for-like falls (5.0 -> 4.9).
    FRA: unchanged."""
    before = wide_factory([{"iso3": "BEL"}, {"iso3": "NLD"}, {"iso3": "FRA"}], edition=2021)
    after = wide_factory(
        [
            {
                "iso3": "BEL",
                "heroin_trade": 4.0,
                "cocaine_trade": 4.0,
                **{i: 9.0 for i in NEW_IN_2023 if i != "private_sector_actors"},
            },
            {"iso3": "NLD", "heroin_trade": 4.0, "financial_crimes": 6.0},
            {"iso3": "FRA"},
        ],
        edition=2023,
    )
    return pd.concat([before, after], ignore_index=True)


def test_like_for_like_constructed_disagreement(two_editions):
    result = change.like_for_like(2021, 2023, data=two_editions)
    table = result.table
    rows = table.set_index(["iso3", "composite"])
    bel = rows.loc["BEL"]
    # Published 2023 markets: (8*5 + 2*4 + 5*9) / 15 = 6.2; like for like: (8*5 + 2*4) / 10 = 4.8.
    assert bel.loc["criminal_markets", "published_to"] == 6.2
    assert bel.loc["criminal_markets", "like_for_like_to"] == 4.8
    assert bel.loc["criminal_markets", "published_change"] == pytest.approx(1.2)
    assert bel.loc["criminal_markets", "like_for_like_change"] == pytest.approx(-0.2)
    assert bool(bel.loc["criminal_markets", "sign_disagrees"])
    # Criminality: (6.2 + 5) / 2 = 5.6 published, (4.8 + 5) / 2 = 4.9 like for like.
    assert bel.loc["criminality", "published_to"] == 5.6
    assert bel.loc["criminality", "like_for_like_to"] == 4.9
    assert bool(bel.loc["criminality", "sign_disagrees"])
    assert not bel.loc["criminal_actors", "sign_disagrees"]
    assert not bel.loc["resilience", "sign_disagrees"]
    nld = rows.loc[("NLD", "criminal_markets")]
    # A flat published change has no direction: not a disagreement, but visible in the signs.
    assert nld["published_change"] == 0 and nld["like_for_like_change"] == pytest.approx(-0.1)
    assert (nld["sign_published"], nld["sign_like_for_like"]) == (0, -1)
    assert not nld["sign_disagrees"]
    assert not rows.loc["FRA", "sign_disagrees"].any()
    assert result.shared_indicators == tuple(i.id for i in catalogue.indicators(2021))
    assert list(table.columns) == list(change.LIKE_FOR_LIKE_COLUMNS)


def test_like_for_like_reversed_order_flips_changes(two_editions):
    forward = change.like_for_like(2021, 2023, data=two_editions).table
    backward = change.like_for_like(2023, 2021, data=two_editions).table
    assert (backward["published_change"] == -forward["published_change"]).all()
    assert (backward["sign_disagrees"] == forward["sign_disagrees"]).all()


def test_composites_over_full_sets_equal_scoring_composites():
    for edition in dataset.editions():
        frame = dataset.wide(edition)
        ids = [i.id for i in catalogue.indicators(edition)]
        pd.testing.assert_frame_equal(
            change.composites_over(frame, ids), scoring.composites(frame[ids], edition)
        )


def _half_up(value: Fraction) -> float:
    hundredths = value * 100
    return float((hundredths + Fraction(1, 2)).__floor__()) / 100


def test_composites_over_shared_against_fractions():
    frame = dataset.wide(2023)
    shared = change.shared_indicators(2021, 2023)
    got = change.composites_over(frame, shared)
    for position in range(0, 193, 17):
        row = frame.iloc[position]

        def mean(pillar, row=row):
            ids = [i for i in shared if catalogue.get(i).pillar == pillar]
            return sum(Fraction(str(row[i])) for i in ids) / len(ids)

        markets, actors = mean("criminal_markets"), mean("criminal_actors")
        assert got.iloc[position]["criminal_markets"] == _half_up(markets)
        assert got.iloc[position]["criminal_actors"] == _half_up(actors)
        assert got.iloc[position]["criminality"] == _half_up((markets + actors) / 2)
        assert got.iloc[position]["resilience"] == _half_up(mean("resilience"))


def test_composites_over_needs_every_pillar():
    frame = dataset.wide(2023)
    with pytest.raises(ArgumentError, match="criminal_actors"):
        change.composites_over(frame, ["heroin_trade", "prevention"])


def test_like_for_like_real_data_is_consistent():
    table = change.like_for_like(2021, 2023).table
    assert len(table) == 193 * 4
    # 2021 scores only shared indicators, so its like-for-like composites are the published ones.
    assert (table["like_for_like_from"] == table["published_from"]).all()
    for row in table.itertuples():
        opposite = (row.published_change > 0 and row.like_for_like_change < 0) or (
            row.published_change < 0 and row.like_for_like_change > 0
        )
        assert row.sign_disagrees == opposite
    assert table["sign_disagrees"].any()
    same_set = change.like_for_like(2023, 2025).table
    assert (same_set["like_for_like_change"] == same_set["published_change"]).all()
    assert not same_set["sign_disagrees"].any()


def test_between_hand_computed(two_editions):
    table = change.between(2021, 2023, data=two_editions)
    assert list(table.columns) == list(change.BETWEEN_COLUMNS)
    # 4 composites + 26 shared indicators per country.
    assert len(table) == 3 * 30
    markets = table.loc[table["indicator"] == "criminal_markets"].set_index("iso3")
    # 2021: all three at 5.0 -> all 1st. 2023: BEL 6.2 (1st), FRA 5.0 and NLD 5.0 (2nd).
    assert markets["rank_from"].tolist() == [1, 1, 1]
    assert markets.loc["BEL", "rank_to"] == 1 and markets.loc["NLD", "rank_to"] == 2
    assert markets.loc["NLD", "rank_change"] == -1  # moved away from 1st
    assert markets.loc["BEL", "change"] == pytest.approx(1.2)
    heroin = table.loc[table["indicator"] == "heroin_trade"].set_index("iso3")
    assert heroin.loc["FRA", "rank_to"] == 1 and heroin.loc["BEL", "rank_to"] == 2
    assert heroin.loc["BEL", "change"] == -1.0
    assert "financial_crimes" not in set(table["indicator"])


def test_between_real_belgium_against_plain_python():
    table = change.between(2021, 2023, "BEL")
    assert set(table["iso3"]) == {"BEL"} and len(table) == 30
    records = {e: dataset.wide(e).to_dict("records") for e in (2021, 2023)}
    for row in table.itertuples():
        ranks = {}
        for edition, rows in records.items():
            mine = next(r for r in rows if r["iso3"] == "BEL")[row.indicator]
            ranks[edition] = 1 + sum(round(r[row.indicator], 2) > round(mine, 2) for r in rows)
        assert (row.rank_from, row.rank_to) == (ranks[2021], ranks[2023])
        assert row.rank_change == ranks[2021] - ranks[2023]
        assert row.change == pytest.approx(row.score_to - row.score_from)
    assert table.set_index("indicator").loc["criminality", "rank_to"] == 129


def test_between_one_country_is_the_whole_table_filtered():
    # The one-country path filters before computing; it must agree with filtering afterwards.
    everyone = change.between(2023, 2021)
    for code in ("BEL", "WSM", "TUV", "BRA"):
        one = change.between(2023, 2021, code)
        expected = everyone.loc[everyone["iso3"] == code].reset_index(drop=True)
        pd.testing.assert_frame_equal(one, expected)


def test_between_invalid_arguments():
    with pytest.raises(ArgumentError, match="two different editions"):
        change.between(2023, 2023)
    with pytest.raises(ArgumentError, match="two different editions"):
        change.like_for_like(2023, "2023")
    with pytest.raises(UnknownEditionError):
        change.between(2019, 2023)
    with pytest.raises(UnknownCountryError):
        change.between(2021, 2023, "Atlantis")
