"""What-if runs (analysis/whatif.py) and `ocanalysis whatif` (cli/whatif.py)."""

import json

import numpy as np
import pandas as pd
import pytest

from ocanalysis import analysis, catalogue, dataset, scoring
from ocanalysis.analysis import whatif
from ocanalysis.cli import main
from ocanalysis.errors import ArgumentError


@pytest.mark.parametrize("edition", [2021, 2023, 2025])
def test_empty_weights_reproduce_every_published_rank(edition):
    frame = dataset.wide(edition)
    table = analysis.reweight(edition, {}).table.set_index("iso3")
    for measure in ("criminality", "resilience"):
        published = scoring.rank_desc(frame.set_index("iso3")[measure]).astype(int)
        assert table[f"{measure}_rank"].to_dict() == published.to_dict()
        assert (table[f"{measure}_shift"] == 0).all()
        assert table[measure].to_dict() == frame.set_index("iso3")[measure].to_dict()


def test_publishers_own_weights_written_out_reproduce_the_ranks():
    weights = {
        "pillars": {"criminal_markets": 2, "criminal_actors": 2},
        "indicators": {i.id: 5 for i in catalogue.indicators(2023)},
    }
    assert (analysis.reweight(2023, weights).table["criminality_shift"] == 0).all()


def _published_rules_ranks(frame, ids, measure):
    """Ranks from the publisher's exact integer arithmetic on a subset of indicators."""
    pillar_ids = {p: [i for i in ids if catalogue.get(i).pillar == p] for p in catalogue.PILLARS}
    composites = scoring.composites_from(frame[ids], pillar_ids)
    return scoring.rank_desc(composites[measure]).astype(int).to_numpy()


@pytest.mark.parametrize("edition", [2021, 2025])
def test_leave_one_out_equals_the_publishers_rules_without_that_indicator(edition):
    frame = dataset.wide(edition)
    ids = [i.id for i in catalogue.indicators(edition)]
    result = analysis.leave_one_out(edition)
    assert sorted(result.summary["indicator"]) == sorted(ids)
    for left_out in (ids[0], "state_embedded_actors", ids[-1]):
        measure = "resilience" if catalogue.get(left_out).pillar == "resilience" else "criminality"
        expected = _published_rules_ranks(frame, [i for i in ids if i != left_out], measure)
        base = scoring.rank_desc(frame[measure]).astype(int).to_numpy()
        shift = result.shift.loc[result.shift["indicator"] == left_out]
        assert shift["iso3"].tolist() == frame["iso3"].tolist()
        assert (shift[f"{measure}_shift"].to_numpy() == expected - base).all(), left_out
        row = result.summary.set_index("indicator").loc[left_out]
        assert row["mean_abs_shift"] == pytest.approx(np.abs(expected - base).mean())
        assert row["countries_moved"] == int((expected != base).sum())
    assert result.summary["mean_abs_shift"].is_monotonic_decreasing


def test_triple_weight_equals_a_hand_weighted_mean():
    frame = dataset.wide(2023)
    markets = [i.id for i in catalogue.indicators(2023, "criminal_markets")]
    actors = [i.id for i in catalogue.indicators(2023, "criminal_actors")]
    w = pd.Series(1.0, index=markets)
    w["cocaine_trade"] = 3.0
    m = (frame[markets] * w).sum(axis=1) / w.sum()
    a = frame[actors].mean(axis=1)
    criminality = np.floor(((m + a) / 2) * 100 + 0.5 + 1e-9) / 100
    expected = scoring.rank_desc(criminality).astype(int).to_numpy()
    table = analysis.reweight(2023, {"indicators": {"cocaine_trade": 3}}).table
    got = table.set_index("iso3").loc[frame["iso3"], "criminality_rank"].to_numpy()
    assert (got == expected).all()
    assert (table["criminality_shift"] != 0).any()


def test_pillar_weight_zero_ranks_by_the_other_pillar():
    frame = dataset.wide(2023)
    table = analysis.reweight(2023, {"pillars": {"criminal_actors": 0}}).table.set_index("iso3")
    markets_only = scoring.rank_desc(frame.set_index("iso3")["criminal_markets"]).astype(int)
    assert table["criminality_rank"].to_dict() == markets_only.to_dict()


def test_geometric_and_harmonic_move_ranks():
    for aggregation in ("geometric", "harmonic"):
        table = analysis.reweight(2023, aggregation=aggregation).table
        assert (table["criminality_shift"] != 0).any()
    with pytest.raises(ArgumentError, match="unknown aggregation 'median'"):
        analysis.reweight(2023, aggregation="median")


def test_json_and_toml_files_give_the_same_json(tmp_path, capsys):
    (tmp_path / "w.json").write_text(
        '{"pillars": {"criminal_markets": 2}, "indicators": {"cocaine_trade": 3}}'
    )
    (tmp_path / "w.toml").write_text(
        "[pillars]\ncriminal_markets = 2\n\n[indicators]\ncocaine_trade = 3\n"
    )
    outputs = []
    for name in ("w.json", "w.toml"):
        assert main(["whatif", "-e", "2023", "--weights", str(tmp_path / name), "--json"]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    data = json.loads(outputs[0])
    assert list(data) == ["edition", "ranks", "shift"]
    assert data["edition"] == 2023 and len(data["ranks"]) == 193
    assert set(data["ranks"]["BEL"]) == {"criminality", "resilience"}
    assert any(s["criminality"] != 0 for s in data["shift"].values())


def test_empty_file_is_the_published_index(tmp_path, capsys):
    (tmp_path / "none.json").write_text("{}")
    assert main(["whatif", "-e", "2025", "--weights", str(tmp_path / "none.json"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert all(s == {"criminality": 0, "resilience": 0} for s in data["shift"].values())


def test_text_and_leave_one_out_cli(capsys):
    assert main(["whatif", "-e", "2023"]) == 0
    assert "0 countries change criminality rank, 0 resilience rank" in capsys.readouterr().out
    assert main(["whatif", "-e", "2023", "--leave-one-out"]) == 0
    text = capsys.readouterr().out
    assert "Leave-one-out on the 2023 edition" in text and "Mafia-style groups" in text
    assert main(["whatif", "-e", "2023", "--leave-one-out", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["indicators"]) == 32 and len(data["shift"]["cocaine_trade"]) == 193


@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        ("w.json", '{"indicators": {"cocaine": 2}}', "unknown indicator 'cocaine'; did you mean"),
        ("w.json", '{"pillars": {"criminal_market": 2}}', "did you mean 'criminal_markets'"),
        ("w.json", '{"pillars": {"resilience": 2}}', "unknown pillar 'resilience'"),
        ("w.json", '{"indicator": {}}', "unknown key 'indicator'; did you mean 'indicators'"),
        ("w.json", '{"indicators": {"cocaine_trade": -1}}', "weight -1 is negative"),
        ("w.json", '{"indicators": {"cocaine_trade": "3"}}', "weight '3' is not a number"),
        ("w.json", '{"indicators": {"cocaine_trade": true}}', "weight True is not a number"),
        ("w.json", '{"indicators": {"cocaine_trade": NaN}}', "not a finite number"),
        ("w.json", '{"indicators": []}', "indicators: expected a table"),
        ("w.json", "[1, 2]", "expected a table of 'pillars' and 'indicators', not list"),
        (
            "w.json",
            '{"pillars": {"criminal_markets": 0, "criminal_actors": 0}}',
            "both pillar weights are 0",
        ),
        ("w.json", '{\n  "indicators": {\n    "cocaine_trade": 3,\n  }\n}', "line 4, column 3"),
        ("w.toml", "[indicators]\ncocaine_trade = \n", "line 2, column 17: not valid TOML"),
        ("w.yaml", "indicators: {}", "expected a .json or .toml file"),
    ],
)
def test_bad_weights_one_line_naming_the_file(tmp_path, capsys, name, text, words):
    path = tmp_path / name
    path.write_text(text)
    assert main(["whatif", "-e", "2023", "--weights", str(path)]) == 2
    err = capsys.readouterr().err
    assert words in err and str(path) in err and len(err.strip().splitlines()) == 1


def test_all_zero_pillar_and_unscored_indicator():
    actors = {i.id: 0 for i in catalogue.indicators(2023, "criminal_actors")}
    with pytest.raises(ArgumentError, match="every indicator of the criminal_actors pillar"):
        analysis.reweight(2023, {"indicators": actors})
    with pytest.raises(ArgumentError, match="'financial_crimes' is not scored in the 2021"):
        whatif.check_weights({"indicators": {"financial_crimes": 1}}, 2021)


def test_missing_file(tmp_path, capsys):
    assert main(["whatif", "--weights", str(tmp_path / "gone.json")]) == 2
    assert "gone.json: no such file" in capsys.readouterr().err
