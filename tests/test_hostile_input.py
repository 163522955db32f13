"""Hostile input files get a bounded answer: a zip bomb, huge cells, too many rows, odd numbers.

Each file is built here, small on disk; every answer is one line of bounded length, exit 2.
"""

from __future__ import annotations

import csv
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ocanalysis.cli import main
from ocanalysis.sources import _table

MAX_LINE = 400  # characters: a message quotes values cut at 80


def one_line_error(capsys, *argv) -> str:
    status = main(list(argv))
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert status == 2 and "Traceback" not in err, err[:500]
    assert lines and all(line.startswith("ocanalysis: error: ") for line in lines)
    assert all(len(line) <= MAX_LINE for line in lines), max(map(len, lines))
    return err


def zip_bomb(tmp_path, text_bytes: int):
    """A valid workbook whose first sheet's XML is rewritten to hold one huge, highly
    compressible cell: a few kilobytes on disk, ``text_bytes`` once decompressed."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "2023_dataset"
    sheet.append(["Country", "Criminality"])
    sheet.append(["Belgium", 4.43])
    plain = tmp_path / "plain.xlsx"
    book.save(plain)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                head, tail = data.split(b"<sheetData>")
                cell = b'<row r="2"><c r="A2" t="inlineStr"><is><t>' + b"A" * text_bytes
                data = head + b"<sheetData>" + cell + b"</t></is></c></row></sheetData>"
                data += tail.split(b"</sheetData>", 1)[1]
            out.writestr(item, data)
    return bomb


def test_a_zip_bomb_is_refused_from_the_zip_directory(tmp_path, capsys):
    bomb = zip_bomb(tmp_path, 20 << 20)  # 20 MiB of text in about 20 kB
    assert bomb.stat().st_size < 200_000
    err = one_line_error(capsys, "validate", str(bomb))
    assert "xl/worksheets/sheet1.xml" in err and "zip bomb" in err


def test_a_huge_csv_cell_is_refused_in_one_short_line(tmp_path, capsys):
    path = tmp_path / "oc_index_2025_huge.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["Country", "Criminality"], ["B" * 50_000, "4.4"]])
    err = one_line_error(capsys, "validate", str(path))
    assert f"{_table.MAX_CELL_CHARS:,}" in err or str(_table.MAX_CELL_CHARS) in err


def test_too_many_rows_are_refused(tmp_path, capsys):
    path = tmp_path / "oc_index_2025_long.csv"
    rows = [["Country", "Criminality"]] + [["Belgium", "4.4"]] * (_table.MAX_ROWS + 5)
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    err = one_line_error(capsys, "validate", str(path))
    assert "rows" in err


@pytest.mark.parametrize("score", ["1_0", "５", "1e1", "inf", "0x5"])
def test_only_ascii_decimals_are_scores(csv_2025, tmp_path, capsys, score):
    with csv_2025.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    column = rows[0].index("Human trafficking")
    rows[1][column] = score
    path = tmp_path / csv_2025.name
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    err = one_line_error(capsys, "validate", str(path))
    assert "not a number" in err and "line 2" in err


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.text(min_size=1, max_size=5_000).filter(
        lambda t: t.strip() and "\n" not in t and "\r" not in t
    )
)
def test_any_cell_value_gives_bounded_messages(csv_2025, tmp_path, capsys, value):
    with csv_2025.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    rows[1][1] = value  # the first country's name: any text at all
    rows[2][5] = value  # and a score
    path = tmp_path / csv_2025.name
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    status = main(["validate", str(path)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert all(len(line) <= MAX_LINE for line in err.splitlines()), max(map(len, err.splitlines()))
    assert status in (0, 2)


def test_shown_cuts_long_values_with_an_ellipsis():
    assert len(_table.shown("x" * 10_000)) <= _table.SHOWN_CHARS + 5
    assert _table.shown("short") == repr("short") or "short" in _table.shown("short")
