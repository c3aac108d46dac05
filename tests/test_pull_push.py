"""Pull to push per plane, counted by hand.

Client ``ana``, week 2026-W47 (Mon 16 - Sun 22 Nov 2026), with the shipped catalogue:

- horizontal pull: 3 barbell rows + 2 face pulls = 5 (a warm-up row does not count);
- horizontal push: 4 bench press + 2 push-ups + 2 cable flyes + 2 dips = 10, so 5 : 10 = 0.5;
- vertical pull: 3 pull-ups + 3 lat pulldowns = 6;
- vertical push: 3 overhead presses = 3, so 6 : 3 = 2.0;
- neither plane: 2 shrugs, 2 straight-arm pulldowns, 3 squats.

Week 2026-W48 (Mon 23 Nov): 2 pull-ups and nothing pushed, so the vertical ratio is missing
and the horizontal plane is empty. ``bo`` only benches in W47: 0 : 2 horizontally.
"""

from __future__ import annotations

import math

import checkout
import pandas as pd
import pytest

from backday_analysis import paths
from backday_analysis.datafolder.catalogue import load_catalogue
from backday_analysis.metrics.pull_push import PULL_PUSH_COLUMNS, over_weeks, pull_push, ratios

W47 = [
    ("barbell_row", 3), ("face_pull", 2), ("bench_press_barbell", 4), ("push_up", 2),
    ("cable_crossover", 2), ("chest_dip", 2), ("pull_up", 3), ("lat_pulldown_chest", 3),
    ("overhead_press_barbell", 3), ("shrug_barbell", 2), ("straight_arm_pulldown", 2),
    ("squat_barbell", 3),
]  # fmt: skip


def sets_of(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["client", "performed_at", "exercise_id", "set_kind"]).assign(
        performed_at=lambda f: pd.to_datetime(f["performed_at"])
    )


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    rows = [("ana", "2026-11-17 18:00", e, "working") for e, n in W47 for _ in range(n)]
    rows += [("ana", "2026-11-17 17:50", "barbell_row", "warmup")]
    rows += [("ana", "2026-11-25 18:00", "pull_up", "working")] * 2
    rows += [("bo", "2026-11-22 09:00", "bench_press_barbell", "drop")] * 2
    catalogue = load_catalogue(paths.catalogue_path(checkout.DATA_DIR))
    return pull_push(sets_of(rows), catalogue)


def test_columns_and_rows(table):
    assert tuple(table.columns) == PULL_PUSH_COLUMNS
    assert table[["client", "week"]].values.tolist() == [
        ["ana", "2026-W47"], ["ana", "2026-W48"], ["bo", "2026-W47"],
    ]  # fmt: skip
    assert list(table.index) == [0, 1, 2]


def test_counts_and_ratios_by_hand(table):
    ana = table.iloc[0]
    assert (ana["horizontal_pull"], ana["horizontal_push"], ana["horizontal_ratio"]) == (5, 10, 0.5)
    assert (ana["vertical_pull"], ana["vertical_push"], ana["vertical_ratio"]) == (6, 3, 2.0)


def test_no_push_means_no_ratio_and_no_pull_a_ratio_of_zero(table):
    later, bo = table.iloc[1], table.iloc[2]
    assert later["vertical_pull"] == 2 and math.isnan(later["vertical_ratio"])
    assert later["horizontal_pull"] == 0 and math.isnan(later["horizontal_ratio"])
    assert (bo["horizontal_pull"], bo["horizontal_push"], bo["horizontal_ratio"]) == (0, 2, 0.0)


def test_over_weeks_sums_before_dividing(table):
    both = over_weeks(table, ["2026-W47", "2026-W48"], "2 weeks").set_index("client")
    # ana: vertical (6 + 2) : 3; the ratio of the sums, not the mean of the ratios.
    assert both.at["ana", "vertical_ratio"] == pytest.approx(8 / 3)
    assert both.at["ana", "week"] == "2 weeks"
    assert both.at["bo", "horizontal_push"] == 2


def test_no_set_in_either_plane_gives_an_empty_table():
    catalogue = load_catalogue(paths.catalogue_path(checkout.DATA_DIR))
    empty = pull_push(sets_of([("ana", "2026-11-17 18:00", "squat_barbell", "working")]), catalogue)
    assert empty.empty and tuple(empty.columns) == PULL_PUSH_COLUMNS


def test_a_plane_without_sets_counts_zeros_and_one_push_gives_a_ratio():
    catalogue = load_catalogue(paths.catalogue_path(checkout.DATA_DIR))
    rows = [("cy", "2026-11-17 18:00", "barbell_row", "working")] * 3
    rows += [("cy", "2026-11-17 18:00", "push_up", "working")]
    table = pull_push(sets_of(rows), catalogue)
    # No vertical set at all: both counts 0, no ratio; 3 rows over 1 push-up: 3.0.
    cy = table.iloc[0]
    assert (cy["horizontal_pull"], cy["horizontal_push"], cy["horizontal_ratio"]) == (3, 1, 3.0)
    assert (cy["vertical_pull"], cy["vertical_push"]) == (0, 0)
    assert math.isnan(cy["vertical_ratio"])


def test_an_empty_table_has_the_columns_types():
    catalogue = load_catalogue(paths.catalogue_path(checkout.DATA_DIR))
    empty = pull_push(sets_of([("ana", "2026-11-17 18:00", "squat_barbell", "working")]), catalogue)
    assert empty.dtypes.astype(str).tolist() == ["str", "str"] + ["int64", "int64", "float64"] * 2


def test_ratios_sort_by_client_and_week_and_number_the_rows():
    counts = pd.DataFrame(
        {
            "client": ["bo", "ana"],
            "week": ["4 weeks", "4 weeks"],
            "horizontal_pull": [3, 0],
            "horizontal_push": [2, 0],
            "vertical_pull": [1, 4],
            "vertical_push": [0, 2],
        },
        index=[7, 3],
    )
    out = ratios(counts)
    assert out["client"].tolist() == ["ana", "bo"] and list(out.index) == [0, 1]
    assert out["horizontal_ratio"].fillna(-1).tolist() == [-1, 1.5]
    assert out["vertical_ratio"].fillna(-1).tolist() == [2.0, -1]
