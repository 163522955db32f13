"""What a cached result depends on, as digests: the dataset's bytes and the package's source.

A cache keyed on these (the report records in ``render/cache.py``, the computed audits in
``analysis/audit.py``) is read again only while neither changed; the version string alone stays
the same through every edit made while developing.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from . import __version__
from .dataset import DATA_FILE, data_dir

PACKAGE_DIR = Path(__file__).resolve().parent
SOURCE_SUFFIXES = frozenset(
    {".py", ".j2", ".css", ".json", ".po"}
)  # code, templates, styles, words


def file_digest(path: Path | str) -> str:
    """The SHA-256 of a file's bytes, in hex.

    >>> path = getfixture("tmp_path") / "empty.txt"
    >>> _ = path.write_bytes(b"")
    >>> file_digest(path)
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
    """
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def data_digest() -> str:
    """The SHA-256 of the data the library reads (``data_dir()``: the index, the population),
    in hex.

    Read each time: ``ocanalysis data build`` or ``$OCANALYSIS_DATA`` may change it.

    >>> len(data_digest())
    64
    """
    from .population import POPULATION_FILE

    folder = data_dir()
    parts = [file_digest(folder / DATA_FILE)]
    people = folder / POPULATION_FILE  # absent from a folder built before it was added: then
    parts.append(file_digest(people) if people.exists() else "absent")  # its loader says so
    return hashlib.sha256(" ".join(parts).encode()).hexdigest()


@cache
def source_digest() -> str:
    """The package version and a hash of its source files (code, report templates and the
    translations' catalogues), in hex.

    Once per process, as the code a process runs is the code it imported.

    >>> len(source_digest()), source_digest() == source_digest()
    (64, True)
    """
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.suffix in SOURCE_SUFFIXES and "__pycache__" not in path.parts:
            data = path.read_bytes()
            # Name and length before the bytes: no two trees hash the same stream.
            digest.update(f"{path.relative_to(PACKAGE_DIR).as_posix()}\0{len(data)}\0".encode())
            digest.update(data)
    return digest.hexdigest()
