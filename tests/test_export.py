"""Data out (src/ocanalysis/export.py, cli/_output.py): xlsx with typed cells, CSV and XLSX safe
from formula injection, atomic writes, one-line errors."""

from __future__ import annotations

import csv
import io
import json
import sys

import openpyxl
import pandas as pd
import pytest

from ocanalysis import _atomic, citation, dataset, export
from ocanalysis.cli import main
from ocanalysis.errors import ExportError, OutputError

HOSTILE = ["=1+1", "+SUM(A1)", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", '=HYPERLINK("http://x")']


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def sheet_rows(sheet) -> list[list]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_table_xlsx_has_a_typed_sheet_per_edition_a_frozen_header_and_provenance(capsys, tmp_path):
    path = tmp_path / "oc.xlsx"
    status, out, err = run(capsys, "table", "--format", "xlsx", "--out", str(path))
    assert (status, out, err) == (0, "", "")
    _, csv_text, _ = run(capsys, "table", "--edition", "2023")
    csv_header = next(csv.reader(io.StringIO(csv_text)))

    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [*(str(e) for e in dataset.editions()), "provenance"]
    for edition in dataset.editions():
        sheet = book[str(edition)]
        rows = sheet_rows(sheet)
        assert rows[0] == csv_header
        assert len(rows) == 1 + 193
        assert sheet.freeze_panes == "A2"
        assert all(sheet.cell(1, c).font.bold for c in range(1, len(csv_header) + 1))
        frame = dataset.wide(edition)
        for row in rows[1:]:
            expected = frame.loc[frame["iso3"] == row[0]].iloc[0]
            for column, value in zip(csv_header[4:], row[4:], strict=True):
                if pd.isna(expected[column]):
                    assert value is None  # an indicator the edition lacks: an empty cell
                else:
                    assert isinstance(value, int | float) and not isinstance(value, bool)
                    assert value == pytest.approx(float(expected[column]))
        belgium = next(r for r in rows if r[0] == "BEL")
        assert all(isinstance(v, str) for v in belgium[:4])

    record = json.loads((dataset.data_dir() / dataset.PROVENANCE_FILE).read_text())
    provenance = {}
    for field, value in sheet_rows(book["provenance"])[1:]:
        provenance.setdefault(field, []).append(value)
    assert book["provenance"].freeze_panes == "A2"
    assert provenance["cite the data"] == [
        citation.publisher_citation(e) for e in dataset.editions()
    ]
    assert provenance["cite the software"] == [citation.package_citation()]
    assert provenance["dataset sha256"] == [record["dataset_sha256"]]
    assert provenance["edition 2023"] == [record["editions"]["2023"]["source"]]


def test_table_xlsx_of_one_edition_has_that_sheet(capsys, tmp_path):
    path = tmp_path / "oc.xlsx"
    assert run(capsys, "table", "-e", "2021", "-f", "xlsx", "-o", str(path))[0] == 0
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["2021", "provenance"]
    belgium = next(r for r in sheet_rows(book["2021"]) if r[0] == "BEL")
    header = sheet_rows(book["2021"])[0]
    assert belgium[header.index("criminality")] == 4.34


def test_csv_and_json_out_write_what_stdout_prints(capsys, tmp_path):
    for format in ("csv", "json"):
        _, printed, _ = run(capsys, "table", "-e", "2023", "-f", format)
        path = tmp_path / f"oc.{format}"
        assert run(capsys, "table", "-e", "2023", "-f", format, "--out", str(path)) == (0, "", "")
        assert path.read_text(encoding="utf-8") == printed


@pytest.fixture
def hostile_table(monkeypatch):
    """The embedded data with country names a spreadsheet would evaluate."""
    real = dataset.wide

    def wide(edition=None, **options):
        frame = real(edition, **options).copy()
        frame.loc[frame.index[: len(HOSTILE)], "country"] = HOSTILE
        return frame

    monkeypatch.setattr(dataset, "wide", wide)
    return wide


def test_every_table_export_neutralises_formula_injection(capsys, tmp_path, hostile_table):
    assert run(capsys, "table", "-e", "2023", "-f", "csv", "-o", str(tmp_path / "t.csv"))[0] == 0
    with open(tmp_path / "t.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["country"] for r in rows[: len(HOSTILE)]] == ["'" + h for h in HOSTILE]
    assert rows[len(HOSTILE)]["country"] == hostile_table(2023)["country"].iloc[len(HOSTILE)]

    assert run(capsys, "table", "-e", "2023", "-f", "xlsx", "-o", str(tmp_path / "t.xlsx"))[0] == 0
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")["2023"]
    cells = [sheet.cell(row, 2) for row in range(2, 2 + len(HOSTILE))]
    # XML reads a carriage return back as a line feed; the quote in front is what matters.
    assert [c.value for c in cells] == ["'" + h.replace("\r", "\n") for h in HOSTILE]
    assert {c.data_type for c in cells} == {"s"}  # string cells, no formula


def test_text_is_neutralised_numbers_stay_numbers_in_csv_and_xlsx(tmp_path):
    frame = pd.DataFrame(
        {
            "=header": ["=1+1", "-1.5", "ok", "@x"],
            "change": [-1.5, 2.0, -0.25, None],
            "count": [-3, 0, 4, 5],
        }
    )
    text = export.write(tmp_path / "t.csv", {"t": frame}).read_text()
    assert text.splitlines() == [
        "'=header,change,count",
        "'=1+1,-1.5,-3",
        "'-1.5,2,0",
        "ok,-0.25,4",
        "'@x,,5",
    ]
    export.write(tmp_path / "t.xlsx", {"t": frame}, meta={"title": "=evil()"})
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    rows = sheet_rows(book["t"])
    assert rows[0] == ["'=header", "change", "count"]
    assert [r[0] for r in rows[1:]] == ["'=1+1", "'-1.5", "ok", "'@x"]
    assert [r[1] for r in rows[1:]] == [-1.5, 2, -0.25, None]
    assert all(isinstance(r[2], int) for r in rows[1:]) and rows[1][2] == -3
    assert {book["t"].cell(r, 1).data_type for r in range(1, 6)} == {"s"}
    assert book["t"].cell(2, 2).data_type == "n"
    assert sheet_rows(book["provenance"])[1] == ["title", "'=evil()"]


def test_a_re_export_to_csv_of_the_xlsx_stays_safe(tmp_path):
    export.write(tmp_path / "t.xlsx", {"t": pd.DataFrame({"name": HOSTILE})})
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")["t"]
    again = pd.DataFrame({"name": [sheet.cell(r, 1).value for r in range(2, 2 + len(HOSTILE))]})
    # What a spreadsheet writes back out: the stored text, quote and all; no cell starts a formula.
    assert not any(v.startswith(export.FORMULA_STARTS) for v in again["name"])


def test_a_write_leaves_no_temporary_and_a_failed_one_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "t.xlsx"
    export.write(target, {"t": pd.DataFrame({"a": [1]})})
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]
    before = target.read_bytes()

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_atomic.os, "replace", fail)
    with pytest.raises(OutputError, match=r"t\.xlsx: No space left on device; free some space"):
        export.write(target, {"t": pd.DataFrame({"a": [2]})})
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]


@pytest.mark.parametrize(
    "argv",
    [
        ["table", "-f", "xlsx"],
        ["table", "-f", "csv"],
        ["audit", "-e", "2023", "--runs", "20", "-f", "xlsx"],
        ["headlines", "-e", "2023", "-f", "xlsx"],
        ["headlines", "-e", "2023"],
    ],
)
def test_an_unwritable_place_is_one_line_and_exit_2(capsys, tmp_path, argv):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    status, out, err = run(capsys, *argv, "--out", str(blocker / "out.xlsx"))
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"ocanalysis: error: {blocker / 'out.xlsx'}: ")
    assert "Traceback" not in err


def test_unknown_format_missing_library_bad_sheet_name_are_one_line(monkeypatch):
    frame = pd.DataFrame({"a": [1]})
    with pytest.raises(
        ExportError, match=r"^unknown export format 'ods'; expected one of csv, json, xlsx$"
    ):
        export.encode({"t": frame}, format="ods")
    with pytest.raises(ExportError, match="csv holds one table, not 2 .*use --format xlsx"):
        export.encode({"a": frame, "b": frame}, format="csv")
    with pytest.raises(ExportError, match="sheet name 'a/b'"):
        export.encode({"a/b": frame}, format="xlsx")
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if it were not installed
    with pytest.raises(ExportError) as missing:
        export.encode({"t": frame}, format="xlsx")
    assert "pip install 'openpyxl>=3.1'" in missing.value.message
    assert "\n" not in missing.value.message


def test_audit_xlsx_sheets_are_the_audit(capsys, tmp_path):
    path = tmp_path / "audit.xlsx"
    assert run(capsys, "audit", "-e", "2023", "--runs", "50", "-f", "xlsx", "-o", str(path))[0] == 0
    _, printed, _ = run(capsys, "audit", "-e", "2023", "--runs", "50", "--json")
    payload = json.loads(printed)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "criminality ranks",
        "resilience ranks",
        "correlations",
        "cronbach alpha",
        "provenance",
    ]
    assert all(sheet.freeze_panes == "A2" for sheet in book.worksheets)
    rows = sheet_rows(book["criminality ranks"])
    header = rows[0]
    got = [dict(zip(header, r, strict=True)) for r in rows[1:]]
    assert [{k: g[k] for k in ("iso3", "nominal", "median", "q05", "q95")} for g in got] == payload[
        "rank_uncertainty"
    ]
    alphas = {r[0]: r[2] for r in sheet_rows(book["cronbach alpha"])[1:]}
    assert {k: round(v, 4) for k, v in alphas.items()} == payload["cronbach_alpha"]
    provenance = {r[0]: r[1] for r in sheet_rows(book["provenance"])[1:]}
    assert provenance["runs"] == 50 and provenance["seed"] == 12345


def test_headlines_xlsx_sheets_state_the_json(capsys, tmp_path):
    path = tmp_path / "headlines.xlsx"
    argv = ["headlines", "-e", "2025", "--region", "West Africa"]
    assert run(capsys, *argv, "-f", "xlsx", "-o", str(path))[0] == 0
    found = json.loads(run(capsys, *argv, "--json")[1])
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[-1] == "provenance"
    quadrants = {r[0]: (r[1], r[2]) for r in sheet_rows(book["quadrants"])[1:]}
    assert quadrants == {
        name: (q["countries"], q["population_share"]) for name, q in found["quadrants"].items()
    }
    assert [r[0] for r in sheet_rows(book["members"])[1:]] == found["members"]
    moved = [r[0] for r in sheet_rows(book["moved quadrant"])[1:]]
    assert moved == [m["iso3"] for m in found["moved_quadrant"]]
    means = {r[0]: r[2] for r in sheet_rows(book["means"])[1:]}
    assert means == found["means"]


def test_headlines_and_audit_text_and_json_out_match_stdout(capsys, tmp_path):
    for argv in (["headlines", "-e", "2023"], ["headlines", "-e", "2023", "--json"]):
        printed = run(capsys, *argv)[1]
        assert run(capsys, *argv, "--out", str(tmp_path / "h.txt"))[0] == 0
        assert (tmp_path / "h.txt").read_text() == printed
    assert (
        run(capsys, "headlines", "-e", "2023", "-f", "json")[1]
        == run(capsys, "headlines", "-e", "2023", "--json")[1]
    )


def test_xlsx_to_a_pipe_is_the_workbook(capsysbinary):
    assert main(["table", "-e", "2023", "-f", "xlsx"]) == 0
    data = capsysbinary.readouterr().out
    assert data[:2] == b"PK"
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames == ["2023", "provenance"]


def test_xlsx_to_a_terminal_is_refused_in_one_line(capsys, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    status, out, err = run(capsys, "table", "-f", "xlsx")
    assert (status, out) == (2, "")
    assert err == "ocanalysis: error: xlsx is a binary file: give --out FILE (or redirect stdout)\n"
