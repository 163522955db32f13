"""``DIR/index.html``: a self-contained page to navigate every rendered report.

Per edition, newest first: the world report, then each continent with its regions, each region
with its countries, then the comparisons, the indicators' reports by pillar (composites first),
then the reports of each user notebook
(``render --notebook``), its countries by name. Only reports that exist are linked (with their PDF
when it exists); a continent or region without a report of its own, but with reports under it,
is a heading in plain text. Each report shows its headline figures (:func:`headlines`). Links
are relative, the style inline and there is no script: the page works from a copied folder.

One index per language: ``index.html`` lists the English reports, ``index.fr.html`` (as the
reports, ``<stem>.<lang>.html``) the French ones, written in French; when reports of more than
one language are there, every index links to the others (a language switcher).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .. import catalogue, countries, dataset, i18n
from .._atomic import write_atomic
from ..i18n import N_, _, ngettext
from ..report.markup import element, esc, wrap
from . import layout

_COUNTRY = re.compile(r"^([A-Z]{3})-[a-z0-9-]+\.html$")
_NOTEBOOK = re.compile(r"^([A-Z]{3})-[a-z0-9-]+\.([a-z0-9-]+)\.html$")  # layout.notebook_stem
_COMPARE = re.compile(r"^" + layout.COMPARE_PREFIX + r"((?:[A-Z]{3}-){1,5}[A-Z]{3})\.html$")

_LANGUAGE_SUFFIX = re.compile(
    r"^(.+)\.(" + "|".join(lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT) + r")\.html$"
)

TITLE = N_("Global Organized Crime Index: reports")
NOTEBOOK_HEADING = N_("Notebook {name}")  # the user notebook's slug
# The indicators' reports in the index: the composites, then each pillar's, in the index's order.
_INDICATOR_GROUPS = ((None, catalogue.COMPOSITES),) + tuple(
    (pillar, catalogue.indicators(pillar=pillar)) for pillar in catalogue.PILLARS
)

STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; max-width: 900px; margin: 2em auto; padding: 0 1em;
       color: #1d2329; }
h1 { border-bottom: 4px solid #b4410c; padding-bottom: 6px; }
h2 { margin-top: 1.6em; border-bottom: 1px solid #c9d0d6; }
h3 { margin: 1.2em 0 0.3em; }
h4 { margin: 0.8em 0 0.2em; color: #3b4650; }
ul.reports { columns: 2 22em; padding-left: 1.2em; margin: 0.2em 0; }
nav.languages ul { list-style: none; padding: 0; margin: 0; display: flex; gap: 1em; }
li { margin: 2px 0; break-inside: avoid; }
.fmt, .figures { color: #5b6670; font-size: 0.85em; }
"""


@dataclass(frozen=True)
class Entry:
    """One rendered report found in an edition folder."""

    kind: str  # as job.KINDS
    name: str
    html: Path
    members: tuple[str, ...]  # the ISO3 codes of the countries it covers
    notebook: str = ""  # a user notebook's slug (kind "notebook")
    lang: str = i18n.DEFAULT  # the report's language (its file name's suffix)

    @property
    def title(self) -> str:
        """The report's name in the current language ('Belgique', 'Europe de l'Ouest')."""
        known = all(countries.find(c) for c in self.members)
        return i18n.subject(self.kind, self.name, self.members if known else ())


def _members(attribute: str, value: str) -> tuple[str, ...]:
    return tuple(c.iso3 for c in countries.all_countries() if getattr(c, attribute) == value)


@cache
def _summaries() -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """File name -> (kind, name, members) of the world, continent and region reports."""
    found = {
        f"{layout.world_stem()}.html": (
            "world",
            "World",
            tuple(c.iso3 for c in countries.all_countries()),
        )
    }
    for continent in countries.CONTINENTS:
        found[f"{layout.continent_stem(continent)}.html"] = (
            "continent",
            continent,
            _members("continent", continent),
        )
    for region in countries.REGIONS:
        found[f"{layout.region_stem(region)}.html"] = ("region", region, _members("region", region))
    for measure in catalogue.ALL_MEASURES:
        found[f"{layout.indicator_stem(measure.id)}.html"] = ("indicator", measure.id, ())
    return found


def entry(html: Path) -> Entry | None:
    """What report an HTML file is, by its name; None when it is not a report's.

    >>> entry(Path("region-western-europe.html")).name
    'Western Europe'
    >>> entry(Path("compare-BEL-NLD.html")).members, entry(Path("notes.html"))
    (('BEL', 'NLD'), None)
    >>> found = entry(Path("BEL-belgium.my-analysis.html"))
    >>> found.kind, found.name, found.notebook
    ('notebook', 'Belgium', 'my-analysis')
    >>> found = entry(Path("BEL-belgium.fr.html"))
    >>> found.kind, found.name, found.lang
    ('country', 'Belgium', 'fr')
    """
    html = Path(html)
    localized = _LANGUAGE_SUFFIX.match(html.name)
    if localized:  # a report in another language: what it is, by its English name
        found = entry(html.with_name(localized.group(1) + ".html"))
        if found is None or found.kind == "notebook":
            return None
        return dataclasses.replace(found, html=html, lang=localized.group(2))
    if html.name in _summaries():
        kind, name, members = _summaries()[html.name]
        return Entry(kind, name, html, members)
    match = _COMPARE.match(html.name)
    if match:
        found = [countries.find(code) for code in match.group(1).split("-")]
        if all(found) and len({c.iso3 for c in found}) == len(found):
            return Entry(
                "compare", ", ".join(c.name for c in found), html, tuple(c.iso3 for c in found)
            )
        return None
    match = _NOTEBOOK.match(html.name)
    if match:
        country = countries.find(match.group(1))
        if country is not None and country.iso3 == match.group(1):
            return Entry("notebook", country.name, html, (country.iso3,), match.group(2))
        return None
    match = _COUNTRY.match(html.name)
    if match:
        country = countries.find(match.group(1))
        if country is not None and country.iso3 == match.group(1):
            return Entry("country", country.name, html, (country.iso3,))
        return Entry("country", match.group(1), html, (match.group(1),))
    return None


def reports(out: Path, lang: str = i18n.DEFAULT) -> dict[str, list[Entry]]:
    """Edition folder name -> the reports in ``lang`` found there, sorted by their name in the
    current language.

    >>> out = getfixture("tmp_path")
    >>> (out / "2023").mkdir()
    >>> for name in ("NLD-netherlands.html", "BEL-belgium.html", "BEL-belgium.pdf", "notes.html",
    ...              "world.html"):
    ...     _ = (out / "2023" / name).write_text("")
    >>> {edition: [e.name for e in found] for edition, found in reports(out).items()}
    {'2023': ['Belgium', 'Netherlands', 'World']}
    """
    found: dict[str, list[Entry]] = {}
    for folder in sorted(
        p for p in Path(out).iterdir() if p.is_dir() and not p.name.startswith(".")
    ):
        entries = [e for e in map(entry, folder.glob("*.html")) if e is not None and e.lang == lang]
        if entries:
            found[folder.name] = sorted(entries, key=lambda e: countries.fold(e.title))
    return found


def languages(out: Path) -> list[str]:
    """The languages of the reports under ``out`` (English always: its index is the site's
    front page), in :data:`ocanalysis.i18n.LANGUAGES` order.

    >>> out = getfixture("tmp_path")
    >>> (out / "2023").mkdir()
    >>> _x = (out / "2023" / "world.pt.html").write_text("")
    >>> languages(out)
    ['en', 'pt']
    """
    found = {i18n.DEFAULT}
    for folder in Path(out).iterdir():
        if folder.is_dir() and not folder.name.startswith("."):
            found.update(e.lang for e in map(entry, folder.glob("*.*.html")) if e is not None)
    return [lang for lang in i18n.LANGUAGES if lang in found]


def headlines(edition: str | int, members: tuple[str, ...]) -> dict[str, float] | None:
    """A report's headline figures, from :func:`ocanalysis.analysis.findings.headlines`: the
    mean criminality and resilience of the countries it covers, and for a group the share of
    their population living with high criminality and low resilience; None when the data holds
    no such edition or countries.

    >>> headlines(2023, ("BEL",))
    {'criminality': 4.43, 'resilience': 7.04}
    >>> headlines(2025, ("BEL", "NLD"))
    {'criminality': 4.99, 'resilience': 7.29, 'high criminality, low resilience': 0.0}
    >>> headlines("1999", ("BEL",)) is None
    True
    """
    from ..dataset import editions

    try:
        year = int(edition)
    except ValueError:
        return None
    if year not in editions() or not members:
        return None
    return _figures_of(year, tuple(members))


@functools.lru_cache(maxsize=128)
def _world_mean(edition: int, measure: str) -> float:
    from ..analysis.means import group_mean

    return group_mean(dataset.wide(edition), measure)


@functools.lru_cache(maxsize=512)
def _figures_of(edition: int, members: tuple[str, ...]) -> dict[str, float]:
    # The three figures of findings.headlines the index shows, computed alone: the whole of
    # headlines (changes, movers, rankings) cost a tenth of a second a link.
    from ..analysis.findings import quadrant_counts
    from ..analysis.means import group_mean

    frame = dataset.wide(edition).set_index("iso3").loc[list(members)]
    figures = {m: group_mean(frame, m) for m in ("criminality", "resilience")}
    if len(members) > 1:
        worst = quadrant_counts(edition, list(members))["high criminality, low resilience"]
        figures["high criminality, low resilience"] = worst["population_share"]
    return figures


def _known(edition: str) -> int | None:
    """The edition a folder is named after, when the data holds it."""
    return int(edition) if edition.isdigit() and int(edition) in dataset.editions() else None


def _figures(edition: str, found: Entry) -> str:
    year = _known(edition)
    if found.kind == "indicator":
        if year is None or not catalogue.get(found.name).in_edition(year):
            return ""
        mean = _world_mean(year, found.name)
        text = _("world mean {score}").format(score=i18n.number(mean, 2))
        return " " + element("span", text, class_="figures")
    members = found.members
    if found.kind in ("continent", "region") and year is not None:  # the edition's grouping
        members = tuple(dataset.members(found.kind, found.name, year))
    figures = headlines(edition, members)
    if not figures:
        return ""
    text = ", ".join(
        _("{quadrant} {share} of the population").format(
            quadrant=i18n.quadrant(name), share=i18n.percent(value, 1)
        )
        if name.startswith("high criminality,")
        else _("{measure} {score}").format(
            measure=i18n.label(name).lower(), score=i18n.number(value, 2)
        )
        for name, value in figures.items()
    )
    return " " + element("span", text, class_="figures")


def _link(out: Path, edition: str, found: Entry, text: str | None = None) -> str:
    link = wrap("a", esc(text or found.title), href=found.html.relative_to(out).as_posix())
    pdf = found.html.with_suffix(".pdf")
    if pdf.exists():
        link += " " + wrap("a", _("PDF"), href=pdf.relative_to(out).as_posix(), class_="fmt")
    return link + _figures(edition, found)


def _places(edition: str) -> list[countries.Country]:
    """Every country, in name order, placed as the edition groups them (an edition folder the
    data no longer holds: the reference table's grouping)."""
    year = _known(edition)
    if year is None:
        return list(countries.all_countries())
    return [dataset.place(c, year) for c in countries.all_countries()]


def _list(out: Path, edition: str, entries: list[Entry]) -> str:
    items = "".join(wrap("li", _link(out, edition, e)) for e in entries)
    return wrap("ul", items, class_="reports")


def _edition(out: Path, edition: str, entries: list[Entry]) -> str:
    """One edition's section: the world, continents > regions > countries, comparisons, then
    each user notebook's reports."""
    of_kind: dict[str, dict[str, Entry]] = {}
    notebooks: dict[str, list[Entry]] = {}  # slug -> its reports, by name
    for found in entries:
        if found.kind == "notebook":
            notebooks.setdefault(found.notebook, []).append(found)
            continue
        key = found.members[0] if found.kind == "country" else found.name
        of_kind.setdefault(found.kind, {})[key] = found
    world, compared = of_kind.get("world", {}), of_kind.get("compare", {})
    continents, regions = of_kind.get("continent", {}), of_kind.get("region", {})
    people = dict(of_kind.get("country", {}))  # ISO3 -> entry; those placed are taken out
    parts = [
        element(
            "h2",
            ngettext(
                "{edition} edition ({count} report)",
                "{edition} edition ({count} reports)",
                len(entries),
            ).format(edition=edition, count=i18n.integer(len(entries))),
        )
    ]
    for found in world.values():
        parts.append(wrap("p", _link(out, edition, found), class_="world"))
    places = _places(edition)
    for continent in countries.CONTINENTS:
        below = []
        inside = [p for p in places if p.continent == continent]
        for region in (r for r in countries.REGIONS if any(p.region == r for p in inside)):
            members = [
                people.pop(p.iso3) for p in inside if p.region == region and p.iso3 in people
            ]
            if region not in regions and not members:
                continue
            heading = regions.get(region)
            below.append(
                wrap("h4", _link(out, edition, heading))
                if heading
                else element("h4", i18n.region(region))
            )
            if members:
                below.append(
                    _list(out, edition, sorted(members, key=lambda e: countries.fold(e.title)))
                )
        if continent not in continents and not below:
            continue
        heading = continents.get(continent)
        parts.append(
            wrap("h3", _link(out, edition, heading))
            if heading
            else element("h3", i18n.continent(continent))
        )
        parts += below
    if people:  # reports of codes the country table does not know
        parts += [element("h3", _("Other reports")), _list(out, edition, list(people.values()))]
    if compared:
        parts += [element("h3", _("Comparisons")), _list(out, edition, list(compared.values()))]
    measures = of_kind.get("indicator", {})
    if measures:
        parts.append(element("h3", _("Indicators")))
        for pillar, group in _INDICATOR_GROUPS:
            found = [measures[m.id] for m in group if m.id in measures]
            heading = _("Composite scores") if pillar is None else i18n.label(pillar)
            if found:
                parts += [element("h4", heading), _list(out, edition, found)]
    for slug, found in sorted(notebooks.items()):
        parts += [
            element("h3", _(NOTEBOOK_HEADING).format(name=slug)),
            _list(out, edition, found),
        ]
    return "".join(parts)


def index_name(lang: str) -> str:
    """The file name of the index of the reports in ``lang``.

    >>> index_name("en"), index_name("fr")
    ('index.html', 'index.fr.html')
    """
    return f"{layout.in_language('index', lang)}.html"


def _switcher(lang: str, shown: list[str]) -> str:
    """Links to the indexes of the other languages (none when there is only one)."""
    if len(shown) < 2:
        return ""
    items = "".join(
        wrap("li", element("span", i18n.LANGUAGE_NAMES[code], aria_current="page", lang=code))
        if code == lang
        else wrap(
            "li",
            wrap(
                "a",
                esc(i18n.LANGUAGE_NAMES[code]),
                href=index_name(code),
                hreflang=code,
                lang=code,
            ),
        )
        for code in shown
    )
    return wrap("nav", wrap("ul", items), class_="languages", aria_label=_("Languages"))


def page(out: Path, lang: str = i18n.DEFAULT, shown: list[str] | None = None) -> str:
    """The index page of the reports in ``lang`` under ``out``, in that language; ``shown``:
    the languages to link to (default: those of the reports there)."""
    out = Path(out)
    with i18n.use(lang) as lang:
        sections = [
            _edition(out, edition, entries)
            for edition, entries in sorted(reports(out, lang).items(), reverse=True)
        ]
        body = "".join(sections) or element("p", _("No reports rendered yet."))
        title = _(TITLE)
        switcher = _switcher(lang, languages(out) if shown is None else shown)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{esc(title)}</title>"
        f"<style>{STYLE}</style></head><body>"
        + element("h1", title)
        + switcher
        + body
        + "</body></html>\n"
    )


def write_index(out: Path, lang: str = i18n.DEFAULT) -> Path:
    """Write ``out/index.html`` and the index of each other language with reports there
    (``index.fr.html``), and return the path of ``lang``'s; a page that would not change is not
    rewritten (an up-to-date folder may be read-only, and its file times stay meaningful).

    >>> out = getfixture("tmp_path")
    >>> (out / "2025").mkdir()
    >>> for name in ("BEL-belgium.html", "BEL-belgium.pdf"):
    ...     _ = (out / "2025" / name).write_text("")
    >>> page = write_index(out).read_text()
    >>> "<h2>2025 edition (1 report)</h2>" in page
    True
    >>> '<a href="2025/BEL-belgium.pdf" class="fmt">PDF</a>' in page
    True
    >>> before = (out / "index.html").stat().st_mtime_ns
    >>> write_index(out).stat().st_mtime_ns == before  # the same page: not written again
    True
    """
    out = Path(out)
    lang = i18n.check_language(lang)
    shown = languages(out)
    for code in dict.fromkeys([*shown, lang]):
        text = page(out, code, shown)
        path = out / index_name(code)
        try:
            unchanged = path.read_text(encoding="utf-8") == text
        except (OSError, UnicodeDecodeError):
            unchanged = False
        if not unchanged:
            write_atomic(path, text)
    return out / index_name(lang)
