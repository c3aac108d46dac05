"""FitNotes: both headers, Comment, unquoted commas in names, derived set numbers."""

from __future__ import annotations

from support import EXPORTS, balanced, read, write

from backday_analysis.importers.detect import read_export
from backday_analysis.importers.rows import ImportContext

COLUMNS = ["performed_at", "exercise", "set_number", "weight", "unit", "reps", "notes", "line"]


def rows(parsed) -> list[tuple]:
    return [tuple(r) for r in parsed.sets.loc[:, COLUMNS].itertuples(index=False)]


def test_pounds_header_and_names_with_unquoted_commas_are_recovered():
    parsed = read("fitnotes_lbs.csv", unit=None)
    assert balanced(parsed) and parsed.dialect == "weight-lbs"
    assert rows(parsed) == [
        ("2026-06-01 00:00:00", "Conventional Deadlift", "1", "225", "lb", "5", "", 2),
        ("2026-06-01 00:00:00", "Conventional Deadlift", "2", "225", "lb", "5", "", 3),
        ("2026-06-01 00:00:00", "Row, Seated Cable, Wide Grip", "1", "100", "lb", "12", "", 4),
        ("2026-06-01 00:00:00", "Row, Seated Cable, Wide Grip", "2", "100", "lb", "10", "", 5),
        ("2026-06-03 00:00:00", "Curl, EZ Bar", "1", "50", "lb", "10", "", 7),
    ]
    assert parsed.non_sets["line"].tolist() == [6]
    # "Arms" is no category of this file or of FitNotes: the row cannot be recovered safely.
    assert parsed.rejected.to_dict("records") == [
        {
            "line": 8,
            "reason": "the row has 9 fields where the header has 8 and the row could "
            "not be recovered",
        }
    ]
    assert set(parsed.sets["set_kind"]) == {"working"}


def test_unit_column_mixed_units_comment_and_non_sets():
    parsed = read("fitnotes_units_comment.csv", unit=None)
    assert balanced(parsed) and parsed.dialect == "weight-unit+comment"
    assert rows(parsed) == [
        ("2026-12-31 00:00:00", "Lat Pulldown (Cable)", "1", "50", "kg", "10", "", 2),
        (
            "2026-12-31 00:00:00",
            "Lat Pulldown (Cable)",
            "2",
            "110",
            "lb",
            "8",
            "switched machine",
            3,
        ),
        ("2027-01-02 00:00:00", "Shrug (Dumbbell)", "1", "25", "kg", "12", "", 6),
    ]
    assert parsed.non_sets.to_dict("records") == [
        {"line": 4, "reason": "no reps: a timed or distance entry (cardio or a hold), not a set"},
        {"line": 5, "reason": "0 reps: nothing lifted, not a set"},
    ]
    assert parsed.stated_unit == "kg"


def test_a_comma_in_a_comment_inside_quotes_is_fine(tmp_path):
    text = (EXPORTS / "fitnotes_units_comment.csv").read_text(encoding="utf-8")
    text = text.replace('"switched machine"', '"switched, then switched back"')
    parsed = read_export(write(tmp_path, "f.csv", text), ImportContext("x", None, "UTC"))
    assert parsed.sets.loc[1, "notes"] == "switched, then switched back"
    assert parsed.rejected.empty


def test_old_header_with_comment_and_kilograms(tmp_path):
    text = (
        "Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time,Comment\n"
        '2026-02-02,Barbell Shrug,Back,80.0,10,,,,""\n'
        '2026-02-02,Barbell Shrug,Back,80.0,10,,,,""\n'
    )
    parsed = read_export(write(tmp_path, "f.csv", text), ImportContext("x", None, "UTC"))
    assert parsed.dialect == "weight-kgs+comment"
    assert parsed.sets["set_number"].tolist() == ["1", "2"]
    assert set(parsed.sets["unit"]) == {"kg"}
