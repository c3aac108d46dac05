"""The deadlift's top-set jump: only this week against the one before, at its boundaries.

Sets are built with tests/test_flags.py's helpers (weeks: W51 Mon 14 Dec, W52 Mon 21 Dec,
W53 Mon 28 Dec 2026).
"""

from __future__ import annotations

import pandas as pd
from test_flags import CATALOGUE, SETTINGS, block, make_sets

from backday_analysis.metrics.deadlift_flags import deadlift_jump, top_sets


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
