"""The publisher's workbook: one ``<year>_dataset`` sheet per edition."""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import InputError
from ._table import (
    EDITION_SHEET,
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_RATIO,
    MAX_ROWS,
    RawTable,
)


def _check_zip(path: Path) -> None:
    """Refuse a zip bomb from its directory alone, before openpyxl inflates any member."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip at all: load_workbook below says so in its own words
    for info in members:
        size, packed = info.file_size, max(info.compress_size, 1)
        if size > MAX_FILE_BYTES or (size > 1 << 20 and size / packed > MAX_RATIO):
            raise InputError(
                f"{path}, member {info.filename[:80]}: {size:,} bytes decompressed from "
                f"{info.compress_size:,} (limit {MAX_FILE_BYTES:,} bytes, ratio {MAX_RATIO}); "
                "refused as a possible zip bomb"
            )


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_workbook(path: Path, edition: int | None = None) -> list[RawTable]:
    """Read every ``<year>_dataset`` sheet of a workbook (or only ``edition``'s) into raw tables.

    >>> import openpyxl
    >>> book, path = openpyxl.Workbook(), getfixture("tmp_path") / "index.xlsx"
    >>> book.active.title = "2023_dataset"
    >>> for row in (["Country", "Cocaine trade"], ["Belgium", 6.5]):
    ...     book.active.append(row)
    >>> book.save(path)
    >>> [(t.sheet, t.edition, t.header, t.rows) for t in read_workbook(path)]
    [('2023_dataset', 2023, ['Country', 'Cocaine trade'], [['Belgium', 6.5]])]
    """
    import openpyxl  # imported here: only building data needs it

    _check_zip(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, TypeError) as error:
        if path.stat().st_size == 0:
            raise InputError(
                f"{path}: empty file; expected the publisher's .xlsx workbook"
            ) from None
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise InputError(
            f"{path}: not a readable .xlsx workbook (truncated or another format: {reason})"
        ) from None
    except Exception as error:  # openpyxl raises many types for damaged files
        raise InputError(
            f"{path}: not a readable .xlsx workbook ({type(error).__name__}: {error})"
        ) from None
    try:
        tables = []
        for sheet in book.worksheets:
            match = EDITION_SHEET.match(sheet.title)
            if not match:
                continue
            sheet_edition = int(match.group(1))
            if edition is not None and sheet_edition != edition:
                continue
            tables.append(_read_sheet(path, sheet, sheet_edition))
    except InputError:
        raise
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError) as error:
        raise InputError(f"{path}: workbook is damaged or truncated ({error})") from None
    finally:
        book.close()
    if not tables:
        wanted = f"a {edition}_dataset sheet" if edition else "a sheet named like 2023_dataset"
        titles = ", ".join(repr(s) for s in book.sheetnames) or "none"
        raise InputError(f"{path}: no {wanted} (sheets: {titles})")
    return tables


def _read_sheet(path: Path, sheet, edition: int) -> RawTable:
    header: list[str] | None = None
    header_row = 0
    rows: list[list[object]] = []
    numbers: list[int] = []
    where = f"{path}, sheet {sheet.title}"
    # One column past the limit is read so that a wider sheet is noticed, not silently cut.
    for number, cells in enumerate(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1), 1):
        if number > MAX_ROWS:
            raise InputError(f"{where}: more than {MAX_ROWS:,} rows (limit); not an index sheet")
        if len(cells) > MAX_COLUMNS and not _blank(cells[MAX_COLUMNS]):
            raise InputError(f"{where}, row {number}: more than {MAX_COLUMNS} columns (limit)")
        cells = cells[:MAX_COLUMNS]
        for column, cell in enumerate(cells, 1):
            if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
                raise InputError(
                    f"{where}, row {number}, column {column}: cell of {len(cell):,} characters "
                    f"(limit {MAX_CELL_CHARS:,})"
                )
        if header is None:
            if all(_blank(c) for c in cells):
                continue
            header = ["" if c is None else str(c) for c in cells]
            header_row = number
            continue
        if all(_blank(c) for c in cells):
            continue
        rows.append(list(cells))
        numbers.append(number)
    if header is None or not rows:
        raise InputError(f"{path}, sheet {sheet.title}: empty sheet (no header or no rows)")
    width = len(header)
    while width and not header[width - 1].strip():
        width -= 1
    header = header[:width]
    rows = [(r + [None] * width)[:width] for r in rows]
    return RawTable(
        path=path,
        edition=edition,
        header=header,
        rows=rows,
        sheet=sheet.title,
        first_row=header_row + 1,
        row_numbers=numbers,
    )
