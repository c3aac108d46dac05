"""Syncing from a local fake of Hevy's API: a first sync, a second, edits and deletes."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hevy_clients import FAST, FIRST_DAY, MIA_KEY, backday_here, connect, mia_workout
from hevy_server import Fault

from backday_analysis import paths
from backday_analysis.datafolder.dataset import load_dataset
from backday_analysis.datafolder.hevy_state import read_cache, read_state
from backday_analysis.datafolder.hevy_sync import sync_clients
from backday_analysis.datafolder.import_records import read_records
from backday_analysis.metrics.weekly import weekly_volume


def log(folder) -> pd.DataFrame:
    return pd.read_csv(paths.log_path(folder, "mia"), dtype=str, keep_default_na=False)


def test_first_sync_reads_every_page_and_applies_the_import_rules(hevy, folder):
    # Refused once, with no wait asked: the wait is test_429_waits_as_long_as_retry_after_says's.
    hevy.faults.append(Fault("GET", "/v1/workouts", page=2, status=429, retry_after="0"))
    connect(folder, hevy.url)
    done = backday_here("sync", "--json", data=folder, url=hevy.url)
    assert done.returncode == 0, done.stderr
    [result] = json.loads(done.stdout)
    # 23 workouts on 3 pages of 10 (page 2 asked twice: once refused with 429).
    pages = [int(r["args"]["page"]) for r in hevy.requests("GET", "/v1/workouts")]
    assert pages == [1, 2, 2, 3]
    assert {r["args"]["pageSize"] for r in hevy.requests("GET", "/v1/workouts")} == {"10"}
    assert result["retries"] == 1
    assert (result["outcome"], result["mode"], result["workouts_listed"]) == ("ok", "first", 23)
    assert (result["sets_read"], result["sets_added"], result["non_set_rows"]) == (138, 115, 23)
    assert result["rejected"] == [] and result["import_id"] == "mia-1"

    rows = log(folder)
    assert len(rows) == 115
    first = rows.loc[rows["session_id"] == "hevy-w00-0000-4000-8000-000000000000"]
    # Dated at the workout's start in Amsterdam (UTC+2 in September), to the minute.
    assert set(first["performed_at"]) == {"2026-09-07 19:30:00"}
    # The built-in template's English title, not the German one the workout gives.
    assert list(first["exercise"]) == ["Lat Pulldown (Cable)"] * 4 + ["Back Extension Hold"]
    assert list(first["set_kind"]) == ["warmup", "working", "working", "failure", "working"]
    assert list(first["set_number"]) == ["1", "2", "3", "4", "1"]
    assert list(first["reps"]) == ["12", "10", "9", "7", "0"]
    assert list(first["weight"])[:4] == ["20", "50", "50", "50"]
    assert list(first["rpe"]) == ["", "8", "8.5", "10", ""]
    assert first["notes"].iloc[4] == "held 45 s"
    assert set(rows["import_id"]) == {"mia-1"} and set(rows["source"]) == {"hevy-api"}
    [record] = read_records(folder, "mia")
    assert (record.format, record.sets_added, record.first_date) == ("hevy-api", 115, "2026-09-07")
    assert record.last_date == "2026-09-29"

    # Warm-ups do not count: 3 working lat sets a day; the hold counts for the lower back.
    data = load_dataset(folder, clients=["mia"])
    weekly = weekly_volume(data.sets, data.catalogue, clients=["mia"])
    week = weekly.loc[weekly["week"] == "2026-W37"].set_index("group")
    assert week.at["lats", "direct_sets"] == 7 * 3
    assert week.at["lower_back", "direct_sets"] == 7 * 1
    assert week.at["lower_back", "tonnage_kg"] == 0
    state = read_state(folder, "mia")
    assert (state.last_outcome, state.since) == ("ok", state.last_success_at)
    cache = read_cache(folder, "mia")
    assert cache["templates"]["6A6C31A5"]["name"] == "Lat Pulldown (Cable)"
    assert cache["templates"]["C0FFEE01"] | {"first_seen": ""} == {
        "name": "Back Extension Hold",
        "title": "Back Extension Hold",
        "custom": True,
        "first_seen": "",
    }
    assert not [r for r in hevy.seen if r["key"] != MIA_KEY]


def test_a_second_sync_adds_nothing(hevy, folder, monkeypatch):
    connect(folder, hevy.url)
    [first] = sync_clients(folder, policy=FAST)
    before = paths.log_path(folder, "mia").read_bytes()
    [second] = sync_clients(folder, policy=FAST)
    assert (first.sets_added, second.mode) == (115, "changes")
    assert (second.sets_added, second.sets_removed, second.import_id) == (0, 0, None)
    assert paths.log_path(folder, "mia").read_bytes() == before
    assert len(read_records(folder, "mia")) == 1
    [events] = hevy.requests("GET", "/v1/workouts/events")
    assert events["args"]["since"] < read_state(folder, "mia").since  # asked with an overlap
    # Over a feed that repeats a workout (it was saved again unchanged), still nothing.
    hevy.save(MIA_KEY, mia_workout(3))
    [third] = sync_clients(folder, policy=FAST)
    assert (third.workouts_listed, third.workouts_unchanged, third.sets_added) == (1, 1, 0)
    assert paths.log_path(folder, "mia").read_bytes() == before


def test_an_edit_and_a_delete_arrive_through_events(hevy, folder):
    connect(folder, hevy.url)
    sync_clients(folder, policy=FAST)
    edited = mia_workout(5, reps=(12, 11, 8))
    edited["exercises"][0]["sets"].append(
        {"index": 4, "type": "dropset", "weight_kg": 35, "reps": 12, "rpe": None}
    )
    hevy.save(MIA_KEY, edited)
    hevy.save(MIA_KEY, mia_workout(9, reps=(10, 9, 6)))  # one rep fewer, nothing else
    hevy.delete(MIA_KEY, mia_workout(7)["id"])
    new = mia_workout(30)
    hevy.save(MIA_KEY, new)

    done = backday_here("sync", "--client", "mia", data=folder, url=hevy.url)
    assert done.returncode == 0, done.stderr
    assert "3 workouts updated and 1 deleted in Hevy" in done.stdout
    # Workout 5: its 5 sets replaced by 6; workout 9: 5 by 5; workout 7: 5 sets gone;
    # workout 30: 5 sets new.
    assert "16 sets added, 15 removed, 0 unchanged" in done.stdout
    rows = log(folder)
    assert len(rows) == 115 - 5 + 1 + 5
    nine = rows.loc[rows["session_id"] == "hevy-" + mia_workout(9)["id"]]
    assert list(nine["reps"]) == ["12", "10", "9", "6", "0"]
    five = rows.loc[rows["session_id"] == "hevy-" + edited["id"]]
    assert list(five["reps"]) == ["12", "12", "11", "8", "12", "0"]
    assert list(five["set_kind"])[4] == "drop"
    assert set(five["import_id"]) == {"mia-2"}
    assert not (rows["session_id"] == "hevy-" + mia_workout(7)["id"]).any()
    [_, record] = read_records(folder, "mia")
    assert (record.import_id, record.sets_added, record.sets_deleted) == ("mia-2", 16, 15)
    assert record.dialect == "changes"

    listed = backday_here("imports", "--client", "mia", data=folder)
    assert "16 sets added, 2026-09-12 to 2026-10-07, 15 removed (edited or deleted" in listed.stdout
    undone = backday_here("unimport", "mia-2", data=folder)
    assert undone.returncode == 0, undone.stderr
    assert "to make the log match Hevy again, run: backday sync --client mia --full" in (
        undone.stdout
    )
    assert len(log(folder)) == 115 - 15


@pytest.mark.parametrize("status", [500, 503])
def test_a_server_error_mid_way_is_retried(hevy, folder, status):
    connect(folder, hevy.url)
    hevy.faults.append(Fault("GET", "/v1/workouts", page=2, status=status, times=2))
    [result] = sync_clients(folder, policy=FAST)
    assert (result.outcome, result.sets_added, result.retries) == ("ok", 115, 2)


def test_a_500_that_outlasts_the_retries_changes_nothing_and_the_next_sync_resumes(hevy, folder):
    connect(folder, hevy.url)
    sync_clients(folder, policy=FAST)
    for day in (30, 31):
        hevy.save(MIA_KEY, mia_workout(day))
    hevy.faults.append(Fault("GET", "/v1/workouts/events", page=1, status=500, times=3))
    files = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and "hevy" not in p.parts}
    cache = read_cache(folder, "mia")
    since = read_state(folder, "mia").since

    [failed] = sync_clients(folder, policy=FAST)
    assert failed.outcome == "failed"
    assert failed.error == (
        "Hevy's server failed (HTTP 500) on GET /v1/workouts/events page 1 for client 'mia', "
        "tried 3 times; nothing was changed in the data folder for this client; run the "
        "command again later."
    )
    after = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and "hevy" not in p.parts}
    assert after == files and read_cache(folder, "mia") == cache
    state = read_state(folder, "mia")
    assert (state.since, state.last_outcome, state.last_error) == (since, "failed", failed.error)

    [resumed] = sync_clients(folder, policy=FAST)
    assert (resumed.outcome, resumed.sets_added, resumed.workouts_changed) == ("ok", 10, 2)
    assert resumed.since == since  # from the last good point, not from the failed attempt
    asked = [r["args"]["since"] for r in hevy.requests("GET", "/v1/workouts/events")]
    assert asked[-1] == asked[-2] < since  # the same moment again, with the overlap
    assert len(log(folder)) == 125


def test_first_sync_of_an_account_without_workouts(hevy, folder):
    hevy.accounts[MIA_KEY].workouts.clear()
    connect(folder, hevy.url)
    [result] = sync_clients(folder, policy=FAST)
    assert (result.outcome, result.workouts_listed, result.import_id) == ("ok", 0, None)
    assert not paths.log_path(folder, "mia").exists()
    assert read_state(folder, "mia").since


def test_the_start_is_in_the_clients_zone(hevy, folder):
    # 17:30 UTC on 7 September is 13:30 in New York (UTC-4 in summer).
    hevy.account("leo-key-0000-0000-000000000000", "Leo")
    hevy.accounts["leo-key-0000-0000-000000000000"].workouts = {
        "L1": mia_workout(0) | {"id": "L1", "start_time": f"{FIRST_DAY:%Y-%m-%dT%H:%M:%SZ}"}
    }
    connect(folder, hevy.url, "leo", "leo-key-0000-0000-000000000000")
    [result] = sync_clients(folder, ["leo"], policy=FAST)
    assert result.outcome == "ok"
    rows = pd.read_csv(paths.log_path(folder, "leo"), dtype=str, keep_default_na=False)
    assert set(rows["performed_at"]) == {"2026-09-07 13:30:00"}


def test_a_full_sync_brings_back_an_unimported_sync_and_drops_what_hevy_lost(hevy, folder):
    connect(folder, hevy.url)
    sync_clients(folder, policy=FAST)
    assert backday_here("unimport", "mia-1", data=folder).returncode == 0
    assert len(log(folder)) == 0
    [changes] = sync_clients(folder, policy=FAST)
    assert changes.sets_added == 0  # nothing changed in Hevy since
    del hevy.accounts[MIA_KEY].workouts[mia_workout(4)["id"]]  # gone, and no event says so
    done = backday_here("sync", "--client", "mia", "--full", "--json", data=folder, url=hevy.url)
    [full] = json.loads(done.stdout)
    assert (full["mode"], full["workouts_listed"], full["sets_added"]) == ("full", 22, 110)
    assert len(log(folder)) == 110 and full["import_id"] == "mia-2"


def test_a_workout_logged_while_the_pages_are_read_is_not_missed(hevy, folder):
    # Mia logs a workout while page 2 is on its way: it lands on page 1, read already, and
    # shifts the others; Hevy's count then differs from what was listed, so all is read again.
    new = mia_workout(40)
    hevy.faults.append(Fault("GET", "/v1/workouts", page=2, action=lambda: hevy.save(MIA_KEY, new)))
    connect(folder, hevy.url)
    [result] = sync_clients(folder, policy=FAST)
    assert (result.workouts_listed, result.sets_added) == (24, 120)
    pages = [r["args"]["page"] for r in hevy.requests("GET", "/v1/workouts")]
    assert pages == ["1", "2", "3", "1", "2", "3"]


def test_a_workout_with_an_unreadable_start_can_be_deleted(hevy, folder):
    # Its sets are rejected and its start is cached as unknown (""); its deletion once made
    # every later sync of the client stop on a bug.
    connect(folder, hevy.url)
    sync_clients(folder, policy=FAST)
    unreadable = mia_workout(30) | {"start_time": "yesterday"}
    hevy.save(MIA_KEY, unreadable)
    [listed] = sync_clients(folder, policy=FAST)
    assert (listed.outcome, listed.sets_added, len(listed.rejected)) == ("ok", 0, 6)
    assert read_cache(folder, "mia")["workouts"][unreadable["id"]] == ""
    hevy.delete(MIA_KEY, unreadable["id"])
    [deleted] = sync_clients(folder, policy=FAST)
    assert (deleted.outcome, deleted.workouts_deleted, deleted.sets_removed) == ("ok", 0, 0)
    assert unreadable["id"] not in read_cache(folder, "mia")["workouts"]
    assert len(log(folder)) == 115
