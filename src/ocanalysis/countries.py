"""The 193 countries the index covers: ISO codes, canonical names, continents, regions, lookup.

The reference table (``reference/countries.csv``) holds facts: ISO 3166 codes, the publisher's own
country names (from its 2021 dataset sheet), and the continent and region each country is ranked
within in the official profiles (22 regions: the 2023 sheet merges Caribbean and Central America,
the profiles do not).
"""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .errors import UnknownCountryError

CONTINENTS: tuple[str, ...] = ("Africa", "Americas", "Asia", "Europe", "Oceania")
REGIONS: tuple[str, ...] = (
    "Northern Europe",
    "Western Europe",
    "Southern Europe",
    "Central & Eastern Europe",
    "North America",
    "Central America",
    "Caribbean",
    "South America",
    "Eastern Asia",
    "South-Eastern Asia",
    "Southern Asia",
    "Western Asia",
    "Central Asia and the Caucasus",
    "North Africa",
    "West Africa",
    "Central Africa",
    "East Africa",
    "Southern Africa",
    "Australia and New Zealand",
    "Melanesia",
    "Micronesia",
    "Polynesia",
)

# The levels at which the profiles rank a country: among all, in its continent, in its region.
LEVELS: tuple[str, ...] = ("global", "continent", "region")

# How the profiles word a continent or region in "7th of 11 Western European countries".
CONTINENT_ADJECTIVES = {
    "Africa": "African",
    "Americas": "American",
    "Asia": "Asian",
    "Europe": "European",
    "Oceania": "Oceanian",
}


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    name: str
    continent: str
    region: str
    aliases: tuple[str, ...] = ()


def fold(text: str) -> str:
    """Fold a country name or code for lookup: case, accents, punctuation and 'the' ignored.

    >>> fold("Côte d'Ivoire") == fold("COTE D IVOIRE")
    True
    """
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ").replace("saint ", "st ")
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    return " ".join(w for w in words if w != "the")


@cache
def all_countries() -> tuple[Country, ...]:
    """Every country of the index, sorted by name.

    >>> len(all_countries())
    193
    """
    with (
        resources.files("ocanalysis.reference")
        .joinpath("countries.csv")
        .open(encoding="utf-8", newline="") as handle
    ):
        return tuple(
            Country(
                iso3=row["iso3"],
                iso2=row["iso2"],
                name=row["name"],
                continent=row["continent"],
                region=row["region"],
                aliases=tuple(a for a in row["aliases"].split("|") if a),
            )
            for row in csv.DictReader(handle)
        )


@cache
def _index() -> dict[str, Country]:
    index: dict[str, Country] = {}
    for country in all_countries():
        for key in (country.iso3, country.iso2, country.name, *country.aliases):
            index.setdefault(fold(key), country)
    return index


def find(query: str) -> Country | None:
    """The country a name, alias or ISO2/ISO3 code names (any case, with or without accents).

    >>> find("bel").name, find("BE").name, find("belgium").iso3
    ('Belgium', 'Belgium', 'BEL')
    >>> find("Cote d'Ivoire").iso3, find("DRC").iso3, find("Türkiye").iso3
    ('CIV', 'COD', 'TUR')
    >>> find("Atlantis") is None
    True
    """
    if query is None:
        return None
    return _index().get(fold(query))


def lookup(query: str | Country) -> Country:
    """Like :func:`find`, but raise :class:`UnknownCountryError` with a suggestion on a miss.
    A country already looked up is returned as it is.

    >>> lookup("Belgum")
    Traceback (most recent call last):
    ...
    ocanalysis.errors.UnknownCountryError: unknown country 'Belgum'; did you mean 'Belgium'? (names, aliases and ISO2/ISO3 codes are accepted; `ocanalysis countries` lists them)
    """
    if isinstance(query, Country):
        return query
    country = find(query)
    if country is not None:
        return country
    keys = _index()
    close = difflib.get_close_matches(fold(query), list(keys), n=1, cutoff=0.6)
    hint = f"; did you mean {keys[close[0]].name!r}?" if close else ""
    raise UnknownCountryError(
        f"unknown country {query!r}{hint} (names, aliases and ISO2/ISO3 codes are accepted; "
        "`ocanalysis countries` lists them)"
    )


def group(kind: str, name: str) -> str:
    """The continent (``kind="continent"``) or region (``"region"``) named, in any case or
    accents; ArgumentError naming the closest one and all of them.

    >>> group("region", "western europe"), group("continent", "AFRICA")
    ('Western Europe', 'Africa')
    >>> group("region", "Westrn Europe")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ocanalysis.errors.ArgumentError: unknown region 'Westrn Europe'; did you mean 'Western Europe'? ...
    """
    from .errors import ArgumentError

    known = {"continent": CONTINENTS, "region": REGIONS}[kind]
    folded = {fold(k): k for k in known}
    if fold(name) in folded:
        return folded[fold(name)]
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise ArgumentError(f"unknown {kind} {name!r}{hint} ({kind}s: {', '.join(known)})")


def slug(name: str) -> str:
    """A file-name-safe slug of a country name.

    >>> slug("Côte d'Ivoire"), slug("Congo, Dem. Rep.")
    ('cote-d-ivoire', 'congo-dem-rep')
    """
    return "-".join(fold(name).split()) if name else ""


def region_adjective(region: str) -> str:
    """The adjective the profiles use for a region: 'Western European', 'Caribbean', ...

    >>> region_adjective("Western Europe"), region_adjective("West Africa"), region_adjective("Caribbean")
    ('Western European', 'West African', 'Caribbean')
    """
    replacements = (
        ("Europe", "European"),
        ("Africa", "African"),
        ("America", "American"),
        ("Asia and the Caucasus", "Asian and Caucasian"),
        ("Asia", "Asian"),
        ("Australia and New Zealand", "Australian and New Zealand"),
        ("Melanesia", "Melanesian"),
        ("Micronesia", "Micronesian"),
        ("Polynesia", "Polynesian"),
    )
    for noun, adjective in replacements:
        if region.endswith(noun):
            return region[: -len(noun)] + adjective
    return region
