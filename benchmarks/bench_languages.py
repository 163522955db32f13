"""Benchmark: what each language costs a report's PDF, against English in the same run.

The report's HTML for N countries is rendered once in each language (``render --lang``, not
timed). Then, in this one process, each page is exported to PDF by the report's exporter, the
languages interleaved, ``--repeat`` times; per page the least CPU time of the repetitions counts
(the machine is shared). The script prints the mean seconds per report in each language and its
ratio to English: longer words (French and Portuguese run about a tenth longer) mean more lines to
lay out, and the catalogues' lookups happen in the notebook, not here.

    .venv/bin/python benchmarks/bench_languages.py             # N=4 countries, edition 2023
    .venv/bin/python benchmarks/bench_languages.py --n 2 --repeat 3
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pdf import COUNTRIES, export_seconds, render_html  # noqa: E402

LANGUAGES = ("en", "fr", "es", "pt")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=4, help="countries (default 4)")
    parser.add_argument("--edition", type=int, default=2023)
    parser.add_argument("--repeat", type=int, default=5, help="rounds (default 5)")
    args = parser.parse_args()
    countries = COUNTRIES[: args.n]
    from ocanalysis.render.exporters.pdf import Exporter

    with tempfile.TemporaryDirectory() as folder:
        pages: dict[str, list[str]] = {}
        for lang in LANGUAGES:
            paths = render_html(countries, args.edition, Path(folder) / lang, lang)
            pages[lang] = [p.read_text(encoding="utf-8") for p in paths]
        exporter = Exporter()
        exporter.export(None, "warm-up", html=pages["en"][0])  # fonts and the map decoded once
        best = {lang: [float("inf")] * len(countries) for lang in LANGUAGES}
        started = time.perf_counter()
        for _round in range(args.repeat):
            for i in range(len(countries)):
                for lang in LANGUAGES:
                    cpu, _wall = export_seconds(exporter, pages[lang][i])
                    best[lang][i] = min(best[lang][i], cpu)
        elapsed = time.perf_counter() - started
    english = sum(best["en"]) / len(countries)
    print(
        f"PDF export, {len(countries)} country reports ({', '.join(countries)}), edition "
        f"{args.edition}, least CPU time of {args.repeat} rounds ({elapsed:.0f} s in all):"
    )
    for lang in LANGUAGES:
        mean = sum(best[lang]) / len(countries)
        print(f"  {lang}: {mean:.3f} s per report   ×{mean / english:.3f} of English")
    return 0


if __name__ == "__main__":
    sys.exit(main())
