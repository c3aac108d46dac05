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
from backday_analysis.metrics.weeks import week_label

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
    client_names = sorted(set(clients) if clients is not None else set(sets["client"].unique()))
    if through is None and len(sets):
        through = sets["performed_at"].max().date()
    # Work on a few NumPy columns rather than copying the whole table.
    client_code = pd.Categorical(sets["client"], categories=client_names).codes
    exercise_code = pd.Categorical(sets["exercise_id"], categories=catalogue["exercise_id"]).codes
    keep = (client_code >= 0) & (exercise_code >= 0) & (sets["set_kind"] != "warmup").to_numpy()
    day = sets["performed_at"].to_numpy()[keep].astype("datetime64[D]").astype("int64")
    work = sets["load_kg"].to_numpy(dtype=float)[keep] * sets["reps"].to_numpy(dtype=float)[keep]
    return weekly_from_arrays(
        client_code[keep],
        client_names,
        day,
        exercise_code[keep],
        work,
        catalogue.loc[:, list(GROUPS)].to_numpy(dtype=float),
        through=through,
        min_sets_per_day=min_sets_per_day,
        guideline_days=guideline_days,
    )


def weekly_from_arrays(
    client_code: np.ndarray,
    client_names: list[str],
    day: np.ndarray,
    exercise_code: np.ndarray,
    work: np.ndarray,
    credits: np.ndarray,
    *,
    through: dt.date | None = None,
    min_sets_per_day: int = 1,
    guideline_days: int = 2,
) -> pd.DataFrame:
    """Return the weekly table from per-set arrays of working sets of catalogued exercises.

    ``client_code`` indexes ``client_names`` (which must be sorted), ``day`` counts days since
    1970-01-01, ``exercise_code`` indexes the rows of ``credits`` (exercises × groups) and
    ``work`` is load × reps in kg. The pandas and Parquet front ends both end here.
    """
    last_day = (through - _EPOCH).days if through else (int(day.max()) if len(day) else None)
    if last_day is None:
        return _empty()
    keep = day <= last_day
    if not keep.all():
        client_code, day, exercise_code, work = (
            client_code[keep],
            day[keep],
            exercise_code[keep],
            work[keep],
        )
    last_week = int(_week_number(np.array(last_day)))
    first_day = int(day.min()) if len(day) else last_day
    first_week = int(_week_number(np.array(first_day)))
    n_clients, n_weeks = len(client_names), last_week - first_week + 1
    n_days = last_day - first_day + 1
    # Exercises with the same credits count alike: sum sets and work per (week, profile)
    # once, then weigh the few profiles by their credits.
    profiles, profile_of_exercise = np.unique(credits, axis=0, return_inverse=True)
    profile = profile_of_exercise.ravel().astype("int8")[exercise_code]
    n_profiles, size = len(profiles), n_clients * n_weeks
    # One integer key per set for (client, week, profile) and one for (client, day); the
    # arrays are built in place to keep ten million sets within a few hundred megabytes.
    clients64 = client_code.astype("int64")
    position = day - first_day  # day within the history
    day_key = clients64 * n_days + position
    position += first_day + 3  # 1970-01-01 was a Thursday: +3 starts weeks on Mondays
    position //= 7
    position -= first_week  # now the week within the history
    key = clients64 * n_weeks
    key += position
    key *= n_profiles
    key += profile
    del clients64, position
    sets_per = np.bincount(key, minlength=size * n_profiles).reshape(size, n_profiles)
    work_per = np.bincount(key, weights=work, minlength=size * n_profiles)
    del key
    work_per = work_per.reshape(size, n_profiles)
    measures = np.empty((4, size, len(GROUPS)))
    measures[0] = sets_per @ profiles
    measures[1] = sets_per @ (profiles == 1.0)
    measures[2] = work_per @ (profiles > 0)
    week_of_day = _week_number(np.arange(first_day, last_day + 1)) - first_week
    # Days run in order, so each week's days are one contiguous run of columns.
    week_starts = np.r_[0, np.flatnonzero(np.diff(week_of_day)) + 1]
    for g in range(len(GROUPS)):
        credited = (profiles[:, g] > 0)[profile]
        trained = np.bincount(day_key[credited], minlength=n_clients * n_days)
        trained = (trained >= max(min_sets_per_day, 1)).reshape(n_clients, n_days)
        measures[3, :, g] = np.add.reduceat(trained, week_starts, axis=1).ravel()
    # Each client's weeks start with their first week that has a counted set.
    active = sets_per.reshape(n_clients, n_weeks, n_profiles).sum(axis=2) > 0
    starts = np.where(active.any(axis=1), active.argmax(axis=1), n_weeks - 1)
    return _assemble(measures, client_names, starts, first_week, n_weeks, guideline_days)


def _assemble(measures, client_names, starts, first_week, n_weeks, guideline_days):
    n_clients, n_groups = len(client_names), len(GROUPS)
    client_rows = np.repeat(np.arange(n_clients), n_weeks)
    week_rows = np.tile(np.arange(n_weeks), n_clients)
    in_range = week_rows >= starts[client_rows]
    labels = np.array([week_label(_monday(first_week + w)) for w in range(n_weeks)], dtype=object)
    picked = measures[:, in_range, :].reshape(4, -1)  # rows: client, week, group order
    days = picked[3].round().astype("int64")
    return pd.DataFrame(
        {
            "client": np.repeat(
                np.asarray(client_names, dtype=object)[client_rows[in_range]], n_groups
            ),
            "week": np.repeat(labels[week_rows[in_range]], n_groups),
            "group": np.tile(np.asarray(GROUPS, dtype=object), int(in_range.sum())),
            "fractional_sets": picked[0],
            "direct_sets": picked[1].round().astype("int64"),
            "tonnage_kg": picked[2].round(1),
            "days": days,
            "guideline_met": days >= guideline_days,
        }
    )


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
    columns = ["client", "exercise", "reps", "performed_at"]
    unknown = sets.loc[(sets["set_kind"] != "warmup") & sets["exercise_id"].isna(), columns]
    summary = unknown.groupby(["client", "exercise"], as_index=False).agg(
        sets=("reps", "size"), first=("performed_at", "min"), last=("performed_at", "max")
    )
    return summary.sort_values(["client", "sets"], ascending=[True, False], ignore_index=True)
