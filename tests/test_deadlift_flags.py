"""The deadlift's top-set jump: only this week against the one before, at its boundaries.

Sets are built with tests/test_flags.py's helpers (weeks: W51 Mon 14 Dec, W52 Mon 21 Dec,
W53 Mon 28 Dec 2026).
"""

from __future__ import annotations

import pandas as pd
from test_flags import CATALOGUE, SETTINGS, block, make_sets

from backday_analysis.metrics import flag_table
from backday_analysis.metrics.deadlift_flags import deadlift_jump, deadlift_not_first, top_sets


def jump(*blocks):
    return deadlift_jump(make_sets(*blocks), CATALOGUE, SETTINGS, "2026-W53")


def test_this_week_is_compared_with_the_heaviest_of_the_last_four_weeks_only():
    # W48 (Wed 25 Nov) 140 kg is five weeks back and does not count: 100 -> 115 kg is +15 %, a flag.
    flags = jump(
        block("ana", "2026-11-25", "barbell_deadlift", 1, load=140, reps=3),
        block("ana", "W52", "barbell_deadlift", 1, load=100, reps=3),
        block("ana", "W53", "barbell_deadlift", 1, load=115, reps=3),
    )
    assert flags["client"].tolist() == ["ana"]
    assert "100 kg" in flags["reason"].item() and "115 kg" in flags["reason"].item()


def test_a_return_from_a_deload_week_is_no_jump():
    # W51 140 kg, deload W52 100 kg, W53 115 kg: below W51's 140 kg, so no flag.
    flags = jump(
        block("ana", "W51", "barbell_deadlift", 1, load=140, reps=3),
        block("ana", "W52", "barbell_deadlift", 1, load=100, reps=3),
        block("ana", "W53", "barbell_deadlift", 1, load=115, reps=3),
    )
    assert flags.empty


def test_a_set_at_monday_midnight_belongs_to_the_new_week():
    sets = make_sets(
        block("ana", "W52", "barbell_deadlift", 1, load=100, reps=3),
        block("ana", "W53", "barbell_deadlift", 1, load=120, reps=3),
    )
    sets.loc[1, "performed_at"] = pd.Timestamp("2026-12-28 00:00")
    flags = deadlift_jump(sets, CATALOGUE, SETTINGS, "2026-W53")
    assert flags["client"].tolist() == ["ana"]  # 100 -> 120 kg: +20 %


def test_no_flag_after_a_week_whose_top_set_had_no_weight():
    flags = jump(
        block("ana", "W52", "barbell_deadlift", 2, load=0, reps=5),  # logged without a load
        block("ana", "W53", "barbell_deadlift", 2, load=60, reps=5),
    )
    assert flags.empty


def test_just_over_ten_percent_is_a_jump():
    flags = jump(
        block("ana", "W52", "barbell_deadlift", 1, load=100, reps=3),
        block("ana", "W53", "barbell_deadlift", 1, load=110.5, reps=3),  # +10.5 %
    )
    assert flags["client"].tolist() == ["ana"]


def test_log_line_orders_sets_of_one_time_and_the_first_deadlift_set_counts():
    from backday_analysis.metrics.deadlift_flags import deadlift_not_first

    # One workout time for all sets (as Strong writes): the log line gives the order.
    sets = make_sets(
        block("ana", "W53", "barbell_deadlift", 2, load=100, reps=5, session="s"),
        block("ana", "W53", "bench_press", 3, load=70, session="s"),
        block("ana", "W53", "barbell_deadlift", 1, load=100, reps=5, session="s"),
    )
    assert deadlift_not_first(sets, CATALOGUE, "2026-W53").empty  # deadlift first, then again
    shuffled = sets.iloc[[2, 3, 4, 0, 1, 5]]  # rows out of log-line order
    assert deadlift_not_first(shuffled, CATALOGUE, "2026-W53").empty
    late = make_sets(
        block("ana", "W53", "bench_press", 3, load=70, session="s"),
        block("ana", "W53", "barbell_deadlift", 2, load=100, reps=5, session="s"),
    )
    [reason] = deadlift_not_first(late, CATALOGUE, "2026-W53")["reason"].tolist()
    assert "bench press" in reason and "(" not in reason  # one deadlift session: no count
    assert "Mon 28 Dec;" in reason


def test_top_sets_of_two_clients_by_hand():
    # ana: W51 1 kg (a band or a bare handle), W52 2 kg: +100 % over a best of 1 kg.
    # bo: W52 100 kg, W53 110 kg: +10 %. Their rows are numbered 0 to 3, one table.
    sets = make_sets(
        block("ana", "W51", "barbell_deadlift", 1, load=1, reps=10),
        block("ana", "W52", "barbell_deadlift", 1, load=2, reps=10),
        block("bo", "W52", "barbell_deadlift", 2, load=100, reps=3),
        block("bo", "W53", "barbell_deadlift", 1, load=110, reps=3),
    )
    table = top_sets(sets, CATALOGUE, "2026-W53")
    assert table.index.tolist() == [0, 1, 2, 3]
    assert table["week"].tolist() == ["2026-W51", "2026-W52", "2026-W52", "2026-W53"]
    assert table["now"].tolist() == [1.0, 2.0, 100.0, 110.0]
    assert table["rise"].round(6).fillna(-1).tolist() == [-1, 1.0, -1, 0.1]


# ------------------------------------------------ streaks longer than the first window
# The flags look at the last 32 weeks first (W22-W53 for W53: Mon 25 May to Sun 3 Jan) and
# widen to 128, 512, ... only while a streak reaches their first week. Monday k weeks before
# W53 is W53-k: W22 is W53-31, W18 W53-35.


def test_the_first_window_is_32_weeks():
    assert flag_table.STREAK_WEEKS == 32  # the numbers below are worked out for it


def monday(weeks_before: int) -> str:
    return str((pd.Timestamp("2026-12-28") - pd.Timedelta(weeks=weeks_before)).date())


def late_session(client, weeks_before, late=True):
    day = monday(weeks_before)
    first, then = ("bench_press", "barbell_deadlift") if late else ("barbell_deadlift", "pull_up")
    return [*block(client, day, first), *block(client, day, then, load=100, reps=5)]


def late_weeks(late: int, weeks: int = 60, client="ana"):
    """Return ``weeks`` weekly sessions up to W53, the deadlift late in the last ``late``."""
    return [late_session(client, k, late=k < late) for k in range(weeks - 1, -1, -1)]


def test_a_late_deadlift_streak_is_counted_past_the_first_windows_edge():
    # 60 weeks, late in the last 31, 32 (W22-W53: the whole first window), 33 and 35.
    for late in (31, 32, 33, 35):
        flags = deadlift_not_first(make_sets(*late_weeks(late)), CATALOGUE, "2026-W53")
        assert flags["weeks"].tolist() == [late]


def test_each_clients_late_streak_is_counted_in_one_frame():
    # Bo's 35 weeks widen the window; Ana's 3 weeks stay what they were.
    sets = make_sets(*late_weeks(3, client="ana"), *late_weeks(35, client="bo"))
    flags = deadlift_not_first(sets, CATALOGUE, "2026-W53")
    assert flags[["client", "weeks"]].values.tolist() == [["ana", 3], ["bo", 35]]


def test_a_session_across_the_windows_start_is_judged_whole():
    # W22's session began on Sunday 24 May 23:50 (W21) with a bench press; its deadlift came
    # at midnight, Monday 25 May, the first window's first instant. Late in W22-W53: 32 weeks.
    sets = make_sets(*late_weeks(32))
    crossing = (sets["performed_at"].dt.date.astype(str) == monday(31)).to_numpy()
    assert sets.loc[crossing, "exercise_id"].tolist() == ["bench_press", "barbell_deadlift"]
    sets.loc[crossing, "performed_at"] = [
        pd.Timestamp("2026-05-24 23:50"),
        pd.Timestamp("2026-05-25 00:00"),
    ]
    flags = deadlift_not_first(sets, CATALOGUE, "2026-W53")
    assert flags["weeks"].tolist() == [32]
    assert "bench press on Mon 28 Dec" in flags["reason"].item()


def rising(base: float, loads: dict[int, float]):
    """Return a deadlift top set a week, by weeks before W53: ``base`` kg, else ``loads``."""
    weekly = {k: base for k in range(59, -1, -1)} | loads
    return make_sets(
        *(block("ana", monday(k), "barbell_deadlift", load=v, reps=3) for k, v in weekly.items())
    )


def test_a_jump_streak_is_counted_past_the_first_windows_edge():
    # 2 kg up to W15, then +11 % a week for 38 weeks (W16-W53): 38 jumps in a row, longer
    # than the first window and the four reference weeks before it.
    loads = {k: round(2 * 1.11 ** (38 - k), 2) for k in range(37, -1, -1)}
    flags = deadlift_jump(rising(2, loads), CATALOGUE, SETTINGS, "2026-W53")
    assert flags["weeks"].tolist() == [38]


def test_a_jump_whose_reference_week_is_just_before_the_window():
    # W22, the first window's first week, lifts 2 kg after W18's 1 kg and three weeks logged at
    # 0 kg: +100 % over W18, four weeks back, outside the window. Then +11 % a week, 31 times
    # (W23-W53, 2.22 kg to 50.8 kg): 32 jumps in a row, W22-W53.
    loads = {35: 1, 34: 0, 33: 0, 32: 0} | {k: round(2 * 1.11 ** (31 - k), 2) for k in range(32)}
    flags = deadlift_jump(rising(1, loads), CATALOGUE, SETTINGS, "2026-W53")
    assert flags["weeks"].tolist() == [32]
    assert "to 50.8 kg this week (+11 %)" in flags["reason"].item()


def test_a_week_without_a_deadlift_raises_neither_flag_whatever_came_before():
    from backday_analysis.metrics.deadlift_flags import deadlifted

    # W52: a late deadlift (after rows) and a jump from W51; W53 (28 Dec - 3 Jan): rows only.
    sets = make_sets(
        block("ana", "W51", "barbell_deadlift", 1, load=100, reps=3),
        block("ana", "W52", "barbell_row", 2, load=60, reps=8),
        block("ana", "W52", "barbell_deadlift", 1, load=130, reps=3),
        block("ana", "W53", "barbell_row", 2, load=60, reps=8),
    )
    assert deadlift_not_first(sets, CATALOGUE, "2026-W52")["client"].tolist() == ["ana"]
    assert deadlift_jump(sets, CATALOGUE, SETTINGS, "2026-W52")["client"].tolist() == ["ana"]
    assert not deadlifted(sets, CATALOGUE, "2026-W53")
    assert deadlift_not_first(sets, CATALOGUE, "2026-W53").empty
    assert deadlift_jump(sets, CATALOGUE, SETTINGS, "2026-W53").empty
    assert list(deadlift_jump(sets, CATALOGUE, SETTINGS, "2026-W53")) == list(
        flag_table.FLAG_COLUMNS
    )
    # The week's edges: its last second counts, the next Monday's first does not.
    dead = sets["exercise_id"] == "barbell_deadlift"
    for when, counted in (("2027-01-03 23:59:59", True), ("2027-01-04 00:00", False)):
        moved = sets.assign(performed_at=sets["performed_at"].mask(dead, pd.Timestamp(when)))
        assert deadlifted(moved, CATALOGUE, "2026-W53") is counted


def test_a_session_id_belongs_to_one_client():
    # Both clients call their W53 Monday session "s"; only Bo's deadlift came late. Bo also
    # deadlifted first on Thursday: 2 deadlift sessions that week, 1 of them late.
    sets = make_sets(
        block("ana", "W53", "barbell_deadlift", 2, load=100, reps=5, session="s"),
        block("ana", "W53", "bench_press", 3, load=70, session="s"),
        block("bo", "W53", "bench_press", 3, load=70, session="s"),
        block("bo", "W53", "barbell_deadlift", 2, load=100, reps=5, session="s"),
        block("bo", "W53+3", "barbell_deadlift", 2, load=100, reps=5, session="t"),
    )
    flags = deadlift_not_first(sets, CATALOGUE, "2026-W53")
    assert flags["client"].tolist() == ["bo"]
    assert "(1 of 2 deadlift sessions this week)" in flags["reason"].item()


def test_the_late_deadlifts_first_exercise_is_the_first_worked_after_the_warm_up():
    # Warm-up work (a warm-up entry, a warm-up set of pull-ups) opens the session; its first
    # working set of another exercise is the bench press (the 3rd of 6 sets), then deadlifts.
    sets = make_sets(
        block("ana", "W53", "warm_up", 1, session="s"),
        block("ana", "W53", "pull_up", 1, load=0, kind="warmup", session="s"),
        block("ana", "W53", "bench_press", 1, load=70, session="s"),
        block("ana", "W53", "barbell_deadlift", 3, load=100, reps=5, session="s"),
    )
    [reason] = deadlift_not_first(sets, CATALOGUE, "2026-W53")["reason"].tolist()
    assert reason.startswith("The deadlift came after bench press on Mon 28 Dec;")


def test_late_sessions_at_the_same_time_are_named_in_session_id_order():
    # A date-only log with session ids: two sessions on Monday at the same time, both with
    # the deadlift late, listed "b" before "a". The flag names session "a"'s first exercise.
    sets = make_sets(
        block("ana", "W53", "bench_press", 1, load=70, session="b"),
        block("ana", "W53", "barbell_deadlift", 1, load=100, reps=5, session="b"),
        block("ana", "W53", "pull_up", 1, load=0, session="a"),
        block("ana", "W53", "barbell_deadlift", 1, load=100, reps=5, session="a"),
    )
    flags = deadlift_not_first(sets, CATALOGUE, "2026-W53")
    assert flags["headline"].tolist() == ["Deadlift after pull-up"]
    assert "(2 of 2 deadlift sessions this week)" in flags["reason"].item()
