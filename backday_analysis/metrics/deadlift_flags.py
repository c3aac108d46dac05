"""Flags about the deadlift: not first in its session, and a top set raised too fast.

The seed article says to deadlift first in the session and to build the load slowly.
"""

from __future__ import annotations

import pandas as pd

from backday_analysis.canonical import kg_to
from backday_analysis.datafolder.settings import Settings
from backday_analysis.metrics.balance import ExerciseRule
from backday_analysis.metrics.flag_table import flag_table, num, week_sets
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


def deadlift_not_first(sets: pd.DataFrame, catalogue: pd.DataFrame, week: str) -> pd.DataFrame:
    """Flag clients whose deadlift came after another exercise in a session this week."""
    ids = DEADLIFT.ids(catalogue)
    keys = ["client", "session_id"]
    s = week_sets(sets, week)
    # Strong and Hevy give one time per workout: the log line keeps the order within it.
    s = s.sort_values([*keys, "performed_at", *(["line"] if "line" in s else [])], kind="stable")
    s["_pos"] = s.groupby(keys).cumcount()
    is_deadlift = s["exercise_id"].isin(ids)
    skip = [
        *catalogue.loc[catalogue["pattern"].isin(WARM_UP_PATTERNS), "exercise_id"],
        *WARM_UP_IDS,
    ]
    working = (s["set_kind"] != "warmup") & ~s["exercise_id"].isin(skip)
    first_deadlift = s.loc[is_deadlift].groupby(keys)["_pos"].min().rename("_dl")
    sessions = s.loc[is_deadlift & working, keys].drop_duplicates()
    first_other = s.loc[~is_deadlift & working].groupby(keys).head(1)
    late = sessions.merge(first_other, on=keys).merge(first_deadlift.reset_index(), on=keys)
    late = late.loc[late["_pos"] < late["_dl"]].sort_values(["client", "performed_at"])
    late["_name"] = _names(late["exercise_id"], late["exercise"], catalogue)
    first = late.groupby("client", as_index=False).agg(
        name=("_name", "first"), when=("performed_at", "first"), late=("_name", "size")
    )
    first["total"] = first["client"].map(sessions.groupby("client").size())
    reasons = [
        f"The deadlift came after {n} on {w:%a} {w.day} {w:%b}"
        + (f" ({k} of {t} deadlift sessions this week)" if t > 1 else "")
        + "; do it first in the session, while you are fresh."
        for n, w, k, t in zip(
            first["name"], first["when"], first["late"], first["total"], strict=True
        )
    ]
    return flag_table(first, week, "deadlift_not_first", "medium", reasons, group="lower_back")


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
    clients it does not name).
    """
    s = working_sets(week_sets(sets, week, weeks_before=LOOKBACK_WEEKS))
    s = s.loc[s["exercise_id"].isin(DEADLIFT.ids(catalogue))]
    monday = pd.Timestamp(parse_week(week))
    this = s["performed_at"] >= monday
    last = ~this & (s["performed_at"] >= monday - pd.Timedelta(weeks=1))
    keys = [s["client"], s["exercise_id"]]
    top = pd.concat(
        {
            "now": s.loc[this].groupby([k[this] for k in keys])["load_kg"].max(),
            "last": s.loc[last].groupby([k[last] for k in keys])["load_kg"].max(),
            "best": s.loc[~this].groupby([k[~this] for k in keys])["load_kg"].max(),
        },
        axis=1,
    ).dropna()
    top = top.loc[top["best"] > 0].reset_index()
    top["rise"] = top["now"] / top["best"] - 1
    # The tolerance keeps an exact 10 % step (100 -> 110 kg) from tripping on rounding.
    hit = top.loc[top["rise"] > settings.deadlift_max_weekly_increase + 1e-9].copy()
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
    return flag_table(hit, week, "deadlift_jump", "high", reasons, group="lower_back")
