"""Benchmark: rendering country reports, the naive loop against ``ocanalysis render``.

The naive loop is what an analyst writes by hand: per country, ``papermill`` (a new kernel each
time) then ``jupyter nbconvert --to html --no-input``, one subprocess after the other, on the same
notebook. ``ocanalysis render`` runs the same notebook on warm kernels in a worker pool. Both run
here, in the same session, on the same countries; the script prints the ratio.

    .venv/bin/python benchmarks/bench_render.py                # N=8 countries, ratio
    .venv/bin/python benchmarks/bench_render.py --n 10 --pdf    # + PDF cost per report
    .venv/bin/python benchmarks/bench_render.py --all           # + all 193 countries as HTML
    .venv/bin/python benchmarks/bench_render.py --pdf --all     # + all 193 as HTML and PDF too

Peak memory is the largest total resident memory of each run's process tree (sampled with psutil
every 0.1 s; `resource`'s children maximum when psutil is missing).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
NOTEBOOK = ROOT / "notebooks" / "country_report.ipynb"
COUNTRIES = [
    "Belgium",
    "Peru",
    "Kenya",
    "Japan",
    "Brazil",
    "Germany",
    "Nigeria",
    "India",
    "Mexico",
    "Australia",
    "Canada",
    "Egypt",
]


class PeakMemory:
    """Peak total RSS of a process and its descendants, sampled in a thread."""

    def __init__(self, pid: int):
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        try:
            import psutil
        except ImportError:
            return
        while not self._stop.is_set():
            try:
                root = psutil.Process(self.pid)
                total = root.memory_info().rss
                for child in root.children(recursive=True):
                    try:
                        total += child.memory_info().rss
                    except psutil.Error:
                        pass
                self.peak = max(self.peak, total)
            except psutil.Error:
                pass
            self._stop.wait(0.1)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def timed(commands: list[list[str]], env: dict) -> tuple[float, int]:
    """Run commands one after the other; seconds and peak memory (bytes) of the largest."""
    peak = 0
    started = time.perf_counter()
    for command in commands:
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        with PeakMemory(process.pid) as memory:
            _, err = process.communicate()
        if process.returncode != 0:
            sys.exit(f"failed ({process.returncode}): {' '.join(command)}\n{err[-2000:]}")
        peak = max(peak, memory.peak)
    seconds = time.perf_counter() - started
    if not peak:  # no psutil: the largest child's maximum resident size (kilobytes on Linux)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return seconds, peak


def naive_commands(countries: list[str], edition: int, out: Path) -> list[list[str]]:
    commands = []
    for name in countries:
        executed = out / f"{name}.ipynb"
        commands.append(
            [
                str(BIN / "papermill"),
                str(NOTEBOOK),
                str(executed),
                "-p",
                "country",
                name,
                "-p",
                "edition",
                str(edition),
                "--log-level",
                "ERROR",
                "--no-progress-bar",
            ]
        )
        commands.append(
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)]
        )
    return commands


def render_command(countries: list[str], edition: int, out: Path, formats: str, jobs: int | None):
    command = [
        str(BIN / "ocanalysis"),
        "render",
        *countries,
        "--edition",
        str(edition),
        "--format",
        formats,
        "--out",
        str(out),
        "--force",
        "--quiet",
    ]
    if jobs:
        command += ["--jobs", str(jobs)]
    return command


def mib(n: int) -> str:
    return f"{n / 2**20:,.0f} MiB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=8, help="countries in the comparison (>= 8)")
    parser.add_argument("--edition", type=int, default=2023)
    parser.add_argument("--jobs", type=int, default=None, help="workers (default: cores)")
    parser.add_argument("--pdf", action="store_true", help="also measure PDF cost per report")
    parser.add_argument(
        "--all",
        action="store_true",
        help="also time all 193 countries (HTML; with --pdf, HTML and PDF too)",
    )
    args = parser.parse_args()
    countries = COUNTRIES[: max(1, args.n)]
    work = Path(tempfile.mkdtemp(prefix="ocanalysis-bench-"))
    env = {**os.environ, "OCANALYSIS_CACHE": str(work / "cache")}
    print(f"{len(countries)} countries, edition {args.edition}, {os.cpu_count()} cores")
    try:
        # Warm-up, not timed: the audit cache and the files the OS caches, for both sides alike.
        timed([render_command(countries[:1], args.edition, work / "warmup", "html", 1)], env)

        naive_dir = work / "naive"
        naive_dir.mkdir()
        naive, naive_peak = timed(naive_commands(countries, args.edition, naive_dir), env)
        print(
            f"naive loop (papermill + nbconvert per country): {naive:7.1f} s  "
            f"{naive / len(countries):5.2f} s/report  peak {mib(naive_peak)}"
        )

        ours, ours_peak = timed(
            [render_command(countries, args.edition, work / "ours", "html", args.jobs)], env
        )
        print(
            f"ocanalysis render (warm kernels, pool):          {ours:7.1f} s  "
            f"{ours / len(countries):5.2f} s/report  peak {mib(ours_peak)}"
        )
        print(f"ratio: {naive / ours:.1f}x faster")

        if args.pdf:
            both, both_peak = timed(
                [render_command(countries, args.edition, work / "pdf", "html,pdf", args.jobs)], env
            )
            extra = (both - ours) / len(countries)
            print(
                f"html+pdf: {both:7.1f} s  peak {mib(both_peak)}; PDF adds {extra:.2f} s per "
                f"report in a batch (wall clock, {args.jobs or os.cpu_count()} workers)"
            )

        if args.all:
            every, every_peak = timed(
                [[*render_command([], args.edition, work / "all", "html", args.jobs), "--all"]], env
            )
            print(
                f"all 193 countries, HTML: {every:7.1f} s ({every / 60:.1f} min)  "
                f"peak {mib(every_peak)}"
            )
            if args.pdf:
                # The batch the PDF goal is about: the start-up WeasyPrint adds (its import,
                # about a second, before the workers fork) is spread over 193 reports, not 8.
                command = [
                    *render_command([], args.edition, work / "all-pdf", "html,pdf", args.jobs),
                    "--all",
                ]
                both_all, both_all_peak = timed([command], env)
                print(
                    f"all 193 countries, HTML and PDF: {both_all:7.1f} s "
                    f"({both_all / 60:.1f} min)  peak {mib(both_all_peak)}; PDF adds "
                    f"{(both_all - every) / 193:.2f} s per report in this batch"
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
