"""Compute the back balance explorer's tables: shares, pulling directions, grips, days, 1RMs.

Pure functions behind ``notebooks/back_balance.ipynb``: sets table, catalogue or weekly
table in, a new DataFrame out, nothing drawn. Sets tables are those of
:func:`backday_analysis.datafolder.dataset.load_dataset`; only working sets count (warm-ups
left out).
Tables built from sets have a row for every week from a client's first to last logged
week, with zeros for weeks without the movement, so charts show the gaps.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from backday_analysis import BACK_GROUPS, GROUPS
from backday_analysis.importers.cells import per_distinct
from backday_analysis.metrics.frame_memo import memo
from backday_analysis.metrics.week_sums import per_exercise, week_sums
from backday_analysis.metrics.weekly import working_sets
from backday_analysis.metrics.weeks import week_labels, week_start


@dataclass(frozen=True)
class ExerciseRule:
    """Pick catalogue exercises by movement pattern, exercise id and equipment.

    ``include`` and ``exclude`` are regular expressions searched in the exercise id (case
    ignored); an empty ``equipment`` tuple accepts any equipment.
    """

    pattern: str
    include: str
    exclude: str = ""
    equipment: tuple[str, ...] = ()

    def ids(self, catalogue: pd.DataFrame) -> list[str]:
        """Return the exercise ids of the catalogue rows the rule matches, in catalogue order."""
        return list(memo(catalogue, self, lambda: self._ids(catalogue)))

    def _ids(self, catalogue: pd.DataFrame) -> tuple[str, ...]:
        ids = catalogue["exercise_id"].astype(str)
        hit = catalogue["pattern"].astype(str).str.strip().str.lower().eq(self.pattern)
        hit &= ids.str.contains(self.include, case=False, regex=True)
        if self.exclude:
            hit &= ~ids.str.contains(self.exclude, case=False, regex=True)
        if self.equipment:
            hit &= catalogue["equipment"].astype(str).str.strip().str.lower().isin(self.equipment)
        return tuple(ids[hit])


# The seed article's five lifts. Matched by pattern and id rather than listed id by id, so a
# coach's new variant (say ``pull_up_weighted``) joins its lift without a code change. Each
# lift keeps to variants whose loads sit on one scale, or its 1RM line would jump:
# - deadlift: the conventional barbell deadlift; not Romanian, stiff-leg, sumo or trap bar.
# - pull_up: pull-ups and chin-ups, free, weighted or assisted; load_kg already holds
#   bodyweight plus added load or minus assistance.
# - dumbbell_row: one-arm and two-arm bent-over rows (both logged per dumbbell); not
#   chest-supported or rear-delt rows, which shift the work to the rhomboids.
# - seated_cable_row, lat_pulldown: two-handed cable versions, close and wide grip together
#   (:func:`cable_row_grips` splits them); a one-arm version moves about half the load.
_ONE_ARM = r"single_arm|one_arm"
SEED_LIFTS = {
    "deadlift": ExerciseRule(
        "hinge", r"deadlift", r"romanian|stiff|single_leg|rdl|sumo|trap_bar|hex", ("barbell",)
    ),
    "dumbbell_row": ExerciseRule(
        "horizontal_pull",
        r"row",
        r"incline|chest_supported|rear_delt|upright|renegade",
        ("dumbbell",),
    ),
    "pull_up": ExerciseRule("vertical_pull", r"pull_?up|chin_?up"),
    "seated_cable_row": ExerciseRule("horizontal_pull", r"row", _ONE_ARM + r"|upright", ("cable",)),
    "lat_pulldown": ExerciseRule("vertical_pull", r"pulldown", _ONE_ARM + r"|straight", ("cable",)),
}
LIFT_LABELS = {
    "deadlift": "Deadlift",
    "dumbbell_row": "Dumbbell row",
    "pull_up": "Pull-up",
    "seated_cable_row": "Seated cable row",
    "lat_pulldown": "Lat pulldown",
}
# Grip values of the catalogue's ``grip`` column: a V-handle or neutral handle is the
# close grip of the seed's cable row.
GRIP_CLASSES = {"close": ("close", "neutral", "narrow", "v_grip", "v_bar"), "wide": ("wide",)}
# Epley fits sets of up to about 10-12 reps; past that, endurance rather than strength sets
# the number of reps, and the estimate drifts high.
EPLEY_MAX_REPS = 12


def set_weeks(sets: pd.DataFrame) -> pd.Series:
    """Return the ISO week label (``2026-W53``) of each set."""
    return week_labels(week_start(sets["performed_at"]))


def _weekly_counts(sets: pd.DataFrame, category: pd.Series, names: list[str]) -> pd.DataFrame:
    """Return working sets per client, week and category, one ``<name>_sets`` column each."""
    values = np.column_stack([(category == name).to_numpy(dtype=bool) for name in names])
    columns = [f"{name}_sets" for name in names]
    return week_sums(sets, values.astype(float), columns).astype(dict.fromkeys(columns, "int64"))


def back_shares(weekly: pd.DataFrame, window: int = 1) -> pd.DataFrame:
    """Return each back group's share of the back's fractional sets, per week or rolling.

    Parameters
    ----------
    weekly : pandas.DataFrame
        The weekly table of :func:`backday_analysis.metrics.weekly.weekly_volume` (every week from a
        client's first to last, so consecutive rows are consecutive weeks).
    window : int
        Weeks summed before taking shares: 1 for week by week, 4 for a rolling 4-week view.
        The first weeks of a client use the weeks there are.

    Returns
    -------
    pandas.DataFrame
        ``client, week, group, fractional_sets, share``; ``fractional_sets`` is the sum over
        the window; ``share`` sums to 1 over the four groups, NaN in a window with no back
        sets. Summing group credits counts a deadlift set in all four groups, which is what
        a share of the credited volume means.
    """
    back = weekly.loc[weekly["group"].isin(BACK_GROUPS), ["client", "week", "group"]].copy()
    back["fractional_sets"] = weekly["fractional_sets"].astype(float)
    back = back.sort_values(["client", "group", "week"], kind="stable")
    back["fractional_sets"] = (
        back.groupby(["client", "group"])["fractional_sets"]
        .rolling(max(window, 1), min_periods=1)
        .sum()
        .droplevel([0, 1])
    )
    total = back.groupby(["client", "week"])["fractional_sets"].transform("sum")
    back["share"] = back["fractional_sets"] / total.where(total > 0)
    order = back["group"].map({g: i for i, g in enumerate(BACK_GROUPS)})
    return (
        back.assign(_order=order)
        .sort_values(["client", "week", "_order"])
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def back_sets_per_week(sets: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Return whole-back fractional sets per client and week, each set counted once.

    A working set counts its largest credit among the four back groups: a deadlift 1, a
    lat pulldown 1, a shrug 1, a curl 0. Summing the groups' credits instead would count
    one deadlift set 2.5 times (0.5 + 0.5 + 0.5 + 1) and a pull-up 1.5 times.

    Returns
    -------
    pandas.DataFrame
        ``client, week, back_sets``, every week from a client's first to last logged week.
    """
    credit = catalogue.set_index("exercise_id").loc[:, list(BACK_GROUPS)].max(axis=1)
    return week_sums(sets, per_exercise(sets, credit.to_frame()), ["back_sets"])


def pulling_sets(sets: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Return vertical and horizontal pulling sets per client and week.

    Returns
    -------
    pandas.DataFrame
        ``client, week, vertical_sets, horizontal_sets, vertical_share``: working sets of
        catalogue exercises whose ``pattern`` is ``vertical_pull`` or ``horizontal_pull``
        (whole sets, not credits); ``vertical_share`` is NaN in a week with neither.
    """
    pattern = dict(zip(catalogue["exercise_id"], catalogue["pattern"], strict=True))
    pulls = {"vertical_pull": "vertical", "horizontal_pull": "horizontal"}
    direction = per_distinct(sets["exercise_id"], lambda ids: ids.map(pattern).map(pulls))
    out = _weekly_counts(sets, direction, ["vertical", "horizontal"])
    total = out["vertical_sets"] + out["horizontal_sets"]
    out["vertical_share"] = out["vertical_sets"] / total.where(total > 0)
    return out


def cable_row_grips(sets: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Return close- and wide-grip seated cable row sets per client and week.

    A cable row is an exercise of the seed's ``seated_cable_row`` rule (:data:`SEED_LIFTS`);
    its catalogue ``grip`` is sorted by :data:`GRIP_CLASSES`. Columns ``client, week,
    close_sets, wide_sets``.
    """
    rows = catalogue.loc[
        catalogue["exercise_id"].isin(SEED_LIFTS["seated_cable_row"].ids(catalogue))
    ]
    grip = rows["grip"].astype(str).str.strip().str.lower()
    classes = {value: name for name, values in GRIP_CLASSES.items() for value in values}
    by_id = dict(zip(rows["exercise_id"], grip.map(classes), strict=True))
    return _weekly_counts(sets, sets["exercise_id"].map(by_id), list(GRIP_CLASSES))


def training_days_matrix(weekly: pd.DataFrame, groups: tuple[str, ...] = GROUPS) -> pd.DataFrame:
    """Return training days as a heatmap matrix: rows ``(client, group)``, one column per week.

    Groups keep the report order; ``.loc[client]`` gives one client's group × week grid.
    A week outside a client's history is NaN.
    """
    rows = weekly.loc[weekly["group"].isin(groups)]
    matrix = rows.pivot_table(
        index=["client", "group"], columns="week", values="days", aggfunc="sum"
    )
    clients = list(dict.fromkeys(rows["client"]))
    order = pd.MultiIndex.from_product([clients, list(groups)], names=["client", "group"])
    return matrix.reindex(order).sort_index(axis=1)


def lift_exercises(catalogue: pd.DataFrame) -> pd.DataFrame:
    """Return ``exercise_id, lift``: the catalogue exercises behind each of the seed's lifts."""
    pairs = [(eid, lift) for lift, rule in SEED_LIFTS.items() for eid in rule.ids(catalogue)]
    table = pd.DataFrame(pairs, columns=["exercise_id", "lift"]).astype("str")
    return table.drop_duplicates("exercise_id", ignore_index=True)


def epley(load_kg, reps):
    """Return the Epley one-rep max estimate ``load · (1 + reps / 30)``."""
    return load_kg * (1 + reps / 30)


def estimated_1rm(
    sets: pd.DataFrame, catalogue: pd.DataFrame, max_reps: int = EPLEY_MAX_REPS
) -> pd.DataFrame:
    """Return each week's best estimated one-rep max for the seed article's five lifts.

    Parameters
    ----------
    sets : pandas.DataFrame
        Sets with ``load_kg``: bodyweight plus added load, or minus assistance, already.
    catalogue : pandas.DataFrame
        The exercise catalogue; :data:`SEED_LIFTS` picks the lifts' exercises.
    max_reps : int
        Longest set used: Epley gets unreliable for high-rep sets (see :data:`EPLEY_MAX_REPS`).

    Returns
    -------
    pandas.DataFrame
        ``client, week, lift, exercise_id, load_kg, reps, e1rm_kg``: one row per week the
        lift was trained with a working set of 1 to ``max_reps`` reps and some load, from
        the set with the highest estimate. Weeks without the lift have no row.
    """
    lifts = lift_exercises(catalogue)
    counted = working_sets(sets)
    counted = counted.loc[
        counted["exercise_id"].isin(lifts["exercise_id"])
        & counted["reps"].between(1, max_reps)
        & (counted["load_kg"] > 0)
    ]
    out = pd.DataFrame(
        {
            "client": counted["client"],
            "week": set_weeks(counted),
            "lift": counted["exercise_id"].map(
                dict(zip(lifts["exercise_id"], lifts["lift"], strict=True))
            ),
            "exercise_id": counted["exercise_id"],
            "load_kg": counted["load_kg"].astype(float),
            "reps": counted["reps"].astype("int64"),
        }
    )
    out["e1rm_kg"] = epley(out["load_kg"], out["reps"]).round(1)
    best = out.sort_values("e1rm_kg", ascending=False, kind="stable").drop_duplicates(
        ["client", "week", "lift"]
    )
    return best.sort_values(["client", "lift", "week"], ignore_index=True)
