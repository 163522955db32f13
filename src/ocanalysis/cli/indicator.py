"""`ocanalysis indicator`: one indicator or composite across the world, as the publisher's
indicator pages show it."""

from __future__ import annotations

import argparse

from . import edition_argument
from ._output import deliver, output_arguments

EPILOG = """\
NAME is an id (law_enforcement) or a label ("Law enforcement"), in any case; --list names all 36.
The mean is the publisher's: the mean of the countries' unrounded scores, rounded half up to
hundredths once; change is against the previous edition that scores the indicator (none where it
is new). Ranks: highest score first, ties sharing the best rank. Continents and regions are ranked
by their mean, with their World Bank population of the edition's population year. --json prints
every figure (keys: mean, change, ranking, continents, regions, distribution, moved_most).
"""


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "indicator",
        help="one indicator or composite: world mean, change, ranking, regional means",
        description="One of the 32 indicators or 4 composites in one edition: its world mean and "
        "change since the previous edition, every country ranked, continent and region means "
        "with their population, the number of countries per score, and the countries that "
        "moved most.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("name", nargs="?", metavar="NAME", help="an indicator's id or label")
    edition_argument(parser)
    parser.add_argument("--list", action="store_true", help="list the indicators' ids and labels")
    parser.add_argument("--json", action="store_true", help="print JSON (every figure)")
    output_arguments(
        parser,
        ("text", "json", "csv", "xlsx"),
        "text",
        "sheets of the summary, ranking, continents, regions, distribution, moved most",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import json

    from .. import catalogue
    from ..analysis.indicator import indicator, text
    from ..errors import ArgumentError
    from ..export import data_meta

    if args.list:
        for entry in catalogue.ALL_MEASURES:
            print(f"{entry.id:<40} {entry.label}")
        return 0
    if not args.name:
        raise ArgumentError("name an indicator (an id or a label); --list names them")
    found = indicator(args.name, args.edition)
    return deliver(
        args,
        text=lambda: text(found),
        json_text=lambda: json.dumps(found, indent=2, ensure_ascii=False),
        sheets=lambda: (
            {"ranking": found.tables()["ranking"]}
            if (args.format or "") == "csv"
            else found.tables()
        ),
        meta=lambda: data_meta(
            [found["edition"]], f"ocanalysis indicator {found['id']}, {found['edition']} edition"
        ),
    )
