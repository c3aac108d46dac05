import datetime as dt

import pytest

from backday_analysis.datafolder.dataset import load_dataset
from backday_analysis.errors import BackdayError
from backday_analysis.views import client_week as cw
from backday_analysis.views import data_checks as checks


@pytest.fixture
def report(fixture_data):
    dataset = load_dataset(fixture_data, today=dt.date(2027, 6, 1))
    return cw.client_week("ana", "2026-W53", dataset=dataset, weeks_of_history=2)


def test_summary_of_the_week_by_hand(report):
    table = cw.summary_table(report).set_index("Muscle group")
    assert table.loc["Lats", "Fractional sets"] == 2.5
    assert table.loc["Lats", "Training days"] == 2
    assert table.loc["Lower back", "Guideline (2×/week)"] == "not met"
    assert list(report.history["week"].unique()) == ["2026-W52", "2026-W53"]
    assert cw.week_shares(report).round(3).to_dict() == {
        "lats": 0.417,
        "traps": 0.25,
        "rhomboids": 0.333,
        "lower_back": 0.0,
    }


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
    assert table.loc[2, "Load (kg)"] == "40"  # assisted: 60 kg bodyweight - 20 kg help


def test_a_week_before_the_first_set_is_refused(fixture_data):
    dataset = load_dataset(fixture_data, today=dt.date(2027, 6, 1))
    with pytest.raises(BackdayError, match="no sets logged in or before 2026-W01"):
        cw.client_week("ana", "2026-W01", dataset=dataset)
