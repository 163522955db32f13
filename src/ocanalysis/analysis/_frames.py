"""Shared plumbing of the analysis modules: the frame of one edition, one country's row, arguments.

Every analysis function takes an optional ``data=`` wide frame (the shape of
:func:`ocanalysis.dataset.wide`) so tests can feed small synthetic frames; without it the embedded
dataset is read.
"""

from __future__ import annotations

import numbers

import pandas as pd

from .. import catalogue, countries, dataset
from ..errors import ArgumentError, UnknownCountryError, UnknownEditionError

META = ("iso3", "country", "continent", "region")


def edition_frame(edition: int | str | None, data: pd.DataFrame | None = None) -> pd.DataFrame:
    """The wide rows of one edition (default: latest), from ``data`` or the embedded dataset.

    >>> edition_frame(2023).shape
    (193, 42)
    """
    if data is None:
        return dataset.wide(dataset.check_edition(edition))
    held = sorted(int(e) for e in data["edition"].unique())
    if not held:
        raise UnknownEditionError("the data given holds no edition")
    if edition is None:
        chosen = held[-1]
    else:
        try:
            chosen = int(edition)
        except (TypeError, ValueError):
            chosen = None
        if chosen not in held:
            known = ", ".join(str(e) for e in held)
            raise UnknownEditionError(f"unknown edition {edition!r}; the data holds {known}")
    return data.loc[data["edition"] == chosen].reset_index(drop=True)


def frame_edition(frame: pd.DataFrame) -> int:
    """The (single) edition of an :func:`edition_frame`."""
    return int(frame["edition"].iloc[0])


def measures(edition: int) -> tuple[catalogue.Indicator, ...]:
    """The composites, then the indicators the edition scores, in the index's order."""
    return catalogue.COMPOSITES + catalogue.indicators(edition)


def country_iso3(country: str, frame: pd.DataFrame) -> str:
    """The ISO3 code of a country named any way :func:`countries.lookup` accepts, checked in frame."""
    iso3 = countries.lookup(country).iso3
    if not (frame["iso3"] == iso3).any():
        raise UnknownCountryError(
            f"{country!r} ({iso3}) has no scores in edition {frame_edition(frame)}"
        )
    return iso3


def check_choice(name: str, value: object, choices: tuple[str, ...]) -> str:
    """``value`` if it is one of ``choices``, else ArgumentError naming them.

    >>> check_choice("method", "rank", ("zscore", "minmax"))
    Traceback (most recent call last):
    ...
    ocanalysis.errors.ArgumentError: unknown method 'rank'; choose one of zscore, minmax
    """
    if value not in choices:
        raise ArgumentError(f"unknown {name} {value!r}; choose one of {', '.join(choices)}")
    return str(value)


def check_count(name: str, value: object, maximum: int | None = None) -> int:
    """``value`` as an int if it is a whole number from 1 (to ``maximum``), else ArgumentError.

    >>> check_count("k", 0)
    Traceback (most recent call last):
    ...
    ocanalysis.errors.ArgumentError: k must be a whole number of at least 1, not 0
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ArgumentError(f"{name} must be a whole number of at least 1, not {value!r}")
    if maximum is not None and value > maximum:
        raise ArgumentError(f"{name} must be at most {maximum}, not {value!r}")
    return int(value)


def percentile_of(values: pd.Series, score: float) -> float:
    """Percentile rank of ``score`` among ``values`` (0-100): share below plus half the ties.

    The mean of the "strictly below" and "at or below" shares, so a group's middle value is at 50
    whatever the ties (scipy's ``percentileofscore(kind="mean")``).

    >>> percentile_of(pd.Series([1.0, 2.0, 2.0, 3.0]), 2.0)
    50.0
    """
    clean = values.dropna()
    below = int((clean < score).sum())
    equal = int((clean == score).sum())
    return 100.0 * (below + equal / 2) / len(clean)
