"""Open a page in headless Chromium with the network blocked and report what happened, over the
DevTools protocol on a pipe (``--remote-debugging-pipe``: no port, no extra package).

Used by the render tests; :func:`find_chromium` returns None when no Chromium is installed.
"""

from __future__ import annotations

import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

IMAGES_CHECK = """JSON.stringify({
  images: Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.naturalHeight]),
  scripts: document.scripts.length,
  links: Array.from(document.querySelectorAll('link[href]')).length,
  title: document.title,
  alerted: window.__alerted === true
})"""

# Any alert would be caught twice: by this hook and by Page.javascriptDialogOpening.
HOOK = "window.alert = () => { window.__alerted = true; };"


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Pipe:
    def __init__(self, write_fd: int, read_fd: int):
        self.write_fd, self.read_fd = write_fd, read_fd
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict] = []

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> int:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.write_fd, json.dumps(message).encode() + b"\0")
        return self.next_id

    def _read_one(self, deadline: float) -> dict | None:
        while b"\0" not in self.buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            ready, _, _ = select.select([self.read_fd], [], [], remaining)
            if not ready:
                return None
            chunk = os.read(self.read_fd, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method, params=None, session=None, timeout=30.0) -> dict:
        wanted = self.send(method, params, session)
        deadline = time.monotonic() + timeout
        while True:
            message = self._read_one(deadline)
            if message is None:
                raise TimeoutError(method)
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def wait_for(self, method: str, timeout: float = 30.0) -> dict:
        deadline = time.monotonic() + timeout
        for event in self.events:
            if event.get("method") == method:
                return event
        while True:
            message = self._read_one(deadline)
            if message is None:
                raise TimeoutError(method)
            if "method" in message:
                self.events.append(message)
                if message["method"] == method:
                    return message

    def drain(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while (message := self._read_one(deadline)) is not None:
            if "method" in message:
                self.events.append(message)


def _high(fd: int) -> int:
    duplicate = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return duplicate


@contextmanager
def _browser(chromium: str, timeout: float):
    """A headless Chromium with the network blocked: yields (pipe, session of a blank tab)."""
    to_chrome_read, to_chrome_write = map(_high, os.pipe())
    from_chrome_read, from_chrome_write = map(_high, os.pipe())

    def wire_pipes():  # Chromium reads commands on fd 3 and writes replies on fd 4
        os.dup2(to_chrome_read, 3)
        os.dup2(from_chrome_write, 4)

    profile = tempfile.mkdtemp(prefix="ocanalysis-chromium-")
    command = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--disable-default-apps",
        "--no-first-run",
        "--no-default-browser-check",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={profile}",
        "--remote-debugging-pipe",
        "about:blank",
    ]
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(3, 4),
        preexec_fn=wire_pipes,
        start_new_session=True,
    )
    os.close(to_chrome_read)
    os.close(from_chrome_write)
    pipe = Pipe(to_chrome_write, from_chrome_read)
    try:
        target = pipe.call("Target.createTarget", {"url": "about:blank"}, timeout=timeout)
        session = pipe.call(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}
        )["sessionId"]
        for domain in ("Runtime", "Log", "Network", "Page"):
            pipe.call(f"{domain}.enable", session=session)
        yield pipe, session
        try:
            pipe.call("Browser.close", timeout=5)
        except Exception:  # the browser may close the pipe before answering
            pass
    finally:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()
        os.close(to_chrome_write)
        os.close(from_chrome_read)
        shutil.rmtree(profile, ignore_errors=True)


def _load(pipe: Pipe, session: str, page: Path, timeout: float) -> None:
    pipe.events.clear()  # an earlier page's load event is not this one's
    pipe.call("Page.navigate", {"url": page.resolve().as_uri()}, session=session)
    pipe.wait_for("Page.loadEventFired", timeout=timeout)


def evaluate(pipe: Pipe, session: str, expression: str, timeout: float = 60.0):
    """The value of a JavaScript expression in the page (a promise is awaited)."""
    result = pipe.call(
        "Runtime.evaluate",
        {"expression": expression, "returnByValue": True, "awaitPromise": True},
        session=session,
        timeout=timeout,
    )
    if "exceptionDetails" in result:
        raise RuntimeError(f"page script failed: {result['exceptionDetails']}")
    return result["result"].get("value")


# Installed by `make axe` (npm ci --prefix tools/axe, pinned in its package-lock.json).
AXE_SCRIPT = Path(__file__).resolve().parents[1] / "tools/axe/node_modules/axe-core/axe.min.js"


def axe_source() -> str:
    """axe-core's script (``make axe`` installs it); the calling test skips, saying how to
    install it, when it is not there."""
    import pytest

    if not AXE_SCRIPT.is_file():
        pytest.skip(
            "axe-core not installed: `make axe` (npm ci --prefix tools/axe; needs npm)"
            if shutil.which("npm") is None
            else "axe-core not installed: run `make axe` (npm ci --prefix tools/axe)"
        )
    return AXE_SCRIPT.read_text()


AXE_RUN = """axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})
  .then(r => JSON.stringify(r.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.join(' ')),
    summaries: v.nodes.map(n => n.failureSummary)}))))"""


def axe_violations(
    pages: list[Path], chromium: str, axe_source: str, tags: list[str], timeout: float = 120.0
) -> dict[Path, list[dict]]:
    """axe-core's violations of the given rule tags on each page, in one browser, network
    blocked: the script is evaluated in each loaded page (it never touches the page's file)."""
    found = {}
    with _browser(chromium, timeout) as (pipe, session):
        for page in pages:
            _load(pipe, session, page, timeout)
            evaluate(pipe, session, axe_source + "\n;0", timeout)
            found[page] = json.loads(evaluate(pipe, session, AXE_RUN % json.dumps(tags), timeout))
    return found


def inspect(page: Path, chromium: str, timeout: float = 60.0) -> dict:
    """Load ``page`` with the network blocked; return failed requests, console errors, dialogs,
    every request's URL and the page's image/script census."""
    with _browser(chromium, timeout) as (pipe, session):
        pipe.call("Page.addScriptToEvaluateOnNewDocument", {"source": HOOK}, session=session)
        _load(pipe, session, page, timeout)
        pipe.drain(1.0)  # late console messages or requests
        census = evaluate(pipe, session, IMAGES_CHECK)
    events = pipe.events
    return {
        "census": json.loads(census),
        "failed_requests": [e["params"] for e in events if e["method"] == "Network.loadingFailed"],
        "requests": [
            e["params"]["request"]["url"]
            for e in events
            if e["method"] == "Network.requestWillBeSent"
        ],
        "console_errors": [
            e["params"]
            for e in events
            if (
                e["method"] == "Runtime.consoleAPICalled"
                and e["params"]["type"] in {"error", "assert"}
            )
            or e["method"] == "Runtime.exceptionThrown"
            or (e["method"] == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")
        ],
        "dialogs": [e["params"] for e in events if e["method"] == "Page.javascriptDialogOpening"],
    }
