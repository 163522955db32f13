"""The numbers the figures draw, taken from :mod:`ocanalysis.analysis` (figures compute nothing
of their own beyond picking rows)."""

from __future__ import annotations

import pandas as pd

from .. import catalogue, countries
from ..analysis import quadrant as quadrant_module
from ..analysis.edition import edition_analysis, kept_results
from ..dataset import check_edition, place, wide
from ..errors import UnknownIndicatorError


def resolve(country, edition: int | None) -> tuple[countries.Country, int]:
    """The country (a name, a code, or a resolved ``countries.Country``) and the edition a
    figure is about (UnknownCountryError/UnknownEditionError)."""
    edition = check_edition(edition)
    return place(country, edition), edition


def pillar_ids(edition: int, pillar: str) -> list[str]:
    if pillar not in catalogue.PILLARS:
        raise UnknownIndicatorError(
            f"unknown pillar {pillar!r}; expected one of {', '.join(catalogue.PILLARS)}"
        )
    return [i.id for i in catalogue.indicators(edition, pillar)]


def peer_means(country: str, edition: int, pillar: str) -> pd.DataFrame:
    """indicator, label, score, region_mean, world_mean for the pillar's indicators, index order."""
    ids = pillar_ids(edition, pillar)
    table = edition_analysis(edition).compare(countries.lookup(country).iso3)
    table = table.set_index("indicator").loc[ids].reset_index()
    return table[["indicator", "label", "score", "region_mean", "world_mean"]]


def quadrant(edition: int, thresholds: tuple[float, float] | None):
    """The classification at the default thresholds (the kept one: ``_quadrant`` caches what it
    derives from it, per kernel), or at the given ones."""
    if thresholds is None:
        return kept_results(edition).classification
    crit, res = thresholds
    return quadrant_module.classify(edition, criminality_threshold=crit, resilience_threshold=res)


def change(
    country: str, from_edition: int, to_edition: int
) -> tuple[pd.DataFrame, pd.DataFrame, tuple[str, ...]]:
    """One country's change rows, its like-for-like composites, and the shared indicators."""
    changes = edition_analysis(to_edition).change_from(from_edition)
    table, like = changes.of(countries.lookup(country).iso3)
    return table, like, changes.like_for_like.shared_indicators


def region_members(country: countries.Country, edition: int) -> pd.DataFrame:
    frame = wide(edition)
    return frame[frame["region"] == country.region].reset_index(drop=True)
