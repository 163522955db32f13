import json
import re

import pytest

import ocanalysis
from ocanalysis.cli import main
from ocanalysis.profile import ordinal


def seed_figures(text: str):
    """Every score and every rank statement the seed prints, read with plain regexes."""
    scores = [float(s) for s in re.findall(r"(?<![\d.])(\d{1,2}\.\d{2})(?![\d.])", text)]
    ranks = [
        (int(rank), int(of))
        for rank, of in re.findall(r"(\d+)(?:st|nd|rd|th) of (\d+) [A-Za-z ]*?countries", text)
    ]
    return scores, ranks


def test_profile_json_states_all_47_figures_of_the_seed(seed_text, capsys):
    assert main(["profile", "Belgium", "--edition", "2023", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    scores, ranks = seed_figures(seed_text)
    assert len(scores) == 36 and len(ranks) == 6  # 36 scores; 6 ranks, each with its total
    assert sorted(result["scores"].values()) == sorted(scores)
    stated = [
        tuple(pair)
        for measure in ("criminality", "resilience")
        for pair in result["ranks"][measure].values()
    ]
    assert stated == ranks
    assert {k: result[k] for k in ("country", "iso3", "edition", "continent", "region")} == {
        "country": "Belgium",
        "iso3": "BEL",
        "edition": 2023,
        "continent": "Europe",
        "region": "Western Europe",
    }


def test_json_shape_keys_in_order():
    data = ocanalysis.profile("Belgium", 2023).to_dict()
    assert list(data) == ["country", "iso3", "edition", "continent", "region", "scores", "ranks"]
    assert list(data["scores"])[:5] == [
        "criminality",
        "criminal_markets",
        "criminal_actors",
        "resilience",
        "human_trafficking",
    ]
    assert len(data["scores"]) == 36
    assert len(ocanalysis.profile("Belgium", 2021).to_dict()["scores"]) == 30
    assert data["ranks"]["criminality"] == {
        "global": [129, 193],
        "continent": [29, 44],
        "region": [7, 11],
    }
    assert data["ranks"]["resilience"] == {
        "global": [25, 193],
        "continent": [17, 44],
        "region": [9, 11],
    }


def test_three_countries_share_belgium_criminality_2023():
    frame = ocanalysis.wide(2023)
    assert (frame["criminality"] == 4.43).sum() == 3
    assert (frame["criminality"] > 4.43).sum() == 128


def test_rank_phrases_match_the_seed(seed_text):
    belgium = ocanalysis.profile("Belgium", 2023)
    flat = seed_text.replace("\n", " ")
    for measure in ("criminality", "resilience"):
        for level in ("global", "continent", "region"):
            assert belgium.rank_phrase(measure, level) in flat


def test_default_edition_is_latest():
    assert ocanalysis.profile("BEL").edition == 2025


@pytest.mark.parametrize(
    "n, expected",
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (11, "11th"), (112, "112th"), (101, "101st")],
)
def test_ordinal(n, expected):
    assert ordinal(n) == expected
