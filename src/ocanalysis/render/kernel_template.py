"""A kernel template: one process that boots what a report's kernel needs once, and forks a
kernel for each worker of a batch (or for the single report a render makes).

A report kernel spends about a second and a half before its first cell: starting Python,
importing IPython, ipykernel, pandas, matplotlib and the report modules, reading the data and
the shared results (``report.warm.warm_up``). A batch on two workers paid that twice, and after
its parent had imported papermill and the exporters: the first reports waited for all of it in
a row. The template does it once, while the parent imports, and each worker's kernel is then a
``fork`` of it, ready in a few hundredths of a second: the same modules, data and results, as a
kernel started by ``jupyter_client`` and preloaded would hold (``kernel.PRELOAD_CODE``).

How it runs:

- The renderer starts it (:meth:`Template.start`) first, before it imports pandas or checks its
  arguments (this module imports the standard library only):
  ``python -m ocanalysis.render.kernel_template FD LANG EDITIONS…``, FD a socket the renderer
  listens on at ``FOLDER/template.sock`` and hands over, LANG the reports' language (their maps
  are drawn in it). FOLDER is a kernel folder (``kernel.KERNEL_FOLDER_PREFIX``, made private
  by ``mkdtemp``, swept like any other if the renderer is killed). A worker may ask at once: its
  request waits in the socket's queue until the template is warm.
- A worker asks for a kernel (:func:`fork_kernel`): one JSON line naming the connection file it
  wrote and its own process id. The template forks; the child makes itself a session of its own
  (as ``jupyter_client`` starts kernels), watches that worker and the template, and runs
  ``IPKernelApp`` on the connection file. The worker drives it like any kernel, through a
  ``kernel.ForkedProvisioner`` (``jupyter_client``'s public provisioner API).
- The template reaps its kernels, and stops when the renderer says so (SIGTERM: at once during
  the warm-up, when a render turns out to need no kernel), closes the pipe, or dies; it then
  kills the kernels still running. A kernel whose worker dies (the OOM killer)
  exits within :data:`WATCH_INTERVAL`.

Anything that goes wrong on the way (no template, a template that died, a refused request) only
means the worker starts its kernel the usual way: the template is a saving, never a dependency.
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SOCKET_NAME = "template.sock"
LATEST = "latest"  # the edition named by none: the latest the data holds
WATCH_INTERVAL = 0.5  # seconds between a kernel's looks at its worker and its template
REPLY_TIMEOUT = 120  # seconds a worker waits for its kernel: the template may still be warming
MAX_REQUEST = 8192  # bytes: a request is one short JSON line
KERNEL_ARGUMENTS = ["--HistoryManager.enabled=False"]  # as kernel.WarmKernel.launch starts one


class TemplateError(RuntimeError):
    """The template could not fork a kernel (the worker starts one itself)."""


# ----------------------------------------------------------------------------- the renderer's side


class Template:
    """A running template process, started by the renderer and stopped when its batch ends."""

    def __init__(self, process: subprocess.Popen, folder: Path):
        self.process = process
        self.folder = folder
        self.socket_path = str(folder / SOCKET_NAME)

    @classmethod
    def start(cls, editions=(), lang: str | None = None) -> Template | None:
        """Start a template that preloads ``editions`` (as given on the command line: None is
        the latest; one the data lacks is left out, for the renderer to refuse) and their maps
        in ``lang`` (the reports' language; None, or one we lack, is English); None if it
        cannot be started. Only the standard library is imported on the way: a renderer starts
        its template first, and imports pandas while the template boots."""
        from .layout import KERNEL_FOLDER_PREFIX

        folder = None
        try:
            folder = Path(tempfile.mkdtemp(prefix=f"{KERNEL_FOLDER_PREFIX}{os.getpid()}-"))
            # Listening before the template runs: a worker's request waits in the queue until
            # the template is warm. The template holds the only copy (this one is closed below),
            # so a worker sees its request closed if the template dies.
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
                listener.bind(str(folder / SOCKET_NAME))
                listener.listen(16)
                fd = listener.fileno()
                named = sorted(
                    {LATEST if edition is None else str(edition) for edition in editions}
                )
                command = [sys.executable, "-m", __name__, str(fd), lang or "en", *named]
                process = subprocess.Popen(
                    command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, pass_fds=[fd]
                )
        except OSError:
            if folder is not None:
                import shutil

                shutil.rmtree(folder, ignore_errors=True)
            return None
        return cls(process, folder)

    def stop(self) -> None:
        """Stop the template (it kills the kernels still running) and remove its folder; at
        once, even while it is still warming up (nothing asked it for a kernel)."""
        import shutil

        try:
            self.process.stdin.close()  # its end of input: a template stops when it sees it
        except OSError:
            pass
        self.process.terminate()  # read at once, warm or not (see serve)
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


# ----------------------------------------------------------------------------- a worker's side


def fork_kernel(socket_path: str, connection_file: str, timeout: float = REPLY_TIMEOUT) -> int:
    """Ask the template at ``socket_path`` for a kernel on ``connection_file``, watching this
    process; its process id. TemplateError if the template does not answer with one."""
    request = json.dumps({"connection_file": connection_file, "worker": os.getpid()})
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(timeout)
            connection.connect(socket_path)
            connection.sendall(request.encode() + b"\n")
            reply = _read_line(connection)
        pid = json.loads(reply)["pid"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise TemplateError(f"no kernel from the template: {error}") from None
    if not isinstance(pid, int) or pid <= 1:
        raise TemplateError(f"no kernel from the template: it answered {reply!r}")
    return pid


def _read_line(connection: socket.socket) -> bytes:
    data = b""
    while not data.endswith(b"\n"):
        chunk = connection.recv(1024)
        if not chunk or len(data) > MAX_REQUEST:
            raise ValueError("the other side closed the connection")
        data += chunk
    return data


def running(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, killed but not yet reaped by its template, does not).

    >>> running(os.getpid()), running(999999999)
    (True, False)
    """
    from .._atomic import process_alive

    if not process_alive(pid):
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True  # no /proc: alive as far as we can tell
    return state not in ("Z", "X")


# ----------------------------------------------------------------------------- the template itself


def _watch(worker: int, template: int) -> None:
    # A kernel is not its worker's child: it watches the worker itself, and the template.
    while True:
        time.sleep(WATCH_INTERVAL)
        if not running(worker) or os.getppid() != template:
            os._exit(1)


def _become_kernel(connection_file: str, worker: int, template: int) -> None:
    """In the forked child: become a kernel on ``connection_file``; never returns."""
    try:
        os.setsid()
        for signum in (signal.SIGCHLD, signal.SIGTERM, signal.SIGPIPE):
            signal.signal(signum, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        os.environ["JPY_PARENT_PID"] = str(template)
        threading.Thread(target=_watch, args=(worker, template), daemon=True).start()
        from ipykernel.kernelapp import IPKernelApp

        sys.argv = [sys.argv[0], "-f", connection_file]
        IPKernelApp.launch_instance(argv=["-f", connection_file, *KERNEL_ARGUMENTS])
    finally:
        os._exit(0)


def _serve_one(listener: socket.socket, children: set[int]) -> None:
    connection, _ = listener.accept()
    with connection:
        connection.settimeout(5)
        try:
            request = json.loads(_read_line(connection))
            connection_file, worker = request["connection_file"], request["worker"]
            if not isinstance(connection_file, str) or not isinstance(worker, int):
                raise ValueError("not a request")
        except (OSError, ValueError, KeyError, TypeError):
            return  # the worker sees the connection close, and starts a kernel itself
        template = os.getpid()
        pid = os.fork()
        if pid == 0:
            listener.close()
            connection.close()
            _become_kernel(connection_file, worker, template)
        children.add(pid)
        try:
            connection.sendall(json.dumps({"pid": pid}).encode() + b"\n")
        except OSError:
            os.kill(pid, signal.SIGKILL)


def _reap(children: set[int]) -> None:
    for pid in list(children):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            done = pid
        if done:
            children.discard(pid)


def _known(editions: list[str]) -> list[int]:
    """The editions the data holds, of those named (``LATEST`` for the latest).

    >>> _known(["2023", LATEST, "1999", "nonsense"])
    [2023, 2025]
    """
    from ..dataset import check_edition
    from ..errors import UnknownEditionError

    known = set()
    for edition in editions:
        try:
            known.add(check_edition(None if edition == LATEST else edition))
        except UnknownEditionError:
            continue  # the renderer refuses it, in one line
    return sorted(known)


def _language(lang: str) -> str:
    """The language to warm up in: ``lang`` if we have it, else English (the renderer refuses
    it, in one line).

    >>> _language("FR"), _language("xx")
    ('fr', 'en')
    """
    from ..errors import ArgumentError
    from ..i18n import check_language

    try:
        return check_language(lang)
    except ArgumentError:
        return check_language(None)


def serve(listening: int, lang: str, editions: list[str]) -> int:
    """The template process: warm up, then fork kernels for the requests on the socket the
    renderer opened (``listening``, a file descriptor), until told to stop (SIGTERM, or the end
    of its input)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the renderer's to handle
    # SIGTERM ends the warm-up at once (no kernel yet); from the loop below, it ends the loop.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    parent = os.getppid()
    listener = socket.socket(fileno=listening)
    # What a kernel's own start would set before matplotlib is imported.
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    import gc

    import ipykernel.kernelapp  # noqa: F401

    from ..report.warm import warm_up

    warm_up(_known(editions), _language(lang))
    gc.collect()
    gc.freeze()  # what every kernel shares stays shared: no collection writes to its pages
    children: set[int] = set()
    stopped = []
    signal.signal(signal.SIGTERM, lambda signum, frame: stopped.append(signum))
    try:
        while os.getppid() == parent and not stopped:
            readable, _, _ = select.select([listener, sys.stdin], [], [], 0.05)
            _reap(children)
            if sys.stdin in readable and not os.read(sys.stdin.fileno(), 1024):
                break  # the renderer closed the pipe: the batch is over
            if listener in readable:
                _serve_one(listener, children)
    finally:
        listener.close()
        for pid in children:
            for kill in (os.killpg, os.kill):
                try:
                    kill(pid, signal.SIGKILL)
                    break
                except OSError:
                    continue
        for pid in children:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
    return 0


if __name__ == "__main__":
    sys.exit(serve(int(sys.argv[1]), sys.argv[2], sys.argv[3:]))
