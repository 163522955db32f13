"""The report's prose pieces: header, reading guide, narrative, data source and citation."""

from __future__ import annotations

import json
import re

from .. import __version__, catalogue
from ..citation import INDEX_URL, PUBLISHER, publisher_citation
from ..dataset import PROVENANCE_FILE, data_dir
from .context import ReportContext
from .markup import block, element, wrap
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
        f"Changes are measured against the {ctx.compare_edition} edition."
        if ctx.compare_edition
        else "This is the index's first edition: there is no earlier one to compare with."
    )
    headline = "".join(
        wrap(
            "div",
            element("span", score_text(profile.scores[m]), class_="value")
            + element("span", catalogue.get(m).label, class_="label"),
            class_=f"headline {m}",
        )
        for m in catalogue.COMPOSITE_IDS
    )
    return block(
        wrap(
            "header",
            element(
                "p", f"Global Organized Crime Index, {profile.edition} edition", class_="kicker"
            )
            + element("h1", f"{profile.country}: country report", class_="title")
            + element(
                "p",
                f"{profile.region}, {profile.continent} · ISO code {profile.iso3}",
                class_="where",
            )
            + wrap("div", headline, class_="headlines")
            + element("p", compare, class_="note"),
            class_="report-header",
        )
    )


READING_GUIDE = (
    "Scores run from 1 to 10. For criminality — criminal markets and criminal actors — a higher "
    "score means more organized crime: a worse situation. For resilience a higher score means "
    "stronger defences against organized crime: a better situation.",
    "Ranks order countries from the highest score down, so the 1st in criminality has the most "
    "organized crime and the 1st in resilience the strongest resilience. Countries with equal "
    "scores share a rank. Each rank is given among all countries, within the continent and within "
    "the region.",
    "Scores are experts' assessments rounded to half points; differences of half a point or less "
    "between countries or editions are within the index's own precision.",
)


def reading_guide():
    """How to read scores and ranks.

    >>> reading_guide().data.count("<p>")
    3
    """
    return block(wrap("div", "".join(element("p", p) for p in READING_GUIDE), class_="guide"))


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a narrative section: separated by blank lines, inner line breaks joined.

    >>> paragraphs("One\\nline.\\n\\nTwo.")
    ['One line.', 'Two.']
    """
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def narrative(parsed, *, missing: str | None = None):
    """The profile's narrative, section by section; every character escaped.

    >>> from ocanalysis.profile_text import EXAMPLE, parse_profile
    >>> narrative(parse_profile(EXAMPLE)).data[:46]
    '<section class="narrative"><h3>People</h3><p>E'
    >>> narrative(None, missing="<none>").data
    '<p class="note">&lt;none&gt;</p>'
    """
    if parsed is None:
        note = missing or (
            "No profile text was given. Render with --profile FILE (or set the notebook's "
            "profile parameter) to include the official profile's narrative here."
        )
        return block(element("p", note, class_="note"))
    parts = []
    for section, text in dict(getattr(parsed, "narrative", {}) or {}).items():
        body = "".join(element("p", p) for p in paragraphs(text))
        if body:
            parts.append(wrap("section", element("h3", section) + body, class_="narrative"))
    if not parts:
        parts.append(element("p", "The profile text holds no narrative sections.", class_="note"))
    return block(*parts)


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


def source_and_citation(edition: int):
    """Data source, provenance of the embedded dataset, and the citation.

    >>> html = source_and_citation(2023).data
    >>> "Edition 2023: " in html, '<a href="https://ocindex.net">' in html
    (True, True)
    """
    record = provenance()
    source = (record.get("editions") or {}).get(str(edition), {})
    items = [
        f"Publisher: {record.get('publisher') or PUBLISHER}.",
        f"Edition {edition}: {source.get('source', 'publisher data')}"
        + (f"; composites {source['composites']}." if source.get("composites") else "."),
    ]
    if record.get("dataset_sha256"):
        items.append(
            f"Embedded dataset {record.get('dataset', 'ocindex.csv')}, SHA-256 {record['dataset_sha256']}."
        )
    items.append(
        f"Report produced with ocanalysis {__version__}; analysis beyond the published "
        "scores and ranks is ocanalysis's, not the publisher's."
    )
    return block(
        wrap("ul", "".join(element("li", item) for item in items), class_="sources"),
        element("p", "Cite the data as:", class_="cite-lead"),
        wrap(
            "blockquote",
            element("span", f"{PUBLISHER} {edition}, ")
            + wrap("a", element("span", INDEX_URL), href=INDEX_URL)
            + ".",
            class_="citation",
        ),
    )
