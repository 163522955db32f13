"""`ocanalysis audit` (src/ocanalysis/cli/audit.py)."""

import json
import re

import pytest

from ocanalysis.analysis import audit, results
from ocanalysis.cli import main
from ocanalysis.report import context, sections


def test_json_output_is_stable_and_complete(capsys):
    assert main(["audit", "--edition", "2023", "--runs", "200", "--json"]) == 0
    first = capsys.readouterr().out
    assert main(["audit", "--edition", "2023", "--runs", "200", "--json"]) == 0
    assert capsys.readouterr().out == first
    payload = json.loads(first)
    assert len(payload["rank_uncertainty"]) == 193
    belgium = next(e for e in payload["rank_uncertainty"] if e["iso3"] == "BEL")
    assert belgium["nominal"] == 129 and belgium["q05"] <= 129 <= belgium["q95"]
    assert payload["runs"] == 200 and payload["seed"] == 12345


def test_text_summary_and_all(capsys):
    assert main(["audit", "-e", "2021", "--runs", "50"]) == 0
    text = capsys.readouterr().out
    assert "Audit of the 2021 edition: 50 Monte Carlo runs, seed 12345" in text
    assert "Cronbach's alpha" in text and "Resilience with criminality" in text
    assert "the 10 widest intervals" in text
    assert main(["audit", "-e", "2021", "--runs", "50", "--all"]) == 0
    everything = capsys.readouterr().out
    assert "every country, in nominal rank order" in everything
    assert everything.count("Belgium") == 2  # one line per ranking


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--runs", "0"], "runs must be a whole number of at least 1"),
        (["--edition", "1999"], "unknown edition '1999'"),
        (["--seed", "-4"], "seed must be a non-negative whole number"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(capsys, argv, words):
    assert main(["audit", *argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and words in captured.err
    assert "Traceback" not in captured.err


def test_non_integer_runs_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["audit", "--runs", "many"])
    assert stopped.value.code == 2
    assert "invalid int value" in capsys.readouterr().err


def test_the_report_states_the_interval_the_cli_states(capsys, monkeypatch, tmp_path):
    # Each from its own empty cache, and none shipped: both compute the audit with their own
    # defaults.
    monkeypatch.setattr(results, "_shipped", lambda *args: None)
    results.forget_kept()
    monkeypatch.setenv("OCANALYSIS_CACHE", str(tmp_path / "report"))
    table = sections.robustness(context("Belgium", 2023)).data.split("<tbody>", 1)[1]
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", table)
    assert cells[0] == "Belgium"
    stated_by_report = [int(cell) for cell in cells[1:5]]  # published, median, 5th, 95th
    monkeypatch.setenv("OCANALYSIS_CACHE", str(tmp_path / "cli"))
    assert main(["audit", "--edition", "2023", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    belgium = next(e for e in payload["rank_uncertainty"] if e["iso3"] == "BEL")
    assert stated_by_report == [belgium[k] for k in ("nominal", "median", "q05", "q95")]
    assert (payload["runs"], payload["seed"]) == (audit.DEFAULT_RUNS, audit.DEFAULT_SEED)
    assert len(list((tmp_path / "report").glob("audit-2023-*.json"))) == 1
