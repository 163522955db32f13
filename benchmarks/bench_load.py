"""Loading the embedded data of all editions, after import, against the naive baseline.

Baseline: what a researcher does by hand - read the publisher's workbook sheets and the 2025 CSV with
pandas. Ours: ``ocanalysis.load()`` (tidy table, all editions) from the embedded dataset, cold
(first call in the process) and warm. Prints median times and the ratio.

    .venv/bin/python benchmarks/bench_load.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

SOURCES = Path(__file__).resolve().parents[2] / "shared" / "data"

BASELINE = f"""
import time, pandas as pd
t = time.perf_counter()
pd.read_excel({str(SOURCES / "global_oc_index.xlsx")!r}, sheet_name=["2021_dataset", "2023_dataset"])
pd.read_csv({str(SOURCES / "oc_index_2025_indicators.csv")!r}, keep_default_na=False)
print(time.perf_counter() - t)
"""

OURS = """
import time, ocanalysis
t = time.perf_counter()
ocanalysis.load()
cold = time.perf_counter() - t
t = time.perf_counter()
ocanalysis.load()
print(cold, time.perf_counter() - t)
"""


def measure(code: str) -> list[float]:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return [float(x) for x in out.stdout.split()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    baseline, cold, warm = [], [], []
    for _ in range(args.repeat):
        if SOURCES.exists():
            baseline += measure(BASELINE)
        c, w = measure(OURS)
        cold.append(c)
        warm.append(w)
    med = statistics.median
    print(f"ocanalysis.load() all editions, first call after import: {med(cold) * 1000:7.1f} ms")
    print(f"ocanalysis.load() all editions, again (cached read):     {med(warm) * 1000:7.1f} ms")
    if baseline:
        print(
            f"baseline: pandas reading the raw workbook + CSV:        {med(baseline) * 1000:7.1f} ms"
        )
        print(f"ratio baseline / ocanalysis (first call): {med(baseline) / med(cold):.1f}x")
    print(f"goal: well under 100 ms -> {'met' if med(cold) < 0.1 else 'NOT met'}")


if __name__ == "__main__":
    main()
