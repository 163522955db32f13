"""Execute a notebook: ``papermill.execute_notebook`` on the warm engine. The one executor of the
country reports and the teaching handouts.

papermill does all it does for any notebook: it checks the parameters against the notebook's
``parameters`` cell (warning ``Passed unknown parameter``), injects them, records its metadata
and marks a failing cell. Two things are ours: the executed notebook, finished or failed, is
written by :func:`ocanalysis._atomic.write_atomic`, and papermill's injected-parameters cell gets
a fixed id instead of a random one, so the same inputs give the same notebook and HTML.
"""

from __future__ import annotations

from pathlib import Path

from .._atomic import write_atomic
from . import engine

KERNEL = "python3"
CELL_TIMEOUT = 600  # seconds; a cell running longer is stuck
INJECTED_TAG = "injected-parameters"  # papermill's tag of the cell it adds, and our id for it
LANGUAGE_TAG = "injected-language"  # the cell a handout puts first to set the library's language


class NotebookFailed(Exception):
    """A cell raised. ``ename``, ``evalue`` and ``exec_count`` are papermill's account of it;
    ``notebook`` is the notebook as far as it ran, with papermill's error marker cells; ``cell``
    and ``first_line`` say which cell of the notebook as written raised (its position counting
    every cell from 1, and its first line); ``summary`` is all that in one line."""

    def __init__(self, path: Path | str, error, notebook):
        self.ename, self.evalue, self.exec_count = error.ename, error.evalue, error.exec_count
        self.notebook = notebook
        self.cell, self.first_line = failing_cell(notebook, error.source)
        message = str(error.evalue).strip().splitlines()[0] if error.evalue else ""
        where = f"cell {self.cell}" if self.cell else f"cell [{error.exec_count}]"
        if self.first_line:
            where += f" ({self.first_line})"
        self.summary = f"{where} raised {error.ename}" + (f": {message}" if message else "")
        super().__init__(f"{Path(path).name}: {self.summary}")


FIRST_LINE_WIDTH = 80
# Cells added to a notebook as written: papermill's, and a handout's language cell.
_ADDED_TAGS = {INJECTED_TAG, "papermill-error-cell-tag", LANGUAGE_TAG}


def failing_cell(nb, source: str = "") -> tuple[int | None, str]:
    """The failing cell of an executed notebook: its position in the notebook as written (the
    cells papermill added not counted) and its first non-blank line, shortened.

    >>> from nbformat import v4
    >>> nb = v4.new_notebook(cells=[v4.new_markdown_cell("# Title"), v4.new_code_cell("x = 1"),
    ...     v4.new_code_cell("x = 2", metadata={"tags": [INJECTED_TAG]}),
    ...     v4.new_code_cell("\\n1 / 0", metadata={"papermill": {"exception": True}})])
    >>> failing_cell(nb)
    (3, '1 / 0')
    """
    number = 0
    for cell in getattr(nb, "cells", None) or []:
        if _ADDED_TAGS & set(cell.metadata.get("tags", [])):
            continue
        number += 1
        if cell.metadata.get("papermill", {}).get("exception") is True:
            return number, _first_line(cell.source)
    return None, _first_line(source)


def _first_line(source: str) -> str:
    line = next((line.strip() for line in str(source).splitlines() if line.strip()), "")
    return line if len(line) <= FIRST_LINE_WIDTH else line[: FIRST_LINE_WIDTH - 3] + "..."


def execute(
    notebook: Path | str,
    output: Path | str | None = None,
    parameters: dict | None = None,
    *,
    cwd: Path | str | None = None,
):
    """Run ``notebook`` with ``parameters`` on this thread's warm kernel, in ``cwd`` if given;
    return the executed notebook, and write it to ``output`` if given (a failed one too, before
    :class:`NotebookFailed` is raised)."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    executed = []
    try:
        nb = papermill.execute_notebook(
            str(notebook),
            None,  # written below, atomically
            parameters=parameters or {},
            engine_name=engine.register(),
            kernel_name=KERNEL,
            language="python",  # a notebook may name no language (nbformat, VS Code, jupytext)
            cwd=None if cwd is None else str(cwd),
            progress_bar=False,
            request_save_on_cell_execute=False,
            execution_timeout=CELL_TIMEOUT,
            on_executed=executed.append,
        )
    except PapermillExecutionError as error:
        failed = executed[-1] if executed else None
        if failed is not None:
            _finish(failed, output)
        raise NotebookFailed(notebook, error, failed) from error
    return _finish(nb, output)


def _finish(nb, output: Path | str | None):
    import nbformat

    for cell in nb.cells:
        if INJECTED_TAG in cell.metadata.get("tags", []):
            cell["id"] = INJECTED_TAG
    # Where the notebook is kept, as papermill records it when it writes the file itself.
    nb.metadata.papermill["output_path"] = None if output is None else str(output)
    if output is not None:
        write_atomic(output, nbformat.writes(nb))
    return nb
