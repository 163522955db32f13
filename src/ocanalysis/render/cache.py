"""Skip-if-unchanged: a report is rendered again only when one of its inputs changed.

The key hashes the dataset file, the notebook file, the parameters, the package version and
source (``ocanalysis._digests``: an edited report helper counts as a change while developing) and
the profile text. The record is kept beside the outputs in ``DIR/<edition>/.cache/<stem>.json``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .._atomic import write_atomic
from .._digests import data_digest, file_digest, source_digest
from .layout import CACHE_DIR


def input_key(notebook: Path, parameters: dict, profile: Path | None) -> str:
    """The hash of everything a report depends on.

    >>> notebook = getfixture("tmp_path") / "report.ipynb"
    >>> _ = notebook.write_text("{}")
    >>> key = input_key(notebook, {"country": "BEL", "edition": 2023}, None)
    >>> key == input_key(notebook, {"country": "BEL", "edition": 2025}, None), len(key)
    (False, 64)
    """
    parts = {
        "data": data_digest(),
        "notebook": file_digest(notebook),
        "parameters": {k: v for k, v in parameters.items() if k != "profile"},
        "package": source_digest(),
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
