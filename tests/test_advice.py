"""Next week's advice: each demo story gets its flag and its advice; rule-table edits count.

The demo's numbers below were read off the weekly tables and exercise lists of the demo
(``write_canonical_demo``, seed 20261122) and checked against the demo's story plans.
Weeks: 2026-W22 is the first demo week (Mon 25 May), 2026-W47 the last (16 to 22 Nov).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import checkout
import pandas as pd
import pytest

from backday_analysis.datafolder.advice_rules import load_advice_rules
from backday_analysis.datafolder.catalogue import load_catalogue
from backday_analysis.datafolder.dataset import load_dataset
from backday_analysis.datafolder.settings import Settings
from backday_analysis.errors import BackdayError
from backday_analysis.metrics.advice import next_week_advice, next_week_steps
from backday_analysis.metrics.flags import coaching_flags
from backday_analysis.metrics.weekly import weekly_volume

CATALOGUE = load_catalogue(checkout.DATA_DIR / "catalogue.csv")
RULES = load_advice_rules(checkout.DATA_DIR / "advice.csv", CATALOGUE)
LAST = "2026-W47"


# Every demo client's flags, and advice under the shipped rules, by week: most tests read
# one client's rows of the same week, each computed once for all clients.
_EVERY_CLIENT: dict[tuple[str, str], pd.DataFrame] = {}


@pytest.fixture(scope="module")
def demo(demo_data):
    data = load_dataset(demo_data)
    weekly = weekly_volume(data.sets, data.catalogue, clients=list(data.roster["client_id"]))
    _EVERY_CLIENT.clear()
    # The last week's flags and plan, made here: every test of this fixture then counts as
    # reaching that code (make mutate maps mutants to tests by what they and their fixtures
    # call), not only the first test to ask.
    flags_of((data, weekly), "ava")
    advice_of((data, weekly), "ava")
    return data, weekly


def flags_of(demo, client, week=LAST):
    data, weekly = demo
    flags = _EVERY_CLIENT.get(("flags", week))
    if flags is None:
        flags = coaching_flags(
            weekly, data.sets, data.catalogue, data.settings, week, bands=data.volume_bands
        )
        _EVERY_CLIENT["flags", week] = flags
    return flags.loc[flags["client"] == client]


def advice_of(demo, client, week=LAST, rules=RULES):
    data, weekly = demo
    advice = _EVERY_CLIENT.get(("advice", week)) if rules is RULES else None
    if advice is None:
        advice = next_week_advice(
            weekly, data.sets, data.catalogue, data.settings, rules, week, bands=data.volume_bands
        )
        if rules is RULES:
            _EVERY_CLIENT["advice", week] = advice
    return advice.loc[advice["client"] == client]


def on_day(advice, day):
    """Return the plan's line for ``day`` (0 = Monday, -1 = the whole week)."""
    return advice.loc[advice["day"] == day, "text"].item()


def pairs(table, column="flag"):
    return sorted(zip(table["group"], table[column], strict=True))


def test_steady_ava_is_all_well_and_her_deload_is_no_jump(demo):
    assert flags_of(demo, "ava").empty
    advice = advice_of(demo, "ava")
    assert advice["rule"].tolist() == ["all_well"]
    assert advice["text"].item().startswith("All is well: every back group was trained on")
    # The deload week (W39) drops the deadlift to 60 % (57 kg, on 2.5 kg plates 57.5); W40
    # returns to 97.5 kg, +2.6 % over W38's 95 kg, so no jump is flagged.
    data, _ = demo
    s = data.sets.loc[
        (data.sets["client"] == "ava") & (data.sets["exercise_id"] == "barbell_deadlift")
    ]
    top = s.loc[s["set_kind"] == "working"].groupby(s["performed_at"].dt.isocalendar().week)
    assert top["load_kg"].max().loc[[38, 39, 40]].tolist() == [95.0, 57.5, 97.5]
    assert "deadlift_jump" not in set(flags_of(demo, "ava", "2026-W40")["flag"])


def test_once_a_week_ben_gets_a_second_day_deadlift_first_and_curls(demo):
    flags = flags_of(demo, "ben")
    assert pairs(flags) == [
        ("", "back_behind_chest"),
        ("abs", "not_trained"),
        ("biceps", "group_volume_low"),
        ("biceps", "no_biceps_work"),
        ("calves", "not_trained"),
        ("chest", "group_volume_low"),
        ("hamstrings", "group_volume_low"),
        ("lats", "group_volume_low"),
        ("lats", "under_guideline"),
        ("lower_back", "deadlift_not_first"),
        ("lower_back", "under_guideline"),
        ("quads", "group_volume_low"),
        ("rear_delts", "group_volume_low"),
        ("rhomboids", "group_volume_low"),
        ("rhomboids", "under_guideline"),
        ("side_delts", "group_volume_low"),
        ("traps", "under_guideline"),
        ("triceps", "group_volume_low"),
    ]
    # W47: Mon bench press 3, overhead press 3; Wed bench press 4, deadlift 3, T-bar row 4,
    # lat pulldown 3, shrug 4; Thu squat 3. Horizontal: 4 rows against 7 bench presses
    # (0.57 : 1, 3 pulls short of 1 : 1); vertical: 3 pulldowns against 3 presses, even.
    behind = flags.loc[flags["flag"] == "back_behind_chest", "reason"].item()
    assert behind == (
        "Pull : push was under 1 : 1 this week, for the 24th week in a row: horizontal 4 : 7 "
        "working sets (rows and rear-delt work against bench presses, push-ups, flyes and "
        "dips), 0.57 : 1."
    )
    advice = advice_of(demo, "ben")
    assert list(zip(advice["day"], advice["rule"], strict=True)) == [
        (-1, "start_group"),
        (0, "twice_a_week,spread,horizontal_pull,group_minimum"),
        (2, "horizontal_pull,deadlift_first,biceps_pairing"),
        (3, "group_minimum"),
    ]
    text = advice["text"].tolist()
    # His lats have 8.5 fractional sets (T-bar row 4, pulldown 3, deadlift 3 × 0.5), under
    # their minimum effective 10: sets are added on Monday, not moved. The trapezius has
    # 7.5 (shrugs 4, T-bar row 4 × 0.5, deadlift 3 × 0.5), at least its minimum 0: half
    # the shrugs move to Monday. The 3 pulls that bring the rows to the presses' 7 go on
    # the two days with bench presses, 2 each (3 / 2 rounded up).
    assert (
        text[1]
        == (
            "Monday (no back work this week): Move shrug (barbell) 2 × 12 from Wednesday (which "
            "keeps 2 of its 4 sets); add lat pulldown (to chest) 3 × 10–12, back extension 3 × "
            "10–12, T-bar row 2 × 10–12 and squat (barbell) 4 × 8–12. Lats, rhomboids "
            "and lower back: 1 training day this week (the guideline is 2). Lats: 8.5 fractional "
            "sets this week, under the minimum effective 10. Rhomboids: 7 fractional sets this "
            "week, under the minimum effective 10. Biceps: 3.5 fractional sets this week, under "
            "the minimum effective 8. Trapezius: 1 training day this week (the guideline is 2); "
            "7.5 fractional sets, no minimum effective to reach, so sets move. Hamstrings: 3 "
            "fractional sets this week, under the minimum effective 6. Pull : push: horizontal "
            "4 : 7 working sets this week (rows and rear-delt work against bench presses, "
            "push-ups, flyes and dips), 0.57 : 1, under 1 : 1; 3 more pull sets make it 1 : 1. "
            "Quads: 4.5 fractional sets this week, under the minimum effective 8. Rules:"
        )
        + text[1].split(". Rules:")[1]
    )
    # Wednesday's session: the deadlift first, the added rows, curls last; one line.
    assert text[2].startswith(
        "Wednesday (back work this week): Deadlift first, top set at most 2.5 kg above this "
        "week's 162.5 kg; add T-bar row 2 × 10–12; finish with bicep curl (dumbbell) 3 × "
        "10–12. Pull : push: horizontal 4 : 7 working sets this week"
    )
    assert "Biceps: no direct biceps work this week (its 3.5 fractional sets came from " in text[2]
    # Side delts 1.5 (overhead press 3 × 0.5): 7 short of 8. Rear delts 2 (T-bar row 4 × 0.5)
    # and the 4 added T-bar rows' 2: 4 short. Triceps 5 (bench presses 7, overhead presses
    # 3, each 0.5): 1 short, the rule's 3. Chest 7 of 10 gets no bench press: he is behind
    # on pulls in that plane. Quads 4.5 (squat 3, deadlift 3 × 0.5) get Monday's 4 squats,
    # whose 2 hamstring sets and the back extensions' 1.5 bring the hamstrings' 3 to 6.
    assert text[3].startswith(
        "Thursday (no back work this week): Add lateral raise (dumbbell) 7 × 12–15, face pull "
        "(cable) 4 × 12–15 and triceps pushdown (rope) 3 × 10–12. Side delts: 1.5 fractional "
        "sets this week, under the minimum effective 8. Rear delts: 2 fractional sets this "
        "week, under the minimum effective 8. Triceps: 5 fractional sets this week, under the "
        "minimum effective 6."
    )
    assert not advice["plan"].str.contains("bench press").any()
    assert text[0].startswith(
        "Whole week: Abs: cable crunch 3 × 10–15; calves: standing calf raise (machine) 3 × "
        "10–15. Abs and calves: no training day in any of the last 26 weeks."
    )


def test_without_the_spread_rule_or_under_its_limit_sets_are_added(demo, tmp_path):
    no_spread = RULES.loc[RULES["rule"] != "spread"]
    monday = on_day(advice_of(demo, "ben", rules=no_spread), 0)
    # Without it his trapezius's Monday is an added shrug rather than two moved ones.
    assert monday.startswith(
        "Monday (no back work this week): Add lat pulldown (to chest) 3 × 10–12, shrug "
        "(barbell) 3 × 12–15, back extension 3 × 10–12, T-bar row 2 × 10–12 and squat "
        "(barbell) 4 × 8–12."
    )
    # Rhomboids got their Monday from the lat pulldown (rhomboids 0.5): no row of their own.
    assert "Lats, trapezius, rhomboids and lower back: 1 training day this week" in monday
    assert "Move" not in monday
    # A spread limit of 9 sets: his trapezius's 7.5 are not enough to spread.
    rules = edited(tmp_path, "spread,,,,,,,", "spread,,,,,9,,")
    assert "Add lat pulldown (to chest) 3 × 10–12, shrug (barbell) 3 × 12–15" in on_day(
        advice_of(demo, "ben", rules=rules), 0
    )


def test_a_muted_rule_leaves_the_plan(demo):
    import datetime as dt

    mutes = pd.DataFrame(
        {
            "client_id": ["ben"],
            "rule": ["biceps_pairing"],
            "group": [""],
            "reason": ["curls on his arm day"],
            "until": [dt.date(2026, 12, 31)],
        }
    )
    data, weekly = demo
    advice = next_week_advice(
        weekly, data.sets, data.catalogue, data.settings, RULES, LAST, mutes, data.volume_bands
    )
    wednesday = on_day(advice.loc[advice["client"] == "ben"], 2)
    assert "bicep curl" not in wednesday and wednesday.startswith("Wednesday (back work this")
    steps = next_week_steps(weekly, data.sets, data.catalogue, data.settings, RULES, LAST, mutes)
    muted = steps.loc[steps["muted"], ["client", "rule"]].values.tolist()
    assert muted == [["ben", "biceps_pairing"]]


def test_muting_one_rule_of_a_shared_exercise_keeps_the_others_sets(demo):
    import datetime as dt

    # Cleo's Tuesday: 3 face pulls for her rhomboids (twice_a_week) and 2 more for her rear
    # delts (group_minimum), one item of 5. Muting the rear delts' rule leaves the 3.
    data, weekly = demo
    mutes = pd.DataFrame({"client_id": ["cleo"], "rule": ["group_minimum"],
                          "group": ["rear_delts"], "reason": ["shoulder rehab"],
                          "until": [dt.date(2026, 12, 31)]})  # fmt: skip
    advice = next_week_advice(
        weekly, data.sets, data.catalogue, data.settings, RULES, LAST, mutes, data.volume_bands
    )
    tuesday = on_day(advice.loc[advice["client"] == "cleo"], 1)
    assert tuesday.startswith(
        "Tuesday (back work this week): Add back extension 3 × 10–12 and face pull (cable) "
        "3 × 10–12."
    )
    assert "Rear delts" not in tuesday


def test_cleos_lower_back_fades_from_week_14(demo):
    _, weekly = demo
    rows = weekly.loc[(weekly["client"] == "cleo") & (weekly["group"] == "lower_back")]
    days = rows.set_index("week")["days"]
    # Week 14 is 2026-W35: two sets of back extensions on one day, then nothing from W37.
    assert days.loc["2026-W35":"2026-W36"].tolist() == [1, 1]
    assert (days.loc["2026-W37":] == 0).all() and (days.loc[:"2026-W34"] >= 1).all()
    # Her plan is two pull days: no push, legs or core work in any of the 26 weeks; the
    # Romanian deadlifts (hamstrings 1, glutes 0.5) ended with week 13, 11 weeks ago.
    assert pairs(flags_of(demo, "cleo")) == [
        ("abs", "not_trained"),
        ("calves", "not_trained"),
        ("chest", "not_trained"),
        ("front_delts", "not_trained"),
        ("glutes", "not_trained"),
        ("hamstrings", "not_trained"),
        ("lower_back", "group_imbalance"),
        ("lower_back", "no_direct_sets"),
        ("lower_back", "not_trained"),
        ("quads", "not_trained"),
        ("rear_delts", "group_volume_low"),
        ("rhomboids", "group_volume_low"),
        ("side_delts", "not_trained"),
        ("triceps", "not_trained"),
    ]
    advice = advice_of(demo, "cleo")
    assert advice["day"].tolist() == [-1, 1, 3]
    line = "Add back extension 3 × 10–12"
    # Rear delts 3 of 8: the rhomboids' 3 face pulls (rear delts 1 each) leave 2 short, added
    # to those face pulls rather than a second face-pull line with other reps.
    assert on_day(advice, 1).startswith(
        f"Tuesday (back work this week): {line} and face pull (cable) 5 × 10–12. Lower back: "
        "not trained this week. Glutes: no training day in any of the last 11 weeks. "
        "Rhomboids: 8 fractional sets this week, under the minimum effective 10. Rear delts: "
        "3 fractional sets this week, under the minimum effective 8."
    )
    assert on_day(advice, 3).startswith(
        f"Thursday (back work this week): {line}. Lower back: not trained this week. Glutes: "
        "no training day in any of the last 11 weeks. Rule: train each muscle group twice a "
        "week (seed article)."
    )
    assert "Hamstrings: no training day in any of the last 11 weeks." in on_day(advice, -1)


def test_devs_vertical_pulls_leave_rhomboids_without_direct_sets(demo):
    assert ("rhomboids", "no_direct_sets") in pairs(flags_of(demo, "dev"))
    advice = advice_of(demo, "dev")
    monday, thursday = on_day(advice, 0), on_day(advice, 3)
    # Traps and lower back: never trained, so both his days; rhomboids: a wide row.
    assert monday.startswith(
        "Monday (back work this week): Add shrug (dumbbell) 3 × 12–15, seated cable row (wide "
        "grip) 3 × 10–12 and back extension 3 × 10–12. Trapezius and lower back: not trained "
        "this week. Rhomboids: 2 training days this week; no direct sets (its 7.5 fractional "
        "sets came from other exercises). Rhomboids: 7.5 fractional sets this week, under the "
        "minimum effective 10."
    )
    assert thursday.startswith(
        "Thursday (back work this week): Add shrug (dumbbell) 3 × 12–15 and back extension"
    )


def test_elis_deadlift_jumps_three_weeks_then_stalls(demo):
    jumps = [
        w
        for w in ("2026-W41", "2026-W42", "2026-W43", "2026-W44", "2026-W45")
        if "deadlift_jump" in set(flags_of(demo, "eli", w)["flag"])
    ]
    assert jumps == ["2026-W42", "2026-W43", "2026-W44"]
    advice = advice_of(demo, "eli")
    assert advice[["day", "rule"]].values.tolist() == [
        [-1, "start_group,volume,load_step"],
        [2, "group_minimum"],
        [3, "group_minimum"],
    ]
    # 26 back sets: Mon deadlift 3, rows 3, pulldowns 3, shrugs 3; Thu pull-ups 4, rows 4,
    # face pulls 3, back extensions 3 (the squats and curls credit no back group).
    whole = on_day(advice, -1)
    assert whole.startswith("Whole week: Drop 1 set of pull-up (neutral grip); chest: bench")
    assert (
        "; deadlift: stay at 180 kg until every set reaches 5 reps, then add at most 2.5 kg a "
        "week. Chest, front delts, side delts, triceps, abs and calves: no training day in any "
        "of the last 26 weeks. Whole back: 26 working sets this week, over the maximum "
        "recoverable 25. Lower back: the deadlift top set rose more than 10 % in a week in 3 "
        "of the last 6 weeks, to 180 kg, and has not gone up since 2026-W44 (this week's "
        "best: 180 kg × 3). Rules:"
    ) in whole
    # Rear delts 4.5: face pulls 3 × 1, barbell rows 3 × 0.5; 3.5 short of 8, so 4 sets, on
    # Wednesday, his training day without back work.
    assert on_day(advice, 2).startswith(
        "Wednesday (no back work this week): Add face pull (cable) 4 × 12–15. Rear delts: 4.5 "
        "fractional sets this week, under the minimum effective 8."
    )
    # Quads 5.5 of 8: 3 squats, whose 1.5 hamstring sets also bring the hamstrings' 5 to 6.
    assert on_day(advice, 3).startswith(
        "Thursday (back work this week): Add squat (barbell) 3 × 8–12. Quads: 5.5 fractional "
        "sets this week, under the minimum effective 8. Hamstrings: 5 fractional sets this "
        "week, under the minimum effective 6."
    )


def test_fay_misses_two_weeks_and_her_traps_get_no_direct_sets(demo):
    _, weekly = demo
    back = weekly.loc[(weekly["client"] == "fay") & (weekly["group"] != "biceps")]
    per_week = back.groupby("week")["fractional_sets"].sum()
    assert per_week.loc[["2026-W34", "2026-W35"]].tolist() == [0.0, 0.0]
    assert per_week.loc[["2026-W33", "2026-W36"]].gt(0).all()
    assert ("traps", "no_direct_sets") in pairs(flags_of(demo, "fay"))
    advice = advice_of(demo, "fay")
    assert pairs(advice, "rule") == [
        ("chest,front_delts,side_delts,triceps,abs,calves", "start_group"),
        ("quads", "group_minimum"),
        ("traps,rear_delts", "direct_sets,group_minimum"),
    ]
    assert on_day(advice, 2).startswith(
        # More reverse flyes for her rear delts (4 fractional sets, her 4 sets of them:
        # 4 short of 8), which credit the trapezius 0.5 too.
        "Wednesday (back work this week): Add shrug (dumbbell) 3 × 12–15 and reverse fly "
        "(dumbbell) 4 × 12–15. Trapezius: 2 "
        "training days this week; no direct sets (its 4 fractional sets came from other "
        "exercises); 10.4 % of the back's sets, under the 12.5 % limit."
    )


@pytest.mark.slow  # every week of every demo client
def test_no_week_of_the_demo_is_all_well_while_a_flag_is_raised(demo):
    data, weekly = demo
    for week in sorted(weekly["week"].unique()):
        flags = coaching_flags(
            weekly, data.sets, data.catalogue, data.settings, week, bands=data.volume_bands
        )
        advice = next_week_advice(
            weekly, data.sets, data.catalogue, data.settings, RULES, week, bands=data.volume_bands
        )
        well = set(advice.loc[advice["rule"] == "all_well", "client"])
        assert not well & set(flags["client"]), week
        assert set(advice["client"]) == set(weekly.loc[weekly["week"] == week, "client"])


def test_fay_logs_in_lb_in_the_committed_export():
    export = pd.read_csv(checkout.DATA_DIR / "exports" / "fay_hevy.csv")
    weights = export["weight_lbs"].dropna()
    assert len(weights) > 400 and (weights % 5 == 0).all()


# ---------------------------------------------------------------- hand-built weeks


def sets_of(rows):
    """Return a sets table from (client, 'YYYY-MM-DD[ HH:MM]', exercise_id, sets) rows.

    A day without a time is trained at 18:00.
    """
    out = [
        {
            "client": c,
            "performed_at": pd.Timestamp(day if " " in day else f"{day} 18:00"),
            "session_id": f"{c}-{day[:10]}",
            "exercise_id": e,
            "set_kind": "working",
            "load_kg": 50.0,
            "reps": 10,
        }
        for c, day, e, n in rows
        for _ in range(n)
    ]
    return pd.DataFrame(out)


def advise(sets, week, clients, rules=RULES, settings=None):
    weekly = weekly_volume(
        sets, CATALOGUE, clients=clients, through=pd.Timestamp("2026-11-22").date()
    )
    return next_week_advice(weekly, sets, CATALOGUE, settings or Settings(), rules, week)


def steps_of(sets, settings=None, rules=RULES, without_group=None, clients=None):
    """Return the W47 steps (next_week_steps), optionally from a weekly table without a group."""
    through = pd.Timestamp("2026-11-22").date()
    weekly = weekly_volume(sets, CATALOGUE, clients=clients, through=through)
    weekly = weekly.loc[weekly["group"] != without_group]
    return next_week_steps(weekly, sets, CATALOGUE, settings or Settings(), rules, LAST)


def test_a_week_without_training_gets_one_sensible_line():
    # Ana trained Mon and Thu in W45 and nothing since; Bo has never trained.
    sets = sets_of([("ana", "2026-11-02", "pull_up", 3), ("ana", "2026-11-05", "shrug_barbell", 3)])
    advice = advise(sets, LAST, ["ana", "bo"])
    assert advice["rule"].tolist() == ["no_training", "no_training"]
    rule = (
        " Rule: train each muscle group twice a week; a close grip on the seated cable row "
        "works the lats (seed article)."
    )  # one rule, whose words have a semicolon
    assert advice["text"].tolist() == [
        "No sets were logged this week. Plan back work on 2 days next week, such as Monday and "
        "Thursday (the days trained most in the four weeks before), with an exercise for each "
        "back group, the deadlift first and curls after." + rule,
        "No sets were logged this week. Plan back work on 2 days next week, such as Monday and "
        "Friday (spread over the week), with an exercise for each back group, the deadlift "
        "first and curls after." + rule,
    ]


def test_days_come_from_the_clients_own_week():
    # Mon: lat pulldowns (lats 1, rhomboids 0.5, biceps 0.5); Thu: squats only.
    sets = sets_of(
        [("ana", "2026-11-16", "lat_pulldown_chest", 3), ("ana", "2026-11-19", "squat_barbell", 3)]
    )
    advice = advise(sets, LAST, ["ana"])
    monday, thursday = advice["text"].tolist()
    # 3 fractional lat sets are under the 6 a week to spread: sets are added, on Thursday,
    # the day without back work; its pulldown gives the rhomboids their second day too.
    assert thursday.startswith(
        "Thursday (no back work this week): Add lat pulldown (to chest) 3 × 10–12, shrug "
        "(dumbbell) 3 × 12–15 and back extension 3 × 10–12. Lats: 1 training day this week "
        "(the guideline is 2). Rhomboids: 1 training day this week (the guideline is 2); no "
        "direct sets (its 1.5 fractional sets came from other exercises)."
    )
    # Traps and lower back need two days: both of her training days lack their work.
    assert monday.startswith(
        "Monday (back work this week): Add shrug (dumbbell) 3 × 12–15 and back extension 3 × "
        "10–12; finish with bicep curl (dumbbell) 3 × 10–12."
    )
    # Her 3 whole-back sets are 7 short of the minimum effective 10, but the plan's added
    # back work (pulldown 3, shrugs 3 + 3, back extensions 3 + 3 = 15 sets) covers them: no
    # line of its own, the numbers join the lines that add back sets.
    assert "Whole back: 3 working sets this week, under the minimum effective 10." in monday
    assert "Whole back: 3 working sets this week, under the minimum effective 10." in thursday
    # Three days for the traps would add an extra day: the earliest one furthest from both.
    three = next_week_advice(
        weekly_volume(sets, CATALOGUE, through=pd.Timestamp("2026-11-22").date()),
        sets,
        CATALOGUE,
        Settings(guideline_days=3),
        RULES,
        LAST,
    )
    assert (
        three["text"]
        .iloc[-1]
        .startswith(
            "Saturday (an extra training day): Add lat pulldown (to chest) 3 × 10–12, shrug"
        )
    )


def test_a_day_without_back_work_comes_before_a_later_one_with_some():
    # Mon: one-arm dumbbell rows (lats 1); Wed: squats; Thu: shrugs (traps only). Thursday is
    # further from Monday (3 days against 2), but Wednesday has no back work at all.
    sets = sets_of(
        [
            ("ana", "2026-11-16", "dumbbell_row_one_arm", 3),
            ("ana", "2026-11-18", "squat_barbell", 3),
            ("ana", "2026-11-19", "shrug_dumbbell", 3),
        ]
    )
    advice = advise(sets, LAST, ["ana"]).set_index("day")
    assert advice.at[2, "text"].startswith(
        "Wednesday (no back work this week): Add dumbbell row (one-arm) 3 × 10–12"
    )


def edited(tmp_path: Path, old: str, new: str) -> pd.DataFrame:
    text = (checkout.DATA_DIR / "advice.csv").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "advice.csv"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return load_advice_rules(path, CATALOGUE)


def test_a_coach_edit_to_the_rule_table_changes_the_advice(demo, tmp_path):
    before = on_day(advice_of(demo, "dev"), 0)
    rules = edited(
        tmp_path,
        "twice_a_week,rhomboids,seated_cable_row_wide|face_pull",
        "twice_a_week,rhomboids,face_pull|seated_cable_row_wide",
    )
    after = on_day(advice_of(demo, "dev", rules=rules), 0)
    assert "seated cable row (wide grip)" in before and "face pull (cable)" in after
    # Deleting a row switches its advice off.
    rules = rules.loc[rules["rule"] != "biceps_pairing"]
    assert "biceps_pairing" not in ",".join(advice_of(demo, "ben", rules=rules)["rule"])
    rules = edited(tmp_path, '2.5,,"deadlift first', '5,,"deadlift first')
    assert "top set at most 5 kg above" in on_day(advice_of(demo, "ben", rules=rules), 2)


def test_a_bad_rule_table_is_one_sentence_with_the_line(tmp_path):
    with pytest.raises(BackdayError, match=r"advice.csv, line 3: the exercise 'cable_magic'"):
        edited(tmp_path, "shrug_dumbbell|shrug_barbell", "cable_magic|shrug_barbell")
    with pytest.raises(BackdayError, match=r"line 2: the reps 'lots' are not a number"):
        edited(tmp_path, '3,10-12,,,"train each muscle group twice a week; a close', '3,lots,,,"x')


def test_a_data_folder_without_a_rule_table_uses_the_shipped_one(demo_data, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(demo_data, folder)
    (folder / "advice.csv").unlink(missing_ok=True)
    assert (
        load_dataset(folder, clients=["ava"]).advice_rules["rule"].tolist()
        == RULES["rule"].tolist()
    )


def test_the_shipped_table_leaves_out_exercises_a_small_catalogue_lacks(fixture_data):
    rules = load_dataset(fixture_data).advice_rules
    known = set(load_catalogue(fixture_data / "catalogue.csv")["exercise_id"])
    assert len(rules) == len(RULES) and {e for ids in rules["exercises"] for e in ids} <= known


# ------------------------------------------------------- the week's edges and settings


def test_sets_after_the_week_leave_its_plan_alone():
    # Ana's W47: Wednesday lat pulldowns. Next Monday (23 Nov) she trains from midnight on.
    week = sets_of([("ana", "2026-11-18", "lat_pulldown_chest", 3)])
    later = sets_of(
        [("ana", "2026-11-23 00:00", "shrug_barbell", 3), ("ana", "2026-11-23", "pull_up", 3)]
    )
    plan = advise(week, LAST, ["ana"])
    # One training day: its second day is an extra one 3 days away (Saturday before Sunday).
    # The sets these days add reach the whole back's minimum, so no whole-week line.
    assert plan["day"].tolist() == [2, 5]
    pd.testing.assert_frame_equal(advise(pd.concat([week, later]), LAST, ["ana"]), plan)


def test_a_set_at_midnight_on_monday_is_in_that_week():
    plan = advise(sets_of([("ana", "2026-11-16 00:00", "lat_pulldown_chest", 3)]), LAST, ["ana"])
    # Monday, and Thursday as the extra day 3 days away.
    assert plan["day"].tolist() == [0, 3] and "no_training" not in set(plan["rule"])


def pairing_days(sets, settings=None):
    steps = steps_of(sets, settings)
    return steps.loc[steps["rule"] == "biceps_pairing", "day"].tolist()


def test_a_back_day_needs_the_settings_credited_sets():
    # Mon: 1 lat pulldown (lats 1); Thu: squats. One set is enough for a back day by default.
    one = [
        ("ana", "2026-11-16", "lat_pulldown_chest", 1),
        ("ana", "2026-11-19", "squat_barbell", 3),
    ]
    assert pairing_days(sets_of(one)) == [0]
    # With 2 sets a day, Monday's 1 is not a back day; Wednesday's 2 are.
    two = [
        ("ana", "2026-11-16", "lat_pulldown_chest", 1),
        ("ana", "2026-11-18", "lat_pulldown_chest", 2),
    ]
    assert pairing_days(sets_of(two), Settings(min_credited_sets_per_day=2)) == [2]


def test_of_the_clients_own_exercises_the_latest_is_suggested():
    # None of her lat exercises is in the lats row: the chin-up (W46) and the wide-grip
    # pulldown (this Monday, the latest). Thursday, her day without back work, gets the latter.
    sets = sets_of(
        [
            ("ana", "2026-11-10", "chin_up", 3),
            ("ana", "2026-11-16", "lat_pulldown_wide", 3),
            ("ana", "2026-11-19", "squat_barbell", 3),
        ]
    )
    steps = steps_of(sets)
    lats = steps.loc[steps["group"] == "lats", ["day", "rule", "exercise_id"]]
    assert lats.values.tolist() == [[3, "twice_a_week", "lat_pulldown_wide"]]


def lats_steps(sets, rules=RULES):
    steps = steps_of(sets, rules=rules)
    return steps.loc[steps["group"] == "lats", ["day", "rule", "item"]].values.tolist()


def test_exactly_the_minimum_effective_sets_and_the_spread_limit_move_sets():
    # Mon: lat pulldowns (lats 1); Wed and Fri: squats. At the lats' minimum effective 10
    # ([landmarks] in config.toml; 10 whole-back sets too) half the pulldowns move to
    # Friday, the free day furthest from Monday; at 9 a second day is added instead.
    def week(pulldowns, shrugs=0):
        return sets_of(
            [
                ("ana", "2026-11-16", "lat_pulldown_chest", pulldowns),
                ("ana", "2026-11-16", "shrug_barbell", shrugs),
                ("ana", "2026-11-18", "squat_barbell", 3),
                ("ana", "2026-11-20", "squat_barbell", 3),
            ]
        )

    move = "lat pulldown (to chest) 5 × 10 from Monday (which keeps 5 of its 10 sets)"
    assert lats_steps(week(10)) == [[4, "spread", move]]
    assert lats_steps(week(9)) == [[4, "twice_a_week", "lat pulldown (to chest) 3 × 10–12"]]
    # The moved pulldowns give the rhomboids (0.5) their Friday too: no step of their own.
    steps = steps_of(week(10))
    assert steps[["day", "group", "rule"]].values.tolist() == [
        [4, "lats", "spread"],
        [2, "traps", "twice_a_week"],
        [4, "traps", "twice_a_week"],
        [2, "lower_back", "twice_a_week"],
        [4, "lower_back", "twice_a_week"],
        [0, "biceps", "biceps_pairing"],
    ]
    # A weekly table without the lower back's (empty) rows gives the same steps.
    pd.testing.assert_frame_equal(steps_of(week(10), without_group="lower_back"), steps)
    # The spread row's limit, 6, comes before the minimum: 6 pulldowns and 4 shrugs (10
    # whole-back sets) move 3; 5 pulldowns and 5 shrugs add.
    rules = RULES.copy()
    (row,) = rules.index[rules["rule"] == "spread"]
    rules.at[row, "limit"] = 6.0
    move = "lat pulldown (to chest) 3 × 10 from Monday (which keeps 3 of its 6 sets)"
    assert lats_steps(week(6, 4), rules) == [[4, "spread", move]]
    said = " ".join(advise(week(6, 4), LAST, ["ana"], rules=rules)["text"])
    assert "6 fractional sets, at least the spread limit 6 a week, so sets move" in said
    assert lats_steps(week(5, 5), rules) == [
        [4, "twice_a_week", "lat pulldown (to chest) 3 × 10–12"]
    ]


def test_a_week_without_sets_plans_the_guidelines_days():
    # Bo has never trained: the days are spread over the week.
    bo = sets_of([("ana", "2026-11-18", "pull_up", 3)])
    one, three = (
        advise(bo, LAST, ["bo"], settings=Settings(guideline_days=n))["text"].item() for n in (1, 3)
    )
    assert one.startswith("No sets were logged this week. Plan back work on 1 day next week, "
                          "such as Monday (spread over the week)")  # fmt: skip
    assert three.startswith("No sets were logged this week. Plan back work on 3 days next week, "
                            "such as Monday, Wednesday and Saturday (spread")  # fmt: skip
    steps = steps_of(bo, clients=["ana", "bo"])
    assert steps.loc[steps["client"] == "bo", ["group", "rule"]].values.tolist() == [
        ["", "no_training"]
    ]
    # Without a twice_a_week row for the lats (or for every group) the line names no rule.
    no_lats = RULES.loc[~((RULES["rule"] == "twice_a_week") & (RULES["group"] == "lats"))]
    steps = steps_of(bo, clients=["ana", "bo"], rules=no_lats)
    assert steps.loc[steps["client"] == "bo", ["rule", "why"]].values.tolist() == [
        ["no_training", ""]
    ]
    text = advise(bo, LAST, ["bo"], rules=no_lats)["text"].item()
    assert text.endswith("the deadlift first and curls after.")


def test_the_usual_days_come_from_the_four_weeks_before():
    # Cy: Thursdays in W44 and W45, and a Tuesday in W42, 5 weeks back: one usual weekday
    # is not enough for 2 days. Di: Monday 19 Oct at midnight (W43, 4 weeks back) and
    # Thursdays: Monday and Thursday.
    sets = sets_of(
        [
            ("cy", "2026-10-13", "pull_up", 3),
            ("cy", "2026-10-29", "pull_up", 3),
            ("cy", "2026-11-05", "pull_up", 3),
            ("di", "2026-10-19 00:00", "pull_up", 3),
            ("di", "2026-10-22", "pull_up", 3),
            ("di", "2026-10-29", "pull_up", 3),
        ]
    )
    cy, di = advise(sets, LAST, ["cy", "di"])["text"].tolist()
    assert "such as Monday and Friday (spread over the week)" in cy
    assert "such as Monday and Thursday (the days trained most in the four weeks before)" in di


def test_a_direct_sets_row_with_its_own_reps_and_without_sets():
    # T-bar rows on Mon and Thu credit the traps and lower back 0.5: no direct sets.
    sets = sets_of([("ana", "2026-11-16", "t_bar_row", 3), ("ana", "2026-11-19", "t_bar_row", 3)])
    rules = RULES.copy()
    (row,) = rules.index[rules["rule"] == "direct_sets"]
    rules.at[row, "reps"] = "8–10"
    columns = ["day", "group", "item", "sets", "reps"]
    steps = steps_of(sets, rules=rules)
    assert steps.loc[steps["rule"] == "direct_sets", columns].values.tolist() == [
        [0, "traps", "shrug (dumbbell) 3 × 8–10", 3, "8–10"],
        [0, "lower_back", "back extension 3 × 8–10", 3, "8–10"],
    ]
    rules = rules.copy()  # a rule table is never changed in place (see metrics/frame_memo)
    rules.at[row, "sets"] = float("nan")
    steps = steps_of(sets, rules=rules)
    assert steps.loc[steps["rule"] == "direct_sets", columns].values.tolist() == [
        [0, "traps", "shrug (dumbbell) a few sets × 8–10", 0, "8–10"],
        [0, "lower_back", "back extension a few sets × 8–10", 0, "8–10"],
    ]


def test_even_share_needs_back_sets_and_a_share_under_the_limit():
    # Only the even_share row of the group rules: a coach deleted the others.
    rules = RULES.loc[~RULES["rule"].isin(["twice_a_week", "direct_sets"])]

    def shares(rows):
        steps = steps_of(sets_of(rows), rules=rules)
        return steps.loc[steps["rule"] == "even_share", "group"].tolist()

    assert shares([("ana", "2026-11-16", "squat_barbell", 3)]) == []  # no back sets at all
    # One shrug: 1 back set, all traps; the others' 0 % is under the 12.5 % limit.
    assert shares([("ana", "2026-11-16", "shrug_barbell", 1)]) == [
        "lats",
        "rhomboids",
        "lower_back",
    ]
    # 1 shrug and 7 back extensions: the traps have exactly 1/8 = 12.5 %, not under it.
    eighth = [("ana", "2026-11-16", "shrug_barbell", 1), ("ana", "2026-11-16", "back_extension", 7)]
    assert shares(eighth) == ["lats", "rhomboids"]


def test_pulls_under_pushes_are_answered_only_once_the_flag_holds():
    # Rows against bench presses, horizontal: W46 4 : 4, W47 1 : 4. Pull under push for one
    # week is no flag (pull_push_weeks = 2), so the plan says nothing of it, though other
    # flags hold; with W46 at 1 : 4 too, the plan counts the 3 pulls that make it 1 : 1.
    w46 = [("ana", "2026-11-09", "bench_press_barbell", 4)]
    w47 = [
        ("ana", "2026-11-16", "bench_press_barbell", 4),
        ("ana", "2026-11-18", "seated_cable_row_wide", 1),
    ]

    def said(rows):
        return " ".join(advise(sets_of(rows), LAST, ["ana"])["text"])

    assert "Pull : push" not in said(
        [*w46, ("ana", "2026-11-11", "seated_cable_row_wide", 4), *w47]
    )
    assert (
        "Pull : push: horizontal 1 : 4 working sets this week (rows and rear-delt work against "
        "bench presses, push-ups, flyes and dips), 0.25 : 1, under 1 : 1; 3 more pull sets make "
        "it 1 : 1."
    ) in said([*w46, ("ana", "2026-11-11", "seated_cable_row_wide", 1), *w47])


def test_the_reports_flags_give_the_same_drop_step_as_counting_again():
    # Ana: 12, 12, 10 and 14 pulldown sets in W43-W46, then 3 in W47, 75 % under their
    # average of 12. Bo keeps 12 a week. The report passes its flags; the plan is the same.
    mondays = ["2026-10-19", "2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16"]
    counts = (12, 12, 10, 14, 3)
    rows = [("ana", m, "lat_pulldown_chest", n) for m, n in zip(mondays, counts, strict=True)]
    rows += [("bo", m, "lat_pulldown_chest", 12) for m in mondays]
    sets = sets_of(rows).assign(exercise="Lat pulldown")  # the flags name what was logged
    weekly = weekly_volume(sets, CATALOGUE, through=pd.Timestamp("2026-11-22").date())
    flags = coaching_flags(weekly, sets, CATALOGUE, Settings(), LAST)
    assert set(flags.loc[flags["flag"] == "volume_drop", "client"]) == {"ana"}
    given = next_week_steps(weekly, sets, CATALOGUE, Settings(), RULES, LAST, flags=flags)
    counted = next_week_steps(weekly, sets, CATALOGUE, Settings(), RULES, LAST)
    pd.testing.assert_frame_equal(given, counted)
    restore = given.loc[given["rule"] == "restore_volume"]
    assert restore["client"].tolist() == ["ana"]
    assert restore["item"].tolist() == [
        "back to about 12 back sets, the average of the 4 weeks before"
    ]
    # It is the volume_drop flag that lets the step be looked for, not any other flag.
    for kept, clients in (("volume_drop", ["ana"]), ("not_trained", [])):
        some = flags.loc[flags["flag"] == kept]
        steps = next_week_steps(weekly, sets, CATALOGUE, Settings(), RULES, LAST, flags=some)
        assert steps.loc[steps["rule"] == "restore_volume", "client"].tolist() == clients
