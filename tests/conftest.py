"""Shared fixtures. Tests that need the publisher's raw files or the seed profile skip, with the
reason, when ../shared is not beside the checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SOURCES = SHARED / "data"  # the older inputs: the 2023 release's workbook, a third-party 2025 CSV
PUBLISHER = SHARED / "publisher"  # the publisher's current workbook: the default source
SEED = SHARED / "seed" / "000_ed105222c23efabc.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    if not (SOURCES / "global_oc_index.xlsx").exists():
        pytest.skip(
            f"publisher's raw files not found at {SOURCES} (../shared is not beside the repo)"
        )
    return SOURCES


@pytest.fixture(scope="session")
def publisher_dir() -> Path:
    if not (PUBLISHER / "global_oc_index.xlsx").exists():
        pytest.skip(
            f"publisher's current workbook not found at {PUBLISHER} (../shared is not beside the repo)"
        )
    return PUBLISHER


@pytest.fixture(scope="session")
def current_workbook(publisher_dir) -> Path:
    return publisher_dir / "global_oc_index.xlsx"


@pytest.fixture(scope="session")
def workbook(sources_dir) -> Path:
    return sources_dir / "global_oc_index.xlsx"


@pytest.fixture(scope="session")
def csv_2025(sources_dir) -> Path:
    return sources_dir / "oc_index_2025_indicators.csv"


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"seed profile not found at {SEED} (../shared is not beside the repo)")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def audit_cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("audit-cache")


@pytest.fixture(autouse=True)
def _audits_kept_in_the_test_session(monkeypatch, audit_cache_dir):
    """Audits the tests compute (`ocanalysis audit`, reports) are kept in a folder of the test
    session, never in the user's ~/.cache."""
    monkeypatch.setenv("OCANALYSIS_CACHE", str(audit_cache_dir))
