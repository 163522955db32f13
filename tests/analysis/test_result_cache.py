"""The computed-results cache ($OCANALYSIS_CACHE) is a folder someone else may write: whatever is
planted there is never executed nor trusted; it is computed again, replaced, and a warning names
it. Results read back are the results computed, bit for bit; the key holds the versions that
change them; and what a caller gets cannot change what the next caller gets."""

from __future__ import annotations

import dataclasses
import json
import pickle
import warnings

import pandas as pd
import pytest

from ocanalysis.analysis import audit, sensitivity

RUNS, SAMPLES, SEED = 40, 16, 3


class Planted:
    """Unpickling this writes the marker file: what a planted pickle could do."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


@pytest.fixture
def cache(monkeypatch, tmp_path):
    monkeypatch.setenv("OCANALYSIS_CACHE", str(tmp_path / "cache"))
    forget = getattr(audit, "forget_kept", None) or audit.kept.cache_clear
    forget()
    yield tmp_path / "cache"
    forget()


def audit_file():
    return audit.cache_path(2023, RUNS, SEED)


def sensitivity_file():
    return audit.cache_file("sensitivity", 2023, SAMPLES, SEED)


def cached(kind: str):
    if kind == "audit":
        return audit.cached_run(2023, runs=RUNS, seed=SEED)
    return sensitivity.cached_analysis(2023, samples=SAMPLES, seed=SEED)


def stored(kind: str) -> dict:
    """A valid stored result of ``kind``, as JSON to edit."""
    result = (
        audit.run(2023, runs=RUNS, seed=SEED)
        if kind == "audit"
        else sensitivity.analyse(2023, samples=SAMPLES, seed=SEED)
    )
    from ocanalysis.analysis import _store

    return json.loads(_store.encode(result))


def edited(kind: str, edit) -> bytes:
    document = stored(kind)
    edit(document["fields"])
    return json.dumps(document).encode()


def _set(path: list, value):
    def edit(fields):
        place = fields
        for step in path[:-1]:
            place = place[step]
        place[path[-1]] = value

    return edit


FRAME = {"audit": "rank_uncertainty", "sensitivity": "indices"}
NUMBER_COLUMN = {"audit": 2, "sensitivity": 4}  # nominal (int64), value (float64)

# Each: what is planted, as a function of (kind, marker path).
PLANTED = {
    "code-running pickle": lambda kind, marker: pickle.dumps(Planted(marker)),
    "unsupported pickle protocol": lambda kind, marker: b"\x80\x63" + b"\0" * 40,
    "pickle of another type": lambda kind, marker: pickle.dumps({"edition": 2023}),
    "empty": lambda kind, marker: b"",
    "not UTF-8": lambda kind, marker: b"\xff\xfe{}",
    "nested deep": lambda kind, marker: b"[" * 100_000,
    "JSON of another shape": lambda kind, marker: b'{"format": "ocanalysis-result-1"}',
    "the other kind's result": lambda kind, marker: json.dumps(
        stored("sensitivity" if kind == "audit" else "audit")
    ).encode(),
    "a field missing": lambda kind, marker: edited(kind, lambda f: f.pop("seed")),
    "a field added": lambda kind, marker: edited(kind, _set(["extra"], 1)),
    "another seed": lambda kind, marker: edited(kind, _set(["seed"], SEED + 1)),
    "another edition": lambda kind, marker: edited(kind, _set(["edition"], 2021)),
    "a seed that is text": lambda kind, marker: edited(kind, _set(["seed"], str(SEED))),
    "a column renamed": lambda kind, marker: edited(
        kind, _set([FRAME[kind], "columns", 0], "code")
    ),
    "a foreign dtype": lambda kind, marker: edited(
        kind, _set([FRAME[kind], "dtypes", NUMBER_COLUMN[kind]], "complex128")
    ),
    "a number that is text": lambda kind, marker: edited(
        kind, _set([FRAME[kind], "values", NUMBER_COLUMN[kind], 0], "1")
    ),
    "a column cut short": lambda kind, marker: edited(
        kind, lambda f: f[FRAME[kind]]["values"][NUMBER_COLUMN[kind]].pop()
    ),
    "a column of nested lists": lambda kind, marker: edited(
        kind, _set([FRAME[kind], "values", 0, 0], [["BEL"]])
    ),
}


@pytest.mark.parametrize("kind", ["audit", "sensitivity"])
@pytest.mark.parametrize("planted", list(PLANTED))
def test_a_planted_or_broken_cache_file_is_never_trusted_computed_again_and_named(
    cache, tmp_path, kind, planted
):
    marker = tmp_path / "code-ran"
    path = audit_file() if kind == "audit" else sensitivity_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(PLANTED[planted](kind, marker))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = cached(kind)
    assert not marker.exists(), "a planted file ran code"
    named = [str(w.message) for w in caught if str(path) in str(w.message)]
    assert named, f"no warning named {path}: {[str(w.message) for w in caught]}"
    assert result.to_dict() == cached_fresh(kind).to_dict()
    # Replaced by a good result: the next process reads it without a warning.
    (getattr(audit, "forget_kept", None) or audit.kept.cache_clear)()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert cached(kind).to_dict() == result.to_dict()


def cached_fresh(kind: str):
    if kind == "audit":
        return audit.run(2023, runs=RUNS, seed=SEED)
    return sensitivity.analyse(2023, samples=SAMPLES, seed=SEED)


@pytest.mark.parametrize("kind", ["audit", "sensitivity"])
def test_a_result_read_back_is_the_result_computed_bit_for_bit(cache, kind):
    computed = cached(kind)
    (getattr(audit, "forget_kept", None) or audit.kept.cache_clear)()
    read_back = cached(kind)
    for spec in dataclasses.fields(computed):
        ours, theirs = getattr(computed, spec.name), getattr(read_back, spec.name)
        if isinstance(ours, pd.DataFrame):
            pd.testing.assert_frame_equal(theirs, ours, check_exact=True)
            assert list(theirs.dtypes) == list(ours.dtypes) and theirs.index.equals(ours.index)
        else:
            assert theirs == ours and type(theirs) is type(ours)


@pytest.mark.parametrize(
    "what, patch",
    [
        ("python", ("platform", "python_version", lambda: "3.99.0")),
        ("numpy", ("metadata", "numpy", "0.1")),
        ("pandas", ("metadata", "pandas", "0.1")),
        ("SALib", ("metadata", "SALib", "0.1")),
        ("scipy", ("metadata", "scipy", "0.1")),
    ],
)
def test_the_cache_key_holds_the_versions_that_change_results(monkeypatch, cache, what, patch):
    import platform
    from importlib import metadata

    def clear():
        digest = getattr(audit, "environment_digest", None)
        if digest is not None:
            digest.cache_clear()

    clear()
    before = (audit_file(), sensitivity_file())
    where, name, value = patch
    if where == "platform":
        monkeypatch.setattr(platform, name, value)
    else:
        real = metadata.version
        monkeypatch.setattr(
            metadata, "version", lambda package: value if package == name else real(package)
        )
    clear()
    try:
        after = (audit_file(), sensitivity_file())
    finally:
        monkeypatch.undo()
        clear()
    assert after[0] != before[0] and after[1] != before[1], f"{what} is not in the key"


@pytest.mark.parametrize("kind", ["audit", "sensitivity"])
def test_what_a_caller_changes_in_a_cached_result_no_other_caller_sees(cache, kind):
    first = cached(kind)
    expected = cached_fresh(kind).to_dict()
    for spec in dataclasses.fields(first):
        value = getattr(first, spec.name)
        if isinstance(value, pd.DataFrame):
            value[value.columns[-1]] = 1  # a column replaced
            value.iloc[0, 0] = value.iloc[1, 0]  # a cell written
            del value[value.columns[1]]  # a column dropped
        elif isinstance(value, dict):
            value.clear()
    assert cached(kind).to_dict() == expected
