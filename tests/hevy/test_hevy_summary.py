"""A client's sync told to a person: the lines for workouts that brought no set."""

from __future__ import annotations

from backday_analysis.datafolder.hevy_summary import SyncResult, format_result


def test_kept_and_setless_workouts_each_get_a_line_and_the_sets_still_add_up():
    # Four workouts listed: one new with 4 sets, one held in the log whose 2 new sets were
    # both refused (kept), two new whose only set was refused (nothing to add).
    result = SyncResult(
        client="ana", outcome="ok", synced_at="2026-12-06T03:00:00Z", mode="first",
        workouts_listed=4, workouts_changed=1, workouts_kept=1, workouts_without_sets=2,
        sets_read=8, sets_added=4,
        rejected=[{"where": f"set {n}", "reason": "the weight 2000 kg is more than 1000 kg"}
                  for n in (1, 2, 3, 4)],
    )  # fmt: skip
    assert result.balanced
    lines = format_result(result).splitlines()
    assert lines[0] == "ana: first sync: 4 workouts in Hevy; 4 sets added, 0 removed, 0 unchanged"
    assert (
        lines[1]
        == "  kept as the log holds them (1 workout): every set Hevy sent of them was rejected"
    )
    assert lines[2] == "  no set to add (2 workouts new to the log)"
    assert lines[3] == "  rejected set 1: the weight 2000 kg is more than 1000 kg"


def test_a_sync_with_no_such_workout_says_nothing_of_them():
    result = SyncResult(client="ana", outcome="ok", synced_at="", mode="full", sets_read=0)
    assert (
        format_result(result)
        == "ana: full sync: 0 workouts in Hevy; nothing changed (0 sets already in the log)"
    )
