"""Population of the index's 193 countries, for population-weighted findings.

The source is the World Bank's total population (indicator SP.POP.TOTL; see
``../shared/population/SOURCES.md``), which also holds aggregates such as ``WLD``; ``ocanalysis
data build`` keeps the 193 countries and the years :data:`YEARS` in ``data/population.csv``,
with the source's sha256 in ``data/provenance.json`` (``"population"``), and the library checks
that file against its record when it loads it, as it does the index.

Each edition's findings weigh countries by the population of one year, :func:`year_of`:
the edition's year minus three (2018 for 2021, 2020 for 2023, 2022 for 2025; for an edition
that comes later, the same rule, or the latest year the population file holds when it does not
hold that one yet, which :func:`year_note` says in the output). The publisher does
not say which year it used; this is the one uniform choice that reproduces every share it states
to the precision it prints them: 79.4 % of the world's population in low-resilience countries in
2021 (2020's figures give 79.5 %, 2019's 79.5 %), 62 % in 2023, and 79 % and 83 % in
high-criminality countries in 2021 and 2023 (``tests/analysis/test_findings.py``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from functools import cache
from pathlib import Path

import pandas as pd

from . import countries
from .errors import DatasetError, InputError

POPULATION_FILE = "population.csv"
SOURCE_NAME = "world_bank_population.csv"
YEARS = range(2018, 2025)  # every year an edition may weigh by, and a margin
YEARS_BEFORE_EDITION = 3  # an edition weighs by the population of its year minus three: see above
COLUMNS = ("Country Name", "Country Code", "Year", "Value")
MAX_SOURCE_BYTES = 64 << 20  # the World Bank file is about 0.5 MB


def default_source() -> Path:
    """Where the World Bank file is looked for: $OCANALYSIS_POPULATION, else
    ``../shared/population/world_bank_population.csv``.

    >>> default_source().name
    'world_bank_population.csv'
    """
    import os

    env = os.environ.get("OCANALYSIS_POPULATION")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2].parent / "shared" / "population" / SOURCE_NAME


def read_source(path: Path | str) -> pd.DataFrame:
    """The 193 countries' population for :data:`YEARS` from the World Bank file: columns
    ``iso3``, ``year``, ``population`` (int), sorted. Every problem raises :class:`InputError`
    naming the file, the row or the column, and the country or year that is missing.

    >>> path = getfixture("tmp_path") / "population.csv"
    >>> _ = path.write_text("Country Name,Country Code,Year,Value\\nBelgium,BEL,2022,11680210\\n")
    >>> read_source(path)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ocanalysis.errors.InputError: .../population.csv: no population for AFG 2018 (and 1349 more)
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise InputError(f"{path}: {size} bytes, more than a population file can be")
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise InputError(
            f"{path}: cannot read the population file ({error.strerror}); give it with "
            "`ocanalysis data build --population FILE` or $OCANALYSIS_POPULATION"
        ) from None
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text (byte {error.start})") from None
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or tuple(h.strip() for h in header) != COLUMNS:
        raise InputError(f"{path}: row 1: expected the columns {', '.join(COLUMNS)}")
    wanted = {c.iso3 for c in countries.all_countries()}
    years = set(YEARS)
    found: dict[tuple[str, int], int] = {}
    for number, row in enumerate(reader, start=2):
        if len(row) != len(COLUMNS):
            raise InputError(f"{path}: row {number}: {len(row)} fields, expected {len(COLUMNS)}")
        code, year, value = row[1].strip(), row[2].strip(), row[3].strip()
        if code not in wanted:
            continue  # aggregates (WLD, EUU, ...) and territories the index does not score
        if not year.isascii() or not year.isdigit():
            raise InputError(f"{path}: row {number}, column Year: {year[:20]!r} is not a year")
        if int(year) not in years:
            continue
        try:
            people = float(value) if value.isascii() else float("nan")
        except ValueError:
            people = float("nan")
        if not people > 0 or people != int(people):
            raise InputError(
                f"{path}: row {number}, column Value: {value[:20]!r} is not a population"
            )
        found[(code, int(year))] = int(people)
    missing = [
        f"{iso3} {year}" for iso3 in sorted(wanted) for year in YEARS if (iso3, year) not in found
    ]
    if missing:
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        raise InputError(f"{path}: no population for {missing[0]}{more}")
    table = pd.DataFrame(
        [(iso3, year, people) for (iso3, year), people in found.items()],
        columns=["iso3", "year", "population"],
    )
    return table.sort_values(["iso3", "year"]).reset_index(drop=True)


def serialize(table: pd.DataFrame) -> str:
    """The CSV text of ``data/population.csv`` (the same bytes for the same table)."""
    return table.to_csv(index=False, lineterminator="\n")


def provenance_record(source: Path, text: str, editions=()) -> dict:
    """What ``provenance.json`` records of the population file (and each edition's year)."""
    held = pd.read_csv(io.StringIO(text), usecols=["year"])["year"]
    return {
        "file": POPULATION_FILE,
        "sha256": hashlib.sha256(text.encode()).hexdigest(),
        "years": [YEARS.start, YEARS.stop - 1],
        "edition_year": {str(e): year_for(e, held) for e in editions},
        "source": {
            "file": Path(source).name,
            "sha256": hashlib.sha256(Path(source).read_bytes()).hexdigest(),
            "indicator": "World Bank, World Development Indicators, SP.POP.TOTL",
        },
    }


def forget() -> None:
    """Drop the loaded table (after ``data build`` wrote a new one)."""
    _load.cache_clear()


@cache
def _load(folder: str) -> pd.DataFrame:
    from .dataset import PROVENANCE_FILE, REBUILD_HINT

    path = Path(folder) / POPULATION_FILE
    try:
        data = path.read_bytes()
        record = json.loads((Path(folder) / PROVENANCE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DatasetError(f"{path}: cannot read it ({error}); {REBUILD_HINT}") from None
    expected = record.get("population", {}).get("sha256") if isinstance(record, dict) else None
    if expected is None:
        raise DatasetError(f"{path}: {PROVENANCE_FILE} records no population; {REBUILD_HINT}")
    if hashlib.sha256(data).hexdigest() != expected:
        raise DatasetError(
            f"{path}: its sha256 is not the one {PROVENANCE_FILE} records; {REBUILD_HINT}"
        )
    return pd.read_csv(io.BytesIO(data), dtype={"iso3": str, "year": int, "population": "int64"})


def table() -> pd.DataFrame:
    """The embedded population table (``iso3``, ``year``, ``population``), checked on load; a
    copy of the one loaded, so a caller's change stays its own."""
    from .dataset import data_dir

    return _load(str(data_dir())).copy()


def wanted_year(edition: int) -> int:
    """The population year the rule asks for: the edition's year minus three.

    >>> wanted_year(2023), wanted_year(2031)
    (2020, 2028)
    """
    return int(edition) - YEARS_BEFORE_EDITION


def year_of(edition: int) -> int:
    """The population year an edition's findings use: :func:`wanted_year`, or the latest year
    the population file holds when it lacks that one (:func:`year_note` says so).

    >>> year_of(2023)
    2020
    """
    from .dataset import check_edition

    return year_for(check_edition(edition), table()["year"])


def year_for(edition: int, years_held) -> int:
    """:func:`wanted_year` if held, else the latest held year before it (else the earliest).

    >>> year_for(2027, range(2018, 2025)), year_for(2031, range(2018, 2025))
    (2024, 2024)
    """
    wanted, held = wanted_year(edition), sorted(set(int(y) for y in years_held))
    if wanted in held:
        return wanted
    earlier = [y for y in held if y < wanted]
    return earlier[-1] if earlier else held[0]


def year_note(edition: int) -> str | None:
    """One sentence for the output when :func:`year_of` is not the year the rule asks for.

    >>> year_note(2025) is None
    True
    """
    used, wanted = year_of(edition), wanted_year(edition)
    if used == wanted:
        return None
    return (
        f"population of {used}, the latest year the population file holds "
        f"(the rule asks for {wanted}, the edition's year minus {YEARS_BEFORE_EDITION})"
    )


def of(edition: int) -> pd.Series:
    """ISO3 -> population in :func:`year_of` ``edition``, for all 193 countries.

    >>> people = of(2025)
    >>> len(people), int(people["BEL"])
    (193, 11680210)
    """
    year = year_of(edition)
    rows = table()
    chosen = rows.loc[rows["year"] == year].set_index("iso3")["population"]
    missing = sorted({c.iso3 for c in countries.all_countries()} - set(chosen.index))
    if missing:
        raise DatasetError(f"population: no figure for {missing[0]} in {year}")
    return chosen
