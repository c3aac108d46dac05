"""Pull to push per client and week, the horizontal and the vertical plane apart.

Working sets are counted whole (not by credits), by the catalogue's ``pattern``:

- horizontal: rows and rear-delt work (``horizontal_pull``, ``rear_delt``: face pulls, reverse
  flyes, pull-aparts) against bench presses, push-ups, flyes and dips (``horizontal_push``);
- vertical: pull-ups, chin-ups and pulldowns (``vertical_pull``) against overhead presses
  (``vertical_push``).

Straight-arm pulls, shrugs, carries and a press the catalogue does not place (``push``) count
in neither plane. No trial validates a ratio; coaches ask for at least 1 : 1 (domain notes).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from backday_analysis.metrics.week_sums import per_exercise, week_sums

#: Catalogue pattern -> (plane, side).
PLANES = {
    "horizontal_pull": ("horizontal", "pull"),
    "rear_delt": ("horizontal", "pull"),
    "horizontal_push": ("horizontal", "push"),
    "vertical_pull": ("vertical", "pull"),
    "vertical_push": ("vertical", "push"),
}
PULL_PUSH_COLUMNS = (
    "client",
    "week",
    "horizontal_pull",
    "horizontal_push",
    "horizontal_ratio",
    "vertical_pull",
    "vertical_push",
    "vertical_ratio",
)
_COUNTS = ("horizontal_pull", "horizontal_push", "vertical_pull", "vertical_push")


def pull_push(sets: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Return working pull and push sets per client, ISO week and plane, with their ratios.

    Parameters
    ----------
    sets : pandas.DataFrame
        Sets with ``client, performed_at, set_kind, exercise_id``.
    catalogue : pandas.DataFrame
        The exercise catalogue (its ``pattern`` places each exercise).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PULL_PUSH_COLUMNS`, one row per client and week with a set in either
        plane, sorted by client and week. A ratio is pull sets over push sets; NaN when the
        plane has no push set (nothing to balance, or pulls alone).
    """
    place = {p: f"{plane}_{side}" for p, (plane, side) in PLANES.items()}
    column = catalogue.set_index("exercise_id")["pattern"].map(place)
    one_set = pd.DataFrame({name: column == name for name in _COUNTS}).astype(float)
    counts = week_sums(sets, per_exercise(sets, one_set), list(_COUNTS))
    # A week with neither pulls nor pushes has no row: it breaks a run of weeks behind.
    return ratios(counts.loc[counts[list(_COUNTS)].to_numpy().any(axis=1)])


def ratios(counts: pd.DataFrame) -> pd.DataFrame:
    """Return pull and push counts with each plane's ratio (pull over push, NaN without push).

    ``counts`` has ``client``, ``week`` (or any window label) and the four count columns, as
    :func:`pull_push` returns or as sums over several weeks.
    """
    out = counts.loc[:, ["client", "week", *_COUNTS]].copy()
    for plane in ("horizontal", "vertical"):
        push = out[f"{plane}_push"].to_numpy(dtype=float)
        pull = out[f"{plane}_pull"].to_numpy(dtype=float)
        out[f"{plane}_ratio"] = np.divide(pull, push, out=np.full(len(out), np.nan), where=push > 0)
    out = out.astype({c: "int64" for c in _COUNTS} | {"client": "str", "week": "str"})
    return out.loc[:, list(PULL_PUSH_COLUMNS)].sort_values(["client", "week"], ignore_index=True)


def over_weeks(table: pd.DataFrame, weeks: list[str], label: str) -> pd.DataFrame:
    """Return each client's pull and push sets summed over ``weeks``, with the ratios.

    The rows get ``week`` = ``label`` (such as ``"4 weeks to 2026-W47"``); a client with no
    set in those weeks has no row.
    """
    window = table.loc[table["week"].isin(weeks)]
    summed = window.groupby("client", as_index=False)[list(_COUNTS)].sum()
    return ratios(summed.assign(week=label))
