"""Rendering for real (slow): layout, index, self-contained HTML, A4 PDF with page numbers and
text, hostile narrative escaped, a failing country, the cache and --force, warm == cold, Ctrl-C
with no kernel left, and a Dask LocalCluster."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import FIXTURES

pytestmark = pytest.mark.slow

HOSTILE = (
    "<script>alert(1)</script> <img src=x onerror=alert(1)> "
    '<a href="javascript:alert(1)">click here</a>'
)
PERU = FIXTURES / "profiles" / "peru_2023.txt"


def hostile_peru() -> str:
    text = PERU.read_text(encoding="utf-8")
    marker = "Synthetic fixture text: Peru is described"
    assert marker in text
    return text.replace(marker, f"Synthetic fixture text: {HOSTILE} Peru is described", 1)


def render(*argv, env=None, **kwargs) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", "from ocanalysis.cli import main; raise SystemExit(main())"]
    return subprocess.run(
        [*command, "render", *argv], capture_output=True, text=True, env=env, timeout=600, **kwargs
    )


@pytest.fixture(scope="module")
def workdir():
    # Our own folder, not tmp_path: other pytest sessions running at the same time on this
    # machine prune pytest's numbered temporary folders, reports included.
    folder = Path(tempfile.mkdtemp(prefix="ocanalysis-render-test-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def tmp_out(workdir, request):
    folder = workdir / re.sub(r"\W+", "-", request.node.name)
    folder.mkdir()
    return folder


@pytest.fixture(scope="module")
def env(workdir):
    return {**os.environ, "OCANALYSIS_CACHE": str(workdir / "cache")}


@pytest.fixture(scope="module")
def batch(workdir, env):
    """Belgium (cold kernel), Luxembourg (fails: Peru's profile under its name), Peru (warm,
    after a failed report, with a hostile narrative) — one worker, HTML and PDF."""
    profiles = workdir / "profiles"
    profiles.mkdir()
    (profiles / "PER-peru.txt").write_text(hostile_peru(), encoding="utf-8")
    (profiles / "luxembourg.txt").write_text(PERU.read_text(encoding="utf-8"), encoding="utf-8")
    out = workdir / "reports"
    started = time.perf_counter()
    result = render(
        "Belgium",
        "Luxembourg",
        "Peru",
        "--edition",
        "2023",
        "--format",
        "html,pdf",
        "--profiles",
        str(profiles),
        "--out",
        str(out),
        "--jobs",
        "1",
        env=env,
    )
    return out, result, profiles, time.perf_counter() - started


def test_failed_country_exits_1_others_done_partial_notebook_kept(batch):
    out, result, _, _ = batch
    assert result.returncode == 1, result.stderr
    assert "rendered 2, skipped 0 (unchanged), failed 1" in result.stderr
    assert "failed: Luxembourg (LUX)" in result.stderr and "Traceback" not in result.stderr
    folder = out / "2023"
    assert f"(partial notebook: {folder / 'LUX-luxembourg.failed.ipynb'})" in result.stderr
    partial = json.loads((folder / "LUX-luxembourg.failed.ipynb").read_text())
    errors = [
        o for c in partial["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"
    ]
    assert errors and "Peru" in errors[0]["evalue"]
    assert not (folder / "LUX-luxembourg.html").exists()


def test_layout_file_names_and_no_temporaries(batch):
    out, *_ = batch
    names = sorted(p.name for p in (out / "2023").iterdir() if not p.name.startswith("."))
    assert names == [
        "BEL-belgium.html",
        "BEL-belgium.ipynb",
        "BEL-belgium.pdf",
        "LUX-luxembourg.failed.ipynb",
        "PER-peru.html",
        "PER-peru.ipynb",
        "PER-peru.pdf",
    ]
    assert not [p for p in out.rglob("*") if ".tmp" in p.name]


def test_index_links_every_rendered_report(batch):
    out, *_ = batch
    page = (out / "index.html").read_text()
    links = set(re.findall(r'href="([^"]+)"', page))
    assert links == {
        "2023/BEL-belgium.html",
        "2023/BEL-belgium.pdf",
        "2023/PER-peru.html",
        "2023/PER-peru.pdf",
    }
    assert all((out / link).exists() for link in links)


def test_html_states_the_profile_figures_and_hides_code(batch):
    out, *_ = batch
    html = (out / "2023" / "BEL-belgium.html").read_text()
    for phrase in (
        "129th of 193 countries",
        "29th of 44 European countries",
        "7th of 11 Western European countries",
        "25th of 193 countries",
        ">4.43<",
        ">7.04<",
    ):
        assert phrase in html
    assert "report.context(" not in html and "sections.summary" not in html  # no code
    assert "jp-InputArea-editor" not in html
    assert "not available" not in html  # every section rendered


def test_html_is_self_contained(batch):
    out, *_ = batch
    for path in (out / "2023").glob("*.html"):
        html = path.read_text()
        remote = re.findall(
            r"<(?:script|link|img)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", html, re.I
        )
        assert not remote, path
        assert "<script" not in html.lower()
        assert re.findall(r'<img[^>]+src="data:image/(?:svg\+xml|png);base64,', html)
        # Every in-page link of the table of contents has its target.
        ids = set(re.findall(r'id="([^"]+)"', html))
        for target in re.findall(r'href="#([^"]+)"', html):
            assert target in ids, target


def test_hostile_narrative_is_escaped_in_html(batch):
    out, *_ = batch
    html = (out / "2023" / "PER-peru.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    # (A quote inside text needs no escaping; the exporter may print it as `"` or `&quot;`.)
    assert re.search(r"&lt;a href=(&quot;|\")javascript:alert\(1\)(&quot;|\")&gt;", html)
    # No element made of the hostile text: no script, no img with a handler, no javascript: link.
    assert "<script" not in html.lower()
    assert not re.search(r"<img\b[^>]*onerror", html, re.I)
    assert not re.search(r"<a\b[^>]*href=[\"']?javascript:", html, re.I)


def test_pdf_is_a4_numbered_with_selectable_text_and_hostile_text_inert(batch):
    from pypdf import PdfReader

    out, *_ = batch
    reader = PdfReader(out / "2023" / "PER-peru.pdf")
    pages = len(reader.pages)
    assert pages >= 4
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 595.3) < 1.5 and abs(height - 841.9) < 1.5  # A4 in points
    texts = [page.extract_text() for page in reader.pages]
    for number, text in enumerate(texts, start=1):
        assert re.search(rf"\bPage {number}\s*$", text), text[-200:]  # the footer
    everything = " ".join(" ".join(texts).split())
    assert "32nd of 193 countries" in everything
    assert "<script>alert(1)</script>" in everything  # shown as text, never interpreted
    for page in reader.pages:  # no JavaScript and no javascript: links in the PDF
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            assert not action or "/JS" not in action.get_object()
    assert "/JavaScript" not in str(reader.trailer["/Root"].get_object())


def test_rerun_skips_unchanged_and_force_renders_again(batch, env):
    out, _, profiles, _ = batch
    folder = out / "2023"
    before = {p.name: p.stat().st_mtime_ns for p in folder.glob("*.html")}
    again = render(
        "Belgium",
        "Peru",
        "--edition",
        "2023",
        "--format",
        "html,pdf",
        "--profiles",
        str(profiles),
        "--out",
        str(out),
        env=env,
    )
    assert again.returncode == 0, again.stderr
    assert "rendered 0, skipped 2 (unchanged), failed 0" in again.stderr
    assert {p.name: p.stat().st_mtime_ns for p in folder.glob("*.html")} == before
    forced = render(
        "Belgium", "--edition", "2023", "--format", "html", "--out", str(out), "--force", env=env
    )
    assert forced.returncode == 0 and "rendered 1" in forced.stderr
    assert (folder / "BEL-belgium.html").stat().st_mtime_ns != before["BEL-belgium.html"]


def test_warm_report_is_identical_to_cold(batch, env, tmp_out):
    out, _, profiles, _ = batch
    # Peru in the batch ran on a kernel that had rendered Belgium and then failed Luxembourg.
    cold = render(
        "Peru",
        "--edition",
        "2023",
        "--format",
        "html",
        "--profile",
        str(profiles / "PER-peru.txt"),
        "--out",
        str(tmp_out),
        env=env,
    )
    assert cold.returncode == 0, cold.stderr
    warm_html = (out / "2023" / "PER-peru.html").read_bytes()
    cold_html = (tmp_out / "2023" / "PER-peru.html").read_bytes()
    assert warm_html == cold_html


def _kernel_pids(root_pid: int) -> set[int]:
    import psutil

    try:
        children = psutil.Process(root_pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return set()
    # Kernels started by jupyter_client, and the batch's kernel template with its forks.
    marks = ("ipykernel", "kernel_template")
    return {c.pid for c in children if any(m in " ".join(c.cmdline()) for m in marks)}


def test_ctrl_c_stops_cleanly_with_no_kernel_left(tmp_out, env):
    import psutil

    command = [
        sys.executable,
        "-c",
        "from ocanalysis.cli import main; raise SystemExit(main())",
        "render",
        "--all",  # far more work than the few seconds before Ctrl-C: a region can finish first
        "--edition",
        "2023",
        "--jobs",
        "2",
        "--out",
        str(tmp_out),
    ]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
        # As from a terminal: a test run started in the background (`cmd &` in a script) ignores
        # SIGINT, and a child inherits that, so Ctrl-C would never reach the render.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    kernels: set[int] = set()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(kernels) < 2 and process.poll() is None:
        kernels |= _kernel_pids(process.pid)
        time.sleep(0.2)
    assert kernels, "no kernel started"
    time.sleep(1.0)
    kernels |= _kernel_pids(process.pid)
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal sends
    try:
        _, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        tree = [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]
        states = [f"{p.pid} {p.status()} {' '.join(p.cmdline())[:80]}" for p in tree]
        for pid in {process.pid, *kernels}:  # leave nothing running behind a failed test
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)
        pytest.fail("render did not stop within 60 s of Ctrl-C:\n" + "\n".join(states))
    assert process.returncode == 130, err
    assert "interrupted" in err.decode() and "Traceback" not in err.decode()
    time.sleep(0.5)
    alive = [
        pid
        for pid in kernels
        if psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    ]
    assert not alive, f"kernels left running: {alive}"
    assert not [p for p in tmp_out.rglob("*") if ".tmp" in p.name]


def test_dask_local_cluster(tmp_out, env, monkeypatch, capsys):
    distributed = pytest.importorskip("distributed")
    from ocanalysis.cli import main
    from ocanalysis.render import engine

    monkeypatch.setenv("OCANALYSIS_CACHE", env["OCANALYSIS_CACHE"])
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=False,
        protocol="tcp",
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        status = main(
            [
                "render",
                "Belgium",
                "--edition",
                "2023",
                "--format",
                "html",
                "--out",
                str(tmp_out),
                "--dask",
                cluster.scheduler_address,
                "--quiet",
            ]
        )
    assert status == 0, capsys.readouterr().err
    assert (tmp_out / "2023" / "BEL-belgium.html").exists()
    assert (tmp_out / "2023" / "BEL-belgium.ipynb").exists()
    assert engine.kernel_pids() == []  # the worker's warm kernel was stopped


def test_report_in_headless_chromium_with_network_blocked(batch, chromium):
    from chromium_cdp import inspect

    out, *_ = batch
    result = inspect(out / "2023" / "PER-peru.html", chromium)  # the hostile narrative
    assert result["failed_requests"] == []
    assert result["console_errors"] == []
    assert result["dialogs"] == [] and not result["census"]["alerted"]
    assert result["census"]["scripts"] == 0 and result["census"]["links"] == 0
    images = result["census"]["images"]
    assert len(images) >= 7
    assert all(complete and width > 0 and height > 0 for complete, width, height in images)
    assert all(url.startswith(("file:", "data:")) for url in result["requests"])


def test_browser_check_catches_a_page_that_misbehaves(tmp_out, chromium):
    from chromium_cdp import inspect

    page = tmp_out / "bad.html"
    page.write_text(
        '<html><body><img src="https://example.org/x.png">'
        '<img src="data:image/png;base64,bm90IGEgcG5n">'
        "<script>console.error('boom'); alert(1);</script></body></html>"
    )
    result = inspect(page, chromium)
    assert result["failed_requests"]
    assert result["console_errors"]
    assert result["census"]["alerted"]
    assert not all(width > 0 for _, width, _ in result["census"]["images"])
