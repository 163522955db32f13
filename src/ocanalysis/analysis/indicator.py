"""One indicator or composite across the world, as the publisher's indicator pages show it: its
global mean and change since the previous edition, every country ranked, the continents' and
regions' means (with their population), how many countries have each score, the countries that
moved most, and its correlation with another indicator.

Means are :func:`means.group_mean` (the publisher's rule); ranks are the publisher's (highest
first, ties sharing the best rank: :func:`scoring.rank_desc`).
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pandas as pd

from .. import catalogue, population
from ..dataset import check_edition, wide
from ..errors import ArgumentError
from ..scoring import rank_desc, round_half_up
from .findings import group_rankings, people_text, previous_edition
from .means import group_mean

MOVERS = 10  # how many countries the "moved most" list holds


class IndicatorFindings(dict):
    """What :func:`indicator` returns: a JSON-ready dict that prints as text
    (``ocanalysis indicator``) and gives sheets (:meth:`tables`).

    >>> indicator("law_enforcement", 2023)
    <IndicatorFindings Law enforcement, 2023 edition: world mean 4.87 (-0.04 since 2021), 193 countries>
    """

    def __repr__(self) -> str:
        return f"<IndicatorFindings {_headline(self)}>"

    def __str__(self) -> str:
        return text(self)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The ranking, continents, regions, distribution and movers as sheets.

        >>> list(indicator("criminality", 2025).tables())
        ['summary', 'ranking', 'continents', 'regions', 'distribution', 'moved most']
        """
        summary = {k: self[k] for k in ("id", "label", "pillar", "edition", "mean")}
        summary.update({"change": self["change"], "change from": self["change_from"]})
        return {
            "summary": pd.DataFrame({"field": list(summary), "value": list(summary.values())}),
            "ranking": pd.DataFrame(self["ranking"]),
            "continents": pd.DataFrame(self["continents"]),
            "regions": pd.DataFrame(self["regions"]),
            "distribution": pd.DataFrame(self["distribution"], columns=["score", "countries"]),
            "moved most": pd.DataFrame(self["moved_most"]),
        }


def _headline(found: dict) -> str:
    change = (
        f" ({found['change']:+.2f} since {found['change_from']})"
        if found["change"] is not None
        else ""
    )
    return (
        f"{found['label']}, {found['edition']} edition: world mean {found['mean']:.2f}{change}, "
        f"{len(found['ranking'])} countries"
    )


def _scored(edition: int, measure: str) -> pd.DataFrame:
    frame = wide(edition)
    return frame[frame[measure].notna()].reset_index(drop=True)


def indicator(name: str, edition: int | None = None) -> IndicatorFindings:
    """One composite or indicator (id or label) in one edition (default: the latest).

    Keys: ``id``, ``label``, ``pillar``, ``composite``, ``edition``, ``mean`` (the world's),
    ``change_from`` and ``change`` (the world mean's change since the previous edition that
    scores it, as published; None where there is none), ``ranking`` (every country: rank, iso3,
    country, continent, region, score), ``continents`` and ``regions`` (each group's mean, rank,
    countries and population: :func:`findings.group_rankings`), ``distribution`` ([score, number
    of countries], a composite's scores to the half point below), ``moved_most`` (the
    :data:`MOVERS` countries whose score changed most since ``change_from``).

    >>> found = indicator("law enforcement", 2023)
    >>> found["mean"], found["change_from"], found["ranking"][0]["rank"]
    (4.87, 2021, 1)
    >>> indicator("financial_crimes", 2023)["change"] is None  # first scored in 2023
    True
    """
    entry = catalogue.lookup(name)
    edition = check_edition(edition)
    if not entry.in_edition(edition):
        raise ArgumentError(
            f"{entry.label!r} is first scored in {entry.since}; choose edition {entry.since} "
            "or later"
        )
    frame = _scored(edition, entry.id)
    mean = group_mean(frame, entry.id)
    before = previous_edition(edition)
    if before is not None and not entry.in_edition(before):
        before = None
    change = None
    if before is not None:
        old = group_mean(_scored(before, entry.id), entry.id)
        change = round_half_up(Fraction(str(mean)) - Fraction(str(old)))
    ranks = rank_desc(frame[entry.id])
    ranking = (
        pd.DataFrame(
            {
                "rank": ranks.astype(int),
                "iso3": frame["iso3"],
                "country": frame["country"],
                "continent": frame["continent"],
                "region": frame["region"],
                "score": frame[entry.id].astype(float),
            }
        )
        .sort_values(["rank", "country"], kind="stable")
        .to_dict("records")
    )
    return IndicatorFindings(
        {
            "id": entry.id,
            "label": entry.label,
            "pillar": entry.pillar,
            "composite": entry.composite,
            "edition": edition,
            "mean": mean,
            "change_from": before,
            "change": change,
            "population_year": population.year_of(edition),
            "ranking": ranking,
            "continents": group_rankings(edition, "continent", (entry.id,)),
            "regions": group_rankings(edition, "region", (entry.id,)),
            "distribution": distribution(frame[entry.id], composite=entry.composite),
            "moved_most": [] if before is None else moved_most(entry.id, before, edition),
        }
    )


def distribution(scores: pd.Series, *, composite: bool = False) -> list[list]:
    """[score, number of countries] in ascending score: an indicator's half points; a
    composite's scores to the half point below (5.37 counts at 5.0).

    >>> distribution(pd.Series([5.0, 5.5, 5.0]))
    [[5.0, 2], [5.5, 1]]
    """
    values = np.floor(scores.to_numpy(dtype=float) * 2) / 2 if composite else scores.to_numpy()
    counts = pd.Series(values).value_counts().sort_index()
    return [[float(score), int(count)] for score, count in counts.items()]


def moved_most(measure: str, before: int, edition: int, top: int = MOVERS) -> list[dict]:
    """The ``top`` countries whose score of ``measure`` changed most from ``before`` to
    ``edition`` (largest absolute change first, then by name): iso3, country, from, to, change.

    >>> [row["change"] for row in moved_most("law_enforcement", 2021, 2023, top=3)]
    [-2.5, -2.0, -2.0]
    """
    old = wide(before).set_index("iso3")[measure]
    new = wide(edition).set_index("iso3")
    both = new.index.intersection(old.dropna().index)
    rows = []
    for iso3 in both:
        if pd.isna(new.at[iso3, measure]):
            continue
        after, prior = float(new.at[iso3, measure]), float(old[iso3])
        rows.append(
            {
                "iso3": iso3,
                "country": str(new.at[iso3, "country"]),
                "from": prior,
                "to": after,
                "change": round_half_up(Fraction(str(after)) - Fraction(str(prior))),
            }
        )
    rows.sort(key=lambda r: (-abs(r["change"]), r["country"]))
    return [r for r in rows[:top] if r["change"] != 0]


def correlation(first: str, second: str, edition: int | None = None) -> float | None:
    """Pearson's correlation of two measures over the countries scored in both (None where
    fewer than three are or a measure does not vary).

    >>> round(correlation("criminality", "resilience", 2023), 2)
    -0.44
    """
    a, b = catalogue.lookup(first).id, catalogue.lookup(second).id
    frame = wide(check_edition(edition))[[a, b]].dropna()
    if len(frame) < 3 or frame[a].nunique() < 2 or frame[b].nunique() < 2:
        return None
    value = float(np.corrcoef(frame[a], frame[b])[0, 1])
    return None if math.isnan(value) else value


def text(found: dict) -> str:
    """The findings as lines of text (``ocanalysis indicator``)."""
    lines = [_headline(found)]
    lines.append("Continents (rank, mean, countries, population):")
    for group in found["continents"]:
        lines.append(_group_line(group, found["id"]))
    lines.append("Regions:")
    for group in found["regions"]:
        lines.append(_group_line(group, found["id"]))
    lines.append(
        "Countries per score: " + ", ".join(f"{s:g}: {n}" for s, n in found["distribution"])
    )
    if found["moved_most"]:
        lines.append(f"Moved most since {found['change_from']}:")
        for row in found["moved_most"]:
            lines.append(
                f"  {row['country']}: {row['from']:g} -> {row['to']:g} ({row['change']:+.2f})"
            )
    lines.append("Ranking:")
    for row in found["ranking"]:
        lines.append(f"  {row['rank']:>3}  {row['country']:<34} {row['score']:.2f}")
    return "\n".join(lines)


def _group_line(group: dict, measure: str) -> str:
    return (
        f"  {group[f'{measure}_rank']:>2}. {group['name']:<34} {group[measure]:.2f}  "
        f"{group['countries']:>3} countries, {people_text(group['population'])}"
    )
