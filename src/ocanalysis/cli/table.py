"""`ocanalysis table`: one row per country, composites and indicators."""

from __future__ import annotations

import argparse

from . import edition_argument, emit


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "table",
        help="one row per country: composites and the 32 indicators",
        description="One row per country: iso3, country, continent, region, the 4 composites, then "
        "the 32 indicator ids (empty where the edition lacks one).",
    )
    edition_argument(parser)
    parser.add_argument(
        "--format", "-f", choices=("csv", "json"), default="csv", help="output format (default csv)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from .. import catalogue
    from ..dataset import serialize, wide

    frame = wide(args.edition)
    columns = [
        "iso3",
        "country",
        "continent",
        "region",
        *catalogue.COMPOSITE_IDS,
        *catalogue.INDICATOR_IDS,
    ]
    if args.format == "json":
        frame = frame[columns].astype(object).where(frame[columns].notna(), None)
        emit(frame.to_json(orient="records", force_ascii=False))
    else:
        emit(serialize(frame[columns]))
    return 0
