"""Keep one warm Jupyter kernel per worker, so a batch pays kernel start and imports once.

A fresh kernel costs about two seconds to start and one more to import pandas, matplotlib
and the package. A batch of reports starts one kernel per worker, imports once, and clears the
namespace between notebooks (``%reset -f``, run as the first cell of each notebook), so each
notebook still runs on a clean slate. A single report starts its kernel in the background
(:func:`start_in_background`) while the command reads the data.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from jupyter_client.manager import AsyncKernelManager
from jupyter_client.utils import run_sync

KERNEL_NAME = "python3"
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


class WarmKernel:
    """A started kernel with the report modules imported, reusable across notebooks."""

    def __init__(self) -> None:
        self.manager = AsyncKernelManager(kernel_name=KERNEL_NAME)
        self.start()

    def start(self) -> None:
        """Start the kernel and import the report modules in it."""
        run_sync(self.manager.start_kernel)(extra_arguments=QUIET)
        self.run(WARM_UP)

    def run(self, code: str, timeout: float = 120) -> None:
        """Run code in the kernel and wait for it to finish."""
        run_sync(self._run)(code, timeout)

    async def _run(self, code: str, timeout: float) -> None:
        client = self.manager.client()
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=60)
            await client.execute_interactive(code, timeout=timeout, output_hook=lambda _: None)
        finally:
            client.stop_channels()

    def reset(self) -> None:
        """Clear the namespace left by the previous notebook; imported modules stay loaded."""
        self.run(RESET)

    def is_alive(self) -> bool:
        """Return whether the kernel process still runs."""
        return bool(run_sync(self.manager.is_alive)())

    def restart(self) -> None:
        """Replace the kernel, after a notebook failed or timed out and left it busy."""
        self.shutdown()
        self.manager = AsyncKernelManager(kernel_name=KERNEL_NAME)
        self.start()

    def shutdown(self) -> None:
        """Stop the kernel."""
        if self.manager.has_kernel:
            run_sync(self.manager.shutdown_kernel)(now=True)


def start_in_background() -> Future:
    """Start a warm kernel in a thread; the future's result is the :class:`WarmKernel`."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="backday-kernel")
    future = pool.submit(WarmKernel)
    pool.shutdown(wait=False)
    return future
