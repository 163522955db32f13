"""Your own notebook (render/user_notebook.py, ``render --notebook``, ``new-notebook``): checked up
front in one line, its -p values, its jobs' names and keys (fast); then rendered for real (slow):
two countries with -p values, a failing cell reported with its partial notebook, the cache
skipping an unchanged notebook and rendering an edited one, the shipped report beside it in
one folder, and the starter for a whole region."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from ocanalysis.cli import main
from ocanalysis.errors import ArgumentError, InputError
from ocanalysis.render import COUNTRY_NOTEBOOK, cache, layout, plan, user_notebook


def write_notebook(path: Path, *sources: str, parameters: str | None = None) -> Path:
    """A notebook whose first cell, tagged ``parameters``, is ``parameters`` (country, edition
    and ``greeting`` by default); ``sources`` are the cells after it (``# md`` ones markdown)."""
    cells = [
        new_code_cell(
            parameters
            if parameters is not None
            else 'country = "Belgium"\nedition = None\ngreeting = "hello"\ntop = 3',
            metadata={"tags": ["parameters"]},
        )
    ]
    for source in sources:
        make = new_markdown_cell if source.startswith("# md") else new_code_cell
        cells.append(make(source.removeprefix("# md ")))
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)
    return path


# ------------------------------------------------------------------ checked up front (fast)


def one_line_error(capsys, *argv: str) -> str:
    status = main(list(argv))
    err = capsys.readouterr().err
    assert status == 2, err
    assert err.count("\n") == 1 and err.startswith("ocanalysis: error: "), err
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "notebook not found"),
        (b"\xff\xfe not text", "not a notebook (not UTF-8 text)"),
        ("{ not json", "not a notebook (Notebook does not appear to be JSON"),
        ('{"cells": 3, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}', "not a notebook ("),
        ("no-tag", "no cell tagged 'parameters'; tag the cell that sets country and edition"),
        ("no-country", 'the parameters cell does not set country; add `country = "Belgium"`'),
    ],
)
def test_a_bad_notebook_is_one_line_naming_the_file_and_nothing_is_written(
    capsys, tmp_path, content, message
):
    path = tmp_path / "mine.ipynb"
    if content == "no-tag":
        nb = new_notebook(cells=[new_code_cell('country = "BEL"\nedition = None')])
        nbformat.write(nb, path)
    elif content == "no-country":
        write_notebook(path, "1", parameters="edition = None")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content)
    out = tmp_path / "reports"
    err = one_line_error(capsys, "render", "--notebook", str(path), "Belgium", "--out", str(out))
    assert f"{path}: {message}" in err
    assert not out.exists()


@pytest.mark.parametrize(
    "argv, message",
    [
        (
            ["-p", "greetng", "hi"],
            "-p greetng: mine.ipynb's parameters cell does not set it "
            "(it sets: country, edition, greeting, top)",
        ),
        (["-p", "country", "PER"], "-p country: the renderer sets it"),
        (["-p", "edition", "2021"], "-p edition: the renderer sets it; use --edition"),
        (["-p", "top", "[1, 2"], "-p top: '[1, 2': not valid JSON"),
        (["--world"], "--notebook renders your notebook for countries"),
        (["--regions"], "--notebook renders your notebook for countries"),
        (["--compare", "BEL", "NLD"], "--notebook renders your notebook for countries"),
        (["--profile", "x.txt"], "--profile and --profiles are for the country report"),
        (["--compare-edition", "2021"], "--compare-edition is for the country report"),
    ],
)
def test_bad_notebook_arguments_are_one_line(capsys, tmp_path, argv, message):
    path = write_notebook(tmp_path / "mine.ipynb", "1")
    out = tmp_path / "reports"
    err = one_line_error(
        capsys, "render", "Belgium", "--notebook", str(path), *argv, "--out", str(out)
    )
    assert message in err
    assert not out.exists()


def test_p_without_a_notebook_is_refused(capsys, tmp_path):
    err = one_line_error(capsys, "render", "Belgium", "-p", "x", "1", "--out", str(tmp_path))
    assert "-p sets a parameter of your notebook: give it with --notebook PATH" in err


def test_p_values_are_read_as_papermill_reads_them_or_as_json():
    read = user_notebook.parse_value
    assert [read(v) for v in ("True", "False", "None", "7", "-2.5", "1e3")] == [
        True,
        False,
        None,
        7,
        -2.5,
        1000.0,
    ]
    assert read("West Africa") == "West Africa" and read("true") == "true"
    assert read('["BEL", "NLD"]') == ["BEL", "NLD"] and read('"2023"') == "2023"
    with pytest.raises(ArgumentError, match="not valid JSON"):
        read("{oops")


def test_a_user_notebooks_reports_never_take_the_country_reports_names(tmp_path):
    mine = user_notebook.check(write_notebook(tmp_path / "country_report.ipynb", "1"))
    selected = plan.select(["Belgium", "CIV"])
    ours = plan.notebook_jobs(selected, 2023, notebook=mine, formats=("html",), out=tmp_path)
    shipped = plan.jobs(selected, 2023, formats=("html",), out=tmp_path)
    assert [job.stem for job in ours] == [
        "BEL-belgium.country-report",
        "CIV-cote-d-ivoire.country-report",
    ]
    ours_files = {p for job in ours for p in [*job.outputs, job.failed_notebook]}
    shipped_files = {p for job in shipped for p in [*job.outputs, job.failed_notebook]}
    assert not ours_files & shipped_files
    assert {cache.record_path(j.folder, j.stem) for j in ours}.isdisjoint(
        cache.record_path(j.folder, j.stem) for j in shipped
    )
    assert all(job.cwd == str(tmp_path.resolve()) for job in ours)  # as JupyterLab runs it


@pytest.mark.parametrize("name", ["failed", "fr", "es", "pt", "en"])
def test_a_notebook_named_like_a_failed_render_or_a_language_is_refused(tmp_path, name):
    """BEL-belgium.failed.ipynb is a failed render's notebook, BEL-belgium.fr.html the French
    report: a notebook's reports must not take their names."""
    path = write_notebook(tmp_path / f"{name}.ipynb", "1")
    with pytest.raises(InputError, match="rename the notebook"):
        user_notebook.check(path)


def test_the_key_follows_the_notebooks_content_and_every_parameter(tmp_path):
    path = write_notebook(tmp_path / "mine.ipynb", "print(greeting)")

    def key(**given):
        mine = user_notebook.check(path)
        values = user_notebook.parameters(mine, [(k, str(v)) for k, v in given.items()])
        [job] = plan.notebook_jobs(
            plan.select(["BEL"]),
            2023,
            notebook=mine,
            parameters=values,
            formats=("html",),
            out=tmp_path,
        )
        return job.key

    first = key(greeting="hi")
    assert key(greeting="hi") == first  # unchanged: the same key, the report is skipped
    assert key(greeting="bye") != first
    assert key(greeting="hi", top=4) != first
    write_notebook(path, "print(greeting, 'edited')")
    assert key(greeting="hi") != first


def test_the_starter_is_a_checked_notebook_without_outputs(tmp_path, capsys):
    assert main(["new-notebook", str(tmp_path / "my_analysis.ipynb")]) == 0
    out, err = capsys.readouterr()
    path = Path(out.strip())
    assert path == tmp_path / "my_analysis.ipynb"
    assert "ocanalysis render --notebook" in err
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert all(
        not c.get("outputs") and c.get("execution_count") is None
        for c in nb.cells
        if c.cell_type == "code"
    )
    checked = user_notebook.check(path)
    assert checked.parameters == ("country", "iso3", "country_name", "edition", "top")
    assert checked.slug == "my-analysis"
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "import ocanalysis" in code and "report." in code and "sections." in code
    before = path.read_bytes()
    assert main(["new-notebook", str(path), "--force"]) == 0 and path.read_bytes() == before


# ------------------------------------------------------------------ rendered for real (slow)


def render(*argv, env) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", "from ocanalysis.cli import main; raise SystemExit(main())"]
    return subprocess.run(
        [*command, "render", *argv, "--quiet"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


@pytest.fixture(scope="module")
def workdir():
    # Our own folder, not tmp_path: other pytest sessions on this machine prune pytest's.
    folder = Path(tempfile.mkdtemp(prefix="ocanalysis-user-notebook-test-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def env(workdir):
    return {**os.environ, "OCANALYSIS_CACHE": str(workdir / "cache")}


GREETING_CELLS = (
    "# md ## Greeting",
    "import os\nprint(f'kernel {os.getpid()} fresh {\"p\" not in dir()} in {os.getcwd()}')",
    "import ocanalysis\np = ocanalysis.profile(country, edition)\n"
    "print(f'{greeting} {p.country} top={top!r} {type(top).__name__}')",
    'if p.iso3 == "LUX":\n    raise RuntimeError(f"no report for {p.country}")',
)


@pytest.fixture(scope="module")
def rendered(workdir, env):
    """The shipped report of Belgium, then a user notebook for Belgium, Luxembourg (its cell 5
    raises) and Netherlands with -p values, into one folder; HTML, one worker."""
    notebooks = workdir / "notebooks"
    notebooks.mkdir()
    path = write_notebook(notebooks / "greeting.ipynb", *GREETING_CELLS)
    out = workdir / "reports"
    shipped = render("Belgium", "--edition", "2023", "--out", str(out), "--jobs", "1", env=env)
    assert shipped.returncode == 0, shipped.stderr
    argv = [
        "Belgium",
        "Luxembourg",
        "NLD",
        "--notebook",
        str(path),
        "--edition",
        "2023",
        "--out",
        str(out),
        "--jobs",
        "1",
        "-p",
        "greeting",
        "Bonjour",
        "-p",
        "top",
        "5",
    ]
    return path, out, argv, render(*argv, env=env)


@pytest.mark.slow
def test_a_user_notebook_renders_for_each_country_with_its_parameters(rendered):
    path, out, _, result = rendered
    folder = out / "2023"
    for stem, name in (("BEL-belgium", "Belgium"), ("NLD-netherlands", "Netherlands")):
        page = (folder / f"{stem}.greeting.html").read_text(encoding="utf-8")
        assert f"Bonjour {name} top=5 int" in page  # -p values, typed as papermill types them
        executed = nbformat.read(folder / f"{stem}.greeting.ipynb", as_version=4)
        assert executed.metadata.papermill["parameters"] == {
            "country": stem[:3],
            "edition": 2023,
            "greeting": "Bonjour",
            "top": 5,
        }
    # One warm kernel (one worker), reset between reports, running in the notebook's folder.
    kernels = {
        re.search(
            r"kernel (\d+) fresh (\w+) in (\S+)", (folder / f"{stem}.greeting.html").read_text()
        ).groups()
        for stem in ("BEL-belgium", "NLD-netherlands")
    }
    [(_, fresh, cwd)] = kernels
    assert (fresh, cwd) == ("True", str(path.parent))
    # The shipped report in the same folder is still the shipped one, and both are indexed.
    assert "Bonjour" not in (folder / "BEL-belgium.html").read_text(encoding="utf-8")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="2023/BEL-belgium.html"' in index
    assert "<h3>Notebook greeting</h3>" in index
    for stem in ("BEL-belgium", "NLD-netherlands"):
        assert f'href="2023/{stem}.greeting.html"' in index
    assert "LUX-luxembourg.greeting.html" not in index


@pytest.mark.slow
def test_a_failing_cell_is_reported_by_number_first_line_and_error_partial_kept(rendered):
    _, out, _, result = rendered
    assert result.returncode == 1, result.stderr
    assert "rendered 2, skipped 0 (unchanged), failed 1" in result.stderr
    partial = out / "2023" / "LUX-luxembourg.greeting.failed.ipynb"
    expected = (
        'failed: Luxembourg (LUX-luxembourg.greeting): cell 5 (if p.iso3 == "LUX":) raised '
        "RuntimeError: no report for Luxembourg"
    )
    lines = result.stderr.splitlines()
    assert expected in lines  # as the failure happens
    assert f"{expected} (partial notebook: {partial})" in lines  # in the closing summary
    assert "Traceback" not in result.stderr
    kept = nbformat.read(partial, as_version=4)
    printed = [o.get("text", "") for c in kept.cells for o in c.get("outputs", [])]
    assert any("Bonjour Luxembourg top=5" in text for text in printed)  # as far as it ran
    assert not (out / "2023" / "LUX-luxembourg.greeting.html").exists()


@pytest.mark.slow
def test_an_unchanged_notebook_is_skipped_and_an_edited_one_rendered_again(rendered, env):
    path, out, argv, _ = rendered
    again = render(*argv, env=env)
    assert "rendered 0, skipped 2 (unchanged), failed 1" in again.stderr, again.stderr
    write_notebook(path, *GREETING_CELLS, "# md Edited.")
    edited = render(*argv, env=env)
    assert "rendered 2, skipped 0 (unchanged), failed 1" in edited.stderr, edited.stderr
    page = (out / "2023" / "BEL-belgium.greeting.html").read_text(encoding="utf-8")
    assert "Edited." in page
    other = render(*[a if a != "5" else "6" for a in argv], env=env)  # another -p value
    assert "rendered 2, skipped 0 (unchanged), failed 1" in other.stderr, other.stderr
    page = (out / "2023" / "BEL-belgium.greeting.html").read_text(encoding="utf-8")
    assert "top=6 int" in page


@pytest.mark.slow
def test_the_starter_renders_as_it_stands_for_a_region(workdir, env):
    path = workdir / "starter" / "my_analysis.ipynb"
    path.parent.mkdir()
    assert main(["new-notebook", str(path)]) == 0
    out = workdir / "region"
    result = render(
        "--notebook",
        str(path),
        "--region",
        "West Africa",
        "--edition",
        "2023",
        "--out",
        str(out),
        "--jobs",
        "2",
        env=env,
    )
    members = plan.select([], region="West Africa")
    assert result.returncode == 0, result.stderr
    assert f"rendered {len(members)}, skipped 0 (unchanged), failed 0" in result.stderr
    folder = out / "2023"
    htmls = sorted(p.name for p in folder.glob("*.html"))
    assert htmls == sorted(f"{layout.stem(c.iso3)}.my-analysis.html" for c in members)
    page = (folder / "SEN-senegal.my-analysis.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", " ", page)
    assert "Senegal" in text and "of 193 countries" in text and "ocindex.net" in text
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count(".my-analysis.html") == len(members)


def test_the_starter_heads_each_section_once_and_sets_what_the_readme_passes(tmp_path):
    """Executed in this process (its code cells in order), the starter's report has no heading
    twice; its parameters cell sets ``top`` (the README's ``-p top 5``) and the other forms of
    the country the renderer passes."""
    from IPython.display import HTML

    nb = user_notebook.starter("mine.ipynb")
    names = user_notebook.check(user_notebook.write_starter(tmp_path / "mine.ipynb")).parameters
    assert {"country", "edition", "top", "iso3", "country_name"} <= set(names)
    headings = [
        line.lstrip("#").strip()
        for cell in nb.cells
        if cell.cell_type == "markdown"
        for line in cell.source.splitlines()
        if line.startswith("#")
    ]
    namespace: dict = {}
    shown = []
    for cell in nb.cells:
        if cell.cell_type == "code":  # as IPython runs a cell: its last expression shown
            tree = ast.parse(cell.source)
            last = tree.body.pop() if isinstance(tree.body[-1], ast.Expr) else None
            exec(compile(tree, "cell", "exec"), namespace)
            if last is not None:
                value = eval(compile(ast.Expression(last.value), "cell", "eval"), namespace)
                shown.append(value.data if isinstance(value, HTML) else "")
    headings += re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", "".join(shown))
    assert headings and len(headings) == len(set(headings)), headings


def test_the_renderer_passes_every_form_of_the_country_the_notebook_asks_for(tmp_path):
    mine = user_notebook.check(user_notebook.write_starter(tmp_path / "mine.ipynb"))
    [job] = plan.notebook_jobs(
        plan.select(["Belgium"]), 2023, notebook=mine, formats=("html",), out=tmp_path
    )
    assert job.parameters == {
        "country": "BEL",
        "iso3": "BEL",
        "country_name": "Belgium",
        "edition": 2023,
    }
    plain = user_notebook.check(write_notebook(tmp_path / "plain.ipynb"))
    [job] = plan.notebook_jobs(
        plan.select(["Belgium"]), 2023, notebook=plain, formats=("html",), out=tmp_path
    )
    assert set(job.parameters) == {"country", "edition"}  # none it does not declare


def test_the_shipped_country_notebook_passes_the_check():
    # The shipped notebook itself may be given as a user notebook: it sets country and edition.
    checked = user_notebook.check(COUNTRY_NOTEBOOK)
    assert {"country", "edition", "profile"} <= set(checked.parameters)


# ------------------------------------------------------------------ whose reports (fast)


@pytest.mark.parametrize("target", sorted(user_notebook.RESERVED_SLUGS) + ["country_report"])
def test_a_symlinked_notebook_names_its_reports_after_the_link(tmp_path, target):
    """``mine.ipynb -> fr.ipynb``: the reports are the link's (BEL-belgium.mine.*), never the
    target's (BEL-belgium.fr.html is the French report)."""
    real = write_notebook(tmp_path / f"{target}.ipynb", "1")
    link = tmp_path / "mine.ipynb"
    link.symlink_to(real.name)
    checked = user_notebook.check(link)
    [job] = plan.notebook_jobs(
        plan.select(["Belgium"]), 2023, notebook=checked, formats=("html", "pdf"), out=tmp_path
    )
    assert job.stem == "BEL-belgium.mine"
    assert {p.name for p in job.outputs} == {
        f"BEL-belgium.mine.{s}" for s in ("html", "pdf", "ipynb")
    }
    assert cache.record_path(job.folder, job.stem).name == "BEL-belgium.mine.json"


@pytest.mark.parametrize("name", sorted(user_notebook.RESERVED_SLUGS))
def test_a_link_named_like_a_reserved_report_is_refused_whatever_it_points_to(tmp_path, name):
    real = write_notebook(tmp_path / "mine.ipynb", "1")
    (tmp_path / f"{name}.ipynb").symlink_to(real.name)
    with pytest.raises(InputError, match="rename the notebook"):
        user_notebook.check(tmp_path / f"{name}.ipynb")


@pytest.mark.parametrize(
    "first, second",
    [("my nb", "My_NB"), ("analysis.v2", "analysis-v2"), ("Über", "uber"), ("a b", "A-B")],
)
def test_two_notebooks_with_one_report_name_never_replace_each_others_reports(
    capsys, tmp_path, monkeypatch, first, second
):
    from ocanalysis.render import batch, execute, job

    out = tmp_path / "reports"
    one = write_notebook(tmp_path / f"{first}.ipynb", "1")
    other = write_notebook(tmp_path / f"{second}.ipynb", "1")
    [done] = plan.plan(["Belgium"], 2023, formats=("html",), out=out, notebook=one)
    # The first notebook's report, rendered and recorded (its execution faked: no kernel).
    monkeypatch.setattr(
        execute, "execute", lambda *a, **k: new_notebook(metadata={"papermill": {}})
    )
    assert job.render(done).status == "rendered"
    before = {p: p.read_bytes() for p in done.outputs}

    def no_render(jobs, **options):
        raise AssertionError(f"rendered {[j.stem for j in jobs]} over another notebook's reports")

    monkeypatch.setattr(batch, "run", no_render)
    err = one_line_error(
        capsys,
        "render",
        "Belgium",
        "--notebook",
        str(other),
        "--out",
        str(out),
        "--edition",
        "2023",
    )
    assert str(other) in err and str(one) in err and "rename" in err
    assert {p: p.read_bytes() for p in done.outputs} == before
    # The first notebook itself renders over its own reports as ever.
    assert plan.plan(["Belgium"], 2023, formats=("html",), out=out, notebook=one)


# ------------------------------------------------------------ notebooks saved by other tools

NUMBERS_CELL = (
    "import ocanalysis\np = ocanalysis.profile(country, edition)\n"
    "print(f'score {p.iso3} {p.scores[\"criminality\"]:.2f}')"
)


def _other_tool_notebook(path: Path, variant: str) -> Path:
    """A notebook as VS Code, jupytext or nbformat's own helpers may leave it."""
    nb = new_notebook(
        cells=[
            new_code_cell('country = "Belgium"\nedition = None', metadata={"tags": ["parameters"]}),
            new_code_cell(NUMBERS_CELL),
        ]
    )
    if variant == "language_info":
        nb.metadata["language_info"] = {"name": "python"}
    elif variant == "missing_kernel":
        nb.metadata["kernelspec"] = {
            "name": "conda-env-analysis-py",
            "display_name": "Python (analysis)",
            "language": "python",
        }
    data = json.loads(nbformat.writes(nb))
    if variant == "nbformat_4_4":
        data["nbformat_minor"] = 4
        for cell in data["cells"]:
            cell.pop("id", None)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.slow
@pytest.mark.parametrize(
    "variant", ["no_metadata", "language_info", "nbformat_4_4", "missing_kernel"]
)
def test_a_notebook_saved_by_another_tool_renders(workdir, env, variant):
    from ocanalysis import profile

    folder = workdir / variant
    folder.mkdir()
    path = _other_tool_notebook(folder / "mine.ipynb", variant)
    out = folder / "reports"
    argv = ["Belgium", "Chad", "Peru", "--notebook", str(path), "--edition", "2023"]
    result = render(*argv, "--out", str(out), "--jobs", "1", env=env)
    assert result.returncode == 0, result.stderr
    assert "rendered 3, skipped 0 (unchanged), failed 0" in result.stderr
    for iso3, stem in (("BEL", "BEL-belgium"), ("TCD", "TCD-chad"), ("PER", "PER-peru")):
        page = (out / "2023" / f"{stem}.mine.html").read_text(encoding="utf-8")
        expected = profile(iso3, 2023).scores["criminality"]
        assert f"score {iso3} {expected:.2f}" in page
    said = [line for line in result.stderr.splitlines() if "Python kernel" in line]
    assert len(said) == 1, result.stderr  # said once, not per country


@pytest.mark.slow
@pytest.mark.parametrize(
    ("source", "says"),
    [
        ("def broken(:\n    pass", "cell 2 (def broken(:) has a syntax error"),
        ("import a_module_nobody_installed", "cell 2 (import a_module_nobody_installed) imports"),
    ],
)
def test_a_notebook_that_fails_before_its_parameters_matter_is_one_line(workdir, env, source, says):
    folder = Path(tempfile.mkdtemp(dir=workdir))
    path = write_notebook(
        folder / "broken.ipynb", source, parameters='country = "BEL"\nedition = None'
    )
    result = render(
        "Belgium", "Chad", "Peru", "--notebook", str(path), "--out", str(folder), env=env
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and says in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
