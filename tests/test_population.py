"""The World Bank population in the project's data: built from ../shared, checked on load."""

from __future__ import annotations

import csv
import shutil

import pytest

from ocanalysis import countries, dataset, population
from ocanalysis.errors import DatasetError, InputError

HEADER = "Country Name,Country Code,Year,Value\n"


@pytest.fixture(scope="session")
def world_bank(sources_dir):
    path = sources_dir.parent / "population" / population.SOURCE_NAME
    if not path.exists():
        pytest.skip(f"World Bank population file not found at {path}")
    return path


def full_file(folder, **replace):
    """A small source file with every country and year; ``replace`` maps (iso3, year) to a value
    (None drops the row)."""
    rows = [HEADER, "World,WLD,2020,7800000000\n"]
    for place in countries.all_countries():
        for year in population.YEARS:
            value = replace.get(f"{place.iso3}_{year}", 1000 + year)
            if value is not None:
                rows.append(f'"{place.name}",{place.iso3},{year},{value}\n')
    path = folder / "people.csv"
    path.write_text("".join(rows), encoding="utf-8")
    return path


def test_read_source_keeps_the_193_countries_and_their_figures(world_bank):
    table = population.read_source(world_bank)
    assert len(table) == 193 * len(population.YEARS)
    assert set(table["iso3"]) == {c.iso3 for c in countries.all_countries()}
    assert "WLD" not in set(table["iso3"])
    with world_bank.open(encoding="utf-8") as handle:  # read independently
        raw = {
            (r["Country Code"], int(r["Year"])): int(float(r["Value"]))
            for r in csv.DictReader(handle)
        }
    got = {(r.iso3, r.year): r.population for r in table.itertuples()}
    assert got == {key: raw[key] for key in got}


def test_the_committed_file_is_the_one_built(world_bank, sources_dir, tmp_path):
    record = dataset.build([sources_dir], tmp_path, population_source=world_bank)
    committed = dataset.data_dir() / population.POPULATION_FILE
    assert (tmp_path / population.POPULATION_FILE).read_bytes() == committed.read_bytes()
    assert record["population"]["source"]["file"] == population.SOURCE_NAME
    assert record["population"]["edition_year"] == {"2021": 2018, "2023": 2020, "2025": 2022}


def test_of_an_edition_is_its_year(world_bank):
    people = population.of(2023)
    table = population.read_source(world_bank)
    belgium = table[(table.iso3 == "BEL") & (table.year == population.year_of(2023))]
    assert people["BEL"] == belgium["population"].item()
    assert len(people) == 193


def test_a_missing_country_year_is_named(tmp_path):
    path = full_file(tmp_path, BEL_2020=None, NLD_2018=None)
    with pytest.raises(InputError) as caught:
        population.read_source(path)
    assert caught.value.message == f"{path}: no population for BEL 2020 (and 1 more)"


@pytest.mark.parametrize(
    ("value", "problem"),
    [("-5", "'-5' is not a population"), ("12.5", "'12.5' is not a population")],
)
def test_a_bad_value_names_row_and_column(tmp_path, value, problem):
    path = full_file(tmp_path, AFG_2019=value)
    with pytest.raises(InputError) as caught:
        population.read_source(path)
    assert caught.value.message == f"{path}: row 4, column Value: {problem}"


def test_a_wrong_header_and_a_missing_file(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("Country,Code,Year,Population\n", encoding="utf-8")
    with pytest.raises(InputError, match="row 1: expected the columns Country Name"):
        population.read_source(path)
    with pytest.raises(InputError, match="cannot read the population file.*--population FILE"):
        population.read_source(tmp_path / "absent.csv")


def test_build_without_population_writes_nothing(sources_dir, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(InputError, match="absent.csv"):
        dataset.build([sources_dir], out, population_source=tmp_path / "absent.csv")
    assert list(out.iterdir()) == []


def test_a_changed_population_file_is_refused(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(dataset.data_dir(), folder)
    monkeypatch.setenv("OCANALYSIS_DATA", str(folder))
    path = folder / population.POPULATION_FILE
    path.write_text(path.read_text().replace("BEL,2020,", "BEL,2020,1"))
    with pytest.raises(DatasetError, match="population.csv: its sha256 is not the one"):
        population.table()
