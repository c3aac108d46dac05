"""The name rules as data: the shipped table, whole-phrase matching, and a coach's own rules.

A coach's ``name_rules.csv`` in the data folder has the shipped table's columns; its rows come
first and replace a shipped row of the same phrase, so the coach's rule wins, at import and
when the logs are read again.
"""

from __future__ import annotations

import shutil

import checkout
import pandas as pd
import pytest
from support import TODAY, write

from backday_analysis import paths
from backday_analysis.datafolder.catalogue import load_name_rules
from backday_analysis.datafolder.dataset import load_dataset
from backday_analysis.datafolder.ingest import import_exports
from backday_analysis.errors import BackdayError
from backday_analysis.importers.name_parts import name_parts
from backday_analysis.importers.name_table import (
    KINDS,
    NameTable,
    read_coach_rules,
    shipped_rows,
    shipped_table,
    singular,
    with_coach_rules,
)
from backday_analysis.importers.names import name_index, resolve

RULES_HEADER = "phrase,kind,means,note\n"


def coach_index(tmp_path, catalogue, text: str):
    path = tmp_path / "name_rules.csv"
    path.write_text(RULES_HEADER + text, encoding="utf-8")
    return name_index(catalogue, None, load_name_rules(path, catalogue))


def test_the_shipped_table_uses_every_kind_and_names_catalogued_exercises(catalogue):
    rows = shipped_rows()
    assert set(rows["kind"]) == set(KINDS)
    moves = rows.loc[rows["kind"] == "movement", "means"]
    assert set(moves) <= set(catalogue["exercise_id"])


def test_phrases_are_replaced_whole_the_longest_first_with_plurals():
    parts = name_parts("Alternate Grip Chin Up Grip Pull Downs (DB)")
    assert parts.grips == {"mixed", "underhand"}  # not "single_arm" for "alternate"
    assert parts.equipment == {"dumbbell"}
    assert "pulldown" in parts.text.split()


def test_a_coach_movement_phrase_wins_over_the_code_and_the_shipped_rules(tmp_path, catalogue):
    index = coach_index(
        tmp_path,
        catalogue,
        "lat prayer,movement,face_pull,our gym's name\nhelms row,movement,dumbbell_row_one_arm,\n",
    )
    found = resolve("Cable Lat Prayer", index)
    assert (found.exercise_id, found.how) == ("face_pull", 'rule:your phrase "lat prayer"')
    # The code's row rule would read a supported row; the coach says one-arm.
    assert resolve("Helms Rows", index).exercise_id == "dumbbell_row_one_arm"
    # An exact catalogue name still wins over any phrase.
    assert resolve("Face Pull", index).how == "catalogue"


def test_a_coach_equipment_word_reads_new_spellings(tmp_path, catalogue):
    plain = name_index(catalogue)
    assert resolve("SZ Curl", plain).exercise_id == "bicep_curl_dumbbell"
    index = coach_index(tmp_path, catalogue, "sz,equipment,ezbar,the German name\n")
    assert resolve("SZ Curl", index).exercise_id == "ez_bar_curl"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("lat prayer,move,face_pull,\n", "line 2: the kind 'move' is unknown"),
        ("lat prayer,movement,face pull,\n", "line 2: 'face pull' is not one word"),
        (",movement,face_pull,\n", "line 2: the phrase is empty"),
        ("sz,equipment,ezbar,\nlat prayer,movement,lat_prayer,\n", "line 3: the exercise_id"),
    ],
)
def test_a_bad_coach_rule_names_the_file_and_line(tmp_path, catalogue, text, message):
    path = tmp_path / "name_rules.csv"
    path.write_text(RULES_HEADER + text, encoding="utf-8")
    with pytest.raises(BackdayError, match=message) as error:
        load_name_rules(path, catalogue)
    assert str(path) in str(error.value)


def test_no_coach_file_means_the_shipped_rules(tmp_path):
    assert read_coach_rules(tmp_path / "name_rules.csv") is None


def test_the_coach_rule_holds_at_import_and_when_the_logs_are_read(tmp_path, data):
    shutil.copy(paths.catalogue_path(checkout.DATA_DIR), paths.catalogue_path(data))
    (data / "name_rules.csv").write_text(
        RULES_HEADER + "lat prayer,movement,face_pull,\n", encoding="utf-8"
    )
    export = write(
        tmp_path,
        "fitbod.csv",
        "Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,"
        "Note,multiplier\n"
        "2026-11-16 18:00:00 +0000,Cable Kneeling Lat Prayer,12,20.0,0,0,0,0,false,,1\n",
    )
    (summary,) = import_exports([export], "ana", None, data, today=TODAY)
    entry = summary.exercises[0]
    assert (entry["exercise_id"], entry["resolved_by"]) == (
        "face_pull",
        'rule:your phrase "lat prayer"',
    )
    dataset = load_dataset(data, clients=["ana"], today=TODAY)
    logged = dataset.sets.loc[dataset.sets["exercise"] == "Cable Kneeling Lat Prayer"]
    assert logged["exercise_id"].tolist() == ["face_pull"]


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("punches", "punch"),  # -ches, -shes, -sses, -xes, -zes lose "es"
        ("boxes", "box"),
        ("axes", "axe"),  # four letters: too short for "es", it loses the "s" alone
        ("rows", "row"),
        ("abs", "abs"),  # three letters stay
        ("press", "press"),
        ("plus", "plus"),
    ],
)
def test_a_plural_ending_comes_off_long_enough_words(word, stem):
    assert singular(word) == stem


def table_of(*rows) -> NameTable:
    """Return a name table of (phrase, kind, means) rows, read as shipped rows."""
    frame = pd.DataFrame(rows, columns=["phrase", "kind", "means"]).assign(note="", coach=False)
    return NameTable(frame)


def test_a_phrase_is_read_in_its_plural_forms_y_as_ies_too():
    table = table_of(("reverse fly", "spelling", "reverse_fly"), ("pull down", "spelling", "pd"))
    assert table.respell("Reverse Flyes and Reverse Flies") == "reverse_fly and reverse_fly"
    assert table.respell("pull downs, pull downes") == "pd pd"
    # Only a last word in "y" takes "ies": "pull dowies" is no form of "pull down".
    assert table.respell("pull dowies") == "pull dowies"


def test_noise_words_are_no_movement_words():
    assert name_parts("Seated Cable Row (3 sets)").words == ("row",)


def test_a_name_has_every_word_asked_for_or_any_of_them():
    parts = name_parts("Barbell Row")
    assert parts.has("row") and not parts.has("row", "shrug")
    assert parts.any("row", "shrug") and not parts.any("shrug", "curl")


def test_a_shipped_phrase_resolution_is_not_called_the_coachs(catalogue):
    found = resolve("Pallof Press (Band)", name_index(catalogue))
    assert (found.exercise_id, found.how) == ("other_core", 'rule:phrase "pallof"')
    assert not shipped_rows()["coach"].any()


def test_no_coach_rows_is_the_shipped_table_itself():
    assert with_coach_rules(None) is shipped_table()
    assert with_coach_rules(pd.DataFrame(columns=["phrase", "kind", "means", "note"])) is (
        shipped_table()
    )


def test_a_coach_table_without_notes_is_read(tmp_path):
    path = tmp_path / "name_rules.csv"
    path.write_text("phrase,kind,means\nlat prayer,movement,face_pull\n", encoding="utf-8")
    rows = read_coach_rules(path)
    assert rows[["phrase", "kind", "means", "note", "line"]].values.tolist() == [
        ["lat prayer", "movement", "face_pull", "", 2]
    ]


def test_a_coach_table_not_in_utf8_says_what_the_decoder_said(tmp_path):
    path = tmp_path / "name_rules.csv"
    path.write_bytes(b"phrase,kind,means,note\nl\xe4t prayer,movement,face_pull,\n")
    with pytest.raises(BackdayError) as error:
        read_coach_rules(path)
    assert str(error.value) == (
        f"{path}: the name rules cannot be read as UTF-8 CSV ('utf-8' codec can't decode byte "
        "0xe4 in position 24: invalid continuation byte); save it again as CSV UTF-8."
    )
