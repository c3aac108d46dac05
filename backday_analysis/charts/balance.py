"""Draw the back balance explorer's charts; each function returns a Figure and shows nothing.

Every chart takes a :class:`~backday_analysis.views.balance_explorer.BalanceExplorer`, puts the
range's weeks on one shared x axis, fits the width of an A4 page, keeps legends outside
the axes and, when its table is empty, says so in a line of text instead of failing.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure

from backday_analysis import BACK_GROUPS
from backday_analysis.canonical import kg_to
from backday_analysis.charts.weekly import (
    FIGURE_WIDTH,
    GROUP_COLOURS,
    SMALL_FONT,
    TITLE_FONT,
    style_axes,
    week_ticks,
)
from backday_analysis.metrics.balance import LIFT_LABELS, epley
from backday_analysis.views.balance_explorer import GRIPS, BalanceExplorer
from backday_analysis.views.client_week import GROUP_LABELS

# Paul Tol's colour-blind-safe pairs, kept apart from the muscle groups' Okabe-Ito colours.
DIRECTION_COLOURS = {"vertical": "#332288", "horizontal": "#DDCC77"}
GRIP_COLOURS = {"close": "#332288", "wide": "#DDCC77", "unstated": "#BBBBBB"}
GRIP_LABELS = {"close": "Close grip", "wide": "Wide grip", "unstated": "Grip not stated"}
# Heatmap rows hold at most this many weeks, so cell numbers stay legible in print.
HEATMAP_WEEKS_PER_ROW = 26
NO_DATA = "No data in this range."


def _empty(title: str, message: str = NO_DATA) -> Figure:
    """Return a short figure holding only the chart's title and why it has nothing to show."""
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 0.9), layout="constrained")
    fig.suptitle(title, x=0.01, ha="left", fontsize=TITLE_FONT)
    ax.text(0.01, 0.5, message, ha="left", va="center", transform=ax.transAxes, fontsize=TITLE_FONT)
    ax.set_axis_off()
    return fig


def _share_matrix(shares: pd.DataFrame, weeks: list[str]) -> pd.DataFrame:
    table = shares.pivot(index="week", columns="group", values="share")
    return table.reindex(index=weeks, columns=list(BACK_GROUPS)).fillna(0.0) * 100


def shares_over_time(explorer: BalanceExplorer) -> Figure:
    """Plot each back group's share of back sets: week by week, and over rolling 4 weeks."""
    weeks, title = explorer.weeks, "Share of the back's fractional sets per group"
    if not weeks:
        return _empty(title)
    fig, axes = plt.subplots(2, 1, figsize=(FIGURE_WIDTH, 4.6), sharex=True, layout="constrained")
    fig.suptitle(title, x=0.01, ha="left", fontsize=TITLE_FONT)
    x = np.arange(len(weeks))
    for ax, table, name in (
        (axes[0], explorer.shares, "Week by week"),
        (axes[1], explorer.rolling_shares, "Rolling 4 weeks"),
    ):
        values = _share_matrix(table, weeks)
        bottom = np.zeros(len(weeks))
        for group in BACK_GROUPS:
            label = GROUP_LABELS[group] if ax is axes[0] else None
            colour = GROUP_COLOURS[group]
            ax.bar(x, values[group], bottom=bottom, width=0.9, color=colour, label=label)
            bottom += values[group].to_numpy()
        # A week with no back sets has no shares: say so rather than leave a silent gap.
        for i in np.flatnonzero(bottom == 0):
            ax.text(
                i, 50, "no back sets", rotation=90, ha="center", va="center", fontsize=SMALL_FONT
            )
        # Where the stack's boundaries would sit with an even split: a quarter each.
        for even in (25, 50, 75):
            ax.axhline(even, color="black", linestyle="--", linewidth=0.9, alpha=0.8)
        ax.set_ylim(0, 100)
        ax.set_yticks([0, 25, 50, 75, 100])
        ax.set_ylabel("% of back sets", fontsize=SMALL_FONT)
        ax.set_title(name, loc="left", fontsize=SMALL_FONT)
        style_axes(ax)
    # A group missing from every bar is the story (no lower back, no traps): name it.
    totals = explorer.shares.groupby("group")["fractional_sets"].sum()
    absent = [GROUP_LABELS[g] for g in BACK_GROUPS if not totals.get(g, 0) > 0]
    if absent:
        axes[0].set_title(
            f"Week by week — no sets at all for: {', '.join(absent)}",
            loc="left",
            fontsize=SMALL_FONT,
        )
    week_ticks(axes[1], weeks)
    handles, labels = axes[0].get_legend_handles_labels()
    # Reversed, so the legend reads top to bottom like the stack.
    fig.legend(
        handles[::-1],
        labels[::-1],
        loc="outside right upper",
        frameon=False,
        fontsize=SMALL_FONT,
        title="Dashed: an even\nsplit, 25 % each",
        title_fontsize=SMALL_FONT,
    )
    return fig


def pulling_directions(explorer: BalanceExplorer) -> Figure:
    """Plot vertical and horizontal pulling sets per week, and the vertical share."""
    weeks, table = explorer.weeks, explorer.pulling
    title = "Vertical and horizontal pulling: working sets per week"
    if table[["vertical_sets", "horizontal_sets"]].to_numpy().sum() == 0:
        return _empty(title, "No pulling sets in this range.")
    fig, axes = plt.subplots(
        2, 1, figsize=(FIGURE_WIDTH, 3.8), sharex=True, layout="constrained", height_ratios=(2, 1)
    )
    fig.suptitle(title, x=0.01, ha="left", fontsize=TITLE_FONT)
    x = np.arange(len(weeks))
    for offset, direction in ((-0.2, "vertical"), (0.2, "horizontal")):
        axes[0].bar(
            x + offset,
            table[f"{direction}_sets"],
            width=0.4,
            color=DIRECTION_COLOURS[direction],
            label=direction.capitalize(),
        )
    axes[0].set_ylabel("Sets", fontsize=SMALL_FONT)
    total = table["vertical_sets"] + table["horizontal_sets"]
    share = (table["vertical_sets"] / total.where(total > 0) * 100).to_numpy(dtype=float)
    axes[1].plot(x, share, marker="o", markersize=3, color=DIRECTION_COLOURS["vertical"])
    axes[1].axhline(50, color="black", linestyle="--", linewidth=1)
    axes[1].set_ylim(0, 105)
    axes[1].set_yticks([0, 50, 100])
    axes[1].set_ylabel("% vertical", fontsize=SMALL_FONT)
    axes[1].set_title("Vertical share (dashed: an even split)", loc="left", fontsize=SMALL_FONT)
    for ax in axes:
        style_axes(ax)
    week_ticks(axes[1], weeks)
    fig.legend(loc="outside right upper", frameon=False, fontsize=SMALL_FONT)
    return fig


def cable_row_grips(explorer: BalanceExplorer) -> Figure:
    """Plot seated cable row sets per week by grip, and what each grip credited to each group."""
    weeks, table, title = explorer.weeks, explorer.grips, "Seated cable rows by grip"
    if explorer.grip_credits.empty:
        return _empty(title, "No seated cable rows in this range.")
    fig, axes = plt.subplots(
        1, 2, figsize=(FIGURE_WIDTH, 2.8), layout="constrained", width_ratios=(3, 2)
    )
    fig.suptitle(title, x=0.01, ha="left", fontsize=TITLE_FONT)
    x, bottom = np.arange(len(weeks)), np.zeros(len(weeks))
    totals = {grip: int(table[f"{grip}_sets"].sum()) for grip in GRIPS}
    for grip in (g for g in GRIPS if totals[g]):
        values = table[f"{grip}_sets"].to_numpy()
        axes[0].bar(
            x, values, bottom=bottom, width=0.8, color=GRIP_COLOURS[grip], label=GRIP_LABELS[grip]
        )
        bottom += values
    axes[0].set_ylabel("Working sets", fontsize=SMALL_FONT)
    counts = ", ".join(f"{g} {n}" for g, n in totals.items() if g != "unstated" or n)
    axes[0].set_title(f"Sets per week (in all: {counts})", loc="left", fontsize=SMALL_FONT)
    week_ticks(axes[0], weeks, max_ticks=8)
    credits = explorer.grip_credits
    y = np.arange(len(BACK_GROUPS))[::-1]
    height = 0.8 / len(credits)
    for i, (grip, row) in enumerate(credits.iterrows()):
        axes[1].barh(
            y + 0.4 - height * (i + 0.5),
            row[list(BACK_GROUPS)],
            height=height,
            color=GRIP_COLOURS[grip],
        )
    axes[1].set_yticks(y, [GROUP_LABELS[g] for g in BACK_GROUPS], fontsize=SMALL_FONT)
    axes[1].set_xlabel("Fractional sets credited", fontsize=SMALL_FONT)
    axes[1].set_title("Credited over the range", loc="left", fontsize=SMALL_FONT)
    for ax in axes:
        style_axes(ax)
    axes[1].grid(axis="y", visible=False)
    axes[1].grid(axis="x", alpha=0.3)
    fig.legend(loc="outside right upper", frameon=False, fontsize=SMALL_FONT)
    return fig


def days_colours(guideline: int, top: int) -> ListedColormap:
    """Return one colour per day count 0..top: oranges under the guideline, purples at or over.

    Both halves come from ColorBrewer's PuOr, a colour-blind-safe diverging scheme, so
    "under the guideline" reads as a change of hue and not only of lightness.
    """
    ramp = plt.get_cmap("PuOr")
    under = ramp(np.linspace(0.1, 0.4, max(guideline, 1)))[: max(guideline, 0)]
    over = ramp(np.linspace(0.72, 0.95, max(top - guideline + 1, 1)))
    return ListedColormap(np.vstack([under, over])[: top + 1])


def training_days_heatmap(explorer: BalanceExplorer) -> Figure:
    """Draw training days per group (the whole body, the back first) and week, guideline marked."""
    matrix = explorer.days
    weeks, guideline = list(matrix.columns), explorer.settings.guideline_days
    title = f"Training days per week (the guideline: {guideline} a week)"
    if not weeks:
        return _empty(title)
    rows = max(int(np.ceil(len(weeks) / HEATMAP_WEEKS_PER_ROW)), 1)
    per_row = max(int(np.ceil(len(weeks) / rows)), 1)
    height = 0.5 + (0.25 * len(matrix.index) + 0.35) * rows
    fig, axes = plt.subplots(
        rows, 1, figsize=(FIGURE_WIDTH, height), layout="constrained", squeeze=False
    )
    axes = axes[:, 0]
    fig.suptitle(title, x=0.01, ha="left", fontsize=TITLE_FONT)
    top = max(int(np.nanmax(matrix.to_numpy(dtype=float), initial=0)), guideline + 1)
    cmap = days_colours(guideline, top)
    norm = BoundaryNorm(np.arange(-0.5, top + 1), cmap.N)
    for r, ax in enumerate(axes):
        part = matrix.iloc[:, r * per_row : (r + 1) * per_row]
        values = part.to_numpy(dtype=float)
        image = ax.imshow(values, cmap=cmap, norm=norm, aspect="auto")
        for (i, j), v in np.ndenumerate(values):
            if not np.isnan(v):
                red, green, blue, _ = cmap(norm(v))
                dark = 0.299 * red + 0.587 * green + 0.114 * blue < 0.5
                # The mark says what the colour says, for readers who cannot tell them apart.
                ax.text(
                    j,
                    i,
                    f"{v:g}{'✓' if v >= guideline else '✗'}",
                    ha="center",
                    va="center",
                    fontsize=SMALL_FONT,
                    color="white" if dark else "black",
                )
        ax.set_yticks(
            range(len(part.index)), [GROUP_LABELS[g] for g in part.index], fontsize=SMALL_FONT
        )
        week_ticks(ax, list(part.columns))
        ax.set_xlim(-0.5, per_row - 0.5)
        ax.tick_params(length=0)
        ax.spines[:].set_visible(False)
    bar = fig.colorbar(image, ax=list(axes), ticks=range(top + 1), aspect=12, pad=0.02)
    bar.ax.axhline(guideline - 0.5, color="black", linewidth=2)
    labels = [f"{d}: guideline" if d == guideline else str(d) for d in range(top + 1)]
    bar.ax.set_yticklabels(labels, fontsize=SMALL_FONT)
    bar.ax.set_title("days", fontsize=SMALL_FONT)
    bar.set_label(f"orange and ✗: under {guideline} a week", fontsize=SMALL_FONT)
    return fig


def one_rep_max(explorer: BalanceExplorer) -> Figure:
    """Plot the estimated one-rep max (Epley) per week for each seed lift trained in range."""
    weeks, table = explorer.weeks, explorer.one_rep_max
    title = "Estimated one-rep max, Epley: load × (1 + reps / 30), best set of the week"
    lifts = [lift for lift in LIFT_LABELS if lift in set(table["lift"])]
    if not lifts:
        return _empty(title, "None of the five seed lifts was trained in this range.")
    missing = [LIFT_LABELS[lift] for lift in LIFT_LABELS if lift not in lifts]
    cols = 2 if len(lifts) > 1 else 1
    n_rows = int(np.ceil(len(lifts) / cols))
    fig, axes = plt.subplots(
        n_rows,
        cols,
        figsize=(FIGURE_WIDTH, 0.7 + 1.7 * n_rows),
        layout="constrained",
        squeeze=False,
        sharex=True,
    )
    fig.suptitle(title, x=0.01, ha="left", fontsize=TITLE_FONT)
    if missing:
        fig.supxlabel(
            "Not trained in this range: " + ", ".join(missing) + ".",
            fontsize=SMALL_FONT,
            x=0.01,
            ha="left",
        )
    position = {w: i for i, w in enumerate(weeks)}
    for ax, lift in zip(axes.ravel(), lifts, strict=False):
        rows = table.loc[table["lift"] == lift]
        x = rows["week"].map(position).to_numpy()
        # From the set itself, not the kg estimate: 225 lb × 5 reads 262.5 lb, as by hand.
        y = epley(rows["load_kg"] * kg_to(explorer.unit), rows["reps"]).round(1).to_numpy()
        ax.plot(x, y, marker="o", markersize=3, color="#0072B2", linewidth=1.5)
        ax.set_title(
            f"{LIFT_LABELS[lift]}: {y[0]:g} → {y[-1]:g} {explorer.unit}",
            loc="left",
            fontsize=SMALL_FONT,
        )
        # At least a tenth of the top value each side, so a kilo of noise is not a trend.
        pad = max((y.max() - y.min()) * 0.15, y.max() * 0.1, 2.0)
        ax.set_ylim(max(y.min() - pad, 0), y.max() + pad)
        ax.set_ylabel(explorer.unit, fontsize=SMALL_FONT)
        ax.tick_params(axis="y", labelsize=SMALL_FONT)
        style_axes(ax)
        week_ticks(ax, weeks, max_ticks=7)
        ax.xaxis.set_tick_params(labelbottom=True)
    for ax in axes.ravel()[len(lifts) :]:
        ax.set_visible(False)
    return fig
