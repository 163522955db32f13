"""`ocanalysis indicator`: every measure of every edition, held to plain Python."""

from __future__ import annotations

import json

import pytest

from ocanalysis import catalogue, dataset
from ocanalysis.analysis.indicator import indicator
from ocanalysis.cli import main
from ocanalysis.errors import ArgumentError, UnknownIndicatorError

from .conftest import publisher_mean

EVERY = [(m.id, e) for e in (2021, 2023, 2025) for m in catalogue.ALL_MEASURES if m.in_edition(e)]


@pytest.mark.parametrize(("measure", "edition"), EVERY, ids=lambda v: str(v))
def test_every_measure_of_every_edition(measure, edition):
    found = indicator(measure, edition)
    rows = dataset.wide(edition).to_dict("records")
    assert found["mean"] == publisher_mean(rows, measure, edition)
    # Every country ranked, highest first, ties sharing the best rank.
    ranking = found["ranking"]
    assert len(ranking) == 193
    for row in ranking:
        assert row["rank"] == 1 + sum(r[measure] > row["score"] for r in rows)
    assert [r["score"] for r in ranking] == sorted((r[measure] for r in rows), reverse=True)
    assert sum(n for _, n in found["distribution"]) == 193
    for level, key in (("continent", "continents"), ("region", "regions")):
        groups = found[key]
        assert sum(g["countries"] for g in groups) == 193
        for group in groups:
            members = [r for r in rows if r[level] == group["name"]]
            assert group[measure] == publisher_mean(members, measure, edition), group["name"]
    previous = {2021: None, 2023: 2021, 2025: 2023}[edition]
    if previous is None or not catalogue.get(measure).in_edition(previous):
        assert found["change"] is None and found["moved_most"] == []
    else:
        old = publisher_mean(dataset.wide(previous).to_dict("records"), measure, previous)
        assert found["change"] == pytest.approx(found["mean"] - old, abs=1e-9)


def test_names_and_labels_and_a_typo():
    assert indicator("Law enforcement", 2023)["id"] == "law_enforcement"
    with pytest.raises(UnknownIndicatorError, match="did you mean 'law_enforcement'"):
        indicator("law enforcment", 2023)
    with pytest.raises(ArgumentError, match="first scored in 2023"):
        indicator("financial_crimes", 2021)


def test_the_command_prints_json_with_the_issues_keys(capsys):
    assert main(["indicator", "law_enforcement", "--edition", "2023", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert {"mean", "change", "ranking", "continents", "regions"} <= set(found)
    assert found["change_from"] == 2021
    assert main(["indicator", "nonsense"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
