"""The reports' sections: each one's heading and lead paragraph, written once for every language.

A section function calls :func:`section` with its key and body, so a notebook holds one call per
section and no prose of its own; :func:`contents` lists the sections a report shows.
"""

from __future__ import annotations

from ..i18n import N_, _
from .markup import block, element, esc, wrap

SECTIONS: dict[str, tuple[str, str]] = {
    "reading_guide": (N_("Reading guide"), ""),
    "summary": (
        N_("Summary"),
        N_(
            "The four composite scores and the ranks of criminality and resilience among all "
            "countries, within the continent and within the region, worded as the official "
            "country profile words them."
        ),
    ),
    "indicators": (
        N_("Indicators"),
        N_(
            "Every indicator of the edition, pillar by pillar, with the region's and the world's "
            "mean beside the country's score."
        ),
    ),
    "peers": (
        N_("Peers"),
        N_(
            "The country against the means of its region, its continent and the world, and the "
            "indicators on which it does best and worst against its region. A strength is an "
            "indicator on the better side of the region's mean: lower for criminality, higher for "
            "resilience."
        ),
    ),
    "change": (
        N_("Change between editions"),
        N_(
            "Scores compared like for like: only indicators scored in both editions enter a "
            "comparison, so an indicator added in a later edition does not count as change."
        ),
    ),
    "trend": (
        N_("Trend across editions"),
        N_(
            "The country in every edition up to this one: the published scores with, in "
            "brackets, the same composites on the indicators every one of these editions scores, "
            "the ranks, and the quadrant of the publisher's matrix."
        ),
    ),
    "quadrant": (
        N_("Criminality and resilience"),
        N_(
            "Countries placed by criminality (horizontal) and resilience (vertical), in the "
            "publisher's vulnerability matrix: on each axis a score of 5.5 or more is high, which "
            "splits the countries into four quadrants."
        ),
    ),
    "similar": (
        N_("Similar countries"),
        N_("The countries whose indicator scores, taken together, are closest to this country's."),
    ),
    "robustness": (
        N_("Rank robustness"),
        N_(
            "Ranks depend on choices the index makes: how much each indicator weighs and how "
            "scores are averaged. The audit recomputes the index many times with every "
            "indicator's weight changed by up to ±25\u00a0% and with arithmetic or geometric means, "
            "and records where the country's rank lands (5th to 95th percentile); a wide interval "
            "means the published rank should be read loosely."
        ),
    ),
    "map": (N_("Map"), ""),
    "narrative": (
        N_("Narrative"),
        N_(
            "The official profile's text, section by section, when the report is given the profile."
        ),
    ),
    "sources": (N_("Data source and citation"), ""),
}

COUNTRY_REPORT: tuple[str, ...] = tuple(SECTIONS)
"""The country report's sections, in order."""

SUMMARY_SECTIONS: dict[str, tuple[str, str]] = {
    "reading_guide": SECTIONS["reading_guide"],
    "key_findings": (
        N_("Key findings"),
        N_(
            "What the publisher's global reports state of the world, for these countries: the "
            "vulnerability matrix, the population living in each of its quadrants, the most "
            "pervasive markets and actors, and change since the previous edition."
        ),
    ),
    "side_by_side": (
        N_("Side by side"),
        N_("The composites and every indicator of the edition, one column per country."),
    ),
    "rankings": (
        N_("Rankings"),
        N_(
            "The countries ranked on criminality and on resilience among themselves, with their "
            "rank among all 193 countries."
        ),
    ),
    "regions": (
        N_("Regions"),
        N_(
            "The mean composite scores of the regions concerned (for the world, of the "
            "continents too), ranked by criminality, with their population."
        ),
    ),
    "distributions": (
        N_("Distributions"),
        N_("How the composite scores spread across the countries, against the rest of the world."),
    ),
    "matrix": (
        N_("Vulnerability matrix"),
        N_(
            "Countries placed by criminality (horizontal) and resilience (vertical). On each axis "
            "a score of 5.5 or more is high, as in the publisher's matrix; the table gives each "
            "quadrant's countries and its share of their population."
        ),
    ),
    "pervasive": (
        N_("Most pervasive markets and actors"),
        N_("The criminal markets and the types of criminal actor with the highest mean score."),
    ),
    "change": (
        N_("Change since the previous edition"),
        N_(
            "Mean scores compared like for like (only indicators scored in both editions), and "
            "the countries whose quadrant changed, with the axis that moved them."
        ),
    ),
    "indicators": (
        N_("Indicators"),
        N_(
            "Every indicator of the edition; a group of more than 30 countries is shown by the "
            "mean of each of its regions."
        ),
    ),
    "map": SECTIONS["map"],
    "robustness": (
        N_("Rank robustness"),
        N_(
            "Where each country's criminality rank lands when the index is recomputed 1,000 times "
            "with every indicator's weight changed by up to ±25\u00a0% and with arithmetic or "
            "geometric means (5th to 95th percentile); a wide interval means the published rank "
            "should be read loosely."
        ),
    ),
    "sources": SECTIONS["sources"],
}
"""The summary reports' sections (the world, a continent, a region, a comparison); the keys the
country report shares (reading guide, map, sources) have the same heading and anchor."""

SUMMARY_REPORT: tuple[str, ...] = tuple(k for k in SUMMARY_SECTIONS if k != "side_by_side")
"""The world's, a continent's and a region's report's sections, in order."""

COMPARISON_REPORT: tuple[str, ...] = tuple(SUMMARY_SECTIONS)
"""A comparison's sections, in order."""


INDICATOR_SECTIONS: dict[str, tuple[str, str]] = {
    "reading_guide": SECTIONS["reading_guide"],
    "ranking": (
        N_("Ranking"),
        N_(
            "Every country scored, highest score first; countries with the same score share a rank."
        ),
    ),
    "map": SECTIONS["map"],
    "distribution": (
        N_("Distribution"),
        N_("How many countries have each score, in half-point steps."),
    ),
    "groups": (
        N_("Continents and regions"),
        N_("The mean score of each continent and region, ranked, with its population."),
    ),
    "movers": (
        N_("Largest changes"),
        N_("The countries whose score changed most since the previous edition."),
    ),
    "compare": (
        N_("Compared with another indicator"),
        N_(
            "Every country placed by this score (horizontal) and a second one (vertical); the "
            "correlation says how closely the two go together across countries."
        ),
    ),
    "sources": SECTIONS["sources"],
}
"""An indicator report's sections (the publisher's indicator pages)."""

INDICATOR_REPORT: tuple[str, ...] = tuple(INDICATOR_SECTIONS)
"""An indicator report's sections, in order."""


def anchor(key: str) -> str:
    """The section's id in the page ('change' -> 'change')."""
    return key.replace("_", "-")


def title(key: str, outline: dict[str, tuple[str, str]] = SECTIONS) -> str:
    """The section's heading in the current language (``outline``: the report's sections)."""
    return _(outline[key][0])


def heading(key: str, outline: dict[str, tuple[str, str]] = SECTIONS) -> str:
    """The section's heading and lead paragraph, as markup.

    >>> heading("map")
    '<h2 id="map">Map</h2>'
    """
    name, lead = outline[key]
    html = element("h2", _(name), id=anchor(key))
    if lead:
        html += element("p", _(lead), class_="lead")
    return html


def section(key: str, *parts: str, outline: dict[str, tuple[str, str]] = SECTIONS):
    """A whole section: its heading and lead, then ``parts`` (markup)."""
    return block(
        wrap("section", heading(key, outline) + "".join(parts), class_=f"section {anchor(key)}")
    )


def contents(
    keys: tuple[str, ...] = COUNTRY_REPORT, outline: dict[str, tuple[str, str]] = SECTIONS
):
    """The numbered list of sections, linked to their headings.

    >>> contents(("summary", "map")).data
    '<nav class="contents" aria-labelledby="contents"><h2 id="contents">Contents</h2><ol><li><a href="#summary">Summary</a></li><li><a href="#map">Map</a></li></ol></nav>'
    """
    items = "".join(
        wrap("li", wrap("a", esc(title(k, outline)), href=f"#{anchor(k)}")) for k in keys
    )
    return block(
        wrap(
            "nav",
            element("h2", _("Contents"), id="contents") + wrap("ol", items),
            class_="contents",
            aria_labelledby="contents",
        )
    )
