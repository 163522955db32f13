"""The explorer in a real browser: Playwright drives Debian's Chromium (no browser download) against
JupyterLab and the Voilà app, both started here on 127.0.0.1; the country is changed through the
page, as a student would, and the view must follow. Skipped, with the reason, where Chromium or
Playwright is missing (CI installs Chromium: .ci/run)."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import nbformat
import pytest
from chromium_cdp import find_chromium

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("chromium not installed (Debian package `chromium`; .ci/run installs it)")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def _server(command: list[str], url: str, cwd: Path, seconds: float = 90):
    """Start a server, wait until ``url`` answers, stop it (and its kernels) afterwards."""
    log = open(cwd / "server.log", "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        deadline = time.monotonic() + seconds
        while True:
            try:
                urllib.request.urlopen(url, timeout=2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    pytest.fail(f"server did not start: {(cwd / 'server.log').read_text()[-2000:]}")
                time.sleep(0.5)
        yield
    finally:
        try:
            os.killpg(process.pid, 15)
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
        except ProcessLookupError:  # it had ended already
            pass
        log.close()


def _change_country(page, name: str) -> None:
    """Type a country into the explorer's country box and press Enter, as a user does."""
    box = page.locator(".ocanalysis-explorer input[type=text]").first
    box.click()
    box.fill(name)
    box.press("Enter")


def test_jupyterlab_explorer_follows_the_country_typed(browser, tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell('import ocanalysis\nocanalysis.explore("Belgium", 2023)')
    ]
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(notebook, tmp_path / "explore.ipynb")
    port, token = _free_port(), secrets.token_hex(16)
    command = [
        str(BIN / "jupyter"),
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={tmp_path}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",  # no look-ups on a package registry
        "--allow-root",  # CI runs as root
    ]
    base = f"http://127.0.0.1:{port}"
    with _server(command, f"{base}/api?token={token}", tmp_path):
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{base}/lab/tree/explore.ipynb?token={token}")
        page.locator(".jp-Notebook").wait_for(timeout=60_000)
        # The kernel started and idle (the status bar says so), then run the cell.
        page.wait_for_function("() => document.body.innerText.includes('| Idle')", timeout=120_000)
        page.locator(".jp-Notebook .jp-Cell .jp-InputArea-editor").first.click()
        page.keyboard.press("Shift+Enter")
        page.wait_for_function(
            "() => [...document.querySelectorAll('.ocanalysis-explorer h2')]"
            ".some(h => h.textContent.startsWith('Belgium, 2023'))",
            timeout=120_000,
        )
        _change_country(page, "Peru")
        page.wait_for_function(
            "() => [...document.querySelectorAll('.ocanalysis-explorer h2')]"
            ".some(h => h.textContent.startsWith('Peru, 2023'))",
            timeout=60_000,
        )
        page.screenshot(path=str(tmp_path / "jupyterlab.png"))
        _change_country(page, "Atlantis")
        page.wait_for_function(
            "() => document.querySelector('.ocanalysis-explorer').textContent"
            ".includes(\"unknown country 'Atlantis'\")",
            timeout=60_000,
        )
        assert "Traceback" not in page.locator(".jp-Notebook").inner_text()
        page.close()


def test_voila_app_follows_the_country_typed(browser, tmp_path):
    port = _free_port()
    command = [str(BIN / "ocanalysis"), "explore", "--serve", "--port", str(port)]
    base = f"http://127.0.0.1:{port}"
    with _server(command, f"{base}/", tmp_path):
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(f"{base}/", timeout=120_000)
        page.wait_for_function(
            "() => [...document.querySelectorAll('.ocanalysis-explorer h2')]"
            ".some(h => h.textContent.startsWith('Belgium, '))",
            timeout=180_000,
        )
        _change_country(page, "Kenya")
        page.wait_for_function(
            "() => [...document.querySelectorAll('.ocanalysis-explorer h2')]"
            ".some(h => h.textContent.startsWith('Kenya, '))",
            timeout=60_000,
        )
        page.screenshot(path=str(tmp_path / "voila.png"))
        # Nothing fetched from anywhere but this machine.
        assert all(url.startswith((base, "data:", "blob:")) for url in requests), [
            url for url in requests if not url.startswith((base, "data:", "blob:"))
        ]
        page.close()
