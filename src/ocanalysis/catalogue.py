"""The index's catalogue: 4 composites and 32 indicators, their labels, pillars and editions.

Ids are stable and are what the tidy table, the CLI and the JSON use. Labels are printed as the
publisher prints them in the country profiles.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

EDITIONS: tuple[int, ...] = (2021, 2023, 2025)

# Pillars, in the index's own order.
CRIMINAL_MARKETS = "criminal_markets"
CRIMINAL_ACTORS = "criminal_actors"
RESILIENCE = "resilience"
PILLARS: tuple[str, ...] = (CRIMINAL_MARKETS, CRIMINAL_ACTORS, RESILIENCE)

FIRST = 2021
SINCE_2023 = 2023


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    pillar: str  # for composites: the pillar they summarize ("criminality" for itself)
    since: int = FIRST  # first edition that scores it; later editions (2027, ...) are assumed to
    composite: bool = False
    section: str | None = None  # the profile's narrative section the indicator is discussed in

    @property
    def editions(self) -> tuple[int, ...]:
        """The known editions that score this measure.

        >>> get("cyber_dependent_crimes").editions, get("cocaine_trade").editions
        ((2023, 2025), (2021, 2023, 2025))
        """
        return tuple(e for e in EDITIONS if e >= self.since)

    def in_edition(self, edition: int) -> bool:
        """Whether the given edition scores this measure.

        >>> get("financial_crimes").in_edition(2021), get("financial_crimes").in_edition(2023)
        (False, True)
        """
        return int(edition) >= self.since


COMPOSITES: tuple[Indicator, ...] = (
    Indicator("criminality", "Criminality", "criminality", composite=True),
    Indicator("criminal_markets", "Criminal markets", CRIMINAL_MARKETS, composite=True),
    Indicator("criminal_actors", "Criminal actors", CRIMINAL_ACTORS, composite=True),
    Indicator("resilience", "Resilience", RESILIENCE, composite=True),
)

# Indicators in the index's own order (the order of the 2023 profiles).
INDICATORS: tuple[Indicator, ...] = (
    Indicator("human_trafficking", "Human trafficking", CRIMINAL_MARKETS, section="People"),
    Indicator("human_smuggling", "Human smuggling", CRIMINAL_MARKETS, section="People"),
    Indicator(
        "extortion_and_protection_racketeering",
        "Extortion and protection racketeering",
        CRIMINAL_MARKETS,
        SINCE_2023,
        section="People",
    ),
    Indicator("arms_trafficking", "Arms trafficking", CRIMINAL_MARKETS, section="Trade"),
    Indicator(
        "trade_in_counterfeit_goods",
        "Trade in counterfeit goods",
        CRIMINAL_MARKETS,
        SINCE_2023,
        section="Trade",
    ),
    Indicator(
        "illicit_trade_in_excisable_goods",
        "Illicit trade in excisable goods",
        CRIMINAL_MARKETS,
        SINCE_2023,
        section="Trade",
    ),
    Indicator("flora_crimes", "Flora crimes", CRIMINAL_MARKETS, section="Environment"),
    Indicator("fauna_crimes", "Fauna crimes", CRIMINAL_MARKETS, section="Environment"),
    Indicator(
        "non_renewable_resource_crimes",
        "Non-renewable resource crimes",
        CRIMINAL_MARKETS,
        section="Environment",
    ),
    Indicator("heroin_trade", "Heroin trade", CRIMINAL_MARKETS, section="Drugs"),
    Indicator("cocaine_trade", "Cocaine trade", CRIMINAL_MARKETS, section="Drugs"),
    Indicator("cannabis_trade", "Cannabis trade", CRIMINAL_MARKETS, section="Drugs"),
    Indicator("synthetic_drug_trade", "Synthetic drug trade", CRIMINAL_MARKETS, section="Drugs"),
    Indicator(
        "cyber_dependent_crimes",
        "Cyber-dependent crimes",
        CRIMINAL_MARKETS,
        SINCE_2023,
        section="Cyber-dependent crimes",
    ),
    Indicator(
        "financial_crimes",
        "Financial crimes",
        CRIMINAL_MARKETS,
        SINCE_2023,
        section="Financial crimes",
    ),
    Indicator(
        "mafia_style_groups", "Mafia-style groups", CRIMINAL_ACTORS, section="Criminal actors"
    ),
    Indicator("criminal_networks", "Criminal networks", CRIMINAL_ACTORS, section="Criminal actors"),
    Indicator(
        "state_embedded_actors", "State-embedded actors", CRIMINAL_ACTORS, section="Criminal actors"
    ),
    Indicator("foreign_actors", "Foreign actors", CRIMINAL_ACTORS, section="Criminal actors"),
    Indicator(
        "private_sector_actors",
        "Private sector actors",
        CRIMINAL_ACTORS,
        SINCE_2023,
        section="Criminal actors",
    ),
    Indicator(
        "political_leadership_and_governance",
        "Political leadership and governance",
        RESILIENCE,
        section="Leadership and governance",
    ),
    Indicator(
        "government_transparency_and_accountability",
        "Government transparency and accountability",
        RESILIENCE,
        section="Leadership and governance",
    ),
    Indicator(
        "international_cooperation",
        "International cooperation",
        RESILIENCE,
        section="Leadership and governance",
    ),
    Indicator(
        "national_policies_and_laws",
        "National policies and laws",
        RESILIENCE,
        section="Leadership and governance",
    ),
    Indicator(
        "judicial_system_and_detention",
        "Judicial system and detention",
        RESILIENCE,
        section="Criminal justice and security",
    ),
    Indicator(
        "law_enforcement", "Law enforcement", RESILIENCE, section="Criminal justice and security"
    ),
    Indicator(
        "territorial_integrity",
        "Territorial integrity",
        RESILIENCE,
        section="Criminal justice and security",
    ),
    Indicator(
        "anti_money_laundering",
        "Anti-money laundering",
        RESILIENCE,
        section="Economic and financial environment",
    ),
    Indicator(
        "economic_regulatory_capacity",
        "Economic regulatory capacity",
        RESILIENCE,
        section="Economic and financial environment",
    ),
    Indicator(
        "victim_and_witness_support",
        "Victim and witness support",
        RESILIENCE,
        section="Civil society and social protection",
    ),
    Indicator(
        "prevention", "Prevention", RESILIENCE, section="Civil society and social protection"
    ),
    Indicator(
        "non_state_actors",
        "Non-state actors",
        RESILIENCE,
        section="Civil society and social protection",
    ),
)

ALL_MEASURES: tuple[Indicator, ...] = COMPOSITES + INDICATORS
_BY_ID: dict[str, Indicator] = {m.id: m for m in ALL_MEASURES}
ALL_MEASURES_BY_ID: Mapping[str, Indicator] = MappingProxyType(_BY_ID)  # read-only: id -> entry

COMPOSITE_IDS: tuple[str, ...] = tuple(c.id for c in COMPOSITES)
INDICATOR_IDS: tuple[str, ...] = tuple(i.id for i in INDICATORS)

# The narrative sections of a country profile, in print order.
NARRATIVE_SECTIONS: tuple[str, ...] = (
    "People",
    "Trade",
    "Environment",
    "Drugs",
    "Cyber-dependent crimes",
    "Financial crimes",
    "Criminal actors",
    "Leadership and governance",
    "Criminal justice and security",
    "Economic and financial environment",
    "Civil society and social protection",
)


def get(measure_id: str) -> Indicator:
    """Return the catalogue entry for a composite or indicator id.

    >>> get("cocaine_trade").label
    'Cocaine trade'
    """
    from .errors import UnknownIndicatorError

    try:
        return _BY_ID[measure_id]
    except KeyError:
        raise UnknownIndicatorError(measure_id=measure_id) from None


def indicators(edition: int | None = None, pillar: str | None = None) -> tuple[Indicator, ...]:
    """Indicators (not composites), optionally only those of one edition and/or pillar.

    >>> len(indicators(2021)), len(indicators(2023))
    (26, 32)
    >>> [i.id for i in indicators(2023, "criminal_actors")][:2]
    ['mafia_style_groups', 'criminal_networks']
    """
    return tuple(
        i
        for i in INDICATORS
        if (edition is None or i.in_edition(edition)) and (pillar is None or i.pillar == pillar)
    )


def label_key(text: str) -> str:
    """Fold a label as publishers write it into a comparison key.

    Case, accents, '&' versus 'and', punctuation, the workbook's trailing 'avg,' and spacing are
    ignored, so 'EXTORTION & PROTECTION RACKETEERING' and 'Extortion and protection racketeering'
    meet.

    >>> label_key("Criminal markets avg,") == label_key("criminal  markets")
    True
    >>> label_key("EXTORTION & PROTECTION RACKETEERING") == label_key("Extortion and protection racketeering")
    True
    """
    folded = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    folded = folded.replace("&", " and ")
    folded = re.sub(r"\b(avg|average|score)\b", " ", folded)
    folded = re.sub(r"[^a-z0-9]+", " ", folded)
    return " ".join(folded.split())


_LABEL_ALIASES = {
    # Spellings seen or expected in publisher files.
    "criminality avg": "criminality",
    "cyber dependent crime": "cyber_dependent_crimes",
    "financial crime": "financial_crimes",
    "non renewable resources crimes": "non_renewable_resource_crimes",
    "mafia style group": "mafia_style_groups",
    "private sector actor": "private_sector_actors",
    "state embedded actor": "state_embedded_actors",
    "non state actor": "non_state_actors",
    "extortion and protection racketeering": "extortion_and_protection_racketeering",
}
_BY_LABEL_KEY: dict[str, str] = {label_key(m.label): m.id for m in ALL_MEASURES}
_BY_LABEL_KEY.update({label_key(k): v for k, v in _LABEL_ALIASES.items()})
_BY_LABEL_KEY.update({label_key(m.id): m.id for m in ALL_MEASURES})


def id_for_label(text: str) -> str | None:
    """The id a publisher's label names, or None when it names no known measure.

    >>> id_for_label("Criminal actors avg,")
    'criminal_actors'
    >>> id_for_label("NON-STATE ACTORS")
    'non_state_actors'
    >>> id_for_label("Latitude") is None
    True
    """
    return _BY_LABEL_KEY.get(label_key(text))


def lookup(name: str) -> Indicator:
    """The composite or indicator a user names by id or by label, in any case or spelling the
    publisher uses; UnknownIndicatorError with the closest one otherwise.

    >>> lookup("Law enforcement").id, lookup("law_enforcement").id, lookup("CRIMINALITY").id
    ('law_enforcement', 'law_enforcement', 'criminality')
    >>> lookup("law enforcment")
    Traceback (most recent call last):
    ocanalysis.errors.UnknownIndicatorError: unknown indicator 'law enforcment'; did you mean 'law_enforcement'? (ids or labels: `ocanalysis indicator --list`)
    """
    import difflib

    from .errors import UnknownIndicatorError

    found = id_for_label(name)
    if found is not None:
        return get(found)
    keys = list(_BY_LABEL_KEY)
    close = difflib.get_close_matches(label_key(name), keys, n=1, cutoff=0.6)
    hint = f"; did you mean {_BY_LABEL_KEY[close[0]]!r}?" if close else ""
    raise UnknownIndicatorError(
        f"unknown indicator {name!r}{hint} (ids or labels: `ocanalysis indicator --list`)"
    )
