"""Workouts from Hevy's API as log rows, in-process, worked out by hand.

Ana's times are UTC in the API; she lives in Berlin (UTC+1 in November).
"""

from __future__ import annotations

import pandas as pd

from backday_analysis.importers.hevy_workouts import local_starts, workout_rows
from backday_analysis.importers.rows import ImportContext

NAMES = {"T2": "Seated Row (Cable)", "T9": "Bicep Curl (Dumbbell)", "T7": "E" * 70}
PULL_DAY = {
    "id": "w1",
    "title": "Pull day",
    "start_time": "2026-11-17T17:30:00Z",
    "exercises": [
        # Listed second but index 0 in the workout; a custom exercise without a template.
        {
            "index": 1,
            "title": "Remo",
            "exercise_template_id": "T2",
            "sets": [
                {"index": 1, "type": "normal", "weight_kg": -0.0, "reps": 10},
                {"index": 0, "type": "normal", "weight_kg": 61.23496, "reps": 8},
            ],
        },
        {
            "index": 0,
            "title": "Dominadas",
            "exercise_template_id": "",
            "sets": [{"index": 0, "type": "normal", "weight_kg": None, "reps": 6}],
        },
    ],
}
NO_ID = {
    "id": "",
    "title": "No id",
    "start_time": "2026-11-18T10:00:00Z",
    "exercises": [
        {"index": 0, "title": "Curl", "exercise_template_id": "T9", "sets": [{"index": 0}]}
    ],
}
LONG = {
    "id": "w3",
    "title": "T" * 70,
    "start_time": "2026-11-19T10:00:00Z",
    "exercises": [
        {
            "index": 0,
            "title": "x",
            "exercise_template_id": "T7",
            "sets": [{"index": 2, "type": "normal", "weight_kg": 10, "reps": 10}],
        }
    ],
}


def rows(*workouts):
    def name_of(template: str, title: str) -> str:
        return NAMES[template]  # a KeyError for a title without a template: it must not ask

    return workout_rows(list(workouts), ImportContext("ana", "kg", "Europe/Berlin"), name_of, "API")


def test_sets_in_the_workouts_order_numbered_from_one_in_their_unit():
    sets = rows(PULL_DAY).parsed.sets
    assert sets["exercise"].tolist() == ["Dominadas", "Seated Row (Cable)", "Seated Row (Cable)"]
    assert sets["set_number"].tolist() == ["1", "1", "2"]
    # 61.23496 kg is 135 lb entered in pounds; -0.0 kg is a set without weight, 0 kg.
    assert sets["weight"].tolist() == ["", "135", "0"]
    assert sets["unit"].tolist() == ["kg", "lb", "kg"]
    assert sets["reps"].tolist() == ["6", "8", "10"]
    assert sets["performed_at"].unique().tolist() == ["2026-11-17 18:30:00"]
    assert sets["session_id"].unique().tolist() == ["hevy-w1"]


def test_a_workout_without_an_id_is_rejected_with_the_reason_and_not_listed():
    batch = rows(PULL_DAY, NO_ID)
    assert batch.parsed.rejected.values.tolist() == [[4, "the workout has no id"]]
    assert batch.workouts["workout_id"].tolist() == ["w1"]
    assert batch.parsed.rows_read == 4


def test_a_line_is_described_by_its_workout_day_exercise_and_set_in_60_characters():
    where = rows(PULL_DAY, LONG).where
    assert where[1] == "workout 'Pull day' of 2026-11-17, Dominadas set index 0"
    assert where[4] == f"workout '{'T' * 60}' of 2026-11-19, {'E' * 60} set index 2"


def test_starts_from_1900_up_to_2200_are_read_to_the_minute():
    text = pd.Series(
        [
            "1899-12-31T23:59:00Z",
            "1900-01-01T00:00:00Z",
            "2199-12-31T23:59:30Z",
            "2200-01-01T00:00:00Z",
            "yesterday",
        ]
    )
    starts = local_starts(text, "UTC")
    assert starts.isna().tolist() == [True, False, False, True, True]
    assert str(starts[2]) == "2199-12-31 23:59:00"


def test_float_noise_past_the_sixth_decimal_is_not_part_of_a_number():
    noisy = {
        "id": "w4",
        "title": "Noise",
        "start_time": "2026-11-20T10:00:00Z",
        "exercises": [
            {
                "index": 0,
                "title": "x",
                "exercise_template_id": "T2",
                "sets": [
                    {"index": 0, "type": "normal", "weight_kg": 20.0000004, "reps": 8.0000004}
                ],
            }
        ],
    }
    sets = rows(noisy).parsed.sets
    assert sets[["weight", "unit", "reps"]].values.tolist() == [["20", "kg", "8"]]
