"""Small synthetic wide frames for hand-computed analysis tests."""

from __future__ import annotations

from fractions import Fraction

import pandas as pd
import pytest

from ocanalysis import catalogue, countries, scoring


def make_wide(rows: list[dict], edition: int = 2023, default: float = 5.0) -> pd.DataFrame:
    """A wide frame of real ISO3 codes with made-up regions, every indicator ``default`` unless set.

    Each row: iso3, region, continent and any indicator values; composites are computed with the
    publisher's rules, so the frame is internally consistent.
    """
    records = []
    for row in rows:
        country = countries.lookup(row["iso3"])
        record = {
            "edition": edition,
            "iso3": country.iso3,
            "iso2": country.iso2,
            "country": country.name,
            "continent": row.get("continent", "Europe"),
            "region": row.get("region", "Region one"),
        }
        for indicator in catalogue.INDICATORS:
            scored = indicator.in_edition(edition)
            record[indicator.id] = row.get(indicator.id, default) if scored else float("nan")
        records.append(record)
    frame = pd.DataFrame(records)
    ids = [i.id for i in catalogue.indicators(edition)]
    composites = scoring.composites(frame[ids], edition)
    for column in catalogue.COMPOSITE_IDS:
        frame[column] = composites[column]
    columns = ["edition", "iso3", "iso2", "country", "continent", "region"]
    return frame[columns + list(catalogue.COMPOSITE_IDS) + list(catalogue.INDICATOR_IDS)]


@pytest.fixture
def wide_factory():
    return make_wide


def publisher_mean(rows, measure, edition) -> float:
    """The publisher's group mean in plain Python: each member's unrounded composite (exact
    fractions of its indicators), their mean, rounded half up once."""

    def pillar(row, name):
        ids = [i.id for i in catalogue.indicators(edition, name)]
        return sum(Fraction(str(row[i])) for i in ids) / len(ids)

    def exact(row):
        if measure == "criminality":
            return (pillar(row, "criminal_markets") + pillar(row, "criminal_actors")) / 2
        if catalogue.get(measure).composite:
            return pillar(row, measure)
        return Fraction(str(row[measure]))

    mean = sum(exact(r) for r in rows) / len(rows)
    hundredths = (mean * 100 + Fraction(1, 2)).__floor__()
    return hundredths / 100
