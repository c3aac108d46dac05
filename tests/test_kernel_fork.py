"""A report kernel forked from the command is an ordinary kernel, and dies with the command."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pytest
from fresh_python import run_python

from backday_analysis.rendering import kernel_fork
from backday_analysis.rendering.kernel_fork import can_fork, kernel_arguments
from backday_analysis.rendering.kernels import WarmKernel

PYTHON = sys.executable


def test_kernel_arguments_are_those_after_this_pythons_launcher():
    command = [PYTHON, "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "k.json", "--x"]
    assert kernel_arguments(command) == ["-f", "k.json", "--x"]


@pytest.mark.parametrize(
    "command",
    [
        ["/usr/bin/other-python", "-m", "ipykernel_launcher", "-f", "k.json"],
        [PYTHON, "-m", "some_other_kernel", "-f", "k.json"],
        ["R", "--slave", "-e", "IRkernel::main()", "--args", "k.json"],
    ],
)
def test_another_kernel_is_not_forked(command):
    assert kernel_arguments(command) is None


def test_no_fork_while_another_thread_runs():
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not can_fork()
    finally:
        release.set()
        thread.join()


def test_a_forked_kernel_runs_code_as_a_launched_one_and_is_reaped(tmp_path):
    report = tmp_path / "kernel.txt"
    done = run_python(
        f"""
        import os
        from backday_analysis.rendering.kernels import WarmKernel
        from backday_analysis.rendering.kernel_fork import ForkedProcess

        kernel = WarmKernel()
        process = kernel.manager.provisioner.process
        assert isinstance(process, ForkedProcess), type(process)
        kernel.run(
            "import os, matplotlib\\n"
            "open({str(report)!r}, 'w').write("
            "f'{{os.getppid()}} {{os.getpgid(0) == os.getpid()}} {{matplotlib.get_backend()}}')"
        )
        kernel.shutdown()
        print(os.getpid(), process.pid, process.returncode)
        """
    )
    assert done.returncode == 0, done.stderr
    parent, child, returncode = done.stdout.split()
    kernel_parent, own_group, backend = report.read_text().split()
    assert kernel_parent == parent  # a fork of the command, not a new Python it launched
    assert own_group == "True"  # signals to its group reach only the kernel
    assert backend == "module://matplotlib_inline.backend_inline"  # as in JupyterLab
    assert returncode != "None"  # waited for: no zombie left behind
    assert not os.path.exists(f"/proc/{child}")


def test_a_forked_kernel_exits_when_its_command_is_killed(tmp_path):
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
                open({str(pids)!r}, "w").write(str(kernel.manager.provisioner.process.pid))
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
        command.wait()
    for _ in range(100):  # ipykernel checks its parent every second
        if not os.path.exists(f"/proc/{kernel_pid}"):
            break
        status = open(f"/proc/{kernel_pid}/stat").read().rsplit(")", 1)[1].split()[0]
        if status == "Z":
            break
        time.sleep(0.1)
    else:
        os.kill(kernel_pid, signal.SIGKILL)
        pytest.fail("the forked kernel outlived its command")


def test_a_kernel_is_launched_as_usual_when_it_cannot_be_forked(monkeypatch):
    monkeypatch.setattr(kernel_fork, "can_fork", lambda: False)
    kernel = WarmKernel()
    try:
        assert isinstance(kernel.manager.provisioner.process, subprocess.Popen)
        kernel.run("x = 1")
    finally:
        kernel.shutdown()


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
