"""Benchmark: rendering country reports, the naive loop against ``ocanalysis render``.

The naive loop is what an analyst writes by hand: per country, ``papermill`` (a new kernel each
time) then ``jupyter nbconvert --to html --no-input``, one subprocess after the other, on the same
notebook. ``ocanalysis render`` runs the same notebook on warm kernels in a worker pool. Both run
here, in the same session, on the same countries; the script prints the ratio.

    .venv/bin/python benchmarks/bench_render.py                # N=8 countries, ratio
    .venv/bin/python benchmarks/bench_render.py --n 10 --pdf    # + PDF cost per report
    .venv/bin/python benchmarks/bench_render.py --all           # + all 193 countries as HTML
    .venv/bin/python benchmarks/bench_render.py --pdf --all     # + all 193 as HTML and PDF too
    .venv/bin/python benchmarks/bench_render.py --pdf --all --baseline ../old  # + another checkout
    .venv/bin/python benchmarks/bench_render.py --no-naive --rounds 5 --baseline ../old  # ratio only

``--baseline TREE`` times the same batches with another checkout of ocanalysis (e.g. ``git
worktree add ../old main~5`` then ``make -C ../old setup``: it runs with that tree's own
``.venv``), one after the other with ours, and prints our speed as a multiple of its;
``--rounds N`` alternates the two N times and compares the medians (load from other work on the
machine then hits both alike).

Peak memory is the largest total resident memory of each run's process tree (sampled with psutil
every 0.1 s; `resource`'s children maximum when psutil is missing).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
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


def cpu_seconds() -> float:
    """User and system CPU time of every finished child process tree so far (kernels included:
    their workers reap them): what a batch costs, whatever else the machine runs."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


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


def render_command(
    countries: list[str], edition: int, out: Path, formats: str, jobs: int | None, bin_dir=BIN
):
    command = [
        str(bin_dir / "ocanalysis"),
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
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="time each batch this many times, ours and the baseline's alternating (medians)",
    )
    parser.add_argument(
        "--no-naive", action="store_true", help="skip the naive loop (when only --baseline matters)"
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        help="another checkout with its own .venv: time the same batches with it",
    )
    args = parser.parse_args()
    baseline_bin = None
    if args.baseline:
        baseline_bin = args.baseline.resolve() / ".venv" / "bin"
        if not (baseline_bin / "ocanalysis").exists():
            sys.exit(
                f"{baseline_bin / 'ocanalysis'}: not found; run `make setup` in {args.baseline}"
            )
    countries = COUNTRIES[: max(1, args.n)]
    work = Path(tempfile.mkdtemp(prefix="ocanalysis-bench-"))
    env = {**os.environ, "OCANALYSIS_CACHE": str(work / "cache")}
    baseline_env = {**os.environ, "OCANALYSIS_CACHE": str(work / "baseline-cache")}
    print(f"{len(countries)} countries, edition {args.edition}, {os.cpu_count()} cores")

    def render(names, formats, label, *extra) -> float:
        """Ours, then (with --baseline) the baseline on the same batch, alternating for
        ``--rounds`` rounds (the medians: other load on the machine hits both alike); our
        median seconds."""
        ours_times, theirs_times, peaks, theirs_peaks = [], [], [], []
        ours_cpu, theirs_cpu = [], []
        for _ in range(args.rounds):
            before = cpu_seconds()
            command = [
                *render_command(names, args.edition, work / label, formats, args.jobs),
                *extra,
            ]
            seconds, peak = timed([command], env)
            ours_times.append(seconds)
            peaks.append(peak)
            ours_cpu.append(cpu_seconds() - before)
            before = cpu_seconds()
            if baseline_bin is not None:
                theirs_command = [
                    *render_command(
                        names, args.edition, work / f"b-{label}", formats, args.jobs, baseline_bin
                    ),
                    *extra,
                ]
                seconds, peak = timed([theirs_command], baseline_env)
                theirs_times.append(seconds)
                theirs_peaks.append(peak)
                theirs_cpu.append(cpu_seconds() - before)
        ours = statistics.median(ours_times)
        line = f"{label:<22} ours {ours:7.1f} s  peak {mib(max(peaks))}"
        if baseline_bin is not None:
            theirs = statistics.median(theirs_times)
            line += (
                f"  baseline {theirs:7.1f} s  peak {mib(max(theirs_peaks))}  "
                f"ours at {theirs / ours:.2f}x the baseline's speed"
            )
            if args.rounds > 1:
                line += " (medians of {}; ours {}, baseline {})".format(
                    args.rounds,
                    " ".join(f"{t:.1f}" for t in ours_times),
                    " ".join(f"{t:.1f}" for t in theirs_times),
                )
            ours_c, theirs_c = statistics.median(ours_cpu), statistics.median(theirs_cpu)
            line += (
                f"\n{'':<22} CPU: ours {ours_c:7.1f} s  baseline {theirs_c:7.1f} s  "
                f"ours at {theirs_c / ours_c:.2f}x the baseline's CPU time"
            )
        print(line)
        return ours

    try:
        # Warm-up, not timed: the audit cache and the files the OS caches, for both sides alike.
        timed([render_command(countries[:1], args.edition, work / "warmup", "html", 1)], env)
        if baseline_bin is not None:
            warm = render_command(countries[:1], args.edition, work / "bw", "html", 1, baseline_bin)
            timed([warm], baseline_env)

        naive = None
        if not args.no_naive:
            naive_dir = work / "naive"
            naive_dir.mkdir()
            naive, naive_peak = timed(naive_commands(countries, args.edition, naive_dir), env)
            print(
                f"naive loop (papermill + nbconvert per country): {naive:7.1f} s  "
                f"{naive / len(countries):5.2f} s/report  peak {mib(naive_peak)}"
            )
        ours = render(countries, "html", "html")
        print(
            f"ocanalysis render (warm kernels, pool): {ours / len(countries):5.2f} s/report", end=""
        )
        print(f"; ratio: {naive / ours:.1f}x faster than the naive loop" if naive else "")
        if args.pdf:
            both = render(countries, "html,pdf", "html+pdf")
            print(
                f"PDF adds {(both - ours) / len(countries):.2f} s per report in a batch "
                f"(wall clock, {args.jobs or os.cpu_count()} workers)"
            )
        if args.all:
            every = render([], "html", "all 193 html", "--all")
            if args.pdf:
                # The batch the PDF goal is about: the start-up WeasyPrint adds (its import,
                # about a second, before the workers fork) is spread over 193 reports, not 8.
                both_all = render([], "html,pdf", "all 193 html+pdf", "--all")
                print(f"PDF adds {(both_all - every) / 193:.2f} s per report over all 193")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
