"""The report's prose pieces: header, reading guide, narrative, data source and citation."""

from __future__ import annotations

import json
import re

from .. import __version__, catalogue, i18n
from ..citation import INDEX_URL, PUBLISHER, publisher_citation
from ..dataset import PROVENANCE_FILE, data_dir
from ..i18n import N_, _
from .context import ReportContext
from .markup import block, element, wrap
from .outline import section
from .tables import score_text


def header(ctx: ReportContext):
    """Title block: country, edition, continent and region, the two headline scores.

    >>> from ocanalysis.profile import profile
    >>> html = header(ReportContext(profile("Belgium", 2023), 2021, None)).data
    >>> ">Belgium: country report</h1>" in html, "against the 2021 edition" in html
    (True, True)
    """
    profile = ctx.profile
    compare = (
        _("Changes are measured against the {edition} edition.").format(edition=ctx.compare_edition)
        if ctx.compare_edition
        else _("This is the index's first edition: there is no earlier one to compare with.")
    )
    headline = "".join(
        wrap(
            "div",
            element("span", score_text(profile.scores[m]), class_="value")
            + element("span", i18n.label(m), class_="label"),
            class_=f"headline {m}",
        )
        for m in catalogue.COMPOSITE_IDS
    )
    return block(
        wrap(
            "header",
            element("p", kicker(profile.edition), class_="kicker")
            + element("h1", title(profile.iso3), class_="title")
            + element(
                "p",
                _("{region}, {continent} · ISO code {iso3}").format(
                    region=i18n.region(profile.region),
                    continent=i18n.continent(profile.continent),
                    iso3=profile.iso3,
                ),
                class_="where",
            )
            + wrap("div", headline, class_="headlines")
            + element("p", compare, class_="note"),
            class_="report-header",
        )
    )


def kicker(edition: int) -> str:
    """The line above a report's title: 'Global Organized Crime Index, 2023 edition'."""
    return _("Global Organized Crime Index, {edition} edition").format(edition=edition)


def title(country: str) -> str:
    """A country report's title: 'Belgium: country report'.

    >>> title("BEL")
    'Belgium: country report'
    """
    return _("{country}: country report").format(country=i18n.country(country))


READING_GUIDE = (
    N_(
        "Scores run from 1 to 10. For criminality — criminal markets and criminal actors — a higher "
        "score means more organized crime: a worse situation. For resilience a higher score means "
        "stronger defences against organized crime: a better situation."
    ),
    N_(
        "Ranks order countries from the highest score down, so the 1st in criminality has the most "
        "organized crime and the 1st in resilience the strongest resilience. Countries with equal "
        "scores share a rank. Each rank is given among all countries, within the continent and within "
        "the region."
    ),
    N_(
        "Scores are experts' assessments rounded to half points; differences of half a point or less "
        "between countries or editions are within the index's own precision."
    ),
)


def reading_guide():
    """How to read scores and ranks.

    >>> reading_guide().data.count("<p>")
    3
    """
    return section(
        "reading_guide",
        wrap("div", "".join(element("p", _(p)) for p in READING_GUIDE), class_="guide"),
    )


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a narrative section: separated by blank lines, inner line breaks joined.

    >>> paragraphs("One\\nline.\\n\\nTwo.")
    ['One line.', 'Two.']
    """
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def narrative(parsed, *, missing: str | None = None):
    """The profile's narrative, section by section; every character escaped. The narrative stays
    in the language it was given (marked as English); its section heading is the report's.

    >>> from ocanalysis.profile_text import EXAMPLE, parse_profile
    >>> html = narrative(parse_profile(EXAMPLE)).data
    >>> html.startswith('<section class="section narrative"><h2 id="narrative">Narrative</h2>')
    True
    >>> '<section class="narrative" lang="en"><h3>People</h3><p>E' in html
    True
    >>> narrative(None).data  # no profile text: nothing to show, so no section
    ''
    >>> narrative(None, missing="<none>").data  # doctest: +ELLIPSIS
    '<section ...<p class="note">&lt;none&gt;</p></section>'
    """
    if parsed is None:
        # A report is for its readers: how to add a profile is the CLI's help, not the page's.
        if missing is None:
            return block("")
        return section("narrative", element("p", missing, class_="note"))
    parts = []
    for name, text in dict(getattr(parsed, "narrative", {}) or {}).items():
        body = "".join(element("p", p) for p in paragraphs(text))
        if body:
            # The profile's own words, in the language it was written in (English).
            parts.append(wrap("section", element("h3", name) + body, class_="narrative", lang="en"))
    if not parts:
        parts.append(
            element("p", _("The profile text holds no narrative sections."), class_="note")
        )
    return section("narrative", *parts)


def provenance() -> dict:
    """The embedded dataset's provenance record (data/provenance.json).

    >>> record = provenance()
    >>> record["dataset"], sorted(record["editions"])
    ('ocindex.csv', ['2021', '2023', '2025'])
    """
    path = data_dir() / PROVENANCE_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def citation(edition: int) -> str:
    """How to cite the data.

    >>> citation(2023)
    'Global Initiative Against Transnational Organized Crime (GI-TOC) and ENACT, Global Organized Crime Index 2023, https://ocindex.net.'
    """
    return publisher_citation(edition)


# How the dataset's build records each edition's composites (dataset.build's own words).
COMPOSITES_WORDS = (
    N_("published (checked against the indicators)"),
    N_("computed from the indicators with the publisher's rules"),
)


def _publisher() -> str:
    """The publisher and its partner, as the provenance names them, in the report's language."""
    from ..citation import INDEX_TITLE, INDEX_URL, PARTNER_NAME, PUBLISHER_NAME

    return _("{publisher} with {partner}, {index}, {url}").format(
        publisher=PUBLISHER_NAME, partner=PARTNER_NAME, index=INDEX_TITLE, url=INDEX_URL
    )


def _source_words(source: str) -> str:
    """The edition's source file as the provenance records it ('FILE, sheet NAME')."""
    found = re.fullmatch(r"(.+), sheet (.+)", source)
    if found:
        return _("{file}, sheet {sheet}").format(file=found[1], sheet=found[2])
    return source or _("publisher data")


def source_and_citation(edition: int):
    """Data source, provenance of the embedded dataset, and the citation.

    >>> html = source_and_citation(2023).data
    >>> "Edition 2023: " in html, '<a href="https://ocindex.net">' in html
    (True, True)
    """
    record = provenance()
    source = (record.get("editions") or {}).get(str(edition), {})
    # The provenance record's own words (file names, sheets) stay as recorded.
    items = [
        _("Publisher: {publisher}.").format(publisher=_publisher()),
        _("Edition {edition}: {source}").format(
            edition=edition, source=_source_words(source.get("source", ""))
        )
        + (
            _("; composites {composites}.").format(composites=_(source["composites"]))
            if source.get("composites") in COMPOSITES_WORDS
            else "."
        ),
    ]
    if record.get("dataset_sha256"):
        items.append(
            _("Embedded dataset {name}, SHA-256 {digest}.").format(
                name=record.get("dataset", "ocindex.csv"), digest=record["dataset_sha256"]
            )
        )
    items.append(
        _(
            "Report produced with ocanalysis {version}; analysis beyond the published scores "
            "and ranks is ocanalysis's, not the publisher's."
        ).format(version=__version__)
    )
    return section(
        "sources",
        wrap("ul", "".join(element("li", item) for item in items), class_="sources"),
        element("p", _("Cite the data as:"), class_="cite-lead"),
        wrap(
            "blockquote",
            element("span", f"{PUBLISHER} {edition}, ")
            + wrap("a", element("span", INDEX_URL), href=INDEX_URL)
            + ".",
            class_="citation",
            lang="en",  # the publisher's title, as published
        ),
    )
