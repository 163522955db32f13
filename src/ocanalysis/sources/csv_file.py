"""CSV files: an export of a ``<year>_dataset`` sheet, or the 2025 indicator file.

Read with the csv module, every cell a string: pandas' defaults would turn Namibia's ISO2 code
'NA' into a missing value.
"""

from __future__ import annotations

import csv
from pathlib import Path

from ..errors import InputError
from ._table import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    RawTable,
    edition_from_name,
)


def read_csv(path: Path, edition: int | None = None) -> list[RawTable]:
    """Read a CSV export into one raw table, every cell kept as the string it is.

    >>> path = getfixture("tmp_path") / "2023_dataset.csv"
    >>> _ = path.write_text("Country;ISO2\\nNamibia;NA\\n")
    >>> table = read_csv(path)[0]
    >>> table.edition, table.header, table.rows, table.row_numbers
    (2023, ['Country', 'ISO2'], [['Namibia', 'NA']], [2])
    """
    stated = edition_from_name(path.name)
    if edition is None:
        edition = stated
    if edition is None:
        raise InputError(
            f"{path}: cannot tell which edition this CSV holds; put the year in its name "
            "(e.g. 2025_dataset.csv) or pass --edition"
        )
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError(
                f"{path}: {path.stat().st_size:,} bytes (limit {MAX_FILE_BYTES:,}); not an index CSV"
            )
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror})") from None
    if b"\x00" in raw[:4096]:
        raise InputError(f"{path}: binary data, not a CSV text file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    if not text.strip():
        raise InputError(f"{path}: empty file")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    records = []
    reader = csv.reader(text.splitlines(), dialect)
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:  # a field over csv's own limit (131,072 characters)
            raise InputError(f"{path}, line {reader.line_num}: {error}") from None
        number = reader.line_num
        if number > MAX_ROWS:
            raise InputError(f"{path}: more than {MAX_ROWS:,} lines (limit); not an index CSV")
        if len(record) > MAX_COLUMNS:
            raise InputError(f"{path}, line {number}: more than {MAX_COLUMNS} fields (limit)")
        for column, cell in enumerate(record, 1):
            if len(cell) > MAX_CELL_CHARS:
                raise InputError(
                    f"{path}, line {number}, column {column}: field of {len(cell):,} characters "
                    f"(limit {MAX_CELL_CHARS:,})"
                )
        records.append(record)
    numbered = [(n, r) for n, r in enumerate(records, start=1) if any(c.strip() for c in r)]
    if len(numbered) < 2:
        raise InputError(f"{path}: no data rows under the header")
    (_, header), body = numbered[0], numbered[1:]
    width = len(header)
    rows = []
    for number, record in body:
        if len(record) != width:
            raise InputError(
                f"{path}, line {number}: {len(record)} fields where the header has {width} "
                "(truncated or malformed CSV)"
            )
        rows.append(list(record))
    return [
        RawTable(
            path=path,
            edition=edition,
            header=[h.strip() for h in header],
            rows=rows,
            row_numbers=[n for n, _ in body],
        )
    ]
