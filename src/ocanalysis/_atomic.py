"""The one way the package writes a file: :func:`write_atomic`, never a half-written file.

The bytes go to a temporary file beside the target, named ``.NAME.<host>-<pid>-<random>.tmp``
(hidden, unique to the writer, and matched by :data:`TEMPORARY_GLOB`; :func:`sweep_temporaries`
removes those whose writer is gone, so what a killed run left goes at the next run), are flushed to disk (fsync) and renamed over the target in one step: a reader sees the old
file or the new one, never part of either. On any failure the temporary is removed and the old
file is left as it was.

Permissions are those ``open()`` gives: a new file gets ``0o666 & ~umask`` (0644 with the usual
umask), not the 0600 of ``tempfile.mkstemp``, since reports, handouts and the dataset are there to
be read; a file that exists keeps its permission bits, as it would when rewritten in place.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import secrets
import socket
import stat
import time
from collections.abc import Callable
from pathlib import Path

TEMPORARY_GLOB = ".*.tmp"  # the names write_atomic's temporaries have, for sweeping leftovers
# The whole name of a temporary write_atomic makes, with its writer's host and pid: the sweep
# removes nothing else (a user's own ".notes.tmp" is theirs, however old).
_WRITER = re.compile(r"^\..+\.([0-9a-f]{6})-(\d+)-[0-9a-f]{16}\.tmp$")
REMOTE_AGE = 3600.0  # seconds: a temporary of another host is abandoned when this old
_ATTEMPTS = 100  # names to try; two writers drawing the same 64 random bits is not expected


def write_atomic(path: Path | str, data: bytes | str) -> Path:
    """Write ``data`` (``str`` as UTF-8, unchanged line ends) to ``path``; create its folder.

    >>> path = getfixture("tmp_path") / "2023" / "BEL-belgium.html"
    >>> write_atomic(path, "<p>report</p>").read_text(), [p.name for p in path.parent.iterdir()]
    ('<p>report</p>', ['BEL-belgium.html'])
    """
    return write_files_atomic({path: data})[0]


def write_files_atomic(
    files: dict[Path | str, bytes | str], *, before_rename: Callable[[], None] | None = None
) -> list[Path]:
    """Write several files so that none is replaced unless all could be written whole.

    Every file goes to its own temporary beside its target; only when all are on disk (a full
    disk fails here, every target as it was) is ``before_rename`` called (the renderer drops a
    report's record there) and each renamed over its target. The renames are not one atomic
    step: a kill between two leaves some files new and some old, which is what the callers'
    records catch (the render cache's digests, the dataset's sha256 in its provenance).

    >>> folder = getfixture("tmp_path")
    >>> [p.name for p in write_files_atomic({folder / "a.csv": "x", folder / "b.json": "{}"})]
    ['a.csv', 'b.json']
    """
    written: list[tuple[Path, Path]] = []
    try:
        for path, data in files.items():
            path = Path(path)
            written.append((_write_temporary(path, data), path))
        if before_rename is not None:
            before_rename()
        for temporary, path in written:
            os.replace(temporary, path)
    except BaseException:
        for temporary, _ in written:
            try:
                os.unlink(temporary)
            except OSError:  # renamed already, or gone
                pass
        raise
    return [path for _, path in written]


def _write_temporary(path: Path, data: bytes | str) -> Path:
    """``data`` whole on disk (fsync) in a new temporary beside ``path``, with the mode ``path``
    has or a new file gets; OSError names ``path``."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    elif not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"{path}: write bytes or str, not {type(data).__name__}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            kept_mode = stat.S_IMODE(os.stat(path).st_mode)
        except FileNotFoundError:
            kept_mode = None
        descriptor, temporary = _create_temporary(path)
    except OSError as error:
        raise _naming(error, path) from error
    try:
        with os.fdopen(descriptor, "wb") as handle:
            if kept_mode is not None:
                os.fchmod(handle.fileno(), kept_mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException as error:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(error, OSError):
            raise _naming(error, path) from error
        raise
    return temporary


def _naming(error: OSError, path: Path) -> OSError:
    # A write or fsync that fails (no space) names no file, a temporary's name means nothing to
    # the user: name the file being written.
    if error.strerror and (not error.filename or str(error.filename).endswith(".tmp")):
        return type(error)(error.errno, error.strerror, str(path))
    return error


def _create_temporary(path: Path) -> tuple[int, Path]:
    """A new, empty file beside ``path``, opened for writing."""
    for _ in range(_ATTEMPTS):
        temporary = path.with_name(f".{path.name}.{_owner()}-{secrets.token_hex(8)}.tmp")
        try:
            # Mode 0o666 and the kernel applies the umask, as for open(); O_EXCL: ours alone.
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"{path.parent}: no free temporary name for {path.name}")


def probe_writable(folder: Path | str) -> None:
    """Create ``folder`` if need be, then create and remove a temporary in it (of this module's
    naming: unique, never a user's file); OSError when a new file cannot be made there.

    >>> folder = getfixture("tmp_path") / "2023"
    >>> probe_writable(folder); list(folder.iterdir())  # made, and left empty
    []
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    descriptor, probe = _create_temporary(folder / "write-check")
    os.close(descriptor)
    os.unlink(probe)


def sweep_temporaries(folder: Path | str) -> list[Path]:
    """Remove the temporaries in ``folder`` whose writer is gone; return them. Only files named
    as :func:`write_atomic` names its temporaries are candidates.

    A temporary names its writer's host (a short hash) and pid. One of this host is removed
    when that process no longer runs, so two runs in one folder never remove each other's files
    and what a killed run left goes at the next run; one of another host (a folder shared with
    Dask workers) when it is older than :data:`REMOTE_AGE`, since no write takes that long.

    >>> folder = getfixture("tmp_path")
    >>> mine = folder / f".BEL-belgium.html.{_owner()}-0f3a9c2e7b1d4a56.tmp"
    >>> dead = folder / f".BEL-belgium.pdf.{_host()}-999999999-0f3a9c2e7b1d4a56.tmp"
    >>> for path in (mine, dead, folder / "BEL-belgium.html"):
    ...     _ = path.write_text("")
    >>> [p.name == dead.name for p in sweep_temporaries(folder)]
    [True]
    >>> sorted(p.name == mine.name for p in folder.iterdir())
    [False, True]
    """
    removed = []
    try:
        candidates = list(Path(folder).glob(TEMPORARY_GLOB))
    except OSError:
        return removed
    for leftover in candidates:
        match = _WRITER.match(leftover.name)
        if match is None:  # not a name we write: a user's file
            continue
        try:
            if match.group(1) == _host():
                if process_alive(int(match.group(2))):
                    continue
            elif time.time() - leftover.stat().st_mtime < REMOTE_AGE:
                continue
            leftover.unlink()
        except OSError:  # gone already, or a folder we cannot write: nothing to sweep
            continue
        removed.append(leftover)
    return removed


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this machine (another user's counts).

    >>> process_alive(os.getpid()), process_alive(999999999)
    (True, False)
    """
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True
    return True


@functools.cache
def _host() -> str:
    return hashlib.sha256(socket.gethostname().encode()).hexdigest()[:6]


def _owner() -> str:
    return f"{_host()}-{os.getpid()}"  # not cached: a forked worker has a pid of its own
