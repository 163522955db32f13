"""The audit's Monte Carlo (193 countries × N runs) against two loop-over-runs baselines.

Ours: ``ocanalysis.analysis.audit.run(edition, runs=N)`` — the whole audit (all runs at once with
numpy, plus correlations and Cronbach's alpha). Baselines, on the same random draws, computing the
same criminality and resilience ranks and their 5 / 50 / 95 % quantiles:

- plain Python: a loop over runs, countries and indicators (timed on ``--python-runs`` runs and
  scaled linearly to N, since it is slow);
- numpy per run: a Python loop over runs, each run vectorized over countries (timed on all N).

Both baselines' ranks are checked equal to ours before anything is printed.

    .venv/bin/python benchmarks/bench_audit.py [--edition 2023] [--runs 1000] [--python-runs 50]
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import time

import numpy as np

from ocanalysis import catalogue, dataset
from ocanalysis.analysis import audit


def python_loop(values: list[list[float]], pillars: list[str], scenarios) -> dict[str, list]:
    ranks: dict[str, list[list[int]]] = {m: [] for m in audit.RANKED}
    for weights, geometric in zip(
        scenarios.weights.tolist(), scenarios.geometric.tolist(), strict=True
    ):
        scores: dict[str, list[float]] = {m: [] for m in audit.RANKED}
        for row in values:
            by_pillar = {}
            for pillar in catalogue.PILLARS:
                pairs = [
                    (w, x) for w, x, p in zip(weights, row, pillars, strict=True) if p == pillar
                ]
                total = sum(w for w, _ in pairs)
                if geometric:
                    by_pillar[pillar] = math.exp(sum(w * math.log(x) for w, x in pairs) / total)
                else:
                    by_pillar[pillar] = sum(w * x for w, x in pairs) / total
            m, a = by_pillar["criminal_markets"], by_pillar["criminal_actors"]
            scores["criminality"].append(math.sqrt(m * a) if geometric else (m + a) / 2)
            scores["resilience"].append(by_pillar["resilience"])
        for measure, run_scores in scores.items():
            hundredths = [math.floor(s * 100 + 0.5 + 1e-9) for s in run_scores]
            ranks[measure].append([1 + sum(o > h for o in hundredths) for h in hundredths])
    for per_run in ranks.values():
        for column in zip(*per_run, strict=True):
            ordered = sorted(column)
            [ordered[max(math.ceil(q * len(ordered)) - 1, 0)] for q in (0.05, 0.5, 0.95)]
    return ranks


def numpy_per_run(values: np.ndarray, pillars: list[str], scenarios) -> dict[str, np.ndarray]:
    columns = {p: [i for i, q in enumerate(pillars) if q == p] for p in catalogue.PILLARS}
    logs = np.log(values)
    ranks = {
        m: np.empty((len(scenarios.geometric), len(values)), dtype=np.int32) for m in audit.RANKED
    }
    for r, (weights, geometric) in enumerate(
        zip(scenarios.weights, scenarios.geometric, strict=True)
    ):
        by_pillar = {}
        for pillar, idx in columns.items():
            w = weights[idx]
            if geometric:
                by_pillar[pillar] = np.exp(logs[:, idx] @ w / w.sum())
            else:
                by_pillar[pillar] = values[:, idx] @ w / w.sum()
        m, a = by_pillar["criminal_markets"], by_pillar["criminal_actors"]
        run_scores = {
            "criminality": np.sqrt(m * a) if geometric else (m + a) / 2,
            "resilience": by_pillar["resilience"],
        }
        for measure, s in run_scores.items():
            h = np.floor(s * 100 + 0.5 + 1e-9)
            ranks[measure][r] = 1 + (h[None, :] > h[:, None]).sum(axis=1)
    for per_run in ranks.values():
        np.quantile(per_run, [0.05, 0.5, 0.95], axis=0, method="inverted_cdf")
    return ranks


def timed(function, *args, repeat: int = 1):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edition", type=int, default=2023)
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--python-runs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=12345)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    frame = dataset.wide(args.edition)
    indicators = catalogue.indicators(args.edition)
    values = frame[[i.id for i in indicators]].to_numpy(dtype=float)
    pillars = [i.pillar for i in indicators]
    scenarios = audit.draw_scenarios(args.runs, args.seed, len(indicators))
    few = audit.Scenarios(
        scenarios.weights[: args.python_runs], scenarios.geometric[: args.python_runs]
    )

    audit.run(args.edition, runs=10, seed=args.seed)  # warm caches and imports
    ours, _ = timed(audit.run, args.edition, args.runs, args.seed, repeat=args.repeat)
    core, _ = timed(
        lambda: {
            m: audit.competition_ranks(s)
            for m, s in audit.simulate_scores(values, pillars, scenarios).items()
        },
        repeat=args.repeat,
    )
    vectorized = {
        m: audit.competition_ranks(s)
        for m, s in audit.simulate_scores(values, pillars, scenarios).items()
    }
    per_run, per_run_ranks = timed(numpy_per_run, values, pillars, scenarios)
    python, python_ranks = timed(python_loop, values.tolist(), pillars, few)
    for measure in audit.RANKED:
        assert (per_run_ranks[measure] == vectorized[measure]).all(), measure
        assert (np.array(python_ranks[measure]) == vectorized[measure][: args.python_runs]).all()
    python_scaled = python * args.runs / args.python_runs

    n = f"{len(frame)} countries × {args.runs} runs, edition {args.edition}"
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{n}; medians of {args.repeat} repeats where repeated; load average {load}")
    print(f"ours: audit.run (whole audit)                 {ours * 1000:9.1f} ms")
    print(f"ours: Monte Carlo core (scores + ranks)       {core * 1000:9.1f} ms")
    print(f"baseline: numpy, Python loop over runs        {per_run * 1000:9.1f} ms")
    print(
        f"baseline: plain Python, {args.python_runs} runs scaled to {args.runs}"
        f"  {python_scaled * 1000:9.1f} ms  ({python * 1000:.1f} ms measured)"
    )
    print(f"ratio numpy-per-run / audit.run:   {per_run / ours:6.1f}x")
    print(f"ratio plain Python / audit.run:    {python_scaled / ours:6.1f}x")
    print("ranks identical in all three implementations: yes")


if __name__ == "__main__":
    main()
