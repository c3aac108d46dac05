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
#: Bits of a float64 that hold exact integers, for the packed counts of :func:`_sets_per_day`.
_EXACT_BITS = 52
_BIT_SHIFT = 2.0
#: ``WeekCounts.starts`` of a client with no counted set: only the last week is reported.
NO_SETS = np.iinfo(np.int64).max


def week_number(day_number):
    """Return the week number (weeks since the one holding 1970-01-01) of a day number."""
    # 1970-01-01 was a Thursday: adding 3 makes every week start on a Monday.
    return (day_number + 3) // 7


def _monday(week: int) -> dt.date:
    return EPOCH + dt.timedelta(days=int(week) * 7 - 3)


def week_number_label(week: int) -> str:
    """Return the ISO label (``2026-W47``) of a week number (:func:`week_number`)."""
    return week_label(_monday(week))


#: The measures of the weekly table, in its order, with their types.
MEASURES = {
    "fractional_sets": "float64",
    "direct_sets": "int64",
    "tonnage_kg": "float64",
    "days": "int64",
}


@dataclass(frozen=True)
class WeekCounts:
    """Measures of a block of clients, for the weeks from ``first_week`` on.

    ``measures`` holds one array per column of :data:`MEASURES`, already rounded as the
    table shows them, each of shape (clients × weeks, groups) in client then week order.
    ``starts`` holds each client's first week with a counted set (a week number), or
    :data:`NO_SETS`.
    """

    measures: tuple[np.ndarray, ...]
    first_week: int
    starts: np.ndarray

    @property
    def weeks(self) -> int:
        """Return the number of weeks counted per client."""
        return len(self.measures[0]) // max(len(self.starts), 1)


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
        Each set's row in ``profiles``, or ``len(profiles)`` for a set that counts for
        nothing (a warm-up, an exercise the catalogue does not know).
    work : numpy.ndarray
        Each set's load × reps in kg.
    profiles : numpy.ndarray
        Distinct credit rows of the catalogue (profiles × groups); exercises with the same
        row count alike, so sets and work are summed per profile and then weighed.
    last_day : int
        Last day to count (day number).
    min_sets_per_day : int
        Sets crediting a group that make a day a training day for it.

    Returns
    -------
    WeekCounts
        The block's measures from its first week to the week of ``last_day``.
    """
    keep = day <= last_day
    if not keep.all():
        client_code, day, profile, work = client_code[keep], day[keep], profile[keep], work[keep]
    n_profiles, n_groups = profiles.shape
    if not len(day):
        empty = tuple(np.zeros((0, n_groups), dtype) for dtype in MEASURES.values())
        return WeekCounts(empty, int(week_number(last_day)), np.full(n_clients, NO_SETS))
    # Sets that count for nothing may start the block early: their weeks are counted, with
    # zeros, and each client's rows still start at its first counted set.
    first_day = int(day.min())
    first_week, last_week = int(week_number(first_day)), int(week_number(last_day))
    n_weeks, n_days = last_week - first_week + 1, last_day - first_day + 1
    size = n_clients * n_weeks
    # One integer key per set for (client, day) and one for (profile, client, week), built
    # in place; the (client, day) → (client, week) table is small and read by position.
    day_key = client_code.astype("int64")
    day_key *= n_days
    day_key += day
    day_key -= first_day
    week_of_day = week_number(np.arange(first_day, last_day + 1)) - first_week
    client_week = (np.arange(n_clients)[:, None] * n_weeks + week_of_day).ravel()
    key = profile.astype("int64")
    key *= size
    key += client_week[day_key]
    bins = (n_profiles + 1) * size  # the last profile row holds the sets that count for nothing
    sets_per = np.bincount(key, minlength=bins).reshape(n_profiles + 1, size)[:n_profiles]
    work_per = np.bincount(key, weights=work, minlength=bins).reshape(n_profiles + 1, size)
    del key
    measures = np.zeros((4, n_groups, size))
    credited = profiles > 0
    for g in range(n_groups):
        # Profile by profile, in order: the sums a matrix product gives, without BLAS
        # threads, which crawl on a busy machine.
        for p in np.flatnonzero(credited[:, g]):
            measures[0, g] += sets_per[p] * profiles[p, g]
            if profiles[p, g] == 1.0:
                measures[1, g] += sets_per[p]
            measures[2, g] += work_per[p]
    totals = sets_per.sum(axis=0)  # counted sets per client and week
    # Days run in order, so each week's days are one contiguous run of columns.
    week_starts = np.r_[0, np.flatnonzero(np.diff(week_of_day)) + 1]
    per_day = _sets_per_day(day_key, profile, credited, n_clients * n_days, int(totals.max()))
    for g, sets_of_day in enumerate(per_day):
        trained = (sets_of_day >= max(min_sets_per_day, 1)).reshape(n_clients, n_days)
        measures[3, g] = np.add.reduceat(trained, week_starts, axis=1).ravel()
    # Each client's weeks start with their first week that has a counted set.
    active = totals.reshape(n_clients, n_weeks) > 0
    starts = np.where(active.any(axis=1), active.argmax(axis=1) + first_week, NO_SETS)
    # Rounded here, block by block, so that the threads counting blocks share the work.
    finished = (
        np.ascontiguousarray(measures[0].T),
        measures[1].T.round().astype("int64", order="C"),
        np.ascontiguousarray(measures[2].T.round(1)),
        measures[3].T.round().astype("int64", order="C"),
    )
    return WeekCounts(finished, first_week, starts)


def _sets_per_day(day_key, profile, credited, n_bins: int, most_in_a_week: int):
    """Yield, group by group, the sets crediting the group on each (client, day) bin.

    No day holds more sets than the busiest week, so each group's count of a day fits in
    ``b`` = ``most_in_a_week.bit_length()`` bits. A set adds 2 ** (b × k) for the k-th group
    of a pass it credits, and one weighted bin count gives every group of the pass at once:
    the float64 sums stay exact integers below 2 ** 52, each group's count in its own bits.
    With 16 groups and at most 127 sets in a week that is three bin counts, not sixteen.
    """
    n_groups = credited.shape[1]
    bits = max(int(most_in_a_week).bit_length(), 1)
    per_pass = max(_EXACT_BITS // bits, 1)
    for first in range(0, n_groups, per_pass):
        groups = range(first, min(first + per_pass, n_groups))
        shifts = _BIT_SHIFT ** (bits * np.arange(len(groups)))
        weight = np.append((credited[:, groups.start : groups.stop] * shifts).sum(axis=1), 0.0)
        packed = np.bincount(day_key, weights=weight[profile], minlength=n_bins).astype("int64")
        for k in range(len(groups)):
            yield (packed >> (bits * k)) & ((1 << bits) - 1)


def weekly_table(
    blocks: list[WeekCounts], client_names: list[str], last_week: int, guideline_days: int
) -> pd.DataFrame:
    """Lay counted blocks out as the weekly table, every client's weeks up to ``last_week``.

    ``client_names`` lists the blocks' clients in block order. A block counted up to an
    earlier week than ``last_week`` (its own last set) has zeros for the later weeks.
    ``blocks`` is emptied as the table fills, so that no block's counts are held twice.
    """
    if not blocks:
        return empty_weekly_table()
    n_groups = len(GROUPS)
    picks = []
    for block in blocks:
        n_clients = len(block.starts)
        first = block.first_week if block.weeks else last_week
        span = last_week - first + 1
        start = np.minimum(block.starts, last_week) - first
        picks.append((first, span, (np.arange(span) >= start[:, None])))
    rows = sum(int(in_range.sum()) for _, _, in_range in picks)
    columns = {name: np.empty((rows, n_groups), dtype) for name, dtype in MEASURES.items()}
    client_rows, week_rows, row, offset = [], [], 0, 0
    for position, (first, span, in_range) in enumerate(picks):
        block, blocks[position] = blocks[position], None
        n_clients, taken = len(block.starts), int(in_range.sum())
        for column, measure in zip(columns.values(), block.measures, strict=True):
            if block.weeks != span:  # zeros for the weeks after the block's last set
                padded = np.zeros((n_clients, span, n_groups), measure.dtype)
                padded[:, : block.weeks] = measure.reshape(n_clients, block.weeks, n_groups)
                measure = padded.reshape(n_clients * span, n_groups)
            np.compress(in_range.ravel(), measure, axis=0, out=column[row : row + taken])
        client_rows.append(np.repeat(np.arange(offset, offset + n_clients), in_range.sum(1)))
        week_rows.append(np.broadcast_to(np.arange(first, last_week + 1), in_range.shape)[in_range])
        row, offset = row + taken, offset + n_clients
        del block, measure
    blocks.clear()
    # Rows in client, week and group order: groups vary fastest.
    weeks = np.concatenate(week_rows)
    first_week = int(weeks.min()) if len(weeks) else last_week
    labels = [week_number_label(w) for w in range(first_week, last_week + 1)]
    table = {
        "client": _strings(client_names, np.repeat(np.concatenate(client_rows), n_groups)),
        "week": _strings(labels, np.repeat(weeks - first_week, n_groups)),
        "group": _strings(list(GROUPS), np.tile(np.arange(n_groups), len(weeks))),
    }
    table.update({name: column.ravel() for name, column in columns.items()})
    table["guideline_met"] = table["days"] >= guideline_days
    # The columns are new arrays: no copy, and no consolidated block to build.
    return pd.DataFrame(table, copy=False)


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
