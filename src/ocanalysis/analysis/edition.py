"""What the reports read of one edition, computed once per process: the classification, the
changes since another edition (every country at once), each country's comparison with its peers,
the default audit and the default sensitivity analysis.

A batch renders every country of an edition on warm kernels: these results are the same for every
report, so each is computed on first use and kept. Both the report's tables and its charts read
them from here, so a table and the chart beside it can never disagree.

What :func:`edition_analysis` hands out is a copy of what is kept, made on first use and the same
object until :func:`forget_handed_out` (the warm kernel calls it before every report): a notebook
that changes a table in place changes its own report only, never the next one on that kernel
(copying the tables a report reads costs about 1 ms a report; computing them again, 40 ms).
"""

from __future__ import annotations

import copy
import functools
from dataclasses import dataclass, field

import pandas as pd

from ..dataset import check_edition
from . import audit as audit_module
from . import change as change_module
from . import peers as peers_module
from . import quadrant as quadrant_module
from . import sensitivity as sensitivity_module


@dataclass(frozen=True)
class EditionChange:
    """Every country's changes from ``from_edition`` to ``to_edition`` (:func:`change.between`)
    and the like-for-like composites (:func:`change.like_for_like`)."""

    from_edition: int
    to_edition: int
    between: pd.DataFrame
    like_for_like: change_module.LikeForLike

    def of(self, iso3: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        """One country's change rows and its like-for-like rows.

        >>> rows, like = edition_analysis(2023).change_from(2021).of("BEL")
        >>> len(rows), like["composite"].tolist()[0]
        (30, 'criminality')
        """
        table = self.between.loc[self.between["iso3"] == iso3].reset_index(drop=True)
        return table, self.like_for_like.of(iso3)


@dataclass(frozen=True)
class EditionAnalysis:
    """One edition's shared results; use :func:`edition_analysis` to get the process's one."""

    edition: int
    _changes: dict = field(default_factory=dict, repr=False, compare=False)

    @functools.cached_property
    def classification(self) -> quadrant_module.Classification:
        """The quadrant of every country, at the classification's default thresholds."""
        return quadrant_module.classify(self.edition)

    @functools.cached_property
    def audit(self):
        """The default audit (:func:`audit.cached_run`: the runs and seed ``ocanalysis audit``
        uses), so a report and the command line state the same intervals."""
        return audit_module.cached_run(self.edition)

    @functools.cached_property
    def sensitivity(self):
        """The default sensitivity analysis (:func:`sensitivity.cached_analysis`, what
        ``ocanalysis audit --sensitivity`` prints), computed once per edition and kept on disk."""
        return sensitivity_module.cached_analysis(self.edition)

    def change_from(self, other: int) -> EditionChange:
        """The changes from edition ``other`` (earlier or later) to this one, computed once."""
        other = check_edition(other)
        if other not in self._changes:
            self._changes[other] = EditionChange(
                other,
                self.edition,
                change_module.between(other, self.edition),
                change_module.like_for_like(other, self.edition),
            )
        return self._changes[other]

    def compare(self, iso3: str) -> pd.DataFrame:
        """:func:`peers.compare` for one country (a report reads it for three sections)."""
        return self._compare(iso3)

    @functools.cached_property
    def _compare(self):
        return functools.lru_cache(maxsize=4)(lambda iso3: peers_module.compare(iso3, self.edition))


@functools.cache
def _kept(edition: int) -> EditionAnalysis:
    """The results computed for ``edition``, never handed out themselves."""
    return EditionAnalysis(edition)


class HandedOut:
    """A copy of the kept results of one edition, each result copied on first use (deep: its
    tables too), so whatever a caller changes, the kept results stay as computed."""

    def __init__(self, kept: EditionAnalysis):
        self.edition = kept.edition
        self._kept = kept
        self._changes: dict = {}
        self._compared: dict = {}

    @functools.cached_property
    def classification(self) -> quadrant_module.Classification:
        """See :attr:`EditionAnalysis.classification`."""
        return copy.deepcopy(self._kept.classification)

    @functools.cached_property
    def audit(self):
        """See :attr:`EditionAnalysis.audit`."""
        return copy.deepcopy(self._kept.audit)

    @functools.cached_property
    def sensitivity(self):
        """See :attr:`EditionAnalysis.sensitivity`."""
        return copy.deepcopy(self._kept.sensitivity)

    def change_from(self, other: int) -> EditionChange:
        """See :meth:`EditionAnalysis.change_from`."""
        other = check_edition(other)
        if other not in self._changes:
            self._changes[other] = copy.deepcopy(self._kept.change_from(other))
        return self._changes[other]

    def compare(self, iso3: str) -> pd.DataFrame:
        """See :meth:`EditionAnalysis.compare`."""
        if iso3 not in self._compared:
            self._compared[iso3] = self._kept.compare(iso3).copy(deep=True)
        return self._compared[iso3]


_handed_out: dict[int, HandedOut] = {}


def edition_analysis(edition: int | None = None) -> HandedOut:
    """The shared results for ``edition`` (default: the latest): this report's copy of them.

    >>> edition_analysis(2023) is edition_analysis(2023)
    True
    >>> edition_analysis(2023).classification.thresholds.criminality
    5.5
    >>> edition_analysis(2023).classification.table["quadrant"] = "none"  # this copy only
    >>> forget_handed_out()
    >>> edition_analysis(2023).classification.table["quadrant"].nunique()
    4
    """
    resolved = check_edition(edition)
    handed = _handed_out.get(resolved)
    if handed is None:
        handed = _handed_out[resolved] = HandedOut(_kept(resolved))
    return handed


def forget_handed_out() -> None:
    """Hand out fresh copies from now on (the warm kernel's reset, before each report)."""
    _handed_out.clear()


def forget() -> None:
    """Drop the kept results too: they are computed again on first use (tests)."""
    _kept.cache_clear()
    _handed_out.clear()


def kept_results(edition: int | None = None) -> EditionAnalysis:
    """The kept results themselves, for the library's own caches of what it derives from them
    (a copy handed out, which a notebook may have changed, must not be cached): read them,
    never change them, never hand them out."""
    return _kept(check_edition(edition))
