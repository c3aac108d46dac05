"""The import command end to end: accounting, duplicates, roster, atomicity, summary, CLI."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pandas as pd
import pytest
from support import EXPORTS, TODAY, write
from typer.testing import CliRunner

from backday_analysis import GROUPS, paths
from backday_analysis.cli.commands import app
from backday_analysis.datafolder.dataset import load_dataset
from backday_analysis.datafolder.ingest import format_summary, import_exports
from backday_analysis.datafolder.lock import LOCK_FILE_NAME
from backday_analysis.datafolder.roster import load_roster
from backday_analysis.errors import BackdayError
from backday_analysis.metrics.weekly import weekly_volume

STRONG = EXPORTS / "strong_comma12.csv"
HEVY = EXPORTS / "hevy_kg.csv"


def run(data, files, client="cara", unit="kg", today=TODAY, dry_run=False):
    return import_exports([str(f) for f in files], client, unit, data, dry_run, today)


def snapshot(data) -> dict[str, bytes]:
    """Every file of the data folder with its bytes; the empty lock file holds no data."""
    files = (p for p in data.rglob("*") if p.is_file() and p.name != LOCK_FILE_NAME)
    return {p.relative_to(data).as_posix(): p.read_bytes() for p in files}


def test_new_client_counts_roster_and_summary(data):
    [summary] = run(data, [STRONG])
    assert summary.balanced
    assert (summary.rows_read, summary.sets_imported, summary.duplicates_skipped) == (12, 11, 0)
    assert (summary.non_set_rows, summary.rejected) == (1, [])
    assert (summary.first_date, summary.last_date) == ("2026-12-28", "2027-01-04")
    assert [
        (e["name"], e["exercise_id"], e["sets"], e["working_sets"]) for e in summary.exercises
    ] == [
        ("Deadlift (Barbell)", "barbell_deadlift", 4, 2),
        ("Lat Pulldown (Cable)", "lat_pulldown_chest", 3, 3),
        ("Pull Up", "pull_up", 2, 2),
        ("Kettlebell Swing", None, 1, 1),
        ("Shrug (Dumbbell)", "dumbbell_shrug", 1, 1),
    ]
    assert summary.exercises[0]["credits"] == {
        "lats": 0.5,
        "traps": 0.5,
        "rhomboids": 0.5,
        "lower_back": 1.0,
        "biceps": 0.0,
        # The fixture's catalogue predates the other groups' columns: they credit nothing.
        **{group: 0.0 for group in GROUPS[5:]},
    }
    assert summary.unknown_exercises == [
        {"name": "Kettlebell Swing", "sets": 1, "working_sets": 1, "suggestions": []}
    ]
    roster = load_roster(paths.roster_path(data)).set_index("client_id")
    assert roster.loc["cara", ["name", "unit", "timezone"]].tolist() == [
        "cara",
        "kg",
        "Europe/Amsterdam",
    ]
    log = pd.read_csv(paths.log_path(data, "cara"), dtype=str, keep_default_na=False)
    assert len(log) == 11 and set(log["source"]) == {"strong"}


def test_weekly_table_across_the_new_year_is_worked_out_by_hand(data):
    run(data, [STRONG])
    dataset = load_dataset(data, clients=["cara"], today=TODAY)
    assert dataset.rejects.empty
    table = weekly_volume(dataset.sets, dataset.catalogue, clients=["cara"])
    table = table.set_index(["week", "group"])
    # 2026-W53 runs from Mon 28 Dec 2026 to Sun 3 Jan 2027: deadlift 2 working sets,
    # pull-up 1 working + 1 failure, lat pulldown 2 working + 1 drop; warm-ups do not count.
    back = table.loc[table.index.get_level_values("group").isin(GROUPS[:5])]
    assert back.loc["2026-W53", "fractional_sets"].to_dict() == {
        "lats": 6.0,
        "traps": 1.0,
        "rhomboids": 3.5,
        "lower_back": 2.0,
        "biceps": 2.5,
    }
    assert table.loc[("2026-W53", "lats"), "direct_sets"] == 5
    assert table.loc[("2026-W53", "lats"), "days"] == 2
    assert table.loc[("2026-W53", "lats"), "tonnage_kg"] == 2 * 100 * 5 * 1 + 2 * 50 * 10 + 35 * 12
    assert back.loc["2027-W01", "fractional_sets"].to_dict() == {
        "lats": 0.0,
        "traps": 1.0,
        "rhomboids": 0.0,
        "lower_back": 0.0,
        "biceps": 0.0,
    }


def test_reimporting_the_same_file_adds_nothing_and_leaves_the_log_alone(data):
    run(data, [STRONG])
    before = snapshot(data)
    [again] = run(data, [STRONG])
    assert (again.sets_imported, again.duplicates_skipped, again.non_set_rows) == (0, 11, 1)
    assert again.balanced
    assert snapshot(data) == before


def test_identical_sets_in_one_export_are_both_kept_and_deduplicated_by_count(tmp_path, data):
    lines = HEVY.read_text(encoding="utf-8").splitlines(keepends=True)
    # Line 7 repeats line 3's key (second round of the same exercise, 55 kg x 10, set 2).
    earlier = write(tmp_path, "earlier.csv", "".join(lines[:6] + lines[7:]))
    [first] = run(data, [earlier])
    assert (first.rows_read, first.sets_imported) == (9, 7)
    [second] = run(data, [HEVY])
    assert (second.rows_read, second.sets_imported, second.duplicates_skipped) == (10, 1, 7)
    log = pd.read_csv(paths.log_path(data, "cara"), dtype=str, keep_default_na=False)
    same = log[(log["weight"] == "55") & (log["reps"] == "10") & (log["set_number"] == "2")]
    assert len(same) == 2 and len(log) == 8


def test_a_later_export_over_an_earlier_one_adds_each_set_once(tmp_path, data):
    lines = STRONG.read_text(encoding="utf-8").splitlines(keepends=True)
    earlier = write(tmp_path, "earlier.csv", "".join(lines[:9]))  # up to the first pulldown
    [first] = run(data, [earlier])
    assert (first.sets_imported, first.non_set_rows) == (7, 1)
    [later] = run(data, [STRONG])
    assert (later.sets_imported, later.duplicates_skipped, later.non_set_rows) == (4, 7, 1)
    once = load_dataset(data, clients=["cara"], today=TODAY).sets
    assert len(once) == 11


def test_log_is_sorted_and_existing_rows_are_kept_verbatim(data):
    log_file = paths.log_path(data, "ana")
    before = log_file.read_text(encoding="utf-8").splitlines()
    [summary] = run(data, [HEVY], client="ana", unit=None)
    assert summary.sets_imported == 8
    after = log_file.read_text(encoding="utf-8").splitlines()
    # The log gains the import_id column; the rows it held are kept, with no import id.
    assert after[0] == before[0] + ",import_id"
    assert sorted({row + "," for row in before[1:]} - set(after)) == []
    assert len(after) == len(before) + 8
    when = pd.to_datetime(
        pd.Series([r.split(",")[1] for r in after[1:]]), format="ISO8601", errors="coerce"
    ).dropna()
    assert when.is_monotonic_increasing


def test_new_client_with_a_unitless_export_and_no_unit_is_refused_before_writing(data):
    before = snapshot(data)
    with pytest.raises(BackdayError, match="--unit kg or --unit lb"):
        run(data, [STRONG], client="newbie", unit=None)
    assert snapshot(data) == before


def test_one_bad_file_refuses_the_whole_command(tmp_path, data):
    bad = write(tmp_path, "bad.csv", STRONG.read_text(encoding="utf-8"), "utf-16")
    before = snapshot(data)
    with pytest.raises(BackdayError, match="bad.csv: the file is UTF-16"):
        run(data, [HEVY, bad])
    assert snapshot(data) == before


def test_dry_run_reports_but_writes_nothing(data):
    before = snapshot(data)
    [summary] = run(data, [STRONG], dry_run=True)
    assert summary.sets_imported == 11 and summary.dry_run
    assert snapshot(data) == before


def test_several_files_in_one_command_dedupe_against_each_other(data):
    first, second = run(data, [STRONG, STRONG])
    assert (first.sets_imported, second.sets_imported, second.duplicates_skipped) == (11, 0, 11)


def test_future_dates_are_rejected_with_their_export_lines(data):
    [summary] = run(data, [STRONG], today=dt.date(2026, 12, 30))
    assert summary.balanced
    assert [r["line"] for r in summary.rejected] == [9, 10, 11, 12, 13]
    assert summary.rejected[0]["reason"] == "performed_at '2027-01-03 10:30:00' is in the future"
    assert summary.sets_imported == 6


def test_roster_unit_is_used_when_the_file_states_none_and_unit_overrides_it(data):
    legacy = EXPORTS / "strong_legacy10.csv"
    run(data, [legacy], client="ben", unit=None)
    log = pd.read_csv(paths.log_path(data, "ben"), dtype=str, keep_default_na=False)
    assert set(log["unit"]) == {"lb"}
    shutil.rmtree(paths.logs_dir(data))
    run(data, [legacy], client="ben", unit="kg")
    log = pd.read_csv(paths.log_path(data, "ben"), dtype=str, keep_default_na=False)
    assert set(log["unit"]) == {"kg"}
    roster = load_roster(paths.roster_path(data)).set_index("client_id")
    assert roster.loc["ben", "unit"] == "lb"


def test_fitbod_uses_the_roster_time_zone_else_the_configured_default(data):
    roster_file = paths.roster_path(data)
    roster_file.write_text(roster_file.read_text() + "gus,Gus,lb,80,America/New_York\n")
    run(data, [EXPORTS / "fitbod.csv"], client="gus", unit=None)
    run(data, [EXPORTS / "fitbod.csv"], client="ben", unit=None)
    gus = pd.read_csv(paths.log_path(data, "gus"), dtype=str)["performed_at"]
    ben = pd.read_csv(paths.log_path(data, "ben"), dtype=str)["performed_at"]
    assert gus.iloc[-1] == "2027-01-03 18:30:00"
    assert ben.iloc[-1] == "2027-01-04 00:30:00"


def test_an_alias_added_later_fixes_earlier_imports(data):
    [summary] = run(data, [EXPORTS / "strong_fr.csv"], client="dan")
    assert [u["name"] for u in summary.unknown_exercises] == ["Tirage vertical (Câble)"]
    unmapped = load_dataset(data, clients=["dan"], today=TODAY).sets
    assert unmapped["exercise_id"].isna().sum() == 2
    paths.aliases_path(data).write_text(
        "alias,exercise_id\nTirage vertical (Câble),lat_pulldown_chest\n", encoding="utf-8"
    )
    mapped = load_dataset(data, clients=["dan"], today=TODAY).sets
    assert mapped["exercise_id"].tolist() == ["lat_pulldown_chest"] * 2 + ["pull_up"]
    [again] = run(data, [EXPORTS / "strong_fr.csv"], client="dan")
    assert again.unknown_exercises == [] and again.duplicates_skipped == 3


@pytest.mark.parametrize(
    ("client", "unit", "message"),
    [
        (" ", "kg", "not a usable client id"),
        ("a\nb", "kg", "not a usable client id"),
        ("cara", "stone", "--unit 'stone'"),
    ],
)
def test_bad_client_or_unit(data, client, unit, message):
    with pytest.raises(BackdayError, match=message):
        run(data, [STRONG], client=client, unit=unit)


@pytest.mark.slow  # every fixture export, imported twice
def test_every_fixture_balances(data):
    files = sorted(EXPORTS.glob("*.csv"))
    for summary in run(data, files, client="eve", unit="kg"):
        assert summary.balanced, summary.file
    for summary in run(data, files, client="eve", unit="kg"):
        assert summary.balanced and summary.sets_imported == 0, summary.file


def test_human_summary(data):
    [summary] = run(data, [STRONG])
    text = format_summary(summary)
    assert "12 rows: 11 sets imported, 0 already in the log, 1 not sets, 0 rejected" in text
    assert "Kettlebell Swing (1 sets)" in text and "11% of working sets" in text


def test_cli_json_one_object_per_file(data):
    # The command line rejects sets dated after today, so use exports from the past.
    semicolon, german = EXPORTS / "strong_semicolon.csv", EXPORTS / "hevy_lbs_de.csv"
    result = CliRunner().invoke(
        app,
        [
            "import",
            str(semicolon),
            str(german),
            "--client",
            "cara",
            "--unit",
            "kg",
            "--data",
            str(data),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["file"] for o in objects] == [str(semicolon), str(german)]
    assert [o["sets_imported"] for o in objects] == [5, 3]
    keys = {
        "file",
        "format",
        "dialect",
        "rows_read",
        "sets_imported",
        "duplicates_skipped",
        "non_set_rows",
        "rejected",
        "unknown_exercises",
        "exercises",
        "first_date",
        "last_date",
    }
    for o in objects:
        assert keys <= set(o)
        assert o["rows_read"] == (
            o["sets_imported"] + o["duplicates_skipped"] + o["non_set_rows"] + len(o["rejected"])
        )
        # --json credits carry all 16 groups.
        assert list(o["exercises"][0]["credits"]) == list(GROUPS)


def test_cli_bad_file_is_one_sentence_and_exit_2(tmp_path, data):
    bad = write(tmp_path, "resaved.csv", "when;what\n1;2\n")
    result = CliRunner().invoke(app, ["import", str(bad), "--client", "cara", "--data", str(data)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert "Traceback" not in result.output


def test_a_path_like_client_id_stays_inside_the_logs_folder(data):
    run(data, [STRONG], client="../evil")
    written = [p for p in data.rglob("*.csv") if p.parent == paths.logs_dir(data)]
    assert paths.log_path(data, "../evil") in written
    assert not (data / "evil.csv").exists() and not (data.parent / "evil.csv").exists()
