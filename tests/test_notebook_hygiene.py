"""Project rule: every notebook under notebooks/ is committed without outputs or execution counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
ALL_NOTEBOOKS = sorted(p for p in NOTEBOOKS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def test_there_are_notebooks_to_check():
    assert ALL_NOTEBOOKS, f"no notebooks found under {NOTEBOOKS}"


@pytest.mark.parametrize(
    "path", ALL_NOTEBOOKS, ids=[str(p.relative_to(NOTEBOOKS)) for p in ALL_NOTEBOOKS]
)
def test_committed_without_outputs(path):
    # Read the raw JSON: the rule is about what is in the file, not what nbformat makes of it.
    document = json.loads(path.read_text(encoding="utf-8"))
    dirty = [
        f"cell {index} ({cell.get('id', 'no id')})"
        for index, cell in enumerate(document["cells"])
        if cell["cell_type"] == "code"
        and (cell.get("outputs") != [] or cell.get("execution_count") is not None)
    ]
    assert not dirty, f"{path.name}: code cells with outputs or execution counts: {dirty}"
