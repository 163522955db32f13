"""Benchmark: the profile parser is linear in its input.

Parses the example profile with one narrative paragraph grown to 1 MB and to 2 MB (no full stop,
split by blank lines, as page breaks split a PDF's text), in the same run, and prints the time of each and their
ratio: about 2 for a linear parser (the quadratic one it replaced gave about 4).

    .venv/bin/python benchmarks/bench_profile_text.py [--mb 1]
"""

from __future__ import annotations

import argparse
import time

from ocanalysis.errors import OCAnalysisError
from ocanalysis.profile_text import EXAMPLE, parse_profile

LINE = "the quick brown fox jumps over the lazy dog and keeps running along the road "


def grown(megabytes: float) -> str:
    """EXAMPLE with a paragraph of ``megabytes`` MB of lines without a full stop inserted."""
    # Blank lines between the lines: each chunk continues the paragraph (no full stop ends it).
    lines = (LINE + "\n\n") * int(megabytes * 2**20 / (len(LINE) + 2))
    marker = "\n\n"
    head, tail = EXAMPLE.rsplit(marker, 1)
    return head + marker + lines + tail


def seconds(text: str) -> float:
    started = time.perf_counter()
    try:
        parse_profile(text, edition=2021)
    except OCAnalysisError:
        pass  # a refusal is an answer too: what is timed is reaching it
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="size of the smaller paragraph")
    args = parser.parse_args()
    small, large = grown(args.mb), grown(2 * args.mb)
    seconds(grown(0.01))  # warm-up
    first, second = seconds(small), seconds(large)
    print(f"{args.mb:g} MB paragraph: {first:.2f} s; {2 * args.mb:g} MB: {second:.2f} s")
    print(f"ratio: {second / first:.2f} (2 for linear, 4 for quadratic)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
