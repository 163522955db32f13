"""`ocanalysis validate FILE`: check a publisher file (workbook or CSV) against every rule."""

from __future__ import annotations

import argparse

from . import emit


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check a workbook or CSV of index data",
        description="Check a publisher workbook (.xlsx, every <year>_dataset sheet) or CSV: columns, "
        "countries, scores (1-10 in half points), published averages against their indicators. "
        "Exit 0 with a one-line summary when valid; else exit 2 with one line per problem.",
    )
    parser.add_argument("file", metavar="FILE", help="a .xlsx workbook or .csv export")
    parser.add_argument(
        "--edition",
        "-e",
        type=int,
        default=None,
        metavar="YEAR",
        help="edition of a CSV whose name does not state it",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from .. import sources
    from ..errors import ValidationError
    from ..normalize import normalize

    problems: list[str] = []
    summaries: list[str] = []
    for table in sources.read(args.file, args.edition):
        try:
            result = normalize(table)
        except ValidationError as error:
            problems.extend(error.problems)
            continue
        kind = (
            "published averages reproduced"
            if result.published_composites
            else "composites computed"
        )
        summaries.append(f"{result.edition}: {len(result.wide)} countries, {kind}")
    if problems:
        raise ValidationError(problems)
    emit(f"{args.file}: valid ({'; '.join(summaries)})")
    return 0
