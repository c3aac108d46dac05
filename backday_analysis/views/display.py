"""Show headings, tables and figures in a notebook, with every value escaped as text.

Client names, exercise names and notes come from files clients send; they are always
escaped here, so a name such as ``<script>`` shows as text in the notebook and the reports.
Tables carry their look in inline styles (text columns left-aligned, numbers right-aligned,
guideline cells green or red), so JupyterLab shows them as the reports do.
"""

from __future__ import annotations

import base64
import html
import io
import math
import numbers

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import HTML, Image, display
from matplotlib.figure import Figure

#: Cell backgrounds by class; the report template's ``td.met`` and ``td.unmet`` use the same.
CELL_COLOURS = {"met": "#d8f0dc", "unmet": "#f8d7cf"}
#: The mark before a coloured cell's text, and its words for a pointer or a screen reader:
#: the state does not rest on colour alone.
CELL_MARKS = {"met": ("✓", "guideline met"), "unmet": ("✗", "guideline not met")}
_CELL = "padding:2px 6px;border-bottom:1px solid #e2e2e2;vertical-align:top"
_HEAD = "padding:2px 6px;border-bottom:1px solid #99a;background:#eef2f6"
#: Characters per column of a grid (:func:`grid_html`): a mark, a number and room.
GRID_SLOT = 5


def _text(value) -> str:
    """Return a cell value as text: floats without trailing zeros, missing values empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    if isinstance(value, numbers.Real) and not isinstance(value, numbers.Integral | bool):
        return f"{value:g}"
    return str(value)


def _is_number_column(values: pd.Series) -> bool:
    """Return whether a column holds numbers only (empty cells aside): those align right."""
    filled = [v for v in values if _text(v) != ""]
    return bool(filled) and all(
        isinstance(v, numbers.Number) and not isinstance(v, bool) for v in filled
    )


def table_html(
    frame: pd.DataFrame,
    caption: str | None = None,
    empty: str = "None.",
    classes: str = "backday-table",
    cell_classes: pd.DataFrame | None = None,
) -> str:
    """Return a table as escaped HTML with inline styles, or a sentence when it has no rows.

    ``cell_classes``, shaped like ``frame``, gives each cell a class (``met``, ``unmet``)
    whose colour from :data:`CELL_COLOURS` is also written inline, and whose mark from
    :data:`CELL_MARKS` leads the text unless the text carries a mark already.
    """
    if frame.empty:
        return f"<p class='empty'>{html.escape(empty)}</p>"
    align = {c: "right" if _is_number_column(frame[c]) else "left" for c in frame.columns}
    head = "".join(
        f"<th style='{_HEAD};text-align:{align[c]}'>{html.escape(str(c))}</th>"
        for c in frame.columns
    )
    rows = []
    # Characters each column's width needs; a heading may wrap between its words.
    longest = [max((len(w) for w in str(c).split()), default=0) + 2 for c in frame.columns]
    for i in range(len(frame)):
        cells = []
        for j, column in enumerate(frame.columns):
            name = str(cell_classes.iat[i, j]) if cell_classes is not None else ""
            colour = f";background:{CELL_COLOURS[name]}" if name in CELL_COLOURS else ""
            attribute = f" class='{html.escape(name)}'" if name else ""
            style = f"{_CELL};text-align:{align[column]}{colour}"
            cell = frame.iat[i, j]
            words = ""
            if hasattr(cell, "__html__"):
                # A cell that writes its own markup (a link) escapes its parts itself.
                value = cell.__html__()
                longest[j] = _wider(longest[j], _longest(str(cell), name == "name"))
            else:
                text = _text(cell)
                if name in CELL_MARKS:
                    mark, words = CELL_MARKS[name]
                    if not any(m in text for m, _ in CELL_MARKS.values()):
                        text = f"{mark} {text}"
                value = html.escape(text)
                longest[j] = _wider(longest[j], _longest(text, name in ("name", *CELL_MARKS)))
            said = f" title='{words}'" if words else ""
            cells.append(f"<td{attribute} style='{style}'{said}>{value}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    title = f"<caption style='text-align:left'>{html.escape(caption)}</caption>" if caption else ""
    columns = "".join(f"<col style='width:{w:.1f}%'>" for w in _widths(longest))
    return (
        f"<table class='{html.escape(classes)}' style='border-collapse:collapse'>{title}"
        f"<colgroup>{columns}</colgroup>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


# Each table carries its columns' widths, so a PDF lays it out fixed instead of measuring
# every cell first. A column of short values gets their width; columns of running text
# share the rest by how much text they hold.
#: Characters of a report's table font (8pt) across the page, to turn widths into shares.
_PAGE_CHARACTERS = 108
#: Values up to this long are short: their column gets their whole width.
_SHORT = 24
#: A column of running text asks for at most this many characters.
_TEXT_WIDTH = 45


def _longest(text: str, whole: bool) -> int:
    """Return the characters of width a cell asks for, negative for running text.

    ``whole`` text (a name, a marked cell) never wraps, so it is short however long.
    """
    if whole or len(text) <= _SHORT:
        return len(text) + 2
    return -min(len(text), _TEXT_WIDTH)


def _wider(a: int, b: int) -> int:
    """Return the wider ask of two: running text (negative) over short values."""
    if (a < 0) != (b < 0):
        return min(a, b)
    return max(abs(a), abs(b)) * (-1 if a < 0 else 1)


def _widths(longest: list[int]) -> list[float]:
    """Return the columns' widths in percent of the table from :func:`_longest` per column."""
    short = [max(n, 0) / _PAGE_CHARACTERS * 100 for n in longest]
    text = [-n if n < 0 else 0 for n in longest]
    left = max(100 - sum(short), 0)
    if not sum(text) or not left:
        return [w / sum(short) * 100 for w in short]
    return [w + t / sum(text) * left for w, t in zip(short, text, strict=True)]


def table_output(frame: pd.DataFrame, caption: str | None = None, empty: str = "None.") -> HTML:
    """Return a table as an HTML display object."""
    return HTML(table_html(frame, caption, empty))


def text_output(text: str, tag: str = "p") -> HTML:
    """Return one paragraph or heading of plain text, escaped, as a display object."""
    return HTML(f"<{tag}>{html.escape(str(text))}</{tag}>")


FIGURE_DPI = 110


def figure_output(fig: Figure) -> Image:
    """Return a figure as one PNG display object and free it.

    Rendering it here, once, at a fixed resolution is faster than the inline backend (which
    renders twice to trim the borders) and keeps one copy per chart in the notebook. The
    background is opaque, so the PNG has no alpha channel: smaller, and a PDF need not split
    one off.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image as PillowImage

    fig.set_dpi(FIGURE_DPI)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    buffer = io.BytesIO()
    PillowImage.fromarray(np.asarray(canvas.buffer_rgba())[..., :3]).save(buffer, format="png")
    plt.close(fig)
    return Image(data=buffer.getvalue(), format="png")


#: Resolution of a chart saved as PNG: sharp when printed at its 7.2 in width.
SAVE_DPI = 200


def figure_bytes(fig: Figure, fmt: str) -> bytes:
    """Return a figure as a PNG or SVG file's bytes, on white, and free it."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, dpi=SAVE_DPI, facecolor="white")
    plt.close(fig)
    return buffer.getvalue()


def _as_html(output) -> str:
    if isinstance(output, Image):
        data = base64.b64encode(output.data).decode("ascii")
        style = "max-width:100%;height:auto"
        return f"<img alt='chart' style='{style}' src='data:image/png;base64,{data}'>"
    return output.data


def side_by_side(outputs: list, labels: list[str] | None = None) -> HTML:
    """Return two outputs (HTML or PNG images) in columns, each under its label if given.

    The columns wrap one under the other when the notebook is narrower than two of them.
    """
    halves = []
    for i, output in enumerate(outputs):
        label = (
            f"<div style='font-weight:600;color:#333;margin:0 0 2px'>{html.escape(labels[i])}</div>"
            if labels
            else ""
        )
        style = "flex:1 1 440px;min-width:0;overflow-x:auto"
        halves.append(f"<div style='{style}'>{label}{_as_html(output)}</div>")
    return HTML(
        "<div class='backday-pair' style='display:flex;flex-wrap:wrap;gap:12px 24px;"
        f"align-items:flex-start'>{''.join(halves)}</div>"
    )


def show_figure(fig: Figure) -> None:
    """Display a figure as one PNG and free it."""
    display(figure_output(fig))


def coloured_table_html(
    frame: pd.DataFrame, classes: pd.DataFrame, empty: str = "None.", grid: bool = False
) -> str:
    """Return a table as escaped HTML whose cells are coloured by ``classes`` (met, unmet).

    A ``grid`` is drawn by :func:`grid_html`.
    """
    if grid:
        return grid_html(frame, classes, empty)
    return table_html(frame, empty=empty, cell_classes=classes)


def coloured_table_output(
    frame: pd.DataFrame, classes: pd.DataFrame, empty: str = "None.", grid: bool = False
) -> HTML:
    """Return a table coloured by ``classes`` as an HTML display object."""
    return HTML(coloured_table_html(frame, classes, empty, grid))


def grid_html(frame: pd.DataFrame, classes: pd.DataFrame, empty: str = "None.") -> str:
    """Return a grid of short values (groups × weeks) as a compact, coloured, marked table.

    The first column labels the rows; every other column is a narrow slot of
    :data:`GRID_SLOT` characters, each value led by its class's mark from
    :data:`CELL_MARKS` and coloured by :data:`CELL_COLOURS`. The slots of a row share one
    cell: tab stops line them up under their heads in any font, and the colours are bands
    of one background. A PDF lays out one cell per row instead of one per value, which
    keeps a 16 × 16 grid a tenth of its cost as a table of cells.
    """
    if frame.empty:
        return f"<p class='empty'>{html.escape(empty)}</p>"
    heads = [str(c) for c in frame.columns[1:]]
    width = 100 / max(len(heads), 1)
    mono = (
        "font-family:DejaVu Sans Mono,monospace;white-space:pre;"
        f"tab-size:{GRID_SLOT}ch;width:{len(heads) * GRID_SLOT}ch;padding:1px 0"
    )
    head = "\t".join(f" {h}" for h in heads)
    rows = [
        f"<tr><th style='{_HEAD};text-align:left'>{html.escape(str(frame.columns[0]))}</th>"
        f"<th style='{_HEAD};{mono}'>{html.escape(head)}</th></tr>"
    ]
    for i in range(len(frame)):
        slots, stops = [], []
        for j in range(1, frame.shape[1]):
            name = str(classes.iat[i, j])
            mark = CELL_MARKS[name][0] if name in CELL_MARKS else " "
            slots.append(f" {mark}{_text(frame.iat[i, j])}")
            colour = CELL_COLOURS.get(name, "#ffffff")
            stops.append(f"{colour} {(j - 1) * width:g}%,{colour} {j * width:g}%")
        band = f"background-image:linear-gradient(to right,{','.join(stops)})"
        rows.append(
            f"<tr><td style='{_CELL};white-space:nowrap'>{html.escape(_text(frame.iat[i, 0]))}"
            f"</td><td style='{_CELL};{mono};{band}'>{html.escape(chr(9).join(slots))}</td></tr>"
        )
    return (
        "<table class='backday-table backday-grid' style='border-collapse:collapse;width:auto'>"
        f"<thead>{rows[0]}</thead><tbody>{''.join(rows[1:])}</tbody></table>"
    )
