from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_EDITION_IN_NAME = re.compile(r"(?<!\d)(20[1-9]\d)(?!\d)")
EDITION_SHEET = re.compile(r"^\s*(\d{4})[ _-]?dataset\s*$", re.IGNORECASE)

# Limits on what a reader accepts: far above the publisher's files (193 countries, ~40 columns,
# short labels), far below what could exhaust memory or time (a zip bomb, a million empty rows).
MAX_ROWS = 5_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 10_000
MAX_FILE_BYTES = 64 << 20  # a CSV file, or one member of a workbook once decompressed
MAX_RATIO = 200  # decompressed / compressed size of a workbook member above 1 MiB
SHOWN_CHARS = 80


def shown(value: object, limit: int = SHOWN_CHARS) -> str:
    """``repr(value)`` cut to ``limit`` characters with an ellipsis, for one-line messages.

    >>> shown("high"), shown("x" * 100)[-6:], len(shown("x" * 10**6))
    ("'high'", 'xxx...', 80)
    """
    text = repr(value[: limit + 1] if isinstance(value, str) else value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass
class RawTable:
    """One edition's table as read: header, rows of raw cells, and where they came from."""

    path: Path
    edition: int
    header: list[str]
    rows: list[list[object]]
    sheet: str | None = None
    first_row: int = 2  # file row (1-based) of rows[0]
    row_numbers: list[int] = field(default_factory=list)

    def row_number(self, index: int) -> int:
        return self.row_numbers[index] if self.row_numbers else self.first_row + index

    def where(self, index: int | None = None) -> str:
        place = f"{self.path}"
        if self.sheet is not None:
            place += f", sheet {self.sheet}"
        if index is not None:
            place += f", {'row' if self.sheet is not None else 'line'} {self.row_number(index)}"
        return place


def edition_from_name(name: str) -> int | None:
    """The edition a file or sheet name states ('2025_dataset.csv' -> 2025), if exactly one.

    >>> edition_from_name("oc_index_2025_indicators.csv"), edition_from_name("export.csv")
    (2025, None)
    """
    years = set(_EDITION_IN_NAME.findall(Path(name).name))
    return int(years.pop()) if len(years) == 1 else None
