"""Each coaching flag at its exact limit (data/config.toml's values), worked out by hand.

Whole-back sets count each set once at its largest back credit: a pull-up, a deadlift and a
shrug each count 1. Group shares use fractional sets (credits in tests/test_flags.py).
"""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd
from test_flags import CATALOGUE, SETTINGS, block, make_sets, weekly_of

from backday_analysis.metrics.flags import (
    back_volume,
    group_imbalance,
    no_biceps_work,
    no_direct_sets,
    not_trained,
    under_guideline,
)
from backday_analysis.metrics.weekly import weekly_volume


def volume_flags(pullups: int):
    # 3 deadlifts + ``pullups`` pull-ups in 2026-W53, and two warm-ups that do not count.
    sets = make_sets(
        block("ana", "W53", "barbell_deadlift", 2, load=60, kind="warmup"),
        block("ana", "W53", "barbell_deadlift", 3, load=100, reps=5),
        block("ana", "W53+3", "pull_up", pullups),
    )
    flags = back_volume(weekly_of(sets), sets, CATALOGUE, SETTINGS, "2026-W53")
    return flags["flag"].tolist()


def test_exactly_25_back_sets_is_not_too_much_and_26_is():
    assert (SETTINGS.minimum_effective_sets, SETTINGS.maximum_recoverable_sets) == (10, 25)
    assert volume_flags(22) == []  # 3 + 22 = 25: at the maximum, not over it
    assert volume_flags(23) == ["back_volume_high"]  # 26


def test_exactly_10_back_sets_is_enough_and_9_is_not():
    assert volume_flags(7) == []  # 3 + 7 = 10: at the minimum effective volume
    assert volume_flags(6) == ["back_volume_low"]  # 9


def even_week(week: str, shrugs: int):
    # One deadlift (lats .5, traps .5, rhomboids .5, lower back 1), three pull-ups (lats 1,
    # rhomboids .5 each) and ``shrugs`` shrugs (traps 1 each). With one shrug: lats 3.5,
    # traps 1.5, rhomboids 2, lower back 1, of 8 back sets: lower back 1 / 8 = 12.5 %.
    return [
        block("ana", week, "barbell_deadlift", 1, load=100, reps=5),
        block("ana", week, "pull_up", 3),
        block("ana", week, "dumbbell_shrug", shrugs),
    ]


def test_a_share_of_exactly_12_5_percent_for_three_weeks_is_not_an_imbalance():
    assert (SETTINGS.imbalance_share_of_even, SETTINGS.imbalance_weeks) == (0.5, 3)
    sets = make_sets(*even_week("W52", 1), *even_week("W53", 1), *even_week("W01", 1))
    assert group_imbalance(weekly_of(sets), SETTINGS, "2027-W01").empty


def test_a_share_just_under_12_5_percent_for_three_weeks_is_one():
    # A second shrug: lower back 1 / 9 = 11.1 %.
    sets = make_sets(*even_week("W52", 2), *even_week("W53", 2), *even_week("W01", 2))
    flags = group_imbalance(weekly_of(sets), SETTINGS, "2027-W01")
    assert flags["group"].tolist() == ["lower_back"]
    assert "11.1 %" in flags["reason"].item() and "12.5 %" in flags["reason"].item()


def test_no_direct_sets_counts_exactly_the_last_three_weeks():
    # Pull-ups from W50 to 2027-W01: rhomboids never have a direct set. In W53 the window is
    # W51-W53 (W50 before it, W01 after it).
    sets = make_sets(
        block("ana", "2026-12-07", "pull_up", 4),
        *(block("ana", w, "pull_up", 4) for w in ("W51", "W52", "W53", "W01")),
    )
    flags = no_direct_sets(weekly_of(sets), SETTINGS, "2026-W53")
    assert sorted(flags["group"]) == ["lower_back", "rhomboids", "traps"]


def test_a_client_without_sets_this_week_got_0_back_sets():
    sets = make_sets(block("ana", "W52", "pull_up", 12), block("ben", "W53", "pull_up", 12))
    weekly = weekly_volume(sets, CATALOGUE, through=pd.Timestamp("2027-01-03").date())
    flags = back_volume(weekly, sets, CATALOGUE, SETTINGS, "2026-W53")
    assert flags["client"].tolist() == ["ana"]
    assert re.findall(r"\d+", flags["reason"].item())[0] == "0"


def test_biceps_flag_needs_back_work_and_one_back_set_is_enough():
    sets = make_sets(block("ana", "W53", "bench_press", 3), block("ben", "W53", "dumbbell_shrug"))
    assert no_biceps_work(weekly_of(sets), "2026-W53")["client"].tolist() == ["ben"]


def test_weeks_with_a_single_back_set_still_have_shares():
    # One shrug a week: traps 100 %, the other three groups 0 %, for three weeks.
    sets = make_sets(*(block("ana", w, "dumbbell_shrug") for w in ("W52", "W53", "W01")))
    flags = group_imbalance(weekly_of(sets), SETTINGS, "2027-W01")
    assert sorted(flags["group"]) == ["lats", "lower_back", "rhomboids"]


def test_settings_of_one_week_once_a_week_and_a_quarter():
    sets = make_sets(*even_week("W01", 2), block("ana", "W01+2", "pull_up"))
    settings = replace(SETTINGS, imbalance_weeks=1, guideline_days=1, imbalance_share_of_even=0.25)
    # Lower back 1 of 10 back sets: under half (12.5 %), not under a quarter (6.25 %).
    assert group_imbalance(weekly_of(sets), settings, "2027-W01").empty
    settings = replace(settings, imbalance_share_of_even=0.5)
    assert group_imbalance(weekly_of(sets), settings, "2027-W01")["group"].tolist() == [
        "lower_back"
    ]
    quarter = replace(settings, imbalance_share_of_even=0.25)
    lopsided = make_sets(block("ana", "W01", "pull_up", 20), block("ana", "W01", "back_extension"))
    flags = group_imbalance(weekly_of(lopsided), quarter, "2027-W01")
    assert flags["group"].tolist() == ["traps", "lower_back"]  # 0 % and 1 / 31 = 3.2 %
    assert all("a quarter" in reason for reason in flags["reason"])
    # Once a week: a group trained on a day meets it, so only "not trained" can be raised.
    assert under_guideline(weekly_of(lopsided), settings, "2027-W01").empty
    assert not_trained(weekly_of(lopsided), settings, "2027-W01")["reason"].tolist() == [
        "Trapezius was not trained this week."
    ]


def test_a_window_of_one_week_without_direct_sets():
    sets = make_sets(block("ana", "W53", "pull_up", 4))
    one_week = replace(SETTINGS, no_direct_sets_weeks=1)
    flags = no_direct_sets(weekly_of(sets), one_week, "2026-W53")
    assert sorted(flags["group"]) == ["lower_back", "rhomboids", "traps"]
