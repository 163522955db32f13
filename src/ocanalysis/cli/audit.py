"""`ocanalysis audit`: correlations, Cronbach's alpha and rank robustness of one edition; with
``--sensitivity``, the Sobol' indices of the index's choices (analysis/sensitivity.py)."""

from __future__ import annotations

import argparse
import json

from ..analysis.settings import DEFAULT_RUNS, DEFAULT_SAMPLES, DEFAULT_SEED, INPUTS
from . import edition_argument
from ._output import deliver, output_arguments

WIDEST = 10  # countries listed in the sensitivity's text summary


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "audit",
        help="how robust the ranks are; correlations and Cronbach's alpha",
        description="Audit of one edition in the manner of COINr: indicator-pillar and "
        "pillar-composite correlations (Pearson, Spearman), Cronbach's alpha per pillar, and a "
        "Monte Carlo of the criminality and resilience ranks (every indicator weight uniform within "
        "±25 %, arithmetic or geometric mean with probability 1/2) giving each country's nominal "
        "rank and the median and 5th-95th percentile of its simulated ranks. The same arguments "
        "give the same output. With --sensitivity: first- and total-order Sobol' indices (SALib, "
        "Saltelli design, 95 % bootstrap intervals) of the uncertain inputs indicator_weights "
        "(±25 %), pillar_weights (criminal markets against criminal actors, ±25 %), aggregation "
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
    output_arguments(
        parser,
        ("text", "json", "xlsx"),
        "text",
        "sheets of each ranking's intervals, the correlations, the alphas, and provenance "
        "(with --sensitivity: the indices and each country's ranks)",
    )
    parser.set_defaults(handler=run)


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
        "95 % intervals. Each is estimated from a sample: an estimate or bound below 0 is noise "
        "around 0, shown as 0; --json gives the estimates as computed.)",
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
            f, t = (
                [max(0.0, float(x)) for x in (i.value, i.ci_low, i.ci_high)] for i in (first, total)
            )
            out.append(
                f"{indent}{INPUT_LABELS[name][:52]:<52} first {f[0]:6.3f} "
                f"[{f[1]:6.3f}, {f[2]:6.3f}]  total {t[0]:6.3f} [{t[1]:6.3f}, {t[2]:6.3f}]"
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
    from ..errors import ArgumentError
    from ..export import data_meta

    defaults = {"samples": DEFAULT_SAMPLES, "inputs": ",".join(INPUTS)}
    given = [f"--{name}" for name, value in defaults.items() if getattr(args, name) != value]
    if given and not args.sensitivity:
        raise ArgumentError(
            f"{' and '.join(given)} {'goes' if len(given) == 1 else 'go'} with --sensitivity "
            "(add it, or leave them out)"
        )
    if args.sensitivity and args.runs != DEFAULT_RUNS:
        raise ArgumentError("--runs is the audit's; the sensitivity analysis takes --samples")
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
        return deliver(
            args,
            text=lambda: format_sensitivity(result, show_all=args.all),
            json_text=lambda: json.dumps(result.to_dict(), ensure_ascii=False),
            sheets=result.sheets,
            meta=lambda: {
                **data_meta(
                    [result.edition],
                    f"ocanalysis sensitivity analysis of the {result.edition} ranks",
                ),
                "samples": result.samples,
                "seed": result.seed,
            },
        )
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
