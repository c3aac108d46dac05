"""An import's summary: every row accounted for once, and the few lines a coach reads.

The assertions read the numbers, not the wording (which may change).
"""

from __future__ import annotations

import re

import checkout
import pandas as pd

from backday_analysis.datafolder.catalogue import load_catalogue
from backday_analysis.datafolder.import_summary import ImportSummary, describe_sets, format_summary
from backday_analysis.importers.names import name_index


def summary(**changes) -> ImportSummary:
    # 20 rows: 10 sets imported, 2 already in the log, 1 not a set, 7 rejected.
    base = dict(
        file="export.csv",
        format="strong",
        dialect="comma",
        rows_read=20,
        sets_imported=10,
        duplicates_skipped=2,
        non_set_rows=1,
        rejected=[{"line": n, "reason": f"bad {n}"} for n in range(2, 9)],
        unknown_exercises=[
            {"name": f"Odd {i}", "sets": 1, "working_sets": 1, "suggestions": []} for i in range(6)
        ],
        exercises=[{"name": "x", "working_sets": 18}, {"name": "y", "working_sets": 6}],
        first_date="2027-01-04",
        last_date="2027-01-10",
        non_set_reasons={"a timed entry": 1},
    )
    return ImportSummary(**{**base, **changes})


def numbers(line: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", line)]


def test_balanced_only_when_every_row_is_counted_once():
    assert summary().balanced  # 10 + 2 + 1 + 7 = 20
    assert not summary(rows_read=21).balanced
    assert not summary(rows_read=19).balanced


def test_the_lines_show_counts_and_cut_long_lists_at_five():
    lines = format_summary(summary()).splitlines()
    assert "2027-01-04 to 2027-01-10" in lines[0] and "dry run" not in lines[0]
    assert numbers(lines[1]) == [20, 10, 2, 1, 7]
    rejected = [line for line in lines if re.search(r"line \d+: bad", line)]
    assert [numbers(line)[0] for line in rejected] == [2, 3, 4, 5, 6]  # 5 of the 7 shown
    assert any(numbers(line) == [2] and "more" in line for line in lines)  # 7 - 5 more
    # 6 unknown names with 6 of 24 working sets: 25 %; five named, "1 more".
    [unknown] = [line for line in lines if "%" in line]
    assert numbers(unknown)[:2] == [6, 25]
    named = [line for line in lines if re.match(r"\s+Odd \d", line)]
    assert len(named) == 5
    assert any(numbers(line) == [1] and "more" in line for line in lines)


def test_short_lists_are_shown_whole_and_a_dry_run_says_so():
    short = summary(rejected=[{"line": 4, "reason": "bad 4"}] * 5, unknown_exercises=[])
    short.dry_run = True
    lines = format_summary(short).splitlines()
    assert "dry run" in lines[0]
    assert sum("bad 4" in line for line in lines) == 5
    assert not any("more" in line for line in lines)
    assert not any("%" in line for line in lines)


def test_no_dates_no_dry_run_and_exactly_five_unknown_names():
    five = [
        {"name": f"Odd {i}", "sets": 1, "working_sets": 1, "suggestions": []} for i in range(4)
    ] + [{"name": "Pullup", "sets": 2, "working_sets": 2, "suggestions": ["Pull-up", "Chin-up"]}]
    lines = format_summary(
        summary(first_date=None, unknown_exercises=five, rejected=[])
    ).splitlines()
    assert lines[0].endswith("(comma)")  # no date span, not a dry run
    named = [line for line in lines if re.match(r"\s+(Odd \d|Pullup)", line)]
    assert len(named) == 5 and not any("more" in line for line in lines)
    assert named[0].rstrip().endswith("sets)")  # no suggestions, no hint
    assert "Pull-up" in named[4] and "Chin-up" in named[4]


def rule_read(name: str, rule: str, **back) -> dict:
    """Return an exercise entry read by a rule, crediting the back groups given (others 0)."""
    credits = {g: 0.0 for g in ("lats", "traps", "rhomboids", "lower_back", "biceps")}
    return {
        "name": name,
        "resolved_by": f"rule:{rule}",
        "working_sets": 3,
        "credits": {**credits, **back},
    }


def test_back_names_read_by_a_rule_are_named_with_their_rule():
    exercises = [
        rule_read("Pull Down Wide", "pulldown", lats=1.0, rhomboids=0.5),
        rule_read("Rows Cable", "row", rhomboids=1.0),
        rule_read("Shrugs DB", "shrug", traps=1.0),
        rule_read("Hypers", "back_extension", lower_back=1.0),
        rule_read("Chins", "pull_up", lats=0.5),
        rule_read("Curls EZ", "curl", biceps=1.0),  # read by a rule, but no back credit
        {"name": "Deadlift", "resolved_by": "catalogue", "working_sets": 3,
         "credits": {"lower_back": 1.0}},
    ]  # fmt: skip
    line = format_summary(summary(exercises=exercises, unknown_exercises=[])).splitlines()[-1]
    assert line == (
        "  5 back exercise names read by a rule: Pull Down Wide (pulldown), Rows Cable (row), "
        "Shrugs DB (shrug), Hypers (back_extension), Chins (pull_up); an alias in aliases.csv "
        "overrides a rule"
    )
    seven = [*exercises[:5], rule_read("Face Pulls", "rear_delt", rhomboids=1.0)]
    seven += [rule_read("Good Mornings", "hinge", lower_back=1.0)]
    line = format_summary(summary(exercises=seven, unknown_exercises=[])).splitlines()[-1]
    assert line.startswith("  7 back exercise names read by a rule: Pull Down Wide (pulldown), ")
    assert "Chins (pull_up) and 2 more; an alias" in line


def test_a_row_the_name_cannot_place_is_said_in_words():
    rows = [rule_read("Zercher Row", "row_without_equipment", lats=1.0, rhomboids=1.0),
            rule_read("Rows Cable", "row", rhomboids=1.0)]  # fmt: skip
    line = format_summary(summary(exercises=rows, unknown_exercises=[])).splitlines()[-1]
    assert line == (
        "  Zercher Row: the name gives no equipment or stance, so it is read as a row that does "
        "not load the lower back; if it is a bent-over barbell row, map it to barbell_row in "
        "aliases.csv"
    )
    many = [rule_read(f"Row {n}", "row_without_equipment", lats=1.0) for n in "ABCDEFG"]
    line = format_summary(summary(exercises=many, unknown_exercises=[])).splitlines()[-1]
    assert line.startswith("  Row A, Row B, Row C, Row D, Row E and 2 more: the name gives no ")
    assert ", so each is read as a row" in line
    line = format_summary(summary(exercises=many[:5], unknown_exercises=[])).splitlines()[-1]
    assert line.startswith("  Row A, Row B, Row C, Row D, Row E: the name gives no ")
    assert not any("no equipment" in x for x in format_summary(
        summary(exercises=rows[1:], unknown_exercises=[])).splitlines())  # fmt: skip


def test_notes_cut_name_the_limit_with_a_thousands_comma():
    line = format_summary(summary(notes_cut=2)).splitlines()[-1]
    assert line == "  2 notes longer than 1,000 characters cut to their first 1,000"


def test_each_exercise_says_how_its_name_was_read():
    catalogue = load_catalogue(checkout.DATA_DIR / "catalogue.csv")
    typed = pd.DataFrame(
        {
            "exercise": ["Lat Pulldown (Cable)", "Blorp Zq", "Lat Pulldown (Cable)"],
            "set_kind": ["working", "working", "warmup"],
            "performed_at": pd.to_datetime(
                ["2027-01-05 09:00", "2027-01-05 09:10", "2027-01-04 08:00"]
            ),
        }
    )
    found = summary(exercises=[], unknown_exercises=[])
    describe_sets(found, typed, name_index(catalogue), catalogue)
    assert [
        (e["name"], e["resolved_by"], e["sets"], e["working_sets"]) for e in found.exercises
    ] == [
        ("Lat Pulldown (Cable)", "catalogue", 2, 1),
        ("Blorp Zq", "unknown", 1, 1),
    ]
    assert [e["name"] for e in found.unknown_exercises] == ["Blorp Zq"]
    assert (found.first_date, found.last_date) == ("2027-01-04", "2027-01-05")
