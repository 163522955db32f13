"""A papermill engine that keeps one kernel alive per worker and reuses it between notebooks.

Starting a kernel and importing pandas and matplotlib costs about two seconds; a report costs
less. :class:`WarmEngine` (registered as the papermill engine ``ocanalysis_warm`` through the
``papermill.engine`` entry point) starts a kernel on first use, and before every later notebook
resets it to a cold kernel's state: ``%reset -f`` empties the namespace and the output history,
open figures are closed and the execution counter starts again at 1. Imported modules stay
loaded — that is the saving — so library code must keep no per-report state at module level.
A kernel that dies or errors during a reset is replaced by a fresh one.

One kernel per thread (a Dask worker runs tasks in threads); :func:`shutdown_all` stops them all
and runs at exit.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import tempfile
import threading

# reset(new_session=True): what %reset -f does (namespace, output history) plus a new history
# session and the execution counter back at 1; it ends with a full garbage collection. Then
# gc.freeze(): what survives a reset (modules, per-edition caches) is long-lived, so later
# collections skip it: a reset then costs a few milliseconds instead of a tenth of a second
# (it would otherwise walk pandas', matplotlib's and our caches' objects every time).
RESET_CODE = """\
import sys as _sys
if "matplotlib.pyplot" in _sys.modules:
    _sys.modules["matplotlib.pyplot"].close("all")
del _sys
get_ipython().reset(new_session=True)
__import__("gc").freeze()
"""

RESET_TIMEOUT = 60


class WarmKernelError(RuntimeError):
    """The warm kernel could not be reset; it is replaced."""


def _kill_and_reap(pid: int) -> None:
    """SIGKILL the kernel's session (the process alone if that fails) and reap it."""
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
            break
        except (ProcessLookupError, PermissionError):
            continue
    try:
        os.waitpid(pid, 0)
    except (ChildProcessError, OSError):
        pass


class WarmKernel:
    """One kernel process and its client, reused for notebook after notebook."""

    def __init__(self, kernel_name: str, start_timeout: float = 60):
        from jupyter_client.manager import AsyncKernelManager

        self.kernel_name = kernel_name
        self.start_timeout = start_timeout
        # IPC (Unix sockets) rather than TCP: local, no open ports, no plain-text warning.
        self._socket_dir = tempfile.mkdtemp(prefix="ocanalysis-kernel-")
        self.km = AsyncKernelManager(
            kernel_name=kernel_name, transport="ipc", ip=os.path.join(self._socket_dir, "k")
        )
        self.kc = None
        self.pid: int | None = None
        self.used = 0

    def start(self) -> None:
        from nbclient.util import run_sync

        # No history database: nothing to share between kernels, nothing to lock.
        run_sync(self.km.start_kernel)(extra_arguments=["--HistoryManager.enabled=False"])
        process = getattr(self.km.provisioner, "process", None)
        self.pid = getattr(process, "pid", None)
        self.kc = self.km.client()
        self.kc.start_channels()
        run_sync(self.kc.wait_for_ready)(timeout=self.start_timeout)

    def alive(self) -> bool:
        from nbclient.util import run_sync

        return self.kc is not None and bool(run_sync(self.km.is_alive)())

    def reset(self) -> None:
        """Bring the kernel back to a cold kernel's state (see the module's docstring)."""
        from nbclient.util import run_sync

        async def _reset():
            msg_id = self.kc.execute(RESET_CODE, silent=True, store_history=False)
            while True:
                reply = await self.kc.get_shell_msg(timeout=RESET_TIMEOUT)
                if reply["parent_header"].get("msg_id") == msg_id:
                    return reply["content"]

        content = run_sync(_reset)()
        if content.get("status") != "ok":
            raise WarmKernelError(f"kernel reset failed: {content.get('evalue', '')}")

    def kill_hard(self) -> None:
        """Kill the kernel without touching its sockets or any event loop: safe in a signal
        handler, which may interrupt an event loop this thread is running (the gentle
        :meth:`kill` would then wait on that loop forever)."""
        pid, self.pid, self.kc = self.pid, None, None
        if pid:
            _kill_and_reap(pid)
        connection_file = getattr(self.km, "connection_file", "")
        if connection_file and os.path.exists(connection_file):
            os.unlink(connection_file)
        shutil.rmtree(self._socket_dir, ignore_errors=True)

    def kill(self) -> None:
        """Stop the kernel now, with everything it started (it runs in its own session)."""
        if self.kc is not None:
            try:
                self.kc.stop_channels()
            except Exception:  # closing sockets of a dead kernel may fail; the kill below matters
                pass
            self.kc = None
        if self.pid:
            _kill_and_reap(self.pid)
            self.pid = None
        try:
            from nbclient.util import run_sync

            run_sync(self.km.cleanup_resources)()
        except Exception:  # connection files of a killed kernel; nothing left to do
            pass
        shutil.rmtree(self._socket_dir, ignore_errors=True)


_lock = threading.Lock()
_kernels: dict[int, WarmKernel] = {}


def _kernel_for_thread(kernel_name: str, start_timeout: float) -> WarmKernel:
    """This thread's warm kernel, started or replaced when needed, and reset when reused."""
    key = threading.get_ident()
    with _lock:
        kernel = _kernels.get(key)
    if kernel is not None and kernel.kernel_name == kernel_name:
        try:
            if kernel.alive():
                kernel.reset()
                kernel.used += 1
                return kernel
        except Exception:  # a wedged or dead kernel: replace it below
            pass
        kernel.kill()
    elif kernel is not None:
        kernel.kill()
    kernel = WarmKernel(kernel_name, start_timeout)
    with _lock:
        _kernels[key] = kernel
    kernel.start()
    kernel.used = 1
    return kernel


def discard_thread_kernel() -> None:
    """Kill this thread's kernel (after a failed notebook, so the next starts clean).

    >>> discard_thread_kernel()  # this thread has no warm kernel: nothing to do
    >>> threading.get_ident() in _kernels
    False
    """
    with _lock:
        kernel = _kernels.pop(threading.get_ident(), None)
    if kernel is not None:
        kernel.kill()


def shutdown_all(*, hard: bool = False) -> None:
    """Kill every warm kernel of this process (``hard``: from a signal handler, see
    :meth:`WarmKernel.kill_hard`).

    >>> shutdown_all()
    >>> kernel_pids()
    []
    """
    if hard:
        # No lock: the handler may have interrupted this very thread while it held it.
        kernels = list(_kernels.values())
        _kernels.clear()
        for kernel in kernels:
            kernel.kill_hard()
        return
    with _lock:
        kernels = list(_kernels.values())
        _kernels.clear()
    for kernel in kernels:
        kernel.kill()


def kernel_pids() -> list[int]:
    """Process ids of this process's warm kernels (tests check none outlives a batch).

    >>> kernel_pids()  # no warm kernel outlives a batch, so none here
    []
    """
    with _lock:
        return [k.pid for k in _kernels.values() if k.pid]


atexit.register(shutdown_all)


class WarmEngine:
    """papermill engine ``ocanalysis_warm``: nbclient execution on a reused kernel.

    It follows papermill's ``Engine`` interface without importing papermill at module level:
    papermill imports this module while registering its entry points, so a top-level import of
    papermill here would be circular.
    """

    @classmethod
    def execute_notebook(cls, nb, kernel_name, **kwargs):
        from papermill.engines import Engine

        # Engine.execute_notebook wraps the notebook in papermill's execution manager and calls
        # cls.execute_managed_notebook (below).
        return Engine.execute_notebook.__func__(cls, nb, kernel_name, **kwargs)

    @classmethod
    def nb_kernel_name(cls, nb, name=None):
        from papermill.engines import nb_kernel_name

        return nb_kernel_name(nb, name)

    @classmethod
    def nb_language(cls, nb, language=None):
        from papermill.engines import nb_language

        return nb_language(nb, language)

    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man,
        kernel_name,
        log_output=False,
        stdout_file=None,
        stderr_file=None,
        start_timeout=60,
        execution_timeout=None,
        **kwargs,
    ):
        from papermill.clientwrap import PapermillNotebookClient
        from papermill.utils import merge_kwargs, remove_args

        kernel = _kernel_for_thread(kernel_name, start_timeout)
        kwargs = remove_args(["input_path"], **kwargs)
        safe_kwargs = remove_args(["timeout", "startup_timeout"], **kwargs)
        final_kwargs = merge_kwargs(
            safe_kwargs,
            timeout=execution_timeout if execution_timeout else kwargs.get("timeout"),
            startup_timeout=start_timeout,
            kernel_name=kernel_name,
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
        )
        client = PapermillNotebookClient(nb_man, km=kernel.km, **final_kwargs)
        client.kc = kernel.kc  # reuse the channels: nbclient keeps a kernel it does not own
        try:
            return client.execute()
        except BaseException:
            discard_thread_kernel()
            raise
