"""Readers for the publisher's files, one module per format behind a small registry.

Every reader returns :class:`RawTable` objects: a header and rows of cells exactly as read, with
where they came from, so that :mod:`ocanalysis.normalize` can name the file, sheet, row and column of
every problem. Readers raise :class:`~ocanalysis.errors.InputError` for files they cannot read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import InputError
from ._table import RawTable, edition_from_name
from .csv_file import read_csv
from .workbook import read_workbook

Reader = Callable[[Path, "int | None"], list[RawTable]]

# File suffix -> reader. A new format is one module and one line here.
READERS: dict[str, Reader] = {
    ".xlsx": read_workbook,
    ".xlsm": read_workbook,
    ".csv": read_csv,
}


def read(path: str | Path, edition: int | None = None) -> list[RawTable]:
    """Read one publisher file into raw tables (one per edition it holds).

    >>> path = getfixture("tmp_path") / "2025_dataset.csv"
    >>> _ = path.write_text("Country,Cocaine trade\\nBelgium,6\\n")
    >>> [(t.edition, t.header, t.rows) for t in read(path)]
    [(2025, ['Country', 'Cocaine trade'], [['Belgium', '6']])]
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; name a .xlsx or .csv file")
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise InputError(
            f"{path}: unsupported file type {path.suffix or '(none)'!r}; expected {known}"
        )
    return reader(path, edition)


def discover(folder: str | Path) -> list[Path]:
    """The publisher files in a folder, in a stable order (workbooks first, then CSVs).

    >>> folder = getfixture("tmp_path")
    >>> for name in ("b.csv", "notes.txt", "z.xlsx", "a.csv"):
    ...     _ = (folder / name).write_text("")
    >>> [p.name for p in discover(folder)]
    ['z.xlsx', 'a.csv', 'b.csv']
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(
            f"{folder}: no such folder of source data (pass the files or folder to use)"
        )
    found = [p for p in sorted(folder.iterdir()) if p.suffix.lower() in READERS]
    found.sort(key=lambda p: (p.suffix.lower() != ".xlsx", p.name))
    if not found:
        raise InputError(f"{folder}: holds no .xlsx or .csv files of index data")
    return found


__all__ = ["RawTable", "READERS", "read", "discover", "edition_from_name"]
