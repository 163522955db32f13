"""`ocanalysis profile COUNTRY`: scores and ranks of one country, as its official profile states."""

from __future__ import annotations

import argparse
import json

from . import edition_argument, emit


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "profile",
        help="scores and ranks of one country",
        description="Scores (4 composites, every indicator of the edition) and ranks of criminality "
        "and resilience at three levels (of all countries, of the continent, of the region), as "
        "the official country profile prints them.",
    )
    parser.add_argument("country", metavar="COUNTRY", help="name, alias or ISO2/ISO3 code")
    edition_argument(parser)
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.set_defaults(handler=run)


def format_text(profile) -> str:
    """A profile as text: the headline scores with their rank phrases, then every score.

    >>> from ocanalysis.profile import profile
    >>> print("\\n".join(format_text(profile("Belgium", 2023)).splitlines()[3:7]))
    Criminality                                    4.43
        129th of 193 countries
        29th of 44 European countries
        7th of 11 Western European countries
    """
    from .. import catalogue

    lines = [
        f"{profile.country} ({profile.iso3}), {profile.edition} edition",
        f"{profile.continent} / {profile.region}",
        "",
    ]
    for measure in ("criminality", "resilience"):
        label = catalogue.get(measure).label
        lines.append(f"{label:<45} {profile.scores[measure]:5.2f}")
        for level in ("global", "continent", "region"):
            lines.append(f"    {profile.rank_phrase(measure, level)}")
    lines.append("")
    for measure_id, score in profile.scores.items():
        entry = catalogue.get(measure_id)
        indent = "" if entry.composite else "  "
        lines.append(f"{indent}{entry.label:<45} {score:5.2f}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from ..profile import profile

    result = profile(args.country, args.edition)
    emit(json.dumps(result.to_dict(), ensure_ascii=False) if args.json else format_text(result))
    return 0
