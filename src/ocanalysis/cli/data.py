"""`ocanalysis data build`: rebuild the embedded dataset from the publisher's files."""

from __future__ import annotations

import argparse

from . import emit


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "data",
        help="build the embedded dataset from the publisher's files",
        description="Manage the project's normalized dataset (data/ocindex.csv with "
        "data/provenance.json).",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", title="actions")
    build = actions.add_parser(
        "build",
        help="read, validate and normalize the raw files; write data/",
        description="Read every edition from the given workbooks, CSVs or folders (default "
        "$OCANALYSIS_SOURCES or ../shared/data), validate them, and write the dataset with its "
        "provenance. Nothing is written unless every input is valid.",
    )
    build.add_argument("sources", nargs="*", metavar="SOURCE", help="files or folders")
    build.add_argument("--out", metavar="DIR", default=None, help="output folder (default data/)")
    build.set_defaults(handler=run_build)
    parser.set_defaults(handler=lambda args: parser.print_help() or 0)


def run_build(args: argparse.Namespace) -> int:
    from ..dataset import build

    record = build(args.sources or None, args.out)
    editions = ", ".join(
        f"{e} ({info['countries']} countries, from {info['source']})"
        for e, info in record["editions"].items()
    )
    emit(f"wrote {record['dataset']}: {editions}")
    return 0
