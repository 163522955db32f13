"""Fault injection: a render killed at every step of one report, two renders into one folder at
once, a full disk and a read-only folder, the renderer killed outright (kill -9).

The kill points run ``job.render`` in a forked child with a notebook made here instead of a
kernel's (the protocol under test starts after execution) and the child SIGKILLs itself just
before one of its renames; the rest run the real command.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from ocanalysis import countries
from ocanalysis.render import cache, job, layout, plan
from ocanalysis.render.kernel import KERNEL_FOLDER_PREFIX

FORK = multiprocessing.get_context("fork")


# ----------------------------------------------------------------------------- helpers


def notebook_saying(label: str):
    """A notebook as execution leaves it, whose report states ``label``."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell(f"Comparison edition: {label}"))
    nb.metadata["papermill"] = {}
    return nb


def make_job(out: Path, iso3: str, label: str, formats=("html", "pdf")) -> job.Job:
    # The key stands for the inputs: another label, other inputs.
    country = countries.lookup(iso3)
    return job.Job(iso3, country.name, 2023, "unused.ipynb", str(out), formats, key=label)


def _child(the_job: job.Job, label: str, kill_before_rename: int | None) -> None:
    from ocanalysis.render import execute

    execute.execute = lambda *args, **kwargs: notebook_saying(label)
    if kill_before_rename is not None:
        renames = 0
        real_replace = os.replace

        def replace(source, target):
            nonlocal renames
            renames += 1
            if renames == kill_before_rename:
                os.kill(os.getpid(), signal.SIGKILL)  # the temporary is whole, not yet renamed
            real_replace(source, target)

        os.replace = replace
    outcome = job.render(the_job)
    os._exit(0 if outcome.status in ("rendered", "skipped") else 3)


def render_in_child(the_job: job.Job, label: str, kill_before_rename: int | None = None) -> int:
    child = FORK.Process(target=_child, args=(the_job, label, kill_before_rename))
    child.start()
    child.join(60)
    assert child.exitcode is not None, "child did not finish"
    return child.exitcode


def states(path: Path) -> str:
    """What one output of the fake notebook states (``one``/``two``), from any format."""
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    else:
        text = path.read_text(encoding="utf-8")
    return "two" if "Comparison edition: two" in text else "one"


def temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


# ----------------------------------------------------------------------------- kill points

# Renames of one report with HTML and PDF: html, pdf, ipynb (all written first), then the record.
RENAMES = 4


@pytest.fixture(scope="module")
def rendered_once(tmp_path_factory):
    """Belgium and the Netherlands rendered from inputs 'one': the state before each kill."""
    out = tmp_path_factory.mktemp("kill-points")
    for iso3 in ("BEL", "NLD"):
        assert render_in_child(make_job(out, iso3, "one"), "one") == 0
    return out


@pytest.mark.parametrize("kill_before", [*range(1, RENAMES + 1), None])
def test_a_kill_at_any_step_leaves_a_report_the_rerun_renders_again(
    rendered_once, tmp_path, kill_before
):
    out = tmp_path / "reports"
    shutil.copytree(rendered_once, out)
    old, new = make_job(out, "BEL", "one"), make_job(out, "BEL", "two")
    untouched = make_job(out, "NLD", "one")
    assert old.current() and untouched.current()

    status = render_in_child(new, "two", kill_before_rename=kill_before)

    finished = kill_before is None
    assert status == (0 if finished else -signal.SIGKILL)
    # Current for the old inputs only when nothing was touched, for the new only when all was.
    assert not old.current()
    assert new.current() == finished
    assert untouched.current(), "a kill during Belgium made the Netherlands look stale"
    if finished:
        assert {states(p) for p in new.outputs} == {"two"}
        return
    to_run, skipped = job_split([old, new, untouched])
    assert [j.iso3 for j in to_run] == ["BEL", "BEL"] and [o.iso3 for o in skipped] == ["NLD"]
    # The killed run's temporaries (its pid is gone) are swept by the next run; then it renders.
    layout.remove_temporaries(new.folder)
    assert not temporaries(out)
    assert render_in_child(new, "two") == 0
    assert new.current() and {states(p) for p in new.outputs} == {"two"}


def job_split(jobs):
    from ocanalysis.render.batch import split_current

    return split_current(jobs, force=False)


def test_a_failed_render_leaves_the_previous_report_as_it_was(rendered_once, tmp_path):
    out = tmp_path / "reports"
    shutil.copytree(rendered_once, out)
    good = make_job(out, "BEL", "one")
    before = {p.name: p.read_bytes() for p in good.outputs}

    def failing_export(nb, title, html=None):
        raise RuntimeError("the exporter broke")

    from ocanalysis.render import exporters

    pdf = exporters.get("pdf")
    real = pdf.export
    pdf.export = failing_export
    try:
        assert render_in_child(make_job(out, "BEL", "two"), "two") == 3
    finally:
        pdf.export = real
    assert {p.name: p.read_bytes() for p in good.outputs} == before
    assert good.current()  # the old report is whole and still recorded as what it was
    failed = json.loads(good.failed_notebook.read_text())
    assert "Comparison edition: two" in failed["cells"][0]["source"]
    # The next good render removes the failed notebook: it is no longer the news.
    assert render_in_child(make_job(out, "BEL", "two"), "two") == 0
    assert not good.failed_notebook.exists()


# ----------------------------------------------------------------------------- concurrency


def test_a_sweep_leaves_the_temporaries_of_a_run_still_writing(tmp_path):
    from ocanalysis._atomic import _create_temporary

    descriptor, in_flight = _create_temporary(tmp_path / "BEL-belgium.html")  # ours: alive
    os.close(descriptor)
    layout.remove_temporaries(tmp_path)
    assert in_flight.exists(), "a run's clean-up removed another run's temporary"


def test_two_renders_of_one_report_take_turns(rendered_once, tmp_path):
    out, elsewhere = tmp_path / "reports", tmp_path / "elsewhere"
    shutil.copytree(rendered_once, out)
    wanted = make_job(out, "BEL", "two")
    assert render_in_child(make_job(elsewhere, "BEL", "two"), "two") == 0
    with cache.locked(wanted.folder, wanted.stem):
        waiting = FORK.Process(target=_child, args=(wanted, "two", None))
        waiting.start()
        time.sleep(1.5)
        assert waiting.exitcode is None, "the render did not wait for the report's lock"
        assert make_job(out, "BEL", "one").current()  # nothing touched while it waits
        # Meanwhile another run finishes this very report (its files and record, copied).
        for name in [p.name for p in wanted.outputs] + [f"{layout.CACHE_DIR}/{wanted.stem}.json"]:
            shutil.copy2(elsewhere / "2023" / name, out / "2023" / name)
        assert wanted.current()
        written = {p.name: p.stat().st_mtime_ns for p in wanted.outputs}
    waiting.join(60)
    assert waiting.exitcode == 0 and wanted.current()
    # It found the report current once it had the lock, and left it alone.
    assert {p.name: p.stat().st_mtime_ns for p in wanted.outputs} == written


def _cli(*argv, env, **kwargs):
    command = [sys.executable, "-c", "from ocanalysis.cli import main; raise SystemExit(main())"]
    return subprocess.Popen(
        [*command, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        **kwargs,
    )


@pytest.fixture
def isolated(tmp_path):
    """Our own TMPDIR (kernel folders), render cache and output folder."""
    folder = Path(tempfile.mkdtemp(prefix="ocanalysis-faults-"))
    (folder / "tmp").mkdir()
    env = {
        **os.environ,
        "TMPDIR": str(folder / "tmp"),
        "OCANALYSIS_CACHE": str(folder / "cache"),
    }
    yield folder, env
    shutil.rmtree(folder, ignore_errors=True)


def recorded(out: Path, names: list[str], formats: tuple[str, ...]) -> list[str]:
    """The countries whose report in ``out`` is whole and recorded for today's inputs."""
    jobs = plan.jobs(plan.select(names), 2023, formats=formats, out=out)
    return [j.iso3 for j in jobs if j.current()]


@pytest.mark.slow
def test_two_renders_into_one_folder_at_once(isolated):
    folder, env = isolated
    out = folder / "reports"
    first = ["Belgium", "Netherlands", "Luxembourg"]
    second = ["Netherlands", "Luxembourg", "France"]  # overlapping
    common = ("--edition", "2023", "--out", str(out), "--jobs", "1", "--quiet")
    runs = [_cli("render", *names, *common, env=env) for names in (first, second, first)]
    results = [(*run.communicate(timeout=300), run.returncode) for run in runs]
    for _, err, status in results:
        assert status == 0, err
        assert "Traceback" not in err
    assert sorted(recorded(out, first + second[-1:], ("html",))) == ["BEL", "FRA", "LUX", "NLD"]
    assert not temporaries(out)
    assert not list((folder / "tmp").glob(KERNEL_FOLDER_PREFIX + "*"))


# ----------------------------------------------------------------------------- disks


@contextlib.contextmanager
def tmpfs(path: Path, size: str):
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (the full-disk and read-only tests)")
    path.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def fill(disk: Path, leave: int = 4096) -> None:
    """Fill the file system of ``disk`` but for about ``leave`` bytes."""
    free = shutil.disk_usage(disk).free
    with open(disk / "filler", "wb") as handle:
        with contextlib.suppress(OSError):
            handle.write(b"\0" * max(0, free - leave))


@pytest.mark.slow
def test_a_full_disk_replaces_no_good_file(isolated):
    folder, env = isolated
    with tmpfs(folder / "disk", "24m") as disk:
        out = disk / "reports"
        args = ("render", "Belgium", "--edition", "2023", "--format", "html,pdf", "--out", str(out))
        first = _cli(*args, "--quiet", env=env)
        assert first.wait(timeout=300) == 0, first.communicate()[1]
        before = {p.name: p.read_bytes() for p in (out / "2023").iterdir() if p.is_file()}
        index = (out / "index.html").read_bytes()
        fill(disk)
        again = _cli(*args, "--quiet", "--force", env=env)
        status, _, err = again.wait(timeout=300), *again.communicate()
        assert status == 1, err
        lines = err.strip().splitlines()
        assert "Traceback" not in err
        assert any(
            line.startswith("failed: Belgium (BEL):") and "No space left on device" in line
            for line in lines
        ), err
        after = {p.name: p.read_bytes() for p in (out / "2023").iterdir() if p.is_file()}
        assert after == before, "a good file was replaced on a full disk"
        assert (out / "index.html").read_bytes() == index
        assert not temporaries(out)


@pytest.mark.slow
def test_a_read_only_folder_up_to_date_is_fine_and_work_is_refused_in_one_line(isolated):
    folder, env = isolated
    with tmpfs(folder / "disk", "24m") as disk:
        out = disk / "reports"
        args = ("render", "Belgium", "--edition", "2023", "--out", str(out), "--quiet")
        first = _cli(*args, env=env)
        assert first.wait(timeout=300) == 0, first.communicate()[1]
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        current = _cli(*args, env=env)
        status, _, err = current.wait(timeout=300), *current.communicate()
        assert status == 0, err
        assert "skipped 1 (unchanged)" in err
        forced = _cli(*args, "--force", env=env)
        status, _, err = forced.wait(timeout=300), *forced.communicate()
        assert status == 2, err
        assert err.strip().splitlines() == [
            f"ocanalysis: error: {out / '2023'}: cannot write reports here (Read-only file "
            "system); choose another folder with --out, or free some space"
        ]


# ----------------------------------------------------------------------------- kill -9


def _processes_of(root: int) -> set[int]:
    import psutil

    try:
        return {p.pid for p in psutil.Process(root).children(recursive=True)}
    except psutil.NoSuchProcess:
        return set()


@pytest.mark.slow
def test_kill_9_leaves_no_process_and_the_next_run_sweeps_what_it_left(isolated):
    import psutil

    folder, env = isolated
    out = folder / "reports"
    run = _cli("render", "--all", "--edition", "2023", "--out", str(out), "--jobs", "2", env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.glob("2023/*.html"))) < 3:
        time.sleep(0.2)
    assert list(out.glob("2023/*.html")), "no report written in two minutes"
    children = _processes_of(run.pid)
    kernel_folders = list((folder / "tmp").glob(KERNEL_FOLDER_PREFIX + "*"))
    # Each worker's kernel's connection file, and the batch's kernel template's socket.
    held = ("kernel.json", "template.sock")
    assert kernel_folders and all(any((f / n).exists() for n in held) for f in kernel_folders)
    assert any((f / "template.sock").exists() for f in kernel_folders)
    os.kill(run.pid, signal.SIGKILL)  # the parent alone, as `kill -9 PID` does
    run.communicate(timeout=30)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(psutil.pid_exists(p) for p in children):
        time.sleep(0.2)
    alive = [p for p in children if psutil.pid_exists(p)]
    with contextlib.suppress(psutil.Error):
        alive = [p for p in alive if psutil.Process(p).status() != psutil.STATUS_ZOMBIE]
    for pid in alive:  # leave nothing running behind a failed test
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    assert not alive, "workers or kernels outlived the renderer killed with -9"

    rerun = _cli("render", "Belgium", "--edition", "2023", "--out", str(out), "-q", env=env)
    assert rerun.wait(timeout=300) == 0, rerun.communicate()[1]
    assert not list((folder / "tmp").glob(KERNEL_FOLDER_PREFIX + "*")), "kernel files left"
    assert not temporaries(out)
    # Every report the killed run left is either whole and recorded or not recorded at all.
    for record in (out / "2023" / ".cache").glob("*.json"):
        iso3 = record.name[:3]
        assert recorded(out, [iso3], ("html",)) == [iso3], f"{iso3}: outputs and record disagree"


# ----------------------------------------------------------------------------- users' files


@pytest.mark.parametrize(
    "name",
    [
        ".notes.tmp",  # a user's hidden scratch file
        ".BEL-belgium.html.tmp",  # a report's name, but no writer in it
        ".draft.0f3a9c-4242.tmp",  # host and pid, no random part
        ".draft.0F3A9C-4242-0f3a9c2e7b1d4a56.tmp",  # upper-case host: not what we write
        ".draft.0f3a9c-4242-0f3a9c2e7b1d4a5.tmp",  # 15 hex digits, not 16
        ".x.0f3a9c-4242-0f3a9c2e7b1d4a56.tmp.tmp",  # our pattern inside, not at its end
    ],
)
def test_the_sweep_never_removes_a_users_file_however_old(tmp_path, name):
    old = time.time() - 30 * 24 * 3600  # a month old: abandoned, were it ours
    for place in (tmp_path, tmp_path / layout.CACHE_DIR):
        place.mkdir(exist_ok=True)
        (place / name).write_text("the user's")
        os.utime(place / name, (old, old))
    layout.remove_temporaries(tmp_path)
    for place in (tmp_path, tmp_path / layout.CACHE_DIR):
        assert (place / name).read_text() == "the user's", f"{place / name} was removed"


# ----------------------------------------------------------------------------- one report's fault


def _batch_in_child(out: Path, fault: str, result) -> None:
    """Run a batch of four reports (fake execution) in which Kenya's meets ``fault``; send back
    the summary's statuses and text."""
    from ocanalysis.render import batch, execute

    names = ["BEL", "NLD", "KEN", "PER"]
    execute.execute = lambda path, _, parameters, **kw: (
        (_fault(fault) if parameters.get("country") == "KEN" else None)
        or notebook_saying(parameters.get("country", "?"))
    )
    jobs = [
        job.Job(c, countries.lookup(c).name, 2023, "unused.ipynb", str(out), ("html",), key="k")
        for c in names
    ]
    jobs = [dataclasses.replace(j, parameters={"country": j.iso3}) for j in jobs]
    if fault == "write":  # Kenya's files cannot be written: an error render() did not expect
        real = job.write_files_atomic

        def write(files, **kwargs):
            if any("KEN" in str(p) for p in files):
                raise UnicodeEncodeError("utf-8", "\udcff", 0, 1, "surrogates not allowed")
            return real(files, **kwargs)

        job.write_files_atomic = write
    summary = batch.run(jobs, workers=2, show_progress=False)
    result.put(
        ([(o.iso3, o.status) for o in summary.outcomes], summary.text(), summary.exit_status)
    )


def _fault(fault: str):
    if fault == "kill":  # the OOM killer: SIGKILL, no clean-up, no exception
        os.kill(os.getpid(), signal.SIGKILL)
    if fault == "exit":  # a library calling os._exit in the worker
        os._exit(7)
    return None


@pytest.mark.parametrize("fault", ["write", "kill", "exit"])
def test_a_report_whose_worker_fails_or_dies_fails_alone_and_nothing_hangs(tmp_path, fault):
    out = tmp_path / "reports"
    result = FORK.Queue()
    child = FORK.Process(target=_batch_in_child, args=(out, fault, result))
    child.start()
    child.join(120)
    hung = child.exitcode is None
    if hung:
        for pid in _processes_of(child.pid) | {child.pid}:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        child.join(10)
    assert not hung, "the batch hung after a worker's fault"
    statuses, text, exit_status = result.get(timeout=5)
    assert exit_status == 1
    statuses = dict(statuses)
    assert len(statuses) == 4 and statuses.pop("KEN") == "failed"
    # Another report in flight when Kenya's worker died may have been written whole before the
    # pool stopped its worker: then its retry finds it current ("skipped"), as a rerun would.
    assert set(statuses.values()) <= {"rendered", "skipped"}, statuses
    innocents = [make_job(out, iso3, "k", formats=("html",)) for iso3 in statuses]
    assert all(j.current() for j in innocents), "a report of the others is not whole and recorded"
    [failure] = [line for line in text.splitlines() if line.startswith("failed: ")]
    assert failure.startswith("failed: Kenya (KEN): "), text
    if fault != "write":
        assert "worker" in failure
    assert not temporaries(out)


# ----------------------------------------------------------------------------- warm kernels

# Changes in place everything the library shares between reports that a notebook can reach:
# every table of the cached audit and sensitivity analysis, and of the edition's shared results
# (classification, changes, peers), and the population table.
MUTATE_SHARED = """\
import dataclasses
import pandas as pd
from ocanalysis import population
from ocanalysis.analysis import audit, sensitivity
from ocanalysis.analysis.edition import edition_analysis

def spoil(value, seen=None):
    seen = set() if seen is None else seen
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, pd.DataFrame):
        for column in list(value.columns):
            value[column] = 1 if pd.api.types.is_numeric_dtype(value[column]) else "spoilt"
    elif isinstance(value, pd.Series):
        value[:] = 1 if pd.api.types.is_numeric_dtype(value) else "spoilt"
    elif isinstance(value, dict):
        for item in list(value.values()):
            spoil(item, seen)
        value.clear()
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            spoil(getattr(value, field.name), seen)

shared = edition_analysis(edition)
for value in (
    audit.cached_run(edition),
    sensitivity.cached_analysis(edition),
    shared.audit,
    shared.sensitivity,
    shared.classification,
    shared.change_from(2021),
    shared.compare(country),
    population.table(),
):
    spoil(value)
audit.cached_run(edition).rank_uncertainty["median"] = 1
"""


@pytest.mark.slow
def test_a_notebook_that_changes_shared_results_changes_no_later_report(isolated, monkeypatch):
    """Warm is cold: a user notebook spoils every shared result for Belgium; the Netherlands'
    report rendered next on the same kernel is the one a cold kernel renders, byte for byte."""
    from ocanalysis.render import batch, user_notebook

    from .test_user_notebook import write_notebook

    folder, env = isolated
    monkeypatch.setenv("OCANALYSIS_CACHE", env["OCANALYSIS_CACHE"])
    monkeypatch.setenv("TMPDIR", env["TMPDIR"])
    spoiler = user_notebook.check(write_notebook(folder / "spoil.ipynb", MUTATE_SHARED))
    warm, cold = folder / "warm", folder / "cold"
    spoiling = plan.notebook_jobs(
        plan.select(["Belgium"]), 2023, notebook=spoiler, formats=("html",), out=warm
    )
    after = plan.jobs(plan.select(["Netherlands"]), 2023, formats=("html",), out=warm)
    summary = batch.run([*spoiling, *after], workers=1, show_progress=False)  # one kernel
    assert summary.count("rendered") == 2, summary.text()
    alone = plan.jobs(plan.select(["Netherlands"]), 2023, formats=("html",), out=cold)
    assert batch.run(alone, workers=1, show_progress=False).count("rendered") == 1
    warm_html = after[0].path("html").read_bytes()
    assert warm_html == alone[0].path("html").read_bytes(), "a notebook changed a later report"


# ----------------------------------------------------------------------------- reproducible


@pytest.mark.slow
def test_every_kind_of_report_rendered_twice_from_cold_is_the_same_bytes(isolated, monkeypatch):
    """Country, world, continent, region, comparison and indicator: two runs, each on a kernel
    of its own (the first computing the audit, the second reading it back), give the same
    HTML."""
    from ocanalysis.render import batch

    folder, env = isolated
    monkeypatch.setenv("OCANALYSIS_CACHE", env["OCANALYSIS_CACHE"])
    monkeypatch.setenv("TMPDIR", env["TMPDIR"])
    runs = []
    for name in ("first", "second"):
        out = folder / name
        jobs = plan.plan(
            ["Belgium"],
            2023,
            formats=("html",),
            out=out,
            world=True,
            continents=["Europe"],
            regions=["Western Europe"],
            compare=[["Belgium", "Netherlands"]],
            indicators=["law_enforcement"],
        )
        assert sorted(j.kind for j in jobs) == [
            "compare",
            "continent",
            "country",
            "indicator",
            "region",
            "world",
        ]
        summary = batch.run(jobs, workers=1, show_progress=False)
        assert summary.count("rendered") == 6, summary.text()
        runs.append({j.stem: j.path("html").read_bytes() for j in jobs})
    first, second = runs
    differ = [stem for stem in first if first[stem] != second[stem]]
    assert not differ, f"not reproducible: {differ}"


@pytest.mark.slow
@pytest.mark.parametrize("read_only", ["edition folder", "record folder"])
def test_a_read_only_edition_or_record_folder_is_refused_before_any_work(isolated, read_only):
    """Either of the two folders a render writes (the edition's, its .cache) read-only while the
    other is writable: refused in one line, exit 2, before any work."""
    folder, env = isolated
    with tmpfs(folder / "disk", "8m") as disk:
        edition = disk / "reports" / "2023"
        records = edition / layout.CACHE_DIR
        records.mkdir(parents=True)
        with tmpfs(records, "8m"):  # the record folder: a file system of its own
            frozen = disk if read_only == "edition folder" else records
            subprocess.run(["mount", "-o", "remount,ro", str(frozen)], check=True)
            started = time.monotonic()
            args = ("render", "Belgium", "--edition", "2023", "--out", str(disk / "reports"))
            run = _cli(*args, "-q", env=env)
            status, _, err = run.wait(timeout=300), *run.communicate()
            elapsed = time.monotonic() - started
            subprocess.run(["mount", "-o", "remount,rw", str(frozen)], check=False)
    assert status == 2, err
    assert "Traceback" not in err
    assert err.strip().splitlines() == [
        f"ocanalysis: error: {edition}: cannot write reports here (Read-only file "
        "system); choose another folder with --out, or free some space"
    ]
    assert elapsed < 30, "work was done before the refusal"
    assert not list((folder / "tmp").glob(KERNEL_FOLDER_PREFIX + "*"))
