"""Next week's steps for the back against the rest, worked out by hand from invented weeks.

Each week is a few working sets of 2026-W47 (Mon 16 to Sun 22 Nov 2026) with the shipped
catalogue and rule table: ``horizontal_pull`` lists the wide-grip seated cable row first,
3 × 10–12 a day; ``group_minimum`` gives 3 sets; ``start_group`` 3 sets. Days are weekdays,
0 = Monday; the default pull : push limit is 1 : 1.
"""

from __future__ import annotations

import math

import pandas as pd
from shipped_rules import CATALOGUE, CREDITS, MONDAY, RULES, edited, week

from backday_analysis.datafolder.settings import Settings
from backday_analysis.metrics.advice_body import band_steps, drop_steps, pull_push_steps
from backday_analysis.metrics.advice_plan import Step, line_parts

DEFAULTS = Settings()
H = "(rows and rear-delt work against bench presses, push-ups, flyes and dips)"


def logged(*sets) -> pd.DataFrame:
    """Return a week's working sets from (weekday, exercise_id, sets) triples, in that order."""
    rows = [
        {"performed_at": MONDAY + pd.Timedelta(days=day, hours=18, minutes=i), "exercise_id": e}
        for day, e, n in sets
        for i in range(n)
    ]
    return pd.DataFrame(rows, columns=["performed_at", "exercise_id"])


def add(exercise: str, sets: int, day: int = 2, action: str = "add") -> Step:
    """Return an earlier step of the plan adding ``sets`` of an exercise on ``day``."""
    return Step("", "twice_a_week", action, exercise, "", day, [], exercise, sets)


def pulls(week_sets, days, used=(), earlier=(), settings=DEFAULTS, rules=RULES, flagged=True):
    steps = pull_push_steps(flagged, week_sets, days, list(used), CREDITS, CATALOGUE, settings,
                            rules, list(earlier))  # fmt: skip
    return [(s.day, s.item, s.sets) for s in steps], steps


# ---------------------------------------------------------------- pulls to match the pushes


def test_a_plane_behind_gets_the_rules_row_on_each_day_of_its_pushes():
    # Horizontal 1 pull : 6 pushes (bench 4 on Monday, 2 on Thursday): 5 more pulls, over
    # 2 days, 3 a day (ceil 2.5, at most the row's 3). No vertical push: nothing there.
    sets = logged((0, "bench_press_barbell", 4), (0, "seated_cable_row_wide", 1),
                  (3, "bench_press_barbell", 2))  # fmt: skip
    days = week([0, 3], [0], rhomboids=[0])
    found, steps = pulls(sets, days)
    row = "seated cable row (wide grip) 3 × 10–12"  # the row's first, none of the client's own
    assert found == [(0, row, 3), (3, row, 3)]
    text = (f"horizontal 1 : 6 working sets this week {H}, 0.17 : 1, under 1 : 1; "
            "5 more pull sets make it 1 : 1")  # fmt: skip
    assert steps[0].facts == [("Pull : push", text)]
    assert (steps[0].rule, steps[0].action, steps[0].exercise_id) == (
        "horizontal_pull", "add", "seated_cable_row_wide"
    )  # fmt: skip
    # The wide row trains five groups (credit over 0) on both days; chest it does not.
    trained = ("rhomboids", "lats", "traps", "rear_delts", "forearms")
    assert days.group_days == {g: {0, 3} for g in trained}
    # Not flagged this week: no step, however far behind.
    assert pulls(sets, week([0, 3], [0]), flagged=False)[0] == []


def test_the_clients_own_listed_pull_comes_first_and_one_set_is_one_set():
    # Tuesday 2 face pulls (rear-delt work pulls too) : 3 bench presses: 0.67 : 1, 1 more.
    sets = logged((1, "bench_press_barbell", 3), (1, "face_pull", 2))
    # Her own pulls: the T-bar row (not listed), the face pull (listed 4th); the bench
    # press is no pull.
    used = ["bench_press_barbell", "t_bar_row", "face_pull"]
    found, steps = pulls(sets, week([1], [1]), used)
    assert found == [(1, "face pull (cable) 1 × 10–12", 1)]
    assert steps[0].facts[0][1] == (f"horizontal 2 : 3 working sets this week {H}, 0.67 : 1, "
                                    "under 1 : 1; 1 more pull set makes it 1 : 1")  # fmt: skip
    # Only an own pull that is not listed: it comes before the list.
    assert pulls(sets, week([1], [1]), ["t_bar_row"])[0] == [(1, "T-bar row 1 × 10–12", 1)]


def test_the_limit_the_rows_sets_and_its_reps_shape_the_step():
    # Half a pull per push: 1 : 3 is 0.33 : 1; 0.5 : 1 asks for 1.5 pulls, so 1 more set.
    sets = logged((2, "bench_press_barbell", 3), (2, "seated_cable_row_wide", 1))
    found, steps = pulls(sets, week([2], [2]), settings=Settings(pull_push_ratio=0.5))
    assert found == [(2, "seated cable row (wide grip) 1 × 10–12", 1)]
    assert (
        steps[0].facts[0][1].endswith("0.33 : 1, under 0.5 : 1; 1 more pull set makes it 0.5 : 1")
    )
    # 0 : 8 on one day: 8 more, but at most the row's 3 a day.
    eight = logged((2, "bench_press_barbell", 8))
    assert pulls(eight, week([2]))[0] == [(2, "seated cable row (wide grip) 3 × 10–12", 3)]
    # A row without sets or reps: all 8 on the day, counted in sets.
    bare = edited("horizontal_pull", sets=float("nan"), reps="")
    assert pulls(eight, week([2]), rules=bare)[0] == [(2, "seated cable row (wide grip) 8 sets", 8)]
    # 0 : 3 over Monday and Thursday: ceil 1.5 is 2 a day, under the row's 3.
    split = logged((0, "bench_press_barbell", 2), (3, "bench_press_barbell", 1))
    assert [n for _, _, n in pulls(split, week([0, 3]))[0]] == [2, 2]
    # No horizontal_pull row: no step.
    assert pulls(eight, week([2]), rules=edited("horizontal_pull", drop=True))[0] == []


def test_pulls_earlier_steps_add_count_first_and_other_steps_do_not():
    # 0 : 4 over Monday and Thursday: 4 missing. An earlier T-bar row adds 1 (a horizontal
    # pull); curls (added, but no pull) and a note naming a row (no sets added) count nothing.
    sets = logged((0, "bench_press_barbell", 2), (3, "bench_press_barbell", 2))
    t_bar, curls = add("t_bar_row", 1), add("bicep_curl_dumbbell", 3, action="pair")
    note = add("seated_cable_row_close", 5, day=-1, action="note")
    found, _ = pulls(sets, week([0, 3]), earlier=[t_bar, curls, note])
    # 3 left over 2 days: 2 a day.
    assert found == [(d, "seated cable row (wide grip) 2 × 10–12", 2) for d in (0, 3)]
    assert t_bar.facts == []
    # 2 sets of T-bar rows are all 0 : 2 needs: no step; the numbers join the rows' line.
    t_bar = add("t_bar_row", 2)
    assert pulls(logged((0, "bench_press_barbell", 2)), week([0]), earlier=[t_bar])[0] == []
    assert t_bar.facts == [("Pull : push", f"horizontal 0 : 2 working sets this week {H}, "
                            "0 : 1, under 1 : 1; 2 more pull sets make it 1 : 1")]  # fmt: skip


def test_a_plane_at_its_limit_needs_nothing_and_tells_no_earlier_step():
    t_bar = add("t_bar_row", 3)
    even = logged((0, "bench_press_barbell", 3), (0, "seated_cable_row_wide", 3))
    assert pulls(even, week([0], [0]), earlier=[t_bar])[0] == []
    # The limit has a billionth of slack for rounding: 1 : 1 reaches 1.000000001 : 1.
    slack = Settings(pull_push_ratio=1.000000001)
    assert pulls(even, week([0], [0]), earlier=[t_bar], settings=slack)[0] == []
    assert t_bar.facts == []


# -------------------------------------------------------------------- groups out of band


def bands(group, flag, frac, days, minimum=0.0, maximum=20.0, week_sets=None, used=(),
          earlier=(), rules=RULES, weeks=1, behind=()):  # fmt: skip
    """Return the steps for one group flagged ``flag`` for ``weeks``, from its row of the table."""
    flagged = pd.DataFrame({"flag": [flag], "weeks": [weeks]}, index=[group])
    table = pd.DataFrame({"fractional_sets": [frac], "minimum_effective": [minimum],
                          "maximum_recoverable": [maximum]}, index=[group])  # fmt: skip
    week_sets = logged() if week_sets is None else week_sets
    steps = band_steps(flagged, table, days, week_sets, list(used), CREDITS, CATALOGUE, rules,
                       list(earlier), behind)  # fmt: skip
    return steps + drop_steps(flagged, table, week_sets, CREDITS, CATALOGUE, rules,
                              [*earlier, *steps])  # fmt: skip


def test_over_the_maximum_drops_the_sets_over_it_from_the_most_done_direct_exercise():
    # Chest: 4 close-grip presses (credit 0.5, not direct), push-ups 2, bench 3 (Tuesday),
    # flyes 3 (Thursday): the bench and the flyes tie, the bench came first.
    sets = logged((0, "bench_press_close_grip", 4), (0, "push_up", 2),
                  (1, "bench_press_barbell", 3), (3, "chest_fly_dumbbell", 3))  # fmt: skip
    (step,) = bands("chest", "group_volume_high", 22.0, week([0, 1, 3]), week_sets=sets)
    assert (step.group, step.rule, step.action, step.day) == ("chest", "group_maximum", "drop", -1)
    assert step.item == "drop 2 sets of bench press (barbell)"  # 22 - 20: exactly 2
    over = "fractional sets this week, over the maximum recoverable"
    assert step.facts == [("Chest", f"22 {over} 20")]
    assert step.why == RULES.loc[RULES["rule"] == "group_maximum", "why"].item()
    # 20.5 is half a set over: drop 1 whole set.
    (step,) = bands("chest", "group_volume_high", 20.5, week([0, 1, 3]), week_sets=sets)
    assert step.item == "drop 1 set of bench press (barbell)"
    # A client's own maximum of 0 (an injured elbow): 1 fractional set is 1 over.
    (step,) = bands("triceps", "group_volume_high", 1.0, week([0]), maximum=0.0,
                    week_sets=logged((0, "triceps_pushdown_rope", 1)))  # fmt: skip
    assert (step.item, step.day) == ("drop 1 set of triceps pushdown (rope)", -1)
    assert step.facts == [("Triceps", "1 fractional set this week, over the maximum recoverable 0")]


def test_sets_the_plan_adds_for_another_group_are_dropped_too():
    # Glutes 20.5 of a maximum 16, and the plan adds 3 Romanian deadlifts for the lower back
    # (glutes 0.5 each): 20.5 + 1.5 - 16 = 6 hip thrusts to drop, and the line says why.
    sets = logged((0, "hip_thrust_barbell", 8), (2, "hip_thrust_barbell", 6))
    rdl = add("romanian_deadlift_barbell", 3)
    (step,) = bands("glutes", "group_volume_high", 20.5, week([0, 2]), maximum=16.0,
                    week_sets=sets, earlier=[rdl])  # fmt: skip
    assert step.item == "drop 6 sets of hip thrust (barbell)"
    assert step.facts == [("Glutes", "20.5 fractional sets this week, over the maximum "
                                     "recoverable 16; the exercises added here give it 1.5 "
                                     "more")]  # fmt: skip
    # A note adds no sets, and an exercise without glute credit adds none.
    note = add("romanian_deadlift_barbell", 3, action="note")
    (step,) = bands("glutes", "group_volume_high", 20.5, week([0, 2]), maximum=16.0,
                    week_sets=sets, earlier=[note, add("face_pull", 4)])  # fmt: skip
    assert step.item == "drop 5 sets of hip thrust (barbell)"


def test_a_drop_counts_the_sets_added_for_a_group_later_in_the_vocabulary():
    # Traps 22 of 20 come before the rhomboids (2 of 10) in the vocabulary; the rows added
    # for the rhomboids credit the traps too, so their drop waits for them.
    flagged = pd.DataFrame({"flag": ["group_volume_high", "group_volume_low"], "weeks": [1, 1]},
                           index=["traps", "rhomboids"])  # fmt: skip
    table = pd.DataFrame({"fractional_sets": [22.0, 2.0], "minimum_effective": [0.0, 10.0],
                          "maximum_recoverable": [20.0, 25.0]},
                         index=["traps", "rhomboids"])  # fmt: skip
    sets = logged((0, "shrug_barbell", 22))
    steps = band_steps(flagged, table, week([0, 2]), sets, [], CREDITS, CATALOGUE, RULES, [])
    (row,) = [t for t in steps if t.group == "rhomboids"]
    traps = row.sets * CREDITS.at[row.exercise_id, "traps"]
    assert traps > 0  # the row credits the traps
    (drop,) = drop_steps(flagged, table, sets, CREDITS, CATALOGUE, RULES, steps)
    assert drop.item == f"drop {math.ceil(22 + traps - 20)} sets of shrug (barbell)"


def test_nothing_to_drop_without_direct_work_or_without_the_rule():
    close = logged((0, "bench_press_close_grip", 4))
    assert bands("chest", "group_volume_high", 22.0, week([0]), week_sets=close) == []
    sets = logged((0, "bench_press_barbell", 4))
    rules = edited("group_maximum", drop=True)
    assert bands("chest", "group_volume_high", 22.0, week([0]), week_sets=sets, rules=rules) == []
    assert bands("chest", "group_volume_high", 22.0, week([0]), week_sets=sets) != []


def test_under_the_minimum_adds_the_missing_sets_on_a_training_day_without_the_group():
    # Side delts 1 of 8: 7 more, on Friday (no back work, no side delts) rather than Wednesday.
    days = week([0, 2, 4], [0, 2], side_delts=[0])
    (step,) = bands("side_delts", "group_volume_low", 1.0, days, minimum=8.0)
    assert (step.group, step.rule, step.action, step.day) == ("side_delts", "group_minimum",
                                                              "add", 4)  # fmt: skip
    assert (step.item, step.exercise_id, step.sets, step.reps) == (
        "lateral raise (dumbbell) 7 × 12–15", "lateral_raise_dumbbell", 7, "12–15"
    )  # fmt: skip
    under = "this week, under the minimum effective"
    assert step.facts == [("Side delts", f"1 fractional set {under} 8")]
    assert days.group_days == {"side_delts": {0, 4}}  # the raise trains only the side delts
    # 2.5 of 3: half a set short, still the row's 3 sets.
    (step,) = bands("side_delts", "group_volume_low", 2.5, week([0, 2, 4], [0, 2]), minimum=3.0)
    assert (step.item, step.facts[0][1]) == (
        "lateral raise (dumbbell) 3 × 12–15", f"2.5 fractional sets {under} 3"
    )  # fmt: skip
    # A row without sets: exactly the missing one.
    rules = edited("group_minimum", "side_delts", sets=float("nan"))
    (step,) = bands("side_delts", "group_volume_low", 2.0, week([0]), minimum=3.0, rules=rules)
    assert step.item == "lateral raise (dumbbell) 1 × 12–15"


def test_the_day_least_added_to_then_any_own_day_when_every_day_has_the_group():
    # Friday already has an earlier step: Wednesday, though it has back work.
    earlier = [add("face_pull", 3, day=4)]
    (step,) = bands("side_delts", "group_volume_low", 1.0, week([0, 2, 4], [0, 2], side_delts=[0]),
                    minimum=8.0, earlier=earlier)  # fmt: skip
    assert step.day == 2
    # Chest on both training days: Monday, the first; the bench press credits the front
    # delts and triceps on Monday only.
    days = week([0, 3], [], chest=[0, 3])
    (step,) = bands("chest", "group_volume_low", 4.0, days, minimum=6.0)
    assert (step.day, step.item) == (0, "bench press (dumbbell) 3 × 8–12")
    assert days.group_days == {"chest": {0, 3}, "front_delts": {0}, "triceps": {0}}


def test_a_back_group_takes_its_twice_a_week_list_and_reps_or_its_own_list():
    # Lats 6 of 10: the generic group_minimum row (3 sets, no list) with the lats' list.
    (step,) = bands("lats", "group_volume_low", 6.0, week([0]), minimum=10.0)
    assert step.item == "seated cable row (close grip) 4 × 10–12"
    # A coach's group_minimum row of the lats' own, with its list: that list.
    generic = RULES.loc[(RULES["rule"] == "group_minimum") & (RULES["group"] == "")]
    own = generic.assign(group="lats", exercises=[["lat_pulldown_chest"]], reps="6–8")
    rules = pd.concat([RULES, own], ignore_index=True)
    (step,) = bands("lats", "group_volume_low", 6.0, week([0]), minimum=10.0, rules=rules)
    assert step.item == "lat pulldown (to chest) 4 × 6–8"
    # Neither list nor reps (no twice_a_week row for the lats): the catalogue's first, in sets.
    rules = edited("twice_a_week", "lats", drop=True)
    (step,) = bands("lats", "group_volume_low", 6.0, week([0]), minimum=10.0, rules=rules)
    assert step.item == "pull-up 4 sets"


def test_without_a_list_or_reps_the_catalogues_first_direct_exercise_in_sets():
    # No calves row: the generic one (3 sets, no list, no reps).
    rules = edited("group_minimum", "calves", drop=True)
    (step,) = bands("calves", "group_volume_low", 0.5, week([0]), minimum=2.0, rules=rules)
    assert step.item == "standing calf raise (machine) 3 sets"
    # No side delts' list: the catalogue's first exercise crediting them 1.
    rules = edited("group_minimum", "side_delts", exercises=[])
    (step,) = bands("side_delts", "group_volume_low", 1.0, week([0]), minimum=2.0, rules=rules)
    assert step.item == "upright row (barbell) 3 × 12–15"


def test_a_group_left_out_for_weeks_gets_a_note_with_the_start_rows_sets():
    (step,) = bands("calves", "not_trained", 0.0, week([0]), minimum=6.0, weeks=4)
    assert (step.group, step.rule, step.action, step.day) == ("calves", "start_group", "note", -1)
    assert step.item == "calves: standing calf raise (machine) 3 × 10–15"
    assert step.facts == [("Calves", "no training day in any of the last 4 weeks")]
    assert step.why == RULES.loc[RULES["rule"] == "start_group", "why"].item()
    # A minimum of 0 still gets the note; a start row without sets takes the group's row's.
    rules = edited("start_group", sets=float("nan"))
    (step,) = bands("calves", "not_trained", 0.0, week([0]), rules=rules, weeks=4)
    assert step.item == "calves: standing calf raise (machine) 3 × 10–15"
    # Neither with sets: 1 set.
    rules = edited("start_group", base=edited("group_minimum", "calves", sets=float("nan")),
                   sets=float("nan"))  # fmt: skip
    (step,) = bands("calves", "not_trained", 0.0, week([0]), rules=rules, weeks=4)
    assert step.item == "calves: standing calf raise (machine) 1 × 10–15"
    # No start_group row: nothing, not an exercise in a session.
    rules = edited("start_group", drop=True)
    assert bands("calves", "not_trained", 0.0, week([0]), minimum=6.0, rules=rules) == []


def test_what_earlier_steps_add_for_a_group_counts_at_its_credit_first():
    # Biceps 2 of 8: 4 sets of close-grip rows (credit 0.5) and 2 of curls add 4; face pulls
    # (credit 0) and a note naming pulldowns (no sets added) nothing: 2 missing, the row's 3.
    rows, curls = add("seated_cable_row_close", 4), add("bicep_curl_dumbbell", 2, action="pair")
    face, note = add("face_pull", 3), add("lat_pulldown_chest", 4, day=-1, action="note")
    earlier = [rows, curls, face, note]
    (step,) = bands("biceps", "group_volume_low", 2.0, week([0, 2]), minimum=8.0, earlier=earlier)
    assert (step.day, step.item) == (0, "bicep curl (dumbbell) 3 × 10–12")
    assert rows.facts == curls.facts == face.facts == []
    # Of 6 they are enough, exactly: no step; the numbers join the lines of the steps that
    # add sets training the biceps, not the face pulls' nor the note's, which adds none.
    assert bands("biceps", "group_volume_low", 2.0, week([0]), minimum=6.0,
                 earlier=[rows, curls, face, note]) == []  # fmt: skip
    fact = ("Biceps", "2 fractional sets this week, under the minimum effective 6")
    assert rows.facts == curls.facts == [fact] and face.facts == note.facts == []


def test_an_exercise_already_added_that_day_gets_more_sets_not_a_second_line():
    # Rear delts 0 of 8 on a one-day week: the 3 face pulls added earlier (rear delts 1 each)
    # leave 5, a step of the rear delts' own in those face pulls' reps; the day's line says
    # one exercise of 8 sets, and muting either step leaves the other's sets.
    face = Step("", "twice_a_week", "add", "face pull (cable) 3 × 10–12", "", 0, [],
                "face_pull", 3, "10–12")  # fmt: skip
    (step,) = bands("rear_delts", "group_volume_low", 0.0, week([0]), minimum=8.0,
                    earlier=[face])  # fmt: skip
    assert (step.day, step.sets, step.reps) == (0, 5, "10–12")
    assert step.item == "face pull (cable) 5 × 10–12"
    assert step.facts == [("Rear delts", "0 fractional sets this week, under the minimum "
                                         "effective 8")]  # fmt: skip
    assert face.sets == 3
    assert line_parts([face, step])[0] == "Add face pull (cable) 8 × 10–12."
    assert line_parts([face])[0] == "Add face pull (cable) 3 × 10–12."
    # On another day they stay apart: a second day is what the guideline asks for.
    other = Step("", "twice_a_week", "add", "face pull (cable) 3 × 10–12", "", 3, [],
                 "face_pull", 3, "10–12")  # fmt: skip
    (step,) = bands("rear_delts", "group_volume_low", 0.0, week([0, 3], rear_delts=[3]),
                    minimum=8.0, earlier=[other])  # fmt: skip
    assert (step.day, step.reps) == (0, "12–15")


def test_no_press_is_added_for_a_group_in_a_plane_behind_on_pulls():
    # Chest 4 of 10: a bench press, unless the horizontal plane is behind; the vertical
    # plane behind does not stop it.
    (step,) = bands("chest", "group_volume_low", 4.0, week([0]), minimum=10.0)
    assert step.exercise_id == "bench_press_dumbbell"
    assert bands("chest", "group_volume_low", 4.0, week([0]), minimum=10.0,
                 behind=("horizontal",)) == []  # fmt: skip
    assert len(bands("chest", "group_volume_low", 4.0, week([0]), minimum=10.0,
                     behind=("vertical",))) == 1  # fmt: skip


def test_one_earlier_set_is_enough_only_when_it_reaches_the_minimum():
    curls = add("bicep_curl_dumbbell", 1, action="pair")
    assert bands("biceps", "group_volume_low", 5.0, week([0]), minimum=6.0, earlier=[curls]) == []
    # 4 of 6 with that one set: 1 short, so the row's 3 sets.
    (step,) = bands("biceps", "group_volume_low", 4.0, week([0]), minimum=6.0, earlier=[curls])
    assert step.item == "bicep curl (dumbbell) 3 × 10–12"
