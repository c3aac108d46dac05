"""Write an executed report notebook as an HTML page (nbconvert) and a PDF (WeasyPrint).

The exporter, WeasyPrint and its font configuration are made once per process and reused for
every page of a batch.
"""

from __future__ import annotations

import base64
import functools
import gc
import logging
import re
import threading
import time
import urllib.parse
from pathlib import Path

from backday_analysis import resources
from backday_analysis.atomic import write_bytes_atomic
from backday_analysis.imports import without

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


@functools.cache
def weasyprint_setup():
    """Return WeasyPrint, a data-URL fetcher and a font configuration, made once per process.

    The fetcher reads only embedded ``data:`` URLs, so a PDF never reaches the network; it
    decodes them itself, since urllib's data handler takes about half a second per page for
    the charts' long base64 strings. One font configuration serves every page.
    """
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    keep_scanning_patterns()

    class DataURLFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if not url.startswith("data:"):
                raise ValueError(f"only data: URLs are read, not {url[:40]}")
            header, _, payload = url[5:].partition(",")
            media, *options = header.split(";")
            if "base64" in options:
                body = base64.b64decode(payload)
            else:
                body = urllib.parse.unquote_to_bytes(payload)
            return URLFetcherResponse(url, body, {"Content-Type": media or "text/plain"})

    return weasyprint, DataURLFetcher(), FontConfiguration()


class ScanningPatterns(dict):
    """Compiled patterns for tinyhtml5's text scanner, keyed by stop characters, built on a miss.

    Each pattern matches a run of characters up to any of the stop characters (``opposite``
    False) or a run of only those characters (``opposite`` True), as tinyhtml5 builds it.
    """

    def __missing__(self, key: tuple) -> re.Pattern:
        characters, opposite = key
        listed = "".join(f"\\x{ord(character):02x}" for character in characters)
        pattern = self[key] = re.compile(f"[{listed}]+" if opposite else f"[^{listed}]+")
        return pattern


def keep_scanning_patterns() -> None:
    """Let tinyhtml5, WeasyPrint's HTML parser, find the patterns it caches.

    tinyhtml5 2.1 caches one compiled pattern per set of stop characters, but its chained
    assignment stores each under the pattern instead of under the characters, so every
    lookup misses and the pattern is built again for each run of text: about a tenth of a
    PDF's CPU. A cache that builds a missing pattern itself never raises the ``KeyError``
    that leads there. Left alone if tinyhtml5 no longer has that cache.
    """
    from tinyhtml5 import inputstream

    if type(getattr(inputstream, "characters_until_regex", None)) is dict:
        inputstream.characters_until_regex = ScanningPatterns()
    elif not isinstance(getattr(inputstream, "characters_until_regex", None), ScanningPatterns):
        log.debug("tinyhtml5 has no pattern cache to mend; its parser is left as it is")


# A style attribute inside a start tag, quoted either way (nbconvert writes double quotes).
_INLINE_STYLE = re.compile(r"""(<[a-zA-Z][^<>]*?\s)style=(["'])(.*?)\2""")
_EMPTY_COLLAPSER = re.compile(r'<div class="jp-Collapser[^"]*">\s*</div>')


def print_ready(page: str) -> str:
    """Return a report page with the same look and less for WeasyPrint to resolve.

    The tables carry their look in inline styles, for JupyterLab, and WeasyPrint parses every
    element's style attribute afresh; the few distinct ones become rules of the page's style
    sheet (``!important``, so they still win over the template as inline styles do). The empty
    collapser boxes nbconvert writes around each cell are hidden anyway. This cuts about a
    fifth of a PDF's time.
    """
    rules: dict[str, str] = {}

    def to_rule(match: re.Match) -> str:
        name = rules.setdefault(match.group(3), f"s{len(rules)}")
        return f'{match.group(1)}data-backday-style="{name}"'

    page = _EMPTY_COLLAPSER.sub("", _INLINE_STYLE.sub(to_rule, page))
    sheet = "".join(
        f'[data-backday-style="{name}"]{{'
        + ";".join(f"{d.strip()} !important" for d in style.split(";") if d.strip())
        + "}"
        for style, name in rules.items()
    )
    return page.replace("</style>", f"{sheet}\n</style>", 1)


@functools.cache
def freeze_loaded() -> None:
    """Leave the objects this process holds now out of the garbage collector's runs, once.

    Called when the page writers are ready: what is frozen is then mostly the imported
    modules (pandas, matplotlib, papermill, WeasyPrint). WeasyPrint builds a page from many
    small objects, so the collector runs often, and each full run would walk all of those
    again; frozen, they cost nothing, and a PDF about a quarter less CPU. A frozen object
    is still freed when nothing refers to it; only reference cycles among them stay.
    """
    gc.freeze()


def pdf_bytes(page: str) -> bytes:
    """Return an HTML page as the bytes of a PDF file."""
    weasyprint, fetcher, fonts = weasyprint_setup()
    document = weasyprint.HTML(string=print_ready(page), url_fetcher=fetcher)
    return document.write_pdf(font_config=fonts)


def to_pdf(page: str, target: Path) -> None:
    """Write an HTML page as a PDF file, atomically."""
    write_bytes_atomic(target, pdf_bytes(page))


_PREPARING = threading.Lock()


def prepare_writers(formats: tuple[str, ...]) -> None:
    """Make papermill, the exporter and WeasyPrint ready, each by writing a tiny page once.

    Run in a thread while a kernel starts or a notebook runs, so that the imports, the
    template compilation and WeasyPrint's font set-up are not paid after the notebook. A
    failure here is left for the same call to raise, and be reported, when a page is written.
    """
    with _PREPARING:
        try:
            import_nbformat()  # before papermill, which would load jsonschema in full
            import papermill  # noqa: F401 - first, as the notebook run needs it first

            _warm_exporter()
            if "pdf" in formats:
                _warm_weasyprint()
        except Exception:
            log.debug("the page writers could not be made ready in advance", exc_info=True)


def prepare_in_background(formats: tuple[str, ...]) -> threading.Thread:
    """Start :func:`prepare_writers` in a thread and return the thread."""
    # jupyter_client first, in this thread: imported by two threads at once (papermill's in
    # the new one, the kernel manager's here), its circular imports can be met half-done.
    import jupyter_client  # noqa: F401

    thread = threading.Thread(
        target=prepare_writers, args=(formats,), name="backday-writers", daemon=True
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
def _warm_weasyprint() -> None:
    pdf_bytes("<p>ready</p>")
