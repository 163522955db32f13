"""The rendering processes: what they import, and how a stuck pool is stopped."""

from __future__ import annotations


def test_rendering_processes_skip_the_slow_iri_checker_and_still_validate_notebooks():
    """Importing ocanalysis.render first keeps rfc3987_syntax (3 s of Lark grammars) unloaded;
    nbformat still validates, and still rejects an invalid notebook."""
    import subprocess
    import sys

    code = (
        "import sys, ocanalysis.render, nbformat\n"
        "nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('1')])\n"
        "nbformat.validate(nb)\n"
        "nb.cells[0]['cell_type'] = 'nonsense'\n"
        "try:\n"
        "    nbformat.validate(nb)\n"
        "except nbformat.ValidationError:\n"
        "    print('invalid rejected')\n"
        "print(sys.modules.get('rfc3987_syntax', 'absent'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.split("\n")[:2] == ["invalid rejected", "None"]


def _idle_worker():
    from ocanalysis.render import batch

    batch._worker_init()
    import time

    time.sleep(120)


def _stubborn_worker():
    import signal
    import time

    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a worker wedged where SIGTERM cannot stop it
    time.sleep(120)


def test_stopping_a_pool_signals_its_workers_and_kills_those_that_linger(monkeypatch):
    """Ctrl-C or a broken pool: the workers get SIGTERM (they kill their kernel and exit), one
    still there after STOP_GRACE gets SIGKILL, and the executor is let go without waiting."""
    import time

    from ocanalysis.render import batch

    monkeypatch.setattr(batch, "STOP_GRACE", 0.5)
    targets = (_idle_worker, _idle_worker, _stubborn_worker)
    workers = [batch._context().Process(target=t, daemon=True) for t in targets]
    for process in workers:
        process.start()

    class Executor:
        _processes = {process.pid: process for process in workers}
        shut_down = None

        def shutdown(self, wait=True, cancel_futures=False):
            self.shut_down = (wait, cancel_futures)

    executor = Executor()
    time.sleep(1.0)  # let the workers install their signal handlers
    started = time.monotonic()
    try:
        batch._stop(executor)
        assert time.monotonic() - started < 10
        assert [process.exitcode for process in workers] == [143, 143, -9]  # 128 + SIGTERM
        assert executor.shut_down == (False, True)
    finally:
        for process in workers:
            process.kill()
