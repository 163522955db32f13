"""The world, a region and a comparison rendered for real, on the warm kernels of one worker
(slow): the summary and comparison notebooks execute, and the index links them."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def rendered():
    """World, Western Europe's region report, Belgium against the Netherlands, and Belgium
    (whose report links to the region's): one worker, so each ran on the warm kernel."""
    from ocanalysis.render import batch, plan
    from ocanalysis.render.index import write_index

    # Our own folder (as test_batch.py): other pytest sessions prune pytest's temporary folders.
    folder = Path(tempfile.mkdtemp(prefix="ocanalysis-summaries-test-"))
    out = folder / "reports"
    options = {"formats": ("html",), "out": out}
    summaries = [
        plan.world_job(2023, **options),
        *plan.region_jobs(2023, only=["western europe"], **options),
        plan.compare_job(["Belgium", "nld"], 2023, **options),
    ]
    belgium = plan.jobs(
        plan.select(["Belgium"]), 2023, planned_stems={j.stem for j in summaries}, **options
    )
    previous = os.environ.get("OCANALYSIS_CACHE")
    os.environ["OCANALYSIS_CACHE"] = str(folder / "cache")
    try:
        summary = batch.run([*summaries, *belgium], workers=1, show_progress=False)
        write_index(out)
    finally:
        if previous is None:
            os.environ.pop("OCANALYSIS_CACHE", None)
        else:
            os.environ["OCANALYSIS_CACHE"] = previous
    yield out, summary
    shutil.rmtree(folder, ignore_errors=True)


def test_world_region_comparison_render_on_warm_kernels(rendered):
    import json

    out, summary = rendered
    assert summary.text() == "rendered 4, skipped 0 (unchanged), failed 0"
    folder = out / "2023"
    for stem, title in (
        ("world", "World: Global Organized Crime Index 2023"),
        ("region-western-europe", "Western Europe: Global Organized Crime Index 2023"),
        ("compare-BEL-NLD", "Belgium, Netherlands: Global Organized Crime Index 2023"),
    ):
        html = (folder / f"{stem}.html").read_text()
        assert f"<title>{title}</title>" in html
        assert "Global Organized Crime Index, 2023 edition" in html  # the header ran
        assert "<script" not in html.lower()
        assert (folder / f"{stem}.ipynb").is_file()
    notebook = json.loads((folder / "BEL-belgium.ipynb").read_text())
    injected = "".join(
        "".join(cell["source"])
        for cell in notebook["cells"]
        if "injected-parameters" in cell["metadata"].get("tags", [])
    )
    assert 'related = {"region": "region-western-europe.html"}' in injected


def test_index_links_the_summaries(rendered):
    out, _ = rendered
    page = (out / "index.html").read_text()
    links = re.findall(r'href="([^"]+)"', page)
    assert links == [
        "2023/world.html",
        "2023/region-western-europe.html",
        "2023/BEL-belgium.html",
        "2023/compare-BEL-NLD.html",
    ]
