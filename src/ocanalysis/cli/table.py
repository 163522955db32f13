"""`ocanalysis table`: one row per country, composites and indicators (CSV, JSON or Excel)."""

from __future__ import annotations

import argparse

from . import edition_argument
from ._output import deliver, output_arguments


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "table",
        help="one row per country: composites and the 32 indicators",
        description="One row per country: iso3, country, continent, region, the 4 composites, then "
        "the 32 indicator ids (empty where the edition lacks one). --format xlsx writes one "
        "sheet per edition (every edition unless --edition names one), named by its year, with "
        "the same columns, scores as numbers, the header row frozen, and a sheet 'provenance' "
        "with the data's source and citation. Text cells a spreadsheet would evaluate (starting "
        "with = + - @, a tab or a carriage return) get a leading single quote in CSV and XLSX.",
    )
    edition_argument(parser)
    output_arguments(
        parser, ("csv", "json", "xlsx"), "csv", "one sheet per edition and a provenance sheet"
    )
    parser.set_defaults(handler=run)


def columns() -> list[str]:
    """The table's columns, in order (the header row of csv and of each xlsx sheet)."""
    from .. import catalogue

    return [
        "iso3",
        "country",
        "continent",
        "region",
        *catalogue.COMPOSITE_IDS,
        *catalogue.INDICATOR_IDS,
    ]


def run(args: argparse.Namespace) -> int:
    from ..dataset import check_edition, editions, wide
    from ..export import data_meta
    from ._output import chosen_format

    if chosen_format(args) == "xlsx" and args.edition is None:
        chosen = list(editions())
    else:
        chosen = [check_edition(args.edition)]
    sheets = {str(edition): wide(edition)[columns()] for edition in chosen}
    return deliver(
        args,
        sheets=lambda: sheets,
        meta=lambda: data_meta(chosen, "ocanalysis table: one row per country"),
    )
