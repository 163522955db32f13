"""write_atomic, the one writer of every file the package writes: permissions as open() gives
them, no temporary left behind, the old file intact when writing fails."""

from __future__ import annotations

import contextlib
import errno
import fnmatch
import os
import stat

import pytest

from ocanalysis import _atomic
from ocanalysis._atomic import TEMPORARY_GLOB, write_atomic


@contextlib.contextmanager
def umask(mask: int):
    previous = os.umask(mask)
    try:
        yield
    finally:
        os.umask(previous)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("mask", [0o022, 0o027, 0o002])
def test_a_new_file_gets_the_permissions_open_gives(tmp_path, mask):
    target = tmp_path / "report.html"
    with umask(mask):
        write_atomic(target, "<p>done</p>")
        with open(tmp_path / "by-open.html", "w") as handle:
            handle.write("x")
    assert mode(target) == 0o666 & ~mask == mode(tmp_path / "by-open.html")


def test_an_existing_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "private.csv"
    target.write_text("old")
    target.chmod(0o600)
    write_atomic(target, "new")
    assert target.read_text() == "new" and mode(target) == 0o600


def test_text_is_utf8_bytes_as_given_and_folders_are_made(tmp_path):
    target = tmp_path / "a" / "b" / "data.csv"
    write_atomic(target, "Côte d'Ivoire\r\nPeru\n")
    assert target.read_bytes() == "Côte d'Ivoire\r\nPeru\n".encode()
    write_atomic(target, b"\x00\xff")
    assert target.read_bytes() == b"\x00\xff"


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch, failing):
    target = tmp_path / "report.html"
    target.write_text("old")

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_atomic.os, failing, fail)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_an_interrupted_write_leaves_no_temporary(tmp_path, monkeypatch):
    def interrupt(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(_atomic.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "report.html", "new")
    assert list(tmp_path.iterdir()) == []


def test_data_that_is_not_bytes_or_text_is_refused_before_anything_is_written(tmp_path):
    target = tmp_path / "report.html"
    target.write_text("old")
    with pytest.raises(TypeError, match=r"report\.html: write bytes or str, not int"):
        write_atomic(target, 12345)
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
    assert target.read_text() == "old"


def test_the_temporary_is_hidden_unique_and_swept_by_its_glob(tmp_path, monkeypatch):
    renamed = []
    replace = os.replace

    def spy(source, target):
        renamed.append(os.path.basename(source))
        replace(source, target)

    monkeypatch.setattr(_atomic.os, "replace", spy)
    for _ in range(2):
        write_atomic(tmp_path / "report.html", "x")
    assert len(set(renamed)) == 2
    assert all(name.startswith(".report.html.") for name in renamed)
    assert all(fnmatch.fnmatch(name, TEMPORARY_GLOB) for name in renamed)


# --- write_files_atomic: several files, all or none ----------------------------------------------


def a_previous_build(folder):
    """Two old files, and the new contents to write over them."""
    (folder / "ocindex.csv").write_text("old csv")
    (folder / "provenance.json").write_text("old provenance")
    return {folder / "ocindex.csv": "new csv", folder / "provenance.json": b"new provenance"}


def contents(folder) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted(folder.iterdir()) if p.is_file()}


def fail_on_call(number: int, error: BaseException):
    """A replacement for an os function that raises ``error`` on its ``number``-th call."""
    calls = []

    def wrapper(original):
        def replacement(*args):
            calls.append(args)
            if len(calls) == number:
                raise error
            return original(*args)

        return replacement

    return wrapper


def test_every_file_is_written_folders_made_permissions_kept(tmp_path):
    files = a_previous_build(tmp_path)
    (tmp_path / "ocindex.csv").chmod(0o600)
    (tmp_path / "provenance.json").chmod(0o604)
    files[tmp_path / "new" / "population.csv"] = "Côte d'Ivoire\n"
    with umask(0o027):
        assert _atomic.write_files_atomic(files) == list(files)
    assert contents(tmp_path) == {"ocindex.csv": "new csv", "provenance.json": "new provenance"}
    assert (tmp_path / "new" / "population.csv").read_bytes() == "Côte d'Ivoire\n".encode()
    assert mode(tmp_path / "ocindex.csv") == 0o600
    assert mode(tmp_path / "provenance.json") == 0o604
    assert mode(tmp_path / "new" / "population.csv") == 0o640  # new: as open() gives it


ENOSPC = OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize(
    ("function", "number", "error"),
    [
        ("fsync", 2, ENOSPC),  # the second file's data does not fit
        ("open", 2, OSError(errno.EROFS, "Read-only file system")),  # its temporary not created
        ("replace", 1, ENOSPC),  # everything written, the first rename fails
        ("fsync", 2, KeyboardInterrupt()),  # Ctrl-C while the second file is written
    ],
)
def test_a_failure_before_the_renames_leaves_every_old_file_and_no_temporary(
    tmp_path, monkeypatch, function, number, error
):
    files = a_previous_build(tmp_path)
    original = getattr(_atomic.os, function)
    monkeypatch.setattr(_atomic.os, function, fail_on_call(number, error)(original))
    with pytest.raises(type(error)):
        _atomic.write_files_atomic(files)
    assert contents(tmp_path) == {"ocindex.csv": "old csv", "provenance.json": "old provenance"}


def test_data_that_is_not_bytes_or_text_is_refused_before_any_file_is_written(tmp_path):
    files = a_previous_build(tmp_path)
    files[tmp_path / "provenance.json"] = {"not": "bytes"}
    with pytest.raises(TypeError, match=r"provenance\.json: write bytes or str, not dict"):
        _atomic.write_files_atomic(files)
    assert contents(tmp_path) == {"ocindex.csv": "old csv", "provenance.json": "old provenance"}


def test_the_renames_are_not_one_step_but_leave_no_temporary(tmp_path, monkeypatch):
    """As documented: a failure between two renames leaves the first file new, the second old
    (the dataset's sha256 check refuses such a pair on load); no temporary is left."""
    files = a_previous_build(tmp_path)
    monkeypatch.setattr(_atomic.os, "replace", fail_on_call(2, ENOSPC)(os.replace))
    with pytest.raises(OSError, match="No space left"):
        _atomic.write_files_atomic(files)
    assert contents(tmp_path) == {"ocindex.csv": "new csv", "provenance.json": "old provenance"}


def test_the_temporaries_are_beside_their_targets_and_swept_by_the_glob(tmp_path, monkeypatch):
    renamed = []
    replace = os.replace

    def spy(source, target):
        renamed.append((os.path.dirname(source), os.path.basename(source)))
        replace(source, target)

    monkeypatch.setattr(_atomic.os, "replace", spy)
    _atomic.write_files_atomic({tmp_path / "a.csv": "a", tmp_path / "sub" / "b.json": "b"})
    assert [folder for folder, _ in renamed] == [str(tmp_path), str(tmp_path / "sub")]
    assert all(fnmatch.fnmatch(name, TEMPORARY_GLOB) for _, name in renamed)
