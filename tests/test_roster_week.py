"""The roster page's tables on the fixture data folder, week 2026-W53, worked out by hand.

Ana (tests/test_weekly.py lists her sets) in 2026-W53: lats 1 + .5 + 1 = 2.5 sets on two
days (Mon 28 Dec, Sun 3 Jan), traps .5 + 1 = 1.5 on two days, rhomboids .5 + 1 + .5 = 2 on
two days, lower back nothing. Ben has no sets: zeros, guideline not met.

Flags: Ana 3 (lower back under the guideline, 2nd week, low; 4 whole-back sets, under the
minimum effective volume, medium; no biceps work, low) = 1 + 2 + 1 = 4 points. Ben 5 (four
groups under the guideline, low; 0 back sets, medium) = 4 + 2 = 6 points: Ben comes first.
"""

from __future__ import annotations

import datetime as dt

import pytest

from backday_analysis.datafolder.dataset import load_dataset
from backday_analysis.views import roster_week as rw


@pytest.fixture
def roster(fixture_data):
    dataset = load_dataset(fixture_data, today=dt.date(2027, 6, 1))
    return rw.roster_week("2026-W53", dataset=dataset)


def test_clients_in_attention_order_with_their_flag_counts(roster):
    assert roster.order == ["ben", "ana"]
    values, _ = rw.roster_matrix(roster)
    assert values[["Client", "Flags"]].values.tolist() == [["Ben Example", 5], ["Ana Example", 3]]


def test_cells_read_days_and_fractional_sets_with_met_and_unmet_classes(roster):
    values, classes = rw.roster_matrix(roster)
    ana = values.set_index("Client").loc["Ana Example"]
    assert ana[["Lats", "Trapezius", "Rhomboids", "Lower back"]].tolist() == [
        "2 d · 2.5 sets",
        "2 d · 1.5 sets",
        "2 d · 2 sets",
        "0 d · 0 sets",
    ]
    assert classes.iloc[1].tolist() == ["", "met", "met", "met", "unmet", ""]
    assert values.iloc[0, 1:5].tolist() == ["0 d · 0 sets"] * 4
    assert classes.iloc[0].tolist() == ["", "unmet", "unmet", "unmet", "unmet", ""]


def test_title_and_flags_by_client(roster):
    assert rw.roster_title(roster) == (
        "Roster overview — week 2026-W53 (28 Dec 2026 to 03 Jan 2027)"
    )
    flags = rw.flags_by_client(roster)
    assert flags["Client"].tolist() == ["Ben Example"] * 5 + ["Ana Example"] * 3


def test_latest_week_is_the_week_of_the_last_set(fixture_data):
    dataset = load_dataset(fixture_data, today=dt.date(2027, 6, 1))
    assert rw.roster_week("latest", dataset=dataset).week == "2027-W03"


def test_a_client_without_flags_shows_0_and_no_flags_at_all_is_fine(roster):
    from dataclasses import replace

    only_ben = replace(roster, flags=roster.flags.loc[roster.flags["client"] == "ben"])
    values, _ = rw.roster_matrix(only_ben)
    assert values["Flags"].tolist() == [5, 0]
    none = replace(roster, flags=roster.flags.iloc[:0])
    values, _ = rw.roster_matrix(none)
    assert values["Flags"].tolist() == [0, 0]
    assert rw.flags_by_client(none).empty
