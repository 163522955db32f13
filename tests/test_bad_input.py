"""Malformed inputs get a one-line answer naming where and what, exit 2, no traceback, nothing written."""

from __future__ import annotations

import csv
import io
import shutil

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ocanalysis import dataset
from ocanalysis.cli import main
from ocanalysis.errors import InputError, OCAnalysisError, ValidationError


def run_cli(capsys, *argv):
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def assert_clean_error(status, err, *fragments):
    assert status == 2
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert lines and all(line.startswith("ocanalysis: error: ") for line in lines)
    for fragment in fragments:
        assert fragment in err, err


@pytest.fixture
def csv_rows(csv_2025):
    with csv_2025.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def sheet_copy(workbook, tmp_path, edit):
    """A copy of the workbook with the 2023 sheet edited by ``edit(sheet)``."""
    book = openpyxl.load_workbook(workbook)
    edit(book["2023_dataset"])
    target = tmp_path / "edited.xlsx"
    book.save(target)
    return target


def test_valid_files_pass(capsys, workbook, csv_2025):
    status, out, _ = run_cli(capsys, "validate", str(workbook))
    assert status == 0 and "valid" in out and out.count("\n") == 1
    status, out, _ = run_cli(capsys, "validate", str(csv_2025))
    assert status == 0 and "2025: 193 countries" in out


def test_empty_and_non_workbook_files(capsys, tmp_path):
    empty = tmp_path / "2023_dataset.xlsx"
    empty.write_bytes(b"")
    assert_clean_error(*run_cli(capsys, "validate", str(empty))[::2], str(empty), "empty")
    text = tmp_path / "notes.xlsx"
    text.write_text("this is not a workbook")
    assert_clean_error(
        *run_cli(capsys, "validate", str(text))[::2], "not a readable .xlsx workbook"
    )
    assert_clean_error(
        *run_cli(capsys, "validate", str(tmp_path / "absent.csv"))[::2], "no such file"
    )
    other = tmp_path / "data.json"
    other.write_text("{}")
    assert_clean_error(*run_cli(capsys, "validate", str(other))[::2], "unsupported file type")


def test_truncated_workbook(capsys, workbook, tmp_path):
    data = workbook.read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(data[: len(data) // 2])
    assert_clean_error(*run_cli(capsys, "validate", str(cut))[::2], str(cut))


def test_missing_and_unknown_columns(capsys, csv_rows, tmp_path):
    rows = [r[:-1] for r in csv_rows]  # drop Non-state actors
    path = write_csv(tmp_path / "2025_dataset.csv", rows)
    assert_clean_error(
        *run_cli(capsys, "validate", str(path))[::2], "missing column 'Non-state actors'"
    )
    rows = [r + (["Happiness"] if i == 0 else ["5"]) for i, r in enumerate(csv_rows)]
    path = write_csv(tmp_path / "2025_dataset.csv", rows)
    assert_clean_error(*run_cli(capsys, "validate", str(path))[::2], "unknown column 'Happiness'")


@pytest.mark.parametrize(
    "value, message",
    [
        ("high", "not a number"),
        ("11", "out of range"),
        ("0", "out of range"),
        ("5.25", "not a half point"),
        ("", "missing score"),
    ],
)
def test_bad_scores_name_file_line_column_and_value(capsys, csv_rows, tmp_path, value, message):
    rows = [list(r) for r in csv_rows]
    column = rows[0].index("Cocaine trade")
    rows[5][column] = value
    path = write_csv(tmp_path / "2025_dataset.csv", rows)
    status, _, err = run_cli(capsys, "validate", str(path))
    assert_clean_error(status, err, f"{path}, line 6, column 'Cocaine trade'", message)


def test_duplicate_and_unknown_countries(capsys, csv_rows, tmp_path):
    rows = [list(r) for r in csv_rows] + [list(csv_rows[3])]
    rows[7][0], rows[7][1] = "XX", "Atlantis"
    path = write_csv(tmp_path / "2025_dataset.csv", rows)
    status, _, err = run_cli(capsys, "validate", str(path))
    assert_clean_error(status, err, "duplicate country", "'Atlantis': unknown country", "line 8")
    assert len(err.strip().splitlines()) == 2


def test_published_average_that_contradicts_its_indicators(capsys, workbook, tmp_path):
    def edit(sheet):
        for row in sheet.iter_rows(min_row=2):
            if row[2].value == "Belgium":
                row[3].value = 4.44  # Criminality avg,

    path = sheet_copy(workbook, tmp_path, edit)
    status, _, err = run_cli(capsys, "validate", str(path))
    assert_clean_error(
        status,
        err,
        "sheet 2023_dataset, country Belgium, column 'Criminality avg,'",
        "4.44",
        "give 4.43",
    )


def test_unknown_region_and_edition_sheet(capsys, workbook, tmp_path):
    def edit(sheet):
        sheet.cell(row=10, column=2).value = "Atlantic Ocean"

    path = sheet_copy(workbook, tmp_path, edit)
    assert_clean_error(
        *run_cli(capsys, "validate", str(path))[::2], "row 10, column 'Region'", "unknown region"
    )
    nameless = tmp_path / "export.csv"
    nameless.write_text("a,b\n1,2\n")
    assert_clean_error(
        *run_cli(capsys, "validate", str(nameless))[::2], "cannot tell which edition"
    )


def test_unknown_edition_and_country_on_queries(capsys):
    assert_clean_error(
        *run_cli(capsys, "profile", "Belgium", "--edition", "2020")[::2], "unknown edition '2020'"
    )
    assert_clean_error(*run_cli(capsys, "profile", "Narnia")[::2], "unknown country 'Narnia'")
    assert_clean_error(*run_cli(capsys, "table", "--edition", "x")[::2], "unknown edition")


def test_failed_build_writes_nothing(csv_rows, sources_dir, tmp_path):
    rows = [list(r) for r in csv_rows]
    rows[3][10] = "n/a"
    bad = write_csv(tmp_path / "2025_dataset.csv", rows)
    out = tmp_path / "out"
    with pytest.raises(ValidationError):
        dataset.build([sources_dir / "global_oc_index.xlsx", bad], out)
    assert not out.exists() or not any(out.iterdir())


# ---------------------------------------------------------------- property-based corruption


def corrupt(rows, draw):
    rows = [list(r) for r in rows]
    kind = draw(
        st.sampled_from(["cell", "drop_column", "duplicate_row", "truncate", "header", "swap"])
    )
    if kind == "cell":
        row = draw(st.integers(1, len(rows) - 1))
        col = draw(st.integers(0, len(rows[0]) - 1))
        rows[row][col] = draw(
            st.one_of(
                st.text(max_size=8),
                st.floats(allow_nan=True, allow_infinity=True).map(str),
                st.integers(-100, 100).map(str),
            )
        )
    elif kind == "drop_column":
        col = draw(st.integers(0, len(rows[0]) - 1))
        rows = [r[:col] + r[col + 1 :] for r in rows]
    elif kind == "duplicate_row":
        rows.append(list(rows[draw(st.integers(1, len(rows) - 1))]))
    elif kind == "header":
        rows[0][draw(st.integers(0, len(rows[0]) - 1))] = draw(st.text(max_size=12))
    elif kind == "swap":
        a, b = draw(st.integers(0, len(rows[0]) - 1)), draw(st.integers(0, len(rows[0]) - 1))
        for r in rows:
            r[a], r[b] = r[b], r[a]
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    data = text.getvalue().encode()
    if kind == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    return data


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_random_corruptions_of_the_2025_csv_never_escape(csv_rows, tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("corrupt")
    path = folder / "2025_dataset.csv"
    path.write_bytes(corrupt(csv_rows, data.draw))
    out = folder / "out"
    try:
        record = dataset.build([path], out)
    except OCAnalysisError as error:
        assert "\n" not in str(error)
        assert not out.exists() or not any(out.iterdir())  # nothing half-written
    else:
        assert record["editions"]["2025"]["countries"] == 193
        assert (out / dataset.DATA_FILE).exists()


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cut=st.floats(min_value=0.0, max_value=0.999))
def test_random_truncations_of_the_workbook_are_input_errors(workbook, tmp_path_factory, cut):
    data = workbook.read_bytes()
    path = tmp_path_factory.mktemp("cut") / "global_oc_index.xlsx"
    path.write_bytes(data[: int(len(data) * cut)])
    with pytest.raises(InputError) as info:
        dataset.build([path], path.parent / "out")
    assert str(path) in str(info.value)
    assert not (path.parent / "out").exists()


def test_future_edition_sheet_in_the_same_layout(workbook, tmp_path):
    """A workbook with a 2025_dataset sheet (as the publisher's current one has) loads directly."""
    book = openpyxl.load_workbook(workbook)
    book.copy_worksheet(book["2023_dataset"]).title = "2025_dataset"
    target = tmp_path / "global_oc_index_2025.xlsx"
    book.save(target)
    shutil.rmtree(tmp_path / "out", ignore_errors=True)
    record = dataset.build([target], tmp_path / "out")
    assert set(record["editions"]) == {"2021", "2023", "2025"}
    assert record["editions"]["2025"]["composites"].startswith("published")


def test_a_csv_cut_at_a_line_boundary_is_truncated(capsys, csv_rows, tmp_path):
    path = write_csv(tmp_path / "2025_dataset.csv", csv_rows[:143])
    status, _, err = run_cli(capsys, "validate", str(path))
    assert_clean_error(status, err, str(path), "142 of the index's 193 countries", "truncated")
