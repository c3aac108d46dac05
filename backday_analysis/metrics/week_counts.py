"""Count a block of clients' sets per ISO week and group; lay blocks out as the weekly table.

:func:`count_weeks` turns per-set arrays into dense measures (client × week × group) for a
block of clients; :func:`weekly_table` pads every block to the same last week and writes the
table's rows. The pandas front end counts all its clients as one block; the Parquet store
counts a few hundred clients at a time and lays all blocks out once at the end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from backday_analysis import GROUPS
from backday_analysis.metrics.weeks import week_label

#: Day number 0.
EPOCH = dt.date(1970, 1, 1)
#: ``WeekCounts.starts`` of a client with no counted set: only the last week is reported.
NO_SETS = np.iinfo(np.int64).max


def week_number(day_number):
    """Return the week number (weeks since the one holding 1970-01-01) of a day number."""
    # 1970-01-01 was a Thursday: adding 3 makes every week start on a Monday.
    return (day_number + 3) // 7


def _monday(week: int) -> dt.date:
    return EPOCH + dt.timedelta(days=int(week) * 7 - 3)


@dataclass(frozen=True)
class WeekCounts:
    """Measures of a block of clients, for the weeks from ``first_week`` on.

    ``measures`` has shape (4, clients × weeks, groups): fractional sets, direct sets,
    tonnage and training days, rows in client then week order. ``starts`` holds each
    client's first week with a counted set (a week number), or :data:`NO_SETS`.
    """

    measures: np.ndarray
    first_week: int
    starts: np.ndarray


def count_weeks(
    client_code: np.ndarray,
    n_clients: int,
    day: np.ndarray,
    profile: np.ndarray,
    work: np.ndarray,
    profiles: np.ndarray,
    *,
    last_day: int,
    min_sets_per_day: int = 1,
) -> WeekCounts:
    """Count working sets of a block of clients per week and group.

    Parameters
    ----------
    client_code : numpy.ndarray
        Each set's client, ``0 .. n_clients - 1`` within the block.
    n_clients : int
        Clients in the block.
    day : numpy.ndarray
        Each set's day, counted from 1970-01-01 (int64); sets after ``last_day`` are left out.
    profile : numpy.ndarray
        Each set's row in ``profiles``, the distinct credit rows (profiles × groups).
    work : numpy.ndarray
        Each set's load × reps in kg.
    profiles : numpy.ndarray
        Distinct credit rows of the catalogue; exercises with the same row count alike.
    last_day : int
        Last day to count (day number).
    min_sets_per_day : int
        Sets crediting a group that make a day a training day for it.

    Returns
    -------
    WeekCounts
        The block's measures from its first counted week to the week of ``last_day``.
    """
    keep = day <= last_day
    if not keep.all():
        client_code, day, profile, work = client_code[keep], day[keep], profile[keep], work[keep]
    n_groups = profiles.shape[1]
    if not len(day):
        empty = np.zeros((4, 0, n_groups))
        return WeekCounts(empty, int(week_number(last_day)), np.full(n_clients, NO_SETS))
    first_day = int(day.min())
    first_week, last_week = int(week_number(first_day)), int(week_number(last_day))
    n_weeks, n_days = last_week - first_week + 1, last_day - first_day + 1
    n_profiles, size = len(profiles), n_clients * n_weeks
    # One integer key per set for (client, week, profile) and one for (client, day); the
    # arrays are built in place to keep a million sets within a few tens of megabytes.
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
    measures = np.empty((4, size, n_groups))
    # Counts as floats go through BLAS; sums of halves and ones stay exact.
    float_sets = sets_per.astype(float)
    measures[0] = float_sets @ profiles
    measures[1] = float_sets @ (profiles == 1.0)
    measures[2] = work_per @ (profiles > 0)
    week_of_day = week_number(np.arange(first_day, last_day + 1)) - first_week
    # Days run in order, so each week's days are one contiguous run of columns.
    week_starts = np.r_[0, np.flatnonzero(np.diff(week_of_day)) + 1]
    credited_by = profiles > 0
    for g in range(n_groups):
        trained = np.bincount(day_key[credited_by[profile, g]], minlength=n_clients * n_days)
        trained = (trained >= max(min_sets_per_day, 1)).reshape(n_clients, n_days)
        measures[3, :, g] = np.add.reduceat(trained, week_starts, axis=1).ravel()
    # Each client's weeks start with their first week that has a counted set.
    active = sets_per.reshape(n_clients, n_weeks, n_profiles).sum(axis=2) > 0
    starts = np.where(active.any(axis=1), active.argmax(axis=1) + first_week, NO_SETS)
    return WeekCounts(measures, first_week, starts)


def weekly_table(
    blocks: list[WeekCounts], client_names: list[str], last_week: int, guideline_days: int
) -> pd.DataFrame:
    """Lay counted blocks out as the weekly table, every client's weeks up to ``last_week``.

    ``client_names`` lists the blocks' clients in block order. A block counted up to an
    earlier week than ``last_week`` (its own last set) has zeros for the later weeks.
    """
    if not blocks:
        return empty_weekly_table()
    n_groups = len(GROUPS)
    picked, client_rows, week_rows, offset = [], [], [], 0
    for block in blocks:
        n_clients = len(block.starts)
        first = block.first_week if block.measures.shape[1] else last_week
        span = last_week - first + 1
        measures = block.measures
        if measures.shape[1] != n_clients * span:
            measures = np.zeros((4, n_clients, span, n_groups))
            counted = block.measures.shape[1] // max(n_clients, 1)
            measures[:, :, :counted] = block.measures.reshape(4, n_clients, counted, n_groups)
            measures = measures.reshape(4, n_clients * span, n_groups)
        start = np.minimum(block.starts, last_week) - first
        in_range = (np.arange(span) >= start[:, None]).ravel()
        picked.append(measures[:, in_range, :])
        client_rows.append(np.repeat(np.arange(offset, offset + n_clients), span)[in_range])
        week_rows.append(np.tile(np.arange(first, last_week + 1), n_clients)[in_range])
        offset += n_clients
    values = np.concatenate(picked, axis=1).reshape(4, -1)  # rows: client, week, group order
    weeks = np.concatenate(week_rows)
    first_week = int(weeks.min()) if len(weeks) else last_week
    labels = [week_label(_monday(w)) for w in range(first_week, last_week + 1)]
    days = values[3].round().astype("int64")
    return pd.DataFrame(
        {
            "client": _strings(client_names, np.repeat(np.concatenate(client_rows), n_groups)),
            "week": _strings(labels, np.repeat(weeks - first_week, n_groups)),
            "group": _strings(list(GROUPS), np.tile(np.arange(n_groups), len(weeks))),
            "fractional_sets": values[0],
            "direct_sets": values[1].round().astype("int64"),
            "tonnage_kg": values[2].round(1),
            "days": days,
            "guideline_met": days >= guideline_days,
        }
    )


def _strings(values: list[str], index: np.ndarray) -> pd.Series:
    # Arrow takes from a few distinct strings in C; a column of Python str objects would
    # cost a second per million rows when pandas turns it into its string dtype.
    taken = pa.array(values, type=pa.large_string()).take(pa.array(index))
    return pd.Series(taken, dtype="str")


def empty_weekly_table() -> pd.DataFrame:
    """Return the weekly table with no rows and its columns' types."""
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
