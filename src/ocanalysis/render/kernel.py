"""Warm kernels: one kernel process per thread, started once and reset between notebooks.

Starting a kernel and importing pandas and matplotlib costs about two seconds; a report costs
less. A :class:`WarmKernel` is started on first use (or early, by :func:`prestart`, while the
renderer gets ready) and before every later notebook reset to a cold kernel's state: ``%reset
-f`` empties the namespace and the output history, open figures are closed, the execution
counter starts again at 1 and the working folder is the one papermill runs the notebook in (its
``cwd``), as a kernel started then would have. Imported modules stay loaded — that is the
saving — so library code must keep no per-report state at module level, and what it keeps for
the next reports it never hands a notebook: a notebook gets copies (``audit.cached_run``,
``sensitivity.cached_analysis``, ``population.table``, and ``edition_analysis``, whose copies
the reset drops), so a notebook that changes them changes its own report only. A kernel that
dies or errors during a reset is replaced by a fresh one.

This module needs jupyter_client only (not papermill, not nbconvert), so a renderer can start
its kernel before it imports those. ``engine`` runs notebooks on these kernels. A batch's workers
get theirs forked from a warm ``kernel_template`` (:meth:`WarmKernel.adopt`), and start one the
usual way when that fails.

One kernel per thread (a Dask worker runs tasks in threads); :func:`shutdown_all` stops them all
and runs at exit. A kernel's connection file (with its key) and its sockets are kept in one
folder, ``<tmp>/ocanalysis-kernel-<pid>-<random>``, named by the process that started it. A
process killed outright cannot clean up: its kernel exits by itself within a second (ipykernel
watches the parent named in ``JPY_PARENT_PID``, which jupyter_client sets), and the next process
to start a kernel removes the folders of processes that no longer run
(:func:`sweep_kernel_folders`).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import re
import shutil
import signal
import tempfile
import threading
from pathlib import Path

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning.provisioner_base import KernelProvisionerBase
from traitlets import DottedObjectName, Type

from .._atomic import process_alive
from . import kernel_template
from .layout import KERNEL_FOLDER_PREFIX

_KERNEL_FOLDER = re.compile(re.escape(KERNEL_FOLDER_PREFIX) + r"(\d+)-")

# reset(new_session=True): what %reset -f does (namespace, output history) plus a new history
# session and the execution counter back at 1; it ends with a full garbage collection. Then
# gc.freeze(): what survives a reset (modules, per-edition caches) is long-lived, so later
# collections skip it: a reset then costs a few milliseconds instead of a tenth of a second
# (it would otherwise walk pandas', matplotlib's and our caches' objects every time).
RESET_CODE = """\
import sys as _sys
if "matplotlib.pyplot" in _sys.modules:
    _sys.modules["matplotlib.pyplot"].close("all")
if "ocanalysis.i18n" in _sys.modules:  # the language is module state: back to English
    _sys.modules["ocanalysis.i18n"].set_language(None)
if "ocanalysis.analysis.edition" in _sys.modules:  # what the last notebook may have changed
    _sys.modules["ocanalysis.analysis.edition"].forget_handed_out()
del _sys
__import__("os").chdir({cwd!r})
get_ipython().reset(new_session=True)
__import__("gc").freeze()
"""

RESET_TIMEOUT = 60


def sweep_kernel_folders(base: Path | str | None = None) -> list[Path]:
    """Remove the kernel folders (connection file, sockets) of processes that no longer run.

    >>> base = getfixture("tmp_path")
    >>> for name in (f"{KERNEL_FOLDER_PREFIX}999999999-x1", f"{KERNEL_FOLDER_PREFIX}{os.getpid()}-x2"):
    ...     (base / name).mkdir()
    ...     _ = (base / name / "kernel.json").write_text("{}")
    >>> [p.name for p in sweep_kernel_folders(base)]
    ['ocanalysis-kernel-999999999-x1']
    """
    base = Path(base if base is not None else tempfile.gettempdir())
    removed = []
    try:
        candidates = sorted(base.glob(KERNEL_FOLDER_PREFIX + "*"))
    except OSError:
        return removed
    for folder in candidates:
        match = _KERNEL_FOLDER.match(folder.name)
        if not match or process_alive(int(match.group(1))) or not folder.is_dir():
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


@functools.cache
def _swept_once() -> None:
    sweep_kernel_folders()


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


class WarmKernelClient(AsyncKernelClient):
    """A kernel client reused for notebook after notebook: nbclient starts its channels and
    waits for the kernel before each one, and the second time on both are already done."""

    _ready = False

    def start_channels(self, *args, **kwargs) -> None:
        # The heartbeat channel is a thread, which cannot be started twice.
        if not self.channels_running:
            super().start_channels(*args, **kwargs)

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        # Once ready, the kernel has answered each reset since: waiting again would only cost
        # the 0.2 s jupyter_client gives IOPub to show it is connected.
        if not self._ready:
            await super().wait_for_ready(timeout=timeout)
            self._ready = True


class WarmKernelManager(AsyncKernelManager):
    """A kernel manager that hands out one client, so every notebook reuses its channels."""

    client_class = DottedObjectName(f"{__name__}.WarmKernelClient")
    client_factory = Type(WarmKernelClient, klass=AsyncKernelClient)
    _shared_client: WarmKernelClient | None = None

    def client(self, **kwargs) -> WarmKernelClient:
        if self._shared_client is None:
            self._shared_client = super().client(**kwargs)
        return self._shared_client


class ForkedProvisioner(KernelProvisionerBase):
    """``jupyter_client``'s provisioner of a kernel the template forked: the kernel runs, in a
    session of its own, but is not this process's child (the template reaps it)."""

    pid: int | None = None

    @property
    def has_process(self) -> bool:
        return self.pid is not None

    async def poll(self) -> int | None:
        return None if self.pid is not None and kernel_template.running(self.pid) else 1

    async def wait(self) -> int | None:
        import asyncio

        while await self.poll() is None:
            await asyncio.sleep(0.05)
        self.pid = None
        return 1

    async def send_signal(self, signum: int) -> None:
        if self.pid is None:
            return
        try:
            os.killpg(self.pid, signum)  # the kernel's session: it and what it started
        except OSError:
            os.kill(self.pid, signum)

    async def kill(self, restart: bool = False) -> None:
        try:
            await self.send_signal(signal.SIGKILL)
        except ProcessLookupError:
            pass

    async def terminate(self, restart: bool = False) -> None:
        try:
            await self.send_signal(signal.SIGTERM)
        except ProcessLookupError:
            pass

    async def launch_kernel(self, cmd, **kwargs):  # forked by the template, never launched here
        raise kernel_template.TemplateError("a forked kernel is not launched by its provisioner")

    async def cleanup(self, restart: bool = False) -> None:
        self.pid = None


class WarmKernel:
    """One kernel process and its client, reused for notebook after notebook."""

    def __init__(self, kernel_name: str, start_timeout: float = 60):
        self.kernel_name = kernel_name
        self.start_timeout = start_timeout
        _swept_once()
        # IPC (Unix sockets) rather than TCP: local, no open ports, no plain-text warning. The
        # connection file goes beside the sockets: one folder to sweep (see the module's doc).
        self._socket_dir = tempfile.mkdtemp(prefix=f"{KERNEL_FOLDER_PREFIX}{os.getpid()}-")
        self.km = WarmKernelManager(
            kernel_name=kernel_name,
            transport="ipc",
            ip=os.path.join(self._socket_dir, "k"),
            connection_file=os.path.join(self._socket_dir, "kernel.json"),
        )
        self.kc = None
        self.pid: int | None = None
        self.used = 0

    def launch(self, preload: str | None = None) -> None:
        """Start the kernel's process and connect to it, without waiting for it to be ready:
        it boots while this process goes on. ``preload``, code to run first (imports), is
        queued now; the kernel is then reset before its first notebook (:meth:`ready`)."""
        from jupyter_core.utils import run_sync

        # No history database: nothing to share between kernels, nothing to lock.
        run_sync(self.km.start_kernel)(extra_arguments=["--HistoryManager.enabled=False"])
        process = getattr(self.km.provisioner, "process", None)
        self.pid = getattr(process, "pid", None)
        self.kc = self.km.client()
        self.kc.start_channels()
        if preload:
            # Queued on the shell channel: the kernel runs it as soon as it is up, before
            # anything sent later. Its replies are left unread (replies are matched by id).
            self.kc.execute(preload, silent=True, store_history=False)
            self.used = 1  # what the preload leaves in the namespace goes at the reset

    def adopt(self, template: str) -> None:
        """Have the kernel template at socket ``template`` fork this kernel, warm (see
        ``kernel_template``), and connect to it; TemplateError if it does not."""
        self.km.write_connection_file()
        pid = kernel_template.fork_kernel(template, self.km.connection_file, self.start_timeout)
        provisioner = ForkedProvisioner(kernel_id=self.km.kernel_id, parent=self.km)
        provisioner.pid = pid
        self.km.provisioner = provisioner
        self.pid = pid
        self.kc = self.km.client()
        self.kc.start_channels()
        self.used = 1  # reset before its first notebook: the working folder, the counter

    def ready(self) -> None:
        """Wait until the launched kernel answers."""
        from jupyter_core.utils import run_sync

        run_sync(self.kc.wait_for_ready)(timeout=self.start_timeout)

    def start(self) -> None:
        self.launch()
        self.ready()

    def alive(self) -> bool:
        from jupyter_core.utils import run_sync

        return self.kc is not None and bool(run_sync(self.km.is_alive)())

    def reset(self) -> None:
        """Bring the kernel to the state of one started now (see the module's docstring)."""
        from jupyter_core.utils import run_sync

        code = RESET_CODE.format(cwd=os.getcwd())

        async def _reset():
            msg_id = self.kc.execute(code, silent=True, store_history=False)
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
            from jupyter_core.utils import run_sync

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
                if not kernel.kc._ready:  # launched early (prestart): it may still be booting
                    kernel.ready()
                if kernel.used:
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


# What every report's first cell imports and reads, run by a kernel started early (prestart)
# while the renderer is still getting ready: the same modules and per-process results a report
# would load itself, so a report is the same bytes either way.
PRELOAD_CODE = """\
import ocanalysis.report.warm as _warm
_warm.warm_up({editions!r})
del _warm
"""


def prestart(
    editions=(),
    kernel_name: str = "python3",
    start_timeout: float = 60,
    template: str | None = None,
) -> None:
    """Start this thread's warm kernel now, without waiting, and have it import the report
    modules and read the data and the shared results of ``editions`` while the caller goes on
    (imports, planning); its first notebook then waits only for what is left. With
    ``template``, the socket of a running ``kernel_template``, the kernel is forked from it,
    all that done already (a kernel is started the usual way if the template fails).

    >>> prestart.__name__  # started by the renderer for a single report; see batch.run_local
    'prestart'
    """
    key = threading.get_ident()
    with _lock:
        if key in _kernels:
            return
        kernel = _kernels[key] = WarmKernel(kernel_name, start_timeout)
    if template is not None and kernel_name == "python3":
        try:
            kernel.adopt(template)
            return
        except Exception:  # no template, or a broken one: a kernel started the usual way
            kernel.kill()
            kernel = WarmKernel(kernel_name, start_timeout)
            with _lock:
                _kernels[key] = kernel
    try:
        kernel.launch(PRELOAD_CODE.format(editions=sorted(set(editions))))
    except Exception:  # the notebook starts one itself, and reports what went wrong
        discard_thread_kernel()


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


_scopes = threading.local()


@contextlib.contextmanager
def kernel_scope():
    """The notebooks run inside share this thread's warm kernel, stopped when the outermost scope
    ends: for a caller that runs a few notebooks and goes on (the handouts), not for a worker.

    >>> with kernel_scope():
    ...     with kernel_scope():
    ...         pass  # notebooks here; the kernel is stopped on leaving the outer scope
    >>> threading.get_ident() in _kernels
    False
    """
    depth = getattr(_scopes, "depth", 0)
    _scopes.depth = depth + 1
    try:
        yield
    finally:
        _scopes.depth = depth
        if depth == 0:
            discard_thread_kernel()


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
