"""Drive a real JupyterLab in Debian's Chromium: start the server, open a notebook, run it.

Used by ``tests/test_lab_browser.py``; also importable by hand to take screenshots and time a
notebook (see that file's docstring). JupyterLab runs from this virtual environment with the
project's kernel, on a loopback port, over a copy of the notebooks in a temporary folder (so
autosave never touches the tracked notebooks), with its own settings and workspace folders.
The browser may only reach that server: every other request is aborted.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import checkout

from dev import notebook_metadata

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
#: Seconds a notebook may take to run all cells in the browser.
RUN_TIMEOUT = 240


def free_port() -> int:
    """Return a free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LabServer:
    """A JupyterLab server over ``root`` (a copy of notebooks/ is placed there)."""

    def __init__(self, root: Path, data: Path) -> None:
        self.root = root
        shutil.copytree(checkout.NOTEBOOKS_DIR, root / "notebooks", dirs_exist_ok=True)
        # As `make lab` does: the kernel's metadata in the copies, so a test run straight
        # from pytest (no make) sees what a coach sees.
        notebook_metadata.main(root / "notebooks")
        self.port = free_port()
        self.token = secrets.token_hex(16)
        home = root / ".jupyter-home"
        # Every cell stays in the page (no virtual scrolling), so tests read what is off screen.
        tracker = home / "settings" / "@jupyterlab" / "notebook-extension"
        tracker.mkdir(parents=True)
        (tracker / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
        # No "get Jupyter news?" prompt: the browser may not leave this machine anyway.
        news = home / "settings" / "@jupyterlab" / "apputils-extension"
        news.mkdir(parents=True)
        (news / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
        env = {
            **os.environ,
            "BACKDAY_DATA": str(data),
            "JUPYTER_CONFIG_DIR": str(home / "config"),
            "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
            "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
            "MPLCONFIGDIR": str(home / "matplotlib"),
        }
        command = [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={root}",
            "--LabApp.expose_app_in_browser=True",
            "--LabApp.news_url=",
            "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
            "--LabApp.extension_manager=readonly",  # no PyPI look-ups from the server
        ]
        if os.geteuid() == 0:
            command.append("--allow-root")
        self.log = open(root / "jupyterlab.log", "wb")
        self.process = subprocess.Popen(
            command, cwd=root, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )
        self._wait_until_up()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, notebook: str) -> str:
        """Return the address that opens ``notebook`` (relative to the root) in JupyterLab."""
        return f"{self.base}/lab/tree/{notebook}?token={self.token}&reset"

    def _wait_until_up(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab stopped: {self.root / 'jupyterlab.log'}")
            try:
                with urllib.request.urlopen(
                    f"{self.base}/api/status?token={self.token}", timeout=2
                ):
                    return
            except OSError:
                time.sleep(0.5)
        raise TimeoutError("JupyterLab did not start")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.log.close()


def loopback_only(route) -> None:
    """Let the browser reach the loopback server only."""
    if route.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
        route.continue_()
    else:
        route.abort()


# JavaScript run in the page: the open notebook's cells, from JupyterLab's own model.
CELLS_JS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cells = panel.content.model.cells;
  const out = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    const outputs = cell.type === 'code' ? cell.toJSON().outputs : [];
    out.push({type: cell.type, count: cell.type === 'code' ? cell.executionCount : null,
              outputs: outputs});
  }
  return out;
}"""
DIRTY_JS = "() => window.jupyterapp.shell.currentWidget.context.model.dirty"
KERNEL_JS = """() => {
  const session = window.jupyterapp.shell.currentWidget.sessionContext.session;
  return session && session.kernel ? [session.kernel.name, session.kernel.status] : null;
}"""


def open_notebook(page, server: LabServer, notebook: str, timeout: float = 120) -> None:
    """Open a notebook and wait until its kernel is idle."""
    page.goto(server.url(notebook))
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget "
        "&& window.jupyterapp.shell.currentWidget.sessionContext",
        timeout=timeout * 1000,
    )
    page.wait_for_function(
        f"() => {{ const k = ({KERNEL_JS})(); return k && k[1] === 'idle'; }}",
        timeout=timeout * 1000,
    )


def run_all(page, images: int, timeout: float = RUN_TIMEOUT) -> float:
    """Run all cells (the Run menu's command); return seconds until the ``images``-th chart."""
    started = time.perf_counter()
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    if not images:
        page.wait_for_function(
            f"""() => ({CELLS_JS})().every(c => c.type !== 'code' || c.count !== null)""",
            timeout=timeout * 1000,
        )
        return time.perf_counter() - started
    page.wait_for_function(
        "n => document.querySelectorAll('.jp-Notebook .jp-OutputArea-output img').length >= n "
        "&& Array.from(document.querySelectorAll('.jp-Notebook .jp-OutputArea-output img'))"
        ".every(img => img.complete && img.naturalWidth > 0)",
        arg=images,
        timeout=timeout * 1000,
    )
    seconds = time.perf_counter() - started
    # Every code cell has run: none waits with [*] and each has an execution count.
    page.wait_for_function(
        f"""() => ({CELLS_JS})().every(c => c.type !== 'code' || c.count !== null)""",
        timeout=timeout * 1000,
    )
    return seconds


def errors(page) -> list[str]:
    """Return the error outputs of the open notebook, as ``name: value``."""
    return [
        f"{o['ename']}: {o['evalue']}"
        for cell in page.evaluate(CELLS_JS)
        for o in cell["outputs"]
        if o.get("output_type") == "error"
    ]


ERROR_NOTEBOOK = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "error-00",
            "metadata": {},
            "outputs": [],
            "source": "from backday_analysis.views import client_week as cw\n\n"
            'cw.client_week("Zoe")',
        }
    ],
    "metadata": {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}


def tour(shots: Path, data: Path) -> dict[str, float]:
    """Run each notebook in the browser; save screenshots in ``shots``; return the timings.

    Seconds from "Run All" to the last chart (the roster page has none: to its last cell).
    """
    import json
    import tempfile

    from playwright.sync_api import sync_playwright

    shots.mkdir(parents=True, exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix="backday-lab-"))
    (root / "notebooks").mkdir()
    (root / "notebooks" / "error_in_one_line.ipynb").write_text(json.dumps(ERROR_NOTEBOOK))
    server = LabServer(root, data)
    timings = {}
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            for name, charts, anchor in (
                ("back_balance", 7, ".backday-controls"),
                ("weekly_report", 2, ".backday-controls"),
                ("roster_overview", 0, "td.met, td.unmet"),
            ):
                page = browser.new_page(viewport={"width": 1024, "height": 900})
                page.route("**/*", loopback_only)
                open_notebook(page, server, f"notebooks/{name}.ipynb")
                timings[name] = run_all(page, charts)
                assert errors(page) == [], errors(page)
                page.locator(anchor).first.scroll_into_view_if_needed()
                page.screenshot(path=str(shots / f"{name}.png"))
                page.close()
            page = browser.new_page(viewport={"width": 1024, "height": 600})
            page.route("**/*", loopback_only)
            open_notebook(page, server, "notebooks/error_in_one_line.ipynb")
            run_all(page, 0)
            assert [e.split(":")[0] for e in errors(page)] == ["BackdayError"], errors(page)
            page.screenshot(path=str(shots / "error_in_one_line.png"))
            browser.close()
    finally:
        server.stop()
    return timings


if __name__ == "__main__":
    # python tests/lab_session.py SHOTS_DIR [DATA_DIR]: screenshots and Run All timings.
    folder = Path(sys.argv[1])
    source = Path(sys.argv[2]) if len(sys.argv) > 2 else checkout.DATA_DIR
    for notebook, seconds in tour(folder, source).items():
        print(f"{notebook}.ipynb: Run All to the last chart in {seconds:.1f} s")


@contextlib.contextmanager
def served_copy(root: Path, data: Path):
    """Serve JupyterLab over ``root`` with a copy of the data folder ``data``; stop it after."""
    copy = root / "data"
    shutil.copytree(data, copy)
    server = LabServer(root, copy)
    try:
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def chromium_browser(driver):
    """Launch Debian's Chromium through Playwright's ``driver``; close it after."""
    browser = driver.chromium.launch(
        executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
    )
    try:
        yield browser
    finally:
        browser.close()


def shot(page, name: str, element: str | None = None) -> None:
    """Save a screenshot named ``name`` in ``$BACKDAY_SHOTS`` when it is set."""
    folder = os.environ.get("BACKDAY_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        if element:
            page.locator(element).first.scroll_into_view_if_needed()
        page.screenshot(path=str(Path(folder) / f"{name}.png"))
