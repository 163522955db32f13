"""Tables out to files: CSV, JSON and Excel, one writer per format, safe to open in a spreadsheet.

Every command that writes tables (``table``, ``audit``, ``headlines``) hands :func:`write` (or
:func:`encode`, for stdout) its sheets, ``{sheet name: DataFrame}``, and a format from
:data:`FORMATS`, in the manner of tablib's format registry:

- ``csv``: one sheet only, UTF-8, ``\\n`` line ends; numbers written as their shortest text;
- ``json``: one sheet as a list of records, several as ``{sheet: records}``; empty cells null
  (CSV and JSON leave ``meta`` out, so their shape is the table's alone);
- ``xlsx`` (openpyxl): one worksheet per sheet, the header row bold and frozen (``A2``), numbers
  as numeric cells, text as string cells, and, when ``meta`` is given, a last sheet
  ``provenance`` with its fields (the data's source and checksum, the citations).

Formula injection (OWASP, "CSV injection"): a text cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return would be evaluated by a spreadsheet. CSV and XLSX store such a
cell with a single quote in front (:func:`neutralise`), and XLSX also as a string cell, so
neither the workbook nor a CSV re-exported from it evaluates it. Numbers are numbers, never
text: ``-1.5`` stays numeric.

Files are written with :func:`ocanalysis._atomic.write_atomic` (never half a file); a folder that
cannot be written is an :class:`~ocanalysis.errors.OutputError` naming it.

>>> import pandas as pd
>>> frame = pd.DataFrame({"name": ["=1+1", "Belgium"], "change": [-1.5, 2.0]})
>>> print(encode({"rows": frame}, format="csv"), end="")
name,change
'=1+1,-1.5
Belgium,2
"""

from __future__ import annotations

import io
import json
import math
import numbers
from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from ._atomic import write_atomic
from .errors import ExportError, OutputError

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PROVENANCE_SHEET = "provenance"
XLSX_SHEET_NAME_LIMIT = 31  # Excel's limit
_XLSX_FORBIDDEN = set("[]:*?/\\")

Sheets = Mapping[str, pd.DataFrame]
Meta = Mapping[str, object]


def neutralise(value: object) -> object:
    """``value`` with a single quote in front when it is text a spreadsheet would evaluate.

    >>> neutralise("=HYPERLINK(\\"x\\")"), neutralise("-2"), neutralise("Côte d'Ivoire")
    ('\\'=HYPERLINK("x")', "'-2", "Côte d'Ivoire")
    >>> neutralise(-1.5), neutralise(None)
    (-1.5, None)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def number_text(value: float) -> str:
    """A number as its shortest text: whole numbers without a point (``8``, not ``8.0``).

    >>> number_text(8.0), number_text(4.43), number_text(0.8269), number_text(7811458017.0)
    ('8', '4.43', '0.8269', '7811458017')
    """
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def _scalar(value: object) -> object:
    """None for an empty value, bool/int/float for a number (numpy's too), else the value."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    return value


def _cell(value: object) -> object:
    """A cell's value as Python: None for empty, int/float/bool/str, text neutralised."""
    value = _scalar(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, list | tuple | dict):
        value = json.dumps(value, ensure_ascii=False)
    return neutralise(str(value))


def _rows(frame: pd.DataFrame) -> tuple[list[str], list[list[object]]]:
    header = [_cell(str(column)) for column in frame.columns]
    rows = [[_cell(v) for v in row] for row in frame.itertuples(index=False, name=None)]
    return header, rows


def meta_frame(meta: Meta) -> pd.DataFrame:
    """``meta`` as a two-column sheet, ``field`` and ``value`` (lists one value a row)."""
    fields, values = [], []
    for name, value in meta.items():
        for item in value if isinstance(value, list | tuple) else [value]:
            fields.append(name)
            values.append(item)
    return pd.DataFrame({"field": fields, "value": values})


def data_meta(editions: list[int] | tuple[int, ...], title: str) -> dict[str, object]:
    """The provenance sheet of an export of the index's data: what it is, where each edition came
    from, the embedded dataset's checksum, and how to cite the data and the package.

    >>> meta = data_meta([2023], "scores")
    >>> meta["title"], meta["edition 2023"], meta["cite the data"][0][:28]
    ('scores', 'global_oc_index.xlsx, sheet 2023_dataset', 'Global Initiative Against Tr')
    """
    from . import __version__, citation
    from .dataset import PROVENANCE_FILE, data_dir

    try:
        record = json.loads((data_dir() / PROVENANCE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        record = {}
    sources = record.get("editions") or {}
    meta: dict[str, object] = {"title": title, "publisher": citation.PUBLISHER_NAME}
    for edition in editions:
        source = sources.get(str(edition), {})
        meta[f"edition {edition}"] = source.get("source", "publisher data")
        if source.get("composites"):
            meta[f"edition {edition} composites"] = source["composites"]
    meta["dataset"] = record.get("dataset", "ocindex.csv")
    meta["dataset sha256"] = record.get("dataset_sha256", "")
    meta["exported by"] = f"ocanalysis {__version__}"
    meta["cite the data"] = [citation.publisher_citation(e) for e in editions]
    meta["cite the software"] = citation.package_citation()
    meta["source"] = citation.INDEX_URL
    return meta


def _write_csv(sheets: Sheets, meta: Meta | None) -> str:
    if len(sheets) != 1:
        raise ExportError(
            f"csv holds one table, not {len(sheets)} ({', '.join(sheets)}); use --format xlsx"
        )
    (frame,) = sheets.values()
    header, rows = _rows(frame)
    lines = [_csv_line(header)]
    lines += [
        _csv_line(
            "" if v is None else number_text(v) if isinstance(v, float) else str(v) for v in row
        )
        for row in rows
    ]
    return "".join(lines)


def _csv_line(fields) -> str:
    r"""One CSV record (RFC 4180 quoting). Not the csv module's: with ``\n`` line ends it leaves a
    lone ``\r`` unquoted, which splits the record for every reader.

    >>> print(_csv_line(["a", "x,y", "\rcmd"]).replace("\r", "<CR>"), end="")
    a,"x,y","<CR>cmd"
    """
    out = []
    for field in fields:
        if any(c in field for c in ',"\r\n'):
            field = '"' + field.replace('"', '""') + '"'
        out.append(field)
    return ",".join(out) + "\n"


def _json_value(value: object) -> object:
    value = _scalar(value)
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    return str(value)


def _write_json(sheets: Sheets, meta: Meta | None) -> str:
    # The shape callers know (a list of records) stays as it is: meta is xlsx's alone.
    if len(sheets) == 1:
        (frame,) = sheets.values()
        return json.dumps(_json_records(frame), ensure_ascii=False)
    return json.dumps(
        {name: _json_records(frame) for name, frame in sheets.items()}, ensure_ascii=False
    )


def _json_records(frame: pd.DataFrame) -> list[dict]:
    columns = [str(c) for c in frame.columns]
    return [
        dict(zip(columns, map(_json_value, row), strict=True))
        for row in frame.itertuples(index=False, name=None)
    ]


def _check_sheet_name(name: str) -> str:
    if not name or len(name) > XLSX_SHEET_NAME_LIMIT or _XLSX_FORBIDDEN & set(name):
        raise ExportError(
            f"sheet name {name!r}: Excel takes 1 to {XLSX_SHEET_NAME_LIMIT} characters, none of "
            f"{''.join(sorted(_XLSX_FORBIDDEN))}"
        )
    return name


def _write_xlsx(sheets: Sheets, meta: Meta | None) -> bytes:
    try:
        from openpyxl import Workbook
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter
    except ImportError as error:
        raise ExportError(
            f"xlsx needs openpyxl ({error}); install it: pip install 'openpyxl>=3.1'"
        ) from error
    all_sheets = dict(sheets)
    if meta is not None:
        all_sheets[PROVENANCE_SHEET] = meta_frame(meta)
    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for name, frame in all_sheets.items():
        sheet = workbook.create_sheet(_check_sheet_name(str(name)))
        header, rows = _rows(frame)
        widths = [len(str(h)) for h in header]
        for row_number, values in enumerate([header, *rows], start=1):
            for column_number, value in enumerate(values, start=1):
                cell = sheet.cell(row=row_number, column=column_number)
                if isinstance(value, str):
                    # openpyxl refuses control characters Excel cannot hold; show them replaced.
                    cell.value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
                    cell.data_type = "s"  # never a formula, whatever the text
                    widths[column_number - 1] = max(widths[column_number - 1], len(value))
                else:
                    cell.value = value
                if row_number == 1:
                    cell.font = bold
        for column_number, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(column_number)].width = min(width + 2, 60)
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# The registry: format name -> writer of the sheets and meta, to str (text) or bytes.
FORMATS: dict[str, Callable[[Sheets, Meta | None], str | bytes]] = {
    "csv": _write_csv,
    "json": _write_json,
    "xlsx": _write_xlsx,
}
BINARY_FORMATS = frozenset({"xlsx"})


def encode(sheets: Sheets, *, format: str, meta: Meta | None = None) -> str | bytes:
    """``sheets`` in ``format`` (a key of :data:`FORMATS`): text for csv and json, bytes for xlsx."""
    try:
        writer = FORMATS[format]
    except KeyError:
        raise ExportError(
            f"unknown export format {format!r}; expected one of {', '.join(FORMATS)}"
        ) from None
    if not sheets:
        raise ExportError("nothing to export: no sheet given")
    return writer(sheets, meta)


def write(
    path: Path | str, sheets: Sheets, *, format: str | None = None, meta: Meta | None = None
) -> Path:
    """Write ``sheets`` (``{name: DataFrame}``) to ``path`` in ``format`` (default: the
    suffix of ``path``), atomically; ``meta`` fills the xlsx provenance sheet.

    >>> import pandas as pd
    >>> path = write(getfixture("tmp_path") / "out.csv", {"t": pd.DataFrame({"a": [1]})})
    >>> path.read_text()
    'a\\n1\\n'
    """
    path = Path(path)
    data = encode(sheets, format=format or path.suffix.lstrip(".").lower(), meta=meta)
    try:
        return write_atomic(path, data)
    except OSError as error:
        raise OutputError.from_os_error(error, path) from error
