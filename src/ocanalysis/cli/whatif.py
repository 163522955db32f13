"""`ocanalysis whatif`: the ranks under weights of the user's choice, or leave-one-out."""

from __future__ import annotations

import argparse
import json

from . import edition_argument, emit

LARGEST = 15  # countries (or indicators) listed in the text summary
AGGREGATIONS = ("arithmetic", "geometric", "harmonic")  # = audit.AGGREGATIONS


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "whatif",
        help="ranks under your own weights; rank changes when each indicator is left out",
        description="Recompute the criminality and resilience composites and ranks under "
        "relative weights of your choice, given as a small JSON or TOML file, e.g. "
        '{"pillars": {"criminal_markets": 1, "criminal_actors": 1}, "indicators": '
        '{"cocaine_trade": 3}}; anything not named keeps the publisher\'s weight (so {} is the '
        "published index) and a weight of 0 leaves an indicator out. Prints each country's rank "
        "and its shift against the published rank (positive: a later place). With "
        "--leave-one-out: every country's rank change as each indicator is left out in turn, "
        "the indicators whose removal moves ranks most first.",
    )
    edition_argument(parser)
    parser.add_argument(
        "--weights", "-w", metavar="FILE", help="JSON or TOML file of relative weights"
    )
    parser.add_argument(
        "--aggregation",
        choices=AGGREGATIONS,
        default="arithmetic",
        help="the mean at both levels (default arithmetic, the publisher's)",
    )
    parser.add_argument(
        "--leave-one-out",
        action="store_true",
        help="rank changes when each indicator is left out (under --weights if given)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument(
        "--all", action="store_true", help="text: every country (or indicator), not the largest"
    )
    parser.set_defaults(handler=run)


def format_text(result, show_all: bool = False) -> str:
    """A what-if as text: how many countries moved, then the largest shifts.

    >>> from ocanalysis.analysis import reweight
    >>> print(format_text(reweight(2023, {"indicators": {"cocaine_trade": 3}})))
    ... # doctest: +ELLIPSIS
    What-if on the 2023 edition (arithmetic mean): ... countries change criminality rank, 0 ...
    """
    table = result.table
    moved = {m: int((table[f"{m}_shift"] != 0).sum()) for m in ("criminality", "resilience")}
    lines = [
        f"What-if on the {result.edition} edition ({result.aggregation} mean): "
        f"{moved['criminality']} countries change criminality rank, {moved['resilience']} "
        "resilience rank",
    ]
    largest = table["criminality_shift"].abs() + table["resilience_shift"].abs()
    shown = table if show_all else table.loc[largest.nlargest(LARGEST, keep="first").index]
    shown = shown.loc[show_all | (largest.loc[shown.index] > 0)]
    if shown.empty:
        return lines[0]
    lines.append("  every country:" if show_all else "  the largest shifts:")
    lines.append(
        f"    {'country':<34} {'criminality':>11} {'shift':>6} {'resilience':>10} {'shift':>6}"
    )
    for row in shown.itertuples(index=False):
        lines.append(
            f"    {row.country[:34]:<34} {row.criminality_rank:>11} {row.criminality_shift:>+6} "
            f"{row.resilience_rank:>10} {row.resilience_shift:>+6}"
        )
    return "\n".join(lines)


def format_leave_one_out(result, show_all: bool = False) -> str:
    """Leave-one-out as text: the indicators whose removal moves ranks most.

    >>> from ocanalysis.analysis import leave_one_out
    >>> print(format_leave_one_out(leave_one_out(2023)).splitlines()[0])
    Leave-one-out on the 2023 edition (arithmetic mean): rank changes when each indicator is left out
    """
    from .. import catalogue

    label = {i.id: i.label for i in catalogue.ALL_MEASURES}
    lines = [
        f"Leave-one-out on the {result.edition} edition ({result.aggregation} mean): rank "
        "changes when each indicator is left out",
        f"    {'indicator left out':<40} {'rank':<11} {'mean |shift|':>12} {'max':>5} "
        f"{'countries moved':>15}",
    ]
    summary = result.summary if show_all else result.summary.head(LARGEST)
    for row in summary.itertuples(index=False):
        lines.append(
            f"    {label[row.indicator][:40]:<40} {row.measure:<11} {row.mean_abs_shift:>12.2f} "
            f"{row.max_abs_shift:>5} {row.countries_moved:>15}"
        )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from ..analysis import whatif

    weights = whatif.read_weights(args.weights) if args.weights else {}
    where = args.weights or "weights"
    if args.leave_one_out:
        result = whatif.leave_one_out(args.edition, weights, args.aggregation, where=where)
        text = format_leave_one_out
    else:
        result = whatif.reweight(args.edition, weights, args.aggregation, where=where)
        text = format_text
    if args.json:
        emit(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        emit(text(result, show_all=args.all))
    return 0
