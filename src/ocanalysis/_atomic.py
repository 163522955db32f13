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
