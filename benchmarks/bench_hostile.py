"""Benchmark: hostile files get their answer in bounded time and memory.

Builds, in a temporary folder, a workbook whose first sheet holds one cell of ``--bomb-gib`` GiB
of text (about a megabyte on disk: a zip bomb) and a profile of ``--profile-mb`` MB (one
narrative paragraph with no full stop), then runs ``ocanalysis validate`` on the bomb and
``ocanalysis parse-profile`` on the big profile, each as its own process, and prints wall time
and peak memory (the process's maximum resident set). Baselines in the same run: ``validate`` on
the publisher's workbook (``../shared/data``) and ``parse-profile`` on the small example profile;
the ratio of each pair is printed.

    .venv/bin/python benchmarks/bench_hostile.py [--bomb-gib 1] [--profile-mb 10]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from bench_profile_text import grown

from ocanalysis.profile_text import EXAMPLE

SHARED_WORKBOOK = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def zip_bomb(folder: Path, text_bytes: int) -> Path:
    """A valid workbook whose first sheet holds one cell of ``text_bytes`` bytes, streamed into
    the zip so that building it needs no memory of that size."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "2023_dataset"
    book.active.append(["Country", "Criminality"])
    book.active.append(["Belgium", 4.43])
    plain = folder / "plain.xlsx"
    book.save(plain)
    bomb = folder / "bomb.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename != "xl/worksheets/sheet1.xml":
                out.writestr(item, data)
                continue
            head, tail = data.split(b"<sheetData>")
            with out.open(item.filename, "w", force_zip64=True) as sheet:
                sheet.write(head + b'<sheetData><row r="2"><c r="A2" t="inlineStr"><is><t>')
                chunk = b"A" * (1 << 24)
                for _ in range(text_bytes // len(chunk)):
                    sheet.write(chunk)
                sheet.write(b"</t></is></c></row></sheetData>" + tail.split(b"</sheetData>", 1)[1])
    return bomb


def run(*argv: str) -> tuple[float, float, int, str]:
    """Wall seconds, peak memory in MiB, exit status and the last stderr line of one command."""
    command = [sys.executable, "-m", "ocanalysis", *argv]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = process.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    last = (err.strip().splitlines() or [""])[-1]
    return seconds, usage.ru_maxrss / 1024, process.returncode, last


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bomb-gib", type=float, default=1.0, help="decompressed size of the bomb")
    parser.add_argument("--profile-mb", type=float, default=10.0, help="size of the big profile")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ocanalysis-bench-hostile-") as folder:
        folder = Path(folder)
        bomb = zip_bomb(folder, int(args.bomb_gib * 2**30))
        big = folder / "big_profile.txt"
        big.write_text(grown(args.profile_mb), encoding="utf-8")
        small = folder / "example_profile.txt"
        small.write_text(EXAMPLE, encoding="utf-8")
        workbooks = sorted(SHARED_WORKBOOK.glob("*.xlsx"))
        pairs = [
            (
                (
                    f"validate, zip bomb ({bomb.stat().st_size / 2**20:.1f} MiB on disk, "
                    f"{args.bomb_gib:g} GiB inside)",
                    ("validate", str(bomb)),
                ),
                ("validate, the publisher's workbook", ("validate", *map(str, workbooks[:1]))),
            ),
            (
                (
                    f"parse-profile, {big.stat().st_size / 2**20:.1f} MB profile",
                    ("parse-profile", str(big), "--edition", "2021"),
                ),
                ("parse-profile, the example profile", ("parse-profile", str(small), "-e", "2021")),
            ),
        ]
        for hostile, baseline in pairs:
            measured = []
            for name, argv in (hostile, baseline):
                if len(argv) < 2:
                    print(f"{name}: skipped, no workbook in {SHARED_WORKBOOK}")
                    continue
                seconds, mib, status, last = run(*argv)
                measured.append((seconds, mib))
                print(f"{name}: {seconds:.2f} s, peak {mib:.0f} MiB, exit {status}: {last[:100]}")
            if len(measured) == 2:
                (s1, m1), (s0, m0) = measured
                print(f"  ratio to the baseline: time {s1 / s0:.2f}x, peak memory {m1 / m0:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
