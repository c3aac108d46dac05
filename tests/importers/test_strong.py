"""Strong: every dialect, set orders, units, decimal commas and pseudo-rows."""

from __future__ import annotations

import pandas as pd
import pytest
from support import EXPORTS, balanced, read, write

from backday_analysis.errors import BackdayError
from backday_analysis.importers.cells import snap_kg
from backday_analysis.importers.detect import read_export
from backday_analysis.importers.rows import ImportContext

COLUMNS = ["exercise", "set_number", "set_kind", "weight", "unit", "reps", "rpe", "line"]


def rows(parsed) -> list[tuple]:
    return [tuple(r) for r in parsed.sets.loc[:, COLUMNS].itertuples(index=False)]


def test_comma12_set_orders_units_and_cardio():
    parsed = read("strong_comma12.csv", unit="kg")
    assert balanced(parsed)
    assert (parsed.rows_read, len(parsed.sets), len(parsed.non_sets)) == (12, 11, 1)
    assert rows(parsed)[:6] == [
        ("Deadlift (Barbell)", "1", "warmup", "60", "kg", "5", "", 2),
        ("Deadlift (Barbell)", "2", "warmup", "60", "kg", "5", "", 3),
        ("Deadlift (Barbell)", "1", "working", "100", "kg", "5", "8", 4),
        ("Deadlift (Barbell)", "2", "working", "100", "kg", "5", "8.5", 5),
        ("Pull Up", "1", "working", "0", "kg", "8", "", 6),
        ("Pull Up", "2", "failure", "0", "kg", "6", "", 7),
    ]
    assert rows(parsed)[8][:3] == ("Lat Pulldown (Cable)", "3", "drop")
    assert parsed.non_sets.to_dict("records") == [
        {"line": 8, "reason": "no reps: a timed or distance entry (cardio or a hold), not a set"}
    ]
    first = parsed.sets.iloc[0]
    assert (first["performed_at"], first["source"]) == ("2026-12-28 18:05:00", "strong")
    assert first["session_id"] == "strong-20261228-180500"
    assert parsed.sets.iloc[5]["notes"] == "to failure"


def test_comma12_takes_the_unit_it_is_given():
    assert set(read("strong_comma12.csv", unit="lb").sets["unit"]) == {"lb"}


def test_unitless_dialect_without_a_unit_asks_for_one():
    with pytest.raises(BackdayError, match="--unit kg or --unit lb"):
        read("strong_comma12.csv", unit=None)


def test_legacy_10_columns():
    parsed = read("strong_legacy10.csv", unit="lb")
    assert rows(parsed) == [
        ("Pull Up (Assisted)", "1", "working", "40", "lb", "8", "", 2),
        ("Pull Up (Assisted)", "2", "working", "40", "lb", "7", "", 3),
        ("Bicep Curl (Barbell)", "1", "working", "45", "lb", "10", "", 4),
    ]
    assert parsed.non_sets["line"].tolist() == [5]


def test_semicolon_decimal_commas_mixed_units_and_blank_unit_cells():
    parsed = read("strong_semicolon.csv", unit="kg")
    assert balanced(parsed) and parsed.stated_unit == "kg"
    assert rows(parsed) == [
        ("Seated Cable Row - Bar Wide Grip", "1", "working", "42.5", "kg", "10", "7.5", 2),
        ("Seated Cable Row - Bar Wide Grip", "2", "working", "42.5", "kg", "10", "8", 3),
        ("Shrug (Dumbbell)", "1", "working", "12.5", "kg", "12", "", 4),
        ("Pull Up", "1", "working", "", "kg", "6", "", 5),
        ("Deadlift (Barbell)", "1", "working", "225", "lb", "5", "", 6),
    ]


def test_semicolon_blank_unit_with_mixed_units_and_no_fallback_is_rejected():
    parsed = read("strong_semicolon.csv", unit=None)
    assert parsed.rejected.to_dict("records") == [
        {
            "line": 4,
            "reason": "the weight has no unit (the file mixes kg and lb, and no --unit was given)",
        }
    ]
    assert len(parsed.sets) == 4 and balanced(parsed)


def test_semicolon_blank_unit_takes_the_files_only_unit(tmp_path):
    text = (EXPORTS / "strong_semicolon.csv").read_text(encoding="utf-8-sig")
    text = text.replace("225;lbs;", "100;kg;")
    parsed = read_export(write(tmp_path, "s.csv", text), ImportContext("x", "lb", "UTC"))
    assert parsed.sets.loc[2, ["weight", "unit"]].tolist() == ["12.5", "kg"]


def test_quoted_dialect_rest_timers_notes_and_converted_pounds():
    parsed = read("strong_quoted.csv", unit=None)
    assert balanced(parsed) and parsed.dialect == "quoted-workout-no"
    assert rows(parsed) == [
        ("Lat Pulldown (Cable)", "1", "working", "135", "lb", "10", "", 2),
        ("Lat Pulldown (Cable)", "2", "working", "135", "lb", "9", "", 4),
        ("Shrug (Dumbbell)", "1", "working", "22.5", "kg", "12", "", 7),
    ]
    assert parsed.non_sets.to_dict("records") == [
        {"line": 3, "reason": "a Strong rest-timer row, not a set"},
        {"line": 5, "reason": "a Strong rest-timer row, not a set"},
        {"line": 6, "reason": "a Strong note row, not a set"},
        {"line": 8, "reason": "no reps: a timed or distance entry (cardio or a hold), not a set"},
    ]


def test_2016_dialect_numbers_sets_from_one_and_is_kg():
    parsed = read("strong_2016.csv", unit=None)
    assert rows(parsed) == [
        ("Deadlift (Barbell)", "1", "working", "80", "kg", "5", "", 2),
        ("Deadlift (Barbell)", "2", "working", "90", "kg", "5", "", 3),
    ]
    assert parsed.non_sets["line"].tolist() == [4]


def test_french_headers():
    parsed = read("strong_fr.csv", unit="kg")
    assert parsed.dialect == "comma-12-fr"
    assert rows(parsed)[0] == ("Tirage vertical (Câble)", "1", "working", "45", "kg", "10", "", 2)


def test_bad_cells_are_rejected_with_line_and_reason(tmp_path):
    text = (EXPORTS / "strong_legacy10.csv").read_text(encoding="utf-8")
    text = text.replace("Pull Up (Assisted),2,40,7", "Pull Up (Assisted),X,40,7")
    text = text.replace("Bicep Curl (Barbell),1,45,10", "Bicep Curl (Barbell),1,45kg,10")
    text += "2026-11-02 07:15:00,Pull day,Pull Up,1,0,7.5,0,0,,\n"
    text += "2026-11-02 07:15:00,Pull day,Pull Up,1,0\n"
    parsed = read_export(write(tmp_path, "s.csv", text), ImportContext("x", "kg", "UTC"))
    assert parsed.rejected.to_dict("records") == [
        {"line": 3, "reason": "Set Order 'X' is not a number, W, F or D"},
        {"line": 4, "reason": "the weight '45kg' is not a number"},
        {"line": 6, "reason": "reps '7.5' are not a whole number from 0"},
        {"line": 7, "reason": "the row has 5 fields where the header has 10"},
    ]
    assert balanced(parsed) and parsed.rows_read == 6


@pytest.mark.parametrize(
    ("kg", "weight", "unit"),
    [
        (61.23492, 135.0, "lb"),  # Strong's converted 135 lb
        (20.41168092460379, 45.0, "lb"),  # Fitbod's 45 lb
        (60.0, 60.0, "kg"),
        (22.5, 22.5, "kg"),
        (6.8, 6.8, "kg"),  # 15 lb is 6.804 kg: too far from 6.8 to be that
        (102.34567, 102.35, "kg"),
        (0.0, 0.0, "kg"),
        (100.00000000000001, 100.0, "kg"),
    ],
)
def test_snap_kg(kg, weight, unit):
    value, units = snap_kg(pd.Series([kg]))
    assert value.iloc[0] == pytest.approx(weight, abs=1e-9)
    assert units.iloc[0] == unit
