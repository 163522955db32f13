"""The packages import their heavy names on first use: importing ``ocanalysis`` (every command)
does not import pandas, and every exported name is the object its module defines."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import ocanalysis
import ocanalysis.analysis

PACKAGES = [ocanalysis, ocanalysis.analysis]


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.__name__)
def test_every_exported_name_is_its_modules_object(package):
    names = package._LAZY  # name -> the submodule it comes from
    assert set(names) <= set(package.__all__), "a lazy name that is not exported"
    for name in package.__all__:
        value = getattr(package, name)
        assert name in dir(package)
        if name in names:
            module = importlib.import_module(f"{package.__name__}.{names[name]}")
            assert value is getattr(module, name), name


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.__name__)
def test_an_unknown_name_is_an_attribute_error(package):
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        package.nonsense  # noqa: B018
    assert not hasattr(package, "_private_nonsense")


LIGHT = """\
import sys
import ocanalysis, ocanalysis.analysis, ocanalysis.render.kernel_template
from ocanalysis.cli import build_parser
build_parser()  # every command's options, defaults included
heavy = sorted(m for m in ("pandas", "numpy", "matplotlib", "jupyter_client") if m in sys.modules)
assert not heavy, heavy
assert ocanalysis.dataset.__name__ == "ocanalysis.dataset"  # a submodule, on first use
assert ocanalysis.wide.__module__ == "ocanalysis.dataset"
assert ocanalysis.analysis.audit.DEFAULT_RUNS == 1000
"""


def test_the_command_line_and_the_template_start_without_pandas():
    # A new process: this one imported everything long ago.
    done = subprocess.run([sys.executable, "-c", LIGHT], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
