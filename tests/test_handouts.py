"""Handouts: teacher HTML has the solutions, student HTML has none; both self-contained; every
teaching notebook runs clean under papermill (slow, one test per notebook); in French, Spanish and
Portuguese every markdown cell is translated, and a French handout is French."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import nbformat
import pytest
from babel.messages.pofile import read_po
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from ocanalysis import handouts, i18n
from ocanalysis.errors import ArgumentError
from ocanalysis.render.exporters.html import remote_resources

TEACHING = handouts.teaching_notebooks()
ROOT = Path(__file__).resolve().parents[1]
MARKER = re.compile(r"# Solution \d+$|\*\*Solution \d+[^*]*\*\*", re.MULTILINE)
# A 1×1 PNG, to see that images are embedded.
PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


def visible_text(page: str) -> str:
    """The page's text without tags, entities decoded (code is split into highlighting spans)."""
    without_style = re.sub(r"<style\b.*?</style>", "", page, flags=re.DOTALL | re.IGNORECASE)
    return html.unescape(re.sub(r"<[^>]+>", "", without_style))


def solution_markers(path: Path) -> list[str]:
    """Each solution cell's marker: '# Solution N' (code) or 'Solution N, discussion.' (text)."""
    document = json.loads(path.read_text(encoding="utf-8"))
    markers = []
    for cell in document["cells"]:
        if handouts.SOLUTION_TAG in cell.get("metadata", {}).get("tags", []):
            text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            found = MARKER.match(text)
            assert found, text[:60]
            markers.append(found.group(0).strip("*"))
    return markers


def small_executed_notebook():
    exercise = new_markdown_cell("**Exercise 1.** Add two and two.")
    exercise.metadata["tags"] = ["exercise"]
    answer = new_code_cell("# Solution 1\nsecret_answer = 2 + 2\nsecret_answer", execution_count=2)
    answer.metadata["tags"] = ["solution"]
    answer.outputs = [new_output("execute_result", {"text/plain": "4"}, execution_count=2)]
    plot = new_code_cell("show_the_pixel()", execution_count=3)
    plot.outputs = [new_output("display_data", {"image/png": PIXEL, "text/plain": "<Figure>"})]
    return new_notebook(
        cells=[new_markdown_cell("# A tiny lesson\n\nIntro, $x$ maths."), exercise, answer, plot],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )


def test_student_html_leaves_solutions_out_and_teacher_html_keeps_them():
    nb = small_executed_notebook()
    teacher = handouts.to_html(nb, "tiny (teacher)")
    student = handouts.to_html(nb, "tiny (student)", remove_tags=(handouts.SOLUTION_TAG,))
    assert "secret_answer" in visible_text(teacher)
    assert "secret_answer" not in student
    assert "Add two and two." in visible_text(student)
    assert "show_the_pixel()" in visible_text(student)  # code inputs are shown


def test_html_is_self_contained():
    page = handouts.to_html(small_executed_notebook(), "tiny", banner="Copy & paste")
    assert f"data:image/png;base64,{PIXEL}" in page
    assert "<script" not in page.lower()
    assert not re.search(r"""<(?:link|script|img)\b[^>]*(?:href|src)=["']?(?:https?:)?//""", page)
    assert not re.search(r"url\(\s*[\"']?(?:https?:)?//", page)
    assert "<title>tiny</title>" in page
    assert '<p class="handout-version">Copy &amp; paste</p>' in page


def test_remote_resources_are_found():
    # One rule for reports and handouts: the exporters' self-contained check.
    assert remote_resources('<script src="//cdn.example/a.js"></script>')
    assert remote_resources("<style>body{background:url('https://x.example/a.png')}</style>")
    assert remote_resources('<img src="http://x.example/a.png">')
    assert not remote_resources('<a href="https://www.globalinitiative.net">site</a>')
    assert remote_resources('<style>@import "//cdn.example/x.css";</style>')


def test_a_page_that_would_load_something_is_not_written(monkeypatch):
    from ocanalysis.render.exporters import html

    monkeypatch.setattr(
        html, "strip_scripts", lambda page: page + '<script src="//x.example/a.js">'
    )
    with pytest.raises(handouts.HandoutError, match="tiny: report is not self-contained"):
        handouts.to_html(small_executed_notebook(), "tiny")


def test_student_notebook_drops_solutions_and_outputs_and_leaves_room_to_answer():
    nb = small_executed_notebook()
    student = handouts.student_notebook(nb)
    assert [c.source.splitlines()[0] for c in student.cells] == [
        "# A tiny lesson",
        "**Exercise 1.** Add two and two.",
        "# Your answer",
        "show_the_pixel()",
    ]
    assert student.cells[2].metadata["tags"] == [handouts.ANSWER_TAG]
    assert all(c.outputs == [] and c.execution_count is None for c in student.cells[2:])
    assert len({c.id for c in student.cells}) == len(student.cells)
    nbformat.validate(student)
    assert len(nb.cells) == 4 and nb.cells[3].outputs  # the original is untouched


def test_select_by_name_or_prefix():
    names = [p.stem for p in TEACHING]
    assert [p.stem for p in handouts.select(TEACHING, names[0])] == names[:1]
    assert [p.stem for p in handouts.select(TEACHING, names[0] + ".ipynb")] == names[:1]
    assert [p.stem for p in handouts.select(TEACHING, "01")] == names[:1]
    assert handouts.select(TEACHING, None) == TEACHING
    with pytest.raises(ArgumentError, match="no teaching notebook named 'nope'"):
        handouts.select(TEACHING, "nope")


def test_cli_rejects_bad_arguments_in_one_line(tmp_path, capsys):
    assert handouts.main(["--only", "nope", "--out", str(tmp_path)]) == 2
    assert handouts.main(["--country", "Atlantis", "--out", str(tmp_path)]) == 2
    assert handouts.main(["--edition", "1999", "--out", str(tmp_path)]) == 2
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 3 and all(line.startswith("handouts: error: ") for line in errors)
    assert "Atlantis" in errors[1] and "1999" in errors[2]
    assert not any(tmp_path.iterdir())  # nothing written


@pytest.mark.slow
def test_a_failing_notebook_is_reported_and_nothing_half_written(tmp_path):
    broken = new_notebook(cells=[new_code_cell("raise ValueError('broken on purpose')")])
    broken.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    folder = tmp_path / "teaching"
    folder.mkdir()
    nbformat.write(broken, folder / "01_broken.ipynb")
    out = tmp_path / "out"
    with pytest.raises(
        handouts.HandoutError, match=r"01_broken.ipynb: cell 1 \(raise .*\) raised ValueError"
    ):
        handouts.render_handouts(folder, out)
    assert not out.exists() or not any(out.rglob("*"))


@pytest.mark.slow
@pytest.mark.parametrize("path", TEACHING, ids=[p.stem for p in TEACHING])
def test_teaching_notebook_runs_and_renders_both_handouts(path, tmp_path):
    handout = handouts.render_one(path, tmp_path)
    teacher = handout.teacher_html.read_text(encoding="utf-8")
    student = handout.student_html.read_text(encoding="utf-8")
    markers = solution_markers(path)
    assert markers
    teacher_text, student_text = visible_text(teacher), visible_text(student)
    for marker in markers:
        assert marker in teacher_text, marker
    assert "Solution" not in student_text
    assert "Exercise 1." in student_text and "Learning goals" in student_text
    assert handouts.BANNERS["teacher"] in teacher_text
    assert handouts.BANNERS["student"] in student_text
    for page in (teacher, student):
        assert '<html lang="en">' in page and "set_language" not in page
        assert "<script" not in page.lower()
        assert not remote_resources(page)
        assert "Traceback" not in visible_text(page)  # papermill would have raised, but be sure
    student_nb = nbformat.read(handout.student_notebook, as_version=4)
    cell_tags = [c.metadata.get("tags", []) for c in student_nb.cells]
    assert not [t for t in cell_tags if handouts.SOLUTION_TAG in t]
    exercises = sum(handouts.EXERCISE_TAG in t for t in cell_tags)
    assert sum(handouts.ANSWER_TAG in t for t in cell_tags) == exercises > 0
    assert all(c.outputs == [] for c in student_nb.cells if c.cell_type == "code")
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == sorted(
        [f"{path.stem}.html", f"{path.stem}.html", f"{path.stem}.ipynb"]
    )


# --- handouts in other languages ---------------------------------------------------------------

TRANSLATED = [lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT]
CODE_SPAN = re.compile(r"`[^`]+`")
HEADING = re.compile(r"^(#+) ", re.MULTILINE)
MARKER_NUMBER = re.compile(
    r"^\*\*[^*\d]+ (\d+)[.,]", re.MULTILINE
)  # **Exercise 3.**, **Solution 3,


def teaching_catalogue(lang: str):
    path = i18n.LOCALE_DIR / lang / "LC_MESSAGES" / f"{handouts.TEACHING_DOMAIN}.po"
    with path.open("rb") as file:
        return read_po(file, locale=lang)


def translation_problems(notebooks: list[Path], lang: str) -> list[str]:
    """Every markdown cell of ``notebooks`` without a translation in ``lang``, or whose translation
    lost what must stay as written: the code in backticks, the heading levels, the exercise and
    solution numbers."""
    catalogue = teaching_catalogue(lang)
    problems = []
    for path in notebooks:
        for context, text in handouts.markdown_messages(path):
            message = catalogue.get(text, context=context)
            if message is None or not message.string or message.fuzzy:
                problems.append(f"{context}: no translation")
                continue
            for what, pattern in (("code", CODE_SPAN), ("headings", HEADING)):
                if sorted(pattern.findall(text)) != sorted(pattern.findall(message.string)):
                    problems.append(f"{context}: {what} differ")
            if MARKER_NUMBER.findall(text) != MARKER_NUMBER.findall(message.string):
                problems.append(f"{context}: exercise or solution number differs")
    return problems


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_markdown_cell_of_every_teaching_notebook_is_translated(lang):
    assert translation_problems(TEACHING, lang) == []


def test_a_new_markdown_cell_is_untranslated_until_its_translation_is_written(tmp_path):
    folder = tmp_path / "teaching"
    folder.mkdir()
    smallest = min(TEACHING, key=lambda p: len(handouts.markdown_messages(p)))
    nb = nbformat.read(smallest, as_version=4)
    nb.cells.append(new_markdown_cell("**Exercise 7.** Compute the Sobol indices.", id="t-new"))
    nbformat.write(nb, folder / smallest.name)
    for lang in TRANSLATED:
        assert translation_problems([folder / smallest.name], lang) == [
            f"{smallest.stem}#t-new: no translation"
        ]


def test_messages_check_flags_a_new_cell(tmp_path, monkeypatch, capsys):
    """``tools/messages.py --check`` extracts the cells from the notebooks as they are: a new
    cell makes the template stale and each catalogue incomplete (and writes nothing)."""
    monkeypatch.syspath_prepend(str(ROOT / "tools"))
    import messages

    messages.main(["--check"])
    assert "teaching" not in capsys.readouterr().err
    folder = tmp_path / "teaching"
    folder.mkdir()
    for path in TEACHING:
        nb = nbformat.read(path, as_version=4)
        if path == TEACHING[-1]:
            nb.cells.append(new_markdown_cell("A new paragraph on Sobol indices.", id="t-new"))
        nbformat.write(nb, folder / path.name)
    monkeypatch.setattr(handouts, "default_notebooks_dir", lambda: folder)
    assert messages.main(["--check"]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if "teaching" in line]
    assert errors[0] == "src/ocanalysis/locale/teaching.pot: stale; run python tools/messages.py"
    assert [line.split(":")[0] for line in errors[1:]] == [
        f"src/ocanalysis/locale/{lang}/LC_MESSAGES/teaching.po" for lang in TRANSLATED
    ]
    assert all("1 untranslated, e.g. 'A new paragraph on Sobol indices.'" in e for e in errors[1:])


def plain(markdown: str) -> str:
    """Markdown's text as a page shows it: no markup, whitespace collapsed."""
    lines = [ln for ln in markdown.splitlines() if not re.fullmatch(r"\|[-| :]+\|", ln.strip())]
    text = re.sub(r"^\s*(?:#+|\*|\d+\.)\s+", "", "\n".join(lines), flags=re.MULTILINE)
    return " ".join(re.sub(r"[`*|]", " ", text).split())


def fragments(markdown: str) -> list[str]:
    """The first six words of each paragraph of six words or more."""
    found = []
    for paragraph in re.split(r"\n\s*\n", markdown):
        words = plain(paragraph).split()
        if len(words) >= 6:
            found.append(" ".join(words[:6]))
    return found


def headings(page: str) -> list[str]:
    return [
        " ".join(html.unescape(re.sub(r"<[^>]+>", "", inner)).replace("¶", "").split())
        for _level, inner in re.findall(r"<h([1-6])\b[^>]*>(.*?)</h\1>", page, flags=re.DOTALL)
    ]


@pytest.mark.slow
def test_a_french_handout_is_french(tmp_path):
    smallest = TEACHING[2]  # 03: the quickest to run
    catalogue = teaching_catalogue("fr")
    english = dict(handouts.markdown_messages(smallest))
    french = {
        context: catalogue.get(text, context=context).string for context, text in english.items()
    }
    handout = handouts.render_one(smallest, tmp_path, lang="fr")
    assert handout.teacher_html.name == f"{smallest.stem}.fr.html"
    teacher = handout.teacher_html.read_text(encoding="utf-8")
    student = handout.student_html.read_text(encoding="utf-8")
    for page in (teacher, student):
        assert '<html lang="fr">' in page
        assert "set_language" not in page  # the language cell is not the notebook's
        # Each figure has its own alt text, in French, not nbconvert's English placeholder.
        alts = re.findall(r'<img[^>]*\balt="([^"]*)"', page)
        assert alts and "No description has been provided for this image" not in alts
        assert all(re.search(r"\b(de|des|la|le|et)\b", alt) for alt in alts), alts
        assert re.search(r"In\xa0\[1\]|In&nbsp;\[1\]", page)  # its own cells keep their numbers
    title = HEADING.sub("", french[next(iter(french))].splitlines()[0])
    assert f"<title>{html.escape(title, quote=False)} (enseignant)</title>" in teacher
    assert "Exemplaire de l’enseignant" in visible_text(teacher).replace("'", "’")
    # Every heading is the French one, and no markdown cell is left in English.
    french_headings = [
        " ".join(HEADING.sub("", line).split())  # split() takes no-break spaces too
        for text in french.values()
        for line in text.splitlines()
        if HEADING.match(line)
    ]
    assert headings(teacher) == french_headings
    assert not set(french_headings) & {
        " ".join(HEADING.sub("", line).split())
        for text in english.values()
        for line in text.splitlines()
        if HEADING.match(line)
    }
    text = " ".join(visible_text(teacher).replace("\xa0", " ").split())
    for context in english:
        assert english[context] != french[context]
        for fragment in fragments(english[context]):
            assert fragment not in text, (context, fragment)
        for fragment in fragments(french[context].replace("\xa0", " ")):
            assert fragment in text, (context, fragment)
    student_nb = nbformat.read(handout.student_notebook, as_version=4)
    assert [c.source for c in student_nb.cells if c.cell_type == "markdown"] == [
        french[c] for c in english if handouts.SOLUTION_TAG not in tags_of(smallest, c)
    ]
    first_code = next(c for c in student_nb.cells if c.cell_type == "code")
    assert first_code.source.endswith('i18n.set_language("fr")')
    answers = [
        c.source for c in student_nb.cells if handouts.ANSWER_TAG in c.metadata.get("tags", [])
    ]
    assert answers and set(answers) == {"# Votre réponse"}


def tags_of(path: Path, context: str) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    cell_id = context.split("#", 1)[1]
    return next(c.metadata.get("tags", []) for c in nb.cells if c.get("id") == cell_id)


@pytest.mark.slow
def test_the_library_speaks_the_handouts_language_and_english_resets_it(tmp_path):
    """The language cell sets the language in the kernel; an English handout after a French one
    on the same warm kernel is English again."""
    from ocanalysis.render.kernel import kernel_scope

    lesson = new_notebook(
        cells=[
            new_markdown_cell("# A lesson"),
            new_code_cell("from ocanalysis import i18n\n\nprint(i18n.label('criminality'))"),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    )
    nbformat.write(lesson, tmp_path / "lesson.ipynb")
    with kernel_scope():
        french = handouts.render_one(tmp_path / "lesson.ipynb", tmp_path / "out", lang="fr")
        english = handouts.render_one(tmp_path / "lesson.ipynb", tmp_path / "out")
    assert "Criminalité" in visible_text(french.teacher_html.read_text(encoding="utf-8"))
    page = english.teacher_html.read_text(encoding="utf-8")
    assert "Criminality" in visible_text(page) and '<html lang="en">' in page
    assert english.teacher_html.name == "lesson.html"


def test_lang_is_checked_before_anything_runs(tmp_path, capsys):
    assert handouts.main(["--lang", "de", "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        "handouts: error: unknown language 'de' (languages: en, fr, es, pt)\n"
    )
    assert not any(tmp_path.iterdir())
