"""`ocanalysis cite`: how to cite an edition's data and this package."""

from __future__ import annotations

import argparse

from . import edition_argument, emit


def add_parser(subparsers) -> None:
    from ..citation import FORMATS

    parser = subparsers.add_parser(
        "cite",
        help="how to cite the data (the publisher's edition) and this package",
        description="Print the publisher's citation of an edition's data (GI-TOC and ENACT, "
        "Global Organized Crime Index <year>, https://ocindex.net) and this package's, as text "
        "or as BibTeX entries. CITATION.cff holds the package's for tools that read it.",
    )
    edition_argument(parser)
    parser.add_argument(
        "--format", "-f", choices=FORMATS, default="text", help="output format (default text)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..citation import cite
    from ..dataset import check_edition

    emit(cite(check_edition(args.edition), args.format))
    return 0
