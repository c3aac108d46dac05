"""A report kernel starts as a freshly launched kernel does, whatever its command did before.

A report kernel is a new Python launched by jupyter_client. These tests plant in the command
everything a fork would carry over (pandas options, rcParams, a held data-folder lock, an open
file, a signal handler, another working directory) and compare the report kernel with a kernel
launched the plain jupyter_client way, as papermill launches one.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from fresh_python import run_python

from backday_analysis.rendering.kernels import WarmKernel

pytestmark = pytest.mark.kernel

PYTHON = sys.executable

# What a kernel reports of its own state, as one JSON line. File descriptors are listed by
# what they point at: sockets, pipes and event fds by kind, files by path.
PROBE = r"""
import json as _json, os as _os, signal as _signal
import matplotlib as _mpl, matplotlib.pyplot as _plt, pandas as _pd

def _target(fd):
    try:
        target = _os.readlink(f"/proc/self/fd/{fd}")
    except OSError:  # the descriptor listdir itself used
        return None
    return target.split(":")[0] if target.endswith("]") else target

print(_json.dumps({
    "pandas": {k: _pd.get_option(k) for k in ("display.max_rows", "display.precision")},
    "rcParams": {k: repr(v) for k, v in _mpl.rcParams.items()},
    "environment": dict(_os.environ),
    "cwd": _os.getcwd(),
    "signals": {
        str(s): getattr(_signal.getsignal(s), "__qualname__", repr(_signal.getsignal(s)))
        for s in _signal.valid_signals() if s not in (_signal.SIGKILL, _signal.SIGSTOP)
    },
    "files": sorted(filter(None, map(_target, _os.listdir("/proc/self/fd")))),
}))
"""

PARENT = """
import asyncio, json, os
import matplotlib, pandas as pd
from jupyter_client.manager import start_new_kernel
from jupyter_client.utils import run_sync

from backday_analysis import paths, resources
from backday_analysis.atomic import exit_on_terminate
from backday_analysis.datafolder.lock import data_folder_lock
from backday_analysis.rendering.kernels import KERNEL_NAME, QUIET, WARM_UP, start_in_background

probe = {probe!r}
pd.set_option("display.max_rows", 7)
pd.set_option("display.precision", 2)
matplotlib.rcParams["figure.dpi"] = 33
exit_on_terminate()
os.chdir({work!r})
held = open({open_file!r}, "w")

def run(client, code):
    out = []
    done = client.execute_interactive(code, timeout=60, output_hook=out.append)
    if asyncio.iscoroutine(done):  # the report kernel's own client is asynchronous

        async def finish():
            await done

        run_sync(finish)()
    errors = [m["content"]["evalue"] for m in out if m["msg_type"] == "error"]
    assert not errors, errors
    return "".join(m["content"]["text"] for m in out if m["msg_type"] == "stream")

with data_folder_lock({data!r}):
    report = start_in_background().result(timeout=120)
    manager, client = start_new_kernel(
        kernel_name=KERNEL_NAME, cwd=str(resources.shipped("notebooks")), extra_arguments=QUIET
    )
try:
    run(client, WARM_UP)  # what the report kernel ran before its first notebook
    states = {{
        "report": json.loads(run(report.manager.client(), probe)),
        "fresh": json.loads(run(client, probe)),
    }}
finally:
    report.shutdown()
    client.stop_channels()
    manager.shutdown_kernel(now=True)
print(json.dumps(states))
"""


def test_a_report_kernel_sees_nothing_its_command_changed_or_opened(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    open_file = tmp_path / "open-in-the-command.txt"
    done = run_python(
        PARENT.format(probe=PROBE, work=str(tmp_path), open_file=str(open_file), data=str(data)),
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    states = json.loads(done.stdout.splitlines()[-1])
    report, fresh = states["report"], states["fresh"]
    for part in report:
        assert report[part] == fresh[part], part
    # The planted changes, one by one, so the test cannot pass by comparing like with like.
    assert report["pandas"] == {"display.max_rows": 60, "display.precision": 6}
    assert report["rcParams"]["figure.dpi"] == "100.0"
    assert report["signals"][str(signal.SIGTERM)] == repr(signal.SIG_DFL)
    assert report["cwd"] != str(tmp_path)
    assert str(data / ".backday.lock") not in report["files"]
    assert str(open_file) not in report["files"]
    assert not [f for f in report["files"] if f.startswith("/") and f != os.devnull], report


def test_a_report_kernel_exits_when_its_command_is_killed(tmp_path):
    pids = tmp_path / "pids.txt"
    command = subprocess.Popen(
        [
            PYTHON,
            "-c",
            textwrap.dedent(
                f"""
                import time
                from backday_analysis.rendering.kernels import WarmKernel

                kernel = WarmKernel()
                open({str(pids)!r}, "w").write(str(kernel.pid))
                time.sleep(600)
                """
            ),
        ]
    )
    try:
        for _ in range(600):
            if pids.exists() and pids.read_text():
                break
            time.sleep(0.1)
        kernel_pid = int(pids.read_text())
    finally:
        command.send_signal(signal.SIGKILL)
        command.wait(timeout=30)
    for _ in range(100):  # ipykernel checks its parent every second
        if not os.path.exists(f"/proc/{kernel_pid}"):
            break
        status = open(f"/proc/{kernel_pid}/stat").read().rsplit(")", 1)[1].split()[0]
        if status == "Z":
            break
        time.sleep(0.1)
    else:
        os.kill(kernel_pid, signal.SIGKILL)
        pytest.fail("the report kernel outlived its command")


def test_a_kernel_is_reaped_on_shutdown_and_its_exit_status_logged(caplog):
    caplog.set_level(logging.DEBUG, logger="backday_analysis.rendering.kernels")
    kernel = WarmKernel(warm=False)
    pid = kernel.pid
    kernel.run("x = 1")
    kernel.shutdown()
    assert not os.path.exists(f"/proc/{pid}")  # reaped: not even a zombie is left
    assert f"kernel pid {pid} ended with exit status -9" in caplog.text  # killed, as it is


def test_the_kernel_client_sees_every_output_of_its_first_request():
    kernel = WarmKernel(warm=False)
    outputs = []
    try:

        async def first_request() -> None:
            client = kernel.manager.client()
            client.start_channels()
            client.start_channels()  # papermill starts them again: no error
            await client.wait_for_ready(timeout=60)
            await client.execute_interactive(
                "print('seen')", timeout=60, output_hook=outputs.append
            )

        from jupyter_client.utils import run_sync

        run_sync(first_request)()
    finally:
        kernel.shutdown()
    assert [m["content"]["text"] for m in outputs if m["msg_type"] == "stream"] == ["seen\n"]
