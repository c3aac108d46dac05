"""``backday lab``: JupyterLab over the folder beside the data, on the project's kernel.

The real command starts a real JupyterLab on a loopback port; the test asks its REST API what
it serves and runs code in a notebook's kernel over the kernel's websocket, as the browser does.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import checkout
import pytest
from lab_session import free_port
from typer.testing import CliRunner

from backday_analysis import resources
from backday_analysis.cli.commands import app
from backday_analysis.cli.lab import copy_notebooks


def test_notebooks_are_copied_where_missing_and_a_coachs_own_are_kept(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    (notebooks / "weekly_report.ipynb").write_text("my own")
    copied, kept = copy_notebooks(notebooks)
    assert kept == ["weekly_report.ipynb"]
    assert copied == ["roster_overview.ipynb", "back_balance.ipynb"]
    assert (notebooks / "weekly_report.ipynb").read_text() == "my own"
    for name in copied:
        assert (notebooks / name).read_bytes() == (checkout.NOTEBOOKS_DIR / name).read_bytes()


def test_without_jupyterlab_the_command_says_how_to_get_it(tmp_path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "jupyterlab" else real(name)
    )
    (tmp_path / "data").mkdir()
    result = CliRunner().invoke(app, ["lab", str(tmp_path / "data")])
    assert result.exit_code == 2
    assert "JupyterLab is not installed beside backday" in result.output
    assert "pip install 'backday-analysis[lab]'" in result.output
    assert not (tmp_path / "notebooks").exists()


def _get(base: str, path: str, token: str) -> dict:
    with urllib.request.urlopen(f"{base}{path}?token={token}", timeout=10) as response:
        return json.load(response)


def _post(base: str, path: str, token: str, body: dict) -> dict:
    request = urllib.request.Request(
        f"{base}{path}?token={token}",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


async def _run_in_kernel(url: str, code: str, timeout: float = 120) -> str:
    """Run ``code`` in a kernel through JupyterLab's websocket and return what it printed."""
    from tornado.websocket import websocket_connect

    socket = await websocket_connect(url)
    msg_id = uuid.uuid4().hex
    header = {
        "msg_id": msg_id,
        "username": "test",
        "session": uuid.uuid4().hex,
        "msg_type": "execute_request",
        "version": "5.3",
    }
    content = {"code": code, "silent": False, "store_history": False, "allow_stdin": False}
    socket.write_message(
        json.dumps(
            {"header": header, "parent_header": {}, "metadata": {}, "content": content,
             "channel": "shell", "buffers": []}
        )
    )  # fmt: skip
    printed = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        message = json.loads(await asyncio.wait_for(socket.read_message(), timeout))
        if message.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind = message["msg_type"]
        if kind == "stream":
            printed.append(message["content"]["text"])
        elif kind == "error":
            raise AssertionError("\n".join(message["content"]["traceback"]))
        elif kind == "status" and message["content"]["execution_state"] == "idle":
            break
    socket.close()
    return "".join(printed)


@pytest.fixture
def lab(tmp_path):
    """Run ``backday lab DIR`` on a loopback port; yield (data, base URL, token, process)."""
    workspace = tmp_path / "coaching"
    data = workspace / "clients"  # any name: the kernel gets $BACKDAY_DATA
    shutil.copytree(checkout.ROOT / "tests" / "fixtures" / "data", data)
    token, port = secrets.token_hex(16), free_port()
    home = tmp_path / "jupyter-home"
    env = {
        **{k: v for k, v in os.environ.items() if k != "BACKDAY_DATA"},
        "JUPYTER_TOKEN": token,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
    }
    log = open(tmp_path / "lab.log", "wb")
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "backday"), "lab", str(data), "--port", str(port),
         "--no-browser"],
        cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, (tmp_path / "lab.log").read_text()
            try:
                _get(base, "/api/status", token)
                break
            except OSError:
                assert time.monotonic() < deadline, "JupyterLab did not start"
                time.sleep(0.5)
        yield data, base, token, process
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
        log.close()


@pytest.mark.kernel
def test_lab_serves_the_notebooks_beside_the_data_on_the_projects_kernel(lab):
    data, base, token, process = lab
    listed = _get(base, "/api/contents/notebooks", token)["content"]
    assert sorted(item["name"] for item in listed) == sorted(resources.NOTEBOOKS)
    assert {item["name"] for item in _get(base, "/api/contents", token)["content"]} >= {
        "clients",
        "notebooks",
    }
    specs = _get(base, "/api/kernelspecs", token)
    assert specs["default"] == "python3"
    spec = specs["kernelspecs"]["python3"]["spec"]
    assert spec["display_name"] == "Python 3 (backday)"
    assert spec["argv"][:3] == [sys.executable, "-m", "ipykernel_launcher"]
    # A notebook's kernel runs in notebooks/ and reads this data folder.
    session = _post(
        base,
        "/api/sessions",
        token,
        {"path": "notebooks/weekly_report.ipynb", "type": "notebook", "name": "",
         "kernel": {"name": "python3"}},
    )  # fmt: skip
    url = f"ws{base[4:]}/api/kernels/{session['kernel']['id']}/channels?token={token}"
    printed = asyncio.run(
        _run_in_kernel(
            url,
            "import os, sys\nfrom backday_analysis import paths\n"
            "from backday_analysis.views import client_week as cw\n"
            "print(sys.executable, os.getcwd(), *paths.find_data_dir(), sep='|')\n"
            "client, dataset = cw.load_for_client('ana')\n"
            "print(dataset.client_name(client))",
        )
    )
    lines = printed.splitlines()
    assert lines[0].split("|") == [
        sys.executable,
        str(data.parent / "notebooks"),
        str(data),
        "$BACKDAY_DATA",
    ]
    assert lines[1] == "Ana Example"
