"""Balance explorer tables on small hand-built sets and tests/fixtures/flags/catalogue.csv.

Credits (lats, traps, rhomboids, lower back, biceps): lat pulldown (1, -, .5, -, .5), wide
cable row (.5, .5, 1, -, -), barbell deadlift (.5, .5, .5, 1, -), curl (biceps 1).
2026-W53 runs from Mon 28 Dec 2026 to Sun 3 Jan 2027.
"""

from __future__ import annotations

from pathlib import Path

import checkout
import numpy as np
import pandas as pd
import pytest

from backday_analysis import GROUPS
from backday_analysis.datafolder.catalogue import load_catalogue
from backday_analysis.metrics.balance import (
    SEED_LIFTS,
    back_sets_per_week,
    back_shares,
    cable_row_grips,
    epley,
    estimated_1rm,
    lift_exercises,
    pulling_sets,
    training_days_matrix,
)
from backday_analysis.metrics.weekly import weekly_volume

CATALOGUE = load_catalogue(Path(__file__).parent / "fixtures" / "flags" / "catalogue.csv")


def make_sets(*rows) -> pd.DataFrame:
    """Return a sets table from ``(day, exercise_id, sets, load_kg, reps[, kind])`` rows."""
    records = [
        {
            "client": "ana",
            "performed_at": pd.Timestamp(f"{day} 18:00"),
            "session_id": day,
            "exercise_id": exercise_id,
            "set_kind": kind[0] if kind else "working",
            "load_kg": float(load),
            "weight_kg": float(load),
            "reps": reps,
        }
        for day, exercise_id, n, load, reps, *kind in rows
        for _ in range(n)
    ]
    sets = pd.DataFrame(records)
    sets["line"] = range(2, len(sets) + 2)
    return sets.astype({"client": "str", "exercise_id": "str"})


def weekly_of(sets: pd.DataFrame, through: str | None = None) -> pd.DataFrame:
    end = pd.Timestamp(through).date() if through else None
    return weekly_volume(sets, CATALOGUE, through=end)


def test_back_sets_per_week_counts_each_set_once_and_zero_weeks():
    sets = make_sets(
        ("2026-12-21", "barbell_deadlift", 2, 100, 5),  # 2 × 1, not 2 × 2.5
        ("2026-12-21", "barbell_deadlift", 1, 60, 5, "warmup"),
        ("2026-12-21", "barbell_curl", 1, 20, 10),  # 0
        ("2027-01-04", "seated_cable_row_wide", 3, 40, 12),  # 3 × 1
    )
    table = back_sets_per_week(sets, CATALOGUE)
    assert table["back_sets"].tolist() == [2.0, 0.0, 3.0]
    assert table["week"].tolist() == ["2026-W52", "2026-W53", "2027-W01"]


def shares_sets():
    # W52: 4 pulldowns -> lats 4, rhomboids 2 (of 6). W53: 2 wide rows -> lats 1, traps 1,
    # rhomboids 2 (of 4). 2027-W01: nothing.
    return make_sets(
        ("2026-12-21", "lat_pulldown_chest", 4, 50, 10),
        ("2027-01-03", "seated_cable_row_wide", 2, 40, 12),
    )


def share(table, week, group):
    return table.loc[(table["week"] == week) & (table["group"] == group), "share"].item()


def test_back_shares_week_by_week():
    table = back_shares(weekly_of(shares_sets(), "2027-01-10"))
    assert list(table.columns) == ["client", "week", "group", "fractional_sets", "share"]
    assert table["group"].tolist()[:4] == ["lats", "traps", "rhomboids", "lower_back"]
    assert share(table, "2026-W52", "lats") == pytest.approx(4 / 6)
    assert share(table, "2026-W52", "traps") == 0.0
    assert share(table, "2026-W53", "rhomboids") == pytest.approx(0.5)
    assert np.isnan(share(table, "2027-W01", "lats"))  # no back sets: no shares


def test_back_shares_rolling_four_weeks():
    table = back_shares(weekly_of(shares_sets(), "2027-01-10"), window=4)
    # W53 window (W52 + W53): lats 5, traps 1, rhomboids 4, lower back 0 of 10.
    assert share(table, "2026-W52", "lats") == pytest.approx(4 / 6)  # first week: itself
    assert share(table, "2026-W53", "lats") == pytest.approx(0.5)
    assert share(table, "2026-W53", "traps") == pytest.approx(0.1)
    assert share(table, "2027-W01", "rhomboids") == pytest.approx(0.4)  # W01 adds nothing
    rows = table.loc[table["week"] == "2027-W01"]
    assert rows["fractional_sets"].tolist() == [5.0, 1.0, 4.0, 0.0]


def test_vertical_and_horizontal_pulling_sets():
    sets = make_sets(
        ("2026-12-21", "lat_pulldown_chest", 1, 30, 10, "warmup"),
        ("2026-12-21", "lat_pulldown_chest", 4, 50, 10),
        ("2026-12-21", "pull_up", 1, 60, 8),
        ("2026-12-21", "one_arm_dumbbell_row", 2, 20, 10),
        ("2026-12-21", "face_pull", 3, 15, 15),  # rear delt pattern: neither
        ("2026-12-21", "straight_arm_pulldown", 2, 20, 12),  # neither
        ("2027-01-04", "seated_cable_row_close", 3, 50, 10),
    )
    table = pulling_sets(sets, CATALOGUE)
    assert table[["week", "vertical_sets", "horizontal_sets"]].values.tolist() == [
        ["2026-W52", 5, 2],
        ["2026-W53", 0, 0],
        ["2027-W01", 0, 3],
    ]
    assert table["vertical_share"].iloc[0] == pytest.approx(5 / 7)
    assert np.isnan(table["vertical_share"].iloc[1])


def test_close_and_wide_grip_cable_rows():
    sets = make_sets(
        ("2026-12-28", "seated_cable_row_close", 3, 50, 10),
        ("2026-12-28", "seated_cable_row_wide", 2, 40, 12),
        ("2027-01-03", "seated_cable_row_wide", 1, 40, 12),
        ("2027-01-03", "seated_row_machine", 3, 60, 10),  # machine, not cable
        ("2027-01-03", "cable_row_single_arm", 3, 25, 10),  # one arm: not the seed's row
        ("2027-01-03", "face_pull", 3, 15, 15),
    )
    table = cable_row_grips(sets, CATALOGUE)
    assert table.to_dict("records") == [
        {"client": "ana", "week": "2026-W53", "close_sets": 3, "wide_sets": 3}
    ]


def test_training_days_matrix_for_a_heatmap():
    sets = make_sets(
        ("2026-12-21", "barbell_deadlift", 2, 100, 5),
        ("2026-12-28", "lat_pulldown_chest", 1, 50, 10),
        ("2027-01-03", "pull_up", 1, 60, 8),
    )
    matrix = training_days_matrix(weekly_of(sets))
    assert list(matrix.columns) == ["2026-W52", "2026-W53"]
    assert matrix.loc["ana"].index.tolist() == list(GROUPS)
    assert matrix.loc[("ana", "lats")].tolist() == [1, 2]  # 28 Dec and 3 Jan: one week
    assert matrix.loc[("ana", "lower_back")].tolist() == [1, 0]
    back = training_days_matrix(weekly_of(sets), groups=("lats", "rhomboids"))
    assert back.shape == (2, 2)


def test_seed_lifts_map_to_fixture_exercises():
    lifts = lift_exercises(CATALOGUE).groupby("lift")["exercise_id"].apply(list).to_dict()
    assert lifts == {
        "deadlift": ["barbell_deadlift"],
        "dumbbell_row": ["one_arm_dumbbell_row", "dumbbell_row"],
        "lat_pulldown": ["lat_pulldown_chest", "lat_pulldown_behind_neck"],
        "pull_up": ["pull_up", "chin_up", "assisted_pull_up"],
        "seated_cable_row": ["seated_cable_row_close", "seated_cable_row_wide"],
    }


def test_seed_lifts_map_to_the_shipped_catalogue():
    path = checkout.DATA_DIR / "catalogue.csv"
    if not path.is_file():
        pytest.skip("no shipped catalogue")
    lifts = lift_exercises(load_catalogue(path))
    by_lift = lifts.groupby("lift")["exercise_id"].apply(set)
    assert set(by_lift.index) == set(SEED_LIFTS)
    assert by_lift["deadlift"] == {"barbell_deadlift"}
    assert {"pull_up", "chin_up"} <= by_lift["pull_up"]
    assert {"seated_cable_row_close", "seated_cable_row_wide"} <= by_lift["seated_cable_row"]
    assert "lat_pulldown_chest" in by_lift["lat_pulldown"]
    assert not lifts["exercise_id"].str.contains("romanian|face_pull|straight|shrug").any()


def test_estimated_1rm_per_week_from_the_best_set():
    sets = make_sets(
        ("2026-12-28", "barbell_deadlift", 1, 140, 1, "warmup"),  # warm-ups never count
        ("2026-12-28", "barbell_deadlift", 3, 100, 5),  # 100 × (1 + 5/30) = 116.7
        ("2027-01-03", "barbell_deadlift", 1, 110, 3),  # 110 × 1.1 = 121 (still W53)
        ("2027-01-03", "barbell_deadlift", 1, 100, 13),  # 143.3, but over 12 reps
        ("2027-01-03", "assisted_pull_up", 2, 40, 6),  # bodyweight 60 - 20: 40 × 1.2 = 48
        ("2027-01-03", "chin_up", 1, 60, 9),  # 60 × 1.3 = 78
        ("2027-01-04", "seated_cable_row_wide", 1, 40, 12),  # 40 × 1.4 = 56
        ("2027-01-04", "pull_up", 1, 0, 8),  # no load known: left out
    )
    table = estimated_1rm(sets, CATALOGUE)
    assert table[["week", "lift", "exercise_id", "load_kg", "reps", "e1rm_kg"]].values.tolist() == [
        ["2026-W53", "deadlift", "barbell_deadlift", 110.0, 3, 121.0],
        ["2026-W53", "pull_up", "chin_up", 60.0, 9, 78.0],
        ["2027-W01", "seated_cable_row", "seated_cable_row_wide", 40.0, 12, 56.0],
    ]
    assert estimated_1rm(sets, CATALOGUE, max_reps=13)["e1rm_kg"].max() == pytest.approx(143.3)
    assert epley(100, 30) == 200
