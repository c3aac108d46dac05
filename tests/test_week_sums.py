"""Per-set numbers summed per client and ISO week, counted by hand.

``bo`` (listed first, sorted after ``ana``):
- Sun 3 Jan 2027 (2026-W53): an exercise the table does not know, 2 rows at 1 each, and a
  warm-up row that counts nothing;
- nothing in 2027-W01 (a zero week);
- Mon 11 Jan 2027 00:00 (2027-W02): 1 row, and a curl (0 for the back) = 1.
``ana``: a warm-up row only, Mon 21 Dec 2026 (2026-W52), then Sun 10 Jan 2027 23:59
(2027-W01): 1 deadlift and a set with no exercise id = 1. Her weeks run from the warm-up's
week: W52 and W53 with 0, W01 with 1.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from backday_analysis.metrics.week_sums import all_weeks, per_exercise, week_sums

TABLE = pd.DataFrame(
    {"back": [1.0, 1.0, 0.0], "arms": [0.0, 0.5, 1.0]},
    index=pd.Index(["deadlift", "row", "curl"], name="exercise_id"),
)
SETS = pd.DataFrame(
    [
        ("bo", "2027-01-03 17:50", "lunge", "working"),
        ("bo", "2027-01-03 18:00", "row", "working"),
        ("bo", "2027-01-03 18:05", "row", "drop"),
        ("bo", "2027-01-03 17:55", "row", "warmup"),
        ("bo", "2027-01-11 00:00", "row", "failure"),
        ("bo", "2027-01-11 00:10", "curl", "working"),
        ("ana", "2026-12-21 07:00", "deadlift", "warmup"),
        ("ana", "2027-01-10 23:59", "deadlift", "working"),
        ("ana", "2027-01-10 23:59", None, "working"),
    ],
    columns=["client", "performed_at", "exercise_id", "set_kind"],
).assign(performed_at=lambda f: pd.to_datetime(f["performed_at"]))


def test_each_set_gets_its_exercises_row_and_zeros_for_an_unknown_or_missing_id():
    values = per_exercise(SETS, TABLE)
    assert values.tolist()[:2] == [[0.0, 0.0], [1.0, 0.5]]  # lunge, row
    assert values.tolist()[5:] == [[0.0, 1.0], [1.0, 0.0], [1.0, 0.0], [0.0, 0.0]]


def test_working_sets_are_summed_per_client_and_week_with_zero_weeks_between():
    table = week_sums(SETS, per_exercise(SETS, TABLE), ["back", "arms"])
    assert table["client"].tolist() == ["ana"] * 3 + ["bo"] * 3
    assert table["week"].tolist() == [
        *("2026-W52", "2026-W53", "2027-W01"),
        *("2026-W53", "2027-W01", "2027-W02"),
    ]
    assert table["back"].tolist() == [0.0, 0.0, 1.0, 2.0, 0.0, 1.0]
    assert table["arms"].tolist() == [0.0, 0.0, 0.0, 1.0, 0.0, 1.5]
    assert table.index.tolist() == list(range(6))


def test_no_sets_give_no_rows_with_the_columns():
    table = week_sums(SETS.iloc[:0], np.zeros((0, 1)), ["back"])
    assert table.columns.tolist() == ["client", "week", "back"] and table.empty
    assert table["back"].dtype == "float64"


def test_all_weeks_fill_the_gaps_across_the_new_year():
    sets = pd.DataFrame(
        {
            "client": ["ana", "ana"],
            "performed_at": pd.to_datetime(["2026-12-22 18:00", "2027-01-05 18:00"]),
            "set_kind": ["working", "working"],
        }
    )
    assert all_weeks(sets)["week"].tolist() == ["2026-W52", "2026-W53", "2027-W01"]
