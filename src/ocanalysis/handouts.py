"""Teaching handouts: run each teaching notebook and export a teacher and a student HTML version.

The teaching notebooks live in ``notebooks/teaching/``. Exercises sit in cells tagged ``exercise``;
their worked solutions in the cells tagged ``solution`` right after them. Each notebook is executed
as the reports are (papermill on a warm ``python3`` kernel, one for all the notebooks, run in the
notebook's folder: ``ocanalysis.render.execute``), then exported twice with nbconvert:

* ``<out>/teacher/<name>.html`` — everything, solutions included;
* ``<out>/student/<name>.html`` — the cells tagged ``solution`` removed (with their outputs).

A clean student notebook to work in, ``<out>/student/<name>.ipynb`` (no solutions, no outputs,
an empty cell after each exercise), is written beside it. The HTML is self-contained: images are
embedded and every ``<script>`` is removed (nbconvert's template loads require.js, MathJax and
mermaid from CDNs, and a handout needs none of them), so a handout opens offline and loads nothing.
Files are written to a temporary name, then renamed (``ocanalysis._atomic.write_atomic``).

Run ``python -m ocanalysis.handouts [--out DIR] [--only NAME]`` (``make handouts``).

The HTML is written by the report's exporters (``ocanalysis.render.exporters.html``:
``HandoutExporter``, checked by the same self-contained rule as a report).
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from dataclasses import dataclass
from html import escape
from pathlib import Path

from nbformat.v4 import new_code_cell

from ._atomic import write_atomic
from .countries import lookup
from .dataset import check_edition
from .errors import ArgumentError, OCAnalysisError

SOLUTION_TAG = "solution"
EXERCISE_TAG = "exercise"
PARAMETERS_TAG = "parameters"
ANSWER_TAG = "answer"  # the empty cell after each exercise in the student notebook
VERSIONS: tuple[str, ...] = ("teacher", "student")

# Exercises and solutions stand out on screen and on paper; cells are not split across pages.
_STYLE = """<style type="text/css">
.celltag_exercise { border-left: 4px solid #0072B2; background: #eef5fb; padding: 0.3em 0.8em; }
.celltag_solution { border-left: 4px solid #D55E00; }
.jp-MarkdownOutput.celltag_solution { background: #fdf3ec; padding: 0.3em 0.8em; }
.handout-version { font: 600 0.9em sans-serif; color: #444; border-bottom: 1px solid #ccc;
  padding: 0.3em 0; margin: 0 0 1em 0; }
@media print { .jp-Cell { break-inside: avoid; } }
</style>
"""
BANNERS = {
    "teacher": "Teacher's copy: exercises with worked solutions",
    "student": "Student copy: exercises without solutions",
}


class HandoutError(OCAnalysisError):
    """A teaching notebook failed to run or to export."""


@dataclass(frozen=True)
class Handout:
    """The files written for one teaching notebook."""

    name: str
    teacher_html: Path
    student_html: Path
    student_notebook: Path


def default_notebooks_dir() -> Path:
    """``notebooks/teaching`` of the source checkout (the package is installed editable).

    >>> default_notebooks_dir().parts[-2:]
    ('notebooks', 'teaching')
    """
    return Path(__file__).resolve().parents[2] / "notebooks" / "teaching"


def teaching_notebooks(notebooks_dir: str | Path | None = None) -> list[Path]:
    """The teaching notebooks, in file-name order (``01_...`` first).

    >>> [p.name for p in teaching_notebooks()][0]
    '01_what_the_index_measures.ipynb'
    """
    folder = Path(notebooks_dir) if notebooks_dir is not None else default_notebooks_dir()
    if not folder.is_dir():
        raise ArgumentError(f"{folder}: no such folder of teaching notebooks")
    return sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith((".", "_")))


def select(paths: list[Path], only: str | None) -> list[Path]:
    """The notebooks whose name is, or starts with, ``only`` (all of them when ``only`` is None).

    >>> names = [Path("01_what.ipynb"), Path("02_comparing.ipynb")]
    >>> [p.name for p in select(names, "02")]
    ['02_comparing.ipynb']
    >>> select(names, "09")
    Traceback (most recent call last):
    ...
    ocanalysis.errors.ArgumentError: no teaching notebook named '09'; notebooks: 01_what, 02_comparing
    """
    if only is None:
        return list(paths)
    key = only.removesuffix(".ipynb")
    chosen = [p for p in paths if p.stem == key] or [p for p in paths if p.stem.startswith(key)]
    if not chosen:
        known = ", ".join(p.stem for p in paths)
        raise ArgumentError(f"no teaching notebook named {only!r}; notebooks: {known}")
    return chosen


def _title(nb, path: Path, version: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return f"{line[2:].strip()} ({version})"
    return f"{path.stem} ({version})"


def decorate(html: str, banner: str) -> str:
    """Add the handout style and a banner naming the version at the top of the page.

    >>> page = decorate("<html><head></head><body><p>a</p></body></html>", "Copy")
    >>> head, body = page.split("</head>")
    >>> "<style" in head, body
    (True, '<body><p class="handout-version">Copy</p><p>a</p></body></html>')
    """
    html = html.replace("</head>", _STYLE + "</head>", 1)
    return re.sub(
        r"(<body\b[^>]*>)",
        lambda m: f'{m.group(1)}<p class="handout-version">{escape(banner)}</p>',
        html,
        count=1,
    )


def to_html(nb, title: str, *, remove_tags: tuple[str, ...] = (), banner: str | None = None) -> str:
    """An executed notebook as one self-contained HTML page, code shown, cells with a tag in
    ``remove_tags`` left out, ``banner`` (if given) on top.

    >>> from nbformat.v4 import new_markdown_cell, new_notebook
    >>> nb = new_notebook(cells=[new_markdown_cell("Hi"), new_markdown_cell("Answer: 4")])
    >>> nb.cells[1].metadata["tags"] = ["solution"]
    >>> page = to_html(nb, "Lesson", remove_tags=("solution",), banner="Student copy")
    >>> "Student copy" in page, "Hi" in page, "Answer: 4" in page, "<script" in page
    (True, True, False, False)
    """
    from .render.exporters.html import HandoutExporter, NotSelfContainedError, check_self_contained

    html = HandoutExporter(remove_tags).html(nb, title)
    if banner is not None:
        html = decorate(html, banner)
    try:
        check_self_contained(html)
    except NotSelfContainedError as error:
        raise HandoutError(f"{title}: {error}; not written") from None
    return html


def student_notebook(nb):
    """A copy of a notebook without its solution cells, outputs or execution counts; each exercise
    is followed by an empty code cell (tagged ``answer``) to work in.

    >>> from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
    >>> exercise = new_markdown_cell("**Exercise 1.** Add.", metadata={"tags": ["exercise"]})
    >>> solution = new_code_cell("# Solution 1\\n2 + 2", metadata={"tags": ["solution"]})
    >>> [c.source for c in student_notebook(new_notebook(cells=[exercise, solution])).cells]
    ['**Exercise 1.** Add.', '# Your answer']
    """
    clean = copy.deepcopy(nb)
    cells = []
    for cell in clean.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if SOLUTION_TAG in tags:
            continue
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cells.append(cell)
        if EXERCISE_TAG in tags:
            answer = {"tags": [ANSWER_TAG]}
            cells.append(new_code_cell("# Your answer", metadata=answer, id=f"answer-{len(cells)}"))
    clean.cells = cells
    return clean


def execute(path: Path, parameters: dict | None = None):
    """Run a notebook in its own folder, as the reports run (``ocanalysis.render.execute``), and
    return the executed notebook."""
    from .render.execute import NotebookFailed
    from .render.execute import execute as execute_notebook

    try:
        return execute_notebook(path, None, parameters, cwd=path.parent)
    except NotebookFailed as error:
        raise HandoutError(str(error)) from None


def render_one(path: Path, out_dir: Path, parameters: dict | None = None) -> Handout:
    """Execute one teaching notebook and write its teacher and student handouts."""
    import nbformat

    from .render.engine import kernel_scope

    source = nbformat.read(path, as_version=4)
    with kernel_scope():
        executed = execute(path, parameters)
    teacher = to_html(executed, _title(executed, path, "teacher"), banner=BANNERS["teacher"])
    student = to_html(
        executed,
        _title(executed, path, "student"),
        remove_tags=(SOLUTION_TAG,),
        banner=BANNERS["student"],
    )
    handout = Handout(
        name=path.stem,
        teacher_html=out_dir / "teacher" / f"{path.stem}.html",
        student_html=out_dir / "student" / f"{path.stem}.html",
        student_notebook=out_dir / "student" / f"{path.stem}.ipynb",
    )
    write_atomic(handout.teacher_html, teacher)
    write_atomic(handout.student_html, student)
    write_atomic(handout.student_notebook, nbformat.writes(student_notebook(source)))
    return handout


def render_handouts(
    notebooks_dir: str | Path | None = None,
    out_dir: str | Path = "reports/handouts",
    *,
    only: str | None = None,
    parameters: dict | None = None,
) -> list[Handout]:
    """Execute the teaching notebooks and write ``out_dir/{teacher,student}/<name>.html``.

    Every notebook is attempted; if any fails, the others are still written and a
    :class:`HandoutError` naming the failures is raised at the end.

    >>> render_handouts(getfixture("tmp_path"))  # a folder without notebooks: nothing to run
    []
    >>> render_handouts(only="99")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ocanalysis.errors.ArgumentError: no teaching notebook named '99'; notebooks: 01_what_the_index_measures, ...
    """
    from .render.engine import kernel_scope

    paths = select(teaching_notebooks(notebooks_dir), only)
    out = Path(out_dir)
    written: list[Handout] = []
    failures: list[str] = []
    with kernel_scope():  # one warm kernel for all the notebooks, stopped at the end
        for path in paths:
            try:
                written.append(render_one(path, out, parameters))
            except HandoutError as error:
                failures.append(str(error))
    if failures:
        raise HandoutError("; ".join(failures))
    return written


def main(argv: list[str] | None = None) -> int:
    """``python -m ocanalysis.handouts``: exit 0 when all are written, 1 if one failed, 2 bad input.

    >>> main(["--country", "Atlantis"])  # checked before any notebook runs; message on stderr
    2
    """
    parser = argparse.ArgumentParser(
        prog="python -m ocanalysis.handouts",
        description="Run the teaching notebooks and write teacher and student HTML handouts.",
    )
    parser.add_argument(
        "--out", default="reports/handouts", help="output folder (default: %(default)s)"
    )
    parser.add_argument("--only", metavar="NAME", help="one notebook, by name or prefix (e.g. 01)")
    parser.add_argument("--notebooks", metavar="DIR", help="folder of teaching notebooks")
    parser.add_argument("--country", help="run the notebooks for this country (name or ISO code)")
    parser.add_argument("--edition", type=int, help="run the notebooks for this edition")
    args = parser.parse_args(argv)
    parameters = {k: v for k, v in (("country", args.country), ("edition", args.edition)) if v}
    try:
        # Checked here so a misspelt country is one line, not four failed notebooks.
        if args.country:
            lookup(args.country)
        if args.edition:
            check_edition(args.edition)
        for handout in render_handouts(
            args.notebooks, args.out, only=args.only, parameters=parameters
        ):
            print(f"{handout.teacher_html}\n{handout.student_html}")
    except HandoutError as error:
        print(f"handouts: failed: {error}", file=sys.stderr)
        return 1
    except OCAnalysisError as error:
        print(f"handouts: error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
