"""Test helper: the text of a synthetic country profile in the official layout, figures from the
embedded data, with the PDF-extraction artefacts the parser must undo; every sentence is invented.

>>> text = render("Peru", 2023)
>>> "CRIMINAL NETWORKS" in text and "South American countries" in text
True
"""

from __future__ import annotations

from ocanalysis import catalogue, countries
from ocanalysis.profile import profile

# Printed without their values, in this order; the values follow later in the index's order.
LABELS_FIRST = (
    "criminal_networks",
    "foreign_actors",
    "state_embedded_actors",
    "private_sector_actors",
)
FUNDING = "Funding provided by a donor that this synthetic text does not name."
ENACT = "ENACT is funded by partners named nowhere in this synthetic text."
CLOSING = "This summary was funded by nobody; it was written for the tests."


def _label(measure: str) -> str:
    return catalogue.get(measure).label.upper().replace(" AND PROTECTION", " & PROTECTION")


def _rank_lines(result, measure: str, run_together: bool) -> list[str]:
    phrases = [result.rank_phrase(measure, level) for level in ("global", "continent", "region")]
    return ["".join(phrases)] if run_together else phrases


def render(country: str, edition: int, run_together: bool = True) -> str:
    """A whole profile: two pages of figures, then one invented paragraph (split by a page
    break in Environment) per narrative section of the edition."""
    result = profile(country, edition)
    scores, heading = result.scores, countries.lookup(country).name.upper()
    actors = [i.id for i in catalogue.indicators(edition, "criminal_actors")]
    lines = [heading, "", f"{scores['criminality']:.2f} **CRIMINALITY SCORE**", ""]
    lines += _rank_lines(result, "criminality", run_together) + [""]
    lines.append(f"CRIMINAL MARKETS\t{scores['criminal_markets']:.2f}")
    lines += [
        f"{_label(i.id)}\t{scores[i.id]:.2f}"
        for i in catalogue.indicators(edition, "criminal_markets")
    ]
    lines.append(f"CRIMINAL ACTORS\t{scores['criminal_actors']:.2f}")
    lines += [f"{_label(actors[0])}\t{scores[actors[0]]:.2f}", "", ""]
    for measure in LABELS_FIRST:
        if measure in actors:
            lines += [_label(measure), ""]
    later = [f"{scores[m]:.2f}" for m in actors[1:]]
    lines += [FUNDING, "", " \\bigwedge", "", f"{ENACT} {later[0]}", ""]
    for value in later[1:]:
        lines += [value, "", " "]
    lines += ["", "", heading, "", f"{scores['resilience']:.2f} Resilience score", ""]
    lines += _rank_lines(result, "resilience", not run_together) + [""]
    lines += [
        f"{_label(i.id)}\t{scores[i.id]:.2f}" for i in catalogue.indicators(edition, "resilience")
    ]
    lines += ["", FUNDING, "", ENACT, "", "CRIMINALITY", "", "CRIMINAL MARKETS", ""]
    sections = {i.section for i in catalogue.indicators(edition)}
    for section in catalogue.NARRATIVE_SECTIONS:
        if section not in sections:
            continue
        if section == "Leadership and governance":
            lines += ["RESILIENCE", ""]
        lines += [section.upper(), ""]
        paragraph = f"Invented text about {section.lower()} stands here for the parser's tests."
        if section == "Environment":
            lines += [f"{paragraph} This paragraph then runs past the end of", "", "", "", ""]
            lines += ["the page and ends on the next one.", ""]
        else:
            lines += [
                paragraph,
                "",
                f"A second invented paragraph closes the {section} section.",
                "",
            ]
    lines += [CLOSING, ""]
    return "\n".join(lines)
