"""The teaching notebooks' structure: goals, one parameters cell, every exercise followed by its
worked solution, solution cells marked so handouts can be checked; and the student version (all
solutions removed) still runs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import ocanalysis as oc
from ocanalysis import handouts

TEACHING = sorted(handouts.teaching_notebooks())
IDS = [p.stem for p in TEACHING]
EXERCISE = re.compile(r"^\*\*Exercise (\d+)\.\*\*")
SOLUTION = re.compile(r"^(?:# Solution (\d+)$|\*\*Solution (\d+)\b)", re.MULTILINE)


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def tags(cell: dict) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def source(cell: dict) -> str:
    text = cell["source"]
    return "".join(text) if isinstance(text, list) else text


def test_the_four_topics_are_there_in_order():
    assert [p.name for p in TEACHING] == [
        "01_what_the_index_measures.ipynb",
        "02_comparing_countries.ipynb",
        "03_change_and_comparability.ipynb",
        "04_how_robust_are_rankings.ipynb",
    ]


@pytest.mark.parametrize("path", TEACHING, ids=IDS)
def test_goals_first_and_one_parameters_cell(path):
    all_cells = cells(path)
    assert "## Learning goals" in source(all_cells[0])
    parameters = [c for c in all_cells if handouts.PARAMETERS_TAG in tags(c)]
    assert len(parameters) == 1
    # Every notebook takes the same two parameters, so one papermill call serves all of them.
    assert re.search(r"^country = \"", source(parameters[0]), re.MULTILINE)
    assert re.search(r"^edition = \d{4}", source(parameters[0]), re.MULTILINE)


@pytest.mark.parametrize("path", TEACHING, ids=IDS)
def test_every_exercise_is_followed_by_its_solution(path):
    all_cells = cells(path)
    numbers = []
    for index, cell in enumerate(all_cells):
        if handouts.EXERCISE_TAG not in tags(cell):
            continue
        found = EXERCISE.match(source(cell))
        assert found, f"exercise cell {index} does not start with '**Exercise N.**'"
        numbers.append(int(found.group(1)))
        following = all_cells[index + 1] if index + 1 < len(all_cells) else None
        assert following is not None and handouts.SOLUTION_TAG in tags(following), (
            f"exercise {found.group(1)} is not followed by a cell tagged 'solution'"
        )
        assert following["cell_type"] == "code", f"exercise {found.group(1)}: no worked code"
    assert numbers, "no exercises"
    assert numbers == list(range(1, len(numbers) + 1)), f"exercises numbered {numbers}"


@pytest.mark.parametrize("path", TEACHING, ids=IDS)
def test_solution_cells_carry_their_marker(path):
    # The marker ('# Solution N' in code, '**Solution N' in text) is what the handout tests look
    # for, and N must be the exercise the solution answers.
    current_exercise = None
    seen_solution = False
    for index, cell in enumerate(cells(path)):
        text = source(cell)
        if handouts.EXERCISE_TAG in tags(cell):
            current_exercise = EXERCISE.match(text).group(1)
        elif handouts.SOLUTION_TAG in tags(cell):
            seen_solution = True
            found = SOLUTION.match(text)
            assert found, f"solution cell {index} does not start with its marker"
            assert (found.group(1) or found.group(2)) == current_exercise, f"cell {index}"
        else:
            assert "Solution" not in text, f"cell {index} is not a solution but mentions one"
    assert seen_solution


# The student runs also exercise the parameters cell: another country and edition per notebook
# (a first edition, a small region, a name given as an ISO code).
OTHER_PARAMETERS = {
    "01_what_the_index_measures": {"country": "LBY", "edition": 2021},
    "02_comparing_countries": {"country": "Tuvalu", "edition": 2025},
    "03_change_and_comparability": {"country": "Nigeria", "edition": 2021},
    "04_how_robust_are_rankings": {"country": "Brazil", "edition": 2021},
}


@pytest.mark.slow
@pytest.mark.parametrize("path", TEACHING, ids=IDS)
def test_student_version_runs_without_the_solutions_for_another_country(path, tmp_path):
    # Students work in the notebook without the solution cells: nothing else may depend on them.
    import nbformat
    import papermill

    from ocanalysis.render.execute import KERNEL

    student = handouts.student_notebook(nbformat.read(path, as_version=4))
    assert not any(handouts.SOLUTION_TAG in tags(c) for c in student.cells)
    source_path = tmp_path / path.name
    nbformat.write(student, source_path)
    parameters = OTHER_PARAMETERS[path.stem]
    executed = papermill.execute_notebook(
        str(source_path),
        str(tmp_path / "out.ipynb"),
        parameters=parameters,
        kernel_name=KERNEL,
        cwd=str(path.parent),
        progress_bar=False,
    )
    # The notebooks echo the country they work on in their set-up cell's result.
    echoed = [
        output["data"]["text/plain"]
        for cell in executed.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "execute_result"
    ]
    expected = oc.lookup_country(parameters["country"]).name
    assert any(expected in text for text in echoed[:2]), echoed[:2]
