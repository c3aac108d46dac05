from pathlib import Path

import pandas as pd
import pytest

from backday_analysis.datafolder.catalogue import credit_table, load_aliases, load_catalogue
from backday_analysis.errors import BackdayError
from backday_analysis.importers.names import name_index, normalise_name, resolve_names, suggest

HEADER = (
    "exercise_id,name,pattern,equipment,grip,load_type,"
    "aliases,lats,traps,rhomboids,lower_back,biceps\n"
)
ROW_PULL = "pull_up,Pull-up,vertical_pull,bodyweight,,bodyweight,Pull Up|Pullups,1,,0.5,,0.5\n"
ROW_ROW = (
    "cable_row,Seated cable row,horizontal_pull,cable,close,external,Seated Row (Cable),1,,0.5,,\n"
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "catalogue.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_names_match_regardless_of_case_and_punctuation():
    assert normalise_name("Lat Pulldown (Cable)") == normalise_name("lat-pulldown, CABLE")
    assert normalise_name("Pull-Up") == normalise_name("pullup")
    assert normalise_name("Élévation") == "elevation"


def test_catalogue_loads_credits_as_numbers(tmp_path):
    catalogue = load_catalogue(write(tmp_path, HEADER + ROW_PULL + ROW_ROW))
    assert catalogue.loc[0, "aliases"] == ["Pull Up", "Pullups"]
    assert catalogue.loc[0, ["lats", "traps", "rhomboids", "biceps"]].tolist() == [1, 0, 0.5, 0.5]
    credits = credit_table(catalogue)
    assert len(credits) == 5  # pull-up: lats, rhomboids, biceps; row: lats, rhomboids
    assert credits["credit"].sum() == 1 + 0.5 + 0.5 + 1 + 0.5


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (HEADER.replace("biceps", "neck") + ROW_PULL, "line 1: 'neck' is not a muscle group"),
        (
            HEADER + ROW_PULL.replace(",1,,0.5,,0.5", ",2,,0.5,,0.5"),
            "line 2: the lats credit '2' is not 0.5 or 1",
        ),
        (
            HEADER + ROW_PULL + ROW_PULL.replace("Pull Up|Pullups", ""),
            "line 3: the exercise_id 'pull_up' is used twice",
        ),
        (
            HEADER + ROW_PULL + ROW_ROW.replace("Seated Row (Cable)", "pull ups"),
            "line 3: the alias 'pull ups' is already used on line 2",
        ),
        (
            HEADER + ROW_PULL.replace("bodyweight,Pull", "heavy,Pull"),
            "line 2: the load_type 'heavy' is unknown",
        ),
    ],
)
def test_bad_catalogue_names_file_line_and_column(tmp_path, text, message):
    with pytest.raises(BackdayError) as error:
        load_catalogue(write(tmp_path, text))
    assert str(error.value).startswith(str(tmp_path / "catalogue.csv"))
    assert message in str(error.value)


def test_coach_aliases_resolve_and_must_name_known_exercises(tmp_path):
    catalogue = load_catalogue(write(tmp_path, HEADER + ROW_PULL + ROW_ROW))
    aliases_file = tmp_path / "aliases.csv"
    aliases_file.write_text("alias,exercise_id\nBar Pull Thing,pull_up\n", encoding="utf-8")
    index = name_index(catalogue, load_aliases(aliases_file, catalogue))
    names = pd.Series(["PULL UP", "bar pull-thing", "Seated Row (Cable)", "Mystery"])
    assert resolve_names(names, index).tolist()[:3] == ["pull_up", "pull_up", "cable_row"]
    assert pd.isna(resolve_names(names, index).iloc[3])
    aliases_file.write_text("alias,exercise_id\nX,nope\n", encoding="utf-8")
    with pytest.raises(BackdayError, match="line 2: the exercise_id 'nope' is not in"):
        load_aliases(aliases_file, catalogue)


def test_missing_alias_file_means_no_aliases(tmp_path):
    catalogue = load_catalogue(write(tmp_path, HEADER + ROW_PULL))
    assert load_aliases(tmp_path / "absent.csv", catalogue).empty


def test_suggestions_for_an_unknown_name(tmp_path):
    catalogue = load_catalogue(write(tmp_path, HEADER + ROW_PULL + ROW_ROW))
    assert suggest("Pul Ups", catalogue)[0] == "Pull-up"
    assert suggest("Zzzz qqq", catalogue) == []


def test_users_own_copies_of_an_exercise_resolve_to_it(tmp_path):
    from backday_analysis.importers.names import lookup_id

    catalogue = load_catalogue(write(tmp_path, HEADER + ROW_PULL + ROW_ROW))
    index = name_index(catalogue)
    for name in (
        "Pull Up old data",
        "Pull Up Backup",
        "pull up RPE 8",
        "Pull Up #2",
        "Pull Up 1:00",
        "Old Pull Up",
    ):
        assert lookup_id(name, index) == "pull_up", name
    assert lookup_id("Pull Over", index) is None


def test_an_older_catalogue_without_the_whole_body_columns_loads_and_says_so(tmp_path, caplog):
    path = write(tmp_path, HEADER + ROW_PULL)
    with caplog.at_level("WARNING"):
        catalogue = load_catalogue(path)
    assert catalogue.loc[0, ["lats", "chest", "calves"]].tolist() == [1.0, 0.0, 0.0]
    assert "no column for chest, front_delts" in caplog.text and str(path) in caplog.text
