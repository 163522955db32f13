import csv
import json

import openpyxl
import pytest
from test_scoring import reference_composites

import ocanalysis
from ocanalysis import catalogue, dataset
from ocanalysis.errors import UnknownEditionError


def test_rebuild_from_shared_is_identical(publisher_dir, tmp_path):
    record = dataset.build([publisher_dir], tmp_path)
    committed = dataset.data_dir() / dataset.DATA_FILE
    assert (tmp_path / dataset.DATA_FILE).read_bytes() == committed.read_bytes()
    provenance = json.loads((dataset.data_dir() / dataset.PROVENANCE_FILE).read_text())
    assert provenance["sources"] == record["sources"]
    assert provenance["editions"] == record["editions"]
    assert provenance["dataset_sha256"] == record["dataset_sha256"]
    assert record["sources"] == [
        {
            "file": "global_oc_index.xlsx",
            "sha256": dataset._sha256(publisher_dir / "global_oc_index.xlsx"),
        }
    ]
    assert {e: v["source"] for e, v in record["editions"].items()} == {
        str(e): f"global_oc_index.xlsx, sheet {e}_dataset" for e in (2021, 2023, 2025)
    }


def test_the_default_source_is_the_publishers_current_workbook(publisher_dir, monkeypatch):
    monkeypatch.delenv("OCANALYSIS_SOURCES", raising=False)
    assert dataset.default_sources_dir().resolve() == publisher_dir.resolve()


def _published(workbook):
    """(edition, country name) -> {measure id: value}, read independently of our readers."""
    book = openpyxl.load_workbook(workbook, read_only=True, data_only=True)
    out = {}
    for sheet, edition in (("2021_dataset", 2021), ("2023_dataset", 2023)):
        rows = book[sheet].iter_rows(values_only=True)
        header = next(rows)
        ids = [catalogue.id_for_label(h) for h in header]
        for row in rows:
            out[(edition, row[2])] = {i: v for i, v in zip(ids, row, strict=True) if i}
    book.close()
    return out


def test_all_1544_published_composites_reproduced(workbook):
    published = _published(workbook)
    checked = 0
    embedded = ocanalysis.wide(all_editions=True)
    for (edition, name), values in published.items():
        expected = reference_composites(values, edition)
        iso3 = ocanalysis.lookup_country(name).iso3
        row = embedded[(embedded.edition == edition) & (embedded.iso3 == iso3)].iloc[0]
        for composite in catalogue.COMPOSITE_IDS:
            assert round(values[composite], 2) == expected[composite], (edition, name, composite)
            assert row[composite] == expected[composite]
            checked += 1
        for indicator in catalogue.indicators(edition):
            assert row[indicator.id] == values[indicator.id]
    assert checked == 1544


def test_2025_composites_follow_the_same_rules(csv_2025):
    embedded = ocanalysis.wide(2025).set_index("iso2")
    with csv_2025.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, dialect=csv.excel))
    assert len(rows) == 193
    for raw in rows:
        values = {
            catalogue.id_for_label(k): float(v) for k, v in raw.items() if catalogue.id_for_label(k)
        }
        expected = reference_composites(values, 2025)
        row = embedded.loc[raw["code"]]
        for composite, value in expected.items():
            assert row[composite] == value, (raw["name"], composite)
    assert "NAM" in set(embedded["iso3"])  # 'NA' is Namibia, not a missing value


def test_tidy_table_shape_and_missing_indicators():
    tidy = ocanalysis.load()
    assert list(tidy.columns) == [
        "edition",
        "iso3",
        "iso2",
        "country",
        "continent",
        "region",
        "indicator",
        "pillar",
        "score",
    ]
    per_edition = tidy.groupby("edition").size().to_dict()
    assert per_edition == {2021: 193 * 30, 2023: 193 * 36, 2025: 193 * 36}
    assert not tidy["score"].isna().any()
    absent_2021 = {i.id for i in catalogue.INDICATORS if not i.in_edition(2021)}
    assert len(absent_2021) == 6
    assert not set(tidy[tidy.edition == 2021]["indicator"]) & absent_2021
    wide_2021 = ocanalysis.wide(2021)
    assert wide_2021[sorted(absent_2021)].isna().all().all()  # missing, never zero
    assert tidy["score"].between(1, 10).all()


def test_regions_as_the_profiles_rank_them():
    frame = ocanalysis.wide(2023)
    assert frame["region"].nunique() == 22
    assert "Caribbean & Central" not in set(frame["region"])
    assert frame.groupby("region").size()["Western Europe"] == 11


def test_wide_and_editions():
    assert dataset.editions() == (2021, 2023, 2025)
    assert ocanalysis.wide().iloc[0]["edition"] == 2025  # latest by default
    assert len(ocanalysis.wide(all_editions=True)) == 3 * 193
    assert ocanalysis.wide("2023").shape == (193, 42)
    with pytest.raises(
        UnknownEditionError, match="unknown edition 2019; the data holds 2021, 2023, 2025"
    ):
        ocanalysis.wide(2019)
    with pytest.raises(UnknownEditionError):
        ocanalysis.load("latest")
