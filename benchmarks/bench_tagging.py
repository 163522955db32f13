"""Benchmark: what PDF/UA tagging costs in PDF time, the same reports untagged and tagged.

The HTML of N country reports is rendered first (not timed; ``bench_pdf.render_html``). Then, in
this one process, each page is exported to PDF by the report's exporter (fast paths on, images by
reference) twice, interleaved, ``--repeat`` times: **untagged** (``Exporter.tagged = False``, the
PDF before tagging) and **tagged** (PDF/UA-1, what reports get). Per country the least CPU time
of the repetitions counts (CPU time of this process: the machine is shared; wall time beside
it). Prints the mean seconds per report of each, the ratio tagged / untagged and the PDFs' mean
size.

    .venv/bin/python benchmarks/bench_tagging.py              # N=6 countries, edition 2023
    .venv/bin/python benchmarks/bench_tagging.py --n 3 --repeat 3
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pdf import COUNTRIES, render_html  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=6, help="countries (default 6)")
    parser.add_argument("--edition", type=int, default=2023)
    parser.add_argument("--repeat", type=int, default=3, help="repetitions, least CPU counts")
    args = parser.parse_args()
    countries = COUNTRIES[: max(1, args.n)]

    from ocanalysis.render.exporters._weasyprint_compat import fast_paths, weasyprint_version
    from ocanalysis.render.exporters.pdf import Exporter

    with tempfile.TemporaryDirectory(prefix="ocanalysis-bench-tagging-") as work:
        paths = render_html(countries, args.edition, Path(work))
        pages = [path.read_text(encoding="utf-8") for path in paths]
    exporter = Exporter()
    exporter.export(None, "warm-up", html=pages[0])  # fonts and the shared map decoded once
    with fast_paths() as on:
        paths_on = (
            f"svg text {'on' if on.svg_text else 'off'}, png rows {'on' if on.png_rows else 'off'}"
        )
    modes = {"untagged": False, "tagged (PDF/UA-1)": True}
    best = {mode: [None] * len(pages) for mode in modes}
    sizes = {mode: [0] * len(pages) for mode in modes}
    for _ in range(max(1, args.repeat)):
        for i, html in enumerate(pages):
            for mode, tagged in modes.items():
                exporter.tagged = tagged
                cpu, wall = time.process_time(), time.perf_counter()
                pdf = exporter.export(None, "report", html=html)
                cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
                sizes[mode][i] = len(pdf)
                if best[mode][i] is None or cpu < best[mode][i][0]:
                    best[mode][i] = (cpu, wall)
    print(
        f"{len(pages)} reports, edition {args.edition}, best of {args.repeat}, "
        f"WeasyPrint {weasyprint_version()} ({paths_on})"
    )
    means = {}
    for mode in modes:
        cpu = sum(c for c, _ in best[mode]) / len(pages)
        wall = sum(w for _, w in best[mode]) / len(pages)
        size = sum(sizes[mode]) / len(pages) / 1000
        means[mode] = cpu
        print(f"{mode:20s} {cpu:5.3f} s CPU/report  {wall:5.3f} s wall/report  {size:6.0f} kB")
    untagged, tagged = means.values()
    print(
        f"ratio tagged/untagged: {tagged / untagged:.3f}x ({tagged - untagged:+.3f} s per report)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
