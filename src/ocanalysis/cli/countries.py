"""`ocanalysis countries`: the countries of an edition with codes, continent and region."""

from __future__ import annotations

import argparse

from . import edition_argument, emit


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "countries",
        help="list the countries, their ISO codes, continent and region",
        description="List the countries of an edition: ISO3, ISO2, name, continent, region.",
    )
    edition_argument(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..dataset import wide

    frame = wide(args.edition)
    lines = [
        f"{r.iso3}  {r.iso2}  {r.country:<34} {r.continent:<9} {r.region}"
        for r in frame.itertuples()
    ]
    emit("\n".join(lines))
    return 0
