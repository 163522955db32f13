"""ocanalysis: load, validate, analyse and report on the Global Organized Crime Index.

>>> import ocanalysis
>>> ocanalysis.profile("Belgium", 2023).scores["criminality"]
4.43
"""

from __future__ import annotations

__version__ = "0.1.0"

from . import catalogue
from ._lazy import exports
from .countries import lookup as lookup_country
from .errors import (
    InputError,
    OCAnalysisError,
    ProfileParseError,
    UnknownCountryError,
    UnknownEditionError,
    UnknownIndicatorError,
    ValidationError,
)
from .profile import Profile, profile

# Imported on first use, with pandas: ``import ocanalysis`` (every ``ocanalysis`` command) takes a
# few hundredths of a second, and a renderer starts its kernel before it waits for pandas.
_LAZY = {"editions": "dataset", "load": "dataset", "wide": "dataset", "rank_table": "scoring"}
__getattr__, __dir__ = exports(__name__, _LAZY, globals())


def explore(*args, **kwargs):
    """The interactive explorer of one country, for JupyterLab (:func:`ocanalysis.explorer.explore`;
    ``explore.indicator(...)`` for one indicator).

    >>> "Kenya" in explore("Kenya", 2023).view.value
    True
    """
    from .explorer import explore as build

    return build(*args, **kwargs)


def _explore_indicator(*args, **kwargs):
    """The interactive explorer of one indicator (:func:`ocanalysis.explorer.explore.indicator`)."""
    from .explorer import explore as build

    return build.indicator(*args, **kwargs)


explore.indicator = _explore_indicator


def headlines(edition=None, continent=None, region=None, **options) -> dict:
    """The headline findings of an edition (:func:`ocanalysis.analysis.findings.headlines`).

    >>> headlines(2025)["quadrants"]["low criminality, low resilience"]["countries"]
    72
    """
    from .analysis.findings import headlines as compute

    return compute(edition, continent, region, **options)


__all__ = [
    "__version__",
    "catalogue",
    "editions",
    "load",
    "wide",
    "profile",
    "Profile",
    "rank_table",
    "headlines",
    "explore",
    "lookup_country",
    "OCAnalysisError",
    "InputError",
    "ValidationError",
    "UnknownCountryError",
    "UnknownEditionError",
    "UnknownIndicatorError",
    "ProfileParseError",
]
