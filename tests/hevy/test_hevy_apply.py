"""Hevy workouts applied to a client's log, in-process, with results worked out by hand.

Ana lives in Berlin (UTC+1 in November): a workout Hevy starts at 17:30 UTC is logged at
18:30, and a Hevy CSV export of it has the session id ``hevy-20261117-183000``.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from backday_analysis.canonical import LOG_COLUMNS
from backday_analysis.datafolder.hevy_apply import apply_workouts, workout_mask
from backday_analysis.datafolder.merge import parse_existing
from backday_analysis.importers.hevy_workouts import workout_rows
from backday_analysis.importers.rows import ImportContext

ROW = "Seated Row (Cable)"
TODAY = dt.date(2026, 11, 30)
DAY_17 = "2026-11-17T17:30:00Z"
DAY_18 = "2026-11-18T17:30:00Z"


def workout(workout_id: str, start: str, *sets) -> dict:
    """Return a workout of seated rows as the API gives it; a set is (kg, reps, rpe)."""
    return {
        "id": workout_id,
        "title": f"Pull {workout_id}",
        "start_time": start,
        "exercises": [
            {
                "index": 0,
                "title": "Remo",
                "exercise_template_id": "T1",
                "sets": [
                    {"index": i, "type": "normal", "weight_kg": kg, "reps": reps, "rpe": rpe}
                    for i, (kg, reps, rpe) in enumerate(sets)
                ],
            }
        ],
    }


def batch(*workouts: dict):
    return workout_rows(
        list(workouts), ImportContext("ana", "kg", "Europe/Berlin"), {"T1": ROW}.get, "Hevy API"
    )


def row(session, when, number, weight, reps, rpe="", source="hevy-api", exercise=ROW) -> str:
    """Return a log line of a working set in kg."""
    return f"ana,{when},{session},{exercise},{number},working,{weight},kg,{reps},{rpe},,,{source}"


def log(*lines: str):
    return parse_existing("\n".join([",".join(LOG_COLUMNS), *lines]) + "\n", "ana", "kg", "log")


def apply(client_log, workouts, deleted=None, full=False):
    return apply_workouts(client_log, workouts, deleted or {}, full, "ana", "kg", TODAY)


def texts(rows: pd.DataFrame) -> list[list[str]]:
    """Return rows as text, checking they have the log's columns and are numbered from 0."""
    assert rows.columns.tolist() == list(LOG_COLUMNS)
    assert rows.index.tolist() == list(range(len(rows)))
    return rows.values.tolist()


def sets(applied) -> list[list[str]]:
    """Return the result's rows as session, time, set number, weight, reps, RPE and source."""
    picked = [LOG_COLUMNS.index(c) for c in ("session_id", "performed_at", "set_number")]
    picked += [LOG_COLUMNS.index(c) for c in ("weight", "reps", "rpe", "source")]
    return [[r[i] for i in picked] for r in texts(applied.rows)]


def counts(applied) -> tuple[int, ...]:
    """Return sets added, removed, unchanged, then workouts changed, unchanged, deleted."""
    return (
        applied.added,
        applied.removed,
        applied.unchanged,
        applied.workouts_changed,
        applied.workouts_unchanged,
        applied.workouts_deleted,
    )


A17 = "2026-11-17 18:30:00"
B18 = "2026-11-18 18:30:00"
PULL_A = workout("a", DAY_17, (50, 10, 8), (52.5, 8, None))
PULL_B = workout("b", DAY_18, (40, 12, None))
SYNCED_A = [row("hevy-a", A17, 1, 50, 10, 8), row("hevy-a", A17, 2, 52.5, 8)]
SYNCED_B = [row("hevy-b", B18, 1, 40, 12)]
STRONG = row("2026-11-10", "2026-11-10 07:00:00", 1, 30, 10, source="strong")


def test_a_first_sync_adds_every_set_in_the_workouts_order():
    applied = apply(log(), batch(PULL_A, PULL_B), full=True)
    assert sets(applied) == [
        ["hevy-a", A17, "1", "50", "10", "8", "hevy-api"],
        ["hevy-a", A17, "2", "52.5", "8", "", "hevy-api"],
        ["hevy-b", B18, "1", "40", "12", "", "hevy-api"],
    ]
    assert applied.start == 0
    assert counts(applied) == (3, 0, 0, 2, 0, 0)
    assert applied.typed["workout_id"].tolist() == ["a", "a", "b"]
    assert applied.typed["weight_kg"].tolist() == [50.0, 52.5, 40.0]
    assert applied.rejected == []


def test_a_workout_with_the_same_sets_is_counted_and_its_rows_left_as_they_are():
    # The log holds A's sets in another order: a workout's sets are compared as a whole.
    before = log(STRONG, SYNCED_A[1], SYNCED_A[0])
    applied = apply(before, batch(PULL_A))
    assert texts(applied.rows) == texts(before.rows)
    assert applied.start == 3
    assert counts(applied) == (0, 0, 2, 0, 1, 0)


def test_an_edited_workout_has_its_rows_replaced_after_the_kept_ones():
    # A's second set now has 9 reps; B is the same; the Strong row is no workout of Hevy's.
    edited = workout("a", DAY_17, (50, 10, 8), (52.5, 9, None))
    applied = apply(log(STRONG, *SYNCED_A, *SYNCED_B), batch(edited, PULL_B))
    assert sets(applied) == [
        ["2026-11-10", "2026-11-10 07:00:00", "1", "30", "10", "", "strong"],
        ["hevy-b", B18, "1", "40", "12", "", "hevy-api"],
        ["hevy-a", A17, "1", "50", "10", "8", "hevy-api"],
        ["hevy-a", A17, "2", "52.5", "9", "", "hevy-api"],
    ]
    assert applied.start == 2
    assert counts(applied) == (2, 2, 1, 1, 1, 0)


@pytest.mark.parametrize(
    ("logged", "sent", "changed"),
    [
        # Weights are compared to the hundredth of a kg.
        (row("hevy-a", A17, 1, 20, 10), (20.01, 10, None), True),
        (row("hevy-a", A17, 1, "60.506", 10), (60.51, 10, None), False),
        (row("hevy-a", A17, 1, "60.504", 10), (60.51, 10, None), True),
        (row("hevy-a", A17, 1, 20, 10, 8), (20, 10, 8.5), True),
        (row("hevy-a", A17, 1, 20, 10, 8), (20, 10, None), True),
        (row("hevy-a", A17, 1, 20, 10), (20, 10, 8), True),
        # An RPE of 1, typed by hand (Hevy's own go from 6), is not "no RPE".
        (row("hevy-a", A17, 1, 20, 10, 1), (20, 10, None), True),
        (row("hevy-a", A17, 1, 20, 10), (20, 11, None), True),
        # A set typed into the log by hand without a number is not Hevy's set 1.
        (row("hevy-a", A17, "", 20, 10), (20, 10, None), True),
        (row("hevy-a", A17, 2, 20, 10), (20, 10, None), True),
        # Names compare without case or extra spaces, times to the minute.
        (row("hevy-a", A17, 1, 20, 10, exercise="seated  row (CABLE)"), (20, 10, None), False),
        (row("hevy-a", "2026-11-17 18:30", 1, 20, 10), (20, 10, None), False),
        (row("hevy-a", "2026-11-17 18:31", 1, 20, 10), (20, 10, None), True),
    ],
)
def test_what_makes_a_set_changed(logged, sent, changed):
    applied = apply(log(logged), batch(workout("a", DAY_17, sent)))
    assert (applied.workouts_changed, applied.workouts_unchanged) == (int(changed), 1 - changed)
    assert (applied.added, applied.removed, applied.unchanged) == (
        (1, 1, 0) if changed else (0, 0, 1)
    )


def test_a_deleted_workout_loses_its_rows_and_one_never_synced_counts_for_nothing():
    applied = apply(
        log(*SYNCED_A, STRONG, *SYNCED_B),
        batch(),
        deleted={"a": "2026-11-17 18:30", "never-synced": None, "unreadable": ""},
    )
    assert sets(applied) == [
        ["2026-11-10", "2026-11-10 07:00:00", "1", "30", "10", "", "strong"],
        ["hevy-b", B18, "1", "40", "12", "", "hevy-api"],
    ]
    assert applied.start == 2
    assert counts(applied) == (0, 2, 0, 0, 0, 1)


def test_a_workout_listed_again_is_not_deleted_even_if_an_event_said_so():
    # Deleted and then restored in Hevy: the feed has both; the listed workout wins.
    applied = apply(log(*SYNCED_A), batch(PULL_A), deleted={"a": "2026-11-17 18:30"})
    assert counts(applied) == (0, 0, 2, 0, 1, 0)
    assert len(applied.rows) == 2


def test_a_log_row_whose_note_spans_two_lines_is_read_as_one_set():
    # A note typed into the log with a line break: Hevy's copy has no note, so A changed.
    noted = SYNCED_A[0][: -len(",,hevy-api")] + ',"slow\ntempo",hevy-api'
    applied = apply(log(noted, SYNCED_A[1], *SYNCED_B), batch(PULL_A, PULL_B))
    assert [r[0] for r in sets(applied)] == ["hevy-b", "hevy-a", "hevy-a"]
    assert applied.rows["notes"].tolist() == ["", "", ""]
    assert counts(applied) == (2, 2, 1, 1, 1, 0)


OLD_EXPORT = row("hevy-20261101-100000", "2026-11-01 10:00:00", 1, 45, 10, source="hevy")
SYNCED_C = [row("hevy-c", "2026-11-03 18:00:00", 1, 30, 8)]
SYNCED_D = [row("hevy-d", "2026-11-05 18:00:00", n, 30, 8) for n in (1, 2)]


def test_a_full_sync_drops_the_synced_workouts_hevy_no_longer_lists():
    before = log(STRONG, *SYNCED_C, SYNCED_A[0], OLD_EXPORT, SYNCED_D[0], SYNCED_A[1], SYNCED_D[1])
    applied = apply(before, batch(PULL_A), full=True)
    # C and D are gone (3 sets); the Strong row and the Hevy export's row are no sync's.
    sessions = [r[0] for r in sets(applied)]
    assert sessions == ["2026-11-10", "hevy-a", "hevy-20261101-100000", "hevy-a"]
    assert applied.start == 4
    assert counts(applied) == (0, 3, 2, 0, 1, 2)
    # A sync of changes lists only what changed: it removes nothing of C or D.
    changes = apply(before, batch(PULL_A))
    assert texts(changes.rows) == texts(before.rows)
    assert counts(changes) == (0, 0, 2, 0, 1, 0)


EXPORTED_A = [
    row("hevy-20261117-183000", A17, 1, 50, 10, 8, source="hevy"),
    row("hevy-20261117-183000", A17, 2, 52.5, 8, source="hevy"),
]
EXPORTED_B = [row("hevy-20261118-183000", B18, 1, 40, 12, source="hevy")]


def test_a_workout_imported_from_a_hevy_export_is_not_added_twice():
    before = log(*EXPORTED_A, *EXPORTED_B)
    applied = apply(before, batch(PULL_A))
    assert texts(applied.rows) == texts(before.rows)
    assert counts(applied) == (0, 0, 2, 0, 1, 0)


def test_an_exported_workout_edited_in_hevy_is_replaced_by_its_synced_sets():
    edited = workout("a", DAY_17, (50, 10, 8), (55, 8, None))
    applied = apply(log(*EXPORTED_A, *EXPORTED_B), batch(edited))
    assert sets(applied) == [
        ["hevy-20261118-183000", B18, "1", "40", "12", "", "hevy"],
        ["hevy-a", A17, "1", "50", "10", "8", "hevy-api"],
        ["hevy-a", A17, "2", "55", "8", "", "hevy-api"],
    ]
    assert counts(applied) == (2, 2, 0, 1, 0, 0)


def test_an_exported_workout_deleted_in_hevy_is_removed_by_its_start():
    applied = apply(log(*EXPORTED_A, *EXPORTED_B), batch(), deleted={"a": "2026-11-17 18:30"})
    assert [r[0] for r in sets(applied)] == ["hevy-20261118-183000"]
    assert counts(applied) == (0, 2, 0, 0, 0, 1)


def test_a_workouts_rows_are_its_synced_ones_and_an_exports_of_the_same_start():
    rows = log(
        SYNCED_A[0],
        EXPORTED_A[0],
        EXPORTED_B[0],
        STRONG,
        row("hevy-20261117-183000", A17, 1, 50, 10, source="strong"),
    ).rows
    start = pd.Timestamp("2026-11-17 18:30")
    assert workout_mask(rows, "a", start).tolist() == [True, True, False, False, False]
    assert workout_mask(rows, "a", "2026-11-17 18:30").tolist() == [True, True] + [False] * 3
    # A start not known: the cache keeps "" for a workout whose start Hevy sent unreadable.
    for unknown in (None, pd.NaT, ""):
        assert workout_mask(rows, "a", unknown).tolist() == [True] + [False] * 4


def test_rejected_sets_are_named_by_workout_day_exercise_and_set():
    # 2,000 kg is refused as Hevy sends it; a start after tomorrow by the log's rules.
    heavy = workout("h", DAY_18, (40, 12, None), (2000, 1, None))
    later = workout("f", "2026-12-05T09:00:00Z", (40, 12, None))
    unreadable = workout("u", "yesterday", (40, 12, None))
    applied = apply(log(), batch(PULL_A, heavy, later, unreadable))
    assert applied.rejected == [
        {
            "where": f"workout 'Pull h' of 2026-11-18, {ROW} set index 1",
            "reason": "the weight 2000 kg is more than 1000 kg",
        },
        {
            "where": f"workout 'Pull u' of an unreadable day, {ROW} set index 0",
            "reason": "the start_time 'yesterday' is not an ISO 8601 time",
        },
        {
            "where": f"workout 'Pull f' of 2026-12-05, {ROW} set index 0",
            "reason": "performed_at '2026-12-05 10:00:00' is in the future",
        },
    ]
    assert [r[0] for r in sets(applied)] == ["hevy-a", "hevy-a", "hevy-h"]
    assert applied.typed["workout_id"].tolist() == ["a", "a", "h"]


def test_a_new_workout_with_every_set_rejected_is_not_counted_unchanged():
    # 'f' starts after tomorrow (refused by the log's rules), 'u' has an unreadable start
    # (refused as Hevy sent it): neither is in the log, and neither brings a set.
    later = workout("f", "2026-12-05T09:00:00Z", (40, 12, None))
    unreadable = workout("u", "yesterday", (40, 12, None))
    applied = apply(log(), batch(PULL_A, later, unreadable))
    assert counts(applied) == (2, 0, 0, 1, 0, 0)
    assert (applied.workouts_kept, applied.workouts_without_sets) == (0, 2)
    assert len(applied.rejected) == 2


def test_a_synced_workout_whose_every_new_set_is_rejected_keeps_its_rows():
    # A, edited in Hevy to 2,000 kg on both sets: both are refused, so the log keeps A as it
    # was rather than lose it to nothing.
    before = log(STRONG, *SYNCED_A, *SYNCED_B)
    heavy = workout("a", DAY_17, (2000, 10, 8), (2000, 8, None))
    applied = apply(before, batch(heavy, PULL_B))
    assert texts(applied.rows) == texts(before.rows)
    assert counts(applied) == (0, 0, 1, 0, 1, 0)
    assert (applied.workouts_kept, applied.workouts_without_sets) == (1, 0)
    assert [r["where"] for r in applied.rejected] == [
        f"workout 'Pull a' of 2026-11-17, {ROW} set index 0",
        f"workout 'Pull a' of 2026-11-17, {ROW} set index 1",
    ]


def test_a_synced_workout_with_one_set_rejected_is_replaced_by_the_rest():
    before = log(*SYNCED_A)
    half = workout("a", DAY_17, (50, 10, 8), (2000, 8, None))
    applied = apply(before, batch(half))
    assert sets(applied) == [["hevy-a", A17, "1", "50", "10", "8", "hevy-api"]]
    assert counts(applied) == (1, 2, 0, 1, 0, 0)
    assert (applied.workouts_kept, applied.workouts_without_sets) == (0, 0)
