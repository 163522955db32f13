"""The kinds of report, one record each (as papermill registers its engines): a new kind is one
:class:`ReportKind` here, its notebook and its sections.

The record says what the planner and the scheduler need of a kind: its notebook, its
scheduling tier (a pool starts the largest reports first) and how many countries a report of it
covers (its expected cost within the tier).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .. import countries
from . import COMPARISON_NOTEBOOK, COUNTRY_NOTEBOOK, INDICATOR_NOTEBOOK, SUMMARY_NOTEBOOK


@dataclass(frozen=True)
class ReportKind:
    """One kind of report.

    ``name`` is the kind's key (``Job.kind``); ``notebook`` the shipped notebook that renders it
    (None: the user's own, ``render --notebook``); ``tier`` its place in a run, the largest
    first; ``covers(job)`` how many countries one report covers.
    """

    name: str
    notebook: Path | None
    tier: int
    covers: Callable[[object], int]


REGISTRY: dict[str, ReportKind] = {}


def register(kind: ReportKind) -> ReportKind:
    """Add a kind (its name must be new).

    >>> register(REGISTRY["world"])
    Traceback (most recent call last):
    ValueError: the report kind 'world' is registered already
    """
    if kind.name in REGISTRY:
        raise ValueError(f"the report kind {kind.name!r} is registered already")
    REGISTRY[kind.name] = kind
    return kind


def get(name: str) -> ReportKind:
    """The kind named ``name``; ValueError listing the kinds otherwise.

    >>> get("region").tier, get("world").covers(None)
    (1, 193)
    """
    try:
        return REGISTRY[name]
    except KeyError:
        raise ValueError(
            f"unknown kind of report {name!r} (kinds: {', '.join(REGISTRY)})"
        ) from None


def _every_country(job) -> int:
    return len(countries.all_countries())


def _group(job) -> int:
    from ..dataset import members

    return len(members(job.kind, job.name, job.edition))


for _kind in (
    ReportKind("country", COUNTRY_NOTEBOOK, 0, lambda job: 1),
    ReportKind("world", SUMMARY_NOTEBOOK, 3, _every_country),
    ReportKind("continent", SUMMARY_NOTEBOOK, 2, _group),
    ReportKind("region", SUMMARY_NOTEBOOK, 1, _group),
    ReportKind("compare", COMPARISON_NOTEBOOK, 1, lambda job: len(job.parameters["countries"])),
    # One indicator across every country, but a light page (a ranked list, three charts, two
    # tables): about a mid-sized region's work.
    ReportKind("indicator", INDICATOR_NOTEBOOK, 1, lambda job: 12),
    ReportKind("notebook", None, 0, lambda job: 1),
):
    register(_kind)
