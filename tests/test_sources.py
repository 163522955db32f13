import csv

import openpyxl
import pandas as pd
import pytest

from ocanalysis import dataset, sources
from ocanalysis.errors import InputError
from ocanalysis.normalize import normalize


def export_sheet(workbook, sheet, target, delimiter=","):
    """Save a workbook sheet as CSV, the way a spreadsheet's 'Save as CSV' does."""
    book = openpyxl.load_workbook(workbook, read_only=True, data_only=True)
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        for row in book[sheet].iter_rows(values_only=True):
            writer.writerow(["" if v is None else v for v in row])
    book.close()
    return target


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_export_of_a_sheet_gives_the_same_edition(workbook, tmp_path, delimiter):
    exported = export_sheet(workbook, "2023_dataset", tmp_path / "2023_dataset.csv", delimiter)
    from_csv = normalize(sources.read(exported)[0])
    from_sheet = normalize(sources.read(workbook, 2023)[0])
    assert from_csv.published_composites
    assert from_csv.wide.equals(from_sheet.wide)


def test_workbook_yields_every_dataset_sheet(workbook):
    tables = sources.read(workbook)
    assert sorted(t.edition for t in tables) == [2021, 2023]
    assert all(t.sheet.endswith("_dataset") for t in tables)
    assert all(len(t.rows) == 193 for t in tables)


def test_csv_cells_are_read_as_text_so_namibia_survives(csv_2025):
    table = sources.read(csv_2025)[0]
    codes = [row[0] for row in table.rows]
    assert "NA" in codes and table.edition == 2025


def test_edition_from_option_when_the_name_lacks_it(csv_2025, tmp_path):
    renamed = tmp_path / "indicators.csv"
    renamed.write_bytes(csv_2025.read_bytes())
    with pytest.raises(InputError, match="cannot tell which edition"):
        sources.read(renamed)
    assert sources.read(renamed, 2025)[0].edition == 2025


def test_discover_orders_workbooks_first(sources_dir):
    names = [p.name for p in sources.discover(sources_dir)]
    assert names == ["global_oc_index.xlsx", "oc_index_2025_indicators.csv"]


def _built(paths, folder) -> pd.DataFrame:
    dataset.build(paths, folder)
    return pd.read_csv(folder / dataset.DATA_FILE, dtype=str, keep_default_na=False)


def test_the_older_inputs_give_the_same_scores_in_any_order(workbook, csv_2025, tmp_path):
    """The 2023 release's workbook and the third-party 2025 CSV, as a user may hold them: the same
    scores as the current workbook's; the CSV has no regions, so its 2025 grouping is the
    reference table's (Kiribati in Melanesia, where the publisher's 2025 sheet has Micronesia)."""
    one = _built([csv_2025, workbook], tmp_path / "a")
    other = _built([workbook, csv_2025], tmp_path / "b")
    pd.testing.assert_frame_equal(one, other)
    committed = pd.read_csv(
        dataset.data_dir() / dataset.DATA_FILE, dtype=str, keep_default_na=False
    )
    regions = ["continent", "region"]
    pd.testing.assert_frame_equal(one.drop(columns=regions), committed.drop(columns=regions))
    moved = one[(one[regions] != committed[regions]).any(axis=1)]
    assert moved[["edition", "iso3", "region"]].values.tolist() == [["2025", "KIR", "Melanesia"]]


def test_the_older_workbook_alone_gives_2021_and_2023(workbook, tmp_path):
    built = _built([workbook], tmp_path)
    committed = pd.read_csv(
        dataset.data_dir() / dataset.DATA_FILE, dtype=str, keep_default_na=False
    )
    assert sorted(built["edition"].unique()) == ["2021", "2023"]
    pd.testing.assert_frame_equal(
        built, committed[committed["edition"] != "2025"].reset_index(drop=True)
    )


def test_the_2025_csv_alone_gives_2025_with_computed_composites(csv_2025, tmp_path):
    record = dataset.build([csv_2025], tmp_path)
    assert record["editions"]["2025"]["composites"].startswith("computed")
    built = pd.read_csv(tmp_path / dataset.DATA_FILE, dtype=str, keep_default_na=False)
    committed = pd.read_csv(
        dataset.data_dir() / dataset.DATA_FILE, dtype=str, keep_default_na=False
    )
    expected = committed[committed["edition"] == "2025"].reset_index(drop=True)
    pd.testing.assert_frame_equal(
        built.drop(columns="region"), expected.drop(columns="region"), check_dtype=False
    )
