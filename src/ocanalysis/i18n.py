"""The reports' languages: English (the publisher's labels, exactly), French, Spanish, Portuguese.

Every sentence, heading, caption, label and alt text a report writes passes through this module:

- messages through gettext (:func:`_`, :func:`ngettext`, :func:`pgettext`), from the catalogues
  in ``locale/<lang>/LC_MESSAGES/*.po``, kept with Babel's tooling (``tools/messages.py``: extract
  the templates, update the catalogues); the English text is the message id, so an English report
  is the text as written;
- the index's vocabulary (indicators, pillars, composites, regions, continents, quadrants) through
  :func:`label`, :func:`region`, :func:`continent`, :func:`quadrant`: English names as message ids
  with a context ("measure", "region", …);
- country names from Babel's CLDR territory names (English reports keep the publisher's names);
- numbers, percentages and ordinals in the language's own format (Babel, CLDR); rank phrases with
  their grammar (:func:`rank_phrase`).

The language is the process's current one (:func:`set_language`, :func:`use`), English by default:
a report notebook sets it once, from its ``lang`` parameter.

>>> with use("fr"):
...     label("criminality"), number(4.43), ordinal(1), ordinal(129), percent(0.794)
('Criminalité', '4,43', '1er', '129e', '79\\xa0%')
>>> with use("es"):
...     rank_phrase(7, 11, "region", "Western Europe")
'7.º de 11 países de Europa Occidental'
>>> label("criminality"), number(4.43), rank_phrase(129, 193, "global", "")
('Criminality', '4.43', '129th of 193 countries')
"""

from __future__ import annotations

import contextlib
import functools
import gettext as _gettext
import io
from collections.abc import Iterator
from pathlib import Path

from .errors import ArgumentError

LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "pt")
"""The languages a report can be written in; English is the source language."""

LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español", "pt": "Português"}
LOCALE_DIR = Path(__file__).parent / "locale"
DEFAULT = "en"

# A module global, not a ContextVar: IPython runs each cell in a context of its own, so a
# language set in a notebook's first cell would not reach the next.
_current = {"lang": DEFAULT}


def check_language(lang: str | None) -> str:
    """The language code, checked: one of :data:`LANGUAGES` (None gives English).

    >>> check_language("FR"), check_language(None)
    ('fr', 'en')
    >>> check_language("de")
    Traceback (most recent call last):
    ocanalysis.errors.ArgumentError: unknown language 'de' (languages: en, fr, es, pt)
    """
    code = (lang or DEFAULT).strip().lower().replace("_", "-").split("-")[0]
    if code not in LANGUAGES:
        raise ArgumentError(f"unknown language {lang!r} (languages: {', '.join(LANGUAGES)})")
    return code


def language() -> str:
    """The current language's code."""
    return _current["lang"]


def set_language(lang: str | None) -> str:
    """Make ``lang`` the current language (a report notebook's first call); returns the code."""
    code = check_language(lang)
    _current["lang"] = code
    return code


@contextlib.contextmanager
def use(lang: str | None) -> Iterator[str]:
    """The current language is ``lang`` inside the block."""
    before = _current["lang"]
    _current["lang"] = check_language(lang)
    try:
        yield _current["lang"]
    finally:
        _current["lang"] = before


def catalogue_files(lang: str) -> list[Path]:
    """The language's message catalogues (one per domain)."""
    return sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po"))


@functools.cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The language's messages, every domain in one gettext object (English: the ids).

    Catalogues are read from their ``.po`` files with Babel and compiled in memory, so no
    compiled ``.mo`` file is kept in the repository or can fall out of step with its source.
    """
    if lang == DEFAULT:
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    merged: _gettext.NullTranslations | None = None
    for path in catalogue_files(lang):
        with path.open("rb") as file:
            catalog = read_po(file, locale=lang)
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        buffer.seek(0)
        domain = _gettext.GNUTranslations(buffer)
        if merged is None:
            merged = domain
        else:
            merged.add_fallback(domain)
    return merged or _gettext.NullTranslations()


def N_(message: str) -> str:  # noqa: N802 - gettext's name
    """Mark ``message`` for the catalogues without translating it yet (a constant translated
    where it is shown, with :func:`_`)."""
    return message


def NP_(context: str, message: str) -> str:  # noqa: N802 - N_ with a context
    """Mark ``message`` with its ``context`` for the catalogues; translate it where shown with
    :func:`pgettext`."""
    return message


def _(message: str) -> str:
    """The message in the current language."""
    return translations(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message for ``n``, in the current language."""
    return translations(language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """The message in the current language, told apart by ``context``."""
    return translations(language()).pgettext(context, message)


# --- the index's vocabulary ---------------------------------------------------------------------


def label(measure: str) -> str:
    """A composite's, pillar's or indicator's name (an id or the publisher's English label).

    >>> label("cocaine_trade")
    'Cocaine trade'
    >>> with use("pt"):
    ...     label("cocaine_trade")
    'Comércio de cocaína'
    """
    from . import catalogue

    # Looked up, not tried: an unknown id's error words a did-you-mean (difflib), and a report
    # asks for hundreds of labels that are labels already.
    entry = catalogue.ALL_MEASURES_BY_ID.get(measure)
    english = entry.label if entry is not None else measure
    return pgettext("measure", english)


def region(name: str) -> str:
    """A region's name.

    >>> with use("fr"):
    ...     region("West Africa")
    "Afrique de l'Ouest"
    """
    return pgettext("region", name)


def continent(name: str) -> str:
    """A continent's name."""
    return pgettext("continent", name)


def of_region(name: str) -> str:
    """A region's name as 'of' takes it, with the language's preposition and article: English
    'Western Europe', French "de l'Europe de l'Ouest", Portuguese 'das Caraíbas'.

    >>> with use("pt"):
    ...     of_region("Caribbean")
    'das Caraíbas'
    """
    return pgettext("of region", name)


def of_continent(name: str) -> str:
    """A continent's name as 'of' takes it ('Africa'; 'de l'Afrique', 'de África')."""
    return pgettext("of continent", name)


def quadrant(name: str) -> str:
    """A quadrant of the publisher's vulnerability matrix ('high criminality, low resilience')."""
    return pgettext("quadrant", name)


def country(name_or_code: str) -> str:
    """A country's name: the publisher's in English, CLDR's (Babel) in the other languages.

    >>> with use("fr"):
    ...     country("Belgium"), country("CIV")
    ('Belgique', 'Côte d’Ivoire')
    >>> country("BEL")
    'Belgium'
    """
    from . import countries

    try:
        place = countries.lookup(name_or_code)
    except Exception:  # not a country: a name given as it is
        return name_or_code
    lang = language()
    if lang == DEFAULT:
        return place.name
    return _territories(BABEL_LOCALES[lang]).get(place.iso2, place.name)


@functools.cache
def _territories(locale: str) -> dict[str, str]:
    from babel import Locale

    return dict(Locale.parse(locale).territories)


def subject(kind: str, name: str, codes=()) -> str:
    """What a report is about (its kind, its English name, the ISO3 codes of its countries), as
    its titles say it in the current language: 'World', a continent's or a region's name, else
    its countries' names, else ``name``.

    >>> with use("fr"):
    ...     subject("world", "World"), subject("region", "West Africa"), subject("compare", "", ["BEL", "NLD"])
    ('Monde', "Afrique de l'Ouest", 'Belgique, Pays-Bas')
    """
    if kind == "world":
        return _("World")
    if kind == "continent":
        return continent(name)
    if kind == "region":
        return region(name)
    if kind == "indicator":  # by its id
        return label(name)
    if codes:  # by code: a name such as "Congo, Dem. Rep." holds a comma
        return ", ".join(country(code) for code in codes)
    return name


def group_countries(level: str, name: str) -> str:
    """'countries', 'European countries', 'Western European countries' in the language."""
    from . import countries

    if level == "global":
        return _("countries")
    # The messages are the vocabulary domain's, made from the data (tools/messages.py).
    if level == "continent":
        group = f"{countries.CONTINENT_ADJECTIVES[name]} countries"
    else:
        group = f"{countries.region_adjective(name)} countries"
    return pgettext("countries of", group)


# --- numbers, ordinals, rank phrases ------------------------------------------------------------


# Babel's locale for each language: the catalogues' Portuguese is Portugal's (CLDR's "pt" is
# Brazil's: "Irã", "1.234,50"), so names and numbers follow pt_PT ("Irão", "1234,50").
BABEL_LOCALES = {"en": "en", "fr": "fr", "es": "es", "pt": "pt_PT"}


def _locale() -> str:
    return BABEL_LOCALES[language()]


def number(value: float, digits: int = 2) -> str:
    """A number with ``digits`` decimals in the language's format (a dash for none).

    >>> number(1234.5), number(float("nan"))
    ('1,234.50', '–')
    """
    import math

    from babel.numbers import format_decimal

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=_locale(), decimal_quantization=True)


def decimal(text: str) -> str:
    """A number already written with a point ('4.43'), with the language's decimal sign."""
    if language() == DEFAULT:
        return text
    from babel.numbers import get_decimal_symbol

    return text.replace(".", get_decimal_symbol(_locale()))


def signed(value: float, digits: int = 2) -> str:
    """A change with its sign: '+0.25', '−0.50' (typographic minus), '0.00'."""
    text = number(abs(value), digits)
    if round(value, digits) > 0:
        return "+" + text
    if round(value, digits) < 0:
        return "−" + text
    return text


def in_sentence(label: str) -> str:
    """A label inside a sentence: its first letter in lower case only, so that a proper noun
    within it keeps its capital ('atores integrados no Estado').

    >>> in_sentence("Criminal markets")
    'criminal markets'
    """
    return label[:1].lower() + label[1:]


def integer(value: int) -> str:
    """A whole number with the language's grouping ('1,234'; '1 234' in French)."""
    return number(value, 0)


def percent(fraction: float, digits: int = 0) -> str:
    """A share as a percentage in the language's format ('79%', '79 %').

    >>> percent(0.7943, 1)
    '79.4%'
    """
    from babel import Locale
    from babel.numbers import format_percent

    # The language's own pattern (French and Spanish put a space before %), with the decimals.
    pattern = Locale.parse(_locale()).percent_formats[None].pattern
    if digits:
        pattern = pattern.replace("#,##0", "#,##0." + "0" * digits, 1)
    return format_percent(fraction, format=pattern, locale=_locale(), decimal_quantization=True)


def ordinal(n: int) -> str:
    """A rank as the language writes it: '129th', '1er'/'129e', '7.º' (Spanish, Portuguese).

    The rank is the noun's (French 'rang', Spanish 'puesto', Portuguese 'lugar'), all masculine,
    so the French first is '1er' and the Iberian ordinal indicator is 'º'.

    >>> [ordinal(n) for n in (1, 2, 3, 11, 21, 112)]
    ['1st', '2nd', '3rd', '11th', '21st', '112th']
    """
    lang = language()
    if lang == "fr":
        return "1er" if n == 1 else f"{n}e"
    if lang in ("es", "pt"):
        return f"{n}.º"
    if 10 <= n % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rank_phrase(rank: int, count: int, level: str, name: str) -> str:
    """'129th of 193 countries', '29e sur 44 pays européens', '7.º de 11 países de Europa
    Occidental': a rank among all countries (``level`` 'global'), a continent's or a region's
    (``name``), worded as the official profile words it in English.

    >>> rank_phrase(29, 44, "continent", "Europe")
    '29th of 44 European countries'
    >>> with use("pt"):
    ...     rank_phrase(1, 11, "region", "Western Europe")
    '1.º de 11 países da Europa Ocidental'
    """
    return _("{rank} of {count} {countries}").format(
        rank=ordinal(rank), count=integer(count), countries=group_countries(level, name)
    )


def date(value) -> str:
    """A date in the language's long format ('2 December 2026', '2 décembre 2026')."""
    from babel.dates import format_date

    return format_date(value, format="long", locale=_locale())


def listing(items: list[str]) -> str:
    """Items joined as the language lists them ('a, b and c', 'a, b et c')."""
    from babel.lists import format_list

    return format_list(list(items), locale=_locale())
