"""Keep one warm Jupyter kernel per worker, so a batch pays kernel start and imports once.

A kernel is a new Python launched by jupyter_client, exactly as JupyterLab and papermill
launch one: its pandas options, rcParams, signal handlers and open files are a fresh
process's, whatever the command that asks for it has set or opened (``Popen`` closes every
file descriptor but the standard three, so a held data-folder lock stays with the command).
It answers in about 0.3 s and has the report modules imported in about 0.8 s; a single report
hides that behind the command's own work (:func:`start_in_background`), a batch pays it once
per worker. A warm kernel clears the namespace between notebooks (``%reset -f``, run as the
first cell of each notebook), so each notebook still runs on a clean slate.

Every wait has a time-out: the kernel's first answer (:data:`READY_TIMEOUT`), each request
(``timeout``), and its shutdown (jupyter_client's own five seconds after SIGKILL).
"""

from __future__ import annotations

import logging
import time
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from queue import Empty

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.utils import run_sync

from backday_analysis import resources

log = logging.getLogger(__name__)

KERNEL_NAME = "python3"
#: Seconds a kernel may take to answer its first request.
READY_TIMEOUT = 60.0
#: Seconds a caller waits for a kernel started in the background to be warm.
START_TIMEOUT = 120.0
# The kernel's start-up warnings are not for coaches' terminals, and a report kernel needs no
# input history (IPython would keep it in SQLite, cell by cell).
QUIET = ["--IPKernelApp.log_level=CRITICAL", "--HistoryManager.enabled=False"]
WARM_UP = (
    "import matplotlib.pyplot\n"
    "import backday_analysis.views.pages, backday_analysis.views.data_checks, "
    "backday_analysis.views.next_week, backday_analysis.charts.weekly, "
    "backday_analysis.charts.balance\n"
    "__import__('gc').freeze()\n"
)
# ``%reset -f`` runs two full garbage collections; the objects that outlive a reset (modules,
# caches) are frozen after it, so each collection looks only at what one notebook made.
RESET = (
    "%reset -f\nimport matplotlib.pyplot as _plt\n_plt.close('all')\ndel _plt\n"
    "__import__('gc').freeze()\n"
)


class ReadyClient(AsyncKernelClient):
    """A kernel client that is ready as soon as the kernel answers, and starts only once.

    jupyter_client's own readiness check ends by draining IOPub until it has been silent
    for 0.2 s, on every call: 0.2 s before each notebook. Messages left on IOPub are
    harmless here, as papermill and :meth:`WarmKernel.run` read only the replies to their
    own requests.
    """

    def start_channels(self, *args, **kwargs) -> None:
        """Start the channels, unless they run already (papermill starts them again)."""
        if not self.channels_running:
            super().start_channels(*args, **kwargs)

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        """Return once the kernel answers on the shell channel and IOPub is connected."""
        timeout = READY_TIMEOUT if timeout is None else timeout
        deadline = time.monotonic() + timeout
        while True:
            self.kernel_info()
            try:
                reply = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                reply = None
            if reply and reply["msg_type"] == "kernel_info_reply":
                try:
                    # The kernel announces each request on IOPub: one message proves that
                    # the subscription is live, so no output of the notebook is lost.
                    await self.iopub_channel.get_msg(timeout=0.2)
                    return
                except Empty:
                    pass
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")


class WarmKernelManager(AsyncKernelManager):
    """A kernel manager that hands out one client, whose connection stays subscribed."""

    _ready_client: ReadyClient | None = None

    def client(self, **kwargs) -> ReadyClient:
        """Return this kernel's client, made on first use."""
        if self._ready_client is None:
            self._ready_client = super().client(**kwargs)
        return self._ready_client

    async def _async_wait(self, pollinterval: float = 0.005) -> None:
        # jupyter_client polls for a killed kernel's end every 0.1 s, under its own 5 s limit;
        # a SIGKILLed kernel is gone within milliseconds, and a single report waits for it.
        await super()._async_wait(pollinterval)

    def stop_client(self) -> None:
        """Close the client's connection, before the kernel stops."""
        if self._ready_client is not None:
            self._ready_client.stop_channels()
            self._ready_client = None


class WarmKernel:
    """A started kernel with the report modules imported, reusable across notebooks."""

    def __init__(self, warm: bool = True) -> None:
        self.launch()
        if warm:
            self.warm_up()

    def launch(self) -> None:
        """Start the kernel's process, without waiting for it to be ready.

        It starts in the notebooks' folder, as papermill and JupyterLab start a notebook's
        kernel.
        """
        self.manager = WarmKernelManager(
            kernel_name=KERNEL_NAME,
            kernel_id=str(uuid.uuid4()),
            client_class="backday_analysis.rendering.kernels.ReadyClient",
        )
        run_sync(self.manager.start_kernel)(
            extra_arguments=QUIET, cwd=str(resources.shipped("notebooks"))
        )
        log.debug("kernel %s started, pid %s", self.manager.kernel_id, self.pid)

    @property
    def pid(self) -> int | None:
        """Return the kernel process's id, or None when it is not running."""
        process = getattr(self.manager.provisioner, "process", None)
        return process.pid if process is not None else None

    def warm_up(self) -> None:
        """Import the report modules in the kernel; a kernel that died starts afresh once."""
        try:
            self.run(WARM_UP)
        except RuntimeError:
            if self.is_alive():
                raise
            self.restart()

    def run(self, code: str, timeout: float = 120) -> None:
        """Run code in the kernel and wait for it to finish."""
        run_sync(self._run)(code, timeout)

    async def _run(self, code: str, timeout: float) -> None:
        client = self.manager.client()
        client.start_channels()
        await client.wait_for_ready(timeout=READY_TIMEOUT)
        await client.execute_interactive(code, timeout=timeout, output_hook=lambda _: None)

    def reset(self) -> None:
        """Clear the namespace left by the previous notebook; imported modules stay loaded."""
        self.run(RESET)

    def is_alive(self) -> bool:
        """Return whether the kernel process still runs."""
        return bool(run_sync(self.manager.is_alive)())

    def restart(self) -> None:
        """Replace the kernel, after a notebook failed or timed out and left it busy."""
        self.shutdown()
        self.launch()
        self.run(WARM_UP)

    def shutdown(self) -> None:
        """Stop the kernel and reap its process; log its exit status as the system gave it."""
        self.manager.stop_client()
        process = getattr(self.manager.provisioner, "process", None)
        if self.manager.has_kernel:
            run_sync(self.manager.shutdown_kernel)(now=True)
        if process is not None:
            log.debug("kernel pid %s ended with exit status %s", process.pid, process.poll())


def start_in_background() -> Future:
    """Start a warm kernel; the future's result is the :class:`WarmKernel`.

    The kernel's process is launched here and a thread waits for it and imports the report
    modules in it. Wait for the result with a time-out (:data:`START_TIMEOUT`).
    """
    try:
        kernel = WarmKernel(warm=False)
    except Exception as exc:  # noqa: BLE001 - the caller decides, as for a failed warm-up
        failed: Future = Future()
        failed.set_exception(exc)
        return failed
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="backday-kernel")
    future = pool.submit(lambda: kernel.warm_up() or kernel)
    pool.shutdown(wait=False)
    return future
