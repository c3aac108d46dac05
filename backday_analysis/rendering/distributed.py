"""Run report jobs as tasks on a ``dask.distributed`` cluster (``backday report --scheduler``).

Each worker thread keeps one warm kernel across tasks (:func:`render_task`), so a worker pays
for kernel start and imports once. The pages travel back to the client as bytes and are
written to ``--out`` here, atomically, exactly as a local run writes them; the workers need
no shared output folder. They do read the data folder, at the same path as the client.
"""

from __future__ import annotations

import atexit
import logging
import threading
from pathlib import Path

from tqdm import tqdm

from backday_analysis.atomic import remove_partial_files, write_bytes_atomic
from backday_analysis.errors import BackdayError
from backday_analysis.rendering.kernels import WarmKernel
from backday_analysis.rendering.report import ReportJob, ReportResult, error_sentence, render_pages

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = "20s"
#: Seconds one report may take on the cluster, kernel start included; the batch as a whole
#: waits at most this long per report before it gives up on the cluster.
TASK_TIMEOUT = 1800.0
_local = threading.local()


def _kernel() -> WarmKernel:
    """Return this worker thread's warm kernel, started on its first task."""
    kernel = getattr(_local, "kernel", None)
    if kernel is None:
        kernel = _local.kernel = WarmKernel()
        atexit.register(kernel.shutdown)
    elif not kernel.is_alive():
        kernel.restart()
    return kernel


def render_task(job: ReportJob, formats: tuple[str, ...]) -> tuple[dict[str, bytes], str | None]:
    """Render one report on a worker; return its pages and the error sentence, if any.

    A failing report returns its sentence instead of raising, so it fails only its own task
    and the worker keeps (a fresh) kernel for the next one.
    """
    kernel = _kernel()
    try:
        return render_pages(job, formats, kernel=kernel), None
    except Exception as exc:
        log.debug("report %s failed on a worker", job.label, exc_info=True)
        # A failed or timed-out cell may leave the kernel busy or broken: start afresh.
        kernel.restart()
        return {}, error_sentence(exc)


def _write(job: ReportJob, formats: tuple[str, ...], pages: dict[str, bytes]) -> list[Path]:
    written = []
    for suffix in formats:
        if suffix in pages:
            path = job.target.with_suffix(f".{suffix}")
            write_bytes_atomic(path, pages[suffix])
            written.append(path)
    return written


def run_reports_distributed(
    jobs: list[ReportJob], formats: tuple[str, ...], scheduler: str
) -> list[ReportResult]:
    """Run the jobs on the cluster at ``scheduler`` and write their pages; results in job order.

    Raises
    ------
    BackdayError
        When the scheduler cannot be reached.
    """
    from distributed import Client, as_completed

    for folder in {job.target.parent for job in jobs}:
        remove_partial_files(folder)
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise BackdayError(
            f"the Dask scheduler at {scheduler} cannot be reached ({exc}); start it with "
            "'dask scheduler' or check the address."
        ) from None
    results: dict[str, ReportResult] = {}
    bar = tqdm(total=len(jobs), unit="report", desc="reports", disable=None)
    futures = {}
    try:
        for job in jobs:
            future = client.submit(render_task, job, formats, pure=False, retries=0)
            futures[future] = job
        waiting = as_completed(futures, loop=client.loop, timeout=TASK_TIMEOUT * len(jobs))
        for future in waiting:
            job = futures[future]
            result = results[job.label] = ReportResult(job.label)
            try:
                pages, result.error = future.result()
                result.written = _write(job, formats, pages)
            except Exception as exc:
                log.debug("report %s failed", job.label, exc_info=True)
                result.error = error_sentence(exc)
            bar.set_postfix_str(job.label)
            bar.update()
    except TimeoutError:
        client.cancel(list(futures), force=True)
        raise BackdayError(
            f"the cluster at {scheduler} did not finish the reports in "
            f"{TASK_TIMEOUT * len(jobs):g} s, so they were taken off it; check its workers "
            "and run the reports again."
        ) from None
    except BaseException:
        # Interrupted (Ctrl-C, SIGTERM): take the remaining tasks off the cluster.
        client.cancel(list(futures), force=True)
        raise
    finally:
        bar.close()
        client.close()
    return [results[job.label] for job in jobs]
