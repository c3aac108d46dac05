"""Next week's lift steps worked out by hand: the deadlift's load and place, curls after back.

Each case is a few invented sets around 2026-W47 (Mon 16 to Sun 22 Nov 2026), with the
shipped rule table: ``load_step`` looks at the last 6 weeks with a 2.5 kg step and 5 reps,
``deadlift_first`` allows 2.5 kg over the week's top set. The default limit on a week's rise
is 10 % over the heaviest top set of the 4 weeks before.
"""

from __future__ import annotations

import pandas as pd
from shipped_rules import CATALOGUE, CREDITS, MONDAY, RULES, edited

from backday_analysis.datafolder.settings import Settings
from backday_analysis.metrics.advice_lifts import (
    back_volume,
    biceps_pairing,
    deadlift_first,
    load_step,
    pick_exercise,
    restore_volume,
    sets_reps,
)
from backday_analysis.metrics.advice_plan import Step


def deadlifts(tops: dict[int, list[float]], exercise="barbell_deadlift") -> pd.DataFrame:
    """Return working sets of 3 reps on the Wednesday of each week, weeks before W47 as keys."""
    rows = [
        {
            "client": "ana",
            "performed_at": MONDAY + pd.Timedelta(weeks=-back, days=2, hours=18, minutes=i),
            "session_id": f"w{back}",
            "exercise_id": exercise,
            "set_kind": "working",
            "load_kg": load,
            "reps": 3,
        }
        for back, loads in tops.items()
        for i, load in enumerate(loads)
    ]
    return pd.DataFrame(rows)


def load_steps(tops, rules=RULES, exercise="barbell_deadlift"):
    steps = load_step(deadlifts(tops, exercise), MONDAY, CATALOGUE, Settings(), rules)
    return [(s.item, s.facts) for s in steps]


def facts(text: str) -> list[tuple[str, str]]:
    return [("Lower back", "the deadlift top set rose more than 10 % in a week in " + text)]


def test_a_jump_this_week_asks_for_small_steps_from_its_top_set():
    # W46 100 kg; W47 sets of 100 and 120 kg: the top set, 120, is 20 % up. Nothing after
    # the jump yet, so no stall.
    assert load_steps({1: [100], 0: [100, 120]}) == [
        (
            "deadlift: add at most 2.5 kg to this week's 120 kg",
            facts("1 of the last 6 weeks, to 120 kg"),
        )
    ]


def test_a_week_at_the_jumps_top_set_is_a_stall():
    # W45 100, W46 120 (the jump), W47 120 again: one week since, not above the jump.
    stay = "deadlift: stay at 120 kg until every set reaches {}, then add at most {} kg a week"
    since = ", and has not gone up since 2026-W46 (this week's best: 120 kg × 3)"
    fact = facts("1 of the last 6 weeks, to 120 kg" + since)
    assert load_steps({2: [100], 1: [120], 0: [120]}) == [(stay.format("5 reps", 2.5), fact)]
    # A row without reps or step says so in words.
    rules = edited("load_step", reps="", limit=float("nan"))
    assert load_steps({2: [100], 1: [120], 0: [120]}, rules) == [
        (stay.format("its planned reps", "a little"), fact)
    ]


def test_a_week_above_the_jumps_top_set_ends_the_stall():
    # W45 120 (the jump over W44's 100), W46 120, W47 125: 4.2 % over 120, no jump, and up.
    assert load_steps({3: [100], 2: [120], 1: [120], 0: [125]}) == [
        (
            "deadlift: add at most 2.5 kg to this week's 125 kg",
            facts("1 of the last 6 weeks, to 120 kg"),
        )
    ]


def test_what_is_not_a_jump():
    assert load_steps({1: [100], 0: [110]}) == []  # exactly 10 %
    # 120 kg is 20 % over W44 to W46's 100 kg but under W43's 130 kg, 4 weeks before.
    assert load_steps({4: [130], 3: [100], 2: [100], 1: [100], 0: [120]}) == []
    assert load_steps({2: [100], 0: [120]}) == []  # no deadlift the week before
    # W41, 6 weeks before W47, is before the 6-week window (W42 to W47).
    assert load_steps({7: [100], 6: [120], 5: [120], 1: [120], 0: [120]}) == []


def test_a_row_without_weeks_looks_at_4_weeks():
    rules = edited("load_step", weeks=float("nan"))
    # W43 (4 weeks before W47) is outside W44 to W47; W44 is inside.
    assert load_steps({5: [100], 4: [120], 1: [120], 0: [120]}, rules) == []
    since = ", and has not gone up since 2026-W44 (this week's best: 120 kg × 3)"
    assert load_steps({4: [100], 3: [120], 1: [120], 0: [120]}, rules)[0][1] == facts(
        "1 of the last 4 weeks, to 120 kg" + since
    )


def test_only_the_deadlifts_the_rule_lists_count():
    tops = {1: [100], 0: [120]}
    assert load_steps(tops, exercise="trap_bar_deadlift") == []  # the row lists the barbell
    trap_bar = edited("load_step", exercises=["trap_bar_deadlift"])
    assert len(load_steps(tops, trap_bar, exercise="trap_bar_deadlift")) == 1


def session(*sets, line=False) -> pd.DataFrame:
    """Return a week's sets from (session, 'YYYY-MM-DD HH:MM', exercise_id, kg) tuples."""
    frame = pd.DataFrame(
        [
            {
                "session_id": s,
                "performed_at": pd.Timestamp(at),
                "exercise_id": e,
                "set_kind": "working",
                "load_kg": kg,
                "reps": 5,
            }
            for s, at, e, kg in sets
        ]
    )
    return frame.assign(line=range(len(frame), 0, -1)) if line else frame


def deadlift_steps(week_sets):
    steps = deadlift_first(week_sets, week_sets, MONDAY, CATALOGUE, RULES)
    return [(s.day, s.item, s.facts) for s in steps]


def test_the_deadlift_after_other_work_is_asked_first_with_the_weeks_top_set():
    week_sets = session(
        # Tuesday's late session runs past midnight: the row at 23:55 came first.
        ("tue", "2026-11-17 23:55", "seated_cable_row_close", 60),
        ("tue", "2026-11-18 00:01", "face_pull", 20),
        ("tue", "2026-11-18 00:05", "barbell_deadlift", 100),
        ("tue", "2026-11-18 00:10", "barbell_deadlift", 140),
        # Thursday: one set of rows, then deadlifts.
        ("thu", "2026-11-19 18:00", "dumbbell_row_one_arm", 30),
        ("thu", "2026-11-19 18:05", "barbell_deadlift", 120),
        ("thu", "2026-11-19 18:10", "barbell_deadlift", 120),
    )
    first = "deadlift first, top set at most 2.5 kg above this week's 140 kg"
    after = "the deadlift came after {} this {}"
    assert deadlift_steps(week_sets) == [
        (1, first, [("Lower back", after.format("seated cable row (close grip)", "Tuesday"))]),
        (3, first, [("Lower back", after.format("dumbbell row (one-arm)", "Thursday"))]),
    ]


def test_cardio_before_the_deadlift_and_the_logs_line_order_are_respected():
    # A run to warm up is not an exercise before the deadlift.
    warm = session(
        ("wed", "2026-11-18 18:00", "running", 0),
        ("wed", "2026-11-18 18:20", "barbell_deadlift", 100),
        ("wed", "2026-11-18 18:25", "barbell_deadlift", 100),
    )
    assert deadlift_steps(warm) == []
    # One time for the whole session (as some exports log it): the lines give the order,
    # here the reverse of the rows, so the deadlift came first.
    same_time = session(
        ("wed", "2026-11-18 18:00", "seated_cable_row_close", 60),
        ("wed", "2026-11-18 18:00", "barbell_deadlift", 100),
        line=True,
    )
    assert deadlift_steps(same_time) == []
    assert len(deadlift_steps(same_time.drop(columns="line"))) == 1


def test_sets_and_reps_in_words():
    assert sets_reps(pd.Series({"sets": 3.0, "reps": "10–12"})) == "3 × 10–12"
    assert sets_reps(pd.Series({"sets": float("nan"), "reps": "10–12"})) == "a few sets × 10–12"
    assert sets_reps(pd.Series({"sets": float("nan"), "reps": ""})) == "a few sets sets"


def test_without_a_list_or_own_curls_the_catalogues_first_curl_is_picked():
    # The first curl of the catalogue crediting the biceps 1 is the barbell curl.
    assert pick_exercise("biceps", [], [], CREDITS, CATALOGUE, "curl") == "bicep_curl_barbell"
    assert pick_exercise("biceps", [], ["hammer_curl_dumbbell"], CREDITS, CATALOGUE, "curl") == (
        "hammer_curl_dumbbell"
    )


def test_a_week_table_without_a_biceps_row_gets_curls_after_back():
    table = pd.DataFrame(
        {"fractional_sets": [3.0, 0.0, 0.0, 0.0], "direct_sets": [3, 0, 0, 0]},
        index=["lats", "traps", "rhomboids", "lower_back"],
    )
    steps = biceps_pairing(table, None, [], CREDITS, CATALOGUE, RULES, {3, 0})
    assert [(s.day, s.item, s.facts) for s in steps] == [
        (d, "bicep curl (dumbbell) 3 × 10–12", [("Biceps", "no direct biceps work this week")])
        for d in (0, 3)
    ]


# ------------------------------------------------------------------ the whole back's volume


def week_of(*counts) -> pd.DataFrame:
    """Return a week's working sets from (exercise_id, sets) pairs."""
    return pd.DataFrame({"exercise_id": [e for e, n in counts for _ in range(n)]})


def volume(*counts, earlier=()):
    return back_volume(week_of(*counts), CATALOGUE, Settings(), RULES, earlier)


def test_the_whole_back_between_10_and_25_sets_gets_no_volume_step():
    # Each set counts once at its largest back credit: a pulldown 1, a swing 0.5, a curl 0.
    assert volume(("lat_pulldown_chest", 10)) == []  # exactly the minimum
    assert volume(("lat_pulldown_chest", 25)) == []  # exactly the maximum
    assert volume(("bicep_curl_barbell", 8)) == []  # no back sets: another step's business
    assert volume(("lat_pulldown_chest", 9), ("kettlebell_swing", 2)) == []  # 9 + 1 = 10


def test_over_the_maximum_drops_the_sets_over_it_from_the_most_done_exercise():
    # 24 pulldowns and 3 swings: 25.5 sets, 0.5 over 25: drop 1 set of pulldowns.
    (step,) = volume(("kettlebell_swing", 3), ("lat_pulldown_chest", 24))
    assert (step.rule, step.action, step.day) == ("volume", "drop", -1)
    assert step.item == "drop 1 set of lat pulldown (to chest)"
    assert step.facts == [
        ("Whole back", "25.5 working sets this week, over the maximum recoverable 25")
    ]
    (step,) = volume(("lat_pulldown_chest", 28))
    assert step.item == "drop 3 sets of lat pulldown (to chest)"


def test_under_the_minimum_adds_what_the_plans_other_steps_do_not():
    # 6 pulldowns and 3 swings: 7.5 sets, 2.5 under 10: add 3 sets of pulldowns.
    week = [("lat_pulldown_chest", 6), ("kettlebell_swing", 3)]
    (step,) = volume(*week)
    assert (step.action, step.day, step.item, step.exercise_id, step.sets) == (
        "note", -1, "add 3 sets of lat pulldown (to chest)", "lat_pulldown_chest", 3
    )  # fmt: skip
    assert step.facts == [
        ("Whole back", "7.5 working sets this week, under the minimum effective 10")
    ]
    # An earlier step adding 2 sets of T-bar rows (credit 1) leaves 0.5 to add: 1 set.
    rows = Step("rhomboids", "twice_a_week", "add", "T-bar row", "", 2, [], "t_bar_row", 2)
    (step,) = volume(*week, earlier=[rows])
    assert step.item == "add 1 set of lat pulldown (to chest)"
    # 3 sets of rows reach the minimum: no step, the numbers join the rows' line.
    rows = Step("rhomboids", "twice_a_week", "add", "T-bar row", "", 2, [], "t_bar_row", 3)
    curls = Step("biceps", "biceps_pairing", "pair", "curls", "", 2, [], "bicep_curl_barbell", 3)
    assert volume(*week, earlier=[rows, curls]) == []
    assert rows.facts == [
        ("Whole back", "7.5 working sets this week, under the minimum effective 10")
    ]
    assert curls.facts == []  # curls add no back sets


def test_volume_edges_with_earlier_steps_and_unknown_exercises():
    rows = Step("rhomboids", "twice_a_week", "add", "T-bar row", "", 2, [], "t_bar_row", 3)
    # Exactly 25 or exactly 10: inside the band, so no numbers join the earlier steps' lines.
    assert volume(("lat_pulldown_chest", 25), earlier=[rows]) == [] and rows.facts == []
    assert volume(("lat_pulldown_chest", 10), earlier=[rows]) == [] and rows.facts == []
    # One swing is half a set: 9.5 under 10, add 10 sets of it.
    (step,) = volume(("kettlebell_swing", 1))
    assert step.item == "add 10 sets of kettlebell swing"
    # An exercise the catalogue does not know counts nothing: 9 pulldowns, add 1.
    (step,) = volume(("lat_pulldown_chest", 9), ("no_such_exercise", 5))
    assert step.item == "add 1 set of lat pulldown (to chest)"


def test_what_earlier_steps_add_counts_at_each_sets_back_credit():
    week = [("lat_pulldown_chest", 6), ("kettlebell_swing", 3)]  # 7.5 sets
    # 2 sets of swings (credit 0.5) add 1 set: 8.5, so 2 sets of pulldowns are still missing.
    swings = Step("lower_back", "twice_a_week", "add", "swing", "", 2, [], "kettlebell_swing", 2)
    (step,) = volume(*week, earlier=[swings])
    assert step.item == "add 2 sets of lat pulldown (to chest)"
    # A step adding an exercise the catalogue does not know adds no back set: 3 are missing.
    unknown = Step("lats", "twice_a_week", "add", "mystery row", "", 2, [], "no_such_row", 4)
    (step,) = volume(*week, earlier=[unknown])
    assert step.item == "add 3 sets of lat pulldown (to chest)"


def weeks_of_pulldowns(*counts: int) -> pd.DataFrame:
    """Return working sets of pulldowns, ``counts[i]`` of them in the i-th week up to W47."""
    start = MONDAY - pd.Timedelta(weeks=len(counts) - 1)
    rows = [
        {"client": "ana", "performed_at": start + pd.Timedelta(weeks=w, hours=18, minutes=i),
         "session_id": f"w{w}", "exercise_id": "lat_pulldown_chest", "set_kind": "working"}
        for w, n in enumerate(counts)
        for i in range(n)
    ]  # fmt: skip
    return pd.DataFrame(rows)


def test_after_a_drop_the_usual_back_sets_are_asked_for_again():
    # 12, 12, 10 and 14 sets: an average of 12; then 3 sets, 75 % under it.
    history = weeks_of_pulldowns(12, 12, 10, 14, 3)
    (step,) = restore_volume(history, MONDAY, CATALOGUE, Settings(), RULES)
    assert (step.rule, step.action, step.day) == ("restore_volume", "note", -1)
    assert step.item == "back to about 12 back sets, the average of the 4 weeks before"
    assert step.facts == [
        (
            "Whole back",
            "3 working sets this week, 75 % under the average of 12 a week over the 4 weeks before",
        )
    ]
    # 10 sets are 16.7 % under 12: not a drop of 20 %, so nothing to restore.
    assert restore_volume(weeks_of_pulldowns(12, 12, 10, 14, 10), MONDAY, CATALOGUE,
                          Settings(), RULES) == []  # fmt: skip


def test_the_weeks_flags_decide_whether_the_history_is_counted_for_a_drop():
    history = weeks_of_pulldowns(12, 12, 10, 14, 3)
    # Flags computed without volume_drop: no step, though the history (not read) has a drop.
    assert restore_volume(history, MONDAY, CATALOGUE, Settings(), RULES, False) == []
    (step,) = restore_volume(history, MONDAY, CATALOGUE, Settings(), RULES, True)
    assert step.item == "back to about 12 back sets, the average of the 4 weeks before"
    # The flag says there is a drop; the numbers still come from the history.
    assert restore_volume(weeks_of_pulldowns(12, 12, 10, 14, 10), MONDAY, CATALOGUE,
                          Settings(), RULES, True) == []  # fmt: skip


def group_table(**rows) -> pd.DataFrame:
    """Return a week's table by group from ``group=(fractional_sets, direct_sets)``."""
    frame = pd.DataFrame(rows, index=["fractional_sets", "direct_sets"]).T
    return frame.rename_axis("group")


def test_curls_pair_with_any_back_work_and_only_without_direct_biceps():
    def pairing(table, rules=RULES):
        return biceps_pairing(table, week_of(), [], CREDITS, CATALOGUE, rules, {0})

    # One fractional set of back work and no direct biceps sets: curls after it.
    (step,) = pairing(group_table(lats=(1.0, 1), biceps=(0.5, 0)))
    assert (step.day, step.exercise_id, step.sets) == (0, "bicep_curl_dumbbell", 3)
    assert pairing(group_table(lats=(1.0, 1), biceps=(1.5, 1))) == []  # one direct set
    # A row without sets names none.
    (step,) = pairing(
        group_table(lats=(1.0, 1), biceps=(0.5, 0)), edited("biceps_pairing", sets=float("nan"))
    )
    assert step.sets == 0
