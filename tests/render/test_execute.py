"""The one executor of reports and handouts (render/execute.py): papermill on the warm engine,
papermill's parameter checks kept, a failed notebook written with papermill's error markers, a
warm kernel run in the folder it is given. Slow: each test runs notebooks on a kernel."""

from __future__ import annotations

import logging
import os

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from ocanalysis.render import engine
from ocanalysis.render.execute import INJECTED_TAG, KERNEL, NotebookFailed, execute

pytestmark = pytest.mark.slow


def notebook(folder, *sources: str, name: str = "lesson.ipynb"):
    """A notebook whose first cell, tagged ``parameters``, is ``sources[0]``."""
    cells = [new_code_cell(source) for source in sources]
    cells[0].metadata["tags"] = ["parameters"]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Python 3", "language": "python"}
    path = folder / name
    nbformat.write(nb, path)
    return path


def results(nb) -> list[str]:
    return [
        output["data"]["text/plain"]
        for cell in nb.cells
        for output in cell.get("outputs", [])
        if output.get("output_type") == "execute_result"
    ]


@pytest.fixture
def scope():
    with engine.kernel_scope():  # one warm kernel for the test, stopped after it
        yield
    assert engine.kernel_pids() == []


def test_papermill_still_warns_of_an_unknown_parameter(tmp_path, caplog, scope):
    path = notebook(tmp_path, "x = 1", "x * 10")
    with caplog.at_level(logging.WARNING, logger="papermill"):
        ours = execute(path, None, {"x": 2, "y": 3})
    assert "Passed unknown parameter: y" in caplog.text
    assert "Passed unknown parameter: x" not in caplog.text
    assert results(ours) == ["20"]
    injected = [c for c in ours.cells if INJECTED_TAG in c.metadata.get("tags", [])]
    assert [c.id for c in injected] == [INJECTED_TAG]  # not papermill's random id

    import papermill

    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="papermill"):
        theirs = papermill.execute_notebook(
            str(path),
            None,
            parameters={"x": 4, "z": 5},
            engine_name=engine.register(),
            kernel_name=KERNEL,
            progress_bar=False,
        )
    assert "Passed unknown parameter: z" in caplog.text
    assert results(theirs) == ["40"]  # on the same, reset kernel
    assert theirs.cells[-1].execution_count == 3


def test_a_failed_cell_writes_the_notebook_with_papermills_markers_and_raises(tmp_path, scope):
    path = notebook(tmp_path, "x = 1", "raise ValueError('broken on purpose')", "x")
    written = tmp_path / "out" / "lesson.ipynb"
    with pytest.raises(NotebookFailed) as failed:
        execute(path, written, {"x": 2})
    # The cell's place in the notebook as written (papermill's injected cell not counted).
    assert str(failed.value) == (
        "lesson.ipynb: cell 2 (raise ValueError('broken on purpose')) raised ValueError: "
        "broken on purpose"
    )
    assert (failed.value.ename, failed.value.exec_count, failed.value.cell) == ("ValueError", 3, 2)
    kept = nbformat.read(written, as_version=4)
    markers = [c for c in kept.cells if "papermill-error-cell-tag" in c.metadata.get("tags", [])]
    assert len(markers) == 2
    assert kept.metadata.papermill["output_path"] == str(written)
    assert [p.name for p in written.parent.iterdir()] == ["lesson.ipynb"]  # no temporary left
    # The kernel that saw the failure runs the next notebook as a fresh one would.
    again = execute(notebook(tmp_path, "y = 1", "'x' in dir()", name="next.ipynb"))
    assert results(again) == ["False"]


def test_a_warm_kernel_runs_each_notebook_in_the_folder_it_is_given(tmp_path, scope):
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        folder.mkdir()
    path = notebook(tmp_path, "", "import os; os.getcwd()")
    here = os.getcwd()
    assert results(execute(path, cwd=first)) == [repr(str(first))]
    pid = engine.kernel_pids()
    assert results(execute(path, cwd=second)) == [repr(str(second))]
    assert engine.kernel_pids() == pid  # the same kernel, reused
    assert os.getcwd() == here


def test_the_kernel_reset_sets_the_language_back_to_english(tmp_path, scope):
    """The language is module state that survives the namespace's reset: the reset itself sets
    it back, so a report after a French one on the same warm kernel starts in English."""
    french = notebook(tmp_path, "x = 1", "from ocanalysis import i18n\ni18n.set_language('fr')")
    execute(french, None, {})
    after = notebook(
        tmp_path, "x = 1", "from ocanalysis import i18n\ni18n.language()", name="after.ipynb"
    )
    assert results(execute(after, None, {})) == ["'en'"]
