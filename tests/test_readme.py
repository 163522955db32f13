"""The README and the documentation's pages tell the truth: their make targets exist, their
commands parse and run, and write what their comments say. (Their Python examples are doctests:
pyproject.toml's --doctest-glob; the site's CLI reference is the parsers': test_docs.py.)"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from conftest import ROOT, SEED

from ocanalysis.cli import build_parser, main

README = (ROOT / "README.md").read_text(encoding="utf-8")
# The README and every page of the site written by hand (not the build, nor the notebooks'
# generated pages), read in one order so examples that build on each other run in turn.
PAGES = [
    ROOT / "README.md",
    *sorted(
        path
        for path in (ROOT / "docs").rglob("*.md")
        if not {"_build", "notebooks"} & set(path.relative_to(ROOT / "docs").parts)
    ),
]
TEXT = "\n".join(path.read_text(encoding="utf-8") for path in PAGES)


def test_the_guide_pages_are_read():
    names = {path.relative_to(ROOT).as_posix() for path in PAGES}
    assert {"README.md", "docs/getting-started.md", "docs/guide/reports.md"} <= names


def test_the_readme_fits_on_two_screens_and_its_links_resolve():
    assert len(README.splitlines()) < 200
    links = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", README)
    assert any(link.startswith("docs/guide/") for link in links)
    assert [link for link in links if "://" not in link and not (ROOT / link).exists()] == []


def shell_lines():
    for block in re.findall(r"```sh\n(.*?)```", TEXT, re.DOTALL):
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
        elif item.endswith(".toml"):  # the weights file the guide shows
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
        "countries",
        "indicator",
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


def shell_lines_with_comments():
    for block in re.findall(r"```sh\n(.*?)```", TEXT, re.DOTALL):
        for line in block.splitlines():
            command, _, comment = line.partition("  #")
            if command.strip().startswith("ocanalysis "):
                yield command.strip(), comment.strip()


def test_the_readme_notebook_example_sets_a_parameter_the_starter_has(tmp_path, capsys):
    """``new-notebook`` then ``render --notebook … -p NAME VALUE`` as the guide writes them:
    every -p name is one the starter's parameters cell sets (checked without rendering)."""
    from ocanalysis.render import user_notebook

    examples = [shlex.split(c)[1:] for c, _ in shell_lines_with_comments()]
    [new] = [argv for argv in examples if argv[0] == "new-notebook"]
    assert main([new[0], str(tmp_path / new[1])]) == 0
    mine = user_notebook.check(tmp_path / new[1])
    rendered = [argv for argv in examples if "--notebook" in argv]
    assert rendered
    for argv in rendered:
        given = [(argv[i + 1], argv[i + 2]) for i, a in enumerate(argv) if a == "-p"]
        assert user_notebook.parameters(mine, given)


@pytest.mark.slow
def test_the_readme_render_examples_run_and_write_what_they_say(tmp_path):
    """Every ``new-notebook`` and ``render`` line of the pages, in a temporary folder, in the
    order written (the notebook example renders the starter the line before writes); each exits
    0 and writes the files its comment names. ``render --site`` (257 reports, the better part of
    an hour on two cores) is planned, not run: the test checks it plans them."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "OCANALYSIS_CACHE": str(tmp_path / "cache")}
    ran = 0
    for command, comment in shell_lines_with_comments():
        argv = shlex.split(command)[1:]
        if argv[0] not in ("new-notebook", "render"):
            continue
        if "--dask" in argv:  # needs a Dask cluster: parsed (above), not run
            continue
        if "--site" in argv:
            from ocanalysis.render import plan

            jobs = plan.plan([], site=True, formats=("html",), out=tmp_path / "site")
            assert len(jobs) == 257  # 193 countries, 28 summaries, 36 indicator pages
            continue
        result = subprocess.run(
            [sys.executable, "-m", "ocanalysis", *argv, "--quiet"]
            if argv[0] == "render"
            else [sys.executable, "-m", "ocanalysis", *argv],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=1800,
        )
        failed = [line for line in result.stderr.splitlines() if line.startswith("failed:")]
        assert result.returncode == 0, (command, failed or result.stderr[-2000:])
        assert "Traceback" not in result.stderr
        for named in re.findall(r"reports/\S+?\.(?:html|pdf)", comment):
            assert (tmp_path / named).exists(), (command, named)
        ran += 1
    assert ran >= 5
