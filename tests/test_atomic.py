"""write_atomic, the one writer of every file the package writes: permissions as open() gives
them, no temporary left behind, the old file intact when writing fails."""

from __future__ import annotations

import contextlib
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
