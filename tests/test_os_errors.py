"""Errors of the operating system a user can cause (a full disk, a read-only or wrong folder): one
line, ``ocanalysis: error: PATH: PROBLEM; WHAT TO DO``, exit status 2, and nothing half-written:
``data build`` writes its files all or none.

The full and read-only disks are small tmpfs mounts (root only): as root, chmod 0555 does not stop
a write, and only a real file system runs out of space the way a user's disk does."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ocanalysis import dataset
from ocanalysis.cli import main
from ocanalysis.errors import OCAnalysisError, OutputError

ROOT = Path(__file__).resolve().parents[1]
PAGE = 4096  # tmpfs counts whole pages


@pytest.fixture
def tmpfs(tmp_path):
    """``make(size)`` mounts a tmpfs of that many bytes and returns its folder; all are unmounted."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mounted: list[Path] = []

    def make(size: int) -> Path:
        folder = tmp_path / f"tmpfs{len(mounted)}"
        folder.mkdir()
        command = ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, check=False)
        except FileNotFoundError:
            pytest.skip("no mount command")
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs: {done.stderr.strip()}")
        mounted.append(folder)
        return folder

    yield make
    for folder in reversed(mounted):
        if subprocess.run(["umount", str(folder)], check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], check=True)


def remount_read_only(folder: Path) -> None:
    command = ["mount", "-o", "remount,ro", str(folder)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot remount the tmpfs read-only: {done.stderr.strip()}")


def a_previous_build(folder: Path) -> dict[str, bytes]:
    """The project's dataset copied into ``folder``, as a previous good build left it."""
    for name in (dataset.DATA_FILE, dataset.PROVENANCE_FILE):
        shutil.copyfile(ROOT / "data" / name, folder / name)
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def fill(folder: Path, leave: int) -> None:
    """Fill the file system of ``folder`` until only ``leave`` bytes (whole pages) are free."""
    stats = os.statvfs(folder)
    free = stats.f_bavail * stats.f_frsize
    assert free >= leave, f"the tmpfs is too small: {free} bytes free, {leave} to leave"
    (folder / "filler").write_bytes(b"\0" * (free - leave))
    stats = os.statvfs(folder)
    assert stats.f_bavail * stats.f_frsize == leave


def pages(size: int) -> int:
    return -(-size // PAGE) * PAGE


def build_command(out: Path, sources_dir: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "ocanalysis", "data", "build", str(sources_dir)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [*command, "--out", str(out)], capture_output=True, text=True, env=env, check=False
    )


def assert_one_line_error(done, *fragments: str) -> None:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("ocanalysis: error: ")
    for fragment in fragments:
        assert fragment in done.stderr


# --- data build on a disk the user chose ----------------------------------------------------


@pytest.fixture(scope="module")
def new_build(sources_dir, tmp_path_factory) -> dict[str, bytes]:
    """The files `data build` writes from the sources, to know how much room they take."""
    folder = tmp_path_factory.mktemp("new-build")
    dataset.build([sources_dir], folder)
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.mark.parametrize("room", ["none", "the CSV only"])
def test_a_full_disk_keeps_the_previous_build_whole(tmpfs, sources_dir, new_build, room):
    """No room for the new CSV, or room for it but not the provenance beside it (both new files
    must be on disk before either is renamed): exit 2, one line, the old files byte for byte."""
    out = tmpfs(64 * PAGE)
    before = a_previous_build(out)
    fill(out, leave=pages(len(new_build[dataset.DATA_FILE])) if room != "none" else PAGE)
    done = build_command(out, sources_dir)
    assert_one_line_error(
        done, str(out), "No space left on device", "free some space or choose another folder"
    )
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.name != "filler"}
    assert after == before  # byte for byte, and no temporary left


def test_a_read_only_folder_is_one_line_and_the_previous_build_is_kept(tmpfs, sources_dir):
    out = tmpfs(64 * PAGE)
    before = a_previous_build(out)
    remount_read_only(out)
    done = build_command(out, sources_dir)
    assert_one_line_error(
        done, str(out), "Read-only file system", "choose a folder you can write to (--out)"
    )
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_read_only_folder_below_the_out_folder(tmpfs, sources_dir):
    """The out folder does not exist and cannot be made: the message names it."""
    out = tmpfs(16 * PAGE)
    remount_read_only(out)
    done = build_command(out / "data", sources_dir)
    assert_one_line_error(done, str(out / "data"), "Read-only file system")


def test_out_naming_a_file_is_one_line(tmp_path, sources_dir):
    (tmp_path / "notes.txt").write_text("mine")
    done = build_command(tmp_path / "notes.txt", sources_dir)
    assert_one_line_error(done, str(tmp_path / "notes.txt"), "File exists; check the path")
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_library_callers_get_output_error_and_both_old_files(tmp_path, monkeypatch, sources_dir):
    """The provenance's fsync fails (the second): OutputError, an OCAnalysisError; nothing
    replaced. Before, the OSError escaped and the new CSV stood beside the old provenance."""
    before = a_previous_build(tmp_path)
    calls = []
    fsync = os.fsync

    def full_on_the_second(descriptor):
        calls.append(descriptor)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        fsync(descriptor)

    monkeypatch.setattr(os, "fsync", full_on_the_second)
    with pytest.raises(OutputError) as raised:
        dataset.build([sources_dir], tmp_path)
    assert isinstance(raised.value, OCAnalysisError) and raised.value.exit_status == 2
    assert raised.value.message.startswith(f"{tmp_path}: cannot write ")
    assert "No space left on device; free some space" in raised.value.message
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


# --- the command line's safety net: any OSError a command lets through -------------------------


@pytest.mark.parametrize(
    ("code", "strerror", "hint"),
    [
        (errno.ENOSPC, "No space left on device", "free some space or choose another folder"),
        (errno.EROFS, "Read-only file system", "choose a folder you can write to (--out)"),
        (errno.EACCES, "Permission denied", "choose a folder you can write to (--out)"),
        (errno.EPERM, "Operation not permitted", "choose a folder you can write to (--out)"),
        (errno.ENOENT, "No such file or directory", "check the path"),
        (errno.EIO, "Input/output error", "check the path and the disk, then try again"),
    ],
)
def test_an_os_error_from_any_command_is_one_line(capsys, monkeypatch, code, strerror, hint):
    def handler(args):
        raise OSError(code, strerror, "/srv/out/\nBEL.html")

    monkeypatch.setattr("ocanalysis.cli.countries.run", handler)
    assert main(["countries"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"ocanalysis: error: /srv/out/ BEL.html: {strerror}; {hint}\n"


def test_an_os_error_without_a_file_name_is_one_line(capsys, monkeypatch):
    def handler(args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("ocanalysis.cli.countries.run", handler)
    assert main(["countries"]) == 2
    assert capsys.readouterr().err == (
        "ocanalysis: error: No space left on device; free some space or choose another folder\n"
    )


@pytest.mark.parametrize(("error", "status"), [(BrokenPipeError, 0), (KeyboardInterrupt, 130)])
def test_a_closed_pipe_and_ctrl_c_keep_their_exit_status(capsys, monkeypatch, error, status):
    def handler(args):
        raise error

    monkeypatch.setattr("ocanalysis.cli.countries.run", handler)
    assert main(["countries"]) == status
