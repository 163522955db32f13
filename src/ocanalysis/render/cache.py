"""Skip-if-unchanged: a report is rendered again only when one of its inputs changed.

The key hashes the dataset file, the notebook file, the parameters, the package version (with
the package's own source, so an edited report helper counts as a change while developing) and
the profile text. The record is kept beside the outputs in ``DIR/<edition>/.cache/<stem>.json``.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from .. import __version__
from .._atomic import write_atomic
from ..dataset import DATA_FILE, data_dir
from .layout import CACHE_DIR

PACKAGE_DIR = Path(__file__).resolve().parents[1]


def file_digest(path: Path | str) -> str:
    """The SHA-256 of a file's bytes, in hex.

    >>> path = getfixture("tmp_path") / "empty.txt"
    >>> _ = path.write_bytes(b"")
    >>> file_digest(path)
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
    """
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@cache
def package_digest() -> str:
    """The package version and a hash of its Python source and report templates.

    >>> len(package_digest()), package_digest() == package_digest()
    (64, True)
    """
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.suffix in {".py", ".j2", ".css", ".json"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def input_key(notebook: Path, parameters: dict, profile: Path | None) -> str:
    """The hash of everything a report depends on.

    >>> notebook = getfixture("tmp_path") / "report.ipynb"
    >>> _ = notebook.write_text("{}")
    >>> key = input_key(notebook, {"country": "BEL", "edition": 2023}, None)
    >>> key == input_key(notebook, {"country": "BEL", "edition": 2025}, None), len(key)
    (False, 64)
    """
    parts = {
        "data": file_digest(data_dir() / DATA_FILE),
        "notebook": file_digest(notebook),
        "parameters": {k: v for k, v in parameters.items() if k != "profile"},
        "package": package_digest(),
        "profile": file_digest(profile) if profile else None,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def record_path(edition_folder: Path, stem: str) -> Path:
    """Where the key of one report's last render is kept.

    >>> record_path(Path("reports/2023"), "BEL-belgium").as_posix()
    'reports/2023/.cache/BEL-belgium.json'
    """
    return Path(edition_folder) / CACHE_DIR / f"{stem}.json"


def is_current(edition_folder: Path, stem: str, key: str, outputs: list[Path]) -> bool:
    """True when the stored key matches and every requested output exists.

    >>> folder = getfixture("tmp_path")
    >>> report = folder / "BEL-belgium.html"
    >>> _ = report.write_text("<p>report</p>"); store(folder, "BEL-belgium", "k1")
    >>> [is_current(folder, "BEL-belgium", key, [report]) for key in ("k1", "k2")]
    [True, False]
    """
    try:
        stored = json.loads(record_path(edition_folder, stem).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return stored.get("key") == key and all(Path(p).exists() for p in outputs)


def store(edition_folder: Path, stem: str, key: str) -> None:
    """Record ``key`` as the inputs of the report just rendered.

    >>> folder = getfixture("tmp_path")
    >>> store(folder, "BEL-belgium", "k1"); record_path(folder, "BEL-belgium").read_text()
    '{"key": "k1"}\\n'
    """
    write_atomic(record_path(edition_folder, stem), json.dumps({"key": key}) + "\n")


def forget(edition_folder: Path, stem: str) -> None:
    """Drop a report's record, so that it is rendered again (no error if there is none).

    >>> folder = getfixture("tmp_path")
    >>> store(folder, "BEL-belgium", "k1")
    >>> forget(folder, "BEL-belgium"); forget(folder, "BEL-belgium")
    >>> record_path(folder, "BEL-belgium").exists()
    False
    """
    try:
        record_path(edition_folder, stem).unlink()
    except OSError:
        pass
