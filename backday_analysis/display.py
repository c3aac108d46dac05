"""Show headings, tables and figures in a notebook, with every value escaped as text.

Client names, exercise names and notes come from files clients send; they are always
escaped here, so a name such as ``<script>`` shows as text in the notebook and the reports.
"""

from __future__ import annotations

import html

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, display
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


def show_figure(fig: Figure) -> None:
    """Display a figure once and free it, so the notebook keeps one copy per chart."""
    display(fig)
    plt.close(fig)
