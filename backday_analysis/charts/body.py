"""Draw the back against the rest of the body: one chart of regions, one of pull and push.

Each function returns a Figure and shows nothing. Sizes and fonts are those of the other
report charts (:mod:`.weekly`); margins are fixed, as there, so no layout engine measures
every label.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from backday_analysis.charts.weekly import (
    FIGURE_WIDTH,
    SMALL_FONT,
    TITLE_FONT,
    left_title,
    set_margins,
    style_axes,
    week_ticks,
)
from backday_analysis.metrics.body_balance import PLANE_WORDS, REGION_LABELS, REGIONS, ratio_text
from backday_analysis.views.body_explorer import body_range
from backday_analysis.views.body_week import body_week
from backday_analysis.views.client_week import ClientWeek

# Okabe-Ito, one colour, marker and dash per region: apart in colour, shape and line alike.
REGION_STYLES = {
    "back": ("#0072B2", "o", "-"),
    "chest": ("#D55E00", "s", "--"),
    "legs": ("#009E73", "^", ":"),
}
SIDE_COLOURS = {"pull": "#0072B2", "push": "#E69F00"}
# Not "working sets": each set counts at its largest credit in the region (a kettlebell swing
# is half a back set, a curl none), as the page's "Back sets" column counts.
REGIONS_TITLE = "Back, chest and leg sets a week (each set once, at its largest credit)"


def _note(title: str, message: str) -> Figure:
    fig = plt.figure(figsize=(FIGURE_WIDTH, 0.45))
    fig.text(0.01, 0.5, f"{title}: {message}", va="center", fontsize=TITLE_FONT)
    return fig


def _regions(table: pd.DataFrame, weeks: list[str]) -> Figure:
    """Plot each region's weekly sets over ``weeks`` (``table`` indexed by week)."""
    table = table.reindex(weeks).fillna(0.0)
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 2.9))
    set_margins(fig, left=0.6, right=1.0, top=0.3, bottom=0.5)
    x = np.arange(len(weeks))
    for rank, region in enumerate(REGIONS):
        colour, marker, dash = REGION_STYLES[region]
        ax.plot(
            x + 0.06 * (rank - 1),  # equal values stay apart
            table[f"{region}_sets"].to_numpy(),
            marker=marker,
            markersize=7 - 1.5 * rank,
            linestyle=dash,
            linewidth=1.8,
            color=colour,
            label=REGION_LABELS[region],
        )
    week_ticks(ax, weeks, max_ticks=12)
    ax.set_ylabel("Sets")
    ax.set_ylim(bottom=0)
    left_title(ax, REGIONS_TITLE)
    style_axes(ax)
    fig.legend(
        loc="upper left",
        bbox_to_anchor=(1 - 0.95 / FIGURE_WIDTH, 1 - 0.05 / 2.9),
        frameon=False,
        fontsize=SMALL_FONT,
    )
    return fig


def back_against_rest(report: ClientWeek) -> Figure:
    """Plot the back's, the chest's and the legs' sets over the report's weeks."""
    weeks = list(dict.fromkeys(report.history["week"]))
    if not report.logged or not weeks:
        return _note(REGIONS_TITLE, "no log yet for this week")
    return _regions(body_week(report).regions.set_index("week"), weeks)


def back_against_rest_range(explorer) -> Figure:
    """Plot the back's, the chest's and the legs' sets over the explorer's range."""
    if not explorer.weeks:
        return _note(REGIONS_TITLE, "no logged weeks in this range")
    return _regions(body_range(explorer).regions.set_index("week"), explorer.weeks)


def pull_push_weeks(explorer) -> Figure:
    """Plot pull and push sets per week, one panel per plane, with the weeks behind marked."""
    title = "Pull and push: working sets per week, plane by plane"
    if not explorer.weeks:
        return _note(title, "no logged weeks in this range")
    body, limit = body_range(explorer), explorer.settings.pull_push_ratio
    table = body.planes.set_index("week").reindex(explorer.weeks).fillna(0)
    fig, axes = plt.subplots(2, 1, figsize=(FIGURE_WIDTH, 3.9), sharex=True)
    set_margins(fig, left=0.6, right=1.0, top=0.5, bottom=0.5, hspace=0.45)
    x = np.arange(len(explorer.weeks))
    for ax, plane in zip(axes, PLANE_WORDS, strict=True):
        pull, push = table[f"{plane}_pull"].to_numpy(), table[f"{plane}_push"].to_numpy()
        for offset, side, values in ((-0.2, "pull", pull), (0.2, "push", push)):
            label = side.capitalize() if ax is axes[0] else None
            ax.bar(x + offset, values, width=0.4, color=SIDE_COLOURS[side], label=label)
        behind = (push > 0) & (pull < limit * push - 1e-9)
        for i in np.flatnonzero(behind):  # the mark says what the bars' heights say
            ax.text(i, max(pull[i], push[i]), "✗", ha="center", va="bottom", fontsize=SMALL_FONT)
        pulls, pushes = PLANE_WORDS[plane]
        left_title(ax, f"{plane.capitalize()}: {pulls} : {pushes}", SMALL_FONT)
        ax.set_ylabel("Sets", fontsize=SMALL_FONT)
        ax.set_ylim(0, max(float(np.max(np.r_[pull, push], initial=0)) * 1.2, 1))
        style_axes(ax)
    week_ticks(axes[1], explorer.weeks)
    fig.suptitle(
        f"{title} (✗: pull under {ratio_text(limit)})", x=0.01, y=0.98, ha="left", va="top",
        fontsize=TITLE_FONT,
    )  # fmt: skip
    fig.legend(
        loc="upper left", bbox_to_anchor=(1 - 0.95 / FIGURE_WIDTH, 0.9), frameon=False,
        fontsize=SMALL_FONT,
    )  # fmt: skip
    return fig
