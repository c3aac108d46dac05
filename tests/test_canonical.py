"""The log contract's numbers: the pound is 0.45359237 kg exactly."""

import pandas as pd

from backday_analysis.canonical import LB_TO_KG, LOG_COLUMNS, MAX_REPS, MAX_WEIGHT_KG, kg_to
from backday_analysis.datafolder.logs import parse_log
from backday_analysis.importers.cells import snap_kg

HEADER = ",".join(LOG_COLUMNS) + "\n"


def test_the_pound_is_the_international_avoirdupois_pound():
    assert LB_TO_KG == 0.45359237  # exact by the 1959 agreement, not 0.4536 or 0.454


def test_a_logged_pound_weight_becomes_kg_with_the_exact_factor():
    # 225 lb × 0.45359237 = 102.05828325 kg, kept to the gram: 102.058 (0.4536 gives 102.06).
    text = HEADER + "x,2027-01-04 10:00,s1,Deadlift (Barbell),1,working,225,lb,5,,,,\n"
    sets, rejects, _ = parse_log(text, "x", "kg", "log.csv", pd.Timestamp("2027-06-01").date())
    assert rejects.empty
    assert sets["weight_kg"].tolist() == [102.058]


def test_an_app_that_stored_pounds_as_kg_gets_its_pounds_back():
    # 135 lb is 61.2349699... kg; 61.23 kg is 134.99 lb and no 0.25 kg step: pounds win.
    value, unit = snap_kg(pd.Series([135 * 0.45359237, 61.25, 100.0]))
    assert value.tolist() == [135.0, 61.25, 100.0]
    assert unit.tolist() == ["lb", "kg", "kg"]


def test_reps_and_weights_up_to_the_limits_are_read_and_over_them_rejected():
    rows = [
        "x,2027-01-04 10:00,s1,Leg Press,1,working,1000,kg,1000,,,,",
        "x,2027-01-04 10:00,s1,Leg Press,2,working,1001,kg,5,,,,",
        "x,2027-01-04 10:00,s1,Leg Press,3,working,100,kg,1001,,,,",
    ]
    text = HEADER + "\n".join(rows) + "\n"
    sets, rejects, _ = parse_log(text, "x", "kg", "log.csv", pd.Timestamp("2027-06-01").date())
    assert (MAX_REPS, MAX_WEIGHT_KG) == (1000, 1000.0)
    assert sets[["weight_kg", "reps"]].values.tolist() == [[1000.0, 1000]]
    assert rejects["line"].tolist() == [3, 4]


def test_kg_to_turns_kg_into_the_unit_a_page_shows():
    # 100 kg is 220.462 lb: 100 / 0.45359237.
    assert round(100 * kg_to("lb"), 3) == 220.462
    assert kg_to("kg") == 1.0
