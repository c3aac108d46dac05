"""Import records, ``backday unimport``, the wrong-client warning and huge notes."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import subprocess
import sys

import checkout
import pandas as pd
import pytest
from command_line import backday_in_process
from made_up_exports import HEADER, SETS_PER_DAY, day_rows, log_keys, write_export

from backday_analysis import paths
from backday_analysis.datafolder.import_records import read_records
from backday_analysis.datafolder.ingest import format_summary, import_exports
from backday_analysis.datafolder.lock import data_folder_lock
from backday_analysis.datafolder.logs import read_log
from backday_analysis.datafolder.unimport import format_unimported, unimport
from backday_analysis.errors import BackdayError

TODAY = dt.date(2027, 6, 1)


def run(data, export, client="zoe"):
    [summary] = import_exports([str(export)], client, "kg", data, today=TODAY)
    return summary


def rows_without_ids(log_file) -> list[str]:
    """The log's rows as text, without the import_id column (sorted)."""
    rows = pd.read_csv(log_file, dtype=str, keep_default_na=False)
    rows = rows.drop(columns=["import_id"], errors="ignore")
    return sorted(rows.to_csv(index=False, header=False).splitlines())


def test_an_import_is_recorded_with_its_file_and_sets(fixture_data, tmp_path):
    export = write_export(tmp_path, "zoe.csv", range(0, 3))
    summary = run(fixture_data, export)
    assert summary.import_id == "zoe-1"
    [record] = read_records(fixture_data, "zoe")
    assert record.import_id == "zoe-1" and record.client == "zoe"
    assert record.file == str(export)
    assert record.sha256 == hashlib.sha256(export.read_bytes()).hexdigest()
    assert (record.format, record.dialect) == ("strong", "comma-12")
    assert record.sets_added == 3 * SETS_PER_DAY == 18
    assert (record.first_date, record.last_date) == ("2026-03-02", "2026-03-04")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", record.imported_at)
    assert record.undone_at is None
    log = pd.read_csv(paths.log_path(fixture_data, "zoe"), dtype=str, keep_default_na=False)
    assert list(log["import_id"]) == ["zoe-1"] * 18
    # Importing it again adds nothing, so it gets no id and no record.
    assert run(fixture_data, export).import_id is None
    assert len(read_records(fixture_data, "zoe")) == 1


def test_unimport_then_reimport_gives_back_the_same_log(fixture_data, tmp_path):
    export = write_export(tmp_path, "zoe.csv", range(0, 3))
    run(fixture_data, export)
    log_file = paths.log_path(fixture_data, "zoe")
    imported = rows_without_ids(log_file)

    result = unimport("zoe-1", fixture_data)
    assert (result.removed, result.remaining, result.overlapping) == (18, 0, [])
    assert result.exercises == [
        ("Deadlift (Barbell)", 6),
        ("Lat Pulldown (Cable)", 6),
        ("Seated Cable Row - Bar Wide Grip", 6),
    ]
    assert rows_without_ids(log_file) == []
    [record] = read_records(fixture_data, "zoe")
    assert record.undone_at and record.sets_removed == 18
    text = format_unimported(result)
    assert text.startswith(f"undid import zoe-1 of {export} (strong, comma-12)")
    assert "removed 18 of the 18 sets it added dated 2026-03-02 to 2026-03-04" in text

    again = run(fixture_data, export)
    assert (again.import_id, again.sets_imported, again.duplicates_skipped) == ("zoe-2", 18, 0)
    assert rows_without_ids(log_file) == imported


def test_unimport_leaves_identical_sets_other_imports_added(fixture_data, tmp_path):
    # first: days 0-1 (12 sets); second: day 1 again, day 2, and one set of day 1 twice.
    # The second adds day 2 (6) and the second copy of that set (1): 7 sets.
    twice = day_rows(1)[0]
    first = write_export(tmp_path, "first.csv", range(0, 2))
    second = write_export(tmp_path, "second.csv", range(1, 3), extra=(twice,))
    assert run(fixture_data, first).sets_imported == 12
    added = run(fixture_data, second)
    assert (added.sets_imported, added.duplicates_skipped) == (7, 6)
    log_file = paths.log_path(fixture_data, "zoe")
    assert len(log_keys(log_file)) == 19

    undone = unimport("zoe-1", fixture_data)
    assert (undone.removed, undone.overlapping) == (12, ["zoe-2"])
    assert "  later imports zoe-2 cover these dates too" in format_unimported(undone)
    keys = log_keys(log_file)
    # Left: the second import's 7 sets: day 2 and one copy of the set it had twice.
    assert len(keys) == 7
    assert sorted(set(keys)) == sorted(set(_keys(day_rows(2)) + _keys([twice])))
    # The multiset dedupe counts what is left: re-importing the first file adds back the
    # 11 sets of days 0-1 not in the log; the set of day 1 is there once, as in that file.
    back = run(fixture_data, first)
    assert (back.import_id, back.sets_imported, back.duplicates_skipped) == ("zoe-3", 11, 1)
    assert len(log_keys(log_file)) == 18
    # Undoing the second import now removes its 7 sets, so the set it had twice is gone:
    # the third import skipped it as already in the log.
    assert unimport("zoe-2", fixture_data).removed == 7
    days = set(_keys(day_rows(0) + day_rows(1)))
    assert sorted(log_keys(log_file)) == sorted(days - set(_keys([twice])))


def _keys(rows):
    out = []
    for row in rows:
        when, _, _, exercise, number, weight, reps = row.split(",")[:7]
        out.append((when, exercise, number, weight, reps))
    return out


def test_unimport_keeps_rows_of_an_older_log_without_import_ids(fixture_data):
    log_file = paths.log_path(fixture_data, "ana")
    before = log_file.read_text(encoding="utf-8").splitlines()
    sets_before, rejects_before, _ = read_log(log_file, "ana", today=TODAY)
    [summary] = import_exports(
        [str(checkout.ROOT / "tests" / "fixtures" / "exports" / "hevy_kg.csv")],
        "ana",
        None,
        fixture_data,
        today=TODAY,
    )
    assert (summary.import_id, summary.sets_imported) == ("ana-1", 8)
    assert unimport("ana-1", fixture_data).removed == 8
    after = log_file.read_text(encoding="utf-8").splitlines()
    # The import sorted the log by time; every row it held is there, with no import id.
    assert after[0] == before[0] + ",import_id"
    assert sorted(after[1:]) == sorted(row + "," for row in before[1:])
    sets, rejects, _ = read_log(log_file, "ana", today=TODAY)
    assert (len(sets), len(rejects)) == (len(sets_before), len(rejects_before)) == (12, 2)


def test_unimport_refuses_unknown_undone_and_locked(fixture_data, tmp_path):
    run(fixture_data, write_export(tmp_path, "zoe.csv", range(0, 2)))
    log_file = paths.log_path(fixture_data, "zoe")
    before = log_file.read_bytes()
    with pytest.raises(BackdayError, match="there is no import 'zoe-7'; list"):
        unimport("zoe-7", fixture_data)
    with pytest.raises(BackdayError, match="'zoe' is not an import id"):
        unimport("zoe", fixture_data)
    with data_folder_lock(fixture_data):
        with pytest.raises(BackdayError, match="nothing was changed"):
            unimport("zoe-1", fixture_data, lock_timeout=0)
    assert log_file.read_bytes() == before
    unimport("zoe-1", fixture_data)
    with pytest.raises(BackdayError, match="zoe-1 was undone already"):
        unimport("zoe-1", fixture_data)


def test_the_imports_and_unimport_commands(fixture_data, tmp_path):
    run(fixture_data, write_export(tmp_path, "zoe.csv", range(0, 2)))
    backday = [sys.executable, "-m", "backday_analysis"]
    data = ["--data", str(fixture_data)]
    listed = subprocess.run(
        [*backday, "imports", "--client", "zoe", *data], capture_output=True, text=True
    )
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0] == "zoe: 1 import"
    assert lines[1].startswith("zoe-1  ") and "strong (comma-12)" in lines[1]
    assert lines[2] == "    12 sets added, 2026-03-02 to 2026-03-03; 12 in the log now"
    # Between the two real processes, in this one: what the commands print.
    undone = backday_in_process("unimport", "zoe-1", *data)
    assert undone.returncode == 0, undone.stderr
    assert "removed 12 of the 12 sets" in undone.stdout
    listed = backday_in_process("imports", "--client", "zoe", "--json", *data)
    [item] = json.loads(listed.stdout)
    assert (item["import_id"], item["sets_removed"], item["sets_in_log"]) == ("zoe-1", 12, 0)
    again = subprocess.run([*backday, "unimport", "zoe-1", *data], capture_output=True, text=True)
    assert again.returncode == 2 and again.stderr.startswith("error: import zoe-1 was undone")


# ------------------------------------------------------------- the wrong-client warning


def test_an_export_sharing_no_set_of_the_log_is_imported_with_a_warning(fixture_data, tmp_path):
    run(fixture_data, write_export(tmp_path, "zoe.csv", range(0, 10)))
    summary = run(fixture_data, write_export(tmp_path, "maria.csv", range(0, 10), "other"))
    assert summary.sets_imported == 60  # imported all the same
    [warning] = summary.warnings
    assert warning == (
        f"{tmp_path / 'maria.csv'} may be another client's export: the log of 'zoe' already "
        "holds 60 sets from 2026-03-02 to 2026-03-11 and the export shares only 0 of them; "
        "if it is not zoe's, undo it with: backday unimport zoe-2"
    )
    assert summary.to_json()["warnings"] == [warning]
    assert f"  warning: {warning}" in format_summary(summary).splitlines()


@pytest.mark.parametrize(
    ("log_days", "export_days", "person", "warned"),
    [
        (range(0, 10), range(0, 20), "zoe", False),  # a later export of the same history
        (range(0, 10), range(10, 20), "other", False),  # no set of the log in its dates
        (range(0, 10), range(0, 10), "other", True),
    ],
)
def test_the_warning_only_for_dates_the_log_holds_and_does_not_share(
    fixture_data, tmp_path, log_days, export_days, person, warned
):
    run(fixture_data, write_export(tmp_path, "zoe.csv", log_days))
    summary = run(fixture_data, write_export(tmp_path, "new.csv", export_days, person))
    assert bool(summary.warnings) == warned


@pytest.mark.parametrize(
    ("in_range", "shared", "warned"),
    [(9, 0, False), (10, 0, True), (20, 2, False), (20, 1, True)],
)
def test_the_warning_needs_ten_sets_in_range_and_under_a_tenth_shared(
    fixture_data, tmp_path, in_range, shared, warned
):
    # The log: `in_range` sets on day 0. The export: `shared` of them, a set of day 0 the log
    # lacks and day 1, so its dates (days 0-1) hold the log's `in_range` sets.
    sets = [f"2026-03-02 18:00:00,Back,50m,Pull Up,{n},0,5,0,0,,," for n in range(1, 21)]
    base = tmp_path / "base.csv"
    base.write_text("\n".join([HEADER, *sets[:in_range]]) + "\n", encoding="utf-8")
    run(fixture_data, base)
    lacking = "2026-03-02 19:00:00,Back,50m,Pull Up,1,10,5,0,0,,,"
    export = tmp_path / "new.csv"
    export.write_text(
        "\n".join([HEADER, *sets[:shared], lacking, *day_rows(1, "other")]) + "\n",
        encoding="utf-8",
    )
    summary = run(fixture_data, export)
    assert (summary.duplicates_skipped, summary.sets_imported) == (shared, 7)
    assert bool(summary.warnings) == warned


# ------------------------------------------------------------------ huge notes


def test_a_set_with_a_huge_note_is_imported_with_the_note_cut(fixture_data, tmp_path):
    note = "felt strong " + "x" * (1 << 20)
    rows = day_rows(0)
    rows[1] = rows[1].removesuffix(",,,") + f',"{note}",,'
    export = tmp_path / "zoe.csv"
    export.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    summary = run(fixture_data, export)
    assert (summary.sets_imported, summary.rejected, summary.notes_cut) == (6, [], 1)
    assert "  1 notes longer than 1,000 characters cut to their first 1,000" in (
        format_summary(summary)
    )
    log = pd.read_csv(paths.log_path(fixture_data, "zoe"), dtype=str, keep_default_na=False)
    assert list(log["notes"].str.len()) == [0, 1000, 0, 0, 0, 0]
    assert log["notes"][1] == note[:1000]


def test_a_huge_cell_that_is_not_a_note_still_rejects_its_row(fixture_data, tmp_path):
    rows = day_rows(0)
    rows[2] = rows[2].replace("Back,", "B" * 20_000 + ",", 1)  # the workout name
    export = tmp_path / "zoe.csv"
    export.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    summary = run(fixture_data, export)
    assert summary.sets_imported == 5
    [rejected] = summary.rejected
    assert rejected["line"] == 4 and "holds 20,000 characters" in rejected["reason"]
