"""Skip-if-unchanged: a report is rendered again only when one of its inputs changed, or when
its outputs are not the ones its last render wrote.

The key hashes the dataset file, the notebook file, the parameters, the package version and
source (``ocanalysis._digests``: an edited report helper counts as a change while developing) and
the profile text. The record is kept beside the outputs in ``DIR/<edition>/.cache/<stem>.json``:
the key and the sha256 of every output. A report is current only when all of them agree, so a
render killed between two outputs, or two renders that wrote one output each, are seen and
rendered again. The renderer drops the record before it replaces any output and writes it last
(``job.render``), holding the report's lock (:func:`locked`) meanwhile.
"""

from __future__ import annotations

import contextlib
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
    """True when the stored key matches and every requested output is the one recorded.

    >>> folder = getfixture("tmp_path")
    >>> report = folder / "BEL-belgium.html"
    >>> _ = report.write_text("<p>report</p>"); store(folder, "BEL-belgium", "k1", [report])
    >>> [is_current(folder, "BEL-belgium", key, [report]) for key in ("k1", "k2")]
    [True, False]
    >>> _ = report.write_text("<p>another report</p>")  # not the file the render wrote
    >>> is_current(folder, "BEL-belgium", "k1", [report])
    False
    """
    try:
        stored = json.loads(record_path(edition_folder, stem).read_text(encoding="utf-8"))
    except (OSError, ValueError):  # no record, or a broken one: render again
        return False
    if not isinstance(stored, dict) or stored.get("key") != key:
        return False
    digests = stored.get("outputs")
    if not isinstance(digests, dict):
        return False
    for path in map(Path, outputs):
        try:
            if digests.get(path.name) != file_digest(path):
                return False
        except OSError:
            return False
    return True


def store(
    edition_folder: Path, stem: str, key: str, outputs: list[Path], notebook: str | None = None
) -> None:
    """Record ``key`` as the inputs of the report just rendered, with its outputs' digests (and,
    for a user notebook's report, the ``notebook`` it came from: :func:`recorded_notebook`).

    >>> folder = getfixture("tmp_path")
    >>> _ = (folder / "BEL-belgium.html").write_text("")
    >>> store(folder, "BEL-belgium", "k1", [folder / "BEL-belgium.html"])
    >>> json.loads(record_path(folder, "BEL-belgium").read_text())["outputs"]
    {'BEL-belgium.html': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'}
    """
    record = {"key": key, "outputs": {Path(p).name: file_digest(p) for p in outputs}}
    if notebook is not None:
        record["notebook"] = notebook
    write_atomic(record_path(edition_folder, stem), json.dumps(record, sort_keys=True) + "\n")


def recorded_notebook(edition_folder: Path, stem: str) -> str | None:
    """The user notebook whose render the record of ``stem`` records; None when there is no
    record, a broken one or one that names none.

    >>> folder = getfixture("tmp_path")
    >>> store(folder, "BEL-belgium.mine", "k1", [], notebook="/work/mine.ipynb")
    >>> recorded_notebook(folder, "BEL-belgium.mine"), recorded_notebook(folder, "BEL-belgium")
    ('/work/mine.ipynb', None)
    """
    try:
        stored = json.loads(record_path(edition_folder, stem).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    notebook = stored.get("notebook") if isinstance(stored, dict) else None
    return notebook if isinstance(notebook, str) else None


def forget(edition_folder: Path, stem: str) -> None:
    """Drop a report's record, so that it is rendered again (no error if there is none).

    >>> folder = getfixture("tmp_path")
    >>> store(folder, "BEL-belgium", "k1", [])
    >>> forget(folder, "BEL-belgium"); forget(folder, "BEL-belgium")
    >>> record_path(folder, "BEL-belgium").exists()
    False
    """
    with contextlib.suppress(FileNotFoundError):
        record_path(edition_folder, stem).unlink()


@contextlib.contextmanager
def locked(edition_folder: Path, stem: str):
    """Hold one report's lock: two renders of one report into one folder take turns.

    An advisory ``flock`` on ``.cache/<stem>.lock``, which the system releases when its holder
    dies, however it dies. Lock files are left in place: removing one would let two renders
    lock two different files. Where ``fcntl`` does not exist (Windows) there is no lock, and
    the record's digests still tell a mixed report from a whole one.

    >>> folder = getfixture("tmp_path")
    >>> with locked(folder, "BEL-belgium"):
    ...     (folder / ".cache" / "BEL-belgium.lock").exists()
    True
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    path = Path(edition_folder) / CACHE_DIR / f"{stem}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
