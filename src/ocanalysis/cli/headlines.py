"""`ocanalysis headlines`: the findings the publisher's reports state, for the world, a
continent or a region."""

from __future__ import annotations

import argparse

from . import edition_argument, emit

EPILOG = """\
Quadrants are the publisher's vulnerability matrix: on each axis a score of 5.5 or more is high
(--median uses the edition's world medians instead). Means are the members' mean published
scores, rounded half up to hundredths; change is against the previous edition on the indicators
both editions score (none for 2021). Population shares weigh each country by its World Bank
population of the edition's population year (2018 for 2021, 2020 for 2023, 2022 for 2025).
--json prints every figure, shares as fractions from 0 to 1.
"""


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "headlines",
        help="headline findings: quadrants, population shares, most pervasive markets",
        description="The index's headline findings for the world, one continent or one region: "
        "countries and population share per quadrant, mean scores and their change since the "
        "previous edition, the most pervasive criminal markets and actors, and the countries "
        "that changed quadrant.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    edition_argument(parser)
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--continent", metavar="C", help='one continent, e.g. "Africa"')
    where.add_argument("--region", metavar="R", help='one region, e.g. "Western Europe"')
    parser.add_argument(
        "--median", action="store_true", help="quadrant cut-offs at the world medians"
    )
    parser.add_argument("--json", action="store_true", help="print JSON (every figure)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import json

    from ..analysis.findings import headlines

    found = headlines(
        args.edition,
        continent=args.continent,
        region=args.region,
        method="median" if args.median else "publisher",
    )
    emit(json.dumps(found, indent=2, ensure_ascii=False) if args.json else text(found))
    return 0


def _percent(share: float) -> str:
    return f"{share * 100:.1f}%"


def text(found: dict) -> str:
    """The findings as lines of text for a terminal.

    >>> from ocanalysis.analysis.findings import headlines
    >>> print(text(headlines(2023)))  # doctest: +ELLIPSIS
    The world, 2023 edition: 193 countries, 7,811 million people (population of 2020)
    Mean scores: criminality 5.03 (+0.23 since 2021, like for like), ...
    ...
    High criminality: 82.7% of the population; low resilience: 61.8%
    ...
    """
    from .. import catalogue

    where = "The world" if found["scope"] == "world" else found["name"]
    lines = [
        f"{where}, {found['edition']} edition: {found['countries']} countries, "
        f"{found['population'] / 1e6:,.0f} million people "
        f"(population of {found['population_year']})"
    ]
    means = []
    for measure, mean in found["means"].items():
        part = f"{catalogue.get(measure).label.lower()} {mean:.2f}"
        if found["change"] is not None and found["change"][measure] is not None:
            part += f" ({found['change'][measure]:+.2f} since {found['change_from']}"
            part += ", like for like)" if measure == "criminality" else ")"
        means.append(part)
    lines.append("Mean scores: " + ", ".join(means))
    cuts = found["cutoffs"]
    lines.append(
        f"Quadrants (high = {cuts['criminality']:.2f} or more criminality, "
        f"{cuts['resilience']:.2f} or more resilience):"
    )
    for name, figures in found["quadrants"].items():
        lines.append(
            f"  {name}: {figures['countries']} countries, "
            f"{_percent(figures['population_share'])} of the population"
        )
    shares = found["population_share"]
    lines.append(
        f"High criminality: {_percent(shares['high criminality'])} of the population; "
        f"low resilience: {_percent(shares['low resilience'])}"
    )
    for pillar, top in found["most_pervasive"].items():
        named = ", ".join(f"{catalogue.get(i).label.lower()} ({m:.2f})" for i, m in top)
        lines.append(f"Most pervasive {catalogue.get(pillar).label.lower()}: {named}")
    moved = found["moved_quadrant"]
    if moved is not None:
        lines.append(f"Changed quadrant since {found['change_from']}: {len(moved)} countries")
        for move in moved:
            lines.append(f"  {move['iso3']}: {move['from']} -> {move['to']} (by {move['because']})")
    return "\n".join(lines)
