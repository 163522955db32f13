"""CI check: the oldest WeasyPrint that pyproject.toml allows still makes a correct PDF.

    .venv/bin/python tools/check_oldest_weasyprint.py              # what .ci/run does
    .venv/bin/python tools/check_oldest_weasyprint.py --venv DIR   # keep (and reuse) the venv

The oldest version is the lower bound of pyproject.toml's ``weasyprint`` requirement (the one
place it is written). The script creates a venv of its own (a temporary one unless ``--venv``;
never ``.venv``), installs the package there with ``weasyprint==`` that version, renders
Belgium's and the Netherlands' 2023 reports as HTML and PDF with that venv's ``ocanalysis
render``, in one worker (the second PDF is made with the image cache the first one filled, as in
a batch), and checks each PDF with pypdf in this interpreter: the country's name (and Belgium's
criminality rank) in the text, every chart of the HTML drawn (each chart's own labels, those
found nowhere else in the report, are in the PDF's text), every map there (as many distinct
PNG images as the HTML has) and the PDF tagged (a structure tree, marked, its language the
page's, and each of the HTML's images a /Figure with its alt text: PDF/UA needs WeasyPrint 66.0
or later, the lower bound). Any problem is printed and the exit status is 1.

``--python PATH`` checks an existing environment instead (nothing is installed).
"""

from __future__ import annotations

import argparse
import base64
import html as html_module
import io
import os
import re
import subprocess
import sys
import tempfile
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EDITION = 2023
# Report files by ISO3 code, and what each one's text must say: Belgium's criminality rank in
# the 2023 index is the report's summary table's.
REPORTS = {
    "BEL": ("Belgium", "129th of 193 countries"),
    "NLD": ("Netherlands",),
}
_SVG_PNG = re.compile(r'<image\b[^>]*?\bhref="data:image/png;base64,')
_INLINE = re.compile(r'<img\b[^>]*?\bsrc="data:(image/[\w.+-]+);base64,([A-Za-z0-9+/=]+)"')


def oldest_weasyprint(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """The lower bound of the weasyprint requirement: ``weasyprint>=63.0,<=70.0`` -> ``63.0``."""
    from packaging.requirements import Requirement

    for line in tomllib.loads(pyproject.read_text())["project"]["dependencies"]:
        requirement = Requirement(line)
        if requirement.name.lower() == "weasyprint":
            lower = [s.version for s in requirement.specifier if s.operator == ">="]
            if len(lower) != 1:
                raise SystemExit(f"pyproject.toml: {line!r} has no single '>=' lower bound")
            return lower[0]
    raise SystemExit("pyproject.toml names no weasyprint requirement")


def _squeezed(text: str) -> str:
    # Text drawn letter by letter (WeasyPrint's own SVG path) loses its spaces in extraction.
    return "".join(text.split())


def _chart_labels(svg: bytes) -> list[str]:
    texts = re.findall(r"<text\b[^>]*>([^<]*)</text>", svg.decode("utf-8"))
    return [_squeezed(html_module.unescape(t)) for t in texts if t.strip()]


def pdf_problems(pdf: bytes, page: str, expected: tuple[str, ...] = ()) -> list[str]:
    """What is wrong with the PDF made from the HTML ``page``; an empty list when nothing is."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(p.extract_text() for p in reader.pages)
    squeezed = _squeezed(text)
    problems = [f"text lacks {phrase!r}" for phrase in expected if phrase not in text]

    figures = [(mime, base64.b64decode(data)) for mime, data in _INLINE.findall(page)]
    # Text of the page outside its images: a chart label found there proves nothing.
    body = re.sub(r"<style\b.*?</style>|<script\b.*?</script>|<img\b[^>]*>", " ", page, flags=re.S)
    body = _squeezed(html_module.unescape(re.sub(r"<[^>]+>", " ", body)))
    labels = [_chart_labels(data) if mime == "image/svg+xml" else [] for mime, data in figures]
    for i, (mime, _) in enumerate(figures):
        if mime != "image/svg+xml":
            continue
        elsewhere = body + "|" + "|".join(t for j, ts in enumerate(labels) if j != i for t in ts)
        own = [label for label in labels[i] if label not in elsewhere]
        if not own:
            problems.append(f"chart {i + 1} has no label of its own to look for")
        missing = [label for label in own if label not in squeezed]
        if missing:
            problems.append(
                f"chart {i + 1} not drawn: {len(missing)} of its labels missing, e.g. {missing[0]!r}"
            )

    images = set()
    for pdf_page in reader.pages:
        for reference in pdf_page["/Resources"].get("/XObject", {}).values():
            if reference.get_object().get("/Subtype") == "/Image":
                images.add(reference.idnum)
    # Raster images: the PNG figures, and the PNGs inside SVG figures (the map's base).
    pngs = sum(mime == "image/png" for mime, _ in figures) + sum(
        len(_SVG_PNG.findall(data.decode("utf-8")))
        for mime, data in figures
        if mime == "image/svg+xml"
    )
    if len(images) != pngs:
        problems.append(f"{len(images)} images in the PDF, {pngs} PNG images in the HTML's figures")
    if not figures:
        problems.append("the HTML has no figures")
    catalog = reader.trailer["/Root"]
    lang = re.search(r'<html\b[^>]*\blang="([^"]+)"', page)
    if "/StructTreeRoot" not in catalog or "/MarkInfo" not in catalog:
        problems.append("the PDF is not tagged (no structure tree or /MarkInfo)")
    if str(catalog.get("/Lang", "")) != (lang.group(1) if lang else ""):
        problems.append(f"PDF language {str(catalog.get('/Lang', ''))!r}, not the page's")
    described = _figures_with_alt(catalog)
    if described < len(figures):
        problems.append(f"{described} tagged figures with alt text for {len(figures)} images")
    return problems


def _figures_with_alt(catalog) -> int:
    """How many /Figure elements of the structure tree carry alt text."""
    count, stack, seen = 0, [catalog.get("/StructTreeRoot")], set()
    while stack:
        node = stack.pop()
        if node is None:
            continue
        if hasattr(node, "idnum"):
            if node.idnum in seen:
                continue
            seen.add(node.idnum)
        node = node.get_object()
        if isinstance(node, list):
            stack.extend(node)
        elif hasattr(node, "get"):
            count += node.get("/S") == "/Figure" and bool(node.get("/Alt"))
            stack.append(node.get("/K"))
    return count


def _own_env(**extra: str) -> dict[str, str]:
    # No PYTHONPATH: the environment checked imports the package it has installed.
    return {**{k: v for k, v in os.environ.items() if k != "PYTHONPATH"}, **extra}


def render(python: Path, out: Path) -> dict[str, tuple[bytes, str]]:
    """Each report's PDF and HTML by ISO3 code, rendered by the environment of ``python``."""
    # One worker: the second report's PDF reuses the image cache of the first.
    command = [
        str(python),
        "-m",
        "ocanalysis",
        "render",
        *REPORTS,
        "--edition",
        str(EDITION),
        "--format",
        "html,pdf",
        "--out",
        str(out),
        "--quiet",
        "--jobs",
        "1",
    ]
    # Its own cache of computed audits: nothing shared with the developer's.
    env = _own_env(OCANALYSIS_CACHE=str(out / "cache"))
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    reports = {}
    for iso3 in REPORTS:
        (pdf,) = (out / str(EDITION)).glob(f"{iso3}-*.pdf")
        (page,) = (out / str(EDITION)).glob(f"{iso3}-*.html")
        reports[iso3] = pdf.read_bytes(), page.read_text(encoding="utf-8")
    return reports


def installed_weasyprint(python: Path) -> str:
    command = [str(python), "-c", "import weasyprint; print(weasyprint.__version__)"]
    done = subprocess.run(command, check=True, capture_output=True, text=True, env=_own_env())
    return done.stdout.strip()


def install(directory: Path, version: str) -> Path:
    """A venv in ``directory`` with the package and weasyprint==version; its python."""
    if not (directory / "bin" / "python").exists():
        venv.EnvBuilder(with_pip=True).create(directory)
    python = directory / "bin" / "python"
    command = [
        str(python),
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        str(ROOT),
        f"weasyprint=={version}",
    ]
    subprocess.run(command, check=True, env=_own_env())
    return python


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--venv", type=Path, help="create (or reuse) the venv here")
    where.add_argument("--python", type=Path, help="check this environment, install nothing")
    args = parser.parse_args(argv)
    if args.venv is not None and args.venv.resolve() == (ROOT / ".venv").resolve():
        raise SystemExit("--venv: not .venv, which make test owns")

    with tempfile.TemporaryDirectory(prefix="ocanalysis-oldest-weasyprint-") as work:
        work = Path(work)
        if args.python is not None:
            python, wanted = args.python, None
        else:
            wanted = oldest_weasyprint()
            print(f"oldest allowed WeasyPrint: {wanted}; installing it in a venv of its own")
            python = install(args.venv or work / "venv", wanted)
        version = installed_weasyprint(python)
        if wanted is not None and version != wanted:
            print(f"FAIL: weasyprint {version} installed, {wanted} wanted", file=sys.stderr)
            return 1
        try:
            reports = render(python, work / "reports")
        except subprocess.CalledProcessError as error:  # its own message is on stderr above
            print(
                f"FAIL (WeasyPrint {version}): ocanalysis render exited {error.returncode}",
                file=sys.stderr,
            )
            return 1
    failed = False
    for iso3, (pdf, page) in reports.items():
        problems = pdf_problems(pdf, page, expected=REPORTS[iso3])
        for problem in problems:
            print(f"FAIL (WeasyPrint {version}) {iso3} {EDITION}: {problem}", file=sys.stderr)
        if not problems:
            print(f"ok: WeasyPrint {version}, {iso3} {EDITION}'s PDF ({len(pdf)} bytes)")
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
