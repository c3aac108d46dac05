"""Draw the report's charts with matplotlib; each function returns a Figure and shows nothing."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

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


def _style(ax: plt.Axes) -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", alpha=0.3)
    ax.set_axisbelow(True)


def _short_weeks(weeks: pd.Index) -> list[str]:
    return [w.replace("-W", "\nW") for w in weeks]


def volume_history(report: ClientWeek) -> Figure:
    """Plot weekly fractional sets per back group over the history, one line per group."""
    table = report.history.pivot(index="week", columns="group", values="fractional_sets")
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 3.2), layout="constrained")
    x = np.arange(len(table.index))
    for group in BACK_GROUPS:
        ax.plot(
            x,
            table[group],
            marker="o",
            markersize=3,
            linewidth=1.8,
            color=GROUP_COLOURS[group],
            label=GROUP_LABELS[group],
        )
    ax.set_xticks(x, _short_weeks(table.index), fontsize=7)
    ax.set_ylabel("Fractional sets")
    ax.set_title("Weekly fractional sets per back group", loc="left", fontsize=11)
    ax.set_ylim(bottom=0)
    _style(ax)
    fig.legend(loc="outside right upper", frameon=False, fontsize=8)
    return fig


def days_history(report: ClientWeek) -> Figure:
    """Plot training days per week per back group against the guideline line."""
    table = report.history.pivot(index="week", columns="group", values="days")
    fig, axes = plt.subplots(
        1, len(BACK_GROUPS), figsize=(FIGURE_WIDTH, 2.6), sharey=True, layout="constrained"
    )
    x = np.arange(len(table.index))
    guideline = report.settings.guideline_days
    top = max(int(table[list(BACK_GROUPS)].to_numpy().max(initial=0)), guideline) + 1
    for ax, group in zip(axes, BACK_GROUPS, strict=True):
        values = table[group].to_numpy()
        colours = [GROUP_COLOURS[group] if v >= guideline else "#D55E00" for v in values]
        ax.bar(x, values, color=colours, width=0.8)
        ax.axhline(guideline, color="black", linestyle="--", linewidth=1)
        ax.set_title(GROUP_LABELS[group], fontsize=9)
        ticks = x[:: max(len(x) // 4, 1)]
        ax.set_xticks(ticks, [table.index[i].split("-")[1] for i in ticks], fontsize=7)
        ax.set_ylim(0, top)
        _style(ax)
    axes[0].set_ylabel("Training days")
    fig.suptitle(
        f"Training days per week (dashed: guideline of {guideline}; red: under it)",
        x=0.01,
        ha="left",
        fontsize=11,
    )
    return fig


def group_shares(report: ClientWeek) -> Figure:
    """Plot each back group's share of this week's back volume as horizontal bars."""
    shares = week_shares(report)
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 2.2), layout="constrained")
    y = np.arange(len(shares))[::-1]
    ax.barh(y, shares.to_numpy() * 100, color=[GROUP_COLOURS[g] for g in shares.index])
    ax.axvline(25, color="black", linestyle="--", linewidth=1)
    ax.set_yticks(y, [GROUP_LABELS[g] for g in shares.index])
    ax.set_xlabel("Share of back fractional sets this week (%) — dashed: an even 25 %")
    for yi, value in zip(y, shares.to_numpy() * 100, strict=True):
        ax.text(value + 0.5, yi, f"{value:.0f} %", va="center", fontsize=8)
    ax.set_xlim(0, max(50, float(np.nan_to_num(shares.max())) * 100 + 10))
    ax.set_title(f"Balance of the back in {report.week}", loc="left", fontsize=11)
    _style(ax)
    return fig
