"""Compare the PDF reports of two output folders page by page, as pixels.

Every PDF under OLD is paired with the PDF of the same name under NEW; both are rasterised with
poppler's ``pdftoppm`` (Debian: poppler-utils) at ``--dpi`` (default 50) and compared pixel by
pixel. Prints, per report, the page counts and each differing page's share of pixels that differ
by more than ``--threshold`` (0-255, on any channel), and writes a difference image per differing
page (``--diff-dir``) to look at. Exit 1 when a report's page count differs.

    python tools/compare_pdf_pages.py reports-old/2023 reports-new/2023 --diff-dir /tmp/diffs
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image, ImageChops


def pages(pdf: Path, dpi: int, folder: Path) -> list[Image.Image]:
    prefix = folder / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True)
    return [Image.open(p).convert("RGB") for p in sorted(folder.glob(f"{pdf.stem}-*.png"))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--dpi", type=int, default=50)
    parser.add_argument("--threshold", type=int, default=32)
    parser.add_argument("--diff-dir", type=Path)
    args = parser.parse_args(argv)
    if shutil.which("pdftoppm") is None:
        print("compare_pdf_pages: pdftoppm not found (apt-get install poppler-utils)")
        return 2
    status = 0
    for old_pdf in sorted(args.old.glob("*.pdf")):
        new_pdf = args.new / old_pdf.name
        if not new_pdf.exists():
            print(f"{old_pdf.name}: missing in {args.new}")
            status = 1
            continue
        with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
            old_pages = pages(old_pdf, args.dpi, Path(a))
            new_pages = pages(new_pdf, args.dpi, Path(b))
            line = f"{old_pdf.name}: {len(old_pages)} pages, new {len(new_pages)}"
            if len(old_pages) != len(new_pages):
                status = 1
            differing = []
            for number, (before, after) in enumerate(zip(old_pages, new_pages, strict=False), 1):
                if before.size != after.size:
                    differing.append(f"p{number} size {before.size} -> {after.size}")
                    continue
                delta = np.asarray(ImageChops.difference(before, after)).max(axis=2)
                share = float((delta > args.threshold).mean())
                if share:
                    differing.append(f"p{number} {share:.2%}")
                    if args.diff_dir:
                        args.diff_dir.mkdir(parents=True, exist_ok=True)
                        mask = Image.fromarray(((delta > args.threshold) * 255).astype("uint8"))
                        blend = Image.blend(before, after, 0.5)
                        blend.paste((255, 0, 0), mask=mask)
                        blend.save(args.diff_dir / f"{old_pdf.stem}-p{number}.png")
            print(line + (": " + ", ".join(differing) if differing else ": identical"))
    return status


if __name__ == "__main__":
    sys.exit(main())
