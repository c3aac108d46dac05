"""Run report notebooks with papermill and write them as HTML (nbconvert) and PDF (WeasyPrint).

Each report is written atomically: a failure, or a killed run, leaves no half-written file.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from backday_analysis import paths
from backday_analysis.atomic import atomic_path, write_bytes_atomic
from backday_analysis.errors import BackdayError
from backday_analysis.rendering.kernels import KERNEL_NAME, QUIET, WarmKernel

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
WEEKLY_NOTEBOOK = paths.NOTEBOOKS_DIR / "weekly_report.ipynb"
ROSTER_NOTEBOOK = paths.NOTEBOOKS_DIR / "roster_overview.ipynb"
FORMATS = ("html", "pdf")
CELL_TIMEOUT_SECONDS = 300


@dataclass
class ReportJob:
    """One notebook to run and where its HTML and PDF go (without suffix)."""

    label: str
    notebook: Path
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


def execute(
    notebook: Path,
    parameters: dict,
    timeout: int = CELL_TIMEOUT_SECONDS,
    kernel: WarmKernel | None = None,
):
    """Run a notebook with papermill and return the executed notebook.

    The notebook runs in ``kernel`` when given (a batch keeps one warm kernel per worker),
    else in a fresh kernel that is shut down afterwards.

    Raises
    ------
    BackdayError
        When a cell fails or runs longer than ``timeout`` seconds; a BackdayError raised in
        the notebook keeps its own sentence.
    """
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
            str(notebook),
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


def to_html(executed, title: str, generated_line: str) -> str:
    """Return an executed notebook as one self-contained HTML page with the code hidden."""
    exporter = HTMLExporter(
        template_name="backday",
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,
        embed_images=True,
    )
    node = nbformat.from_dict(executed)
    # Code cells without output (parameters, imports) add nothing to a report, and papermill
    # gives its injected cell a random id: leave them out and number the rest, so the same
    # data always gives the same page.
    node.cells = [c for c in node.cells if c.cell_type == "markdown" or c.get("outputs")]
    for number, cell in enumerate(node.cells):
        cell["id"] = f"cell-{number:02d}"
    page, _ = exporter.from_notebook_node(
        node, resources={"report_title": title, "generated_line": generated_line}
    )
    return page


def to_pdf(page: str, target: Path) -> None:
    """Write an HTML page as a PDF file, atomically."""
    import weasyprint
    from weasyprint.urls import URLFetcher

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    with atomic_path(target) as temporary:
        # Only embedded data: URLs are read, so a PDF never reaches the network.
        fetcher = URLFetcher(allowed_protocols=["data"])
        weasyprint.HTML(string=page, url_fetcher=fetcher).write_pdf(str(temporary))


def render(
    job: ReportJob,
    formats: tuple[str, ...] = FORMATS,
    generated_at: dt.datetime | None = None,
    kernel: WarmKernel | None = None,
) -> ReportResult:
    """Run one report job and write its files; errors are returned, not raised."""
    started = time.perf_counter()
    result = ReportResult(job.label)
    try:
        executed = execute(job.notebook, job.parameters, kernel=kernel)
        stamp = (generated_at or dt.datetime.now()).strftime("%Y-%m-%d %H:%M")
        page = to_html(executed, job.title, f"Generated at {stamp} by backday_analysis.")
        if "html" in formats:
            html_path = job.target.with_suffix(".html")
            write_bytes_atomic(html_path, page.encode("utf-8"))
            result.written.append(html_path)
        if "pdf" in formats:
            pdf_path = job.target.with_suffix(".pdf")
            to_pdf(page, pdf_path)
            result.written.append(pdf_path)
    except BackdayError as exc:
        result.error = str(exc)
    except Exception as exc:  # noqa: BLE001 - one broken report must not stop the batch
        result.error = f"{type(exc).__name__}: {exc}".splitlines()[0]
    result.seconds = time.perf_counter() - started
    return result
