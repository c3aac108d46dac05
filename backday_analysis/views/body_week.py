"""The weekly report's "back against the rest of the body": shares, pull : push, groups × weeks.

What each number counts is in :mod:`backday_analysis.metrics.body_balance`. The tables are
computed once per report and kept on it; a week with no log yet shows none of them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from backday_analysis import GROUP_LABELS, GROUPS
from backday_analysis.metrics.body_balance import (
    PLANES,
    WINDOW,
    behind_planes,
    ratio_text,
    region_sets,
    share,
    weeks_ending,
)
from backday_analysis.metrics.pull_push import pull_push
from backday_analysis.metrics.weeks import parse_week, week_label
from backday_analysis.views.client_week import ClientWeek

_CACHE = "_backday_body"
PULL_PUSH_HEADS = {p: f"Pull : push, {p}" for p in PLANES}
#: Weeks of the groups × weeks grid at most: sixteen fit the width of a page.
GRID_WEEKS = 16


@dataclass
class BodyWeek:
    """A client's back against the rest: per week, and summed over each window."""

    # metrics.body_balance.region_sets and metrics.pull_push.pull_push of the client, from
    # the first week the page shows (the window's or the charts') to this week.
    regions: pd.DataFrame
    planes: pd.DataFrame
    windows: list[tuple[str, dict]]  # this week and the longer view: label, window_numbers


def body_week(report: ClientWeek) -> BodyWeek:
    """Return the report's regions and pull : push tables, computed once per report."""
    cached = report.__dict__.get(_CACHE)
    if cached is not None:
        return cached
    window = weeks_ending(report.week, WINDOW)
    # The page shows the window and the charts' weeks, and each week's numbers are its own
    # sets': years of log before them need not be counted.
    start = pd.Timestamp(parse_week(min([window[0], *report.history["week"]])))
    end = pd.Timestamp(report.monday) + pd.Timedelta(days=7)
    when = report.sets["performed_at"]
    sets = report.sets.loc[(when >= start) & (when < end)]
    catalogue = report.dataset.catalogue
    regions = region_sets(sets, catalogue)
    # The window's weeks from the client's first logged week to the last one up to this
    # week count, with their zeros; a week after the last is not the client's zero.
    recent = []
    if (when < end).any():
        first, last = (week_label(d.date()) for d in (when.min(), when.loc[when < end].max()))
        recent = [w for w in window if first <= w <= last]
    windows = [(f"This week ({report.week})", [report.week])]
    if len(recent) > 1:  # a client's first week has no longer view
        windows.append((f"{len(recent)} weeks to {report.week}", recent))
    planes = pull_push(sets, catalogue)
    body = BodyWeek(
        regions,
        planes,
        [(label, window_numbers(regions, planes, weeks)) for label, weeks in windows],
    )
    report.__dict__[_CACHE] = body
    return body


def window_numbers(regions: pd.DataFrame, planes: pd.DataFrame, weeks: list[str]) -> dict:
    """Return the sums over ``weeks``: working and back sets, the share, pull and push sets.

    ``regions`` and ``planes`` are one client's; the ratios are of the sums.
    """
    rows = regions.loc[regions["week"].isin(weeks)]
    working, back = float(rows["working_sets"].sum()), float(rows["back_sets"].sum())
    sums = planes.loc[planes["week"].isin(weeks)]
    out = {"working": working, "back": back, "share": share(back, working)}
    for plane in PLANES:
        pull, push = (int(sums[f"{plane}_{side}"].sum()) for side in ("pull", "push"))
        out |= {f"{plane}_pull": pull, f"{plane}_push": push}
        out[f"{plane}_ratio"] = pull / push if push else np.nan
    return out


def plane_cell(numbers: dict, plane: str, limit: float) -> tuple[str, str]:
    """Return a plane's pull : push cell and its class: unmet under ``limit``, met, or none."""
    pull, push = int(numbers[f"{plane}_pull"]), int(numbers[f"{plane}_push"])
    if not push:
        return (f"{pull} : 0 (no push)" if pull else "none", "")
    behind = plane in behind_planes(numbers, limit)
    text = f"{pull} : {push} ({ratio_text(numbers[f'{plane}_ratio'])})"
    return text, "unmet" if behind else "met"


def share_table(report: ClientWeek) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return this week and the longer view: working sets, back sets, share, pull : push.

    A pull : push cell is marked ✗ on red when its plane is under the limit
    (``pull_push_ratio``), ✓ on green when it has pushes and is not; a plane without push
    sets has nothing to balance and no mark. No rows for a week with no log yet.
    """
    windows = body_week(report).windows if report.logged else []
    return window_table(windows, report.settings.pull_push_ratio)


def window_table(windows, limit: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return one row per ``(label, numbers)`` window, and the pull : push cells' classes."""
    columns = ["", "Working sets", "Back sets", "Back's share", *PULL_PUSH_HEADS.values()]
    values, classes = [], []
    for label, numbers in windows:
        cells = [plane_cell(numbers, plane, limit) for plane in PLANES]
        percent = "" if np.isnan(numbers["share"]) else f"{numbers['share'] * 100:.0f} %"
        values.append([label, numbers["working"], numbers["back"], percent, *(c for c, _ in cells)])
        classes.append(["", "", "", "", *(k for _, k in cells)])
    return pd.DataFrame(values, columns=columns), pd.DataFrame(classes, columns=columns)


def share_sentence(report: ClientWeek) -> str:
    """Return the section's summary: the back's share, and the planes whose pulls are behind."""
    if not report.logged:
        return "No log yet for this week: nothing to set the back against."
    body, limit = body_week(report), report.settings.pull_push_ratio
    parts = []
    for n, (label, numbers) in enumerate(body.windows):
        of = f"{_n(numbers['back'])} of {_n(numbers['working'])} working sets"
        pct = "" if np.isnan(numbers["share"]) else f" ({numbers['share'] * 100:.0f} %)"
        where = "this week" if n == 0 else f"over the {label}"
        parts.append(f"{of}{pct} {where}")
    behind = behind_planes(body.windows[0][1], limit)
    pulls = (
        f"pull : push is under {ratio_text(limit)} this week in the {' and the '.join(behind)} "
        f"plane{'s' * (len(behind) > 1)}"
        if behind
        else f"no plane's pull : push is under {ratio_text(limit)} this week"
    )
    return f"The back got {' and '.join(parts)}; {pulls}."


def _n(value: float) -> str:
    return f"{round(value, 1):g}"


def groups_weeks(report: ClientWeek) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return every group × the history's weeks: training days, marked against the guideline.

    A cell is ✓ on green when the week met the guideline's days, ✗ on red when it did not;
    columns are the weeks shown in the report's charts (``W32``), oldest first.
    """
    history = report.history
    if history.empty or not report.logged:
        empty = pd.DataFrame(columns=["Muscle group"])
        return empty, empty.copy()
    days = history.pivot(index="group", columns="week", values="days").reindex(list(GROUPS))
    met = history.pivot(index="group", columns="week", values="guideline_met")
    days, met = days.iloc[:, -GRID_WEEKS:], met.reindex(list(GROUPS)).iloc[:, -GRID_WEEKS:]
    heads = [w.split("-")[1] for w in days.columns]
    values = pd.DataFrame(days.to_numpy(dtype="int64"), columns=heads)
    classes = pd.DataFrame(np.where(met.to_numpy(dtype=bool), "met", "unmet"), columns=heads)
    values.insert(0, "Muscle group", [GROUP_LABELS[g] for g in GROUPS])
    classes.insert(0, "Muscle group", "")
    return values, classes


def groups_weeks_caption(report: ClientWeek) -> str:
    """Return the line above the groups × weeks table: what its weeks and marks are."""
    if report.history.empty or not report.logged:
        return ""
    weeks = list(dict.fromkeys(report.history["week"]))[-GRID_WEEKS:]
    return (
        f"Training days of every group, {weeks[0]} to {weeks[-1]}: ✓ where the week met the "
        f"guideline of {report.settings.guideline_days} days, ✗ where it did not."
    )
