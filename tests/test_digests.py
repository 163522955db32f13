"""The caches are keyed by what determines their contents, the dataset's bytes and the package's
source (ocanalysis._digests), not by the version string: an edit is never read back stale."""

from __future__ import annotations

import shutil

import pytest

from ocanalysis import __version__, _digests
from ocanalysis.analysis import audit
from ocanalysis.dataset import DATA_FILE, data_dir
from ocanalysis.render import COUNTRY_NOTEBOOK, cache


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A small package tree standing for ocanalysis' source; the digest is recomputed."""
    tree = tmp_path / "package"
    (tree / "analysis").mkdir(parents=True)
    (tree / "analysis" / "audit.py").write_text("WEIGHT_SPREAD = 0.25\n")
    (tree / "notes.txt").write_text("not source")
    monkeypatch.setattr(_digests, "PACKAGE_DIR", tree)
    _digests.source_digest.cache_clear()
    yield tree
    _digests.source_digest.cache_clear()


def keys() -> tuple:
    """The key of each cache: a computed audit's file and a report's record."""
    return (
        audit.cache_path(2023, 1000, 12345),
        cache.input_key(COUNTRY_NOTEBOOK, {"country": "BEL", "edition": 2023}, None),
    )


def edited(tree, relative: str, text: str) -> None:
    (tree / relative).write_text(text)
    _digests.source_digest.cache_clear()  # as a new process would see it


def test_an_edited_source_file_changes_both_cache_keys_and_the_version_does_not_need_to(package):
    before = keys()
    edited(package, "analysis/audit.py", "WEIGHT_SPREAD = 0.5\n")
    after = keys()
    assert __version__ == "0.1.0"  # unchanged by the edit
    assert after[0] != before[0] and after[1] != before[1]
    edited(package, "notes.txt", "still not source")
    assert keys() == after
    edited(package, "analysis/audit.py", "WEIGHT_SPREAD = 0.25\n")
    assert keys() == before


def test_file_boundaries_count_in_the_source_digest(package):
    # Names and bytes run together would end in "x.pyy.py" for both trees.
    edited(package, "x.py", "y.py")
    one_file = _digests.source_digest()
    edited(package, "x.py", "")
    edited(package, "y.py", "")
    assert _digests.source_digest() != one_file


def test_a_changed_dataset_changes_both_cache_keys(tmp_path, monkeypatch):
    copy = tmp_path / "data"
    shutil.copytree(data_dir(), copy)
    monkeypatch.setenv("OCANALYSIS_DATA", str(copy))
    before = keys()
    with (copy / DATA_FILE).open("a") as handle:
        handle.write("\n")
    after = keys()
    assert after[0] != before[0] and after[1] != before[1]


def test_an_edited_translation_changes_the_report_key(package):
    """A report's words come from the catalogues too: a changed translation renders it again."""
    (package / "locale" / "fr" / "LC_MESSAGES").mkdir(parents=True)
    edited(package, "locale/fr/LC_MESSAGES/report.po", 'msgid "Map"\nmsgstr "Carte"\n')
    before = keys()
    edited(package, "locale/fr/LC_MESSAGES/report.po", 'msgid "Map"\nmsgstr "Plan"\n')
    assert keys()[1] != before[1]
