"""The numbers the figures draw, taken from :mod:`ocanalysis.analysis` (figures compute nothing
of their own beyond picking rows)."""

from __future__ import annotations

from functools import cache, lru_cache

import pandas as pd

from .. import catalogue, countries
from ..analysis import change as change_module
from ..analysis import peers
from ..analysis import quadrant as quadrant_module
from ..dataset import check_edition, wide
from ..errors import UnknownIndicatorError


def resolve(country: str, edition: int | None) -> tuple[countries.Country, int]:
    """The country and edition a figure is about (UnknownCountryError/UnknownEditionError)."""
    return countries.lookup(country), check_edition(edition)


def pillar_ids(edition: int, pillar: str) -> list[str]:
    if pillar not in catalogue.PILLARS:
        raise UnknownIndicatorError(
            f"unknown pillar {pillar!r}; expected one of {', '.join(catalogue.PILLARS)}"
        )
    return [i.id for i in catalogue.indicators(edition, pillar)]


@lru_cache(maxsize=4)
def _compare(iso3: str, edition: int) -> pd.DataFrame:
    # A report draws the three pillars' dot charts of one country in a row: compare once.
    return peers.compare(iso3, edition)


def peer_means(country: str, edition: int, pillar: str) -> pd.DataFrame:
    """indicator, label, score, region_mean, world_mean for the pillar's indicators, index order."""
    ids = pillar_ids(edition, pillar)
    table = _compare(countries.lookup(country).iso3, edition)
    table = table.set_index("indicator").loc[ids].reset_index()
    return table[["indicator", "label", "score", "region_mean", "world_mean"]]


def quadrant(edition: int, thresholds: tuple[float, float] | None) -> pd.DataFrame:
    crit, res = thresholds if thresholds is not None else (None, None)
    return quadrant_module.classify(edition, criminality_threshold=crit, resilience_threshold=res)


@cache
def _like_for_like(from_edition: int, to_edition: int) -> pd.DataFrame:
    # The same for every country of a pair of editions: computed once per process.
    return change_module.like_for_like(from_edition, to_edition)


@cache
def _between(from_edition: int, to_edition: int) -> pd.DataFrame:
    # Every country's changes at once, computed once per process: the ranks behind one country's
    # rows need all the countries anyway. Shared: callers take rows and never modify them.
    return change_module.between(from_edition, to_edition)


def change(
    country: str, from_edition: int, to_edition: int
) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """change.between for one country, its like-for-like composites, and the shared indicators.

    Returned apart rather than in ``attrs``: pandas deep-copies ``attrs`` (a frame included) on
    every slice of the table.
    """
    iso3 = countries.lookup(country).iso3
    every = _between(from_edition, to_edition)
    table = every.loc[every["iso3"] == iso3].reset_index(drop=True)
    like = _like_for_like(from_edition, to_edition)
    shared = list(like.attrs.get("shared_indicators", []))
    like = like[like["iso3"] == iso3].reset_index(drop=True)
    like.attrs = {}
    return table, like, shared


def region_members(country: countries.Country, edition: int) -> pd.DataFrame:
    frame = wide(edition)
    return frame[frame["region"] == country.region].reset_index(drop=True)
