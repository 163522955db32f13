"""`ocanalysis audit`: correlations, Cronbach's alpha and rank robustness of one edition."""

from __future__ import annotations

import argparse
import json

from ..analysis.audit import DEFAULT_RUNS, DEFAULT_SEED
from . import edition_argument, emit

WIDEST = 10  # intervals listed in the text summary


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
    parser.set_defaults(handler=run)


def _interval_lines(table, title: str, show_all: bool) -> list[str]:
    inside = (table["nominal"] >= table["q05"]) & (table["nominal"] <= table["q95"])
    width = table["q95"] - table["q05"]
    lines = [
        f"{title}: the nominal rank lies inside its 5-95 % interval for {int(inside.sum())} of "
        f"{len(table)} countries; median interval width {float(width.median()):g} places",
    ]
    if show_all:
        shown, heading = table, "  every country, in nominal rank order:"
    else:
        order = width.sort_values(ascending=False, kind="stable").index[:WIDEST]
        shown, heading = table.loc[order], f"  the {WIDEST} widest intervals:"
    lines.append(heading)
    lines.append(f"    {'country':<34} {'nominal':>7} {'median':>6} {'5 %':>5} {'95 %':>5}")
    for row in shown.itertuples(index=False):
        flag = "" if row.q05 <= row.nominal <= row.q95 else "  (outside)"
        lines.append(
            f"    {row.country[:34]:<34} {row.nominal:>7} {row.median:>6} {row.q05:>5} "
            f"{row.q95:>5}{flag}"
        )
    return lines


def format_text(result, show_all: bool = False) -> str:
    """The audit as text: alphas, correlations, then the widest rank intervals.

    >>> from ocanalysis.analysis.audit import run
    >>> print("\\n".join(format_text(run(2023, runs=20, seed=1)).splitlines()[:6]))
    Audit of the 2023 edition: 20 Monte Carlo runs, seed 1
    (each indicator weight uniform within ±25 %; arithmetic or geometric mean, 1/2 each)
    <BLANKLINE>
    Cronbach's alpha
      Criminal markets                          0.902
      Criminal actors                           0.797
    """
    from .. import catalogue

    label = {m.id: m.label for m in catalogue.ALL_MEASURES}
    lines = [
        f"Audit of the {result.edition} edition: {result.runs} Monte Carlo runs, seed {result.seed}",
        "(each indicator weight uniform within ±25 %; arithmetic or geometric mean, 1/2 each)",
        "",
        "Cronbach's alpha",
    ]
    for pillar, alpha in result.cronbach_alpha.items():
        lines.append(f"  {label[pillar]:<40} {alpha:6.3f}")
    lines += ["", "Correlations (Pearson / Spearman)"]
    table = result.correlations
    aggregates = table.loc[table["level"] != "indicator_pillar"]
    for row in aggregates.itertuples(index=False):
        name = f"{label[row.variable]} with {label[row.aggregate].lower()}"
        lines.append(f"  {name:<40} {row.pearson:6.3f} / {row.spearman:6.3f}")
    weakest = table.loc[table["level"] == "indicator_pillar"].nsmallest(5, "pearson")
    lines.append("  weakest indicator-pillar correlations:")
    for row in weakest.itertuples(index=False):
        name = f"{label[row.variable]} with {label[row.aggregate].lower()}"
        lines.append(f"    {name[:60]:<60} {row.pearson:6.3f} / {row.spearman:6.3f}")
    lines.append("")
    lines += _interval_lines(result.rank_uncertainty, "Criminality ranks", show_all)
    lines.append("")
    lines += _interval_lines(result.resilience_rank_uncertainty, "Resilience ranks", show_all)
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from ..analysis import audit

    # The cached audit: the report states the same intervals, and a rerun reads it from disk.
    result = audit.cached_run(args.edition, runs=args.runs, seed=args.seed)
    if args.json:
        emit(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        emit(format_text(result, show_all=args.all))
    return 0
