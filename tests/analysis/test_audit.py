import json
import math
import statistics

import numpy as np
import pytest

from ocanalysis import catalogue, dataset, scoring
from ocanalysis.analysis import audit
from ocanalysis.errors import ArgumentError


def _inputs(edition):
    frame = dataset.wide(edition)
    indicators = catalogue.indicators(edition)
    values = frame[[i.id for i in indicators]].to_numpy(dtype=float)
    return frame, values, [i.pillar for i in indicators]


@pytest.mark.parametrize("edition", [2021, 2023, 2025])
def test_equal_weights_arithmetic_reproduce_published_ranks(edition):
    frame, values, pillars = _inputs(edition)
    plain = audit.Scenarios(np.ones((1, len(pillars))), np.array([False]))
    simulated = audit.simulate_scores(values, pillars, plain)
    for measure in audit.RANKED:
        published = scoring.rank_desc(frame[measure]).astype(int).to_numpy()
        assert audit.competition_ranks(simulated[measure])[0].tolist() == published.tolist()


def test_geometric_run_by_hand():
    frame, values, pillars = _inputs(2023)
    weights = np.linspace(0.8, 1.2, len(pillars))[None, :]
    simulated = audit.simulate_scores(values, pillars, audit.Scenarios(weights, np.array([True])))
    row = values[5]

    def weighted_geometric(pillar):
        pairs = [(w, x) for w, x, p in zip(weights[0], row, pillars, strict=True) if p == pillar]
        return math.exp(sum(w * math.log(x) for w, x in pairs) / sum(w for w, _ in pairs))

    markets, actors = weighted_geometric("criminal_markets"), weighted_geometric("criminal_actors")
    assert simulated["criminality"][0, 5] == pytest.approx(math.sqrt(markets * actors))
    assert simulated["resilience"][0, 5] == pytest.approx(weighted_geometric("resilience"))


def _naive_ranks(values, pillars, scenarios):
    """Plain Python: one run, one country, one indicator at a time."""
    ranks = {m: [] for m in audit.RANKED}
    for weights, geometric in zip(scenarios.weights, scenarios.geometric, strict=True):
        scores = {m: [] for m in audit.RANKED}
        for row in values:
            pillar_score = {}
            for pillar in catalogue.PILLARS:
                pairs = [
                    (w, x) for w, x, p in zip(weights, row, pillars, strict=True) if p == pillar
                ]
                total = sum(w for w, _ in pairs)
                if geometric:
                    pillar_score[pillar] = math.exp(sum(w * math.log(x) for w, x in pairs) / total)
                else:
                    pillar_score[pillar] = sum(w * x for w, x in pairs) / total
            m, a = pillar_score["criminal_markets"], pillar_score["criminal_actors"]
            scores["criminality"].append(math.sqrt(m * a) if geometric else (m + a) / 2)
            scores["resilience"].append(pillar_score["resilience"])
        for measure, values_ in scores.items():
            hundredths = [math.floor(v * 100 + 0.5 + 1e-9) for v in values_]
            ranks[measure].append([1 + sum(o > h for o in hundredths) for h in hundredths])
    return ranks


def _inverted_cdf(sample, q):
    ordered = sorted(sample)
    return ordered[max(math.ceil(q * len(ordered)) - 1, 0)]


def test_run_against_plain_python_reimplementation():
    runs, seed = 25, 7
    frame, values, pillars = _inputs(2023)
    naive = _naive_ranks(values, pillars, audit.draw_scenarios(runs, seed, len(pillars)))
    result = audit.run(2023, runs=runs, seed=seed)
    for measure, table in (
        ("criminality", result.rank_uncertainty),
        ("resilience", result.resilience_rank_uncertainty),
    ):
        got = table.set_index("iso3")
        for column, iso3 in enumerate(frame["iso3"]):
            sample = [run_ranks[column] for run_ranks in naive[measure]]
            expected = [_inverted_cdf(sample, q) for q in (0.05, 0.5, 0.95)]
            assert got.loc[iso3, ["q05", "median", "q95"]].tolist() == expected, (measure, iso3)


def test_scenarios_spread_and_aggregation_share():
    scenarios = audit.draw_scenarios(20000, 3, 32)
    assert scenarios.weights.min() >= 0.75 and scenarios.weights.max() <= 1.25
    assert scenarios.weights.mean() == pytest.approx(1.0, abs=0.01)
    assert scenarios.geometric.mean() == pytest.approx(0.5, abs=0.02)


def test_competition_ranks_by_hand():
    scores = np.array([[3.0, 5.0, 5.004, 1.0], [2.0, 2.0, 2.0, 2.0], [1.005, 1.0, 9.0, 1.0]])
    # 5.004 rounds to 5.00 and ties with 5.0; 1.005 rounds half up to 1.01.
    assert audit.competition_ranks(scores).tolist() == [
        [3, 1, 1, 4],
        [1, 1, 1, 1],
        [2, 3, 1, 3],
    ]


def test_run_is_deterministic_and_seed_matters():
    first = audit.run(2023, runs=300, seed=11).to_dict()
    assert first == audit.run(2023, runs=300, seed=11).to_dict()
    assert first != audit.run(2023, runs=300, seed=12).to_dict()


def test_run_2023_nominal_and_intervals():
    result = audit.run(2023)
    assert result.edition == 2023 and result.runs == 1000 and result.seed == 12345
    for table in (result.rank_uncertainty, result.resilience_rank_uncertainty):
        assert len(table) == 193 and list(table.columns) == list(audit.UNCERTAINTY_COLUMNS)
        inside = (table["q05"] <= table["nominal"]) & (table["nominal"] <= table["q95"])
        assert inside.mean() >= 0.95
        assert ((table["q05"] <= table["median"]) & (table["median"] <= table["q95"])).all()
    belgium = result.rank_uncertainty.set_index("iso3").loc["BEL"]
    assert belgium["nominal"] == 129
    assert result.resilience_rank_uncertainty.set_index("iso3").loc["BEL", "nominal"] == 25


def _average_ranks(values):
    """1-based ranks, ties sharing the mean of the ranks they span (plain Python)."""
    ordered = sorted(values)
    first = {}
    for position, value in enumerate(ordered, start=1):
        first.setdefault(value, position)
    return [first[v] + (ordered.count(v) - 1) / 2 for v in values]


def test_correlations_and_alpha_against_statistics_module():
    result = audit.run(2023, runs=1)
    rows = dataset.wide(2023).to_dict("records")
    table = result.correlations.set_index(["variable", "aggregate"])
    for (variable, aggregate), row in table.iterrows():
        x = [r[variable] for r in rows]
        y = [r[aggregate] for r in rows]
        assert row["pearson"] == pytest.approx(statistics.correlation(x, y))
        assert row["spearman"] == pytest.approx(
            statistics.correlation(_average_ranks(x), _average_ranks(y))
        )
    assert len(table) == 32 + 3
    for pillar in catalogue.PILLARS:
        ids = [i.id for i in catalogue.indicators(2023, pillar)]
        k = len(ids)
        item_variance = sum(statistics.variance([r[i] for r in rows]) for i in ids)
        total_variance = statistics.variance([sum(r[i] for i in ids) for r in rows])
        expected = k / (k - 1) * (1 - item_variance / total_variance)
        assert result.cronbach_alpha[pillar] == pytest.approx(expected)


def test_cronbach_alpha_small_by_hand():
    import pandas as pd

    items = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [2.0, 3.0, 5.0]})
    # var a = 1, var b = 7/3, var(a+b) = var([3, 5, 8]) = 19/3.
    assert audit.cronbach_alpha(items) == pytest.approx(2 * (1 - (1 + 7 / 3) / (19 / 3)))


def test_to_dict_shape():
    payload = json.loads(json.dumps(audit.run(2023, runs=50).to_dict()))
    assert set(payload) >= {
        "rank_uncertainty",
        "resilience_rank_uncertainty",
        "correlations",
        "cronbach_alpha",
    }
    assert len(payload["rank_uncertainty"]) == 193
    assert all(
        set(entry) == {"iso3", "nominal", "median", "q05", "q95"}
        for entry in payload["rank_uncertainty"] + payload["resilience_rank_uncertainty"]
    )
    assert set(payload["cronbach_alpha"]) == {"criminal_markets", "criminal_actors", "resilience"}
    assert set(payload["correlations"]) == set(audit.CORRELATION_LEVELS)
    assert len(payload["correlations"]["indicator_pillar"]) == 32


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"runs": 0}, "runs must be"),
        ({"runs": -3}, "runs must be"),
        ({"runs": 2.5}, "runs must be"),
        ({"runs": True}, "runs must be"),
        ({"runs": audit.MAX_RUNS + 1}, "runs must be at most"),
        ({"seed": -1}, "seed must be"),
        ({"seed": "1"}, "seed must be"),
    ],
)
def test_run_invalid_arguments(kwargs, words):
    with pytest.raises(ArgumentError, match=words):
        audit.run(2023, **kwargs)


def test_run_on_synthetic_frame_with_dominant_profiles(wide_factory):
    # Every indicator ordered the same way: no weights or mean can reorder the countries.
    frame = wide_factory(
        [
            {"iso3": "BEL", **dict.fromkeys(_ALL_2023, 9.0)},
            {"iso3": "NLD", **dict.fromkeys(_ALL_2023, 5.0)},
            {"iso3": "FRA", **dict.fromkeys(_ALL_2023, 1.0)},
        ]
    )
    result = audit.run(runs=40, seed=3, data=frame)
    for table in (result.rank_uncertainty, result.resilience_rank_uncertainty):
        assert table["iso3"].tolist() == ["BEL", "NLD", "FRA"]
        for column in ("nominal", "q05", "median", "q95"):
            assert table[column].tolist() == [1, 2, 3]


_ALL_2023 = [i.id for i in catalogue.indicators(2023)]


def test_chunking_does_not_change_results(monkeypatch):
    whole = audit.run(2023, runs=60, seed=9).to_dict()
    monkeypatch.setattr(audit, "CHUNK_RUNS", 7)
    assert audit.run(2023, runs=60, seed=9).to_dict() == whole


def test_missing_score_is_a_validation_error(wide_factory):
    from ocanalysis.errors import ValidationError

    frame = wide_factory([{"iso3": "BEL"}, {"iso3": "NLD"}])
    frame.loc[1, "prevention"] = float("nan")
    with pytest.raises(ValidationError, match="NLD has no usable score for prevention"):
        audit.run(runs=5, data=frame)
