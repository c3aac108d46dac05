"""Show headings, tables and figures in a notebook, with every value escaped as text.

Client names, exercise names and notes come from files clients send; they are always
escaped here, so a name such as ``<script>`` shows as text in the notebook and the reports.
"""

from __future__ import annotations

import html
import io

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, Image, display
from matplotlib.figure import Figure


def table_html(
    frame: pd.DataFrame,
    caption: str | None = None,
    empty: str = "None.",
    classes: str = "backday-table",
) -> str:
    """Return a table as escaped HTML, or a short sentence when it has no rows."""
    if frame.empty:
        return f"<p class='empty'>{html.escape(empty)}</p>"
    body = frame.to_html(
        index=False,
        escape=True,
        classes=classes,
        border=0,
        float_format=lambda v: f"{v:g}",
        na_rep="",
    )
    if caption:
        body = body.replace(">", f"><caption>{html.escape(caption)}</caption>", 1)
    return body


def show_table(frame: pd.DataFrame, caption: str | None = None, empty: str = "None.") -> None:
    """Display a table in the notebook as escaped HTML."""
    display(HTML(table_html(frame, caption, empty)))


def show_text(text: str, tag: str = "p") -> None:
    """Display one paragraph or heading of plain text, escaped."""
    display(HTML(f"<{tag}>{html.escape(str(text))}</{tag}>"))


FIGURE_DPI = 110


def show_figure(fig: Figure) -> None:
    """Display a figure as one PNG and free it.

    Rendering it here, once, at a fixed resolution is faster than the inline backend (which
    renders twice to trim the borders) and keeps one copy per chart in the notebook.
    """
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=FIGURE_DPI, metadata={"Software": None})
    plt.close(fig)
    display(Image(data=buffer.getvalue(), format="png"))


def coloured_table_html(frame: pd.DataFrame, classes: pd.DataFrame) -> str:
    """Return a table as escaped HTML with one CSS class per cell, taken from ``classes``."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for (_, values), (_, names) in zip(frame.iterrows(), classes.iterrows(), strict=True):
        cells = "".join(
            f"<td class='{html.escape(str(names[c]))}'>{html.escape(str(values[c]))}</td>"
            for c in frame.columns
        )
        rows.append(f"<tr>{cells}</tr>")
    return (
        f"<table class='backday-table'><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def show_coloured_table(frame: pd.DataFrame, classes: pd.DataFrame) -> None:
    """Display a table whose cells carry CSS classes (``met`` green, ``unmet`` red)."""
    display(HTML(coloured_table_html(frame, classes)))
