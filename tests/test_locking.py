"""Imports run at the same time, killed imports and the lock timeout, with real processes.

Every import here is a ``python -m backday_analysis import`` subprocess, as a coach's shell
loop starts them; the data folder's lock is the operating system's, so only real processes
test it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from made_up_exports import SETS_PER_DAY, day_rows, log_keys, write_export

from backday_analysis import paths
from backday_analysis.datafolder.import_records import read_records
from backday_analysis.datafolder.lock import LOCK_FILE_NAME, WAITING_MESSAGE, data_folder_lock
from backday_analysis.datafolder.roster import load_roster
from backday_analysis.errors import BackdayError

pytestmark = pytest.mark.slow

BACKDAY = [sys.executable, "-m", "backday_analysis"]


def import_command(export: Path, client: str, data: Path, *more: str) -> list[str]:
    return [*BACKDAY, "import", str(export), "--client", client, "--unit", "kg"] + [
        "--data",
        str(data),
        "--json",
        *more,
    ]


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=600, **kwargs)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of the data folder with its bytes; the empty lock file holds no data."""
    files = (p for p in folder.rglob("*") if p.is_file() and p.name != LOCK_FILE_NAME)
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def test_eight_imports_at_once_lose_nothing(fixture_data, tmp_path):
    # Four exports of one new client's history that overlap, and four new clients.
    # zoe: days 0-9, 0-19, 10-29, and 20-29 with one set of day 25 written twice, so the
    # log must hold days 0-29 (30 days x 6 sets = 180) plus the second copy: 181 sets.
    twice = day_rows(25)[0]
    zoe = [
        write_export(tmp_path, "zoe_a.csv", range(0, 10)),
        write_export(tmp_path, "zoe_b.csv", range(0, 20)),
        write_export(tmp_path, "zoe_c.csv", range(10, 30)),
        write_export(tmp_path, "zoe_d.csv", range(20, 30), extra=(twice,)),
    ]
    others = {f"n{i}": write_export(tmp_path, f"n{i}.csv", range(0, 4 + i)) for i in (1, 2, 3, 4)}
    jobs = [(path, "zoe") for path in zoe] + [(path, c) for c, path in others.items()]
    started = [
        subprocess.Popen(
            import_command(path, client, fixture_data, "--lock-timeout", "300"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path, client in jobs
    ]
    results = [(process, *process.communicate(timeout=600)) for process in started]

    summaries = {}
    for (path, client), (process, out, err) in zip(jobs, results, strict=True):
        assert process.returncode == 0, err
        assert "Traceback" not in err
        [summary] = [json.loads(line) for line in out.splitlines()]
        summaries[path.name] = summary
        assert summary["client"] == client
        assert summary["rows_read"] == summary["sets_imported"] + summary["duplicates_skipped"]
        assert summary["warnings"] == []  # each overlap shares all its sets
    # Every client is in the roster once, beside the two the fixture had.
    roster = load_roster(paths.roster_path(fixture_data))
    assert sorted(roster["client_id"]) == ["ana", "ben", "n1", "n2", "n3", "n4", "zoe"]
    # Every set is there, once per copy in the export that has most copies.
    expected = sorted(
        {key for day in range(30) for key in _keys(day_rows(day))} | {_keys([twice])[0]}
    )
    found = log_keys(paths.log_path(fixture_data, "zoe"))
    assert len(found) == 30 * SETS_PER_DAY + 1 == 181
    assert sorted(set(found)) == expected
    assert Counter(found)[_keys([twice])[0]] == 2
    # The imports' accounts add up to the log, and each import's rows carry its id.
    assert sum(summaries[p.name]["sets_imported"] for p in zoe) == 181
    log = pd.read_csv(paths.log_path(fixture_data, "zoe"), dtype=str, keep_default_na=False)
    records = read_records(fixture_data, "zoe")
    assert sorted(r.import_id for r in records) == sorted(
        s["import_id"] for s in summaries.values() if s["client"] == "zoe" and s["import_id"]
    )
    for record in records:
        [summary] = [s for s in summaries.values() if s["import_id"] == record.import_id]
        assert record.sets_added == summary["sets_imported"] > 0
        assert int((log["import_id"] == record.import_id).sum()) == record.sets_added
    for i, (client, path) in enumerate(others.items(), start=1):
        assert len(log_keys(paths.log_path(fixture_data, client))) == (4 + i) * SETS_PER_DAY
        assert summaries[path.name]["sets_imported"] == (4 + i) * SETS_PER_DAY
        assert summaries[path.name]["import_id"] == f"{client}-1"


def _keys(rows: list[str]) -> list[tuple[str, ...]]:
    """The log keys of export rows: (date-time, exercise, set number, weight, reps)."""
    keys = []
    for row in rows:
        when, _, _, exercise, number, weight, reps = row.split(",")[:7]
        keys.append((when, exercise, number, weight, reps))
    return keys


# A wrapper that runs the command line and SIGKILLs itself in the middle of writing the
# client's log: "during" half-way through the temporary file, "after" right after the log
# is moved into place (before the roster is written).
KILLER = """
import os, pathlib, signal, sys
target, when = sys.argv[1], sys.argv[2]
real_write, real_replace = pathlib.Path.write_bytes, os.replace
def write_bytes(self, data):
    if when == "during" and self.name.startswith("." + target + "."):
        with open(self, "wb") as handle:
            handle.write(data[: len(data) // 2])
            handle.flush()
        os.kill(os.getpid(), signal.SIGKILL)
    return real_write(self, data)
def replace(source, destination):
    result = real_replace(source, destination)
    if when == "after" and os.path.basename(destination) == target:
        os.kill(os.getpid(), signal.SIGKILL)
    return result
pathlib.Path.write_bytes = write_bytes
os.replace = replace
sys.argv = ["backday", *sys.argv[3:]]
from backday_analysis.cli.commands import main
main()
"""


def test_an_import_killed_while_writing_the_log_leaves_it_as_before(fixture_data, tmp_path):
    first = write_export(tmp_path, "zoe_1.csv", range(0, 10))
    second = write_export(tmp_path, "zoe_2.csv", range(0, 20))
    assert run(import_command(first, "zoe", fixture_data)).returncode == 0
    log_file = paths.log_path(fixture_data, "zoe")
    before = log_file.read_bytes()
    roster = paths.roster_path(fixture_data).read_bytes()

    command = import_command(second, "zoe", fixture_data)
    killed = run([sys.executable, "-c", KILLER, "zoe.csv", "during", *command[3:]])
    assert killed.returncode == -9, killed.stderr
    assert log_file.read_bytes() == before  # not a half-written log
    assert list(paths.logs_dir(fixture_data).glob(".zoe.csv.*.part"))  # it died mid-write
    assert paths.roster_path(fixture_data).read_bytes() == roster

    # The dead process held the lock; the next import must not wait for it.
    started = time.monotonic()
    again = run(import_command(second, "zoe", fixture_data, "--lock-timeout", "20"))
    assert again.returncode == 0, again.stderr
    assert WAITING_MESSAGE not in again.stderr
    assert time.monotonic() - started < 20
    assert json.loads(again.stdout)["sets_imported"] == 10 * SETS_PER_DAY
    assert len(log_keys(log_file)) == 20 * SETS_PER_DAY
    assert not list(paths.logs_dir(fixture_data).glob(".*.part"))  # the leftover is gone
    # The killed import's record shows none of its sets in the log.
    listed = run([*BACKDAY, "imports", "--client", "zoe", "--data", str(fixture_data), "--json"])
    in_log = {item["import_id"]: item["sets_in_log"] for item in json.loads(listed.stdout)}
    assert in_log == {"zoe-1": 60, "zoe-2": 0, "zoe-3": 60}


def test_an_import_killed_after_the_log_leaves_it_complete(fixture_data, tmp_path):
    export = write_export(tmp_path, "nia.csv", range(0, 5))
    reference = tmp_path / "reference"
    reference.mkdir()
    for name in ("catalogue.csv", "config.toml", "roster.csv"):
        (reference / name).write_bytes((fixture_data / name).read_bytes())
    assert run(import_command(export, "nia", reference)).returncode == 0

    command = import_command(export, "nia", fixture_data)
    killed = run([sys.executable, "-c", KILLER, "nia.csv", "after", *command[3:]])
    assert killed.returncode == -9, killed.stderr
    log_file = paths.log_path(fixture_data, "nia")
    assert log_file.read_bytes() == paths.log_path(reference, "nia").read_bytes()
    assert "nia" not in set(load_roster(paths.roster_path(fixture_data))["client_id"])

    again = run(import_command(export, "nia", fixture_data, "--lock-timeout", "20"))
    assert again.returncode == 0, again.stderr
    summary = json.loads(again.stdout)
    assert (summary["sets_imported"], summary["duplicates_skipped"]) == (0, 5 * SETS_PER_DAY)
    assert summary["import_id"] is None  # nothing added, nothing recorded
    assert "nia" in set(load_roster(paths.roster_path(fixture_data))["client_id"])
    assert log_file.read_bytes() == paths.log_path(reference, "nia").read_bytes()


def test_a_held_lock_times_out_with_one_sentence_and_changes_nothing(fixture_data, tmp_path):
    export = write_export(tmp_path, "zoe.csv", range(0, 3))
    before = snapshot(fixture_data)
    with data_folder_lock(fixture_data):
        result = run(import_command(export, "zoe", fixture_data, "--lock-timeout", "1"))
        store = run(
            [*BACKDAY, "store", "--data", str(fixture_data)],
            env={**os.environ, "BACKDAY_LOCK_TIMEOUT": "0"},
        )
    assert result.returncode == 2
    assert result.stdout == ""
    waiting, error = result.stderr.splitlines()
    assert waiting.startswith(WAITING_MESSAGE)
    assert error.startswith(f"error: {fixture_data / LOCK_FILE_NAME}: another backday command")
    assert "more than 1 seconds, so nothing was changed" in error
    assert store.returncode == 2 and "more than 0 seconds" in store.stderr
    assert snapshot(fixture_data) == before


def test_a_waiting_import_says_so_once_and_runs_when_the_lock_is_free(fixture_data, tmp_path):
    export = write_export(tmp_path, "zoe.csv", range(0, 3))
    with data_folder_lock(fixture_data):
        process = subprocess.Popen(
            import_command(export, "zoe", fixture_data, "--lock-timeout", "300"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        first_line = process.stderr.readline()  # blocks until the import is waiting
        assert first_line.startswith(WAITING_MESSAGE)
        assert not paths.log_path(fixture_data, "zoe").exists()
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    assert err == ""  # said once
    assert json.loads(out)["sets_imported"] == 3 * SETS_PER_DAY


@pytest.mark.parametrize("value", ["soon", "-1", "inf"])
def test_a_bad_lock_timeout_is_refused(fixture_data, monkeypatch, value):
    monkeypatch.setenv("BACKDAY_LOCK_TIMEOUT", value)
    with pytest.raises(BackdayError, match=f"BACKDAY_LOCK_TIMEOUT '{value}' is not a number"):
        with data_folder_lock(fixture_data):
            pass
