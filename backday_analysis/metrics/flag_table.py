"""Build flag rows and their sentences: the pieces every coaching flag shares."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from backday_analysis import BACK_GROUPS, GROUP_LABELS
from backday_analysis.metrics.weeks import parse_week

FLAG_COLUMNS = ("client", "week", "flag", "group", "severity", "reason")


PLURAL_GROUPS = {
    "lats", "rhomboids", "biceps", "front_delts", "side_delts", "rear_delts", "triceps",
    "forearms", "abs", "quads", "hamstrings", "glutes", "calves",
}  # fmt: skip


def num(value: float) -> str:
    return f"{round(float(value), 1):g}"


def in_a_row(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f", for the {n}{suffix} week in a row" if n > 1 else ""


def be(group: str, verb: tuple[str, str] = ("were", "was")) -> str:
    return f"{GROUP_LABELS[group]} {verb[0] if group in PLURAL_GROUPS else verb[1]}"


def flag_table(
    rows: pd.DataFrame, week: str, flag: str, severity, reasons, group=""
) -> pd.DataFrame:
    """Return the flags table of ``rows`` (one raised flag each) from its parts."""
    group = rows["group"].to_numpy(dtype=object) if group is None else group
    values = (rows["client"].to_numpy(dtype=object), week, flag, group, severity, list(reasons))
    return pd.DataFrame(dict(zip(FLAG_COLUMNS, values, strict=True))).astype("str")


def week_ordinal(weeks: pd.Series) -> pd.Series:
    """Return a running week number: consecutive ISO weeks differ by 1, also across years."""
    unique = pd.Series(weeks.unique())
    lookup = {w: (parse_week(w) - dt.date(1970, 1, 5)).days // 7 for w in unique}
    return weeks.map(lookup).astype("int64")


def run_lengths(frame: pd.DataFrame, condition: pd.Series) -> pd.Series:
    """Return, per row, how many consecutive weeks up to it met ``condition`` (0 if not).

    Runs are per client and group; a missing week breaks a run.
    """
    keys = ["client", "group"]
    o = frame.assign(_ord=week_ordinal(frame["week"]), _hit=condition.to_numpy())
    o = o.sort_values([*keys, "_ord"], kind="stable")
    # A block starts at every miss, new client or group, and gap; hits then count up in it.
    new = ~o["_hit"] | (o["_ord"].diff() != 1) | o[keys].ne(o[keys].shift()).any(axis=1)
    return o["_hit"].astype("int64").groupby(new.cumsum()).cumsum().reindex(frame.index)


def back_rows(weekly: pd.DataFrame) -> pd.DataFrame:
    return weekly.loc[weekly["group"].isin(BACK_GROUPS)]


def week_sets(sets: pd.DataFrame, week: str, weeks_before: int = 0) -> pd.DataFrame:
    monday, when = pd.Timestamp(parse_week(week)), sets["performed_at"]
    return sets.loc[
        (when >= monday - pd.Timedelta(weeks=weeks_before)) & (when < monday + pd.Timedelta(days=7))
    ]
