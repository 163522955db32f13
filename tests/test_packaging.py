"""environment.yml (conda) and pyproject.toml (pip) must name the same packages."""

import importlib.metadata
import re
import subprocess
import sys
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


def test_console_script_declared_and_no_papermill_engine_entry_point():
    # The renderer registers its engine when it runs: importing papermill must not import us.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["scripts"]["ocanalysis"] == "ocanalysis.cli:command"
    assert "papermill.engine" not in project.get("entry-points", {})


def _weasyprint(requirements) -> str:
    (line,) = [r for r in requirements if _name(r) == "weasyprint"]
    return "".join(line.split())[len("weasyprint") :]


def test_weasyprint_range_is_one_in_both_files_and_holds_the_fast_paths_releases():
    """Both files allow the same WeasyPrint releases (those a report's PDF was verified with),
    CI's check installs the lowest, and every release the fast paths are on for is allowed."""
    import importlib.util

    from packaging.specifiers import SpecifierSet

    from ocanalysis.render.exporters._weasyprint_compat import TESTED_VERSIONS

    allowed = _weasyprint(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    )
    conda = re.findall(r"^  - (weasyprint\S*)", (ROOT / "environment.yml").read_text(), re.M)
    assert _weasyprint(conda) == allowed
    path = ROOT / "tools" / "check_oldest_weasyprint.py"
    spec = importlib.util.spec_from_file_location("check_oldest_weasyprint", path)
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    oldest = tool.oldest_weasyprint()
    assert f">={oldest}" in allowed.split(",")
    assert TESTED_VERSIONS and all(version in SpecifierSet(allowed) for version in TESTED_VERSIONS)


def test_ci_runs_make_test_and_the_oldest_weasyprint_check():
    run = (ROOT / ".ci" / "run").read_text()
    assert "make test" in run
    assert "tools/check_oldest_weasyprint.py" in run and "set -euo pipefail" in run


def test_importing_papermill_does_not_import_ocanalysis():
    installed = importlib.metadata.entry_points(group="papermill.engine")
    ours = [entry.value for entry in installed if entry.value.startswith("ocanalysis")]
    assert not ours, f"the installed ocanalysis still declares {ours[0]}: re-run `make setup`"
    check = "import papermill, sys; print('ocanalysis' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
