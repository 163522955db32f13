"""The kernel template: a batch's kernels forked from one warm process, and the batch as before
when the template is missing, dead or sent nonsense."""

from __future__ import annotations

import os
import signal
import socket
import time

import pytest

from ocanalysis.render import batch, kernel, kernel_template, plan
from ocanalysis.render.kernel_template import Template, running

COUNTRIES = ["Belgium", "Peru"]
START = Template.start  # the real one, for tests that replace it


def _gone(pid: int, within: float = 5.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not running(pid):
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def template():
    started = Template.start([])
    assert started is not None, "the template did not start"
    yield started
    started.stop()


def _render(out, monkeypatch, forks: list | None = None, start=None, lang: str = "en"):
    """Render COUNTRIES on two workers; ``forks`` collects the kernels the template forked."""
    if start is not None:
        monkeypatch.setattr(
            Template, "start", classmethod(lambda cls, editions=(), lang=None: start())
        )
    if forks is not None:
        record = out.parent / f"{out.name}-forks"
        real = kernel_template.fork_kernel

        def recording(*args, **kwargs):  # in a worker: written down for the test to read
            pid = real(*args, **kwargs)
            with open(record, "a") as file:
                file.write(f"{pid}\n")
            return pid

        monkeypatch.setattr(kernel_template, "fork_kernel", recording)
    jobs = plan.plan(COUNTRIES, 2023, formats=("html",), out=out, lang=lang)
    outcomes = batch.run_local(jobs, workers=2, progress=lambda outcome: None)
    assert [o.status for o in outcomes] == ["rendered", "rendered"], [o.error for o in outcomes]
    if forks is not None:
        forks += [int(line) for line in record.read_text().split()]
    return {path.name: path.read_bytes() for path in sorted((out / "2023").glob("*.html"))}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_forked_kernels_render_the_same_bytes_as_started_ones(tmp_path, monkeypatch, lang):
    forks: list[int] = []
    forked = _render(tmp_path / "forked", monkeypatch, forks, lang=lang)
    assert len(forks) == 2, "each worker's kernel is a fork of the template"
    assert all(_gone(pid) for pid in forks), "a forked kernel outlived its batch"
    started = _render(tmp_path / "started", monkeypatch, start=lambda: None, lang=lang)
    assert len(forked) == 2 and forked == started


def test_a_batch_renders_when_its_template_died(tmp_path, monkeypatch):
    def dead():
        template = START([])
        template.process.kill()
        template.process.wait()
        return template

    assert len(_render(tmp_path / "out", monkeypatch, start=dead)) == 2
    assert kernel.kernel_pids() == []


def test_a_batch_renders_when_its_template_never_listens(tmp_path, monkeypatch):
    def deaf():
        template = START([])
        template.stop()  # its socket and folder gone: workers start their kernels themselves
        return template

    assert len(_render(tmp_path / "out", monkeypatch, start=deaf)) == 2


def test_nonsense_on_the_socket_is_ignored_and_the_next_request_served(template):
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(30)
        connection.connect(template.socket_path)
        connection.sendall(b'{"connection_file": 3}\n')
        assert connection.recv(100) == b""  # closed, unanswered
    warm = kernel.WarmKernel("python3")
    try:
        warm.adopt(template.socket_path)
        warm.ready()
        assert running(warm.pid) and warm.alive()
    finally:
        warm.kill()
    assert _gone(warm.pid or 0) or warm.pid is None


def _adopt_and_wait(socket_path, queue):
    warm = kernel.WarmKernel("python3")
    warm.adopt(socket_path)
    queue.put(warm.pid)
    time.sleep(120)


def test_a_forked_kernel_exits_when_its_worker_is_killed(template):
    context = batch._context()
    queue = context.Queue()
    worker = context.Process(target=_adopt_and_wait, args=(template.socket_path, queue))
    worker.start()
    try:
        pid = queue.get(timeout=120)
        assert running(pid)
        os.kill(worker.pid, signal.SIGKILL)  # the OOM killer
        worker.join()
        assert _gone(pid, within=5 * kernel_template.WATCH_INTERVAL + 2)
    finally:
        if worker.is_alive():
            worker.kill()


def test_stopping_the_template_kills_its_kernels_and_removes_its_folder():
    template = Template.start([])
    warm = kernel.WarmKernel("python3")
    warm.adopt(template.socket_path)
    pid = warm.pid
    template.stop()
    assert _gone(pid)
    assert not template.folder.exists()
    warm.kill()


def test_a_single_report_renders_on_a_kernel_forked_from_the_template(tmp_path, monkeypatch):
    """``ocanalysis render Belgium``: the template, started first, forks the report's kernel in
    this process; the report is the same bytes as on a kernel started the usual way."""
    forks: list[int] = []
    real = kernel_template.fork_kernel

    def recording(*args, **kwargs):
        forks.append(real(*args, **kwargs))
        return forks[-1]

    monkeypatch.setattr(kernel_template, "fork_kernel", recording)
    pages = {}
    for name, template in (("forked", START(["2023"])), ("started", None)):
        jobs = plan.plan(COUNTRIES[:1], 2023, formats=("html",), out=tmp_path / name)
        try:
            outcomes = batch.run_local(jobs, 1, lambda outcome: None, template)
        finally:
            if template is not None:
                template.stop()
        assert [o.status for o in outcomes] == ["rendered"], [o.error for o in outcomes]
        pages[name] = (tmp_path / name / "2023" / "BEL-belgium.html").read_bytes()
    assert len(forks) == 1, "the report's kernel is a fork of the template"
    assert pages["forked"] == pages["started"]
    assert kernel.kernel_pids() == []


def test_a_template_stops_at_once_while_warming_up(capfd):
    """A render that needs no kernel (bad input, every report current) stops its template before
    the warm-up ends: it is not waited for, and says nothing."""
    template = Template.start(["2023"])
    template.stop()
    assert template.process.returncode == -signal.SIGTERM, "stopped during its warm-up"
    assert not template.folder.exists()
    assert capfd.readouterr().err == ""


def test_a_template_that_served_stops_quietly(capfd):
    template = Template.start([])
    warm = kernel.WarmKernel("python3")
    warm.adopt(template.socket_path)
    template.stop()
    warm.kill()
    assert template.process.returncode == 0  # left its loop, killed its kernels, exited
    assert "Traceback" not in capfd.readouterr().err


def test_bad_input_leaves_no_template_behind(tmp_path):
    """The renderer starts its template before it checks its arguments: a refusal stops it."""
    import subprocess
    import sys

    import psutil

    env = {**os.environ, "TMPDIR": str(tmp_path)}
    command = [sys.executable, "-m", "ocanalysis", "render", "Atlantis", "--out", str(tmp_path)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert "Atlantis" in done.stderr
    assert not list(tmp_path.glob(kernel.KERNEL_FOLDER_PREFIX + "*"))

    def ours(process) -> bool:
        try:
            return process.environ().get("TMPDIR") == str(tmp_path)
        except psutil.Error:
            return False

    assert not [p for p in psutil.process_iter() if ours(p)], "a process of the render is left"


def _run_in(warm: kernel.WarmKernel, code: str) -> str:
    """What ``code`` prints in the kernel."""
    from jupyter_core.utils import run_sync

    async def run() -> str:
        printed = []
        msg_id = warm.kc.execute(code)
        while True:
            message = await warm.kc.get_iopub_msg(timeout=60)
            if message["parent_header"].get("msg_id") != msg_id:
                continue
            if message["msg_type"] == "stream":
                printed.append(message["content"]["text"])
            elif message["msg_type"] == "error":
                raise AssertionError(message["content"]["evalue"])
            elif (
                message["msg_type"] == "status" and message["content"]["execution_state"] == "idle"
            ):
                return "".join(printed)

    return run_sync(run)()


MAP_HITS = """\
from ocanalysis.report import sections
before = sections._shared_world_map_html.cache_info().hits
sections._shared_world_map_html("resilience", 2023, {lang!r})
print(sections._shared_world_map_html.cache_info().hits - before)
"""


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_the_template_draws_the_maps_in_the_reports_language(lang):
    """A French batch's kernels find the French maps drawn (by the template, before the fork)."""
    template = Template.start(["2023"], lang)
    warm = kernel.WarmKernel("python3")
    try:
        warm.adopt(template.socket_path)
        warm.ready()
        assert _run_in(warm, MAP_HITS.format(lang=lang)).strip() == "1", "drawn in the kernel"
    finally:
        warm.kill()
        template.stop()
