"""Draw the report's charts with matplotlib; each function returns a Figure and shows nothing."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from backday_analysis import BACK_GROUPS
from backday_analysis.views.client_week import GROUP_LABELS, ClientWeek, week_shares

# Colour-blind-safe (Okabe-Ito), one colour per group in every chart.
GROUP_COLOURS = {
    "lats": "#0072B2",
    "traps": "#E69F00",
    "rhomboids": "#009E73",
    "lower_back": "#CC79A7",
    "biceps": "#7F7F7F",
}
FIGURE_WIDTH = 7.2
#: Smallest text in any chart: at 600 px wide a 7.2 in figure draws 9 pt as 10.4 px.
SMALL_FONT = 9
TITLE_FONT = 11
# Lines that share a value must stay apart: each group has its own marker (drawn smaller
# in turn, so equal points show as rings) and dash, and sits a little off the week's tick.
GROUP_MARKERS = {"lats": "o", "traps": "s", "rhomboids": "D", "lower_back": "^"}
GROUP_DASHES = {"lats": "-", "traps": "--", "rhomboids": "-.", "lower_back": ":"}
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
    """Plot weekly fractional sets per back group over the history, one line per group.

    ``groups`` picks the back groups drawn (all four by default). None when no week of the
    history was logged: there is nothing to draw.
    """
    if report.history.empty:
        return None
    table = report.history.pivot(index="week", columns="group", values="fractional_sets")
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 3.2))
    # Room on the right for the legend, beside the plot rather than over its lines.
    set_margins(fig, left=0.6, right=1.35, top=0.3, bottom=0.5)
    x = np.arange(len(table.index))
    shown = [g for g in BACK_GROUPS if g in groups]
    for rank, group in enumerate(shown):
        ax.plot(
            x + LINE_OFFSET * (rank - (len(shown) - 1) / 2),
            table[group],
            marker=GROUP_MARKERS[group],
            markersize=8 - 1.5 * rank,
            linestyle=GROUP_DASHES[group],
            linewidth=1.8,
            color=GROUP_COLOURS[group],
            label=GROUP_LABELS[group],
        )
    week_ticks(ax, list(table.index), max_ticks=12)
    ax.set_ylabel("Fractional sets")
    ax.set_title("Weekly fractional sets per back group", loc="left", fontsize=TITLE_FONT)
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


def days_history(report: ClientWeek, groups=BACK_GROUPS) -> Figure | None:
    """Plot training days per week per back group against the guideline line.

    ``groups`` picks the back groups drawn, one panel each (all four by default). None when
    no week of the history was logged.
    """
    if report.history.empty:
        return None
    table = report.history.pivot(index="week", columns="group", values="days")
    shown = [g for g in BACK_GROUPS if g in groups] or list(BACK_GROUPS)
    fig, axes = plt.subplots(1, len(shown), figsize=(FIGURE_WIDTH, 2.6), sharey=True, squeeze=False)
    set_margins(fig, left=0.6, right=0.1, top=0.55, bottom=0.3, wspace=0.12)
    axes = axes[0]
    x = np.arange(len(table.index))
    guideline = report.settings.guideline_days
    top = max(int(table[list(BACK_GROUPS)].to_numpy().max(initial=0)), guideline) + 1
    for ax, group in zip(axes, shown, strict=True):
        values = table[group].to_numpy()
        colours = [GROUP_COLOURS[group] if v >= guideline else "#D55E00" for v in values]
        ax.bar(x, values, color=colours, width=0.8)
        ax.axhline(guideline, color="black", linestyle="--", linewidth=1)
        ax.set_title(GROUP_LABELS[group], fontsize=SMALL_FONT)
        ticks = x[:: max(-(-len(x) // 4), 1)]  # at most four labels in a narrow panel
        ax.set_xticks(ticks, [table.index[i].split("-")[1] for i in ticks], fontsize=SMALL_FONT)
        ax.set_ylim(0, top)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # days are whole numbers
        style_axes(ax)
    axes[0].set_ylabel("Training days")
    fig.suptitle(
        f"Training days per week (dashed: guideline of {guideline}; red: under it)",
        x=0.01,
        y=0.98,
        ha="left",
        va="top",
        fontsize=TITLE_FONT,
    )
    return fig


def group_shares(report: ClientWeek) -> Figure:
    """Plot each back group's share of this week's back volume as horizontal bars."""
    shares = week_shares(report)
    if not report.logged:  # no bars of zeros for a week that may still be synced
        fig = plt.figure(figsize=(FIGURE_WIDTH, 0.45))
        title = f"Balance of the back in {report.week}: no log yet for this week"
        fig.text(0.01, 0.5, title, va="center", fontsize=TITLE_FONT)
        return fig
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 2.2))
    set_margins(fig, left=1.0, right=0.15, top=0.3, bottom=0.5)
    y = np.arange(len(shares))[::-1]
    ax.barh(y, shares.to_numpy() * 100, color=[GROUP_COLOURS[g] for g in shares.index])
    ax.axvline(25, color="black", linestyle="--", linewidth=1)
    ax.set_yticks(y, [GROUP_LABELS[g] for g in shares.index])
    ax.set_xlabel("Share of back fractional sets this week (%) — dashed: an even 25 %")
    for yi, value in zip(y, shares.to_numpy() * 100, strict=True):
        ax.text(value + 0.5, yi, f"{value:.0f} %", va="center", fontsize=SMALL_FONT)
    ax.set_xlim(0, max(50, float(np.nan_to_num(shares.max())) * 100 + 10))
    ax.set_title(f"Balance of the back in {report.week}", loc="left", fontsize=TITLE_FONT)
    style_axes(ax)
    return fig
