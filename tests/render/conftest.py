"""Fixtures of the render tests: planned jobs and a render whose batch is recorded, not run."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from ocanalysis.render import batch, plan


@pytest.fixture(scope="session")
def site_jobs() -> list:
    """Every job of ``--site`` for 2023 (nothing rendered: the folder does not exist)."""
    return plan.plan(edition=2023, formats=("html",), out=Path("/nonexistent/reports"), site=True)


@pytest.fixture
def recorded_render(monkeypatch, tmp_path):
    """Run ``ocanalysis render ARGS --out TMP --quiet`` with ``batch.run`` recording its jobs
    instead of rendering them; returns a function giving (exit status, jobs)."""
    from ocanalysis.cli import main

    seen: list = []

    def fake_run(jobs, **options):
        seen[:] = jobs
        return batch.Summary([job.outcome("skipped") for job in jobs])

    monkeypatch.setattr(batch, "run", fake_run)

    def render(*argv: str):
        status = main(["render", *argv, "--out", str(tmp_path), "--quiet"])
        return status, list(seen)

    return render


@pytest.fixture(scope="session")
def chromium():
    from chromium_cdp import find_chromium

    path = find_chromium()
    if path is None:
        pytest.skip("chromium not installed (Debian package `chromium`; .ci/run installs it)")
    return path


@pytest.fixture(scope="session")
def rendered():
    """HTML of every kind of report, 2023, and the index: the world, Europe's continent report,
    Western Europe's region report, Belgium against the Netherlands, law enforcement's indicator
    report, and Belgium (whose report links to the region's): one worker, so each ran on the warm
    kernel. Yields (out, summary)."""
    # Our own folder (as test_batch.py): other pytest sessions prune pytest's temporary folders.
    folder = Path(tempfile.mkdtemp(prefix="ocanalysis-summaries-test-"))
    out = folder / "reports"
    options = {"formats": ("html",), "out": out}
    summaries = [
        plan.world_job(2023, **options),
        *plan.continent_jobs(2023, only=["europe"], **options),
        *plan.region_jobs(2023, only=["western europe"], **options),
        plan.compare_job(["Belgium", "nld"], 2023, **options),
        *plan.indicator_jobs(2023, only=["law_enforcement"], **options),
    ]
    belgium = plan.jobs(
        plan.select(["Belgium"]), 2023, planned_stems={j.stem for j in summaries}, **options
    )
    summary = _render_with_index([*summaries, *belgium], folder, out, "en")
    yield out, summary
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def rendered_in_french():
    """One report of each kind in French (HTML: the summaries and Belgium's), rendered on one
    warm kernel, and the French index."""
    folder = Path(tempfile.mkdtemp(prefix="ocanalysis-summaries-fr-test-"))
    out = folder / "reports"
    jobs = plan.plan(
        ["Belgium"],
        2023,
        formats=("html",),
        out=out,
        world=True,
        continents=["Oceania"],
        regions=["Western Europe"],
        compare=[["Belgium", "Peru"]],
        indicators=["law_enforcement"],
        lang="fr",
    )
    summary = _render_with_index(jobs, folder, out, "fr")
    yield out, summary
    shutil.rmtree(folder, ignore_errors=True)


def _render_with_index(jobs, folder: Path, out: Path, lang: str):
    """Render ``jobs`` on one warm kernel with a cache of the test's own (in ``folder``), then
    write ``lang``'s index; the batch's summary."""
    from ocanalysis.render.index import write_index

    previous = os.environ.get("OCANALYSIS_CACHE")
    os.environ["OCANALYSIS_CACHE"] = str(folder / "cache")
    try:
        summary = batch.run(jobs, workers=1, show_progress=False)
        write_index(out, lang)
    finally:
        if previous is None:
            os.environ.pop("OCANALYSIS_CACHE", None)
        else:
            os.environ["OCANALYSIS_CACHE"] = previous
    return summary
