import csv
import io
import json
import subprocess
import sys

import pytest

from ocanalysis import catalogue
from ocanalysis.cli import COMMANDS, build_parser, main


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_every_command_has_help_that_explains(capsys):
    parser = build_parser()
    registered = set(parser._subparsers._group_actions[0].choices)  # noqa: SLF001
    assert registered == set(COMMANDS)
    for command in COMMANDS:
        with pytest.raises(SystemExit) as info:
            main([command, "--help"])
        assert info.value.code == 0
        out = capsys.readouterr().out
        assert out.startswith(f"usage: ocanalysis {command}")
        assert len(out.splitlines()) >= 4


def test_table_csv_columns(capsys):
    status, out, _ = run(capsys, "table", "--edition", "2021")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 193
    expected = [
        "iso3",
        "country",
        "continent",
        "region",
        *catalogue.COMPOSITE_IDS,
        *catalogue.INDICATOR_IDS,
    ]
    assert list(rows[0]) == expected
    belgium = next(r for r in rows if r["iso3"] == "BEL")
    assert belgium["financial_crimes"] == ""  # 2021 lacks it: empty, not zero


def test_table_json(capsys):
    status, out, _ = run(capsys, "table", "--format", "json", "--edition", "2023")
    records = json.loads(out)
    assert status == 0 and len(records) == 193
    belgium = next(r for r in records if r["iso3"] == "BEL")
    assert belgium["criminality"] == 4.43 and belgium["cocaine_trade"] == 8.0


def test_countries_lists_193(capsys):
    status, out, _ = run(capsys, "countries", "--edition", "2023")
    assert status == 0 and len(out.splitlines()) == 193
    assert any(line.startswith("BEL  BE  Belgium") for line in out.splitlines())


def test_profile_text_output(capsys):
    status, out, _ = run(capsys, "profile", "bel", "--edition", "2023")
    assert status == 0
    assert "129th of 193 countries" in out and "9th of 11 Western European countries" in out
    assert "Cocaine trade" in out


def test_installed_console_script_runs_as_a_process():
    script = [sys.executable, "-m", "ocanalysis", "profile", "BEL", "--edition", "2023", "--json"]
    done = subprocess.run(script, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["scores"]["criminality"] == 4.43
    done = subprocess.run([*script[:4], "Nowhere"], capture_output=True, text=True, check=False)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_new_notebook_writes_a_starter_once_and_refuses_bad_names(capsys, tmp_path):
    path = tmp_path / "my_analysis.ipynb"
    status, out, err = run(capsys, "new-notebook", str(path))
    assert status == 0 and out.strip() == str(path) and "render --notebook" in err
    assert json.loads(path.read_text())["cells"][0]["metadata"]["tags"] == ["parameters"]
    for argv, message in (
        ([str(path)], "already exists; choose another name or pass --force"),
        ([str(tmp_path / "notes.txt")], "a notebook's name ends in .ipynb"),
        ([str(tmp_path / "failed.ipynb")], "reports cannot be named after this file"),
    ):
        status, out, err = run(capsys, "new-notebook", *argv)
        assert status == 2 and err.count("\n") == 1 and message in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my_analysis.ipynb"]
    assert run(capsys, "new-notebook", str(path), "--force")[0] == 0
