"""Run report notebooks with papermill and write them as HTML (nbconvert) and PDF (Typst).

Each report is written atomically: a failure, or a killed run, leaves no half-written file.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from backday_analysis import resources
from backday_analysis.atomic import write_bytes_atomic
from backday_analysis.errors import BackdayError
from backday_analysis.rendering.kernels import (
    KERNEL_NAME,
    QUIET,
    RESET,
    START_TIMEOUT,
    WarmKernel,
)
from backday_analysis.rendering.pages import (
    import_nbformat,
    pdf_bytes,
    prepare_in_background,
    to_html,
    to_pdf,
)

__all__ = ["execute", "render", "render_pages", "to_html", "to_pdf"]

log = logging.getLogger(__name__)

#: The shipped notebooks, by name: a job names one, and each machine that runs the job (a
#: Dask worker too) reads it from its own installed package.
WEEKLY = "weekly_report.ipynb"
ROSTER = "roster_overview.ipynb"
WEEKLY_NOTEBOOK = resources.notebook(WEEKLY)
ROSTER_NOTEBOOK = resources.notebook(ROSTER)
FORMATS = ("html", "pdf")
CELL_TIMEOUT_SECONDS = 300
#: Seconds to wait for the page writers made ready in the background.
WRITERS_TIMEOUT = 120.0


@dataclass
class ReportJob:
    """One notebook to run and where its HTML and PDF go (without suffix).

    ``notebook`` is a shipped notebook's name (:data:`WEEKLY`, :data:`ROSTER`) or the path
    of another notebook.
    """

    label: str
    notebook: str | Path
    parameters: dict
    target: Path
    title: str = "backday report"


@dataclass
class ReportResult:
    """What happened to one report."""

    label: str
    written: list[Path] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0


@functools.cache
def _notebook_node(notebook: Path, modified_ns: int):
    """Return a notebook as read from disk, read once per process and change of the file."""
    return import_nbformat().read(notebook, as_version=4)


def _with_reset(notebook: Path):
    """Return the notebook with a first cell that clears what an earlier notebook left.

    The cell has no output, so the page leaves it out like the parameters cell.
    """
    import copy

    nbformat = import_nbformat()
    node = copy.deepcopy(_notebook_node(notebook, notebook.stat().st_mtime_ns))
    reset = nbformat.v4.new_code_cell(RESET)
    reset["id"] = "backday-reset"
    node.cells.insert(0, reset)
    return node


def notebook_path(notebook: str | Path) -> Path:
    """Return the notebook file: a shipped notebook for a bare name, else the path itself."""
    if isinstance(notebook, str) and notebook in resources.NOTEBOOKS:
        return resources.notebook(notebook)
    return Path(notebook)


def execute(
    notebook: str | Path,
    parameters: dict,
    timeout: int = CELL_TIMEOUT_SECONDS,
    kernel: WarmKernel | None = None,
):
    """Run a notebook with papermill and return the executed notebook.

    The notebook runs in ``kernel`` when given (a batch keeps one warm kernel per worker;
    a first cell clears the namespace), else in a new kernel that is shut down afterwards:
    it starts, and imports the report modules, while papermill loads here.

    Raises
    ------
    BackdayError
        When a cell fails or runs longer than ``timeout`` seconds; a BackdayError raised in
        the notebook keeps its own sentence.
    """
    notebook = notebook_path(notebook)
    if kernel is None:
        from backday_analysis.rendering.kernels import start_in_background

        starting = start_in_background()
        import_nbformat()
        import papermill  # noqa: F401 - loads while the kernel starts

        try:
            kernel = starting.result(timeout=START_TIMEOUT)
        except Exception:
            # Papermill's own kernel then reports the problem, if there is one.
            log.warning("the warm kernel did not start; papermill starts one", exc_info=True)
            return _execute(notebook, parameters, timeout, None)
        try:
            return _execute(notebook, parameters, timeout, kernel)
        finally:
            kernel.shutdown()
    return _execute(notebook, parameters, timeout, kernel)


def _execute(notebook: Path, parameters: dict, timeout: int, kernel: WarmKernel | None):
    import_nbformat()
    import papermill
    from nbclient.exceptions import DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    logging.getLogger("papermill").setLevel(logging.WARNING)
    # The notebooks show controls only when run by hand in JupyterLab: a report stays static.
    parameters = {"controls": False, **parameters}
    # A fresh kernel is not needed after the run: stop it at once rather than politely.
    reuse = (
        {"km": kernel.manager}
        if kernel
        else {"extra_arguments": QUIET, "shutdown_kernel": "immediate"}
    )
    try:
        return papermill.execute_notebook(
            _with_reset(notebook) if kernel else str(notebook),
            None,
            parameters=parameters,
            kernel_name=KERNEL_NAME,
            progress_bar=False,
            log_output=False,
            execution_timeout=timeout,
            cwd=str(notebook.parent),
            **reuse,
        )
    except PapermillExecutionError as exc:
        message = str(exc.evalue).strip()
        if exc.ename == "BackdayError":
            raise BackdayError(message) from None
        raise BackdayError(
            f"{notebook.name} failed in cell {exc.exec_count} with "
            f"{exc.ename}: {message}; fix the data or report the bug."
        ) from None
    except TimeoutError:
        raise BackdayError(
            f"{notebook.name}: a cell ran longer than {timeout} s and was stopped; "
            "check the data size or raise the timeout."
        ) from None
    except DeadKernelError:
        raise BackdayError(
            f"{notebook.name}: the notebook's kernel stopped while running (out of memory?); "
            "run the report again for this client alone."
        ) from None


def render_pages(
    job: ReportJob,
    formats: tuple[str, ...] = FORMATS,
    generated_at: dt.datetime | None = None,
    kernel: WarmKernel | None = None,
    on_page=None,
) -> dict[str, bytes]:
    """Run one report job and return its pages, ``{"html": ..., "pdf": ...}``, as bytes.

    ``on_page(suffix, content)`` is called as soon as each page is ready.

    Raises
    ------
    BackdayError
        When the notebook fails.
    """
    preparing = prepare_in_background(formats)
    try:
        executed = execute(job.notebook, job.parameters, kernel=kernel)
    finally:
        preparing.join(WRITERS_TIMEOUT)
    generated = generated_at or dt.datetime.now()
    stamp = generated.strftime("%Y-%m-%d %H:%M")
    page = to_html(executed, job.title, f"Generated at {stamp} by backday_analysis.")
    pages = {}
    for suffix in FORMATS:
        if suffix in formats:
            pages[suffix] = page.encode("utf-8") if suffix == "html" else pdf_bytes(page, generated)
            if on_page:
                on_page(suffix, pages[suffix])
    return pages


def error_sentence(exc: BaseException) -> str:
    """Return the one line a failed report shows: a BackdayError's sentence, else its type."""
    if isinstance(exc, BackdayError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}".splitlines()[0]


def render(
    job: ReportJob,
    formats: tuple[str, ...] = FORMATS,
    generated_at: dt.datetime | None = None,
    kernel: WarmKernel | None = None,
) -> ReportResult:
    """Run one report job and write its files; errors are returned, not raised."""
    started = time.perf_counter()
    result = ReportResult(job.label)

    def write(suffix: str, content: bytes) -> None:
        path = job.target.with_suffix(f".{suffix}")
        write_bytes_atomic(path, content)
        result.written.append(path)

    try:
        render_pages(job, formats, generated_at, kernel, on_page=write)
    except Exception as exc:
        log.debug("report %s failed", job.label, exc_info=True)
        result.error = error_sentence(exc)
    result.seconds = time.perf_counter() - started
    return result
