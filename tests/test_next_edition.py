"""The next edition on the day it appears: a copy of the publisher's current workbook with one more
``<year>_dataset`` sheet builds, validates and works in every command and every report kind, with
no code change (the workbook is made here, from the real one: ``tests/next_edition.py``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from next_edition import make_next_edition

ROOT = Path(__file__).resolve().parents[1]


def _ocanalysis(env: dict, *argv: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ocanalysis", *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=env["OCANALYSIS_WORK"],
    )


def _ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def _built(current_workbook, folder: Path, year: int) -> dict:
    """An environment whose embedded data is the workbook with a ``year`` sheet added."""
    workbook = make_next_edition(current_workbook, folder / f"index_{year}.xlsx", year)
    data = folder / "data"
    env = {
        **os.environ,
        "OCANALYSIS_DATA": str(data),
        "OCANALYSIS_CACHE": str(folder / "cache"),
        "OCANALYSIS_WORK": str(folder),
    }
    data.mkdir()
    _ok(_ocanalysis(env, "validate", str(workbook)))
    _ok(_ocanalysis(env, "data", "build", str(workbook), "--out", str(data)))
    env["WORKBOOK"] = str(workbook)
    return env


@pytest.fixture(scope="module")
def next_edition(current_workbook, tmp_path_factory) -> dict:
    return _built(current_workbook, tmp_path_factory.mktemp("edition-2027"), 2027)


def test_the_commands_take_the_new_edition(next_edition):
    env = next_edition
    assert "2027 edition" in _ok(_ocanalysis(env, "profile", "Belgium"))
    assert _ok(_ocanalysis(env, "table", "--edition", "2027")).count("\n") == 194
    found = json.loads(_ok(_ocanalysis(env, "headlines", "--json")))
    assert found["edition"] == 2027 and found["change_from"] == 2025
    assert found["population_year"] == 2024 and found["population_note"] is None
    micronesia = json.loads(_ok(_ocanalysis(env, "headlines", "--region", "Micronesia", "--json")))
    assert "KIR" in micronesia["members"]  # the 2025 sheet's grouping, copied
    indicator = json.loads(_ok(_ocanalysis(env, "indicator", "law_enforcement", "--json")))
    assert indicator["edition"] == 2027 and indicator["change_from"] == 2025
    assert indicator["change"] is not None
    _ok(_ocanalysis(env, "audit"))
    weights = Path(env["OCANALYSIS_WORK"]) / "weights.json"
    weights.write_text('{"indicators": {"cocaine_trade": 2}}')
    _ok(_ocanalysis(env, "whatif", "--weights", str(weights)))
    assert "2027" in _ok(_ocanalysis(env, "cite", "--edition", "2027"))


@pytest.mark.slow
def test_every_report_kind_renders_the_new_edition(next_edition):
    env = next_edition
    out = Path(env["OCANALYSIS_WORK"]) / "reports"
    _ok(_ocanalysis(env, "audit", "--sensitivity"))
    _ok(  # exit 0: every report rendered
        _ocanalysis(
            env,
            "render",
            "Belgium",
            "--world",
            "--continents",
            "Oceania",
            "--regions",
            "Micronesia",
            "--compare",
            "Belgium",
            "Kiribati",
            "--indicators",
            "law_enforcement",
            "criminality",
            "--format",
            "html,pdf",
            "--out",
            str(out),
        )
    )
    folder = out / "2027"
    for stem in (
        "BEL-belgium",
        "world",
        "continent-oceania",
        "region-micronesia",
        "compare-BEL-KIR",
        "indicator-law-enforcement",
        "indicator-criminality",
    ):
        assert (folder / f"{stem}.html").is_file() and (folder / f"{stem}.pdf").is_file(), stem
    belgium = (folder / "BEL-belgium.html").read_text(encoding="utf-8")
    assert "2025" in belgium  # change and trend against the previous edition
    assert "indicator-law-enforcement.html" in (out / "index.html").read_text(encoding="utf-8")


def test_a_later_edition_without_its_population_year_says_which_year_it_uses(
    current_workbook, tmp_path
):
    env = _built(current_workbook, tmp_path, 2029)
    found = json.loads(_ok(_ocanalysis(env, "headlines", "--json")))
    assert found["population_year"] == 2024  # the rule asks for 2026; the file ends in 2024
    assert "latest year the population file holds" in found["population_note"]
    assert "the rule asks for 2026" in _ok(_ocanalysis(env, "headlines"))


def test_a_sheet_with_an_indicator_the_catalogue_does_not_know_is_refused(
    current_workbook, tmp_path
):
    workbook = make_next_edition(
        current_workbook, tmp_path / "index.xlsx", 2027, extra_column="Organ trafficking"
    )
    env = {**os.environ, "OCANALYSIS_WORK": str(tmp_path)}
    result = _ocanalysis(env, "validate", str(workbook))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert "sheet 2027_dataset" in line and "'Organ trafficking'" in line
    assert "add the indicator to src/ocanalysis/catalogue.py" in line
