"""`ocanalysis profile Belgium --json` as a whole process, against baselines in the same run.

Baselines: a bare interpreter start (`python -c pass`, the floor) and `python -c "import pandas"`
(what any pandas-based tool pays). Prints median wall times and ratios; goal < 1.5 s.

    .venv/bin/python benchmarks/bench_profile_cli.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def wall(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    cases = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "python -c 'import pandas'": [sys.executable, "-c", "import pandas"],
        "ocanalysis profile Belgium --json": [
            str(BIN / "ocanalysis"),
            "profile",
            "Belgium",
            "--json",
        ],
    }
    wall(cases["ocanalysis profile Belgium --json"])  # warm the OS file cache once
    times = {
        name: statistics.median(wall(argv) for _ in range(args.repeat))
        for name, argv in cases.items()
    }
    for name, seconds in times.items():
        print(f"{name:<40} {seconds * 1000:7.0f} ms")
    ours = times["ocanalysis profile Belgium --json"]
    pandas_only = times["python -c 'import pandas'"]
    print(f"ratio ocanalysis / import pandas: {ours / pandas_only:.2f}x")
    print(f"goal: under 1.5 s -> {'met' if ours < 1.5 else 'NOT met'}")


if __name__ == "__main__":
    main()
