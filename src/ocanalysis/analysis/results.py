"""Where computed edition-wide results are kept: in memory, shipped with the data build, and
in the cache folder, computed once per machine.

A result (the default audit, the default sensitivity analysis: the same for every report of an
edition) is looked up, in order:

1. **in memory**: computed or read once per process (:func:`kept`);
2. **shipped**: ``ocanalysis data build`` computes the default results of every edition and
   writes them beside the data (``results/`` in :func:`~ocanalysis.dataset.data_dir`), with a
   manifest naming the data and the method they were computed from (:func:`ship`). They are read
   only while both are this process's (the data's digest, and :func:`method_digest` of the
   modules that compute them); a new data build or an edited method computes them again;
3. **in the cache folder** (``$OCANALYSIS_CACHE``), under a name holding every digest the result
   depends on (:func:`cache_file`);
4. **computed**, by one process at a time: the first takes a lock on the cache entry, the others
   wait for it and read what it wrote (concurrent workers of a batch, two ``ocanalysis``
   commands) instead of computing the same result each (:func:`entry_lock`).

Every file is JSON, checked on reading (``_store``: nothing read can run code). The cache folder
may be shared or written by someone else: a file there that is not such a result is computed
again and replaced, with a :class:`CacheWarning`; a lock that cannot be taken (a planted
symlink, an unwritable folder) or that is held longer than :data:`LOCK_WAIT` only means
computing without it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import stat
import time
import warnings
from dataclasses import fields, replace
from pathlib import Path

import pandas as pd

from .. import dataset
from .._atomic import write_atomic, write_files_atomic
from .._digests import PACKAGE_DIR, data_digest, source_digest
from . import _store

SHIPPED_DIR = "results"  # in the data folder
MANIFEST = "manifest.json"
MANIFEST_FORMAT = "ocanalysis-shipped-results-1"
# The modules that compute the shipped results: an edit to one of them computes them again (an
# edit elsewhere does not; the test of the shipped results recomputes them all to be sure).
METHOD_FILES = (
    "analysis/audit.py",
    "analysis/sensitivity.py",
    "analysis/settings.py",
    "analysis/_frames.py",
    "analysis/_store.py",
    "scoring.py",
    "catalogue.py",
)
# What computes a cached result besides our source: a new release may change a float's last bit.
COMPUTING_LIBRARIES = ("numpy", "pandas", "SALib", "scipy")
LOCK_WAIT = 300.0  # seconds a process waits for another computing the same result
LOCK_POLL = 0.05


class CacheWarning(UserWarning):
    """A file in the cache folder (or a shipped result) that is not a result this version wrote:
    it is computed again (and a cached file replaced)."""


def cache_dir() -> Path:
    """Where computed results are kept: $OCANALYSIS_CACHE, else ~/.cache/ocanalysis.

    >>> getfixture("monkeypatch").setenv("OCANALYSIS_CACHE", "/srv/cache")
    >>> str(cache_dir())
    '/srv/cache'
    """
    env = os.environ.get("OCANALYSIS_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "ocanalysis"


def cache_file(kind: str, *key) -> Path:
    """The cache file of one computed result of ``kind``: its key, then the digests of the
    dataset and of the package's source and of the versions of Python and of the libraries that
    compute it (:func:`environment_digest`), so an edited computation or another environment
    sharing the folder never reads another's result.

    >>> getfixture("monkeypatch").setenv("OCANALYSIS_CACHE", "/srv/cache")
    >>> cache_file("audit", 2023, 1000, 12345).name.startswith("audit-2023-1000-12345-")
    True
    """
    digests = f"{data_digest()[:16]}-{source_digest()[:16]}-{environment_digest()[:16]}"
    return cache_dir() / f"{_name(kind, key)}-{digests}.json"


def _name(kind: str, key) -> str:
    return f"{kind}-{'-'.join(str(k) for k in key)}"


@functools.cache
def environment_digest() -> str:
    """A digest of the Python implementation and version and of the versions of
    :data:`COMPUTING_LIBRARIES` (once per process).

    >>> len(environment_digest())
    64
    """
    return hashlib.sha256("\0".join(_environment()).encode()).hexdigest()


def _environment() -> list[str]:
    import platform
    from importlib import metadata

    parts = [platform.python_implementation(), platform.python_version()]
    for name in COMPUTING_LIBRARIES:
        try:
            parts.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name}=absent")
    return parts


@functools.cache
def method_digest() -> str:
    """A digest of the source of :data:`METHOD_FILES` (once per process).

    >>> len(method_digest())
    64
    """
    digest = hashlib.sha256()
    for name in METHOD_FILES:
        data = (PACKAGE_DIR / name).read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


# ----------------------------------------------------------------------------- looking up

_kept: dict[Path, object] = {}  # cache path -> the result, never handed out itself (see kept)


def kept(kind: str, key: tuple, result_type, expected: dict, compute, *args):
    """``compute(*args)``, a ``result_type``, looked up as the module's docstring says (memory,
    shipped, cache folder) before it is computed and written to the cache folder; each call
    given a copy of its own (:func:`fresh_copy`).

    ``expected`` names field values the stored result must hold (the edition, runs and seed it
    was looked up by). An unwritable cache only means computing again next time.
    """
    path = cache_file(kind, *key)
    result = _kept.get(path)
    if result is None:
        result = _shipped(kind, key, result_type, expected)
    if result is None:
        with entry_lock(path):
            # Read under the lock: another process may have computed it while this one waited.
            result = _read(path, result_type, expected)
            if result is None:
                result = compute(*args)
                with contextlib.suppress(OSError):
                    write_atomic(path, _store.encode(result))
    _kept[path] = result
    return fresh_copy(result)


def _read(path: Path, result_type, expected: dict):
    """The stored result at ``path``, or None (absent, unreadable or not such a result)."""
    return read_checked(
        path,
        lambda data: _store.decode(data, result_type, expected),
        f"a stored {result_type.__name__}",
        "computed again",
    )


def read_checked(path: Path, decode, what: str, then: str):
    """``decode(data)`` of the regular file at ``path``; None when it is absent, and None with a
    :class:`CacheWarning` (``<path>: not <what> (<why>); <then>``) when it cannot be read or
    ``decode`` refuses it (a ``ValueError``)."""
    try:
        data = read_regular(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        reason = f"cannot be read ({error.strerror or error})"
    else:
        try:
            return decode(data)
        except ValueError as error:
            reason = f"not {what} ({error})"
    warnings.warn(f"{path}: {reason}; {then}", CacheWarning, stacklevel=4)
    return None


def read_regular(path: Path) -> bytes:
    """A regular file's bytes, never through a symlink or from a FIFO (which would block)."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(0, "not a regular file")
        return handle.read()


def fresh_copy(result):
    """A copy of a kept result that shares nothing a caller could change: its frames copied,
    its dicts too (tuples, numbers and text cannot be changed in place)."""
    changed = {}
    for spec in fields(result):
        value = getattr(result, spec.name)
        if isinstance(value, pd.DataFrame):
            changed[spec.name] = value.copy(deep=True)
        elif isinstance(value, dict):
            changed[spec.name] = dict(value)
    return replace(result, **changed)


def forget_kept() -> None:
    """Drop the results kept in memory (they are read from disk again)."""
    _kept.clear()


@contextlib.contextmanager
def entry_lock(path: Path, wait: float | None = None):
    """Hold the lock of one cache entry (``<entry>.lock``, an advisory ``flock`` the system
    releases when its holder dies, however it dies) while the block runs; yields whether it is
    held. Not held: no ``fcntl`` (not POSIX), a folder that cannot be written, a lock path that
    is not a regular file (a planted symlink is never followed), or another holder past
    ``wait`` seconds (default :data:`LOCK_WAIT`): the caller then computes without it.

    >>> entry = getfixture("tmp_path") / "audit-2023.json"
    >>> with entry_lock(entry) as held:
    ...     with entry_lock(entry, wait=0.1) as again:  # a second holder waits, then goes on
    ...         held, again
    (True, False)
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield False
        return
    lock = path.with_name(path.name + ".lock")
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
        fd = os.open(lock, flags, 0o644)
    except OSError:
        yield False
        return
    try:
        held = stat.S_ISREG(os.fstat(fd).st_mode) and _flock(fcntl, fd, wait)
        yield held
    finally:
        os.close(fd)  # releases the lock


def _flock(fcntl, fd: int, wait: float | None) -> bool:
    deadline = time.monotonic() + (LOCK_WAIT if wait is None else wait)
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(LOCK_POLL)
        except OSError:
            return False


# ----------------------------------------------------------------------------- shipped


def shipped_dir(folder: Path | None = None) -> Path:
    """The folder of the shipped results of the data in ``folder`` (default: the data read)."""
    return Path(folder if folder is not None else dataset.data_dir()) / SHIPPED_DIR


def _manifest(folder: Path) -> dict | None:
    """The manifest of the shipped results in ``folder``, if it is of this data and method."""
    manifest = _manifest_document(folder, MANIFEST_FORMAT)
    if manifest is None:
        return None
    if (manifest.get("data_sha256"), manifest.get("method_sha256")) != (
        data_digest(),
        method_digest(),
    ):
        return None  # another data build or an edited method: computed again
    files = manifest.get("files")
    return manifest if isinstance(files, dict) else None


def _shipped(kind: str, key: tuple, result_type, expected: dict):
    """The shipped result of ``kind`` and ``key`` when the manifest holds it for this data and
    method; None otherwise. A shipped file that is not what the manifest says is warned of."""
    folder = shipped_dir()
    manifest = _manifest(folder)
    name = f"{_name(kind, key)}.json"
    if manifest is None or name not in manifest["files"]:
        return None
    path = folder / name
    try:
        data = read_regular(path)
        if hashlib.sha256(data).hexdigest() != manifest["files"][name]:
            raise _store.StoreError("its digest is not the manifest's")
        return _store.decode(data, result_type, expected)
    except (OSError, _store.StoreError) as error:
        reason = getattr(error, "strerror", None) or error
        warnings.warn(f"{path}: {reason}; computed again", CacheWarning, stacklevel=4)
        return None


def defaults(edition: int) -> list[tuple[str, tuple, object]]:
    """The results every report of ``edition`` reads: ``(kind, key, compute)`` each."""
    from . import audit, sensitivity

    return [
        (
            "audit",
            (edition, audit.DEFAULT_RUNS, audit.DEFAULT_SEED),
            lambda: audit.run(edition, audit.DEFAULT_RUNS, audit.DEFAULT_SEED),
        ),
        (
            "sensitivity",
            (edition, sensitivity.DEFAULT_SAMPLES, audit.DEFAULT_SEED),
            lambda: sensitivity.analyse(edition, sensitivity.DEFAULT_SAMPLES, audit.DEFAULT_SEED),
        ),
    ]


def ship(folder: Path | str | None = None) -> dict:
    """Compute the default results of every edition of the data in ``folder`` (default: the data
    read) and write them to its ``results/`` with their manifest; returns the manifest.

    The results come from the method itself, never from the cache folder. The manifest is
    written last, after every result file: until then the folder holds no manifest of this data,
    and nothing is read from it.
    """
    folder = Path(folder) if folder is not None else dataset.data_dir()
    with _reading(folder):
        target = shipped_dir(folder)
        files: dict[Path, bytes] = {}
        for edition in dataset.editions():
            for kind, key, compute in defaults(edition):
                files[target / f"{_name(kind, key)}.json"] = _store.encode(compute())
        manifest = {
            "format": MANIFEST_FORMAT,
            "data_sha256": data_digest(),
            "method_sha256": method_digest(),
            "method_files": list(METHOD_FILES),
            "computed_with": _environment(),
            "files": {p.name: hashlib.sha256(data).hexdigest() for p, data in files.items()},
        }
        # Only files a manifest of ours names are removed: the manifest first, so that no
        # reader takes the old files for this data's while they are replaced.
        previous = _listed(target)
        with contextlib.suppress(FileNotFoundError):
            (target / MANIFEST).unlink()
        write_files_atomic(files)
        for name in previous - set(manifest["files"]):
            with contextlib.suppress(FileNotFoundError):
                (target / name).unlink()
        write_atomic(target / MANIFEST, json.dumps(manifest, indent=2) + "\n")
    return manifest


def _listed(folder: Path) -> set[str]:
    """The result files a manifest in ``folder`` names, whatever data it is of."""
    names = (_manifest_document(folder, None) or {}).get("files")
    if not isinstance(names, dict | list):
        return set()
    return {n for n in names if isinstance(n, str) and "/" not in n and n.endswith(".json")}


def _manifest_document(folder: Path, format: str | None) -> dict | None:
    """The manifest file in ``folder`` as a JSON object (of ``format``, unless None), or None."""
    try:
        return _store.json_object(read_regular(folder / MANIFEST), format, "a manifest")
    except (OSError, _store.StoreError):
        return None


@contextlib.contextmanager
def _reading(folder: Path):
    """Read the data in ``folder`` while the block runs (the data build's target may be
    another folder than the one read)."""
    previous = os.environ.get("OCANALYSIS_DATA")
    os.environ["OCANALYSIS_DATA"] = str(folder)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("OCANALYSIS_DATA", None)
        else:
            os.environ["OCANALYSIS_DATA"] = previous
