"""Sum what each working set counts per client and ISO week, with integer keys.

The back's sets, a region's sets and the pull and push counts are each a number per set
summed per client and week. Summing with NumPy bin counts over week numbers, rather than
grouping by client and week label, keeps ten years of log (64,000 sets) to a few
milliseconds; the labels are written once per week, not once per set.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from backday_analysis.metrics.week_counts import week_number, week_number_label


def per_exercise(sets: pd.DataFrame, table: pd.DataFrame) -> np.ndarray:
    """Return each set's row of ``table``, zeros for an exercise id it lacks.

    Parameters
    ----------
    sets : pandas.DataFrame
        Sets with ``exercise_id``.
    table : pandas.DataFrame
        Numbers per exercise, indexed by exercise id (unique), such as catalogue credits.

    Returns
    -------
    numpy.ndarray
        Floats, one row per set and one column per column of ``table``; an unknown or
        missing exercise id, or an empty cell, counts 0.
    """
    codes, ids = pd.factorize(sets["exercise_id"], use_na_sentinel=False)
    return table.reindex(ids).to_numpy(dtype=float, na_value=0.0)[codes]


def all_weeks(sets: pd.DataFrame) -> pd.DataFrame:
    """Return ``client, week`` for every week from each client's first to last logged week.

    Rows are sorted by client and week; any set counts, warm-ups included.
    """
    return _spans(sets)[1]


def week_sums(sets: pd.DataFrame, values: np.ndarray, names: list[str]) -> pd.DataFrame:
    """Return per client and ISO week the sums of ``values`` over the working sets.

    Parameters
    ----------
    sets : pandas.DataFrame
        Sets with ``client, performed_at, set_kind``.
    values : numpy.ndarray
        One row per set, one column per name: what the set counts (warm-ups count nothing).
    names : list of str
        The output's column for each column of ``values``.

    Returns
    -------
    pandas.DataFrame
        ``client, week`` (:func:`all_weeks`) and ``names`` (floats), zeros where a week has
        none.
    """
    key, out = _spans(sets)
    counted = values * (sets["set_kind"] != "warmup").to_numpy(dtype=bool)[:, None]
    for column, name in enumerate(names):
        # With no set at all, NumPy gives integer bins; the sums are floats either way.
        sums = np.bincount(key, weights=counted[:, column], minlength=len(out))
        out[name] = sums.astype("float64")
    return out


def _spans(sets: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """Return :func:`all_weeks` of ``sets`` and each set's row in it."""
    if sets.empty:
        empty = {"client": pd.Series(dtype="str"), "week": pd.Series(dtype="str")}
        return np.zeros(0, dtype="int64"), pd.DataFrame(empty)
    code, clients = pd.factorize(sets["client"], sort=True)
    days = sets["performed_at"].to_numpy().astype("datetime64[D]").astype("int64")
    week = week_number(days)
    first = np.full(len(clients), np.iinfo(np.int64).max)
    last = np.full(len(clients), np.iinfo(np.int64).min)
    np.minimum.at(first, code, week)
    np.maximum.at(last, code, week)
    count = last - first + 1
    start = np.cumsum(count) - count
    numbers = np.repeat(first - start, count) + np.arange(int(count.sum()))
    labels = {w: week_number_label(w) for w in np.unique(numbers)}
    client = np.repeat(np.asarray(clients, dtype=object), count)
    out = pd.DataFrame({"client": client, "week": [labels[w] for w in numbers]})
    return start[code] + week - first[code], out.astype({"client": "str"})
