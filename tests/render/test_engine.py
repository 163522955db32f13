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


def test_stopping_a_pool_whose_terminate_hangs_signals_the_workers(monkeypatch):
    """If Pool.terminate() never returns, the workers are stopped directly (SIGTERM, which they
    answer by killing their kernel and exiting) and the pool is reported as not joinable."""
    import threading
    import time

    from ocanalysis.render import batch

    monkeypatch.setattr(batch, "STOP_GRACE", 0.5)
    workers = [batch._context().Process(target=_idle_worker, daemon=True) for _ in range(2)]
    for process in workers:
        process.start()
    hang = threading.Event()

    class StuckPool:
        _pool = workers

        def terminate(self):
            hang.wait(30)

    time.sleep(1.0)  # let the workers install their signal handlers
    started = time.monotonic()
    try:
        assert batch._stop(StuckPool()) is False
        assert time.monotonic() - started < 10
        assert [process.exitcode for process in workers] == [143, 143]  # 128 + SIGTERM
    finally:
        hang.set()
        for process in workers:
            process.kill()
