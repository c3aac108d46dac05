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
from backday_analysis.importers.cells import per_distinct
from backday_analysis.metrics.week_counts import (
    EPOCH,
    count_weeks,
    empty_weekly_table,
    week_number,
    weekly_table,
)

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


def working_sets(sets: pd.DataFrame) -> pd.DataFrame:
    """Return the sets that count: not warm-ups."""
    return sets.loc[sets["set_kind"] != "warmup"]


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
    # Once per distinct client: looking up each of a long log's Arrow strings costs more.
    client_index = pd.Index(client_names)
    client_code = per_distinct(
        sets["client"], lambda distinct: pd.Series(client_index.get_indexer(distinct))
    ).to_numpy()
    exercise_code = pd.Index(catalogue["exercise_id"]).get_indexer(sets["exercise_id"])
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
    ``work`` is load × reps in kg. The pandas front end ends here; the Parquet store counts
    its chunks of clients with the same :func:`~backday_analysis.metrics.week_counts.count_weeks`.
    """
    last_day = (through - EPOCH).days if through else (int(day.max()) if len(day) else None)
    if last_day is None:
        return empty_weekly_table()
    profiles, profile = credit_profiles(credits)
    counts = count_weeks(
        client_code,
        len(client_names),
        day,
        profile[exercise_code],
        work,
        profiles,
        last_day=last_day,
        min_sets_per_day=min_sets_per_day,
    )
    return weekly_table([counts], client_names, int(week_number(last_day)), guideline_days)


def credit_profiles(credits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the distinct credit rows and each exercise's row among them.

    Exercises with the same credits count alike: sets and work are summed per (week,
    profile) once, then the few profiles are weighed by their credits.
    """
    profiles, profile_of_exercise = np.unique(credits, axis=0, return_inverse=True)
    return profiles, profile_of_exercise.ravel().astype("int16")


def unmapped_exercises(sets: pd.DataFrame) -> pd.DataFrame:
    """Return the logged names the catalogue does not know, with their working sets."""
    columns = ["client", "exercise", "reps", "performed_at"]
    unknown = sets.loc[(sets["set_kind"] != "warmup") & sets["exercise_id"].isna(), columns]
    summary = unknown.groupby(["client", "exercise"], as_index=False).agg(
        sets=("reps", "size"), first=("performed_at", "min"), last=("performed_at", "max")
    )
    return summary.sort_values(["client", "sets"], ascending=[True, False], ignore_index=True)
