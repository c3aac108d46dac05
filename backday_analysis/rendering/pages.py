"""Write an executed report notebook as an HTML page (nbconvert) and a PDF (Typst).

The exporter is made once per process and reused for every page of a batch; Typst keeps the
fonts it found for the process.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import tempfile
import threading
import time
from pathlib import Path

from backday_analysis import resources
from backday_analysis.atomic import write_bytes_atomic
from backday_analysis.errors import BackdayError
from backday_analysis.imports import without
from backday_analysis.rendering.glyphs import log_undrawable, undrawable
from backday_analysis.rendering.typeset import typst_markup
from backday_analysis.rendering.typst_text import TEXT_FONT

log = logging.getLogger(__name__)

TEMPLATES_DIR = resources.templates_dir()


def import_nbformat():
    """Import and return nbformat without the IRI grammar jsonschema would build on the way.

    nbformat imports jsonschema, whose format checkers import ``rfc3987_syntax`` when it is
    installed (JupyterLab brings it); that module builds a grammar at import time, about two
    seconds. Reports never check IRI formats, so the import is refused while jsonschema loads
    and allowed again afterwards for anyone else in the process.
    """
    with without("rfc3987_syntax", importing="jsonschema"):
        import nbformat

    return nbformat


@functools.cache
def _exporter():
    """Return the HTML exporter, made once per process so its templates compile once."""
    import_nbformat()
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="backday",
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,
        embed_images=True,
    )


def to_html(executed, title: str, generated_line: str) -> str:
    """Return an executed notebook as one self-contained HTML page with the code hidden."""
    exporter = _exporter()
    node = import_nbformat().from_dict(executed)
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


class ForkedAfterTypst(RuntimeError):
    """Raised for a PDF asked of a process forked from one that had already typeset a page."""


_COMPILER_LOCK = threading.Lock()
_COMPILER: list = []


def typst_compiler():
    """Return a Typst compiler with the fonts of this machine, its lock, its process id and
    its font files (path and index, the pages' own font first).

    Looking for fonts costs more than typesetting a page, so every page of a process uses
    one compiler, made once under a lock (a background thread may warm it up while the
    notebook runs) and used under its own lock. Typst lays out pages on threads of its own,
    which a forked process does not have: a batch forks its workers before any page is
    typeset (``prepare_writers(typeset=False)``), and a process forked later gets
    :class:`ForkedAfterTypst` rather than a PDF that never comes.
    """
    with _COMPILER_LOCK:
        if not _COMPILER:
            import typst

            fonts = typst.Fonts()
            # The pages' own font first: most characters are found in its map alone.
            files = sorted(
                (f for f in fonts.fonts() if f.path), key=lambda f: f.family != TEXT_FONT
            )
            _COMPILER.append(
                (
                    typst.Compiler(font_paths=fonts),
                    threading.Lock(),
                    os.getpid(),
                    [(f.path, f.index) for f in files],
                )
            )
        return _COMPILER[0]


def typst_started() -> bool:
    """Return whether this process has made its Typst compiler, which only a PDF makes.

    Typst starts its threads when it typesets, so a process for which this is true must not
    fork workers that typeset.
    """
    return bool(_COMPILER)


def pdf_bytes(page: str, created: dt.datetime | None = None) -> bytes:
    """Return an HTML report page as the bytes of a PDF file, typeset by Typst.

    The page's markup (:mod:`~backday_analysis.rendering.typeset`) and its charts are handed
    to Typst in a folder of their own; Typst reads no other file and nothing from the network.
    ``created`` is the PDF's creation time (default now): the same page and time give the
    same bytes.

    Raises
    ------
    BackdayError
        When the page holds what the writer cannot typeset, or Typst refuses the markup.
    """
    import typst

    markup, images = typst_markup(page)
    compiler, lock, owner, fonts = typst_compiler()
    if owner != os.getpid():
        raise ForkedAfterTypst(
            f"process {os.getpid()} was forked from {owner} after it had typeset a PDF; "
            "Typst's threads did not come along, so this process cannot typeset one."
        )
    when = (created or dt.datetime.now()).astimezone().replace(microsecond=0)
    with tempfile.TemporaryDirectory(prefix="backday-pdf-") as folder:
        for name, data in images.items():
            (Path(folder) / name).write_bytes(data)
        try:
            with lock:
                pdf, warnings = compiler.compile_with_warnings(
                    input=markup.encode("utf-8"), root=folder, format="pdf", timestamp=when
                )
        except typst.TypstError as exc:
            raise BackdayError(
                f"Typst could not typeset the PDF ({exc.message}); write the HTML page only "
                "(--format html) and report this as a bug."
            ) from exc
    log_typst_warnings(warnings)
    log_undrawable(undrawable(markup, fonts))
    return pdf


_WARNED: set[str] = set()
_WARNED_LOCK = threading.Lock()


def log_typst_warnings(warnings) -> None:
    """Log each of Typst's warnings, once per process: a batch's pages share their causes.

    A missing font, for one, is the machine's and comes back on every page.
    """
    for warning in warnings:
        with _WARNED_LOCK:  # the warm-up thread may typeset beside a report
            new = warning.message not in _WARNED
            _WARNED.add(warning.message)
        if new:
            log.warning("Typst, typesetting a PDF: %s", warning.message)


def to_pdf(page: str, target: Path) -> None:
    """Write an HTML page as a PDF file, atomically."""
    write_bytes_atomic(target, pdf_bytes(page))


_PREPARING = threading.Lock()


def prepare_writers(formats: tuple[str, ...], typeset: bool = True) -> None:
    """Make papermill, the exporter and Typst ready, each by writing a tiny page once.

    Run in a thread while a kernel starts or a notebook runs, so that the imports, the
    template compilation and Typst's search for fonts are not paid after the notebook. A
    process that will fork workers passes ``typeset=False``: Typst is only imported, and
    each worker finds its fonts itself (see :func:`typst_compiler`). A failure here is left
    for the same call to raise, and be reported, when a page is written.
    """
    with _PREPARING:
        try:
            import_nbformat()  # before papermill, which would load jsonschema in full
            import papermill  # noqa: F401 - first, as the notebook run needs it first

            _warm_exporter()
            if "pdf" in formats and typeset:
                _warm_typst()
            elif "pdf" in formats:
                import typst  # noqa: F401
        except Exception:
            log.debug("the page writers could not be made ready in advance", exc_info=True)


def prepare_in_background(formats: tuple[str, ...], typeset: bool = True) -> threading.Thread:
    """Start :func:`prepare_writers` in a thread and return the thread."""
    # jupyter_client first, in this thread: imported by two threads at once (papermill's in
    # the new one, the kernel manager's here), its circular imports can be met half-done.
    import jupyter_client  # noqa: F401

    thread = threading.Thread(
        target=prepare_writers, args=(formats, typeset), name="backday-writers", daemon=True
    )
    thread.start()
    _BACKGROUND[:] = [*(t for t in _BACKGROUND if t.is_alive()), thread]
    return thread


_BACKGROUND: list[threading.Thread] = []


def wait_for_background_writers(timeout: float = 120.0) -> None:
    """Wait for the threads :func:`prepare_in_background` started, ``timeout`` s at most."""
    deadline = time.monotonic() + timeout
    while _BACKGROUND:
        _BACKGROUND.pop().join(max(0.0, deadline - time.monotonic()))


@functools.cache
def _warm_exporter() -> None:
    nbformat = import_nbformat()
    tiny = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("ready")])
    _exporter().from_notebook_node(tiny, resources={"report_title": "", "generated_line": ""})


@functools.cache
def _warm_typst() -> None:
    pdf_bytes("<p>ready</p>")
