"""`ocanalysis headlines`: the findings the publisher's reports state, for the world, a
continent or a region."""

from __future__ import annotations

import argparse

from . import edition_argument
from ._output import deliver, output_arguments

EPILOG = """\
Quadrants are the publisher's vulnerability matrix: on each axis a score of 5.5 or more is high
(--median uses the edition's world medians instead). Means are the publisher's: the mean of the
members' unrounded scores, rounded half up to hundredths once; change is against the previous
edition on the indicators both editions score (none for the first). Continents and regions are
ranked by their mean criminality and resilience, with their population. Population shares weigh
each country by its World Bank population of the edition's year minus three (2018 for 2021, 2020
for 2023, 2022 for 2025; the latest year the population file holds when it lacks that one, which
the output then says). --json prints every figure, shares as fractions from 0 to 1.
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
    output_arguments(
        parser,
        ("text", "json", "xlsx"),
        "text",
        "sheets of the summary, means, quadrants, most pervasive, moves, members, provenance",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import json

    from ..analysis.findings import headlines, text
    from ..export import data_meta

    found = headlines(
        args.edition,
        continent=args.continent,
        region=args.region,
        method="median" if args.median else "publisher",
    )
    return deliver(
        args,
        text=lambda: text(found),
        json_text=lambda: json.dumps(found, indent=2, ensure_ascii=False),
        sheets=found.tables,
        meta=lambda: {
            **data_meta([found["edition"]], f"ocanalysis headlines, {found['edition']} edition"),
            "population": f"World Bank SP.POP.TOTL, {found['population_year']} (data/population.csv)",
        },
    )
