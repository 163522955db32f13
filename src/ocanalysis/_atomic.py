"""The one way the package writes a file: :func:`write_atomic`, never a half-written file.

The bytes go to a temporary file beside the target, named ``.NAME.<random>.tmp`` (hidden, unique
to the writer, and matched by :data:`TEMPORARY_GLOB` so a run that was killed can sweep what it
left), are flushed to disk (fsync) and renamed over the target in one step: a reader sees the old
file or the new one, never part of either. On any failure the temporary is removed and the old
file is left as it was.

Permissions are those ``open()`` gives: a new file gets ``0o666 & ~umask`` (0644 with the usual
umask), not the 0600 of ``tempfile.mkstemp``, since reports, handouts and the dataset are there to
be read; a file that exists keeps its permission bits, as it would when rewritten in place.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

TEMPORARY_GLOB = ".*.tmp"  # the names write_atomic's temporaries have, for sweeping leftovers
_ATTEMPTS = 100  # names to try; two writers drawing the same 64 random bits is not expected


def write_atomic(path: Path | str, data: bytes | str) -> Path:
    """Write ``data`` (``str`` as UTF-8, unchanged line ends) to ``path``; create its folder.

    >>> path = getfixture("tmp_path") / "2023" / "BEL-belgium.html"
    >>> write_atomic(path, "<p>report</p>").read_text(), [p.name for p in path.parent.iterdir()]
    ('<p>report</p>', ['BEL-belgium.html'])
    """
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    elif not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"{path}: write bytes or str, not {type(data).__name__}")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        kept_mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        kept_mode = None
    descriptor, temporary = _create_temporary(path)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            if kept_mode is not None:
                os.fchmod(handle.fileno(), kept_mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    return path


def _create_temporary(path: Path) -> tuple[int, Path]:
    """A new, empty file beside ``path``, opened for writing."""
    for _ in range(_ATTEMPTS):
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
        try:
            # Mode 0o666 and the kernel applies the umask, as for open(); O_EXCL: ours alone.
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"{path.parent}: no free temporary name for {path.name}")


def write_files_atomic(files: dict[Path | str, bytes | str]) -> list[Path]:
    """Write several files, all or none: each to its own temporary, then rename them all.

    Every file goes to a temporary beside its target as :func:`write_atomic` writes it (same
    permissions, flushed to disk); only when every one is written are they renamed over their
    targets, in the order given. A failure before the renames (a full disk, a read-only folder,
    Ctrl-C, data that is not bytes or text) removes every temporary and leaves every target as it
    was. The renames are not one atomic step: a process killed between two of them leaves the
    first files new and the rest old. Callers that need the set to agree must check it when they
    read it (the dataset's sha256 in its provenance does: ``DatasetError`` says how to rebuild).

    >>> folder = getfixture("tmp_path")
    >>> written = write_files_atomic({folder / "a.csv": "x\\n", folder / "b.json": b"{}"})
    >>> [p.name for p in written], sorted(p.name for p in folder.iterdir())
    (['a.csv', 'b.json'], ['a.csv', 'b.json'])
    """
    targets = {Path(path): _as_bytes(Path(path), data) for path, data in files.items()}
    for path in targets:
        path.parent.mkdir(parents=True, exist_ok=True)
    pending: list[tuple[Path, Path]] = []  # (temporary, target), not renamed yet
    try:
        for path, data in targets.items():
            pending.append((_write_temporary(path, data), path))
        while pending:
            temporary, path = pending[0]
            os.replace(temporary, path)
            pending.pop(0)
    except BaseException:
        for temporary, _ in pending:
            try:
                os.unlink(temporary)
            except OSError:
                pass
        raise
    return list(targets)


def _as_bytes(path: Path, data: bytes | str) -> bytes | bytearray | memoryview:
    if isinstance(data, str):
        return data.encode("utf-8")
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"{path}: write bytes or str, not {type(data).__name__}")
    return data


def _write_temporary(path: Path, data: bytes | bytearray | memoryview) -> Path:
    """``data`` in a new temporary beside ``path``, flushed to disk, with the mode ``path`` has
    (as :func:`write_atomic` gives it); the temporary is removed if this fails."""
    try:
        kept_mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        kept_mode = None
    descriptor, temporary = _create_temporary(path)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            if kept_mode is not None:
                os.fchmod(handle.fileno(), kept_mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    return temporary
