"""Teaching handouts: run each teaching notebook and export a teacher and a student HTML version.

The teaching notebooks live in ``notebooks/teaching/``. Exercises sit in cells tagged ``exercise``;
their worked solutions in the cells tagged ``solution`` right after them. Each notebook is executed
as the reports are (papermill on a warm ``python3`` kernel, one for all the notebooks, run in the
notebook's folder: ``ocanalysis.render.execute``), then exported twice with nbconvert:

* ``<out>/teacher/<name>.html`` — everything, solutions included;
* ``<out>/student/<name>.html`` — the cells tagged ``solution`` removed (with their outputs).

A clean student notebook to work in, ``<out>/student/<name>.ipynb`` (no solutions, no outputs,
an empty cell after each exercise), is written beside it.

Languages (``--lang en|fr|es|pt``): a handout in another language is named as a report in it is,
with the code before the suffix, beside the English one: ``<out>/teacher/<name>.fr.html``,
``<out>/student/<name>.fr.html``, ``<out>/student/<name>.fr.ipynb``. The notebooks are written
once, in English; no translated copy is kept. Each markdown cell is one message of the gettext
domain ``teaching`` (context ``<name>#<cell id>``, :func:`markdown_messages`; extracted by
``tools/messages.py`` into ``locale/<lang>/LC_MESSAGES/teaching.po``), and :func:`translated`
swaps every markdown cell's text for its translation before the notebook runs. A first cell,
added for the run and taken out of the executed notebook (:func:`language_cell`), sets the
library's language (``ocanalysis.i18n.set_language``), so the tables and figures the cells show
are in the handout's language; code and its comments stay as written. The page's ``<title>``,
``<html lang>``, banner and the student notebook's answer cells are in the language too. The HTML is self-contained: images are
embedded and every ``<script>`` is removed (nbconvert's template loads require.js, MathJax and
mermaid from CDNs, and a handout needs none of them), so a handout opens offline and loads nothing.
Files are written to a temporary name, then renamed (``ocanalysis._atomic.write_atomic``).

Run ``python -m ocanalysis.handouts [--out DIR] [--only NAME] [--lang fr]`` (``make handouts
LANG=fr``).

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

from . import i18n
from ._atomic import write_atomic
from .countries import lookup
from .dataset import check_edition
from .errors import ArgumentError, OCAnalysisError
from .i18n import N_, _

SOLUTION_TAG = "solution"
EXERCISE_TAG = "exercise"
PARAMETERS_TAG = "parameters"
ANSWER_TAG = "answer"  # the empty cell after each exercise in the student notebook
INTERACTIVE_TAG = "interactive"  # a widget (the explorer): for JupyterLab, left out of the pages
VERSIONS: tuple[str, ...] = ("teacher", "student")
TEACHING_DOMAIN = "teaching"  # the gettext domain of the notebooks' markdown cells
LANGUAGE_CELL_ID = "ocanalysis-language"

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
    "teacher": N_("Teacher's copy: exercises with worked solutions"),
    "student": N_("Student copy: exercises without solutions"),
}
TITLES = {"teacher": N_("{title} (teacher)"), "student": N_("{title} (student)")}
ANSWER_PROMPT = N_("# Your answer")


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
    """The page's title: the notebook's first heading and the version, in the current language."""
    title = path.stem
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            heading = next((ln for ln in cell.source.splitlines() if ln.startswith("# ")), None)
            if heading is not None:
                title = heading[2:].strip()
                break
    return _(TITLES[version]).format(title=title)


def message_context(name: str, cell, index: int) -> str:
    """A markdown cell's message context: the notebook's name and the cell's id (its position
    when it has none), so that the same text in two notebooks can be translated apart."""
    return f"{name}#{cell.get('id') or f'cell-{index}'}"


def markdown_messages(path: Path) -> list[tuple[str, str]]:
    """The ``teaching`` domain's messages of one notebook: ``(context, text)`` of each markdown
    cell, in order (``tools/messages.py`` extracts them; a new cell is a new message).

    >>> context, text = markdown_messages(teaching_notebooks()[0])[0]
    >>> context, text.splitlines()[0]
    ('01_what_the_index_measures#t1-01', '# 1 · What the index measures and how a composite is built')
    """
    import nbformat

    nb = nbformat.read(path, as_version=4)
    return [
        (message_context(path.stem, cell, index), cell.source)
        for index, cell in enumerate(nb.cells)
        if cell.cell_type == "markdown" and cell.source.strip()
    ]


def translated(nb, name: str, lang: str):
    """A copy of notebook ``name`` with every markdown cell in ``lang`` (a cell without a
    translation stays in English; ``tools/messages.py --check`` and the tests refuse that)."""
    result = copy.deepcopy(nb)
    with i18n.use(lang):
        for index, cell in enumerate(result.cells):
            if cell.cell_type == "markdown" and cell.source.strip():
                cell.source = i18n.pgettext(message_context(name, cell, index), cell.source)
    return result


def language_cell(lang: str, *, for_run: bool = True):
    """The code cell that sets the library's language, first in the notebook.

    For a run (``for_run``) it is tagged so the executor does not count it, and it gives the
    execution count back, so the notebook's own cells keep their numbers (``In [1]`` first);
    it is taken out of the executed notebook. A student notebook in another language has it as
    a plain cell before its first code cell, so the tables and figures come out in that
    language there too.
    """
    from .render.execute import LANGUAGE_TAG

    source = f'from ocanalysis import i18n\n\ni18n.set_language("{i18n.check_language(lang)}")'
    if not for_run:
        return new_code_cell(source, id=LANGUAGE_CELL_ID)
    source += (
        "\nfrom ocanalysis.figures._theme import show_alt_text_in_ipython"
        "\n\nshow_alt_text_in_ipython()  # each figure's alt text reaches the handout's <img>"
        "\nget_ipython().execution_count -= 1  # this cell is not the notebook's"
    )
    return new_code_cell(source, id=LANGUAGE_CELL_ID, metadata={"tags": [LANGUAGE_TAG]})


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


def student_notebook(nb, lang: str = i18n.DEFAULT):
    """A copy of a notebook without its solution cells, outputs or execution counts; each exercise
    is followed by an empty code cell (tagged ``answer``) to work in. In another language than
    English, a cell before the first code cell sets the library's language (:func:`language_cell`).

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
            with i18n.use(lang):
                prompt = _(ANSWER_PROMPT)
            cells.append(new_code_cell(prompt, metadata=answer, id=f"answer-{len(cells)}"))
    if lang != i18n.DEFAULT:  # before the first code cell, after the title and goals
        first_code = next((i for i, c in enumerate(cells) if c.cell_type == "code"), len(cells))
        cells.insert(first_code, language_cell(lang, for_run=False))
    clean.cells = cells
    return clean


def execute(path: Path, parameters: dict | None = None, lang: str = i18n.DEFAULT):
    """Run a notebook in ``lang`` in its own folder, as the reports run
    (``ocanalysis.render.execute``), and return the executed notebook: its markdown translated,
    its tables and figures in ``lang``, the language in ``metadata.ocanalysis.lang`` (for the
    page's ``<html lang>``, as a report's)."""
    import tempfile

    import nbformat

    from .render.execute import LANGUAGE_TAG, NotebookFailed
    from .render.execute import execute as execute_notebook

    runnable = translated(nbformat.read(path, as_version=4), path.stem, lang)
    # Every notebook sets its language, English too: the warm kernel keeps the last one set.
    runnable.cells.insert(0, language_cell(lang))
    with tempfile.TemporaryDirectory(prefix="ocanalysis-handout-") as folder:
        # Same file name, so that a failure names the teaching notebook; run in its folder.
        prepared = Path(folder) / path.name
        write_atomic(prepared, nbformat.writes(runnable))
        try:
            executed = execute_notebook(prepared, None, parameters, cwd=path.parent)
        except NotebookFailed as error:
            raise HandoutError(str(error)) from None
    executed.cells = [c for c in executed.cells if LANGUAGE_TAG not in c.metadata.get("tags", [])]
    executed.metadata.papermill["input_path"] = str(path)
    executed.metadata["ocanalysis"] = {"lang": lang}
    return executed


def render_one(
    path: Path, out_dir: Path, parameters: dict | None = None, lang: str = i18n.DEFAULT
) -> Handout:
    """Execute one teaching notebook in ``lang`` and write its teacher and student handouts."""
    import nbformat

    from .render.kernel import kernel_scope
    from .render.layout import in_language

    lang = i18n.check_language(lang)
    with kernel_scope():
        executed = execute(path, parameters, lang)
    with i18n.use(lang):
        teacher = to_html(
            executed,
            _title(executed, path, "teacher"),
            remove_tags=(INTERACTIVE_TAG,),
            banner=_(BANNERS["teacher"]),
        )
        student = to_html(
            executed,
            _title(executed, path, "student"),
            remove_tags=(SOLUTION_TAG, INTERACTIVE_TAG),
            banner=_(BANNERS["student"]),
        )
    stem = in_language(path.stem, lang)
    handout = Handout(
        name=path.stem,
        teacher_html=out_dir / "teacher" / f"{stem}.html",
        student_html=out_dir / "student" / f"{stem}.html",
        student_notebook=out_dir / "student" / f"{stem}.ipynb",
    )
    source = translated(nbformat.read(path, as_version=4), path.stem, lang)
    write_atomic(handout.teacher_html, teacher)
    write_atomic(handout.student_html, student)
    write_atomic(handout.student_notebook, nbformat.writes(student_notebook(source, lang)))
    return handout


def render_handouts(
    notebooks_dir: str | Path | None = None,
    out_dir: str | Path = "reports/handouts",
    *,
    only: str | None = None,
    parameters: dict | None = None,
    lang: str = i18n.DEFAULT,
) -> list[Handout]:
    """Execute the teaching notebooks in ``lang`` and write ``out_dir/{teacher,student}/<name>.html``
    (``<name>.<lang>.html`` in another language than English).

    Every notebook is attempted; if any fails, the others are still written and a
    :class:`HandoutError` naming the failures is raised at the end.

    >>> render_handouts(getfixture("tmp_path"))  # a folder without notebooks: nothing to run
    []
    >>> render_handouts(only="99")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ocanalysis.errors.ArgumentError: no teaching notebook named '99'; notebooks: 01_what_the_index_measures, ...
    """
    from .render.kernel import kernel_scope

    paths = select(teaching_notebooks(notebooks_dir), only)
    out = Path(out_dir)
    written: list[Handout] = []
    failures: list[str] = []
    with kernel_scope():  # one warm kernel for all the notebooks, stopped at the end
        for path in paths:
            try:
                written.append(render_one(path, out, parameters, lang))
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
    parser.add_argument(
        "--lang",
        default=i18n.DEFAULT,
        help="language of the handouts: en, fr, es or pt (default: en; files: <name>.<lang>.html)",
    )
    args = parser.parse_args(argv)
    parameters = {k: v for k, v in (("country", args.country), ("edition", args.edition)) if v}
    try:
        # Checked here so a misspelt country is one line, not four failed notebooks.
        lang = i18n.check_language(args.lang)
        if args.country:
            lookup(args.country)
        if args.edition:
            check_edition(args.edition)
        for handout in render_handouts(
            args.notebooks, args.out, only=args.only, parameters=parameters, lang=lang
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
