"""Weekly table on the hand-counted fixture log tests/fixtures/data/logs/ana.csv.

The fixture's sets, with the credits of tests/fixtures/data/catalogue.csv (lats, traps,
rhomboids, lower back, biceps), worked out by hand:

2026-W52, Mon 21 Dec: deadlift 1 warm-up (left out) + 2 × 100 kg × 5 (0.5, 0.5, 0.5, 1, -),
    pull-up bodyweight 60 kg × 8 (1, -, 0.5, -, 0.5).
2026-W53, Mon 28 Dec: lat pulldown 50 × 10 (1, -, .5, -, .5), wide cable row 40 × 12
    (.5, .5, 1, -, -); Sun 3 Jan 2027: assisted pull-up 60 - 20 = 40 kg × 6 (1, -, .5, -, .5),
    shrug failure set 30 × 10 (-, 1, -, -, -), an unknown "Mystery Machine Row".
2027-W01: warm-ups only (bench press, deadlift): a week of zeros.
2027-W02: nothing logged.
2027-W03: curl drop set 20 × 10 (biceps 1); two rejected rows.
"""

import datetime as dt

import checkout
import numpy as np
import pandas as pd
import pytest

from backday_analysis import GROUPS
from backday_analysis.metrics.weekly import WEEKLY_COLUMNS, unmapped_exercises, weekly_volume


@pytest.fixture
def dataset(fixture_dataset):
    return fixture_dataset


def cell(table, week, group, column):
    row = table.loc[(table["week"] == week) & (table["group"] == group), column]
    assert len(row) == 1
    return row.item()


def test_columns_and_every_week_from_first_to_last_appear(dataset):
    table = weekly_volume(dataset.sets, dataset.catalogue, clients=["ana"])
    assert tuple(table.columns) == WEEKLY_COLUMNS
    assert sorted(table["week"].unique()) == [
        "2026-W52",
        "2026-W53",
        "2027-W01",
        "2027-W02",
        "2027-W03",
    ]
    assert len(table) == 5 * len(GROUPS)


def test_fractional_direct_tonnage_and_days_by_hand(dataset):
    table = weekly_volume(dataset.sets, dataset.catalogue, clients=["ana"])
    assert cell(table, "2026-W52", "lats", "fractional_sets") == 2.0  # 2 × 0.5 + 1
    assert cell(table, "2026-W52", "lats", "direct_sets") == 1
    assert cell(table, "2026-W52", "lats", "tonnage_kg") == 1480.0  # 2 × 500 + 60 × 8
    assert cell(table, "2026-W52", "lower_back", "fractional_sets") == 2.0
    assert cell(table, "2026-W52", "lower_back", "direct_sets") == 2
    assert cell(table, "2026-W52", "biceps", "fractional_sets") == 0.5


def test_week_53_crosses_the_new_year(dataset):
    table = weekly_volume(dataset.sets, dataset.catalogue, clients=["ana"])
    assert cell(table, "2026-W53", "lats", "fractional_sets") == 2.5  # 1 + 0.5 + 1
    assert cell(table, "2026-W53", "lats", "tonnage_kg") == 1220.0  # 500 + 480 + 40 × 6
    assert cell(table, "2026-W53", "lats", "days") == 2  # 28 Dec 2026 and 3 Jan 2027
    assert cell(table, "2026-W53", "lats", "guideline_met")
    assert cell(table, "2026-W53", "traps", "fractional_sets") == 1.5  # failure set counts
    assert cell(table, "2026-W53", "traps", "direct_sets") == 1
    assert cell(table, "2026-W53", "lower_back", "days") == 0
    assert not cell(table, "2026-W53", "lower_back", "guideline_met")


def test_warm_up_only_and_empty_weeks_are_zeros(dataset):
    table = weekly_volume(dataset.sets, dataset.catalogue, clients=["ana"])
    for week in ("2027-W01", "2027-W02"):
        rows = table.loc[table["week"] == week]
        assert rows[["fractional_sets", "direct_sets", "tonnage_kg", "days"]].sum().sum() == 0
    assert cell(table, "2027-W03", "biceps", "fractional_sets") == 1.0  # drop set counts


def test_day_threshold_and_guideline_are_parameters(dataset):
    table = weekly_volume(
        dataset.sets, dataset.catalogue, clients=["ana"], min_sets_per_day=2, guideline_days=1
    )
    # 28 Dec has two lats sets, 3 Jan only one.
    assert cell(table, "2026-W53", "lats", "days") == 1
    assert cell(table, "2026-W53", "lats", "guideline_met")
    assert cell(table, "2026-W52", "biceps", "days") == 0


def test_through_extends_with_zero_weeks_and_clients_without_sets_appear(dataset):
    table = weekly_volume(
        dataset.sets, dataset.catalogue, clients=["ana", "ben"], through=dt.date(2027, 1, 31)
    )
    assert table.loc[table["client"] == "ana", "week"].max() == "2027-W04"
    assert table.loc[table["client"] == "ben", "week"].unique().tolist() == ["2027-W04"]
    assert table.loc[table["client"] == "ben", "fractional_sets"].sum() == 0


def test_unknown_exercises_are_listed_not_dropped(dataset):
    unmapped = unmapped_exercises(dataset.sets)
    assert unmapped[["exercise", "sets"]].values.tolist() == [["Mystery Machine Row", 1]]
    assert dataset.rows_read["ana"] == len(dataset.sets) + len(dataset.rejects) == 14


def sets_of(rows):
    columns = ["client", "performed_at", "exercise_id", "set_kind", "load_kg", "reps", "exercise"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["performed_at"] = pd.to_datetime(frame["performed_at"])
    return frame


def test_week_1_of_2026_starts_on_monday_29_december_2025(dataset):
    sets = sets_of(
        [
            ["ana", "2025-12-28 10:00", "pull_up", "working", 60.0, 8, "Pull Up"],
            ["ana", "2025-12-29 10:00", "pull_up", "working", 60.0, 8, "Pull Up"],
            ["ana", "2026-01-04 10:00", "pull_up", "working", 60.0, 8, "Pull Up"],
        ]
    )
    table = weekly_volume(sets, dataset.catalogue)
    assert table["week"].unique().tolist() == ["2025-W52", "2026-W01"]
    assert cell(table, "2026-W01", "lats", "days") == 2  # Mon 29 Dec and Sun 4 Jan
    assert cell(table, "2025-W52", "lats", "days") == 1


def test_tonnage_is_kept_to_a_tenth_of_a_kg(dataset):
    # 22.68 kg (50 lb) × 3 = 68.04 kg, kept as 68.0.
    sets = sets_of([["ana", "2027-01-04 10:00", "pull_up", "working", 22.68, 3, "Pull Up"]])
    table = weekly_volume(sets, dataset.catalogue)
    assert cell(table, "2027-W01", "lats", "tonnage_kg") == 68.0


def test_unknown_exercises_by_client_then_most_sets_first():
    sets = sets_of(
        [
            ["ben", "2027-01-04 10:00", None, "working", 10.0, 5, "Odd Row"],
            ["ana", "2027-01-04 10:00", None, "working", 10.0, 5, "Odd Row"],
            ["ana", "2027-01-04 10:05", None, "working", 10.0, 5, "Odd Press"],
            ["ana", "2027-01-05 10:10", None, "working", 10.0, 5, "Odd Press"],
            ["ana", "2027-01-05 10:10", None, "warmup", 10.0, 5, "Odd Curl"],
        ]
    )
    unmapped = unmapped_exercises(sets)
    assert unmapped[["client", "exercise", "sets"]].values.tolist() == [
        ["ana", "Odd Press", 2],
        ["ana", "Odd Row", 1],
        ["ben", "Odd Row", 1],
    ]
    assert unmapped["last"].dt.day.tolist() == [5, 4, 4]


def test_sets_of_unknown_exercises_or_other_clients_count_for_no_group(dataset):
    # The catalogue's last exercise credits the lats: an unknown exercise must not take it.
    catalogue = dataset.catalogue
    last_credited = pd.concat([catalogue.iloc[1:], catalogue.iloc[:1]], ignore_index=True)
    assert last_credited.iloc[-1]["lats"] > 0
    sets = sets_of(
        [
            ["ana", "2027-01-04 10:00", None, "working", 50.0, 8, "Odd Row"],
            ["ana", "2027-01-05 10:00", "bench_press", "working", 50.0, 8, "Bench"],
        ]
    )
    table = weekly_volume(sets, last_credited)
    assert table[["fractional_sets", "tonnage_kg", "days"]].sum().sum() == 0


def test_from_arrays_without_through_ends_at_the_last_day():
    from backday_analysis.metrics.weekly import weekly_from_arrays

    # Days since 1970-01-01: 20457 is Sun 4 Jan 2026 (2026-W01), 20472 Mon 19 Jan (W04).
    day = np.array([20457, 20472])
    credits = np.array([[1.0, 0.0, 0.5, 0.0, 0.5] + [0.0] * (len(GROUPS) - 5)])
    table = weekly_from_arrays(
        np.array([0, 0]), ["ana"], day, np.array([0, 0]), np.array([100.0, 100.0]), credits
    )
    assert table["week"].unique().tolist() == ["2026-W01", "2026-W02", "2026-W03", "2026-W04"]
    lats = table.loc[table["group"] == "lats"]
    assert lats["fractional_sets"].tolist() == [1.0, 0.0, 0.0, 1.0]


def test_every_group_gets_its_days_and_the_twice_a_week_check():
    """Shipped catalogue, a week of pressing: Mon 3 bench press sets, Thu 2 push-ups.

    Chest 1 per set: 5 fractional sets, 5 direct, 2 days (met); triceps and front delts 0.5
    per set: 2.5 fractional, 0 direct, 2 days; with two sets needed for a training day,
    Thursday's two push-ups still count and a single Friday curl does not for the biceps.
    """
    from backday_analysis import paths
    from backday_analysis.datafolder.catalogue import load_catalogue

    catalogue = load_catalogue(paths.catalogue_path(checkout.DATA_DIR))
    sets = sets_of(
        [["ana", "2026-11-16 18:00", "bench_press_barbell", "working", 80.0, 5, "Bench"]] * 3
        + [["ana", "2026-11-19 18:00", "push_up", "working", 60.0, 10, "Push Up"]] * 2
        + [["ana", "2026-11-20 18:00", "bicep_curl_dumbbell", "working", 10.0, 10, "Curl"]]
    )
    table = weekly_volume(sets, catalogue, min_sets_per_day=2).set_index("group")
    chest, triceps = table.loc["chest"], table.loc["triceps"]
    assert (chest["fractional_sets"], chest["direct_sets"], chest["days"]) == (5.0, 5, 2)
    assert bool(chest["guideline_met"])
    assert chest["tonnage_kg"] == 3 * 80 * 5 + 2 * 60 * 10
    assert (triceps["fractional_sets"], triceps["direct_sets"], triceps["days"]) == (2.5, 0, 2)
    assert table.at["front_delts", "fractional_sets"] == 2.5
    assert (table.at["biceps", "fractional_sets"], table.at["biceps", "days"]) == (1.0, 0)
    assert table.at["quads", "fractional_sets"] == 0.0 and not table.at["quads", "guideline_met"]
