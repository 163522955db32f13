from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocanalysis import catalogue
from ocanalysis.scoring import composites, rank_desc, rank_table


def half_up(value: Fraction) -> float:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return float(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def reference_composites(row: dict, edition: int) -> dict:
    """Independent re-implementation with fractions and decimals."""
    means = {}
    for pillar in catalogue.PILLARS:
        values = [Fraction(str(row[i.id])) for i in catalogue.indicators(edition, pillar)]
        means[pillar] = sum(values) / len(values)
    crim = (means["criminal_markets"] + means["criminal_actors"]) / 2
    return {
        "criminality": half_up(crim),
        "criminal_markets": half_up(means["criminal_markets"]),
        "criminal_actors": half_up(means["criminal_actors"]),
        "resilience": half_up(means["resilience"]),
    }


half_points = st.integers(min_value=2, max_value=20).map(lambda n: n / 2)


@settings(max_examples=200, deadline=None)
@given(edition=st.sampled_from([2021, 2023]), data=st.data())
def test_composites_match_exact_rational_arithmetic(edition, data):
    ids = [i.id for i in catalogue.indicators(edition)]
    rows = [
        {i: data.draw(half_points) for i in ids}
        for _ in range(data.draw(st.integers(min_value=1, max_value=5)))
    ]
    frame = pd.DataFrame(rows)
    got = composites(frame, edition)
    for position, row in enumerate(rows):
        assert got.iloc[position].to_dict() == reference_composites(row, edition)


def test_criminality_uses_unrounded_pillar_means():
    # Libya 2023: markets 6.5666..., actors 7.3 -> criminality 6.933... -> 6.93 (not 6.94).
    ids = [i.id for i in catalogue.indicators(2023)]
    row = dict.fromkeys(ids, 5.0)
    markets = [i.id for i in catalogue.indicators(2023, "criminal_markets")]
    for indicator, value in zip(
        markets, [8.5, 9.5, 9, 1, 3.5, 9.5, 2.5, 5.5, 7, 7.5, 3.5, 9.5, 6, 7, 9], strict=True
    ):
        row[indicator] = value
    actors = [i.id for i in catalogue.indicators(2023, "criminal_actors")]
    for indicator, value in zip(actors, [9, 7.5, 9.5, 5.5, 5], strict=True):
        row[indicator] = value
    got = composites(pd.DataFrame([row]), 2023).iloc[0]
    assert got["criminal_markets"] == 6.57
    assert got["criminal_actors"] == 7.3
    assert got["criminality"] == 6.93


def test_ties_share_the_best_rank_and_skip():
    assert rank_desc(pd.Series([4.43, 4.43, 4.43, 9.0, 1.0])).tolist() == [2, 2, 2, 1, 5]


def test_rank_within_groups():
    scores = pd.Series([5.0, 6.0, 5.0, 7.0])
    groups = pd.Series(["a", "a", "b", "b"])
    assert rank_desc(scores, groups).tolist() == [2, 1, 2, 1]


def test_rank_table_counts():
    frame = pd.DataFrame(
        {
            "iso3": ["A", "B", "C"],
            "country": ["a", "b", "c"],
            "continent": ["X", "X", "Y"],
            "region": ["r", "s", "t"],
            "criminality": [3.0, 5.0, 3.0],
        }
    )
    table = rank_table(frame, "criminality").set_index("iso3")
    assert table.loc["A", "global_rank"] == 2 and table.loc["C", "global_rank"] == 2
    assert table.loc["A", "continent_rank"] == 2 and table.loc["A", "continent_of"] == 2
    assert table.loc["C", "continent_of"] == 1
    with pytest.raises(Exception, match="unknown indicator"):
        rank_table(frame, "crime")
