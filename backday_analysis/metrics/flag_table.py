"""Build flag rows and their sentences: the pieces every coaching flag shares.

A flag row says who (``client``), when (``week``), what (``flag`` and ``group``, empty for the
whole back or the whole week), for how long (``weeks``: the weeks in a row, ending this one,
in which the flag's condition held, 1 when it is new), a short ``headline`` for the roster
and the full ``reason``. ``severity`` and its ``why`` come from the coach's severity table
(:mod:`backday_analysis.metrics.severity`).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable

import numpy as np
import pandas as pd

from backday_analysis import BACK_GROUPS, GROUP_LABELS
from backday_analysis.importers.cells import per_distinct
from backday_analysis.metrics.weeks import parse_week

FLAG_COLUMNS = ("client", "week", "flag", "group", "severity", "reason", "weeks", "headline", "why")

#: Weeks a streak is first looked for in, ending the report's week, and the factor each
#: retry widens them by. Years of logs need not be read for a streak of weeks; 32 rather
#: than fewer, as a pass over 8 weeks costs nearly as much and runs of late deadlifts often
#: last longer, so would take a second one.
STREAK_WEEKS, STREAK_WIDEN = 32, 4


PLURAL_GROUPS = {
    "lats", "rhomboids", "biceps", "front_delts", "side_delts", "rear_delts", "triceps",
    "forearms", "abs", "quads", "hamstrings", "glutes", "calves",
}  # fmt: skip


def num(value: float) -> str:
    return f"{round(float(value), 1):g}"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def in_a_row(n: int) -> str:
    return f", for the {ordinal(n)} week in a row" if n > 1 else ""


def weeks_text(n: int) -> str:
    """Return ``1 week`` or ``3 weeks``."""
    return f"{n} week{'s' * (n != 1)}"


def be(group: str, verb: tuple[str, str] = ("were", "was")) -> str:
    return f"{GROUP_LABELS[group]} {verb[0] if group in PLURAL_GROUPS else verb[1]}"


def flag_table(
    rows: pd.DataFrame, week: str, flag: str, reasons, headlines, weeks, group=""
) -> pd.DataFrame:
    """Return the flags table of ``rows`` (one raised flag each) from its parts.

    ``group`` None takes each row's own ``group``; ``weeks`` is a column of ``rows`` or a
    number. Severity and its why are left empty for :func:`.severity.apply_severity`.
    """
    n = len(rows)
    groups = rows["group"].astype(str).to_numpy(dtype=object) if group is None else [group] * n
    weeks = rows[weeks].to_numpy() if isinstance(weeks, str) else [weeks] * n
    return pd.DataFrame(
        {
            "client": rows["client"].astype(str).to_numpy(dtype=object),
            "week": [week] * n,
            "flag": [flag] * n,
            "group": list(groups),
            "severity": [""] * n,
            "reason": [str(r) for r in reasons],
            "weeks": np.asarray(weeks, dtype="int64"),
            "headline": [str(h) for h in headlines],
            "why": [""] * n,
        },
        columns=list(FLAG_COLUMNS),
    )


def empty_flags() -> pd.DataFrame:
    """Return a flags table with no rows."""
    return flag_table(pd.DataFrame({"client": []}), "", "", [], [], [])


def week_ordinal(weeks: pd.Series) -> pd.Series:
    """Return a running week number: consecutive ISO weeks differ by 1, also across years."""
    return per_distinct(weeks, lambda distinct: distinct.map(_week_number)).astype("int64")


# A report numbers the same few hundred weeks for each of its flags.
@functools.lru_cache(maxsize=8192)
def _week_number(week: str) -> int:
    return (parse_week(week) - dt.date(1970, 1, 5)).days // 7


def run_lengths(frame: pd.DataFrame, condition: pd.Series) -> pd.Series:
    """Return, per row, how many consecutive weeks up to it met ``condition`` (0 if not).

    Runs are per client and group; a missing week breaks a run.
    """
    n = len(frame)
    if n == 0:
        return pd.Series(np.zeros(0, dtype="int64"), index=frame.index)
    client = pd.factorize(frame["client"])[0]
    group = pd.factorize(frame["group"])[0]
    week = week_ordinal(frame["week"]).to_numpy()
    order = np.lexsort((week, group, client))
    hit = np.asarray(condition, dtype=bool)[order].astype("int64")
    c, g, w = client[order], group[order], week[order]
    # A block starts at every miss, new client or group, and gap; hits then count up in it.
    new = np.ones(n, dtype=bool)
    new[1:] = (hit[1:] == 0) | (np.diff(w) != 1) | (c[1:] != c[:-1]) | (g[1:] != g[:-1])
    new |= hit == 0
    total = np.cumsum(hit)
    starts = np.flatnonzero(new)
    base = np.repeat(total[starts] - hit[starts], np.diff(np.append(starts, n)))
    runs = np.empty(n, dtype="int64")
    runs[order] = total - base
    return pd.Series(runs, index=frame.index)


def back_rows(weekly: pd.DataFrame) -> pd.DataFrame:
    return weekly.loc[weekly["group"].isin(BACK_GROUPS)]


def week_sets(sets: pd.DataFrame, week: str, weeks_before: int = 0) -> pd.DataFrame:
    monday, when = pd.Timestamp(parse_week(week)), sets["performed_at"]
    return sets.loc[
        (when >= monday - pd.Timedelta(weeks=weeks_before)) & (when < monday + pd.Timedelta(days=7))
    ]


def trailing_flags(
    sets: pd.DataFrame,
    week: str,
    flags: Callable[[pd.DataFrame, pd.Timestamp | None], pd.DataFrame],
    lookback: int = 0,
    whole: str | None = None,
) -> pd.DataFrame:
    """Return ``flags(part, start)`` from the fewest trailing weeks that hold every streak.

    Parameters
    ----------
    sets : pandas.DataFrame
        Sets with ``performed_at``, the whole history.
    week : str
        The ISO week the streaks end.
    flags : callable
        Returns a flags table (its ``weeks`` the streaks) from ``part``, the sets from
        ``start`` on, or from all of ``sets`` when ``start`` is None. Its verdict on each
        counted week must not depend on the sets before ``start``.
    lookback : int
        Weeks before the counted ones that a week's verdict needs.
    whole : str, optional
        A column, such as ``session_id``: a value with a set from ``start`` on brings its
        earlier sets too.

    Notes
    -----
    The counted weeks are the last :data:`STREAK_WEEKS` ending ``week``, ``start`` the
    Monday ``lookback`` weeks before them. A streak shorter than the counted weeks stops at
    one of them, whose verdict is the whole history's, so it is exact. While a streak is
    as long, the counted weeks widen :data:`STREAK_WIDEN` times, until no set is left out.
    """
    monday = parse_week(week)
    when = sets["performed_at"]
    first = when.min()
    # In dates: a typo's year 1700 is too far back for a Timedelta in nanoseconds.
    days = (monday - first.date()).days if pd.notna(first) else 0
    # A bounded loop: by the 7th pass (32 * 4 ** 6 weeks) a window reaches back past year 1.
    for widening in range(40):
        counted = STREAK_WEEKS * STREAK_WIDEN**widening
        if days <= 7 * (counted - 1 + lookback):
            break
        start = pd.Timestamp(monday - dt.timedelta(weeks=counted - 1 + lookback))
        keep = (when >= start).to_numpy()
        if whole is not None:
            keep = keep | sets[whole].isin(sets.loc[keep, whole].unique()).to_numpy()
        table = flags(sets.loc[keep], start)
        if not (table["weeks"] >= counted).any():
            return table
    return flags(sets, None)
