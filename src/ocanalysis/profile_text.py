"""Read the text of an official country profile (as extracted from its PDF) back into figures.

A profile has two parts. The *figures*: a country heading ("BELGIUM"), the criminality and
resilience scores with their three ranks ("129th of 193 countries29th of 44 European countries..."),
and ``LABEL<TAB>value`` lines for the composites and indicators. The *narrative*: the section headings
of :data:`catalogue.NARRATIVE_SECTIONS`, each followed by paragraphs.

PDF extraction leaves artefacts, which :func:`parse_profile` undoes:

- rank phrases run together on one line, or one per line;
- labels in upper case with '&' for 'and';
- some indicators printed as bare labels whose values come much later, as bare numbers or glued to
  the end of a footer line; the values are in the index's own order (the catalogue's), not the
  order of the labels (in the 2023 layout: the four actor types after Mafia-style groups);
- funding and footer lines ("Funding provided by ...", "ENACT is funded by ...", "This summary was
  funded ..."), stray LaTeX tokens (``\\bigwedge``), repeated country headings and page numbers;
- paragraphs split by a page break: a chunk that ends without terminal punctuation, or a chunk that
  starts in lower case, continues the paragraph before it;
- composite headings (CRIMINALITY, CRIMINAL MARKETS, RESILIENCE) before the narrative sections.

Text that is not a profile, or one cut short, raises :class:`ProfileParseError` with one line naming
the source and what is missing: no country heading or criminality score, a missing score or rank, a
section with no text, or a final paragraph that stops mid-sentence. (A text cut exactly between
sentences of the last section cannot be told from a whole one; the closing funding line is not
required, since profiles need not carry it.) :func:`cross_check` compares a parsed profile with the
embedded data.

>>> parsed = parse_profile(EXAMPLE, source="example")
>>> parsed.country, parsed.edition, parsed.scores["mafia_style_groups"], parsed.scores["foreign_actors"]
('Denmark', 2021, 6.0, 4.5)
>>> parsed.ranks["criminality"]["region"], list(parsed.narrative)[:2]
((2, 8), ['People', 'Trade'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import catalogue, countries
from .errors import ProfileParseError
from .profile import Profile

HEADLINE_MEASURES: tuple[str, ...] = ("criminality", "resilience")
LEVELS: tuple[str, ...] = ("global", "continent", "region")

# Lines the publisher repeats on every page; never part of the narrative.
BOILERPLATE_PREFIXES: tuple[str, ...] = (
    "funding provided by",
    "enact is funded by",
    "this summary was funded",
)

_HEADLINE = re.compile(
    r"^(?:(?P<value>\d+(?:\.\d+)?)\s*(?P<measure>criminality|resilience)\s+score(?![a-z])"
    r"|(?P<measure2>criminality|resilience)\s+score\s*:?\s*(?P<value2>\d+\.\d+)(?![\d.]))",
    re.IGNORECASE,
)
_RANK = re.compile(
    r"(?P<rank>\d+)\s*(?:st|nd|rd|th)\s+of\s+(?P<of>\d+)\s+(?P<group>[^\d]*?)\s*countries",
    re.IGNORECASE,
)
_LABELLED_VALUE = re.compile(r"^(?P<label>.*?[A-Za-z].*?)\s*(?P<value>\d+(?:\.\d+)?)$")
_BARE_VALUE = re.compile(r"^\d{1,2}\.\d{1,2}$")
_GLUED_VALUE = re.compile(r"(?<!\d)(?P<value>\d{1,2}\.\d{2})$")
_LATEX_TOKEN = re.compile(r"^\\[A-Za-z]+$")
_PAGE_NUMBER = re.compile(r"^\d{1,3}$")
_TERMINAL = re.compile(r"[.!?][\"'”’)\]]*$")
_TERMINAL_TAIL = 16  # characters enough to hold a full stop and its closing quotes or brackets
_PROSE_MIN_WORDS = 8

_SECTION_BY_KEY = {catalogue.label_key(s): s for s in catalogue.NARRATIVE_SECTIONS}
_COMPOSITE_KEYS = {catalogue.label_key(c.label) for c in catalogue.COMPOSITES}


@dataclass(frozen=True)
class ParsedProfile(Profile):
    """What a profile's text states: figures as :class:`ocanalysis.profile.Profile` holds them,
    plus the narrative (section heading -> paragraphs joined by a blank line)."""

    narrative: dict[str, str] = field(default_factory=dict)

    def paragraphs(self, section: str) -> list[str]:
        """The paragraphs of one narrative section.

        >>> parsed = parse_profile(EXAMPLE)
        >>> parsed.paragraphs("People")[0][:32], parsed.paragraphs("Nowhere")
        ('Example text about people stands', [])
        """
        text = self.narrative.get(section, "")
        return text.split("\n\n") if text else []

    def to_dict(self) -> dict:
        """The JSON of ``ocanalysis profile --json`` plus ``"narrative"``.

        >>> data = parse_profile(EXAMPLE).to_dict()
        >>> data["country"], data["scores"]["criminality"], list(data["narrative"])[:2]
        ('Denmark', 3.86, ['People', 'Trade'])
        """
        return {**super().to_dict(), "narrative": dict(self.narrative)}


def parse_profile(text: str, edition: int | None = None, source: str = "<text>") -> ParsedProfile:
    """Parse a country profile's text into its figures, ranks and narrative sections.

    ``edition``: when given, the profile must hold exactly that edition's indicators. When None it
    is inferred from the indicators printed: a profile with any indicator first scored in 2023
    (extortion, counterfeit goods, excisable goods, cyber-dependent crimes, financial crimes,
    private sector actors) is 2023, else 2021 (26 indicators). The 2023 and 2025 layouts are the
    same, so a 2025 profile needs ``edition=2025``.

    Raises :class:`ProfileParseError` ("<source>: not a country profile: ...", "<source>: cut
    short: ...", or an indicator the given edition does not score) and
    :class:`UnknownEditionError` for an edition before the index's first.

    >>> parse_profile(EXAMPLE).ranks["criminality"]["region"]
    (2, 8)
    >>> parse_profile("Hello world", source="note.txt")
    Traceback (most recent call last):
    ocanalysis.errors.ProfileParseError: note.txt: not a country profile: no country heading and no criminality score found
    """
    lines = [_clean(line) for line in text.splitlines()]
    start = _narrative_start(lines)
    figures = _read_figures(lines[:start] if start is not None else lines, source)
    country = figures.country
    if edition is None:
        edition = _infer_edition(figures.scores)
    else:
        edition = _check_edition(edition, source)
    scores = _edition_scores(figures.scores, edition, source)
    ranks = _place_ranks(figures.ranks, country, source)
    if start is None:
        raise ProfileParseError(f"{source}: cut short: no narrative sections")
    narrative = _read_narrative(lines[start:], country, edition, source)
    return ParsedProfile(
        country=country.name,
        iso3=country.iso3,
        edition=edition,
        continent=country.continent,
        region=country.region,
        scores=scores,
        ranks=ranks,
        narrative=narrative,
    )


def cross_check(parsed: ParsedProfile) -> list[str]:
    """Compare every figure and rank of a parsed profile with the embedded data.

    One readable line per disagreement, e.g. "cocaine_trade: profile says 7.50, data says 8.00";
    an empty list when all agree.

    >>> cross_check(parse_profile(EXAMPLE))
    ['mafia_style_groups: profile says 6.00, data says 5.00']
    """
    import math

    from .profile import profile

    data = profile(parsed.iso3, parsed.edition)
    problems = []
    for attribute in ("continent", "region"):
        ours, theirs = getattr(parsed, attribute), getattr(data, attribute)
        if ours != theirs:
            problems.append(f"{attribute}: profile says {ours}, data says {theirs}")
    for measure in dict.fromkeys([*parsed.scores, *data.scores]):
        ours, theirs = parsed.scores.get(measure), data.scores.get(measure)
        if theirs is not None and math.isnan(theirs):
            theirs = None
        if ours is None and theirs is None:
            continue
        if ours is None or theirs is None or round(ours, 2) != round(theirs, 2):
            problems.append(
                f"{measure}: profile says {_score_text(ours)}, data says {_score_text(theirs)}"
            )
    for measure, levels in parsed.ranks.items():
        for level, pair in levels.items():
            expected = data.ranks.get(measure, {}).get(level)
            if tuple(pair) != tuple(expected or ()):
                problems.append(
                    f"{measure} {level} rank: profile says {_rank_text(pair)}, "
                    f"data says {_rank_text(expected)}"
                )
    return problems


# --- figures -------------------------------------------------------------------------------------


@dataclass
class _Figures:
    country: countries.Country
    scores: dict[str, float]
    ranks: dict[str, list[tuple[int, int, str, str]]]  # measure -> (rank, of, group, phrase)


def _clean(line: str) -> str:
    # Tabs, runs of spaces and non-breaking spaces all separate words alike.
    return " ".join(line.replace("\u00a0", " ").split())


def _is_boilerplate(line: str) -> bool:
    return line.lower().startswith(BOILERPLATE_PREFIXES)


def _starts_boilerplate(line: str) -> bool:
    """Whether a text cut short ends inside a boilerplate line ("This summ")."""
    folded = line.lower()
    return any(prefix.startswith(folded) for prefix in BOILERPLATE_PREFIXES)


def _is_prose(line: str) -> bool:
    return (
        len(line.split()) >= _PROSE_MIN_WORDS
        and any(c.islower() for c in line)
        and not _is_boilerplate(line)
        and not _RANK.search(line)
    )


def _section_of(line: str) -> str | None:
    return _SECTION_BY_KEY.get(catalogue.label_key(line)) if line else None


def _narrative_start(lines: list[str]) -> int | None:
    """Index of the heading that opens the narrative: the last section heading before the first
    paragraph of prose (a figure line is never prose)."""
    for index, line in enumerate(lines):
        if _is_prose(line):
            for back in range(index - 1, -1, -1):
                if _section_of(lines[back]):
                    return back
            return None
    return None


def _country_heading(line: str) -> countries.Country | None:
    if len(line) <= 3 or any(c.isdigit() for c in line) or line != line.upper():
        return None  # ISO codes, figures and prose are not headings
    found = countries.find(line)
    if found is None:
        try:  # mojibake of a UTF-8 name read as cp1252 ("CÃ”TE D'IVOIRE")
            found = countries.find(line.encode("cp1252").decode("utf-8"))
        except UnicodeError:
            found = None
    return found


def _score(text: str, label: str, source: str) -> float:
    value = float(text)
    if not 0 <= value <= 10:
        raise ProfileParseError(f"{source}: score {text} for {label!r} is outside 0-10")
    return value


def _read_figures(lines: list[str], source: str) -> _Figures:
    country = None
    scores: dict[str, float] = {}
    ranks: dict[str, list] = {m: [] for m in HEADLINE_MEASURES}
    pending_ranks: list = []
    current = None  # the headline measure whose ranks follow
    bare_labels: list[str] = []
    bare_values: list[str] = []

    def put(measure: str, value: str) -> None:
        score = _score(value, catalogue.get(measure).label, source)
        if measure in scores and scores[measure] != score:
            raise ProfileParseError(
                f"{source}: two scores for {catalogue.get(measure).label!r}: "
                f"{scores[measure]:.2f} and {score:.2f}"
            )
        scores[measure] = score

    for line in lines:
        line = " ".join(line.replace("*", " ").split())  # markdown emphasis from some extractors
        if not line or _LATEX_TOKEN.match(line):
            continue
        if country is None and (found := _country_heading(line)):
            country = found
            continue
        if headline := _HEADLINE.match(line):
            current = (headline["measure"] or headline["measure2"]).lower()
            put(current, headline["value"] or headline["value2"])
            ranks[current].extend(pending_ranks)
            pending_ranks = []
            line = line[headline.end() :].strip()  # rank phrases may run on after the score
            if not line:
                continue
        phrases = [
            (int(m["rank"]), int(m["of"]), m["group"], m.group(0)) for m in _RANK.finditer(line)
        ]
        if phrases:
            (ranks[current] if current else pending_ranks).extend(phrases)
            continue
        if _is_boilerplate(line) or _LATEX_TOKEN.match(line.split()[0]):
            if glued := _GLUED_VALUE.search(line):
                bare_values.append(glued["value"])
            continue
        if _BARE_VALUE.match(line):
            bare_values.append(line)
            continue
        measure = catalogue.id_for_label(line)
        if measure is not None:
            if not catalogue.get(measure).composite and measure not in bare_labels:
                bare_labels.append(measure)
            continue
        labelled = _LABELLED_VALUE.match(line)
        if labelled and (measure := catalogue.id_for_label(labelled["label"])):
            put(measure, labelled["value"])
        # Anything else (other headings, stray text) carries no figure.

    if "criminality" not in scores:
        if country is None:
            raise ProfileParseError(
                f"{source}: not a country profile: no country heading and no criminality score found"
            )
        raise ProfileParseError(f"{source}: cut short: no criminality score found")
    if country is None:
        raise ProfileParseError(f"{source}: not a country profile: no country heading found")

    # Values printed away from their labels follow the index's order, not the labels' order.
    orphans = [m for m in catalogue.INDICATOR_IDS if m in bare_labels and m not in scores]
    if len(bare_values) > len(orphans):
        raise ProfileParseError(
            f"{source}: not a country profile: {len(bare_values)} scores printed without a label "
            f"but only {len(orphans)} labels without a score"
        )
    for measure, value in zip(orphans, bare_values, strict=False):
        put(measure, value)
    return _Figures(country=country, scores=scores, ranks=ranks)


def _infer_edition(scores: dict[str, float]) -> int:
    later = [m for m in scores if catalogue.get(m).since > catalogue.FIRST]
    return catalogue.SINCE_2023 if later else catalogue.FIRST


def _check_edition(edition, source: str) -> int:
    try:
        value = int(edition)
    except (TypeError, ValueError):
        value = None
    if value is None or value < catalogue.FIRST:
        from .errors import UnknownEditionError

        raise UnknownEditionError(
            f"{source}: unknown edition {edition!r}; editions start in {catalogue.FIRST}"
        )
    return value


def _edition_scores(found: dict[str, float], edition: int, source: str) -> dict[str, float]:
    expected = catalogue.COMPOSITES + catalogue.indicators(edition)
    for measure in expected:
        if measure.id not in found:
            raise ProfileParseError(f"{source}: cut short: no score for {measure.label!r}")
    extra = [catalogue.get(m).label for m in found if not catalogue.get(m).in_edition(edition)]
    if extra:
        raise ProfileParseError(
            f"{source}: {extra[0]!r} is not scored in the {edition} edition "
            "(pass the profile's edition)"
        )
    return {measure.id: found[measure.id] for measure in expected}


_KNOWN_GROUPS = frozenset(
    [""]
    + [catalogue.label_key(a) for a in countries.CONTINENT_ADJECTIVES.values()]
    + [catalogue.label_key(countries.region_adjective(r)) for r in countries.REGIONS]
)


def _place_ranks(found: dict[str, list], country: countries.Country, source: str) -> dict:
    groups = {
        "global": "",
        "continent": catalogue.label_key(countries.CONTINENT_ADJECTIVES[country.continent]),
        "region": catalogue.label_key(countries.region_adjective(country.region)),
    }
    level_of_group = {key: level for level, key in groups.items()}
    ranks: dict[str, dict[str, tuple[int, int]]] = {}
    for measure in HEADLINE_MEASURES:
        placed: dict[str, tuple[int, int]] = {}
        for rank, of, group, phrase in found[measure]:
            level = level_of_group.get(catalogue.label_key(group))
            if level is None and catalogue.label_key(group) not in _KNOWN_GROUPS:
                # Wording we do not know for this group (our adjective for a region may not be the
                # publisher's): the profiles print the continent's rank before the region's.
                level = next((lv for lv in ("continent", "region") if lv not in placed), None)
            if level is None:
                raise ProfileParseError(
                    f"{source}: rank {phrase!r} does not fit {country.name} "
                    f"({country.continent}, {country.region})"
                )
            if not 1 <= rank <= of:
                raise ProfileParseError(f"{source}: rank {phrase!r} is impossible")
            placed.setdefault(level, (rank, of))
        for level in LEVELS:
            if level not in placed:
                raise ProfileParseError(f"{source}: cut short: no {level} rank for {measure}")
        ranks[measure] = {level: placed[level] for level in LEVELS}
    return ranks


# --- narrative -----------------------------------------------------------------------------------


def _read_narrative(
    lines: list[str], country: countries.Country, edition: int, source: str
) -> dict[str, str]:
    sections: dict[str, list[list[str]]] = {}
    current: list[list[str]] | None = None
    chunk: list[str] = []

    # Paragraphs are kept as lists of lines and joined once at the end: growing one string a
    # chunk at a time (and searching it for its end) was quadratic in a paragraph's length.
    def close_chunk() -> None:
        if not chunk:
            return
        parts = list(chunk)
        chunk.clear()
        if current is None:
            return
        if current and _continues(current[-1][-1], parts[0]):
            current[-1].extend(parts)
        else:
            current.append(parts)

    last_line = max((i for i, line in enumerate(lines) if line), default=-1)
    for index, line in enumerate(lines):
        if not line:
            close_chunk()
            continue
        if _is_droppable(line, country) or (index == last_line and _starts_boilerplate(line)):
            continue  # page furniture: like a page break, it does not end a paragraph
        section = _section_of(line)
        if section is not None:
            close_chunk()
            current = sections.setdefault(section, [])
            continue
        if catalogue.label_key(line) in _COMPOSITE_KEYS:
            close_chunk()
            continue
        chunk.append(line)
    close_chunk()

    expected = [s for s in catalogue.NARRATIVE_SECTIONS if s in _sections_of_edition(edition)]
    for section in expected:
        if not sections.get(section):
            raise ProfileParseError(f"{source}: cut short: no text in section {section!r}")
    final = [paragraphs[-1] for paragraphs in sections.values() if paragraphs][-1][-1]
    if not _ends_sentence(final):
        raise ProfileParseError(
            f"{source}: cut short: the last paragraph ends mid-sentence ({final[-40:]!r})"
        )
    return {
        name: "\n\n".join(_join_lines(p) for p in paragraphs)
        for name, paragraphs in sections.items()
        if paragraphs
    }


def _sections_of_edition(edition: int) -> set[str]:
    return {i.section for i in catalogue.indicators(edition)}


def _is_droppable(line: str, country: countries.Country) -> bool:
    if _is_boilerplate(line) or _LATEX_TOKEN.match(line) or _PAGE_NUMBER.match(line):
        return True
    return _BARE_VALUE.match(line) is not None or _country_heading(line) == country


def _continues(previous: str, chunk: str) -> bool:
    """Whether a chunk after a blank line continues the paragraph before it (a page break)."""
    return not _ends_sentence(previous) or chunk[:1].islower()


def _ends_sentence(line: str) -> bool:
    # Only the tail can match: a `$`-anchored search would try every position of a long line.
    return _TERMINAL.search(line[-_TERMINAL_TAIL:]) is not None


def _join_lines(parts: list[str]) -> str:
    """Lines of one paragraph as one text; a line ending in '-' runs on without a space.

    >>> _join_lines(["a well-", "known fact", "here."])
    'a well-known fact here.'
    """
    pieces = []
    for part in parts:
        pieces.append(part)
        pieces.append("" if part.endswith("-") else " ")
    return "".join(pieces[:-1])


def _score_text(value: float | None) -> str:
    return "no score" if value is None else f"{value:.2f}"


def _rank_text(pair) -> str:
    if not pair:
        return "no rank"
    from .profile import ordinal

    return f"{ordinal(pair[0])} of {pair[1]}"


# A small 2021-layout profile (invented text) for the examples above; its Mafia-style groups score
# (6.00) deliberately disagrees with the data (5.00).
EXAMPLE = """\
DENMARK

3.86 **CRIMINALITY SCORE**

150th of 193 countries33rd of 44 European countries2nd of 8 Northern European countries

CRIMINAL MARKETS\t3.85
HUMAN TRAFFICKING\t4.00
HUMAN SMUGGLING\t4.50
ARMS TRAFFICKING\t4.00
FLORA CRIMES\t1.50
FAUNA CRIMES\t2.00
NON-RENEWABLE RESOURCE CRIMES\t2.00
HEROIN TRADE\t5.00
COCAINE TRADE\t5.50
CANNABIS TRADE\t5.00
SYNTHETIC DRUG TRADE\t5.00
CRIMINAL ACTORS\t3.88
MAFIA-STYLE GROUPS\t6.00

CRIMINAL NETWORKS

FOREIGN ACTORS

STATE-EMBEDDED ACTORS

Funding provided by an example donor.

 \\bigwedge

ENACT is funded by donors named in the example. 4.00

2.00


4.50



DENMARK

8.21 Resilience score

4th of 193 countries
3rd of 44 European countries
2nd of 8 Northern European countries

POLITICAL LEADERSHIP AND GOVERNANCE\t9.00
GOVERNMENT TRANSPARENCY AND ACCOUNTABILITY\t9.00
INTERNATIONAL COOPERATION\t8.50
NATIONAL POLICIES AND LAWS\t9.00
JUDICIAL SYSTEM AND DETENTION\t7.50
LAW ENFORCEMENT\t8.00
TERRITORIAL INTEGRITY\t8.50
ANTI-MONEY LAUNDERING\t5.50
ECONOMIC REGULATORY CAPACITY\t8.50
VICTIM AND WITNESS SUPPORT\t7.50
PREVENTION\t8.50
NON-STATE ACTORS\t9.00

Funding provided by an example donor.

ENACT is funded by donors named in the example.

CRIMINALITY
PEOPLE
Example text about people stands here, written for this example only.
TRADE
Example text about trade stands here, written for this example only.
ENVIRONMENT
Example text about the environment stands here, and it runs on

past a page break to its end.
DRUGS
Example text about drugs stands here, written for this example only.
CRIMINAL ACTORS
Example text about criminal actors stands here, written for this example only.
RESILIENCE
LEADERSHIP AND GOVERNANCE
Example text about leadership stands here, written for this example only.
CRIMINAL JUSTICE AND SECURITY
Example text about justice stands here, written for this example only.
ECONOMIC AND FINANCIAL ENVIRONMENT
Example text about the economy stands here, written for this example only.
CIVIL SOCIETY AND SOCIAL PROTECTION
Example text about civil society stands here, written for this example only.
"""
