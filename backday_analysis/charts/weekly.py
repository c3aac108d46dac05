"""Draw the report's charts with matplotlib; each function returns a Figure and shows nothing."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from backday_analysis import BACK_GROUPS, GROUPS
from backday_analysis.views.client_week import GROUP_LABELS, ClientWeek

# Colour-blind-safe, one colour per group in every chart: Okabe-Ito for the back and the
# biceps, Paul Tol's muted scheme for the rest of the body (drawn when a coach ticks them).
GROUP_COLOURS = {
    "lats": "#0072B2",
    "traps": "#E69F00",
    "rhomboids": "#009E73",
    "lower_back": "#CC79A7",
    "biceps": "#7F7F7F",
    "chest": "#CC6677",
    "front_delts": "#332288",
    "side_delts": "#DDCC77",
    "rear_delts": "#117733",
    "triceps": "#88CCEE",
    "forearms": "#882255",
    "abs": "#44AA99",
    "quads": "#999933",
    "hamstrings": "#AA4499",
    "glutes": "#661100",
    "calves": "#6699CC",
}
FIGURE_WIDTH = 7.2
#: Smallest text in any chart: at 600 px wide a 7.2 in figure draws 9 pt as 10.4 px.
SMALL_FONT = 9
TITLE_FONT = 11
# Lines that share a value must stay apart: each group has its own marker (drawn smaller
# in turn, so equal points show as rings) and dash, and sits a little off the week's tick.
GROUP_MARKERS = dict(zip(GROUPS, "osD^vP*Xp<>hdH8.", strict=True))
GROUP_DASHES = dict(zip(GROUPS, ["-", "--", "-.", ":"] * 4, strict=True))
LINE_OFFSET = 0.06
# More week labels than this run into each other at 7.2 in.
MAX_WEEK_TICKS = 14


def set_margins(fig: Figure, left: float, right: float, top: float, bottom: float, **space) -> None:
    """Place a figure's axes inside fixed margins, given in inches.

    The report's charts have fixed sizes and labels, so fixed margins fit them all. Matplotlib's
    constrained layout would measure every label before drawing, which took about a third of
    each report's chart time.
    """
    width, height = fig.get_size_inches()
    fig.subplots_adjust(
        left=left / width,
        right=1 - right / width,
        top=1 - top / height,
        bottom=bottom / height,
        **space,
    )


def style_axes(ax: plt.Axes) -> None:
    """Give an axes the house style: no top or right spine, a light grid behind the data."""
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", alpha=0.3)
    ax.set_axisbelow(True)


def left_title(ax: plt.Axes, text: str, fontsize: float = TITLE_FONT) -> None:
    """Title an axes at its top left, as ``set_title(loc="left")`` does.

    The height is given, since the report's x ticks are at the bottom: matplotlib would
    otherwise measure every tick label at each draw to find that the title need not move
    (about a fifth of a chart's drawing time), and then place it at this same height.
    """
    ax.set_title(text, loc="left", fontsize=fontsize, y=1.0)


def week_ticks(ax: plt.Axes, weeks: list[str], max_ticks: int = MAX_WEEK_TICKS) -> None:
    """Label every k-th week (``W47``), with the year under the first label of each year."""
    step = max(int(np.ceil(len(weeks) / max_ticks)), 1)
    shown = list(range(0, len(weeks), step))
    labels, year = [], None
    for i in shown:
        y, w = weeks[i].split("-")
        labels.append(f"{w}\n{y}" if y != year else w)
        year = y
    ax.set_xticks(shown, labels, fontsize=SMALL_FONT)
    ax.set_xlim(-0.6, max(len(weeks), 1) - 0.4)


def volume_history(report: ClientWeek, groups=BACK_GROUPS) -> Figure | None:
    """Plot weekly fractional sets per group over the history, one line per group.

    ``groups`` picks the groups drawn (the back's four by default; any of the 16). None when
    no week of the history was logged: there is nothing to draw.
    """
    if report.history.empty:
        return None
    table = report.history.pivot(index="week", columns="group", values="fractional_sets")
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 3.2))
    # Room on the right for the legend, beside the plot rather than over its lines.
    set_margins(fig, left=0.6, right=1.35, top=0.3, bottom=0.5)
    x = np.arange(len(table.index))
    shown = [g for g in GROUPS if g in groups]
    for rank, group in enumerate(shown):
        ax.plot(
            x + LINE_OFFSET * (rank - (len(shown) - 1) / 2),
            table[group],
            marker=GROUP_MARKERS[group],
            markersize=max(8 - 1.5 * rank, 3),
            linestyle=GROUP_DASHES[group],
            linewidth=1.8,
            color=GROUP_COLOURS[group],
            label=GROUP_LABELS[group],
        )
    week_ticks(ax, list(table.index), max_ticks=12)
    ax.set_ylabel("Fractional sets")
    back = set(shown) <= set(BACK_GROUPS)
    title = f"Weekly fractional sets per {'back ' if back else ''}group"
    left_title(ax, title)
    ax.set_ylim(bottom=0)
    style_axes(ax)
    if shown:
        fig.legend(
            loc="upper left",
            bbox_to_anchor=(1 - 1.3 / FIGURE_WIDTH, 1 - 0.05 / 3.2),
            frameon=False,
            fontsize=SMALL_FONT,
        )
    return fig
