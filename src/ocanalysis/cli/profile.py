"""`ocanalysis profile COUNTRY`: scores and ranks of one country, as its official profile states."""

from __future__ import annotations

import argparse
import json

from . import edition_argument, emit


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "profile",
        help="scores and ranks of one country",
        description="Scores (4 composites, every indicator of the edition) and ranks of criminality "
        "and resilience at three levels (of all countries, of the continent, of the region), as "
        "the official country profile prints them.",
    )
    parser.add_argument("country", metavar="COUNTRY", help="name, alias or ISO2/ISO3 code")
    edition_argument(parser)
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..profile import profile

    result = profile(args.country, args.edition)
    emit(json.dumps(result.to_dict(), ensure_ascii=False) if args.json else result.to_text())
    return 0
