"""`ocanalysis audit`: correlations, Cronbach's alpha and rank robustness of one edition."""

from __future__ import annotations

import argparse
import json

from ..analysis.audit import DEFAULT_RUNS, DEFAULT_SEED
from . import edition_argument
from ._output import deliver, output_arguments


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "audit",
        help="how robust the ranks are; correlations and Cronbach's alpha",
        description="Audit of one edition in the manner of COINr: indicator-pillar and "
        "pillar-composite correlations (Pearson, Spearman), Cronbach's alpha per pillar, and a "
        "Monte Carlo of the criminality and resilience ranks (every indicator weight uniform within "
        "±25 %%, arithmetic or geometric mean with probability 1/2) giving each country's nominal "
        "rank and the median and 5th-95th percentile of its simulated ranks. The same arguments "
        "give the same output.",
    )
    edition_argument(parser)
    parser.add_argument(
        "--runs",
        "-n",
        type=int,
        default=DEFAULT_RUNS,
        metavar="N",
        help=f"Monte Carlo runs (default {DEFAULT_RUNS})",
    )
    parser.add_argument(
        "--seed",
        "-s",
        type=int,
        default=DEFAULT_SEED,
        metavar="S",
        help=f"random seed (default {DEFAULT_SEED})",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument(
        "--all", action="store_true", help="text: list every country's interval, not the widest"
    )
    output_arguments(
        parser,
        ("text", "json", "xlsx"),
        "text",
        "sheets of each ranking's intervals, the correlations, the alphas, and provenance",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..analysis import audit
    from ..export import data_meta

    # The cached audit: the report states the same intervals, and a rerun reads it from disk.
    result = audit.cached_run(args.edition, runs=args.runs, seed=args.seed)
    return deliver(
        args,
        text=lambda: result.to_text(show_all=args.all),
        json_text=lambda: json.dumps(result.to_dict(), ensure_ascii=False),
        sheets=result.tables,
        meta=lambda: {
            **data_meta([result.edition], f"ocanalysis audit of the {result.edition} edition"),
            "runs": result.runs,
            "seed": result.seed,
        },
    )
