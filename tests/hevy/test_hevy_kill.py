"""A sync killed half-way changes nothing, and the next one resumes: real processes, SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from hevy_clients import BACKDAY, backday, connect
from hevy_server import Fault

from backday_analysis import paths
from backday_analysis.datafolder.hevy_state import read_state
from backday_analysis.datafolder.import_records import read_records
from backday_analysis.datafolder.lock import LOCK_FILE_NAME, data_folder_lock
from backday_analysis.importers.hevy_api import BASE_URL_ENV

# Real processes killed mid-sync, or waiting on a lock this process holds: seconds each.
pytestmark = pytest.mark.slow


def snapshot(folder) -> dict[str, bytes]:
    files = (p for p in folder.rglob("*") if p.is_file() and p.name != LOCK_FILE_NAME)
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def test_a_sync_killed_while_paging_changes_nothing_and_runs_again(hevy, folder):
    connect(folder, hevy.url)
    before = snapshot(folder)
    held = threading.Event()
    hevy.faults.append(Fault("GET", "/v1/workouts", page=2, hold=held))
    process = subprocess.Popen(
        [*BACKDAY, "sync", "--data", str(folder)],
        env={**os.environ, BASE_URL_ENV: hevy.url},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while not [r for r in hevy.requests("GET", "/v1/workouts") if r["args"]["page"] == "2"]:
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)  # page 1 is read, page 2 is on its way
    assert process.wait(30) == -signal.SIGKILL
    held.set()
    assert snapshot(folder) == before

    again = backday("sync", "--json", data=folder, url=hevy.url)
    assert again.returncode == 0, again.stderr
    [result] = json.loads(again.stdout)
    assert (result["mode"], result["sets_added"], result["import_id"]) == ("first", 115, "mia-1")
    assert [r.import_id for r in read_records(folder, "mia")] == ["mia-1"]
    assert not list(folder.rglob(".*.part"))


# Runs the command line and SIGKILLs itself right after the client's log is moved into
# place, before the sync state (where the next sync starts) is written.
KILLER = """
import os, signal, sys
target = sys.argv[1]
real_replace = os.replace
def replace(source, destination):
    result = real_replace(source, destination)
    if os.path.basename(destination) == target:
        os.kill(os.getpid(), signal.SIGKILL)
    return result
os.replace = replace
sys.argv = ["backday", *sys.argv[2:]]
from backday_analysis.cli.commands import main
main()
"""


def test_a_sync_killed_after_the_log_is_written_is_completed_by_the_next(hevy, folder):
    connect(folder, hevy.url)
    killed = subprocess.run(
        [sys.executable, "-c", KILLER, "mia.csv", "sync", "--data", str(folder)],
        env={**os.environ, BASE_URL_ENV: hevy.url},
        capture_output=True,
        timeout=300,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    log_file = paths.log_path(folder, "mia")
    written = log_file.read_bytes()
    assert written.count(b"\n") == 116 and read_state(folder, "mia").since == ""

    again = backday("sync", "--json", data=folder, url=hevy.url)
    assert again.returncode == 0, again.stderr
    [result] = json.loads(again.stdout)
    # Asked from the last good point (none: all workouts again), each found in the log.
    assert (result["mode"], result["workouts_unchanged"], result["sets_added"]) == ("first", 23, 0)
    assert result["import_id"] is None
    assert log_file.read_bytes() == written
    assert [r.import_id for r in read_records(folder, "mia")] == ["mia-1"]
    assert read_state(folder, "mia").since


def test_sync_and_connect_wait_for_the_data_folder_s_lock(hevy, folder):
    connect(folder, hevy.url)
    before = snapshot(folder)
    with data_folder_lock(folder):  # another command is changing the folder
        synced = backday("sync", "--lock-timeout", "1", data=folder, url=hevy.url)
        again = backday(
            "connect", "hevy", "--client", "mia", "--lock-timeout", "1",
            data=folder, stdin="9f1c2e7a-1b2c-4d3e-8f90-a1b2c3d4e5f6\n", url=hevy.url,
        )  # fmt: skip
    assert synced.returncode == 1 and "waiting for another import to finish" in synced.stderr
    assert "mia: sync failed: " in synced.stdout and "more than 1 seconds" in synced.stdout
    assert again.returncode == 2 and "more than 1 seconds" in again.stderr
    assert snapshot(folder) == before
