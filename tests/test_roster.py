import pandas as pd
import pytest

from backday_analysis.datafolder.roster import client_row, load_roster, save_roster, with_client
from backday_analysis.errors import BackdayError

HEADER = "client_id,name,unit,bodyweight_kg,timezone\n"


def write(tmp_path, body):
    path = tmp_path / "roster.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_roster_reads_units_and_bodyweights(tmp_path):
    roster = load_roster(write(tmp_path, "a,Ann,kg,61.5,Europe/Paris\nb,Bo,lbs,,\n"))
    assert roster["unit"].tolist() == ["kg", "lb"]
    assert roster["bodyweight_kg"].tolist()[0] == 61.5
    assert pd.isna(roster["bodyweight_kg"].tolist()[1])


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("a,Ann,stone,60,\n", "line 2: the unit 'stone' is not kg or lb"),
        ("a,Ann,kg,6000,\n", "line 2: the bodyweight_kg '6000' is not a weight in kg"),
        ("a,Ann,kg,60,\na,Again,kg,60,\n", "line 3: the client_id 'a' is used twice"),
        ("a,Ann,kg,60,Mars/Olympus\n", "line 2: the time zone 'Mars/Olympus' is unknown"),
    ],
)
def test_bad_roster_rows_name_the_line(tmp_path, body, message):
    with pytest.raises(BackdayError, match=message):
        load_roster(write(tmp_path, body))


def test_unknown_client_lists_the_known_ones(tmp_path):
    roster = load_roster(write(tmp_path, "a,Ann,kg,60,\n"))
    with pytest.raises(BackdayError, match=r"no client 'z' in the roster \(known: a\)"):
        client_row(roster, "z")


def test_adding_a_client_keeps_the_file_as_a_coach_wrote_it(tmp_path):
    path = write(tmp_path, "a,Ann,kg,60,\n")
    save_roster(with_client(load_roster(path), "b", unit="lb"), path)
    assert path.read_text(encoding="utf-8") == HEADER + "a,Ann,kg,60,\nb,b,lb,,\n"
