"""One report of any kind: its files, title and how messages name it."""

from __future__ import annotations

import pickle

import pytest

from ocanalysis.render.batch import Summary
from ocanalysis.render.job import Job


def job(kind: str, name: str, stem: str, iso3: str = "") -> Job:
    return Job(iso3, name, 2023, "nb.ipynb", "/reports", ("html", "pdf"), kind=kind, stem=stem)


@pytest.mark.parametrize(
    "kind, name, stem, iso3, label",
    [
        ("country", "Belgium", "", "BEL", "Belgium (BEL)"),
        ("world", "World", "world", "", "World (world)"),
        ("continent", "Africa", "continent-africa", "", "continent Africa (continent-africa)"),
        (
            "region",
            "Western Europe",
            "region-western-europe",
            "",
            "region Western Europe (region-western-europe)",
        ),
        (
            "compare",
            "Belgium, Netherlands",
            "compare-BEL-NLD",
            "",
            "comparison Belgium, Netherlands (compare-BEL-NLD)",
        ),
    ],
)
def test_every_kind_is_named_and_placed(kind, name, stem, iso3, label):
    report = job(kind, name, stem, iso3)
    expected_stem = stem or "BEL-belgium"
    assert report.stem == expected_stem and report.label == label
    assert report.title == f"{name}: Global Organized Crime Index 2023"
    assert [p.as_posix() for p in report.outputs] == [
        f"/reports/2023/{expected_stem}.{suffix}" for suffix in ("html", "pdf", "ipynb")
    ]
    assert report.failed_notebook.name == f"{expected_stem}.failed.ipynb"
    outcome = report.outcome("failed", error="NameError: x")
    assert (outcome.kind, outcome.stem, outcome.label) == (kind, expected_stem, label)
    assert Summary([outcome]).text().splitlines()[1] == f"failed: {label}: NameError: x"
    assert pickle.loads(pickle.dumps(report)) == report  # sent to pool and Dask workers


def test_old_names_still_answer():
    belgium = Job("BEL", "Belgium", 2023, "nb.ipynb", "/reports", ("html",))
    assert (belgium.country, belgium.kind, belgium.outcome("skipped").country) == (
        "Belgium",
        "country",
        "Belgium",
    )


def test_a_summary_needs_its_stem_and_a_known_kind():
    with pytest.raises(ValueError, match="needs its stem"):
        job("region", "Western Europe", "")
    with pytest.raises(ValueError, match="unknown kind"):
        job("planet", "Mars", "planet-mars")
