"""The whole body's balance helpers, worked out by hand."""

from __future__ import annotations

import math

import checkout
import pandas as pd

from backday_analysis.datafolder.catalogue import load_catalogue
from backday_analysis.metrics.body_balance import (
    behind_planes,
    region_credits,
    region_sets,
    sets_needed,
    weeks_ending,
)

CATALOGUE = load_catalogue(checkout.DATA_DIR / "catalogue.csv")


def test_weeks_ending_counts_back_from_the_week():
    assert weeks_ending("2026-W47", 4) == ["2026-W44", "2026-W45", "2026-W46", "2026-W47"]
    assert weeks_ending("2026-W01", 2) == ["2025-W52", "2026-W01"]


def test_a_plane_is_behind_with_pushes_and_pulls_under_the_limit():
    row = {
        "horizontal_push": 1, "horizontal_ratio": 0.0,  # 0 : 1, behind
        "vertical_push": 0, "vertical_ratio": math.nan,  # nothing to balance
    }  # fmt: skip
    assert behind_planes(row, 1.0) == ["horizontal"]
    row = {"horizontal_push": 4, "horizontal_ratio": 1.0, "vertical_push": 2, "vertical_ratio": 0.5}
    assert behind_planes(row, 1.0) == ["vertical"]  # exactly 1 : 1 is not behind
    # Within 1e-9 under the limit is rounding, not a plane behind.
    row = {"horizontal_push": 3, "horizontal_ratio": 1 - 1e-9, "vertical_push": 0,
           "vertical_ratio": math.nan}  # fmt: skip
    assert behind_planes(row, 1.0) == []
    # No push set, nothing to balance, also when a missing ratio was filled with 0 (roster).
    row = {"horizontal_push": 0, "horizontal_ratio": 0.0, "vertical_push": 0,
           "vertical_ratio": 0.0}  # fmt: skip
    assert behind_planes(row, 1.0) == []


def test_the_pull_sets_that_bring_a_plane_to_the_limit():
    assert sets_needed(2, 26, 1.0) == 24  # Gus's horizontal plane: 2 : 26
    assert sets_needed(1, 7, 0.5) == 3  # 3.5 pulls wanted, 1 done: 2.5, so 3 sets
    assert sets_needed(5, 4, 1.0) == 0  # ahead already
    assert sets_needed(4, 4, 1.0) == 0  # exactly there


def test_a_set_counts_once_per_region_at_its_largest_credit():
    credits = region_credits(CATALOGUE)
    # A deadlift: lower back 1 and glutes 1; a bench press: chest 1; a stretch: nothing.
    assert credits.loc["barbell_deadlift"].tolist() == [1.0, 1.0, 0.0, 1.0]
    assert credits.loc["bench_press_barbell"].tolist() == [1.0, 0.0, 1.0, 0.0]
    assert credits.loc["stretching"].tolist() == [0.0, 0.0, 0.0, 0.0]
    assert credits.columns.tolist() == ["working_sets", "back_sets", "chest_sets", "legs_sets"]


def test_region_sets_per_week_leave_out_unknown_exercises_and_fill_empty_weeks():
    sets = pd.DataFrame(
        {
            "client": "ana",
            "performed_at": pd.to_datetime(
                ["2026-11-02 18:00", "2026-11-02 18:05", "2026-11-03 18:00", "2026-11-18 09:00"]
            ),
            "exercise_id": ["barbell_deadlift", "no_such_exercise", "bench_press_barbell",
                            "lat_pulldown_chest"],
            "set_kind": ["working", "working", "working", "warmup"],
        }
    )  # fmt: skip
    table = region_sets(sets, CATALOGUE)
    assert table.values.tolist() == [
        ["ana", "2026-W45", 2.0, 1.0, 1.0, 1.0],
        ["ana", "2026-W46", 0.0, 0.0, 0.0, 0.0],
        ["ana", "2026-W47", 0.0, 0.0, 0.0, 0.0],  # a warm-up only
    ]
