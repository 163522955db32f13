"""Raw tables -> one validated wide frame per edition (and from it, the tidy table).

Every rule the data must satisfy is checked here, and every problem is reported with its file,
sheet, row, column and value. Nothing half-loaded escapes: either the whole table is valid, or
:class:`~ocanalysis.errors.ValidationError` lists what is wrong.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import catalogue, countries
from .catalogue import label_key
from .errors import ValidationError
from .scoring import composites
from .sources import RawTable
from .sources._table import shown as _q  # every quoted value is cut to one short line

META_COLUMNS: tuple[str, ...] = ("edition", "iso3", "iso2", "country", "continent", "region")
WIDE_COLUMNS: tuple[str, ...] = META_COLUMNS + catalogue.COMPOSITE_IDS + catalogue.INDICATOR_IDS

_ROLE_BY_KEY = {
    "continent": "continent",
    "region": "region",
    "country": "country",
    "country name": "country",
    "name": "country",
    "code": "code",
    "iso": "code",
    "iso2": "code",
    "iso3": "code",
    "iso code": "code",
    "iso 3166": "code",
    "latitude": None,
    "longitude": None,
    "lat": None,
    "lon": None,
}

# Region labels as the sheets write them -> the canonical regions they may stand for.
_REGION_LABELS: dict[str, frozenset[str]] = {
    label_key(r): frozenset([r]) for r in countries.REGIONS
}
_REGION_LABELS[label_key("Caribbean & Central")] = frozenset(["Caribbean", "Central America"])
_REGION_LABELS[label_key("Caribbean and Central America")] = frozenset(
    ["Caribbean", "Central America"]
)
_CONTINENT_LABELS = {label_key(c): c for c in countries.CONTINENTS}
_CONTINENT_LABELS[label_key("America")] = "Americas"


@dataclass
class Normalized:
    """One edition, validated: the wide frame and what was learnt on the way."""

    edition: int
    wide: pd.DataFrame
    published_composites: bool
    source: str


_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", re.ASCII)


def _number(value: object) -> float | None | str:
    """A cell as a float, None when blank, or the string 'nan' marker when not a number."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "bad"
    if isinstance(value, int | float):
        return "bad" if math.isnan(value) or math.isinf(value) else float(value)
    text = str(value).strip()
    if not text:
        return None
    # Plain ASCII decimals only: float() also takes '1_0', full-width '５', '1e1' and 'inf'.
    if not _DECIMAL.fullmatch(text):
        return "bad"
    try:
        number = float(text)
    except ValueError:
        return "bad"
    return "bad" if math.isnan(number) or math.isinf(number) else number


def _columns(table: RawTable, problems: list[str]) -> tuple[dict[str, int], dict[str, int]]:
    """Map roles (country, code, continent, region) and measure ids to column positions."""
    roles: dict[str, int] = {}
    measures: dict[str, int] = {}
    for position, name in enumerate(table.header):
        key = label_key(name)
        if not key:
            problems.append(f"{table.where()}: column {position + 1} has no header")
            continue
        measure = catalogue.id_for_label(name)
        if measure is not None:
            if measure in measures:
                problems.append(f"{table.where()}: column {_q(name)} appears twice")
            measures[measure] = position
            continue
        if key in _ROLE_BY_KEY:
            role = _ROLE_BY_KEY[key]
            if role is not None:
                roles.setdefault(role, position)
            continue
        problems.append(
            f"{table.where()}: unknown column {_q(name)}: not an indicator the catalogue knows; "
            "remove the column, or add the indicator to src/ocanalysis/catalogue.py "
            "(id, label, pillar, first edition)"
        )
    if "country" not in roles and "code" not in roles:
        problems.append(f"{table.where()}: missing column 'Country' (or an ISO 'code' column)")
    for indicator in catalogue.indicators(table.edition):
        if indicator.id not in measures:
            problems.append(f"{table.where()}: missing column {indicator.label!r}")
    return roles, measures


def normalize(table: RawTable) -> Normalized:
    """Validate one raw table and return its wide frame; raise ValidationError listing problems.

    >>> from pathlib import Path
    >>> row = ["Atlantis"] + [5.0] * len(catalogue.INDICATOR_IDS)
    >>> labels = [catalogue.get(i).label for i in catalogue.INDICATOR_IDS]
    >>> normalize(RawTable(Path("2025.csv"), 2025, ["Country", *labels], [row]))
    Traceback (most recent call last):
    ocanalysis.errors.ValidationError: 2025.csv, line 2, column 'Country': value 'Atlantis': unknown country
    """
    problems: list[str] = []
    roles, measures = _columns(table, problems)
    if problems:
        raise ValidationError(problems)

    indicator_ids = [i.id for i in catalogue.indicators(table.edition)]
    published = [c for c in catalogue.COMPOSITE_IDS if c in measures]
    if published and len(published) < len(catalogue.COMPOSITE_IDS):
        missing = [c for c in catalogue.COMPOSITE_IDS if c not in measures]
        problems.append(
            f"{table.where()}: has published averages but lacks "
            + ", ".join(repr(catalogue.get(c).label) for c in missing)
        )

    records: list[dict] = []
    seen: dict[str, int] = {}
    for index, cells in enumerate(table.rows):
        where = table.where(index)
        name = cells[roles["country"]] if "country" in roles else None
        code = cells[roles["code"]] if "code" in roles else None
        query = code if code not in (None, "") else name
        country = countries.find(str(query)) if query not in (None, "") else None
        if country is None:
            shown = name if name not in (None, "") else code
            problems.append(f"{where}, column 'Country': value {_q(shown)}: unknown country")
            continue
        if (
            name not in (None, "")
            and code not in (None, "")
            and countries.find(str(name))
            not in (
                None,
                country,
            )
        ):
            problems.append(
                f"{where}: code {_q(code)} is {country.name} but the name says {_q(name)}"
            )
        if country.iso3 in seen:
            problems.append(
                f"{where}, column 'Country': value {country.name!r}: duplicate country "
                f"(also on {'row' if table.sheet else 'line'} {seen[country.iso3]})"
            )
            continue
        seen[country.iso3] = table.row_number(index)

        continent, region = country.continent, country.region
        if "continent" in roles:
            label = cells[roles["continent"]]
            stated = _CONTINENT_LABELS.get(label_key(label or ""))
            if stated is None:
                problems.append(
                    f"{where}, column 'Continent': value {_q(label)}: unknown continent"
                )
            else:
                continent = stated
        if "region" in roles:
            label = cells[roles["region"]]
            allowed = _REGION_LABELS.get(label_key(label or ""))
            if allowed is None:
                problems.append(f"{where}, column 'Region': value {_q(label)}: unknown region")
            elif country.region not in allowed:
                # The publisher moved the country: trust the edition's own grouping.
                region = next(iter(allowed)) if len(allowed) == 1 else country.region

        record = {
            "edition": table.edition,
            "iso3": country.iso3,
            "iso2": country.iso2,
            "country": country.name,
            "continent": continent,
            "region": region,
        }
        for measure, position in measures.items():
            raw = cells[position]
            value = _number(raw)
            label = table.header[position]
            indicator = catalogue.get(measure)
            if value is None:
                if indicator.composite or indicator.id in indicator_ids:
                    problems.append(f"{where}, column {_q(label)}: missing score")
                record[measure] = None
                continue
            if value == "bad":
                problems.append(f"{where}, column {_q(label)}: value {_q(raw)}: not a number")
                continue
            if not 1 <= value <= 10:
                problems.append(
                    f"{where}, column {_q(label)}: value {_q(raw)}: out of range (scores run from 1 to 10)"
                )
                continue
            if not indicator.composite and value * 2 != round(value * 2):
                problems.append(
                    f"{where}, column {_q(label)}: value {_q(raw)}: not a half point "
                    "(indicators are scored 1, 1.5, ..., 10)"
                )
                continue
            record[measure] = value
        records.append(record)

    missing = [c.name for c in countries.all_countries() if c.iso3 not in seen]
    if missing and not problems:
        shown = ", ".join(missing[:5]) + (
            f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        )
        problems.append(
            f"{table.where()}: {len(seen)} of the index's 193 countries; missing {shown} "
            "(truncated file?)"
        )
    if problems:
        raise ValidationError(problems)

    frame = pd.DataFrame.from_records(records)
    computed = composites(frame[indicator_ids], table.edition)
    if published:
        for cid in catalogue.COMPOSITE_IDS:
            differs = (frame[cid].round(2) - computed[cid]).abs() > 0.005
            for position in frame.index[differs]:
                row = frame.loc[position]
                label = table.header[measures[cid]]
                problems.append(
                    f"{table.where()}, country {row['country']}, column {_q(label)}: value "
                    f"{row[cid]:.2f}: published average contradicts its indicators, which give "
                    f"{computed.loc[position, cid]:.2f}"
                )
        if problems:
            raise ValidationError(problems)
    for cid in catalogue.COMPOSITE_IDS:
        frame[cid] = computed[cid]
    for column in WIDE_COLUMNS:
        if column not in frame:
            frame[column] = float("nan")
    frame = frame[list(WIDE_COLUMNS)]
    measure_columns = list(catalogue.COMPOSITE_IDS + catalogue.INDICATOR_IDS)
    frame[measure_columns] = frame[measure_columns].astype(float)
    # An indicator the edition lacks is missing, never zero, even if a file carries the column.
    for indicator in catalogue.INDICATORS:
        if not indicator.in_edition(table.edition):
            frame[indicator.id] = float("nan")
    frame = frame.sort_values("country", key=lambda s: s.map(countries.fold)).reset_index(drop=True)
    source = table.path.name + (f", sheet {table.sheet}" if table.sheet else "")
    return Normalized(table.edition, frame, bool(published), source)


def to_tidy(wide: pd.DataFrame) -> pd.DataFrame:
    """Wide (one row per country and edition) -> tidy (one row per score), rows in wide order and
    measures in catalogue order; missing scores (indicators an edition lacks) have no row.

    >>> from ocanalysis import dataset
    >>> belgium = dataset.wide(2023).query("iso3 == 'BEL'")
    >>> to_tidy(belgium)[["indicator", "score"]].head(3).values.tolist()
    [['criminality', 4.43], ['criminal_markets', 5.17], ['criminal_actors', 3.7]]
    >>> len(to_tidy(dataset.wide(2021))), len(to_tidy(dataset.wide(2023)))  # 2021: 6 fewer
    (5790, 6948)
    """
    measures = list(catalogue.COMPOSITE_IDS + catalogue.INDICATOR_IDS)
    values = wide[measures].to_numpy(dtype=float)
    rows, cols = np.nonzero(~np.isnan(values))
    pillar = np.array([catalogue.get(m).pillar for m in measures], dtype=object)
    data = {c: wide[c].to_numpy()[rows] for c in META_COLUMNS}
    data["indicator"] = np.array(measures, dtype=object)[cols]
    data["pillar"] = pillar[cols]
    data["score"] = values[rows, cols]
    tidy = pd.DataFrame(data)
    for column in ("iso3", "iso2", "country", "continent", "region", "indicator", "pillar"):
        tidy[column] = tidy[column].astype(wide["iso3"].dtype)
    return tidy
