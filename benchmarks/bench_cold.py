"""Benchmark: the first report from cold, and batches on one and two workers, against the floor.

Everything runs here, in one session, each timing a new process (a user's command):

- **floor**: what any notebook report must pay. papermill (its Python API, in a new process)
  runs a one-cell notebook that imports the package's report and figure modules and loads the
  data. Two floors are timed: papermill as installed, and papermill with the import hygiene
  ocanalysis applies to itself (``rfc3987_syntax`` kept out of jsonschema: 1.2 s of grammar
  compiled at import, used by no notebook). The ratios are against the second, the lower one.
- **first report from cold**: ``ocanalysis render Belgium`` with an empty cache folder
  (``$OCANALYSIS_CACHE``) and an empty output folder, as HTML, then as HTML and PDF.
- **batches**: 12 countries as HTML with ``--jobs 1`` and ``--jobs 2``, cold (an empty cache
  folder) and warm (the cache folder the cold run filled; a new output folder, so every report
  is rendered).

Each timing is the median of ``--rounds`` runs (default 3), the kinds alternating so that load
from other work on the machine hits them alike. The script prints the ratios the issue asks
for: first report / floor (at most 2), and one worker / two workers (at least 1.7), cold and
warm, beside what the machine itself gives two CPU-bound processes (on a virtual machine whose
two cores are shared, often less than 1.7), and what Amdahl's law lets two workers gain given
the batch's serial start and its cost a report (:func:`amdahl`).

    .venv/bin/python benchmarks/bench_cold.py             # all of it, 3 rounds (about 4 minutes)
    .venv/bin/python benchmarks/bench_cold.py --rounds 5
    .venv/bin/python benchmarks/bench_cold.py --no-batches  # floor and first report only
    .venv/bin/python benchmarks/bench_cold.py --batch-format html,pdf  # batches with PDFs
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_render import COUNTRIES  # noqa: E402  (the same 12 countries)

FLOOR_CELL = """\
import ocanalysis
from ocanalysis import figures, report
from ocanalysis.report import sections, summary
ocanalysis.wide()
"""
FLOOR_RUN = """\
import sys
if sys.argv[3] == "lean":
    sys.modules["rfc3987_syntax"] = None  # what ocanalysis.render does for itself
import papermill
papermill.execute_notebook(sys.argv[1], sys.argv[2], progress_bar=False, kernel_name="python3")
"""


def run(command: list[str], env: dict) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr[-2000:]}")
    return seconds


BURN = "sum(range(40_000_000))"


def machine_scaling() -> float:
    """How much faster two CPU-bound processes finish than one after the other, on this
    machine now: the most two workers can gain (2 on two idle cores; less on a shared or
    hyper-threaded one)."""

    def burn(count: int) -> float:
        started = time.perf_counter()
        processes = [subprocess.Popen([sys.executable, "-c", BURN]) for _ in range(count)]
        for process in processes:
            process.wait()
        return time.perf_counter() - started

    return 2 * burn(1) / burn(2)


def floor_notebook(folder: Path) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_CELL)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    path = folder / "floor.ipynb"
    nbformat.write(nb, path)
    return path


def render(countries, out: Path, formats: str, jobs: int | None = None) -> list[str]:
    command = [str(BIN / "ocanalysis"), "render", *countries, "--format", formats]
    command += ["--out", str(out), "--quiet"]
    return command + (["--jobs", str(jobs)] if jobs else [])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-batches", action="store_true", help="floor and first report only")
    parser.add_argument(
        "--batch-format", default="html", help="the batches' formats (html, or html,pdf)"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-cold-"))
    notebook = floor_notebook(work)
    counter = iter(range(10**6))

    def fresh(name: str) -> Path:
        return work / f"{name}-{next(counter)}"

    def environment(cache: Path) -> dict:
        return {**os.environ, "OCANALYSIS_CACHE": str(cache)}

    timings: dict[str, list[float]] = {}

    def time_it(label: str, command: list[str], cache: Path | None = None) -> None:
        env = environment(cache if cache is not None else fresh("cache"))
        timings.setdefault(label, []).append(run(command, env))

    for _ in range(args.rounds):
        for flavour in ("plain", "lean"):
            output = fresh("floor") / "out.ipynb"
            output.parent.mkdir()
            code = [sys.executable, "-c", FLOOR_RUN, str(notebook), str(output), flavour]
            time_it(f"floor ({flavour} papermill)", code)
        time_it("first report, HTML", render(["Belgium"], fresh("out"), "html"))
        time_it("first report, HTML+PDF", render(["Belgium"], fresh("out"), "html,pdf"))
        if args.no_batches:
            continue
        timings.setdefault("machine", []).append(machine_scaling())
        time_it(  # with the 12-report batch below: the serial start and the cost a report
            f"2 reports ({args.batch_format}) cold, 1 worker(s)",
            render(COUNTRIES[:2], fresh("out"), args.batch_format, 1),
        )
        for jobs in (1, 2):
            cache = fresh("cache")
            time_it(
                f"12 reports ({args.batch_format}) cold, {jobs} worker(s)",
                render(COUNTRIES, fresh("out"), args.batch_format, jobs),
                cache,
            )
            time_it(
                f"12 reports ({args.batch_format}) warm, {jobs} worker(s)",
                render(COUNTRIES, fresh("out"), args.batch_format, jobs),
                cache,
            )

    ceiling = timings.pop("machine", None)
    median = {label: statistics.median(values) for label, values in timings.items()}
    print(f"median of {args.rounds} rounds, seconds (each a new process):")
    for label, value in median.items():
        spread = ", ".join(f"{v:.2f}" for v in timings[label])
        print(f"  {label:<42} {value:6.2f}   ({spread})")
    floor = median["floor (lean papermill)"]
    html = median["first report, HTML"]
    both = median["first report, HTML+PDF"]
    print(f"first report HTML / floor:        {html / floor:.2f}x (at most 2)")
    print(f"first report HTML+PDF / floor:    {both / floor:.2f}x (PDF adds {both - html:.2f} s)")
    if not args.no_batches:
        for state in ("cold", "warm"):
            one_label, two_label = (
                f"12 reports ({args.batch_format}) {state}, {jobs} worker(s)" for jobs in (1, 2)
            )
            one, two = median[one_label], median[two_label]
            # Each round's own ratio too: its two batches ran within seconds of each other, under
            # the same load from the rest of the machine.
            rounds = [a / b for a, b in zip(timings[one_label], timings[two_label], strict=True)]
            print(
                f"{state} batch, 1 worker / 2 workers: {one / two:.2f}x (at least 1.7); "
                f"round by round {', '.join(f'{r:.2f}' for r in rounds)}, "
                f"median {statistics.median(rounds):.2f}x"
            )
        spread = ", ".join(f"{v:.2f}" for v in ceiling)
        machine = statistics.median(ceiling)
        print(
            f"the machine's own: two CPU-bound processes {machine:.2f}x as "
            f"fast as one after the other ({spread})"
        )
        amdahl(median, args.batch_format, floor, machine)
    return 0


TARGET = 1.7
BATCH = 12


def amdahl(median: dict, batch_format: str, floor: float, machine: float) -> None:
    """What two workers can gain at most, from this run's own numbers (Amdahl's law).

    A batch pays a serial start S once (a new process, its imports, a kernel with the data; at
    least the floor in any notebook renderer) and then r a report: one worker takes S + 12 r,
    two at best S + 6 r. From the 2- and 12-report batches on one worker, both from an empty
    cache folder: r = (T12 - T2) / 10 and S = T2 - 2 r."""
    two = median[f"2 reports ({batch_format}) cold, 1 worker(s)"]
    one = median[f"{BATCH} reports ({batch_format}) cold, 1 worker(s)"]
    per_report = (one - two) / (BATCH - 2)
    start = two - 2 * per_report
    largest = (BATCH - TARGET * BATCH / 2) / (TARGET - 1) * per_report
    perfect = (start + BATCH * per_report) / (start + BATCH / 2 * per_report)
    on_machine = (start + BATCH * per_report) / (start + BATCH * per_report / machine)
    print(
        f"Amdahl: r = {per_report:.2f} s a report, serial start S = {start:.2f} s "
        f"(the floor is {floor:.2f} s)"
    )
    print(
        f"  two workers can gain at most {perfect:.2f}x (two cores that halve the work), "
        f"{on_machine:.2f}x (this machine's own scaling)"
    )
    print(
        f"  {TARGET}x needs S <= {largest:.2f} s, "
        + ("below the floor itself" if largest < floor else "above the floor")
    )


if __name__ == "__main__":
    sys.exit(main())
