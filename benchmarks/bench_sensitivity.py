"""The Sobol' analysis's model evaluations (every Saltelli design point, 193 countries) against the
straightforward loop: one composite computation per design point in Python.

Ours: ``sensitivity.simulate_design`` — all ``N * (groups + 2)`` design points at once with numpy
(the audit's simulation, in chunks). Baseline: a Python loop over the design points, each point's
scenario through the same composite code (``audit.simulate_scores`` and ``competition_ranks`` on
one row). Both ranks are checked equal before anything is printed. Also timed: the whole default
analysis (``sensitivity.analyse``: design, evaluations and SALib's estimates for 2 × 194 outputs),
and what it would take with the loop's evaluations.

    .venv/bin/python benchmarks/bench_sensitivity.py [--edition 2023] [--samples 1024]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_audit import timed  # noqa: E402 - the same median-of-repeats timer

from ocanalysis.analysis import audit, sensitivity  # noqa: E402


def loop(values, pillars, inputs, points) -> dict[str, np.ndarray]:
    ranks = {m: np.empty((len(points), len(values)), dtype=np.int16) for m in audit.RANKED}
    for k in range(len(points)):
        scenario = sensitivity.scenarios_of(inputs, points[k : k + 1], len(pillars))
        for measure, scores in audit.simulate_scores(values, pillars, scenario).items():
            ranks[measure][k] = audit.competition_ranks(scores)[0]
    return ranks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edition", type=int, default=2023)
    parser.add_argument("--samples", type=int, default=1024)
    parser.add_argument("--seed", type=int, default=audit.DEFAULT_SEED)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    inputs = sensitivity.DEFAULT_INPUTS
    _, _, indicators, values = audit.scored_values(args.edition)
    pillars = [i.pillar for i in indicators]
    points = sensitivity.design(inputs, args.samples, args.seed, len(indicators))

    sensitivity.analyse(args.edition, samples=16)  # warm imports
    ours, vectorised = timed(
        sensitivity.simulate_design, values, pillars, inputs, points, repeat=args.repeat
    )
    baseline, looped = timed(loop, values, pillars, inputs, points)
    for measure in audit.RANKED:
        assert (vectorised[measure] == looped[measure]).all(), measure
    whole, _ = timed(sensitivity.analyse, args.edition, args.samples, args.seed)

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"{len(values)} countries × {len(points)} design points ({args.samples} base samples, "
        f"{len(inputs.active)} input groups), edition {args.edition}; load average {load}"
    )
    print(f"ours: all design points at once (numpy)           {ours * 1000:9.1f} ms")
    print(f"baseline: Python loop, one point at a time        {baseline * 1000:9.1f} ms")
    print(f"ratio loop / vectorised evaluations:  {baseline / ours:7.1f}x")
    print(f"whole default analysis (sensitivity.analyse)      {whole * 1000:9.1f} ms")
    print(
        f"the same with the loop's evaluations              "
        f"{(whole - ours + baseline) * 1000:9.1f} ms  "
        f"(ratio {(whole - ours + baseline) / whole:.1f}x)"
    )
    print("ranks identical in both implementations: yes")


if __name__ == "__main__":
    main()
