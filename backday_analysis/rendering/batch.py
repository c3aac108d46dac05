"""Plan a batch of reports for a week and run them in parallel worker processes."""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.util
import threading
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path

from tqdm import tqdm

from backday_analysis import paths
from backday_analysis.atomic import exit_on_terminate, remove_partial_files
from backday_analysis.datafolder.dataset import load_dataset, load_people
from backday_analysis.errors import BackdayError
from backday_analysis.metrics.week_status import refuse_future
from backday_analysis.rendering.kernels import START_TIMEOUT, WarmKernel
from backday_analysis.rendering.pages import (
    prepare_writers,
    typst_started,
    wait_for_background_writers,
)
from backday_analysis.rendering.report import (
    ROSTER,
    WEEKLY,
    ReportJob,
    ReportResult,
    render,
)
from backday_analysis.views.client_week import latest_week
from backday_analysis.views.roster_lines import SORTS
from backday_analysis.views.roster_week import coach_clients

log = logging.getLogger(__name__)

WEEKS_OF_HISTORY = 16
#: Seconds a batch waits for its next report to finish before it gives up on the workers: a
#: report's cells are each stopped after CELL_TIMEOUT_SECONDS, so this is a hang, not a slow
#: report.
PROGRESS_TIMEOUT = 1800.0
#: Seconds the workers get to stop their kernels and end once the batch is done.
WORKER_EXIT_TIMEOUT = 60.0


def plan_reports(
    week: str,
    clients: list[str] | None,
    data: Path | None,
    out: Path,
    roster_page: bool = False,
    coach: str = "",
    sort: str = "attention",
) -> tuple[str, list[ReportJob]]:
    """Check the inputs and return the week and one job per report to write.

    ``coach`` makes the roster page one coach's (``roster-<coach>.html``); ``sort`` orders
    its lines (a key of :data:`~backday_analysis.views.roster_lines.SORTS`).

    Raises
    ------
    BackdayError
        For an invalid week or one after today, an unknown client or coach, or a data
        folder that cannot be read.
    """
    if coach and not roster_page:
        raise BackdayError(f"--coach {coach} picks one coach's roster page; add --roster.")
    if sort not in SORTS:
        raise BackdayError(f"--sort {sort} is unknown; use one of {', '.join(SORTS)}.")
    if sort != "attention" and not roster_page:
        raise BackdayError(f"--sort {sort} orders the roster page's lines; add --roster.")
    folder = paths.data_dir(data)
    if week == "latest":
        dataset = load_dataset(folder, clients=clients or None)
        label = latest_week(dataset.sets)
    else:
        # A named week needs no sets here: each report reads its own client's log.
        refuse_future(week)
        dataset = load_people(folder, clients)
        label = week
    target = Path(out).expanduser().resolve() / label
    if roster_page:
        coach_clients(dataset.roster, coach)  # an unknown coach: one sentence, now
        name = f"roster-{paths.safe_name(coach)}" if coach else "roster"
        return label, [
            ReportJob(
                "roster",
                ROSTER,
                {"week": label, "data_dir": str(folder), "coach": coach, "sort": sort},
                target / name,
                f"Roster overview {label}" + (f" for {coach}" if coach else ""),
            )
        ]
    jobs = []
    for client_id in clients or list(dataset.roster["client_id"]):
        parameters = {
            "client": client_id,
            "week": label,
            "data_dir": str(folder),
            "weeks_of_history": WEEKS_OF_HISTORY,
            "guideline_days": dataset.settings.guideline_days,
        }
        jobs.append(
            ReportJob(
                client_id,
                WEEKLY,
                parameters,
                target / paths.safe_name(client_id),
                f"{dataset.client_name(client_id)} {label}",
            )
        )
    return label, jobs


_worker_kernel: WarmKernel | None = None


def _start_worker() -> None:
    """Start this worker's warm kernel, and stop it when the worker exits."""
    global _worker_kernel
    exit_on_terminate()
    _worker_kernel = WarmKernel()
    multiprocessing.util.Finalize(None, _worker_kernel.shutdown, exitpriority=10)


def started_kernel(kernel: Future | None) -> WarmKernel | None:
    """Return the kernel started in the background, or None if it could not start in time.

    Without it the report runs in a fresh kernel, whose failure is then reported.
    """
    if kernel is None:
        return None
    try:
        return kernel.result(timeout=START_TIMEOUT)
    except Exception:
        log.warning("the report kernel started in the background failed", exc_info=True)
        return None


def render_in_kernel(job: ReportJob, formats: tuple[str, ...], kernel: WarmKernel) -> ReportResult:
    """Render one job in a warm kernel, replacing the kernel when it died or a report failed."""
    if not kernel.is_alive():
        kernel.restart()
    result = render(job, formats, kernel=kernel)
    if result.error:
        # A failed or timed-out cell may leave the kernel busy or broken: start afresh.
        kernel.restart()
    return result


def _render_in_worker(job: ReportJob, formats: tuple[str, ...]) -> ReportResult:
    return render_in_kernel(job, formats, _worker_kernel)


def _shut_down(pool: ProcessPoolExecutor, processes: list, cancel: bool = False) -> None:
    """Let the pool end its workers (each stops its kernel first); kill those that hang.

    The pool's own thread joins the workers and collects their exit statuses; a second
    join here would race it for them, and could take a worker already gone for one that
    hangs. So the shutdown itself is what is waited for, with a time-out.
    """
    closer = threading.Thread(
        target=pool.shutdown, kwargs={"wait": True, "cancel_futures": cancel}, daemon=True
    )
    closer.start()
    closer.join(WORKER_EXIT_TIMEOUT)
    if closer.is_alive():
        for process in processes:
            if process.exitcode is None:
                log.warning("worker %s did not end in time and is killed", process.pid)
                process.kill()
        closer.join(5)
    for process in processes:
        log.debug("worker %s ended with exit status %s", process.pid, process.exitcode)


def run_reports(
    jobs: list[ReportJob], formats: tuple[str, ...], workers: int, kernel: Future | None = None
) -> list[ReportResult]:
    """Run the jobs, ``workers`` at a time, with a progress bar; return results in job order.

    A single report runs in ``kernel`` (a kernel being started in the background, which is
    shut down afterwards) or else a fresh one; a batch runs in worker processes that each keep
    one warm kernel. One failing report does not stop the others.
    """
    for folder in {job.target.parent for job in jobs}:
        remove_partial_files(folder)
    results: dict[str, ReportResult] = {}
    if len(jobs) == 1:
        bar = tqdm(total=1, unit="report", desc="reports", disable=None)
        bar.set_postfix_str(jobs[0].label)
        warm = started_kernel(kernel)
        try:
            results[jobs[0].label] = render(jobs[0], formats, kernel=warm)
        finally:
            if warm:
                warm.shutdown()
        bar.update()
    else:
        if kernel is not None:  # started for a single report; a batch has its own workers
            warm = started_kernel(kernel)
            if warm:
                warm.shutdown()
        # The workers are forked from this process: made ready here once, papermill, the
        # exporter and Typst are not imported and set up again in every worker. No page is
        # typeset here: Typst's threads would not reach the workers. The thread that may have
        # begun this is waited for, so that the fork finds no other thread (one holding a
        # lock would leave it held in the workers).
        prepare_writers(formats, typeset=False)
        wait_for_background_writers()
        # A process that has typeset a page (a caller that wrote one report, then a batch)
        # cannot fork workers that typeset: they start from a clean server process instead.
        # Where workers are not forked (spawn on Windows and macOS), they start clean anyway.
        forked = multiprocessing.get_start_method() == "fork"
        clean = forked and "pdf" in formats and typst_started()
        context = multiprocessing.get_context("forkserver") if clean else None
        pool = ProcessPoolExecutor(
            max_workers=max(1, min(workers, len(jobs))),
            initializer=_start_worker,
            mp_context=context,
        )
        processes = []
        try:
            futures = {pool.submit(_render_in_worker, job, formats): job for job in jobs}
            processes = list(getattr(pool, "_processes", {}).values())
            # Only now: a progress bar on a terminal has a monitor thread.
            bar = tqdm(total=len(jobs), unit="report", desc="reports", disable=None)
            pending = set(futures)
            while pending:
                done, pending = wait(pending, PROGRESS_TIMEOUT, return_when=FIRST_COMPLETED)
                if not done:
                    raise BackdayError(
                        f"no report finished in {PROGRESS_TIMEOUT:g} s, so the batch was "
                        "stopped; run the reports again, or one client at a time to find "
                        "the one that hangs."
                    )
                for future in done:
                    job = futures[future]
                    results[job.label] = future.result()
                    bar.set_postfix_str(job.label)
                    bar.update()
        except BaseException:
            # Interrupted (Ctrl-C, SIGTERM) or stuck: stop the workers now rather than after
            # their current report; their SIGTERM handler removes any half-written file.
            processes = processes or list(getattr(pool, "_processes", {}).values())
            for process in processes:
                process.terminate()
            _shut_down(pool, processes, cancel=True)
            raise
        _shut_down(pool, processes)
    bar.close()
    return [results[job.label] for job in jobs]
