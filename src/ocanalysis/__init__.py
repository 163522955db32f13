"""ocanalysis: load, validate, analyse and report on the Global Organized Crime Index.

>>> import ocanalysis
>>> ocanalysis.profile("Belgium", 2023).scores["criminality"]
4.43
"""

from __future__ import annotations

__version__ = "0.1.0"

from . import catalogue
from .countries import lookup as lookup_country
from .dataset import editions, load, wide
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
from .scoring import rank_table

__all__ = [
    "__version__",
    "catalogue",
    "editions",
    "load",
    "wide",
    "profile",
    "Profile",
    "rank_table",
    "lookup_country",
    "OCAnalysisError",
    "InputError",
    "ValidationError",
    "UnknownCountryError",
    "UnknownEditionError",
    "UnknownIndicatorError",
    "ProfileParseError",
]
