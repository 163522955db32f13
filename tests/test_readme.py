"""The README tells the truth: its CLI reference is the commands' --help, its examples run."""

from __future__ import annotations

import importlib.util
import re
import shlex
from pathlib import Path

import pytest
from conftest import ROOT, SEED

from ocanalysis.cli import build_parser, main

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _tool():
    spec = importlib.util.spec_from_file_location("readme_cli", ROOT / "tools" / "readme_cli.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_the_help_output():
    tool = _tool()
    assert tool.current() == tool.reference(), "run: .venv/bin/python tools/readme_cli.py --write"


def shell_lines():
    for block in re.findall(r"```sh\n(.*?)```", README, re.DOTALL):
        for line in block.splitlines():
            line = line.split("  #", 1)[0].strip()
            if line:
                yield line


def test_every_make_target_in_the_readme_exists():
    makefile = (ROOT / "Makefile").read_text()
    for line in shell_lines():
        if line.startswith("make "):
            target = line.split()[1]
            assert re.search(rf"^{target}:", makefile, re.MULTILINE), target
    for variable in ("COUNTRY", "EDITION", "FORMAT"):
        assert re.search(rf"^{variable} \?=", makefile, re.MULTILINE)
        assert f"{variable}=" in README


def readme_commands():
    return [
        shlex.split(line.split(">", 1)[0])[1:]
        for line in shell_lines()
        if line.startswith("ocanalysis ")
    ]


def test_every_readme_command_parses():
    parser = build_parser()
    commands = readme_commands()
    assert {argv[0] for argv in commands} >= {
        "profile",
        "table",
        "validate",
        "parse-profile",
        "audit",
        "whatif",
        "render",
        "data",
    }
    for argv in commands:
        args = parser.parse_args(argv)
        assert callable(args.handler)


def substitute(argv, sources_dir, tmp_path):
    out = []
    for item in argv:
        if out and out[-1] == "--out":  # what a command writes goes to tmp_path, never ../shared
            item = str(tmp_path / Path(item).name)
        elif item.endswith(".xlsx"):
            item = str(sources_dir / "global_oc_index.xlsx")
        elif item.endswith("oc_index_2025_indicators.csv"):
            item = str(sources_dir / "oc_index_2025_indicators.csv")
        elif item.endswith(".txt"):
            item = str(SEED)
        elif item.endswith(".toml"):  # the weights file the README shows
            weights = tmp_path / item
            weights.write_text("[pillars]\ncriminal_markets = 1\n[indicators]\ncocaine_trade = 3\n")
            item = str(weights)
        out.append(item)
    if out[:2] == ["data", "build"]:
        out += ["--out", str(tmp_path)]
    if out[0] == "audit" and "--sensitivity" in out:
        out += ["--samples", "32"]
    elif out[0] == "audit":
        out[out.index("--runs") + 1] = "50"
    return out


@pytest.mark.parametrize(
    "command",
    [
        "profile",
        "table",
        "validate",
        "parse-profile",
        "audit",
        "whatif",
        "data",
        "headlines",
        "cite",
    ],
)
def test_readme_examples_run(command, sources_dir, seed_text, tmp_path, capsys):
    for argv in readme_commands():
        if argv[0] == command:
            argv = substitute(argv, sources_dir, tmp_path)
            status = main(argv)
            captured = capsys.readouterr()
            assert status == 0, captured.err
            if "--out" in argv and argv[0] != "data":
                assert Path(argv[argv.index("--out") + 1]).stat().st_size > 0
            else:
                assert captured.out
