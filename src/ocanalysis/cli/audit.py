"""`ocanalysis audit`: correlations, Cronbach's alpha and rank robustness of one edition; with
``--sensitivity``, the Sobol' indices of the index's choices (analysis/sensitivity.py)."""

from __future__ import annotations

import argparse
import json

from ..analysis.audit import DEFAULT_RUNS, DEFAULT_SEED, INPUTS
from . import edition_argument, emit

WIDEST = 10  # intervals listed in the text summary
DEFAULT_SAMPLES = 1024  # = sensitivity.DEFAULT_SAMPLES (not imported: --help stays fast)
FORMATS = ("text", "json")  # xlsx: SensitivityResult.sheets() is the workbook's content


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "audit",
        help="how robust the ranks are; correlations and Cronbach's alpha",
        description="Audit of one edition in the manner of COINr: indicator-pillar and "
        "pillar-composite correlations (Pearson, Spearman), Cronbach's alpha per pillar, and a "
        "Monte Carlo of the criminality and resilience ranks (every indicator weight uniform within "
        "±25 %%, arithmetic or geometric mean with probability 1/2) giving each country's nominal "
        "rank and the median and 5th-95th percentile of its simulated ranks. The same arguments "
        "give the same output. With --sensitivity: first- and total-order Sobol' indices (SALib, "
        "Saltelli design, 95 %% bootstrap intervals) of the uncertain inputs indicator_weights "
        "(±25 %%), pillar_weights (criminal markets against criminal actors, ±25 %%), aggregation "
        "(arithmetic, geometric or harmonic) and leave_one_out (no indicator or one left out), for "
        "every country's criminality and resilience rank and for the mean absolute rank shift.",
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
        "--format",
        choices=FORMATS,
        default=None,
        help="output format (--json is --format json)",
    )
    parser.add_argument(
        "--all", action="store_true", help="text: list every country's interval, not the widest"
    )
    parser.add_argument(
        "--sensitivity",
        action="store_true",
        help="Sobol' sensitivity analysis of the ranks instead of the audit",
    )
    parser.add_argument(
        "--samples",
        type=int,
        default=DEFAULT_SAMPLES,
        metavar="N",
        help=f"--sensitivity: base samples, a power of 2 (default {DEFAULT_SAMPLES})",
    )
    parser.add_argument(
        "--inputs",
        default=",".join(INPUTS),
        metavar="NAMES",
        help="--sensitivity: the uncertain inputs, comma-separated (default: all, "
        f"{','.join(INPUTS)})",
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


def format_sensitivity(result, show_all: bool = False) -> str:
    """The Sobol' indices as text: the mean rank shift's, then per measure the countries' (the
    ten whose rank varies most, or all).

    >>> from ocanalysis.analysis.sensitivity import analyse
    >>> print(format_sensitivity(analyse(2023, samples=32, inputs=["aggregation"])))
    ... # doctest: +ELLIPSIS
    Sensitivity of the 2023 ranks: 32 base samples, seed 12345
    ...
    """
    from ..analysis.sensitivity import INPUT_LABELS, MEAN_RANK_SHIFT

    table = result.indices
    lines = [
        f"Sensitivity of the {result.edition} ranks: {result.samples} base samples, "
        f"seed {result.seed}",
        "(Sobol' indices: first order = the input alone, total order = with its interactions; "
        "95 % intervals)",
        "",
        "Mean absolute rank shift over all countries",
    ]

    def block(scope: str, measure: str, indent: str) -> list[str]:
        rows = table.loc[(table["scope"] == scope) & (table["measure"] == measure)]
        out = []
        for name in result.inputs:
            first, total = (
                rows.loc[(rows["order"] == order) & (rows["input"] == name)].iloc[0]
                for order in ("first_order", "total_order")
            )
            out.append(
                f"{indent}{INPUT_LABELS[name][:52]:<52} first {first.value:6.3f} "
                f"[{first.ci_low:6.3f}, {first.ci_high:6.3f}]  total {total.value:6.3f} "
                f"[{total.ci_low:6.3f}, {total.ci_high:6.3f}]"
            )
        return out

    for measure in ("criminality", "resilience"):
        lines.append(f"  {measure}")
        lines += block(MEAN_RANK_SHIFT, measure, "    ")
    for measure in ("criminality", "resilience"):
        countries = result.countries
        if show_all:
            lines += ["", f"{measure.capitalize()} rank of every country (standard deviation)"]
        else:
            countries = countries.nlargest(WIDEST, f"{measure}_rank_sd", keep="first")
            lines += [
                "",
                f"The {WIDEST} countries whose {measure} rank varies most (standard deviation)",
            ]
        for row in countries.itertuples(index=False):
            rank, sd = getattr(row, f"{measure}_rank"), getattr(row, f"{measure}_rank_sd")
            lines.append(f"  {row.country} ({row.iso3}): rank {rank} ({sd:.1f} places)")
            lines += block(row.iso3, measure, "    ")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from ..analysis import audit

    as_json = args.json or args.format == "json"
    if args.sensitivity:
        from ..analysis import sensitivity

        names = [n.strip() for n in args.inputs.split(",") if n.strip()]
        if set(names) == set(INPUTS) and args.samples == DEFAULT_SAMPLES:
            # The default analysis: the one the country report reads, from the same cache.
            result = sensitivity.cached_analysis(args.edition, args.samples, args.seed)
        else:
            result = sensitivity.analyse(
                audit.dataset.check_edition(args.edition), args.samples, args.seed, inputs=names
            )
        if as_json:
            emit(json.dumps(result.to_dict(), ensure_ascii=False))
        else:
            emit(format_sensitivity(result, show_all=args.all))
        return 0
    # The cached audit: the report states the same intervals, and a rerun reads it from disk.
    result = audit.cached_run(args.edition, runs=args.runs, seed=args.seed)
    if as_json:
        emit(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        emit(format_text(result, show_all=args.all))
    return 0
