"""The pieces every flag shares: numbers and ordinals in reasons, week numbering, streaks."""

from __future__ import annotations

import re

import pandas as pd

from backday_analysis.metrics.flag_table import (
    FLAG_COLUMNS,
    be,
    empty_flags,
    flag_table,
    in_a_row,
    num,
    run_lengths,
    week_ordinal,
    week_sets,
)


def ordinal(n: int) -> str:
    found = re.search(r"(\d+)(st|nd|rd|th) week", in_a_row(n))
    return found[1] + found[2]


def test_numbers_to_one_decimal_without_trailing_zeros():
    assert [num(v) for v in (12.54, 10.0, 2.25, 0.0, 104.96)] == ["12.5", "10", "2.2", "0", "105"]


def test_ordinals_of_a_streak_and_none_for_one_week():
    assert in_a_row(1) == "" and in_a_row(0) == ""
    found = [ordinal(n) for n in (2, 3, 4, 10, 11, 12, 13, 20, 21, 22, 23, 101, 111, 112, 121)]
    expected = "2nd 3rd 4th 10th 11th 12th 13th 20th 21st 22nd 23rd 101st 111th 112th 121st"
    assert found == expected.split()


def test_group_names_take_a_plural_or_singular_verb():
    assert be("lats") == "Lats were" and be("rhomboids") == "Rhomboids were"
    assert be("traps") == "Trapezius was" and be("lower_back", ("have", "has")) == "Lower back has"
    assert be("biceps", ("have", "has")) == "Biceps have"


def test_week_numbers_run_on_across_years():
    weeks = pd.Series(["1970-W02", "2025-W52", "2026-W01", "2026-W53", "2027-W01"])
    # 1970-W02 starts on Mon 5 Jan 1970: week 0.
    ordinals = week_ordinal(weeks).tolist()
    assert ordinals[0] == 0
    assert ordinals[2] - ordinals[1] == 1 and ordinals[4] - ordinals[3] == 1
    assert ordinals[3] - ordinals[2] == 52  # 2026 has 53 weeks


def test_runs_count_consecutive_weeks_per_client_and_group():
    frame = pd.DataFrame(
        {
            "client": ["a", "a", "a", "a", "b", "a"],
            "group": ["lats"] * 5 + ["traps"],
            "week": ["2026-W51", "2026-W52", "2026-W53", "2027-W02", "2026-W53", "2026-W53"],
        }
    )
    hit = pd.Series([True, True, True, True, True, True])
    # a/lats: W51-W53 run 1, 2, 3; W02 after a missing W01: 1. b and a/traps: 1.
    assert run_lengths(frame, hit).tolist() == [1, 2, 3, 1, 1, 1]
    hit = pd.Series([True, False, True, True, True, False])
    assert run_lengths(frame, hit).tolist() == [1, 0, 1, 1, 1, 0]


def test_week_sets_run_from_monday_0_00_to_before_next_monday():
    when = ["2026-12-27 23:59", "2026-12-28 00:00", "2027-01-03 23:59", "2027-01-04 00:00"]
    sets = pd.DataFrame({"performed_at": pd.to_datetime(when), "n": [1, 2, 3, 4]})
    assert week_sets(sets, "2026-W53")["n"].tolist() == [2, 3]
    assert week_sets(sets, "2026-W53", weeks_before=1)["n"].tolist() == [1, 2, 3]


def test_flag_table_has_one_row_per_raised_flag():
    rows = pd.DataFrame({"client": ["a", "b"], "group": ["lats", "traps"], "run": [1, 4]})
    table = flag_table(rows, "2026-W53", "x", ["one", "two"], ["1", "2"], "run", group=None)
    # Severity and its why are left for the severity table.
    assert table.values.tolist() == [
        ["a", "2026-W53", "x", "lats", "", "one", 1, "1", ""],
        ["b", "2026-W53", "x", "traps", "", "two", 4, "2", ""],
    ]
    same = flag_table(rows, "2026-W53", "x", ["one", "two"], ["1", "2"], 3)
    assert same["group"].tolist() == ["", ""] and same["weeks"].tolist() == [3, 3]
    assert empty_flags().empty and tuple(empty_flags().columns) == FLAG_COLUMNS


def test_a_new_group_of_the_same_client_starts_a_new_run():
    frame = pd.DataFrame(
        {"client": ["a", "a"], "group": ["lats", "traps"], "week": ["2026-W52", "2026-W53"]}
    )
    assert run_lengths(frame, pd.Series([True, True])).tolist() == [1, 1]


def test_runs_count_up_per_client_and_group_and_break_at_a_gap():
    frame = pd.DataFrame(
        {
            "client": ["ana"] * 4 + ["bo"] * 4,
            "group": ["lats", "lats", "traps", "traps"] * 2,
            "week": ["2026-W52", "2026-W53", "2026-W52", "2026-W53"] * 2,
        }
    )
    # Every row meets the condition but bo's traps in W52: his traps' run starts in W53.
    condition = pd.Series([True] * 6 + [False, True])
    assert run_lengths(frame, condition).tolist() == [1, 2, 1, 2, 1, 2, 0, 1]
    gap = frame.assign(week=["2026-W51", "2026-W53"] * 4)  # W52 missing: no run
    assert run_lengths(gap, pd.Series([True] * 8)).tolist() == [1, 1] * 4
