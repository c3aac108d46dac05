"""Compute the weekly table: client × ISO week × muscle group.

Every measure counts working sets only (warm-ups are left out; drop and failure sets are hard
sets and count):

- ``fractional_sets``: the sum of the group's credits (1 primary, 0.5 secondary);
- ``direct_sets``: sets whose credit for the group is 1;
- ``tonnage_kg``: load × reps of the sets that credit the group at all;
- ``days``: calendar days with at least ``min_sets_per_day`` sets crediting the group;
- ``guideline_met``: ``days >= guideline_days``.

The work is done with NumPy bin counts over integer keys, with no per-row Python, so ten
million sets take seconds.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from backday_analysis import GROUPS
from backday_analysis.weeks import week_label

WEEKLY_COLUMNS = (
    "client",
    "week",
    "group",
    "fractional_sets",
    "direct_sets",
    "tonnage_kg",
    "days",
    "guideline_met",
)
_EPOCH = dt.date(1970, 1, 1)


def working_sets(sets: pd.DataFrame) -> pd.DataFrame:
    """Return the sets that count: not warm-ups."""
    return sets.loc[sets["set_kind"] != "warmup"]


def _week_number(day_number: np.ndarray) -> np.ndarray:
    # 1970-01-01 was a Thursday: adding 3 makes every week start on a Monday.
    return (day_number + 3) // 7


def _monday(week_number: int) -> dt.date:
    return _EPOCH + dt.timedelta(days=int(week_number) * 7 - 3)


def weekly_volume(
    sets: pd.DataFrame,
    catalogue: pd.DataFrame,
    *,
    clients: list[str] | None = None,
    through: dt.date | None = None,
    min_sets_per_day: int = 1,
    guideline_days: int = 2,
) -> pd.DataFrame:
    """Return the weekly table, one row per client, ISO week and group.

    Parameters
    ----------
    sets : pandas.DataFrame
        Canonical sets with ``client, performed_at, set_kind, exercise_id, load_kg, reps``.
    catalogue : pandas.DataFrame
        The exercise catalogue, one credit column per group.
    clients : list of str, optional
        Clients to report, including ones with no sets; default the clients in ``sets``.
    through : datetime.date, optional
        Last day to cover; default the last logged day. Each client's weeks run from the
        week of their first set (or this week, if they have none) to this week, and weeks
        with no training appear with zeros.
    min_sets_per_day : int
        Sets crediting a group that make a calendar day a training day for it.
    guideline_days : int
        Training days per week that meet the guideline.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`WEEKLY_COLUMNS`, sorted by client, week and group order.
    """
    counted = working_sets(sets)
    counted = counted.loc[counted["exercise_id"].isin(catalogue["exercise_id"])]
    client_names = list(dict.fromkeys([*(clients or []), *sets["client"].unique()]))
    if clients is not None:
        counted = counted.loc[counted["client"].isin(clients)]
        client_names = list(dict.fromkeys(clients))
    client_code = pd.Categorical(counted["client"], categories=client_names).codes
    day = counted["performed_at"].to_numpy().astype("datetime64[D]").astype("int64")
    week = _week_number(day)
    last_day = (through - _EPOCH).days if through else (int(day.max()) if len(day) else None)
    if last_day is None:
        return _empty()
    last_week = int(_week_number(np.array(last_day)))
    keep = day <= last_day
    client_code, day, week = client_code[keep], day[keep], week[keep]
    counted = counted.loc[keep]
    first_week = int(week.min()) if len(week) else last_week
    first_day = int(day.min()) if len(day) else last_day
    n_clients, n_weeks = len(client_names), last_week - first_week + 1
    n_days = last_day - first_day + 1
    week_key = client_code.astype("int64") * n_weeks + (week - first_week)
    day_key = client_code.astype("int64") * n_days + (day - first_day)
    day_week = (np.arange(n_clients * n_days) // n_days) * n_weeks + (
        _week_number(np.arange(n_days) + first_day) - first_week
    )[np.arange(n_clients * n_days) % n_days]

    credits = catalogue.set_index("exercise_id").loc[:, list(GROUPS)]
    exercise_code = pd.Categorical(counted["exercise_id"], categories=credits.index).codes
    matrix = credits.to_numpy(dtype=float)
    work = counted["load_kg"].to_numpy(dtype=float) * counted["reps"].to_numpy(dtype=float)
    size = n_clients * n_weeks
    per_group = {}
    for g, group in enumerate(GROUPS):
        credit = matrix[exercise_code, g]
        hit = credit > 0
        sets_per_day = np.bincount(day_key, weights=hit, minlength=n_clients * n_days)
        trained = sets_per_day >= max(min_sets_per_day, 1)
        per_group[group] = {
            "fractional_sets": np.bincount(week_key, weights=credit, minlength=size),
            "direct_sets": np.bincount(week_key, weights=credit == 1.0, minlength=size),
            "tonnage_kg": np.bincount(week_key, weights=np.where(hit, work, 0.0), minlength=size),
            "days": np.bincount(day_week, weights=trained, minlength=size),
        }
    return _assemble(
        per_group, client_names, client_code, week, first_week, last_week, n_weeks, guideline_days
    )


def _assemble(
    per_group, client_names, client_code, week, first_week, last_week, n_weeks, guideline_days
) -> pd.DataFrame:
    n_clients = len(client_names)
    starts = np.full(n_clients, last_week)
    if len(week):
        np.minimum.at(starts, client_code, week)
    client_rows = np.repeat(np.arange(n_clients), n_weeks)
    week_rows = np.tile(np.arange(first_week, last_week + 1), n_clients)
    in_range = week_rows >= starts[client_rows]
    labels = {w: week_label(_monday(w)) for w in range(first_week, last_week + 1)}
    base = pd.DataFrame(
        {
            "client": np.asarray(client_names, dtype=object)[client_rows[in_range]],
            "week": [labels[w] for w in week_rows[in_range]],
        }
    )
    frames = []
    for order, group in enumerate(GROUPS):
        measures = per_group[group]
        frame = base.copy()
        frame["group"] = group
        frame["_order"] = order
        frame["fractional_sets"] = measures["fractional_sets"][in_range]
        frame["direct_sets"] = measures["direct_sets"][in_range].round().astype("int64")
        frame["tonnage_kg"] = measures["tonnage_kg"][in_range].round(1)
        frame["days"] = measures["days"][in_range].round().astype("int64")
        frames.append(frame)
    table = pd.concat(frames, ignore_index=True)
    table["guideline_met"] = table["days"] >= guideline_days
    table = table.sort_values(["client", "week", "_order"], kind="stable")
    return table.drop(columns="_order").reset_index(drop=True).loc[:, list(WEEKLY_COLUMNS)]


def _empty() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "client": pd.Series(dtype="str"),
            "week": pd.Series(dtype="str"),
            "group": pd.Series(dtype="str"),
            "fractional_sets": pd.Series(dtype=float),
            "direct_sets": pd.Series(dtype="int64"),
            "tonnage_kg": pd.Series(dtype=float),
            "days": pd.Series(dtype="int64"),
            "guideline_met": pd.Series(dtype=bool),
        }
    )


def unmapped_exercises(sets: pd.DataFrame) -> pd.DataFrame:
    """Return the logged names the catalogue does not know, with their working sets."""
    unknown = working_sets(sets).loc[lambda s: s["exercise_id"].isna()]
    summary = unknown.groupby(["client", "exercise"], as_index=False).agg(
        sets=("reps", "size"), first=("performed_at", "min"), last=("performed_at", "max")
    )
    return summary.sort_values(["client", "sets"], ascending=[True, False], ignore_index=True)
