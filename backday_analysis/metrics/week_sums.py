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
        ``client, week`` and ``names`` (floats): one row for every week from a client's first
        to last logged week (warm-ups included), zeros where a week has none; sorted by
        client and week.
    """
    if sets.empty:
        empty = {"client": pd.Series(dtype="str"), "week": pd.Series(dtype="str")}
        return pd.DataFrame(empty | {name: pd.Series(dtype=float) for name in names})
    code, clients = pd.factorize(sets["client"], sort=True)
    days = sets["performed_at"].to_numpy().astype("datetime64[D]").astype("int64")
    week = week_number(days)
    first = np.full(len(clients), np.iinfo(np.int64).max)
    last = np.full(len(clients), np.iinfo(np.int64).min)
    np.minimum.at(first, code, week)
    np.maximum.at(last, code, week)
    count = last - first + 1
    start = np.cumsum(count) - count
    key = start[code] + week - first[code]
    counted = values * (sets["set_kind"] != "warmup").to_numpy(dtype=bool)[:, None]
    total = int(count.sum())
    numbers = np.repeat(first - start, count) + np.arange(total)
    labels = {w: week_number_label(w) for w in np.unique(numbers)}
    client = np.repeat(np.asarray(clients, dtype=object), count)
    out = pd.DataFrame({"client": client, "week": [labels[w] for w in numbers]})
    out = out.astype({"client": "str"})
    for column, name in enumerate(names):
        out[name] = np.bincount(key, weights=counted[:, column], minlength=total)
    return out
