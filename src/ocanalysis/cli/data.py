"""`ocanalysis data build`: rebuild the embedded dataset from the publisher's files."""

from __future__ import annotations

import argparse

from ..errors import OutputError
from . import emit


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "data",
        help="build the embedded dataset from the publisher's files",
        description="Manage the project's normalized data (data/ocindex.csv and "
        "data/population.csv with data/provenance.json).",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", title="actions")
    build = actions.add_parser(
        "build",
        help="read, validate and normalize the raw files; write data/",
        description="Read every edition from the given workbooks, CSVs or folders (default "
        "$OCANALYSIS_SOURCES or ../shared/publisher, the publisher's current workbook), validate them, read the World Bank population "
        "of the 193 countries (default $OCANALYSIS_POPULATION or "
        "../shared/population/world_bank_population.csv), and write both with their provenance. "
        "Nothing is written unless every input is valid; then all files or none are replaced. "
        "Then compute every edition's default audit and sensitivity analysis, which reports "
        "read, and write them to results/ beside the data.",
    )
    build.add_argument("sources", nargs="*", metavar="SOURCE", help="files or folders")
    build.add_argument("--out", metavar="DIR", default=None, help="output folder (default data/)")
    build.add_argument(
        "--population",
        metavar="FILE",
        default=None,
        help="World Bank population CSV (columns Country Name, Country Code, Year, Value)",
    )
    build.add_argument(
        "--no-results",
        action="store_true",
        help="skip computing the default results (reports then compute them on first use)",
    )
    build.set_defaults(handler=run_build)
    parser.set_defaults(handler=lambda args: parser.print_help() or 0)


def run_build(args: argparse.Namespace) -> int:
    from ..analysis import results
    from ..dataset import build, build_target

    record = build(args.sources or None, args.out, population_source=args.population)
    editions = ", ".join(
        f"{e} ({info['countries']} countries, from {info['source']})"
        for e, info in record["editions"].items()
    )
    people = record["population"]
    emit(f"wrote {record['dataset']}: {editions}")
    emit(f"wrote {people['file']}: 193 countries, {people['years'][0]}-{people['years'][1]}")
    if not args.no_results:
        folder = results.shipped_dir(build_target(args.out))
        try:
            manifest = results.ship(build_target(args.out))
        except OSError as error:
            raise OutputError.from_os_error(error, f"{folder}: cannot write the results") from None
        emit(
            f"wrote {folder}: {len(manifest['files'])} results (the default audit and "
            "sensitivity analysis of every edition)"
        )
    return 0
