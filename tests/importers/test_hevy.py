"""Hevy: dates in several languages, set types, bodyweight, repeated exercises, units."""

from __future__ import annotations

import pandas as pd
import pytest
from support import EXPORTS, balanced, read, write

from backday_analysis.importers.detect import read_export
from backday_analysis.importers.hevy import parse_start
from backday_analysis.importers.rows import ImportContext


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5 Dec 2025, 14:47", "2025-12-05 14:47"),
        ("28 May 2024, 07:32", "2024-05-28 07:32"),
        ("14 März 2026, 07:05", "2026-03-14 07:05"),  # German
        ("2 Dez. 2025, 18:30", "2025-12-02 18:30"),
        ("5 déc. 2025, 14:47", "2025-12-05 14:47"),  # French
        ("1 févr. 2026, 09:00", "2026-02-01 09:00"),
        ("5 dic 2025, 14:47", "2025-12-05 14:47"),  # Spanish / Italian
        ("5 de ene. de 2026, 14:47", "2026-01-05 14:47"),
        ("12 okt. 2025, 9:05", "2025-10-12 09:05"),  # Dutch / German
        ("3 mrt 2026, 10:00", "2026-03-03 10:00"),  # Dutch
        ("3 mag 2026, 10:00", "2026-05-03 10:00"),  # Italian
        ("3 out 2026, 10:00", "2026-10-03 10:00"),  # Portuguese
        ("5 Dec 2025, 2:47 PM", "2025-12-05 14:47"),
        ("5 Dec 2025, 12:05 am", "2025-12-05 00:05"),
    ],
)
def test_start_time_in_app_languages(text, expected):
    assert parse_start(text) == pd.Timestamp(expected)


@pytest.mark.parametrize(
    "text", ["5/12/2025, 14:47", "31 Feb 2025, 10:00", "5 Foo 2025, 10:00", "2025-12-05 14:47"]
)
def test_start_times_that_are_not_hevy_dates(text):
    assert parse_start(text) is None


def test_kg_export_sets_kinds_bodyweight_and_repeated_exercise():
    parsed = read("hevy_kg.csv", unit=None)
    assert balanced(parsed) and parsed.stated_unit == "kg"
    got = parsed.sets.loc[
        :,
        [
            "performed_at",
            "exercise",
            "set_number",
            "set_kind",
            "weight",
            "unit",
            "reps",
            "rpe",
            "notes",
            "line",
        ],
    ]
    assert [tuple(r) for r in got.itertuples(index=False)] == [
        ("2027-01-03 09:15:00", "Lat Pulldown (Cable)", "1", "warmup", "30", "kg", "12", "", "", 2),
        (
            "2027-01-03 09:15:00",
            "Lat Pulldown (Cable)",
            "2",
            "working",
            "55",
            "kg",
            "10",
            "8",
            "",
            3,
        ),
        ("2027-01-03 09:15:00", "Lat Pulldown (Cable)", "3", "drop", "40", "kg", "8", "", "", 4),
        (
            "2027-01-03 09:15:00",
            "Lat Pulldown (Cable)",
            "1",
            "working",
            "45",
            "kg",
            "12",
            "",
            "second round",
            6,
        ),
        (
            "2027-01-03 09:15:00",
            "Lat Pulldown (Cable)",
            "2",
            "working",
            "55",
            "kg",
            "10",
            "",
            "",
            7,
        ),
        ("2026-12-28 18:40:00", "Pull Up", "1", "working", "", "kg", "8", "", "", 8),
        ("2026-12-28 18:40:00", "Pull Up", "2", "failure", "", "kg", "6", "", "", 9),
        ("2026-12-28 18:40:00", "Pull Up (Assisted)", "1", "working", "20", "kg", "10", "", "", 10),
    ]
    assert parsed.non_sets["line"].tolist() == [5, 11]


def test_pounds_and_kilometres_are_chosen_independently():
    parsed = read("hevy_lbs_de.csv", unit="kg")
    assert parsed.dialect == "lbs-km"
    assert set(parsed.sets["unit"]) == {"lb"}
    assert parsed.sets["weight"].tolist() == ["225", "225", "50"]
    assert parsed.sets["performed_at"].tolist()[-1] == "2025-12-02 18:30:00"


def test_unknown_set_type_and_bad_index_are_rejected(tmp_path):
    text = (EXPORTS / "hevy_kg.csv").read_text(encoding="utf-8")
    text = text.replace('1,"failure"', '1,"superset"').replace('0,"warmup",30', '-1,"warmup",30')
    parsed = read_export(write(tmp_path, "h.csv", text), ImportContext("x", None, "UTC"))
    assert parsed.rejected.to_dict("records") == [
        {"line": 2, "reason": "the set_index '-1' is not a whole number from 0"},
        {"line": 9, "reason": "the set_type 'superset' is not normal, warmup, failure or dropset"},
    ]
    assert balanced(parsed)


def test_unreadable_dates_everywhere_refuse_the_file(tmp_path):
    text = (EXPORTS / "hevy_kg.csv").read_text(encoding="utf-8")
    text = text.replace("3 Jan 2027, 09:15", "03/01/2027 09:15").replace(
        "28 Dec 2026, 18:40", "28/12/2026 18:40"
    )
    from backday_analysis.errors import BackdayError

    with pytest.raises(BackdayError, match=r"line 2: the date '03/01/2027 09:15'"):
        read_export(write(tmp_path, "h.csv", text), ImportContext("x", None, "UTC"))
