"""Next week in the client's app: the routine, written once (POST) and updated after (PUT)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hevy_clients import FAST, MIA_KEY, backday, backday_here, connect

from backday_analysis.datafolder.hevy_plan import write_routine
from backday_analysis.datafolder.hevy_state import read_state, write_state
from backday_analysis.datafolder.hevy_sync import sync_clients
from backday_analysis.views.client_week import client_week
from backday_analysis.views.hevy_routine import (
    TITLE,
    client_routine,
    for_update,
    plan_items,
    routine,
)
from backday_analysis.views.next_week import client_advice

EXPECTED = [  # Mia's week 2026-W40 (Monday and Tuesday): template, sets, reps, in plan order
    ("ABEC557F", 3, 12),  # twice_a_week: trapezius not trained: dumbbell shrug 3 × 12–15
    ("C3BCABB3", 3, 10),  # direct_sets: rhomboids: wide-grip seated cable row 3 × 10–12
    # group_minimum: hamstrings 1 fractional set, under the minimum 6 for weeks: 5 more sets
    # (the volume rule's 2 back sets are in the shrugs and rows above, so it adds none)
    ("B8127AD1", 5, 10),
    ("37FCC2BB", 3, 10),  # biceps_pairing: dumbbell curl 3 × 10–12
]


def synced(hevy, folder):
    connect(folder, hevy.url)
    [result] = sync_clients(folder, policy=FAST)
    assert result.outcome == "ok"


def shape(stored: dict) -> list[tuple]:
    return [
        (e["exercise_template_id"], len(e["sets"]), e["sets"][0]["reps"])
        for e in stored["exercises"]
    ]


def test_a_plan_written_twice_makes_one_post_and_one_put(hevy, folder):
    synced(hevy, folder)
    first = backday_here("plan", "--client", "mia", "--to-hevy", data=folder, url=hevy.url)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[-1] == "mia: routine created in Hevy (4 exercises, id r1)."
    assert "  lying leg curl (machine): 5 × 10–12 (group_minimum)" in first.stdout
    assert "  shrug (dumbbell): 3 × 12–15 (twice_a_week)" in first.stdout
    second = backday_here("plan", "--client", "mia", "--to-hevy", data=folder, url=hevy.url)
    assert second.stdout.splitlines()[-1] == "mia: routine updated in Hevy (4 exercises, id r1)."
    assert len(hevy.requests("POST", "/v1/routines")) == 1
    assert len(hevy.requests("PUT", "/v1/routines/r1")) == 1
    [stored] = hevy.accounts[MIA_KEY].routines.values()
    assert stored["title"] == TITLE == "Next week — backday"
    assert shape(stored) == EXPECTED
    assert stored["notes"].startswith("backday's advice for the week after 2026-W40")
    shrug = stored["exercises"][0]["notes"]
    assert shrug.startswith("Monday and Tuesday: Shrug (dumbbell) 3 × 12–15. Rule (twice_a_week)")
    assert shrug.endswith("train each muscle group twice a week (seed article)")
    state = read_state(folder, "mia")
    assert (state.routine_id, state.routine_week) == ("r1", "2026-W40")


def test_a_dry_run_prints_the_json_and_sends_nothing(hevy, folder):
    synced(hevy, folder)
    done = backday_here(
        "plan", "--client", "mia", "--to-hevy", "--dry-run", data=folder, url=hevy.url
    )
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)["routine"]
    assert (body["title"], body["folder_id"], shape(body)) == (TITLE, None, EXPECTED)
    assert not [r for r in hevy.seen if r["path"].startswith("/v1/routines")]
    assert read_state(folder, "mia").routine_id == ""


def plan(folder) -> str:
    """Write Mia's routine in this process, as ``backday plan --to-hevy`` does."""
    report, _, body, _ = client_routine("mia", "latest", str(folder))
    written = write_routine("mia", body, for_update(body), report.week, folder, policy=FAST)
    return f"{written.action} {written.routine_id}"


def test_the_routine_limit_is_one_sentence(hevy, folder):
    synced(hevy, folder)
    hevy.accounts[MIA_KEY].routine_limit = 0
    done = backday("plan", "--client", "mia", "--to-hevy", data=folder, url=hevy.url)
    assert done.returncode == 2
    assert done.stderr == (
        "error: Hevy refused to create the routine for client 'mia' (HTTP 403): the account "
        "has reached its routine limit; ask the client to delete a routine in Hevy, then run "
        "the plan again.\n"
    )
    assert read_state(folder, "mia").routine_id == ""


def test_a_routine_deleted_in_the_app_is_made_again(hevy, folder):
    synced(hevy, folder)
    assert plan(folder) == "created r1"
    hevy.accounts[MIA_KEY].routines.clear()
    assert plan(folder) == "created r2"
    assert list(hevy.accounts[MIA_KEY].routines) == ["r2"]
    assert [r["method"] for r in hevy.seen if r["path"].startswith("/v1/routines")] == [
        "GET",
        "POST",
        "PUT",
        "POST",
    ]


def test_a_lost_routine_id_is_found_by_title_not_made_twice(hevy, folder):
    synced(hevy, folder)
    assert plan(folder) == "created r1"
    state = read_state(folder, "mia")
    state.routine_id = ""  # a data folder restored from before the first plan
    write_state(folder, state)
    assert plan(folder) == "updated r1"
    assert len(hevy.requests("POST", "/v1/routines")) == 1
    assert read_state(folder, "mia").routine_id == "r1"


def test_suggestions_without_a_template_are_listed_not_sent():
    items = pd.DataFrame(
        [
            (
                "twice_a_week",
                "lats",
                "pull_up",
                "pull-up",
                3,
                "6–10",
                "Lats: … Add pull-up, 3 × 6–10.",
            ),
            ("deadlift_first", "lower_back", "", "", 0, "", "Lower back: deadlift first."),
            ("direct_sets", "traps", "face_pull", "face pull", 2, "12–15", "Traps: … face pull."),
        ],
        columns=["rule", "group", "exercise_id", "exercise", "sets", "reps", "text"],
    )
    body, unsent = routine(items, {"face_pull": ("BE640BA0", "Face Pull")}, "2026-W40")
    assert [e["exercise_template_id"] for e in body["routine"]["exercises"]] == ["BE640BA0"]
    assert [s["reps"] for s in body["routine"]["exercises"][0]["sets"]] == [12, 12]
    assert unsent.to_dict("records") == [
        {"exercise": "pull-up", "reason": "no Hevy template maps to this exercise"}
    ]
    assert body["routine"]["notes"].endswith("Lower back: deadlift first.")


@pytest.mark.slow  # every demo client's plan
def test_the_adapter_gives_every_exercise_the_plan_names(demo_data):
    # Every demo client's plan for the latest week: each exercise the page's plan adds or
    # moves reaches the routine with the sets × reps the page says.
    found = 0
    for client in ("ava", "ben", "cleo", "dev", "eli", "fay", "gus", "hana"):
        report = client_week(client, "latest", str(demo_data))
        items = plan_items(report)
        plan = " ".join(client_advice(report)["Next week"])
        for item in items.loc[items["exercise_id"] != ""].itertuples(index=False):
            said = f"{item.exercise} {item.sets} × {item.reps}"
            assert said in plan if item.reps else f"{item.sets} sets of {item.exercise}" in plan
            found += 1
        assert (items.loc[items["exercise_id"] == "", "sets"] == 0).all()
    assert found > 0
