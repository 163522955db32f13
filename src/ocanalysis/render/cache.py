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
from ..dataset import DATA_FILE, data_dir
from .layout import CACHE_DIR, write_atomic

PACKAGE_DIR = Path(__file__).resolve().parents[1]


def file_digest(path: Path | str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@cache
def package_digest() -> str:
    """The package version and a hash of its Python source and report templates."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.suffix in {".py", ".j2", ".css", ".json"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def input_key(notebook: Path, parameters: dict, profile: Path | None) -> str:
    """The hash of everything a report depends on."""
    parts = {
        "data": file_digest(data_dir() / DATA_FILE),
        "notebook": file_digest(notebook),
        "parameters": {k: v for k, v in parameters.items() if k != "profile"},
        "package": package_digest(),
        "profile": file_digest(profile) if profile else None,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def record_path(edition_folder: Path, stem: str) -> Path:
    return Path(edition_folder) / CACHE_DIR / f"{stem}.json"


def is_current(edition_folder: Path, stem: str, key: str, outputs: list[Path]) -> bool:
    """True when the stored key matches and every requested output exists."""
    try:
        stored = json.loads(record_path(edition_folder, stem).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return stored.get("key") == key and all(Path(p).exists() for p in outputs)


def store(edition_folder: Path, stem: str, key: str) -> None:
    write_atomic(record_path(edition_folder, stem), json.dumps({"key": key}) + "\n")


def forget(edition_folder: Path, stem: str) -> None:
    try:
        record_path(edition_folder, stem).unlink()
    except OSError:
        pass
