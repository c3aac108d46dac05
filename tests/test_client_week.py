import datetime as dt
import re

import pandas as pd
import pytest

from backday_analysis.datafolder.dataset import load_dataset
from backday_analysis.errors import BackdayError
from backday_analysis.metrics.weekly import WEEKLY_COLUMNS
from backday_analysis.views import client_flags
from backday_analysis.views import client_week as cw
from backday_analysis.views import data_checks as checks


@pytest.fixture(scope="module")
def report(fixture_dataset):
    return cw.client_week("ana", "2026-W53", dataset=fixture_dataset, weeks_of_history=2)


def test_summary_of_the_week_by_hand(report):
    table = cw.summary_table(report).set_index("Muscle group")
    assert table.loc["Lats", "Fractional sets"] == 2.5
    assert table.loc["Lats", "Training days"] == 2
    assert table.loc["Lower back", "Guideline (2×/week)"] == "✗ not met"
    assert list(report.history["week"].unique()) == ["2026-W52", "2026-W53"]
    assert cw.week_shares(report).round(3).to_dict() == {
        "lats": 0.417,
        "traps": 0.25,
        "rhomboids": 0.333,
        "lower_back": 0.0,
    }
    # The page's column: 2.5, 1.5 and 2 of the back's 6 fractional sets; none for the biceps.
    assert table["Share of back sets"].to_dict() == {
        "Lats": "42 %", "Trapezius": "25 %", "Rhomboids": "33 %", "Lower back": "0 %",
        "Biceps": "",
    }  # fmt: skip


def test_the_clients_rejected_rows_and_unknown_exercises_are_reported(report):
    assert checks.rejects_table(report)["Line"].tolist() == [14, 15]
    assert checks.unmapped_table(report)["Exercise as logged"].tolist() == ["Mystery Machine Row"]
    assert checks.accounting_sentence(report).startswith("The log has 14 rows: 12 sets were read")


def test_exercises_of_the_week_in_session_order(report):
    table = cw.exercises_table(report)
    assert table["Exercise"].tolist()[:2] == [
        "Lat pulldown (to chest)",
        "Seated cable row (wide grip)",
    ]
    assert table["Exercise"].tolist()[-1] == "Mystery Machine Row (not in catalogue)"
    # Assisted: logged as 20 kg of help; 60 kg bodyweight - 20 kg is the effective 40 kg.
    assert table.loc[2, ["Load as logged (kg)", "Effective load (kg)"]].tolist() == [
        "assistance 20",
        "40",
    ]
    assert table.loc[0, "Effective load (kg)"] == ""  # a cable pulldown: as logged
    assert cw.exercises_note(report) == (
        "Effective load: the roster's bodyweight (60 kg) plus the added weight, or minus the "
        "assistance. Tonnage and one-rep max estimates use it."
    )


@pytest.mark.slow  # every demo client's last four weeks
def test_the_effective_load_note_comes_exactly_with_an_effective_load(demo_data):
    # The note reads the week's sets, not the table: both must agree, week by week.
    dataset = load_dataset(demo_data)
    seen = set()
    for client in dataset.roster["client_id"]:
        weeks = dataset.sets.loc[dataset.sets["client"] == client, "performed_at"]
        mondays = pd.date_range(weeks.min().normalize(), weeks.max(), freq="W-MON")
        for monday in mondays[-4:]:
            label = f"{monday.isocalendar().year}-W{monday.isocalendar().week:02d}"
            report = cw.client_week(client, label, dataset=dataset)
            effective = cw.exercises_table(report).iloc[:, -1].astype(bool).any()
            assert bool(cw.exercises_note(report)) == effective, (client, label)
            seen.add(bool(effective))
    assert seen == {True, False}  # weeks with and without a bodyweight or assisted set


def test_a_week_before_the_first_set_is_refused(fixture_data):
    dataset = load_dataset(fixture_data, today=dt.date(2027, 6, 1))
    with pytest.raises(BackdayError, match="no sets logged in or before 2026-W01"):
        cw.client_week("ana", "2026-W01", dataset=dataset)


def test_title_tonnage_direct_sets_and_days_by_hand(report):
    assert cw.title(report) == "Ana Example — week 2026-W53 (28 Dec 2026 to 03 Jan 2027)"
    table = cw.summary_table(report)
    # Lats 500 + 480 + 240, traps 480 + 300, rhomboids as lats, biceps 500 + 240.
    assert table["Tonnage (kg)"].tolist() == [1220, 780, 1220, 0, 740]
    assert table["Direct sets"].tolist() == [2, 1, 1, 0, 0]
    assert table["Training days"].tolist() == [2, 2, 2, 0, 2]
    # Lower back under the guideline, low volume, no biceps work: severity, reason, weeks.
    assert client_flags.flags_table(report).shape == (3, 3)
    assert checks.unmapped_table(report).values.tolist() == [
        ["Mystery Machine Row", 1, "2027-01-03"]
    ]


def test_guideline_days_history_and_latest_week_are_parameters(fixture_data):
    dataset = load_dataset(fixture_data, today=dt.date(2027, 6, 1))
    strict = cw.client_week("ana", "2026-W53", dataset=dataset, guideline_days=3)
    table = cw.summary_table(strict)
    assert table["Guideline (3×/week)"].tolist()[:2] == ["✗ not met", "✗ not met"]  # 2 days each
    one = cw.client_week("ana", "2026-W53", dataset=dataset, weeks_of_history=1)
    assert one.history["week"].unique().tolist() == ["2026-W53"]
    assert cw.client_week("ana", "2026-W53", dataset=dataset, weeks_of_history=0).history[
        "week"
    ].unique().tolist() == ["2026-W53"]
    latest = cw.client_week("ana", dataset=dataset)
    assert (latest.week, latest.monday) == ("2027-W03", dt.date(2027, 1, 18))


def test_a_week_of_warm_ups_only_has_no_shares_and_no_exercises(fixture_data):
    dataset = load_dataset(fixture_data, today=dt.date(2027, 6, 1))
    report = cw.client_week("ana", "2027-W01", dataset=dataset)
    assert cw.week_shares(report).tolist() == [0.0, 0.0, 0.0, 0.0]
    assert cw.exercises_table(report).empty
    assert len(report.week_sets) == 2  # the two warm-ups, shown nowhere else


@pytest.fixture
def ben(fixture_data):
    # Ben (bodyweight 90 kg) first trains on Sunday 3 Jan 2027, the last day of 2026-W53: a
    # pull-up with 22.5 kg added (112.5 kg × 7 = 787.5 kg) and a shrug of 40.25 kg × 10.
    # Ana's log gets a set at Monday 28 Dec 00:00 and one at Monday 4 Jan 00:00.
    (fixture_data / "logs" / "ben.csv").write_text(
        "client,performed_at,session_id,exercise,set_number,set_kind,weight,unit,reps,rpe,rir,"
        "notes,source\n"
        "ben,2027-01-03 10:00,b1,Pull Up,1,working,22.5,kg,7,,,,\n"
        "ben,2027-01-03 10:00,b1,Shrug (Dumbbell),1,working,40.25,kg,10,,,,\n",
        encoding="utf-8",
    )
    with (fixture_data / "logs" / "ana.csv").open("a", encoding="utf-8") as log:
        log.write("ana,2026-12-28 00:00,s0,Shrug (Dumbbell),1,working,30,kg,10,,,,\n")
        log.write("ana,2027-01-04 00:00,s9,Shrug (Dumbbell),1,working,30,kg,10,,,,\n")
    return load_dataset(fixture_data, today=dt.date(2027, 6, 1))


def test_a_first_set_on_the_weeks_sunday_rounds_and_formats_as_shown(ben):
    report = cw.client_week("ben", "2026-W53", dataset=ben, weeks_of_history=1)
    table = cw.summary_table(report).set_index("Muscle group")
    # Ben's roster unit is lb: 787.5 kg is 1736.13 lb, shown to the nearest lb.
    assert table.loc["Lats", "Tonnage (lb)"] == 1736
    assert table.loc["Lats", "Guideline (2×/week)"] == "✗ not met"
    # 22.5 kg added = 49.6 lb, 112.5 kg = 248.02 lb, 40.25 kg = 88.74 lb, one decimal.
    exercises = cw.exercises_table(report)
    assert exercises["Load as logged (lb)"].tolist() == ["bodyweight + 49.6", "88.7"]
    assert exercises["Effective load (lb)"].tolist() == ["248", ""]
    assert re.findall(r"\d+", checks.accounting_sentence(report)) == ["2", "2", "0", "0"]
    assert list(report.history.columns) == list(WEEKLY_COLUMNS)


def test_the_week_runs_from_monday_0_00_to_before_the_next_monday(ben):
    report = cw.client_week("ana", "2026-W53", dataset=ben)
    times = report.week_sets["performed_at"].sort_values().dt.strftime("%d %H:%M").tolist()
    assert times[0] == "28 00:00" and times[-1] == "03 10:00" and len(times) == 6
    table = cw.summary_table(report).set_index("Muscle group")
    assert table.loc["Lats", "Guideline (2×/week)"] == "✓ met"
    assert re.findall(r"\d+", checks.accounting_sentence(report)) == ["16", "14", "2", "1"]


def test_a_data_folder_given_by_path_is_read_wherever_the_command_runs(
    fixture_data, tmp_path, monkeypatch
):
    monkeypatch.delenv("BACKDAY_DATA", raising=False)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # no ./data here
    report = cw.client_week("Ana Example", "2026-W53", data_dir=str(fixture_data))
    assert report.client_id == "ana" and report.logged and report.notes == []


def test_a_week_after_the_last_log_says_so_and_has_no_summary_rows(fixture_data):
    dataset = load_dataset(fixture_data, today=dt.date(2027, 6, 1))
    report = cw.client_week("ana", "2027-W05", dataset=dataset)
    assert not report.logged
    assert report.notes == ["No log yet for this week: the last logged day is Mon 18 Jan 2027."]
    assert cw.summary_table(report).empty


def test_tonnage_in_lb_rounds_to_the_nearest_pound(fixture_data):
    # Ben's roster unit is lb: a shrug of 20 kg × 10 is 200 kg = 440.92 lb, shown as 441.
    (fixture_data / "logs" / "ben.csv").write_text(
        "client,performed_at,session_id,exercise,set_number,set_kind,weight,unit,reps,rpe,rir,"
        "notes,source\nben,2027-01-03 10:00,b1,Shrug (Dumbbell),1,working,20,kg,10,,,,\n",
        encoding="utf-8",
    )
    dataset = load_dataset(fixture_data, today=dt.date(2027, 6, 1))
    report = cw.client_week("ben", "2026-W53", dataset=dataset)
    assert cw.summary_table(report).set_index("Muscle group").at["Trapezius", "Tonnage (lb)"] == 441


def test_sixteen_weeks_of_history_by_default(demo_data):
    dataset = load_dataset(demo_data, today=dt.date(2027, 6, 1))
    report = cw.client_week("ben", "2026-W47", dataset=dataset)
    weeks = report.history["week"].unique().tolist()
    assert (len(weeks), weeks[0], weeks[-1]) == (16, "2026-W32", "2026-W47")
