"""Fitbod: UTC to the client's local time, warm-ups, weight noise, leading spaces."""

from __future__ import annotations

import datetime as dt

from support import balanced, read

from backday_analysis.metrics.weeks import week_label


def test_utc_late_sunday_is_monday_morning_in_amsterdam_and_a_new_iso_week():
    parsed = read("fitbod.csv", timezone="Europe/Amsterdam")
    assert balanced(parsed)
    first = parsed.sets.iloc[0]["performed_at"]
    assert first == "2027-01-04 00:30:00"
    monday = dt.date(2027, 1, 4)
    assert week_label(monday) == "2027-W01"
    assert week_label(dt.date(2027, 1, 3)) == "2026-W53"
    assert parsed.sets.iloc[-1]["performed_at"] == "2026-12-29 07:10:00"


def test_another_time_zone_keeps_the_utc_sunday():
    parsed = read("fitbod.csv", timezone="America/New_York")
    assert parsed.sets.iloc[0]["performed_at"] == "2027-01-03 18:30:00"


def test_weights_snap_to_plates_warmups_and_numbering():
    parsed = read("fitbod.csv")
    got = parsed.sets.loc[:, ["exercise", "set_number", "set_kind", "weight", "unit", "reps"]]
    assert [tuple(r) for r in got.itertuples(index=False)] == [
        ("Wide Grip Lat Pulldown", "1", "warmup", "45", "lb", "12"),
        ("Wide Grip Lat Pulldown", "2", "working", "90", "lb", "10"),
        ("Wide Grip Lat Pulldown", "3", "working", "90", "lb", "10"),
        ("Dumbbell Shrug", "1", "working", "30", "lb", "12"),
        ("Deadlift", "1", "working", "100", "kg", "5"),
        ("Deadlift", "2", "working", "102.35", "kg", "5"),
    ]
    assert parsed.non_sets.to_dict("records") == [
        {"line": 6, "reason": "no reps: a timed or distance entry (cardio or a hold), not a set"}
    ]
    assert parsed.stated_unit == "kg" and parsed.dialect == "utc"
