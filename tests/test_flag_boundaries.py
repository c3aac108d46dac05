"""Each coaching flag at its exact limit (data/config.toml's values), worked out by hand.

Whole-back sets count each set once at its largest back credit: a pull-up, a deadlift and a
shrug each count 1. Group shares use fractional sets (credits in tests/test_flags.py).
"""

from __future__ import annotations

from test_flags import CATALOGUE, SETTINGS, block, make_sets, weekly_of

from backday_analysis.metrics.flags import back_volume, group_imbalance


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
