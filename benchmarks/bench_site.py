"""Benchmark: the whole site against the 193 country reports alone, in one run.

Renders, each into a fresh folder with nothing cached: (1) the 193 country reports as HTML
(``render --all``), the baseline; (2) the site as HTML (``render --site``: the 193 countries,
22 regions, 5 continents, the world and the indicator pages), and prints its time as a multiple of the
baseline's; with ``--pdf``, (3) the site as HTML and PDF, against the 5-minute budget. Peak memory
is the largest total resident memory of each run's process tree (``bench_render.PeakMemory``).

``--kinds`` instead times the summary pages (the world, 5 continents, 22 regions: the baseline)
and the indicator pages (every composite and indicator of the edition), each from cold in its own
folder, and prints the indicator pages' cost per page as a multiple of the summary pages'.

    .venv/bin/python benchmarks/bench_site.py              # baseline and site, HTML; the ratio
    .venv/bin/python benchmarks/bench_site.py --pdf        # + the site as HTML and PDF
    .venv/bin/python benchmarks/bench_site.py --kinds --pdf  # indicator pages against summaries
    .venv/bin/python benchmarks/bench_site.py --edition 2025 --jobs 2
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_render import render_command, timed  # noqa: E402

BUDGET = 300.0  # seconds: the whole site as HTML and PDF on the 2-core machine
RATIO = 1.3  # the site as HTML may take at most this multiple of the 193 country reports


def count(out: Path, edition: int, suffix: str) -> int:
    return sum(1 for _ in (out / str(edition)).glob(f"*.{suffix}"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edition", type=int, default=2023)
    parser.add_argument("--jobs", type=int, default=None, help="workers (default: the cores)")
    parser.add_argument("--pdf", action="store_true", help="also the site as HTML and PDF")
    parser.add_argument(
        "--kinds", action="store_true", help="indicator pages against summary pages, per page"
    )
    args = parser.parse_args()
    if args.kinds:
        return per_kind(args)
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as scratch:
        # Each run in its own folders: nothing cached, audits computed afresh by both.
        runs = [("countries", ["--all"], "html"), ("site", ["--site"], "html")]
        if args.pdf:
            runs.append(("site+pdf", ["--site"], "html,pdf"))
        results = {}
        for name, what, formats in runs:
            out = Path(scratch) / name
            env["OCANALYSIS_CACHE"] = str(Path(scratch) / f"{name}-cache")
            seconds, peak = timed(
                [render_command(what, args.edition, out, formats, args.jobs)], env
            )
            results[name] = seconds
            html, pdf = count(out, args.edition, "html"), count(out, args.edition, "pdf")
            print(
                f"{name:>10}: {html} HTML, {pdf} PDF reports in {seconds:6.1f} s "
                f"({seconds / max(html, 1):.2f} s a report), peak memory {peak / 2**20:,.0f} MiB"
            )
    ratio = results["site"] / results["countries"]
    print(
        f"site / countries (193): {ratio:.2f}x "
        f"({'within' if ratio <= RATIO else 'OVER'} the {RATIO}x budget)"
    )
    if args.pdf:
        spent = results["site+pdf"]
        print(
            f"site as HTML and PDF: {spent:.0f} s "
            f"({'within' if spent <= BUDGET else 'OVER'} the {BUDGET:.0f} s budget)"
        )
    return 0


def per_kind(args) -> int:
    """The indicator pages' cost per page against the summary pages', from cold, in one run."""
    formats = "html,pdf" if args.pdf else "html"
    runs = [
        ("summaries", ["--world", "--continents", "--regions"]),
        ("indicators", ["--indicators"]),
    ]
    env = dict(os.environ)
    per_page = {}
    with tempfile.TemporaryDirectory() as scratch:
        for name, what in runs:
            out = Path(scratch) / name
            env["OCANALYSIS_CACHE"] = str(Path(scratch) / f"{name}-cache")
            seconds, peak = timed(
                [render_command(what, args.edition, out, formats, args.jobs)], env
            )
            pages = count(out, args.edition, "html")
            per_page[name] = seconds / max(pages, 1)
            print(
                f"{name:>10}: {pages} pages ({formats}) in {seconds:6.1f} s, "
                f"{per_page[name]:.2f} s a page, peak memory {peak / 2**20:,.0f} MiB"
            )
    ratio = per_page["indicators"] / per_page["summaries"]
    print(
        f"indicator page / summary page: {ratio:.2f}x "
        f"({'no more' if ratio <= 1.0 else 'MORE'} than a summary page costs)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
