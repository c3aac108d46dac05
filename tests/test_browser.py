"""Open a real report in headless Chromium with the network off: nothing loads, nothing runs.

Chromium is driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``), so the
test needs no extra Python package. It is skipped where Chromium is not installed; `.ci/run`
installs Debian's ``chromium`` package.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed"),
    pytest.mark.browser,
    pytest.mark.kernel,
]


class DevTools:
    """A minimal DevTools-protocol client over Chromium's debugging pipe (fds 3 and 4)."""

    def __init__(self, profile: Path) -> None:
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        os.set_inheritable(to_chrome_r, True)
        os.set_inheritable(from_chrome_w, True)

        def wire_fds():
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)

        self.process = subprocess.Popen(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                f"--user-data-dir={profile}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire_fds,
            close_fds=False,
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(reply["error"])
                return reply.get("result", {})
            self.events.append(reply)

    def _read(self) -> dict:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_chrome, 65536)
            if not chunk:
                raise RuntimeError("Chromium closed the debugging pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def wait_for(self, method: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == method for e in self.events):
            if time.monotonic() > deadline:
                raise TimeoutError(method)
            self.events.append(self._read())

    def close(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)
        os.close(self._to_chrome)
        os.close(self._from_chrome)


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory, demo_data) -> Path:
    data = tmp_path_factory.mktemp("browser") / "data"
    shutil.copytree(demo_data, data)
    roster = data / "roster.csv"
    roster.write_text(
        roster.read_text().replace(
            "Dev Patel", "Dev <script>alert(1)</script><img src=x onerror=alert(2)>"
        )
    )
    log = data / "logs" / "dev.csv"
    log.write_text(
        log.read_text().replace(
            "Lat Pulldown (Cable)", "<script src=https://cdn.example.invalid/x.js></script>"
        )
    )
    out = data.parent / "reports"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "backday_analysis",
            "report",
            "--client",
            "dev",
            "--week",
            "2026-W47",
            "--data",
            str(data),
            "--out",
            str(out),
            "--format",
            "html",
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out / "2026-W47" / "dev.html"


def test_report_opens_offline_with_no_request_and_no_script(hostile_report, tmp_path):
    tools = DevTools(tmp_path / "profile")
    try:
        target = tools.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = tools.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Network", "Page", "Runtime", "Debugger"):
            tools.send(f"{domain}.enable", session=session)
        tools.send(
            "Network.emulateNetworkConditions",
            {
                "offline": True,
                "latency": 0,
                "downloadThroughput": -1,
                "uploadThroughput": -1,
            },
            session=session,
        )
        tools.send("Page.navigate", {"url": hostile_report.as_uri()}, session=session)
        tools.wait_for("Page.loadEventFired")
        time.sleep(0.5)
        text = tools.send(
            "Runtime.evaluate", {"expression": "document.body.innerText"}, session=session
        )["result"]["value"]
    finally:
        tools.close()
    requests = [
        e["params"]["request"]["url"]
        for e in tools.events
        if e.get("method") == "Network.requestWillBeSent"
    ]
    outside = [
        url for url in requests if not (url.startswith("data:") or url == hostile_report.as_uri())
    ]
    failed = [e for e in tools.events if e.get("method") == "Network.loadingFailed"]
    page_scripts = [
        e["params"]["url"]
        for e in tools.events
        if e.get("method") == "Debugger.scriptParsed" and e["params"].get("url")
    ]
    dialogs = [e for e in tools.events if e.get("method") == "Page.javascriptDialogOpening"]
    assert outside == [] and failed == []
    assert page_scripts == [] and dialogs == []
    assert "Dev <script>alert(1)</script>" in text
    assert "<script src=https://cdn.example.invalid/x.js></script>" in text
