"""Start a report kernel as a fork of this process, so it finds pandas and Jupyter imported.

A kernel started the usual way is a new Python that imports ipykernel, then pandas and
matplotlib: about 1.5 s before it runs a cell, on the critical path of a single report. The
command that asks for the kernel has imported pandas and jupyter_client already; a fork
shares them, and the child becomes an ordinary ipykernel on the connection file that
jupyter_client wrote, so papermill talks to it exactly as to any kernel.

A fork is only taken when it is safe: on a system with ``fork``, from a process with no other
Python thread (a thread importing a module while we fork would leave its import locks held in
the child), outside a running kernel (JupyterLab), and when the kernel spec runs this very
Python with ``ipykernel_launcher``. Otherwise the kernel starts the usual way.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
from typing import Any

from jupyter_client.provisioning import LocalProvisioner

LAUNCHER = ["-m", "ipykernel_launcher"]


class ForkedProcess:
    """The part of :class:`subprocess.Popen` that jupyter_client uses, for a forked child."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def _reap(self, options: int) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, options)
            except ChildProcessError:  # reaped elsewhere: it is gone all the same
                pid, status = self.pid, 0
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def poll(self) -> int | None:
        """Return the exit code, or None while the child runs."""
        return self._reap(os.WNOHANG)

    def wait(self, timeout: float | None = None) -> int | None:
        """Wait for the child to exit and return its exit code."""
        return self._reap(0)

    def send_signal(self, signum: int) -> None:
        """Send a signal to the child unless it has exited."""
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        """Stop the child at once."""
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        """Ask the child to stop."""
        self.send_signal(signal.SIGTERM)


def kernel_arguments(cmd: list[str]) -> list[str] | None:
    """Return the kernel's own arguments if ``cmd`` runs this Python's ipykernel, else None."""
    for start in range(1, len(cmd) - 1):
        if cmd[start : start + 2] == LAUNCHER:
            same_python = os.path.normpath(cmd[0]) == os.path.normpath(sys.executable)
            return cmd[start + 2 :] if same_python else None
    return None


def can_fork() -> bool:
    """Return whether this process may fork a kernel (see the module's docstring)."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    app = sys.modules.get("ipykernel.kernelapp")
    return not (app and app.IPKernelApp.initialized())


class ForkProvisioner(LocalProvisioner):
    """Launch the kernel as a fork of this process, or the usual way when that is unsafe."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any):
        """Fork the kernel; return its connection information."""
        arguments = kernel_arguments(cmd)
        if arguments is None or not can_fork():
            return await super().launch_kernel(cmd, **kwargs)
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:
            # As a launched kernel: it exits when this process dies, and does not wait for
            # input on this process's terminal.
            env = {**(kwargs.get("env") or os.environ), "JPY_PARENT_PID": str(parent)}
            arguments = [*arguments, f"--IPKernelApp.parent_handle={parent}"]
            _run_kernel(arguments, env, kwargs.get("cwd"))
        self.process = ForkedProcess(pid)
        self.pid = self.pgid = pid
        self.cwd = kwargs.get("cwd") or os.getcwd()
        return self.connection_info

    async def kill(self, restart: bool = False) -> None:
        """Kill the kernel and reap it, so jupyter_client need not poll for its end."""
        process = self.process
        await super().kill(restart)
        if isinstance(process, ForkedProcess):
            process.wait()  # SIGKILL cannot be caught: a few milliseconds


def _run_kernel(arguments: list[str], env: dict, cwd: str | None) -> None:
    """Become an ipykernel in the forked child; never return."""
    code = 1
    try:
        os.setsid()  # its own session and process group, as jupyter_client starts kernels
        # Handlers the parent set (a command's SIGTERM clean-up) are not the kernel's.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGCHLD):
            signal.signal(signum, signal.SIG_DFL)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        os.environ.clear()
        os.environ.update(env)
        if cwd:
            os.chdir(cwd)
        # The fork happened inside jupyter_client's event loop: the kernel needs its own.
        asyncio.events._set_running_loop(None)
        asyncio.set_event_loop(asyncio.new_event_loop())
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        app.initialize(arguments)
        app.start()
        code = 0
    except BaseException:  # noqa: BLE001, S110 - never return into the parent's code; the
        pass  # parent sees the kernel die before it is ready and starts one the usual way
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # noqa: BLE001, S110 - exiting anyway
                pass
        os._exit(code)
