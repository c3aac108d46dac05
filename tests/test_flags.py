"""Coaching flags on small hand-built sets tables and tests/fixtures/flags/catalogue.csv.

Credits used below (lats, traps, rhomboids, lower back, biceps): barbell deadlift
(.5, .5, .5, 1, -), pull-up (1, -, .5, -, .5), chin-up (1, -, .5, -, 1), lat pulldown
(1, -, .5, -, .5), wide cable row (.5, .5, 1, -, -), shrug (-, 1, -, -, -), curl (biceps 1).
Weeks: 2026-W51 starts Mon 14 Dec, W52 Mon 21 Dec, W53 Mon 28 Dec 2026 to Sun 3 Jan 2027,
2027-W01 Mon 4 Jan.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from backday_analysis.datafolder.catalogue import load_catalogue
from backday_analysis.datafolder.settings import Settings
from backday_analysis.errors import BackdayError
from backday_analysis.metrics.flags import (
    FLAG_COLUMNS,
    back_sets_per_week,
    back_volume,
    coaching_flags,
    deadlift_jump,
    deadlift_not_first,
    group_imbalance,
    no_biceps_work,
    no_direct_sets,
    not_trained,
    under_guideline,
)
from backday_analysis.metrics.flags_volume import volume_drop, week_missed
from backday_analysis.metrics.weekly import weekly_volume

CATALOGUE = load_catalogue(Path(__file__).parent / "fixtures" / "flags" / "catalogue.csv")
SETTINGS = Settings()
MONDAYS = {"W51": "2026-12-14", "W52": "2026-12-21", "W53": "2026-12-28", "W01": "2027-01-04"}


def block(client, day, exercise_id, n=1, load=50.0, reps=8, kind="working", session=None):
    """Return ``n`` identical sets as row dicts; ``day`` is a date or ``W53+3`` (Thursday)."""
    if "+" in day or day in MONDAYS:
        week, _, offset = day.partition("+")
        day = str(pd.Timestamp(MONDAYS[week]) + pd.Timedelta(days=int(offset or 0)))[:10]
    return [
        {
            "client": client,
            "performed_at": pd.Timestamp(f"{day} 18:00"),
            "session_id": session or f"{client}-{day}",
            "exercise_id": exercise_id,
            "set_kind": kind,
            "load_kg": float(load),
            "reps": reps,
        }
    ] * n


def make_sets(*blocks) -> pd.DataFrame:
    """Return a sets table like load_dataset's from blocks, in log-line order."""
    rows = [row for b in blocks for row in b]
    sets = pd.DataFrame(rows)
    names = dict(zip(CATALOGUE["exercise_id"], CATALOGUE["name"], strict=True))
    sets["exercise"] = sets["exercise_id"].map(names)
    sets["weight_kg"] = sets["load_kg"]
    sets["set_number"] = sets.groupby(["session_id", "exercise_id"]).cumcount() + 1
    sets["line"] = range(2, len(sets) + 2)
    return sets.astype({"client": "str", "exercise_id": "str", "exercise": "str"})


def weekly_of(sets: pd.DataFrame) -> pd.DataFrame:
    last = sets["performed_at"].max().normalize()
    sunday = (last + pd.Timedelta(days=6 - last.day_of_week)).date()
    return weekly_volume(sets, CATALOGUE, through=sunday)


def reasons(flags: pd.DataFrame, flag: str, group: str | None = None) -> list[str]:
    rows = flags.loc[flags["flag"] == flag]
    if group is not None:
        rows = rows.loc[rows["group"] == group]
    return rows["reason"].tolist()


# ---------------------------------------------------------------- under the guideline


def test_group_under_guideline_three_weeks_running():
    sets = make_sets(*(block("ana", w, "seated_cable_row_wide", 3) for w in ("W51", "W52", "W53")))
    flags = under_guideline(weekly_of(sets), SETTINGS, "2026-W53")
    assert tuple(flags.columns) == FLAG_COLUMNS
    assert reasons(flags, "under_guideline", "rhomboids") == [
        "Rhomboids were trained on 1 day this week, under the twice-a-week guideline. "
        "Rhomboids have been under it for 3 weeks in a row."
    ]
    # Zero days is "not trained", its own flag, with its own streak.
    assert "lower_back" not in set(flags["group"])
    missing = not_trained(weekly_of(sets), SETTINGS, "2026-W53")
    assert reasons(missing, "not_trained", "lower_back") == [
        "Lower back was not trained this week, the 3rd week in a row without any training day."
    ]
    assert set(flags["weeks"]) == set(missing["weeks"]) == {3}
    assert set(flags["headline"]) >= {"Rhomboids on 1 day (guideline 2)"}


def test_guideline_met_on_two_days_across_new_year_raises_nothing_for_the_group():
    # W53: Mon 28 Dec 2026 and Sun 3 Jan 2027 are two days of the same ISO week.
    sets = make_sets(
        block("ana", "W53", "seated_cable_row_wide"), block("ana", "W53+6", "face_pull")
    )
    weekly = weekly_of(sets)
    assert under_guideline(weekly, SETTINGS, "2026-W53").empty
    assert set(not_trained(weekly, SETTINGS, "2026-W53")["group"]) == {"lower_back"}


def test_guideline_streak_restarts_after_a_week_that_met_it():
    sets = make_sets(
        block("ana", "W52", "pull_up"),
        block("ana", "W52+3", "pull_up"),
        block("ana", "W53+6", "pull_up"),
    )
    flags = under_guideline(weekly_of(sets), SETTINGS, "2026-W53")
    assert reasons(flags, "under_guideline", "lats") == [
        "Lats were trained on 1 day this week, under the twice-a-week guideline."
    ]
    assert flags.loc[flags["group"] == "lats", "weeks"].item() == 1
    # The streak runs on across the year: 2027-W01 with no training is its 2nd week.
    later = make_sets(block("ana", "W52", "pull_up"), block("ana", "W52+3", "pull_up"))
    later = pd.concat([later, make_sets(block("ana", "W53+6", "pull_up"))], ignore_index=True)
    weekly = weekly_volume(later, CATALOGUE, through=pd.Timestamp("2027-01-10").date())
    # Not trained for one week, under the guideline for two: the sentence says which is which.
    flags = not_trained(weekly, SETTINGS, "2027-W01")
    assert reasons(flags, "not_trained", "lats") == [
        "Lats were not trained this week. Lats have been under the twice-a-week guideline for "
        "2 weeks in a row."
    ]
    assert flags.loc[flags["group"] == "lats", "weeks"].item() == 1


# ---------------------------------------------------------------- no direct sets


def test_no_direct_sets_for_three_weeks():
    # Pull-ups credit the rhomboids 0.5: fractional volume, but no direct sets.
    sets = make_sets(*(block("ana", w, "pull_up", 4) for w in ("W51", "W52", "W53")))
    flags = no_direct_sets(weekly_of(sets), SETTINGS, "2026-W53")
    assert reasons(flags, "no_direct_sets", "rhomboids") == [
        "Rhomboids have had no direct sets (exercises where they are the main mover) "
        "in the last 3 weeks."
    ]
    assert reasons(flags, "no_direct_sets", "lower_back") == [
        "Lower back has had no direct sets (exercises where they are the main mover) "
        "in the last 3 weeks."
    ]
    assert "lats" not in set(flags["group"])


def test_one_direct_set_in_the_window_or_a_short_history_raises_nothing():
    sets = make_sets(
        block("ana", "W51", "seated_cable_row_wide"),  # 2 weeks before W53: in the window
        *(block("ana", w, "pull_up", 4) for w in ("W52", "W53")),
    )
    flags = no_direct_sets(weekly_of(sets), SETTINGS, "2026-W53")
    assert "rhomboids" not in set(flags["group"])
    # A client logging for two weeks only cannot have gone three weeks without.
    short = make_sets(*(block("ben", w, "pull_up", 4) for w in ("W52", "W53")))
    assert no_direct_sets(weekly_of(short), SETTINGS, "2026-W53").empty


# ---------------------------------------------------------------- whole-back volume


def low_week(client="ana", pullups=4):
    return [
        block(client, "W53", "barbell_deadlift", 2, load=60, kind="warmup"),
        block(client, "W53", "barbell_deadlift", 3, load=100, reps=5),
        block(client, "W53", "barbell_curl", 3),
        block(client, "W53+3", "pull_up", pullups),
    ]


def test_back_sets_count_each_set_once_at_its_largest_back_credit():
    sets = make_sets(*low_week())
    table = back_sets_per_week(sets, CATALOGUE)
    # 3 deadlifts × 1 + 3 curls × 0 + 4 pull-ups × 1; warm-ups left out. Summing the
    # groups' credits would give 3 × 2.5 + 4 × 1.5 = 13.5.
    assert table.to_dict("records") == [{"client": "ana", "week": "2026-W53", "back_sets": 7.0}]


def test_whole_back_under_minimum_effective_volume():
    sets = make_sets(*low_week())
    flags = back_volume(weekly_of(sets), sets, CATALOGUE, SETTINGS, "2026-W53")
    assert flags[["flag", "group", "weeks", "headline"]].values.tolist() == [
        ["back_volume_low", "", 1, "Back 7 sets, min 10"]
    ]
    assert flags["reason"].item() == (
        "The whole back got 7 working sets this week, under the minimum effective volume "
        "of 10 sets a week."
    )


def test_whole_back_over_maximum_recoverable_and_within_the_band():
    sets = make_sets(*low_week("ana", pullups=23), *low_week("ben", pullups=7))
    flags = back_volume(weekly_of(sets), sets, CATALOGUE, SETTINGS, "2026-W53")
    assert flags["client"].tolist() == ["ana"]  # ben: 3 + 7 = 10 sets, at the minimum
    assert flags["reason"].item() == (
        "The whole back got 26 working sets this week, over the maximum recoverable volume "
        "of 25 sets a week."
    )
    assert flags["weeks"].item() == 1


# ---------------------------------------------------------------- deadlift first


def test_deadlift_after_bench_press_is_flagged():
    sets = make_sets(
        block("ana", "W53", "barbell_deadlift", 1, load=60, kind="warmup"),
        block("ana", "W53", "barbell_deadlift", 3, load=100, reps=5),
        block("ana", "W53", "pull_up", 3),
        block("ana", "W53+3", "bench_press", 3, load=70),
        block("ana", "W53+3", "barbell_deadlift", 1, load=60, kind="warmup"),
        block("ana", "W53+3", "barbell_deadlift", 3, load=100, reps=5),
    )
    flags = deadlift_not_first(sets, CATALOGUE, "2026-W53")
    assert flags["reason"].tolist() == [
        "The deadlift came after bench press on Thu 31 Dec (1 of 2 deadlift sessions this "
        "week); do it first in the session, while you are fresh."
    ]
    assert flags[["flag", "group", "weeks", "headline"]].values.tolist() == [
        ["deadlift_not_first", "lower_back", 1, "Deadlift after bench press"]
    ]


def test_deadlift_first_after_its_own_and_other_warm_ups_is_not_flagged():
    sets = make_sets(
        block("ana", "W53+6", "bench_press", 1, load=20, kind="warmup"),
        block("ana", "W53+6", "barbell_deadlift", 2, load=60, kind="warmup"),
        block("ana", "W53+6", "barbell_deadlift", 3, load=100, reps=5),
        block("ana", "W53+6", "bench_press", 3, load=70),
        # A session with deadlift warm-ups only was no deadlift session.
        block("ana", "W53+2", "bench_press", 3, load=70),
        block("ana", "W53+2", "barbell_deadlift", 1, load=60, kind="warmup"),
    )
    assert deadlift_not_first(sets, CATALOGUE, "2026-W53").empty


def test_warm_up_exercises_do_not_count_but_unknown_exercises_do():
    sets = make_sets(
        block("ana", "W53", "rowing_machine", 1, load=0, reps=1),  # cardio
        block("ana", "W53", "warm_up", 1, load=0, reps=1),
        block("ana", "W53", "barbell_deadlift", 3, load=100, reps=5),
        block("ben", "W53", "barbell_deadlift", 3, load=100, reps=5, session="b"),
    )
    assert deadlift_not_first(sets, CATALOGUE, "2026-W53").empty
    unknown = make_sets(block("ben", "W53", "barbell_deadlift", 3, load=100, reps=5))
    unknown = pd.concat([unknown.iloc[:1], unknown], ignore_index=True)
    unknown.loc[0, ["exercise_id", "exercise"]] = [None, "Mystery Machine Row"]
    unknown["line"] = range(2, len(unknown) + 2)
    flags = deadlift_not_first(unknown, CATALOGUE, "2026-W53")
    assert flags["reason"].str.startswith("The deadlift came after Mystery Machine Row").all()


def test_session_order_follows_time_before_log_line():
    sets = make_sets(
        block("ana", "W53", "barbell_deadlift", 3, load=100, reps=5, session="s"),
        block("ana", "W53", "pull_up", 3, session="s"),
    )
    sets.loc[sets["exercise_id"] == "pull_up", "performed_at"] -= pd.Timedelta(minutes=30)
    flags = deadlift_not_first(sets, CATALOGUE, "2026-W53")
    assert flags["reason"].str.startswith("The deadlift came after pull-up on Mon 28 Dec").all()
    assert len(flags) == 1


# ---------------------------------------------------------------- deadlift load


def test_deadlift_top_set_jump_across_the_new_year():
    sets = make_sets(
        block("ana", "W53", "barbell_deadlift", 1, load=60, kind="warmup"),
        block("ana", "W53", "barbell_deadlift", 3, load=100, reps=5),
        block("ana", "W53+4", "barbell_deadlift", 2, load=90, reps=5),
        block("ana", "W01", "barbell_deadlift", 1, load=140, kind="warmup", reps=1),
        block("ana", "W01", "barbell_deadlift", 2, load=115, reps=3),
        block("ana", "W01", "barbell_deadlift", 2, load=105, reps=5),
    )
    flags = deadlift_jump(sets, CATALOGUE, SETTINGS, "2027-W01")
    assert flags["reason"].tolist() == [
        "Barbell deadlift: the top set went from 100 kg last week to 115 kg this week "
        "(+15 %), over the 10 % a week limit; build the load up slowly."
    ]
    assert flags[["week", "weeks"]].values.tolist() == [["2027-W01", 1]]


def test_deadlift_steps_of_ten_percent_or_after_a_break_are_not_flagged():
    sets = make_sets(
        block("ana", "W52", "barbell_deadlift", 3, load=100, reps=5),
        block("ana", "W53", "barbell_deadlift", 3, load=110, reps=5),  # exactly +10 %
        block("ben", "W51", "barbell_deadlift", 3, load=100, reps=5),  # then a week off
        block("ben", "W53", "barbell_deadlift", 3, load=130, reps=5),
        block("cy", "W52", "barbell_deadlift", 3, load=100, reps=5),  # another variant
        block("cy", "W53", "trap_bar_deadlift", 3, load=140, reps=5),
        block("cy", "W53", "barbell_deadlift", 3, load=105, reps=5),
    )
    assert deadlift_jump(sets, CATALOGUE, SETTINGS, "2026-W53").empty


def test_the_week_after_a_deload_is_compared_with_the_weeks_before_it():
    sets = make_sets(
        block("ana", "W51", "barbell_deadlift", 3, load=100, reps=5),
        block("ana", "W52", "barbell_deadlift", 3, load=60, reps=5),  # deload: 60 %
        block("ana", "W53", "barbell_deadlift", 3, load=102.5, reps=5),  # +2.5 % over 100
        block("ben", "W51", "barbell_deadlift", 3, load=100, reps=5),
        block("ben", "W52", "barbell_deadlift", 3, load=60, reps=5),
        block("ben", "W53", "barbell_deadlift", 3, load=112.5, reps=5),  # +12.5 % over 100
    )
    flags = deadlift_jump(sets, CATALOGUE, SETTINGS, "2026-W53")
    assert flags["reason"].tolist() == [
        "Barbell deadlift: the top set went from 60 kg last week to 112.5 kg this week "
        "(+12.5 % over 100 kg, the heaviest of the last 4 weeks), over the 10 % a week limit; "
        "build the load up slowly."
    ]
    assert flags["client"].tolist() == ["ben"]


# ---------------------------------------------------------------- biceps


def test_back_without_biceps_work_is_flagged_but_not_with_a_chin_up_or_a_curl():
    sets = make_sets(
        block("ana", "W53", "pull_up", 4),  # biceps 0.5 only: no biceps work
        block("ben", "W53", "pull_up", 4),
        block("ben", "W53", "chin_up", 1),
        block("cy", "W53", "dumbbell_shrug", 3),
        block("cy", "W53", "barbell_curl", 1),
        block("dee", "W53", "barbell_curl", 3),  # no back this week: nothing to pair
    )
    flags = no_biceps_work(weekly_of(sets), "2026-W53")
    assert flags[["client", "group", "weeks"]].values.tolist() == [["ana", "biceps", 1]]
    assert flags["reason"].item() == (
        "The back was trained this week with no direct biceps work, such as curls (the "
        "biceps' 2 fractional sets came from pulls); pair back days with a smaller group "
        "such as biceps."
    )


# ---------------------------------------------------------------- imbalance


def lopsided(client, week):
    # Lats 4 + .5 = 4.5, traps .5 + 1 = 1.5, rhomboids 2 + .5 = 2.5, lower back 1:
    # 9.5 back sets, lower back 1 / 9.5 = 10.5 % < 12.5 %, traps 15.8 %.
    return [
        block(client, week, "lat_pulldown_chest", 4),
        block(client, week, "barbell_deadlift", 1, load=100, reps=5),
        block(client, week, "dumbbell_shrug", 1),
    ]


def test_lower_back_under_half_an_even_share_for_three_weeks_across_the_new_year():
    sets = make_sets(*lopsided("ana", "W52"), *lopsided("ana", "W53"), *lopsided("ana", "W01"))
    flags = group_imbalance(weekly_of(sets), SETTINGS, "2027-W01")
    assert flags[["group", "weeks"]].values.tolist() == [["lower_back", 3]]
    assert flags["reason"].item() == (
        "Lower back got 10.5 % of the back's sets this week, less than half an even share "
        "(12.5 %), for the 3rd week in a row."
    )


def test_imbalance_for_two_weeks_or_broken_by_a_rest_week_is_not_flagged():
    balanced = [block("ana", "W51", "barbell_deadlift", 4, load=100, reps=5)]
    sets = make_sets(*balanced, *lopsided("ana", "W52"), *lopsided("ana", "W53"))
    assert group_imbalance(weekly_of(sets), SETTINGS, "2026-W53").empty
    gap = make_sets(*lopsided("ben", "W51"), *lopsided("ben", "W52"), *lopsided("ben", "W01"))
    assert group_imbalance(weekly_of(gap), SETTINGS, "2027-W01").empty  # W53: no back sets


# ---------------------------------------------------------------- all flags, attention


def test_coaching_flags_orders_by_severity_then_age_and_checks_the_week():
    sets = make_sets(
        block("ana", "W53", "bench_press", 3, load=70),
        block("ana", "W53", "barbell_deadlift", 3, load=100, reps=5),
        block("ana", "W01", "bench_press", 3, load=70),
        block("ana", "W01", "barbell_deadlift", 3, load=120, reps=5),
        block("ana", "W01", "pull_up", 3),
    )
    flags = coaching_flags(weekly_of(sets), sets, CATALOGUE, SETTINGS, "2027-W01")
    assert tuple(flags.columns) == FLAG_COLUMNS
    # The jump is high and new; the four groups on one day for the 2nd week are medium (a
    # 3rd week would make them low), as are the low volume and the late deadlift; curls low.
    assert flags[["flag", "severity", "weeks"]].values.tolist() == [
        ["deadlift_jump", "high", 1],
        *[["under_guideline", "medium", 2]] * 4,
        ["back_volume_low", "medium", 2],
        ["deadlift_not_first", "medium", 2],
        ["no_biceps_work", "low", 2],
    ]
    assert flags["why"].iloc[0] == "a deadlift jump risks injury"
    assert (flags["week"] == "2027-W01").all()
    # A week after everyone's last set has no log yet: nothing rather than zeros.
    assert coaching_flags(weekly_of(sets), sets, CATALOGUE, SETTINGS, "2027-W10").empty
    with pytest.raises(BackdayError, match="not an ISO week"):
        coaching_flags(weekly_of(sets), sets, CATALOGUE, SETTINGS, "2027-01")


def test_a_whole_week_missed_is_one_flag_and_a_week_without_a_log_yet_none():
    sets = make_sets(
        block("ana", "W51", "pull_up", 3),
        block("ana", "W51+3", "bench_press", 3),  # W52: nothing; W53: only a warm-up
        block("ana", "W53", "pull_up", 1, kind="warmup"),
        block("ana", "W01", "pull_up", 3),
        block("bo", "W51", "pull_up", 3),  # and nothing since
    )
    weekly = weekly_of(sets)
    flags = coaching_flags(weekly, sets, CATALOGUE, SETTINGS, "2026-W53")
    assert flags[["client", "flag", "severity", "weeks"]].values.tolist() == [
        ["ana", "week_missed", "high", 2]
    ]
    assert flags["reason"].item() == (
        "No working set was logged this week, though later weeks have sets: the week was "
        "missed, the 2nd week in a row without training."
    )
    assert flags["headline"].item() == "Whole week missed (2 weeks in a row)"
    # Bo has logged nothing since W51: no log yet, whatever the weekly table's zeros say.
    assert "bo" not in set(coaching_flags(weekly, sets, CATALOGUE, SETTINGS, "2026-W52")["client"])


def weekly_pull_ups(client, weeks_before, kind="working"):
    """Return a pull-up on the Monday of each of ``weeks_before`` weeks before W53 (-1: W01)."""
    mondays = [pd.Timestamp(MONDAYS["W53"]) - pd.Timedelta(weeks=k) for k in weeks_before]
    return [row for m in mondays for row in block(client, str(m.date()), "pull_up", kind=kind)]


def test_missed_weeks_are_counted_past_the_first_windows_edge():
    # The flag looks at the last 32 weeks first (W22-W53) and widens while the run reaches
    # their first. Pull-ups every week from 2025-W46 (59 weeks before W53) but the last k,
    # and in 2027-W01: the last k weeks were missed, k = 32 exactly the first window.
    for k in (31, 32, 33, 35):
        sets = make_sets(weekly_pull_ups("ana", [*range(59, k - 1, -1), -1]))
        assert week_missed(sets, "2026-W53")["weeks"].tolist() == [k]


def test_missed_weeks_run_from_the_last_working_set_or_the_first_set_of_each_client():
    sets = make_sets(
        weekly_pull_ups("ana", range(59, 0, -1)),  # up to W52: W53 alone missed
        weekly_pull_ups("bo", range(59, 35, -1)),  # up to W17, a warm-up in W50: 36 weeks
        weekly_pull_ups("bo", [3], kind="warmup"),
        weekly_pull_ups("cy", [4], kind="warmup"),  # a first set in W49, a warm-up: 5 weeks
        weekly_pull_ups("dee", [59]),  # 2025-W46 alone: 59 weeks
        *(weekly_pull_ups(client, [-1]) for client in ("ana", "bo", "cy", "dee")),
    )
    flags = week_missed(sets, "2026-W53")
    assert flags[["client", "weeks"]].values.tolist() == [
        ["ana", 1], ["bo", 36], ["cy", 5], ["dee", 59]
    ]  # fmt: skip
    assert "the 36th week in a row without training" in flags["reason"].iloc[1]


def test_an_empty_log_raises_no_streak_flag():
    sets = make_sets(block("ana", "W53", "barbell_deadlift")).iloc[:0]
    for flags in (
        week_missed(sets, "2026-W53"),
        deadlift_not_first(sets, CATALOGUE, "2026-W53"),
        deadlift_jump(sets, CATALOGUE, SETTINGS, "2026-W53"),
    ):
        assert flags.empty and tuple(flags.columns) == FLAG_COLUMNS


def back_weeks(*counts):
    """Return a client's weeks W50 (Mon 7 Dec) on with ``counts`` pull-ups, one a week."""
    mondays = pd.date_range("2026-12-07", periods=len(counts), freq="7D")
    return make_sets(
        *(block("ana", str(m.date()), "pull_up", n) for m, n in zip(mondays, counts, strict=True))
    )


def test_a_sudden_drop_of_20_percent_against_the_four_weeks_before():
    assert (SETTINGS.drop_share, SETTINGS.drop_weeks) == (0.2, 4)
    # W50-W53 average (10 + 12 + 8 + 10) / 4 = 10; 8 in 2027-W01 is exactly 20 % under.
    sets = back_weeks(10, 12, 8, 10, 8)
    flags = volume_drop(sets, CATALOGUE, SETTINGS, "2027-W01")
    assert flags["reason"].item() == (
        "The whole back got 8 working sets this week, 20 % under its average of 10 a week "
        "over the 4 weeks before."
    )
    assert flags["headline"].item() == "Back sets 20 % under the 4-week average"
    assert volume_drop(back_weeks(10, 12, 8, 10, 9), CATALOGUE, SETTINGS, "2027-W01").empty
    # Three weeks of history are not four: no average to compare with.
    assert volume_drop(back_weeks(12, 8, 10, 1), CATALOGUE, SETTINGS, "2026-W53").empty
    # A second week in a row: 6 against (12 + 8 + 10 + 8) / 4 = 9.5, 36.8 % under.
    again = volume_drop(back_weeks(10, 12, 8, 10, 8, 6), CATALOGUE, SETTINGS, "2027-W02")
    assert again["weeks"].item() == 2 and "36.8 % under its average of 9.5" in (
        again["reason"].item()
    )


# ---------------------------------------------------------------- sentences and edges


def test_a_second_week_in_a_row_is_said_so():
    # Rhomboids on one day in W52 and W53; the lower back on none in both.
    sets = make_sets(*(block("ana", w, "seated_cable_row_wide", 3) for w in ("W52", "W53")))
    weekly = weekly_of(sets)
    assert reasons(not_trained(weekly, SETTINGS, "2026-W53"), "not_trained", "lower_back") == [
        "Lower back was not trained this week, the 2nd week in a row without any training day."
    ]
    assert reasons(under_guideline(weekly, SETTINGS, "2026-W53"), "under_guideline", "lats") == [
        "Lats were trained on 1 day this week, under the twice-a-week guideline. Lats have "
        "been under it for 2 weeks in a row."
    ]


def test_no_direct_sets_weeks_of_0_turns_the_flag_off():
    sets = make_sets(*(block("ana", w, "barbell_deadlift", 3) for w in ("W51", "W52", "W53")))
    assert set(no_direct_sets(weekly_of(sets), SETTINGS, "2026-W53")["group"]) == {
        "lats", "traps", "rhomboids"
    }  # fmt: skip
    off = Settings(no_direct_sets_weeks=0)
    assert no_direct_sets(weekly_of(sets), off, "2026-W53").empty


def test_back_work_without_pulls_names_no_biceps_sets_from_pulls():
    sets = make_sets(block("cy", "W53", "dumbbell_shrug", 3))
    assert no_biceps_work(weekly_of(sets), "2026-W53")["reason"].item() == (
        "The back was trained this week with no direct biceps work, such as curls; pair back "
        "days with a smaller group such as biceps."
    )


def test_an_imbalance_headline_gives_the_share_in_percent():
    sets = make_sets(*lopsided("ana", "W52"), *lopsided("ana", "W53"), *lopsided("ana", "W01"))
    flags = group_imbalance(weekly_of(sets), SETTINGS, "2027-W01")
    assert flags["headline"].item() == "Lower back 10.5 % of back sets"


def test_a_set_at_midnight_on_the_weeks_monday_is_logged_in_that_week():
    # A date-only export (FitNotes) puts every set at 00:00: Monday's sets open the week.
    sets = make_sets(*(block("ana", w, "pull_up", 3) for w in ("W52", "W53")))
    sets.loc[sets.index[-3:], "performed_at"] = pd.Timestamp("2026-12-28 00:00")
    flags = coaching_flags(weekly_of(sets), sets, CATALOGUE, SETTINGS, "2026-W53")
    assert set(flags["client"]) == {"ana"}
    assert "week_missed" not in set(flags["flag"])


def test_a_deadlift_jump_is_said_in_the_clients_unit():
    # W52 100 kg, W53 a deload at 60 kg, W01 115 kg: +15 % over W52's 100 kg.
    sets = make_sets(
        block("ana", "W52", "barbell_deadlift", 3, load=100, reps=5),
        block("ana", "W53", "barbell_deadlift", 3, load=60, reps=5),
        block("ana", "W01", "barbell_deadlift", 2, load=115, reps=3),
    )
    flags = deadlift_jump(sets, CATALOGUE, SETTINGS, "2027-W01", units={"ana": "lb"})
    # 60 kg is 132.3 lb, 115 kg 253.5 lb and 100 kg 220.5 lb (÷ 0.45359237).
    assert flags["reason"].tolist() == [
        "Barbell deadlift: the top set went from 132.3 lb last week to 253.5 lb this week "
        "(+15 % over 220.5 lb, the heaviest of the last 4 weeks), over the 10 % a week limit; "
        "build the load up slowly."
    ]
    assert flags["headline"].tolist() == ["Deadlift +15 % in a week"]


def test_a_week_is_missed_only_with_a_set_from_the_next_monday_on():
    # Pull-ups in W52, then one set at the very end of W53 or at the first second of W01.
    sets = make_sets(block("ana", "W52", "pull_up", 2), block("ana", "W01", "pull_up", 1))
    last = sets["performed_at"] == sets["performed_at"].max()
    for when, missed in (("2027-01-03 23:59:59", []), ("2027-01-04 00:00", [["ana", 1]])):
        moved = sets.assign(performed_at=sets["performed_at"].mask(last, pd.Timestamp(when)))
        assert week_missed(moved, "2026-W53")[["client", "weeks"]].values.tolist() == missed
