"""environment.yml (conda) and pyproject.toml (pip) must name the same packages."""

import re
import tomllib

from conftest import ROOT

# conda-forge splits dask[distributed] into two packages; pip's 'dask[distributed]' names both.
CONDA_ONLY = {"python", "pip", "distributed"}


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!\[;]", requirement.strip(), maxsplit=1)[0].lower()


def test_environment_yml_and_pyproject_name_the_same_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pip_names = {_name(r) for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        pip_names |= {_name(r) for r in extra}
    conda_names = set()
    text = (ROOT / "environment.yml").read_text()
    for line in text.split("dependencies:", 1)[1].splitlines():
        match = re.match(r"^  - ([A-Za-z0-9_.\-]+)", line)
        if match:
            conda_names.add(_name(match.group(1)))
    assert conda_names - CONDA_ONLY == pip_names


def test_console_script_and_papermill_engine_declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["scripts"]["ocanalysis"] == "ocanalysis.cli:main"
    assert "papermill.engine" in project["entry-points"]


def test_ci_runs_make_test():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
