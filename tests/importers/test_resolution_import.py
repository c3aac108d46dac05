"""Importing with the shipped catalogue: how names resolved, timed holds, time zones."""

from __future__ import annotations

import json
import shutil

import checkout
import pandas as pd
import pytest
from support import TODAY, write
from typer.testing import CliRunner

from backday_analysis import paths
from backday_analysis.cli.commands import app
from backday_analysis.datafolder.dataset import load_dataset
from backday_analysis.datafolder.ingest import format_summary, import_exports
from backday_analysis.datafolder.roster import load_roster
from backday_analysis.errors import BackdayError
from backday_analysis.metrics.weekly import weekly_volume
from backday_analysis.views.client_week import client_week
from backday_analysis.views.data_checks import rule_resolved_table

HEVY_HEADER = (
    '"title","start_time","end_time","description","exercise_title","superset_id",'
    '"exercise_notes","set_index","set_type","weight_kg","reps","distance_km",'
    '"duration_seconds","rpe"\n'
)


def hevy_row(exercise: str, index: int, weight="", reps="", km="", seconds="") -> str:
    return (
        f'"Back","16 Nov 2026, 18:00","16 Nov 2026, 19:00","","{exercise}",,"",{index},'
        f'"normal",{weight},{reps},{km},{seconds},\n'
    )


FITBOD_HEADER = (
    "Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,Note,"
    "multiplier\n"
)


@pytest.fixture
def shipped(data):
    """The fixture data folder with the project's own catalogue."""
    shutil.copy(paths.catalogue_path(checkout.DATA_DIR), paths.catalogue_path(data))
    return data


def test_holds_and_carries_are_sets_and_cardio_rows_are_not(tmp_path, shipped):
    export = write(
        tmp_path,
        "hevy.csv",
        HEVY_HEADER
        + hevy_row("Back Extension Hold", 0, seconds=45)
        + hevy_row("Back Extension Hold", 1, seconds=40)
        + hevy_row("Superman Hold (Bodyweight)", 0, seconds=30)
        + hevy_row("Plank", 0, seconds=60)
        + hevy_row("Treadmill Run", 0, km=3, seconds=900)
        + hevy_row("Pendlay Rows (Barbell)", 0, weight=60, reps=5)
        + hevy_row("Farmers Walk (Trap Bar)", 0, weight=100, km=0.04)
        + hevy_row("Incline Treadmill Walk", 0, km=1.5),
    )
    (summary,) = import_exports([export], "ana", None, shipped, today=TODAY)
    # Sets: three back holds, the plank (abs), the row and the carry; the two walks are cardio.
    assert (summary.rows_read, summary.sets_imported, summary.non_set_rows) == (8, 6, 2)
    assert summary.balanced
    assert (
        "3 back exercise names read by a rule: Back Extension Hold (back_extension), "
        "Pendlay Rows (Barbell) (spelling), Superman Hold (Bodyweight) (back_extension)"
        in format_summary(summary)
    )
    log = pd.read_csv(paths.log_path(shipped, "ana"), dtype=str, keep_default_na=False)
    holds = log.loc[log["exercise"].str.contains("Hold|Plank")]
    assert holds["reps"].tolist() == ["0", "0", "0", "0"]
    assert sorted(holds["notes"]) == ["held 30 s", "held 40 s", "held 45 s", "held 60 s"]
    carry = log.loc[log["exercise"] == "Farmers Walk (Trap Bar)"].iloc[0]
    assert (carry["reps"], carry["notes"]) == ("0", "carried 0.04 (distance as logged)")
    data = load_dataset(shipped, clients=["ana"])
    week = weekly_volume(data.sets, data.catalogue, clients=["ana"])
    this = week.loc[week["week"] == "2026-W47"].set_index("group")
    # Three holds (back extension 1, superman 1) and the Pendlay row (lower back 0.5).
    assert this.at["lower_back", "fractional_sets"] == 3.5
    assert this.at["lower_back", "days"] == 1
    assert this.at["lower_back", "tonnage_kg"] == 60 * 5  # the holds add no tonnage
    # The plank and the carry: abs 1 + 0.5; the carry: traps 1 and forearms 1, no tonnage.
    assert this.at["abs", "fractional_sets"] == 1.5
    assert this.at["forearms", "fractional_sets"] == 1.0 + 0.5  # carry 1, Pendlay row 0.5
    assert this.at["traps", "fractional_sets"] == 1.0 + 0.5  # carry 1, Pendlay row 0.5
    assert this.at["traps", "tonnage_kg"] == 60 * 5


def test_json_and_report_say_how_each_name_resolved(tmp_path, shipped):
    export = write(
        tmp_path,
        "hevy.csv",
        HEVY_HEADER
        + hevy_row("Lat Pulldown (Cable)", 0, weight=50, reps=10)
        + hevy_row("Kettlebell Gorilla Rows", 0, weight=24, reps=8)
        + hevy_row("Glorp Machine", 0, weight=24, reps=8),
    )
    result = CliRunner().invoke(
        app, ["import", str(export), "--client", "ana", "--data", str(shipped), "--json"]
    )
    assert result.exit_code == 0, result.output
    entries = {e["name"]: e for e in json.loads(result.output)["exercises"]}
    assert entries["Lat Pulldown (Cable)"]["resolved_by"] == "catalogue"
    assert entries["Kettlebell Gorilla Rows"]["resolved_by"] == "rule:row"
    assert entries["Kettlebell Gorilla Rows"]["credits"]["lats"] == 1.0
    assert entries["Glorp Machine"]["resolved_by"] == "unknown"
    report = client_week("ana", "2026-W47", data_dir=str(shipped))
    # The fixture log's own "Mystery Machine Row" (3 Jan 2027, before the pinned today)
    # is read by the same rule.
    table = rule_resolved_table(report).set_index("Exercise as logged")
    assert table.index.tolist() == ["Kettlebell Gorilla Rows", "Mystery Machine Row"]
    assert table.loc["Kettlebell Gorilla Rows", "Rule"] == "row"
    assert table.loc["Kettlebell Gorilla Rows", "Back credits"] == "Lats 1, Rhomboids 0.5"
    # A coach's alias wins: the name leaves the list of rule-read exercises.
    paths.aliases_path(shipped).write_text(
        "alias,exercise_id\nKettlebell Gorilla Rows,dumbbell_row_two_arm\n", encoding="utf-8"
    )
    report = client_week("ana", "2026-W47", data_dir=str(shipped))
    assert rule_resolved_table(report)["Exercise as logged"].tolist() == ["Mystery Machine Row"]


def fitbod_export(tmp_path):
    return write(
        tmp_path,
        "fitbod.csv",
        FITBOD_HEADER + "2026-11-17 05:30:00 +0000,Dumbbell Row,10,20.0,0,0,0,0,false,,1\n",
    )


def test_timezone_option_sets_the_day_and_is_recorded_for_a_new_client(tmp_path, shipped):
    export = fitbod_export(tmp_path)
    (summary,) = import_exports(
        [export], "lou", "kg", shipped, today=TODAY, timezone="America/Los_Angeles"
    )
    assert summary.timezone == {"zone": "America/Los_Angeles", "source": "option"}
    assert "read as America/Los_Angeles (from --timezone)" in format_summary(summary)
    log = pd.read_csv(paths.log_path(shipped, "lou"), dtype=str)
    assert log["performed_at"].tolist() == ["2026-11-16 21:30:00"]  # 05:30 UTC is 21:30 PST
    roster = load_roster(paths.roster_path(shipped)).set_index("client_id")
    assert roster.at["lou", "timezone"] == "America/Los_Angeles"
    (again,) = import_exports([export], "lou", None, shipped, today=TODAY)
    assert again.timezone == {"zone": "America/Los_Angeles", "source": "roster"}


def test_timezone_default_and_non_utc_exports(tmp_path, shipped):
    (fitbod,) = import_exports([fitbod_export(tmp_path)], "ben", None, shipped, today=TODAY)
    assert fitbod.timezone == {"zone": "Europe/Amsterdam", "source": "default"}
    hevy = write(tmp_path, "h.csv", HEVY_HEADER + hevy_row("Pull Up", 0, reps=8))
    (summary,) = import_exports([hevy], "ben", None, shipped, today=TODAY)
    assert summary.timezone is None and "UTC" not in format_summary(summary)


def test_a_bad_timezone_is_one_sentence_and_exit_2(tmp_path, shipped):
    with pytest.raises(BackdayError, match="--timezone 'Mars/Olympus' is not an IANA time zone"):
        import_exports([fitbod_export(tmp_path)], "lou", "kg", shipped, timezone="Mars/Olympus")
    result = CliRunner().invoke(
        app,
        ["import", str(fitbod_export(tmp_path)), "--client", "lou", "--unit", "kg"]
        + ["--data", str(shipped), "--timezone", "Not/AZone"],
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert not paths.log_path(shipped, "lou").exists()
