"""Exercises by template: built-in titles, custom names kept through a rename, units, exports."""

from __future__ import annotations

import pandas as pd
from hevy_clients import FAST, FIRST_DAY, MIA_KEY, backday_here, connect, mia_workout
from hevy_server import workout

from backday_analysis import paths
from backday_analysis.datafolder.catalogue import load_aliases, load_catalogue
from backday_analysis.datafolder.dataset import load_dataset
from backday_analysis.datafolder.hevy_state import read_cache
from backday_analysis.datafolder.hevy_sync import sync_clients
from backday_analysis.importers.hevy_templates import builtin_templates, templates_by_exercise
from backday_analysis.importers.names import name_index

ROW = "C0FFEE03"


def log(folder, client="mia") -> pd.DataFrame:
    return pd.read_csv(paths.log_path(folder, client), dtype=str, keep_default_na=False)


def rows_workout(day: int, template: str, title: str) -> dict:
    return workout(
        f"row-{day}",
        FIRST_DAY + pd.Timedelta(days=day, hours=1),
        [(template, title, [{"reps": 10, "weight_kg": 40}])],
    )


def test_the_shipped_table_holds_hevy_s_built_in_templates():
    table = builtin_templates()
    assert len(table) == 429 and table["template_id"].is_unique
    assert table.at["6A6C31A5", "title"] == "Lat Pulldown (Cable)"
    assert table["template_id"].str.fullmatch(r"[0-9A-Z]{8}").all()


def test_a_renamed_custom_exercise_keeps_its_name_and_mapping(hevy, folder):
    mia = hevy.accounts[MIA_KEY]
    mia.templates[ROW] = {"id": ROW, "title": "Rudern eng (Kabel)", "is_custom": True}
    mia.workouts = {"row-0": rows_workout(0, ROW, "Rudern eng (Kabel)")}
    with (folder / "aliases.csv").open("a") as aliases:
        aliases.write("Rudern eng (Kabel),seated_cable_row_close\n")
    connect(folder, hevy.url)
    sync_clients(folder, policy=FAST)
    assert len(hevy.requests("GET", "/v1/exercise_templates")) == 1

    mia.templates[ROW]["title"] = "Close row"  # renamed in the app
    hevy.save(MIA_KEY, rows_workout(1, ROW, "Close row"))
    [result] = sync_clients(folder, policy=FAST)
    assert result.sets_added == 1
    assert list(log(folder)["exercise"]) == ["Rudern eng (Kabel)"] * 2
    assert len(hevy.requests("GET", "/v1/exercise_templates")) == 1  # known now: not asked again
    entry = read_cache(folder, "mia")["templates"][ROW]
    assert (entry["name"], entry["title"], entry["custom"]) == (
        "Rudern eng (Kabel)",
        "Close row",
        True,
    )
    data = load_dataset(folder, clients=["mia"])
    assert set(data.sets["exercise_id"]) == {"seated_cable_row_close"}

    # The routine for this exercise uses the client's own template.
    catalogue = load_catalogue(paths.catalogue_path(folder))
    index = name_index(catalogue, load_aliases(paths.aliases_path(folder), catalogue))
    cache = read_cache(folder, "mia")["templates"]
    assert templates_by_exercise(catalogue, index, cache)["seated_cable_row_close"][0] == ROW
    assert templates_by_exercise(catalogue, index, {})["seated_cable_row_close"] == (
        "0393F233",
        "Seated Cable Row - V Grip (Cable)",
    )


def test_a_template_hevy_no_longer_lists_is_named_by_the_workout(hevy, folder):
    hevy.accounts[MIA_KEY].workouts = {"row-0": rows_workout(0, "DEADBEEF", "Rack Pull")}
    connect(folder, hevy.url)
    [result] = sync_clients(folder, policy=FAST)
    assert result.sets_added == 1 and list(log(folder)["exercise"]) == ["Rack Pull"]
    assert read_cache(folder, "mia")["templates"]["DEADBEEF"]["name"] == "Rack Pull"


def test_unknown_names_are_listed_for_an_alias(hevy, folder):
    hevy.accounts[MIA_KEY].workouts = {"row-0": rows_workout(0, "DEADBEEF", "Zottman Thing")}
    connect(folder, hevy.url)
    done = backday_here("sync", data=folder, url=hevy.url)
    assert "exercise names the catalogue does not know: Zottman Thing (1 sets)" in done.stdout


def test_weights_are_kept_in_the_unit_they_were_entered_in(hevy, folder):
    key = "1f2e3d4c-0000-1111-2222-333344445555"
    leo = hevy.account(key, "Leo")
    sets = [{"weight_kg": 61.23492, "reps": 5}, {"weight_kg": 60, "reps": 5}, {"reps": 8}]
    leo.workouts = {"L": workout("L", FIRST_DAY, [("C6272009", "Deadlift (Barbell)", sets)])}
    connect(folder, hevy.url, "leo", key)
    sync_clients(folder, ["leo"], policy=FAST)
    rows = log(folder, "leo")
    # 61.23492 kg is 135 lb as typed; 60 kg is a kg plate load; no weight is bodyweight.
    assert list(zip(rows["weight"], rows["unit"], strict=True)) == [
        ("135", "lb"),
        ("60", "kg"),
        ("", "kg"),
    ]
    data = load_dataset(folder, clients=["leo"])
    assert list(data.sets["weight_kg"]) == [61.235, 60.0, 0.0]  # the log keeps grams


EXPORT_HEADER = (
    "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,"
    "set_index,set_type,weight_kg,reps,distance_km,duration_seconds,rpe\n"
)


def export_rows(day: int) -> str:
    """Mia's workout of ``day`` as a Hevy CSV export writes it (local time, English titles)."""
    start = pd.Timestamp(FIRST_DAY + pd.Timedelta(days=day)).tz_convert("Europe/Amsterdam")
    when = f'"{start.day} {start:%b %Y, %H:%M}"'
    head = f'"Pull day {day}",{when},{when},"",'
    return "".join(
        [
            f'{head}"Lat Pulldown (Cable)",,"",0,"warmup",20,12,,,\n',
            f'{head}"Lat Pulldown (Cable)",,"",1,"normal",50,10,,,8\n',
            f'{head}"Lat Pulldown (Cable)",,"",2,"normal",50,9,,,8.5\n',
            f'{head}"Lat Pulldown (Cable)",,"",3,"failure",50,7,,,10\n',
            f'{head}"Back Extension Hold",,"",0,"normal",,,,45,\n',
            f'{head}"Hamstring Stretch",,"",0,"normal",,,,60,\n',
        ]
    )


def test_workouts_imported_from_an_export_are_not_doubled(hevy, folder, tmp_path):
    export = tmp_path / "mia_hevy.csv"
    export.write_text(EXPORT_HEADER + export_rows(1) + export_rows(0))
    imported = backday_here("import", str(export), "--client", "mia", data=folder)
    assert imported.returncode == 0, imported.stderr
    connect(folder, hevy.url)
    [first] = sync_clients(folder, policy=FAST)
    # Workouts 0 and 1 are in the log from the export, as Hevy has them: kept as they are.
    assert (first.workouts_unchanged, first.sets_unchanged, first.sets_added) == (2, 10, 105)
    assert len(log(folder)) == 115
    assert (log(folder)["source"] == "hevy").sum() == 10

    hevy.save(MIA_KEY, mia_workout(1, reps=(11, 10, 8)))  # edited: replaces the export's rows
    hevy.delete(MIA_KEY, mia_workout(0)["id"])  # deleted: its export rows go too
    [second] = sync_clients(folder, policy=FAST)
    assert (second.sets_added, second.sets_removed, second.workouts_deleted) == (5, 10, 1)
    rows = log(folder)
    assert len(rows) == 110 and not (rows["source"] == "hevy").any()
