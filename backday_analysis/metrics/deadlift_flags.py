"""Flags about the deadlift: not first in its session, and a top set raised too fast.

The seed article says to deadlift first in the session and to build the load slowly.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from backday_analysis.canonical import kg_to
from backday_analysis.datafolder.settings import Settings
from backday_analysis.metrics.balance import ExerciseRule, set_weeks
from backday_analysis.metrics.flag_table import (
    empty_flags,
    flag_table,
    num,
    trailing_flags,
    week_ordinal,
    week_sets,
)
from backday_analysis.metrics.weekly import working_sets
from backday_analysis.metrics.weeks import parse_week

DEADLIFT = ExerciseRule(
    "hinge", r"deadlift", r"romanian|stiff|single_leg|rdl", ("barbell", "trap_bar", "hex_bar")
)


# Logged before a deadlift, these do not make it "not first": they warm up, not tire out.
WARM_UP_PATTERNS = ("cardio",)


WARM_UP_IDS = ("warm_up", "stretching", "yoga")

# Weeks before this one whose heaviest deadlift top set is the reference for a jump.
LOOKBACK_WEEKS = 4


def _names(ids: pd.Series, logged: pd.Series, catalogue: pd.DataFrame) -> pd.Series:
    """Return readable exercise names: the catalogue's, lower-cased, else as logged."""
    name = ids.map(dict(zip(catalogue["exercise_id"], catalogue["name"], strict=True)))
    name = name.where(name.isna(), name.str[:1].str.lower() + name.str[1:])
    return name.fillna(logged)


def deadlifted(sets: pd.DataFrame, catalogue: pd.DataFrame, week: str) -> bool:
    """Return whether any set of ``week`` is a deadlift.

    Both deadlift flags judge a week by its own deadlift sets, so a week without one raises
    neither, whatever came before: a client without one skips the search of their history
    (14 of the bench's 30 clients in its latest week).
    """
    return bool(week_sets(sets, week)["exercise_id"].isin(DEADLIFT.ids(catalogue)).any())


def late_deadlifts(sets: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Return each session whose deadlift came after another exercise: its first exercise.

    Columns: those of ``sets`` for the session's first working set of another exercise,
    ``week`` (the ISO week of the session's first working deadlift set) and ``sessions``
    (the client's sessions with a working deadlift set in that week); one row per late
    session, by client and time.
    """
    ids = DEADLIFT.ids(catalogue)
    is_deadlift = sets["exercise_id"].isin(ids).to_numpy()
    # One code per (client, session), as a session id is only unique within its client;
    # numbered in their sorted order, so late sessions of the same time keep that order.
    key = sets.groupby(["client", "session_id"], sort=True, dropna=False).ngroup().to_numpy()
    # Only sessions with a deadlift can have it late; the rest need no sorting.
    rows = np.flatnonzero(np.isin(key, key[is_deadlift]))
    # Strong and Hevy give one time per workout: the log line keeps the order within it.
    line = sets["line"].to_numpy()[rows] if "line" in sets else np.zeros(len(rows), "int64")
    when = sets["performed_at"].to_numpy()[rows]
    order = rows[np.lexsort((line, when, key[rows]))]
    skip = [
        *catalogue.loc[catalogue["pattern"].isin(WARM_UP_PATTERNS), "exercise_id"],
        *WARM_UP_IDS,
    ]
    working = ((sets["set_kind"] != "warmup") & ~sets["exercise_id"].isin(skip)).to_numpy()
    dead, work, code = is_deadlift[order], working[order], key[order]
    starts = np.flatnonzero(np.r_[True, code[1:] != code[:-1]]) if len(order) else order
    # With each set's place in its session, one pass per condition finds where it first
    # holds in every session, where grouping the frames would take a pass per session key.
    place = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    none = len(order)

    def first(condition: np.ndarray) -> np.ndarray:
        if not len(order):
            return order
        return np.minimum.reduceat(np.where(condition, place, none), starts)

    first_deadlift, first_working, first_other = (
        first(dead),
        first(dead & work),
        first(~dead & work),
    )
    counted = first_working < none
    late = counted & (first_other < first_deadlift)
    head = order[starts[counted] + first_working[counted]]
    week = set_weeks(sets.iloc[head]).to_numpy()
    per_week = pd.Series(week).groupby([sets["client"].to_numpy()[head], week])
    sessions = per_week.transform("size").to_numpy()
    out = sets.iloc[order[starts[late] + first_other[late]]].assign(
        week=week[late[counted]], sessions=sessions[late[counted]]
    )
    return out.sort_values(["client", "performed_at"], kind="stable")


def deadlift_not_first(sets: pd.DataFrame, catalogue: pd.DataFrame, week: str) -> pd.DataFrame:
    """Flag clients whose deadlift came after another exercise in a session this week.

    ``weeks`` counts the weeks in a row, ending this one, with such a session.
    """
    if not deadlifted(sets, catalogue, week):
        return empty_flags()
    # A session's order is all its sets, some maybe before the window: it comes whole.
    return trailing_flags(
        sets, week, lambda part, _: _not_first(part, catalogue, week), whole="session_id"
    )


def _not_first(sets: pd.DataFrame, catalogue: pd.DataFrame, week: str) -> pd.DataFrame:
    monday = pd.Timestamp(parse_week(week))
    history = sets.loc[sets["performed_at"] < monday + pd.Timedelta(days=7)]
    late = late_deadlifts(history, catalogue)
    late["_name"] = _names(late["exercise_id"], late["exercise"], catalogue)
    this = late.loc[late["week"] == week]
    first = this.groupby("client", as_index=False).agg(
        name=("_name", "first"),
        when=("performed_at", "first"),
        late=("_name", "size"),
        total=("sessions", "first"),
    )
    first["streak"] = first["client"].map(_streaks(late, week))
    reasons = [
        f"The deadlift came after {n} on {w:%a} {w.day} {w:%b}"
        + (f" ({k} of {t} deadlift sessions this week)" if t > 1 else "")
        + "; do it first in the session, while you are fresh."
        for n, w, k, t in zip(
            first["name"], first["when"], first["late"], first["total"], strict=True
        )
    ]
    headlines = [f"Deadlift after {n}" for n in first["name"]]
    return flag_table(
        first, week, "deadlift_not_first", reasons, headlines, "streak", group="lower_back"
    )


def _streaks(table: pd.DataFrame, week: str) -> pd.Series:
    """Return per client the weeks in a row, ending ``week``, that ``table`` has a row in."""
    ordinal = week_ordinal(table["week"]) if len(table) else pd.Series(dtype="int64")
    this = int(week_ordinal(pd.Series([week])).iloc[0])
    out = {}
    for client, weeks in ordinal.groupby(table["client"]):
        present, n = set(weeks), 0
        while this - n in present:
            n += 1
        out[client] = n
    return pd.Series(out, dtype="int64")


def deadlift_jump(
    sets: pd.DataFrame,
    catalogue: pd.DataFrame,
    settings: Settings,
    week: str,
    units: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Flag a deadlift top set more than the allowed share above the recent ones.

    The reference is the heaviest top set of the previous :data:`LOOKBACK_WEEKS` weeks, so
    the week after a deload week, back at the usual load, is no jump. The previous week must
    have that deadlift: after a week without it there is nothing to compare. The loads in the
    sentence are in each client's unit from ``units`` (client id to ``kg`` or ``lb``; kg for
    clients it does not name). ``weeks`` counts the weeks in a row, ending this one, with a
    jump.
    """
    if not deadlifted(sets, catalogue, week):
        return empty_flags()
    # A week's verdict needs its reference weeks, the week before among them.
    return trailing_flags(
        sets,
        week,
        lambda part, _: _jump(part, catalogue, settings, week, units),
        lookback=LOOKBACK_WEEKS,
    )


def _jump(sets, catalogue, settings, week, units) -> pd.DataFrame:
    tops = top_sets(sets, catalogue, week)
    tops["jump"] = tops["rise"] > settings.deadlift_max_weekly_increase + 1e-9
    hit = tops.loc[(tops["week"] == week) & tops["jump"]].copy()
    jumped = tops.loc[tops["jump"], ["client", "week"]].drop_duplicates()
    hit["streak"] = hit["client"].map(_streaks(jumped, week))
    hit["_name"] = hit["exercise_id"].map(catalogue.set_index("exercise_id")["name"])
    limit = num(settings.deadlift_max_weekly_increase * 100)
    unit = hit["client"].map(lambda client: (units or {}).get(client, "kg"))
    reasons = [
        f"{n}: the top set went from {num(a * kg_to(u))} {u} last week to {num(b * kg_to(u))} "
        f"{u} this week (+"
        + (
            f"{num(r * 100)} %"
            if a == m
            else f"{num(r * 100)} % over {num(m * kg_to(u))} {u}, the "
            f"heaviest of the last {LOOKBACK_WEEKS} weeks"
        )
        + f"), over the {limit} % a week limit; build the load up slowly."
        for n, a, b, m, r, u in zip(
            hit["_name"], hit["last"], hit["now"], hit["best"], hit["rise"], unit, strict=True
        )
    ]
    headlines = [f"Deadlift +{num(r * 100)} % in a week" for r in hit["rise"]]
    return flag_table(hit, week, "deadlift_jump", reasons, headlines, "streak", group="lower_back")


def top_sets(sets: pd.DataFrame, catalogue: pd.DataFrame, week: str) -> pd.DataFrame:
    """Return each deadlift's weekly top set up to ``week``, with the loads it is judged by.

    Columns ``client, exercise_id, week, now`` (the week's heaviest working set), ``last``
    (the week before's, NaN without one), ``best`` (the heaviest of the
    :data:`LOOKBACK_WEEKS` weeks before) and ``rise`` (``now / best - 1``, NaN when there is
    no week before to compare with).
    """
    end = pd.Timestamp(parse_week(week)) + pd.Timedelta(days=7)
    # The deadlift's sets first: the other conditions are then tested on a few rows.
    s = sets.loc[sets["exercise_id"].isin(DEADLIFT.ids(catalogue))]
    s = working_sets(s.loc[s["performed_at"] < end])
    columns = ["client", "exercise_id", "week", "now", "last", "best", "rise"]
    if s.empty:
        return pd.DataFrame(columns=columns)
    weeks = set_weeks(s)
    top = s.groupby([s["client"], s["exercise_id"], week_ordinal(weeks).rename("_o")])[
        "load_kg"
    ].max()
    top = top.rename("now").reset_index()
    out = []
    for _, one in top.groupby(["client", "exercise_id"], sort=False):
        span = pd.RangeIndex(one["_o"].min(), one["_o"].max() + 1)
        now = one.set_index("_o")["now"].reindex(span)
        best = now.shift(1).rolling(LOOKBACK_WEEKS, min_periods=1).max()
        frame = pd.DataFrame({"now": now, "last": now.shift(1), "best": best})
        frame = frame.loc[frame["now"].notna()].assign(
            client=one["client"].iloc[0], exercise_id=one["exercise_id"].iloc[0]
        )
        out.append(frame.rename_axis("_o").reset_index())
    table = pd.concat(out, ignore_index=True)
    table["rise"] = (table["now"] / table["best"] - 1).where(
        table["last"].notna() & (table["best"] > 0)
    )
    labels = dict(zip(week_ordinal(weeks), weeks, strict=False))
    table["week"] = table["_o"].map(labels)
    return table[columns]
