"""The gallery notebook: committed without outputs, one parameters cell, and it runs for a country
of another edition with every figure kind shown as an image."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

GALLERY = Path(__file__).resolve().parents[2] / "notebooks" / "gallery.ipynb"
KINDS = (
    "market_scores",
    "actor_scores",
    "resilience_scores",
    "quadrant_scatter",
    "edition_change",
    "region_heatmap",
    "rank_robustness",
    "choropleth",
    "region_distributions",
    "pillar_pairs",
)


def code_cells(notebook: dict) -> list[dict]:
    return [c for c in notebook["cells"] if c["cell_type"] == "code"]


def test_committed_thin_and_without_outputs():
    notebook = json.loads(GALLERY.read_text(encoding="utf-8"))
    cells = code_cells(notebook)
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in cells)
    tagged = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1
    text = "".join(tagged[0]["source"])
    assert 'country = "Belgium"' in text and "edition = 2023" in text
    sources = ["".join(c["source"]) for c in cells]
    for kind in KINDS:
        assert sum(f"figures.{kind}(" in s for s in sources) == 1, kind


@pytest.mark.slow
def test_runs_under_papermill_for_another_country_and_edition(tmp_path):
    import papermill

    out = tmp_path / "gallery.ipynb"
    papermill.execute_notebook(
        str(GALLERY),
        str(out),
        parameters={"country": "Samoa", "edition": 2021},
        kernel_name="python3",
        cwd=str(GALLERY.parent),
        progress_bar=False,
    )
    executed = json.loads(out.read_text(encoding="utf-8"))
    images = [
        o
        for c in code_cells(executed)
        for o in c.get("outputs", [])
        if "image/png" in o.get("data", {})
    ]
    assert len(images) == len(KINDS)
    printed = "".join(
        "".join(o.get("text", "")) for c in code_cells(executed) for o in c.get("outputs", [])
    )
    assert printed.count("Samoa") >= len(KINDS)  # each figure's alt text names the country
