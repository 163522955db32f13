"""Fixtures of the render tests: planned jobs and a render whose batch is recorded, not run."""

from __future__ import annotations

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
