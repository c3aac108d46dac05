"""The pieces of next week's plan, worked out by hand: days, sets to move, session lines.

``tests/test_advice.py`` follows the demo's clients through whole plans; here each piece
gets small cases whose answers can be read off a calendar. Days are weekdays, 0 = Monday.
"""

from __future__ import annotations

import pandas as pd
from shipped_rules import week

from backday_analysis.metrics.advice_days import (
    pick_days,
    sets_to_move,
    weekday,
    weekday_list,
)
from backday_analysis.metrics.advice_plan import (
    Step,
    empty_advice,
    line_parts,
    line_text,
    plan_lines,
)


def test_weekdays_in_words():
    assert [weekday(d) for d in (0, 3, 6)] == ["Monday", "Thursday", "Sunday"]
    assert weekday_list([4]) == "Friday"
    assert weekday_list([0, 2, 4], [" (a)", "", " (c)"]) == "Monday (a), Wednesday and Friday (c)"


def test_a_day_heading_says_what_the_day_was():
    w = week([0, 3], [0], lats=[0])
    assert [w.place(d) for d in (-1, 0, 3, 5)] == [
        "Whole week",
        "Monday (back work this week)",
        "Thursday (no back work this week)",
        "Saturday (an extra training day)",
    ]


def test_the_days_a_plan_adds_are_told_from_the_logged_ones():
    w = week([0, 3], [0], lats=[0])
    w.credit([3], ["lats", "traps"])
    assert w.added_days("lats") == {3}
    assert w.added_days("traps") == {3}
    assert w.added_days("rhomboids") == set()
    assert w.logged_days == {"lats": {0}}


def test_the_furthest_day_counts_round_the_week():
    # Lats on Monday; Thursday is 3 days away, Sunday only 1 (the day before Monday).
    w = week([0, 3, 6], [0, 3, 6], lats=[0])
    assert pick_days(w, "lats", 1) == [3]
    assert pick_days(w, "lats", 2) == [3, 6]


def test_a_day_without_back_work_first_then_the_furthest_then_the_earliest():
    # Lats on Wednesday. Monday and Friday are both 2 days away and have back work;
    # Saturday has none, so it comes first though it is 3 days away only on one side.
    w = week([0, 2, 4, 5], [0, 2, 4], lats=[2])
    assert pick_days(w, "lats", 1) == [5]
    assert pick_days(w, "lats", 2) == [0, 5]  # Monday before Friday: a tie, the earliest
    assert pick_days(w, "lats", 3) == [0, 4, 5]


def test_extra_days_are_as_far_as_can_be_from_the_others():
    # Lats on Monday, the only day trained. The first extra day: Thursday, 3 days from
    # Monday (Friday is 3 away too, round the week, but later). The second: Saturday, 2 from
    # Thursday and from Monday; every other day is next to one of them. The third: each day
    # left is 1 from another, so the earliest, Tuesday.
    w = week([0], [0], lats=[0])
    assert pick_days(w, "lats", 1) == [3]
    assert pick_days(w, "lats", 2) == [3, 5]
    assert pick_days(w, "lats", 3) == [1, 3, 5]
    assert pick_days(week([0], [0], lats=[0]), "lats", 7) == [1, 2, 3, 4, 5, 6]


def test_without_extra_days_the_groups_own_days_come_before_new_ones():
    w = week([0, 2], [0, 2], lats=[0, 2])
    assert pick_days(w, "lats", 1, extra=False) == [0]
    assert pick_days(w, "lats", 2, extra=False) == [0, 2]
    # Then an extra day: Friday, 2 days from Wednesday (and 3 from Monday, round the week);
    # Saturday is 2 from Monday too, but later.
    assert pick_days(w, "lats", 3, extra=False) == [0, 2, 4]
    assert pick_days(w, "lats", 1) == [4]


def test_without_extra_days_a_free_day_first_then_only_as_many_own_days_as_needed():
    # Trained Mon, Wed, Fri; lats on Wed and Fri. Monday is free; one own day makes two.
    w = week([0, 2, 4], [2, 4], lats=[2, 4])
    assert pick_days(w, "lats", 2, extra=False) == [0, 2]


def sets(*rows) -> pd.DataFrame:
    """Return working sets: (day of Nov 2026, exercise_id, reps) per row, an hour apart."""
    frame = pd.DataFrame(rows, columns=["day", "exercise_id", "reps"])
    at = pd.to_datetime("2026-11-" + frame["day"].astype(str)) + pd.to_timedelta(
        range(len(frame)), unit="h"
    )
    return frame.assign(performed_at=at).drop(columns="day")


CREDITS = pd.DataFrame(
    {"lats": [1.0, 1.0, 0.5, 1.0], "rhomboids": [0.5, 0.5, 1.0, 0.0]},
    index=["row", "pulldown", "face_pull", "barbell_deadlift"],
)
CATALOGUE = pd.DataFrame(
    {
        "exercise_id": list(CREDITS.index),
        "name": ["Row", "Pulldown", "Face pull", "Deadlift"],
        "pattern": ["horizontal_pull", "vertical_pull", "rear_delt", "hinge"],
        "equipment": ["cable", "cable", "cable", "barbell"],
    }
)


def test_half_the_sets_of_the_biggest_direct_exercise_move():
    # Mon 16 Nov: 5 rows of 8, 10, 12, 9, 11 reps and 3 pulldowns; Thu 19: 4 pulldowns.
    s = sets(*[(16, "row", r) for r in (8, 10, 12, 9, 11)], *[(16, "pulldown", 10)] * 3)
    s = pd.concat([s, sets(*[(19, "pulldown", 12)] * 4)], ignore_index=True)
    move = sets_to_move(s, "lats", {0, 3}, CREDITS, CATALOGUE)
    # 5 rows is the most: 2 move (5 // 2), the median of 8..12 reps is 10.
    assert (move.exercise_id, move.source, move.sets, move.total, move.reps) == (
        "row", 0, 2, 5, 10
    )  # fmt: skip
    # Only the group's days count: Thursday's 4 pulldowns of 12 reps, 2 of which move.
    move = sets_to_move(s, "lats", {3}, CREDITS, CATALOGUE)
    assert (move.exercise_id, move.source, move.sets, move.total, move.reps) == (
        "pulldown", 3, 2, 4, 12
    )  # fmt: skip


def test_a_tie_goes_to_the_exercise_done_first_and_median_reps_round_down():
    s = sets((16, "pulldown", 9), (16, "row", 8), (16, "pulldown", 10), (16, "row", 8))
    move = sets_to_move(s, "lats", {0}, CREDITS, CATALOGUE)
    assert (move.exercise_id, move.sets, move.total, move.reps) == ("pulldown", 1, 2, 9)


def test_no_move_for_one_set_a_deadlift_or_a_group_credited_a_half():
    assert sets_to_move(sets((16, "row", 8)), "lats", {0}, CREDITS, CATALOGUE) is None
    deadlifts = sets(*[(16, "barbell_deadlift", 5)] * 4)
    assert sets_to_move(deadlifts, "lats", {0}, CREDITS, CATALOGUE) is None
    rows = sets(*[(16, "row", 8)] * 4)  # rows credit the rhomboids 0.5
    assert sets_to_move(rows, "rhomboids", {0}, CREDITS, CATALOGUE) is None
    assert sets_to_move(rows, "lats", {1}, CREDITS, CATALOGUE) is None  # not on its days


def step(group, rule, action, item, why="", day=0, facts=()):
    return Step(group, rule, action, item, why, day, list(facts))


def test_a_session_line_orders_actions_and_names_groups_that_share_numbers():
    steps = [
        step("biceps", "biceps_pairing", "pair", "bicep curl 3 × 10–12", "curls after back"),
        step("lats", "twice_a_week", "add", "row 3 × 10–12", "twice a week",
             facts=[("Lats", "1 training day")]),
        step("lower_back", "deadlift_first", "first", "deadlift first", "deadlift first"),
        step("rhomboids", "twice_a_week", "add", "face pull 3 × 15", "twice a week",
             facts=[("Rhomboids", "1 training day"), ("Lats", "1 training day")]),
        step("traps", "twice_a_week", "add", "shrug 3 × 12", "twice a week",
             facts=[("Trapezius", "not trained")]),
    ]  # fmt: skip
    assert line_text("Monday (back work this week)", steps) == (
        "Monday (back work this week): Deadlift first; add row 3 × 10–12, face pull 3 × 15 "
        "and shrug 3 × 12; finish with bicep curl 3 × 10–12. Lats and rhomboids: 1 training "
        "day. Trapezius: not trained. Rules: curls after back; twice a week; deadlift first."
    )
    one = [step("lats", "twice_a_week", "add", "row 3 × 10–12", "twice a week")]
    assert line_text("", one) == "Add row 3 × 10–12. Rule: twice a week."
    assert line_text("", [step("", "x", "note", "keep the plan")]) == "Keep the plan."
    # Two steps of one rule say it once, under "Rule"; two rules, exactly, are "Rules".
    same = [*one, step("rhomboids", "twice_a_week", "add", "face pull 3 × 15", "twice a week")]
    assert line_text("", same) == "Add row 3 × 10–12 and face pull 3 × 15. Rule: twice a week."
    two = [*one, step("lower_back", "deadlift_first", "first", "deadlift first", "fresh")]
    assert line_text("", two) == ("Deadlift first; add row 3 × 10–12. Rules: twice a week; fresh.")


def test_one_exercise_added_twice_to_a_day_is_one_item_of_its_line():
    def adds(sets, reps="10–12", exercise="face_pull", group="rhomboids"):
        words = f"face pull (cable) {sets} × {reps}"
        return Step(group, "group_minimum", "add", words, "", 1, [], exercise, sets, reps)

    assert line_parts([adds(3), adds(2, group="rear_delts")])[0] == (
        "Add face pull (cable) 5 × 10–12."
    )
    # Other reps, or another exercise, stay apart.
    assert line_parts([adds(3), adds(2, "12–15")])[0] == (
        "Add face pull (cable) 3 × 10–12 and face pull (cable) 2 × 12–15."
    )
    # Steps that add no sets stay apart, even naming one exercise.
    first = [Step("lower_back", "deadlift_first", "first", words, "", 0, [], "barbell_deadlift")
             for words in ("deadlift first", "top set at most 2.5 kg above")]  # fmt: skip
    assert line_parts(first)[0] == "Deadlift first; top set at most 2.5 kg above."


def test_a_plan_has_a_line_per_day_whole_week_lines_first():
    steps = [
        step("lats", "twice_a_week", "add", "row 3 × 10", "twice a week", day=3),
        step("", "volume", "note", "add 2 sets of row", "enough sets", day=-1),
        step("traps", "twice_a_week", "add", "shrug 3 × 12", "twice a week", day=3),
        step("lower_back", "deadlift_first", "first", "deadlift first", "heavy first", day=0),
    ]
    rows = plan_lines("ana", steps, lambda d: f"day {d}")
    assert [(r[1], r[2], r[3], r[4]) for r in rows] == [
        (-1, "", "volume", "day -1"),
        (0, "lower_back", "deadlift_first", "day 0"),
        (3, "lats,traps", "twice_a_week", "day 3"),
    ]
    assert rows[2][5:] == (
        "Add row 3 × 10 and shrug 3 × 12.",
        "",
        "twice a week.",
        "day 3: Add row 3 × 10 and shrug 3 × 12. Rule: twice a week.",
    )
    # A line of its own (all well, no training) has no heading.
    [alone] = plan_lines("bo", [step("", "all_well", "note", "all is well", day=-1)], str)
    assert alone[4] == "" and alone[8] == "All is well."


def test_an_empty_plan_has_the_columns_and_types():
    table = empty_advice()
    assert list(table.columns) == [
        "client", "day", "group", "rule", "place", "plan", "facts", "why", "text"
    ]  # fmt: skip
    assert table.empty and str(table["day"].dtype) == "int64" and str(table["text"].dtype) == "str"
