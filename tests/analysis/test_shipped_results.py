"""The edition-wide results shipped with the data build, and the lock that makes concurrent
processes compute a result once."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import warnings

import pytest

from ocanalysis import dataset
from ocanalysis.analysis import _store, audit, results, sensitivity


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A copy of the data folder, results included, read instead of the project's."""
    folder = tmp_path / "data"
    shutil.copytree(dataset.data_dir(), folder)
    monkeypatch.setenv("OCANALYSIS_DATA", str(folder))
    results.forget_kept()
    yield folder
    results.forget_kept()


def _refuse_to_compute(monkeypatch):
    def computed(*args, **kwargs):
        raise AssertionError("computed, though shipped")

    monkeypatch.setattr(audit, "run", computed)
    monkeypatch.setattr(sensitivity, "analyse", computed)


@pytest.mark.slow
def test_the_shipped_results_are_what_the_method_computes_now():
    """Every shipped file is, byte for byte, what the method computes from today's data, and
    the manifest names today's data and method (else: run `make data`)."""
    folder = results.shipped_dir()
    manifest = json.loads((folder / results.MANIFEST).read_text())
    hint = "the shipped results are stale: run `make data` (ocanalysis data build)"
    assert manifest["data_sha256"] == results.data_digest(), hint
    assert manifest["method_sha256"] == results.method_digest(), hint
    expected = set()
    for edition in dataset.editions():
        for kind, key, compute in results.defaults(edition):
            name = f"{kind}-{'-'.join(map(str, key))}.json"
            expected.add(name)
            assert (folder / name).read_bytes() == _store.encode(compute()), (name, hint)
    assert set(manifest["files"]) == expected


def test_every_report_result_is_read_from_the_shipped_files(data_copy, monkeypatch):
    _refuse_to_compute(monkeypatch)
    monkeypatch.setenv("OCANALYSIS_CACHE", str(data_copy.parent / "empty-cache"))
    for edition in dataset.editions():
        assert audit.cached_run(edition).edition == edition
        assert sensitivity.cached_analysis(edition).samples == sensitivity.DEFAULT_SAMPLES
    assert not (data_copy.parent / "empty-cache").exists()  # nothing computed, nothing cached


@pytest.mark.parametrize("field", ["data_sha256", "method_sha256"])
def test_results_of_other_data_or_another_method_are_not_read(data_copy, field):
    manifest_path = data_copy / results.SHIPPED_DIR / results.MANIFEST
    manifest = json.loads(manifest_path.read_text())
    manifest[field] = "0" * 64
    manifest_path.write_text(json.dumps(manifest))
    assert results._shipped("audit", (2023, 1000, 12345), audit.AuditResult, {}) is None


def test_a_shipped_file_that_is_not_the_manifests_is_computed_again_with_a_warning(
    data_copy, monkeypatch
):
    path = data_copy / results.SHIPPED_DIR / "audit-2023-1000-12345.json"
    path.write_bytes(path.read_bytes() + b" ")  # still a stored result, not the manifest's
    small = audit.run(2023, 20, 1)
    monkeypatch.setattr(audit, "run", lambda edition, runs, seed: small)
    monkeypatch.setenv("OCANALYSIS_CACHE", str(data_copy.parent / "cache"))
    with pytest.warns(results.CacheWarning, match="manifest"):
        assert audit.cached_run(2023).runs == 20  # computed (here: a stand-in)


def test_a_data_build_ships_the_results_of_its_own_data(tmp_path, monkeypatch):
    """`ship` into another folder computes from that folder's data (here: one edition less),
    replaces only what a manifest of ours named, and leaves other files alone."""
    folder = tmp_path / "data"
    shutil.copytree(dataset.data_dir(), folder, ignore=shutil.ignore_patterns("results"))
    frame = dataset.wide(all_editions=True)
    kept_editions = frame[frame["edition"] != 2021]
    text = dataset.serialize(kept_editions.reset_index(drop=True))
    (folder / dataset.DATA_FILE).write_text(text)
    provenance = json.loads((folder / dataset.PROVENANCE_FILE).read_text())
    provenance["dataset_sha256"] = __import__("hashlib").sha256(text.encode()).hexdigest()
    del provenance["editions"]["2021"]
    (folder / dataset.PROVENANCE_FILE).write_text(json.dumps(provenance))
    (folder / results.SHIPPED_DIR).mkdir()
    (folder / results.SHIPPED_DIR / "audit-2021-1000-12345.json").write_text("{}")
    (folder / results.SHIPPED_DIR / results.MANIFEST).write_text(
        json.dumps({"files": {"audit-2021-1000-12345.json": "x"}})
    )
    (folder / results.SHIPPED_DIR / "notes.json").write_text("mine")
    monkeypatch.setattr(audit, "DEFAULT_RUNS", 20)
    monkeypatch.setattr(sensitivity, "DEFAULT_SAMPLES", 16)
    manifest = results.ship(folder)
    assert sorted(manifest["files"]) == [
        "audit-2023-20-12345.json",
        "audit-2025-20-12345.json",
        "sensitivity-2023-16-12345.json",
        "sensitivity-2025-16-12345.json",
    ]
    names = sorted(p.name for p in (folder / results.SHIPPED_DIR).iterdir())
    assert names == sorted([*manifest["files"], results.MANIFEST, "notes.json"])
    monkeypatch.setenv("OCANALYSIS_DATA", str(folder))
    assert results._manifest(folder / results.SHIPPED_DIR) == manifest


# ----------------------------------------------------------------------------- the lock

CONCURRENT = """
import sys, time
from ocanalysis.analysis import audit
computed = audit.run
def run(*args):
    print("computed", flush=True)
    time.sleep(1.0)  # long enough for the other process to come for the same result
    return computed(*args)
audit.run = run
start = float(sys.argv[1])
while time.time() < start:
    time.sleep(0.005)
result = audit.cached_run(2023, runs=30, seed=99)
print(result.runs, flush=True)
"""


def test_two_processes_compute_one_result_once(tmp_path):
    environment = {**os.environ, "OCANALYSIS_CACHE": str(tmp_path / "cache")}
    start = str(time.time() + 3.0)  # both have imported the package by then
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", CONCURRENT, start],
            env=environment,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120)[0] for p in processes]
    assert [p.returncode for p in processes] == [0, 0]
    assert all(out.strip().endswith("30") for out in outputs), outputs
    assert sum(out.count("computed") for out in outputs) == 1, outputs


def test_the_lock_never_follows_a_planted_symlink(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("mine")
    entry = tmp_path / "cache" / "audit-2023.json"
    entry.parent.mkdir()
    os.symlink(victim, entry.with_name(entry.name + ".lock"))
    with results.entry_lock(entry) as held:
        assert not held
    assert victim.read_text() == "mine"


def test_a_lock_held_too_long_only_means_computing_without_it(tmp_path, monkeypatch):
    monkeypatch.setenv("OCANALYSIS_CACHE", str(tmp_path))
    monkeypatch.setattr(results, "LOCK_WAIT", 0.3)
    results.forget_kept()
    entry = results.cache_file("audit", 2023, 20, 5)
    with results.entry_lock(entry) as held:  # another holder that never lets go
        assert held
        started = time.monotonic()
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert audit.cached_run(2023, runs=20, seed=5).runs == 20
        assert time.monotonic() - started < 30
    results.forget_kept()
