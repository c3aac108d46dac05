"""Reading an export's cells: numbers, reps, set numbers, weights, units and verdicts."""

from __future__ import annotations

import pandas as pd

from backday_analysis.importers.cells import (
    Verdicts,
    derived_set_numbers,
    format_numbers,
    no_reps_reason,
    parse_numbers,
    per_distinct,
    read_reps,
    read_rpe,
    read_set_numbers,
    read_units,
    read_weights,
    shown,
    snap_kg,
)


def text(*cells: str) -> pd.Series:
    return pd.Series(cells, dtype=object)


def test_numbers_with_a_decimal_point_or_comma_and_text_that_is_none():
    values, bad = parse_numbers(text("42,5", " 7.25 ", "-3", ".5", "", "12 kg", "1,2,3"))
    assert values.iloc[:4].tolist() == [42.5, 7.25, -3.0, 0.5]
    assert values.iloc[4:].isna().all()
    assert bad.tolist() == [False, False, False, False, False, True, True]


def test_reps_from_0_to_1000_whole_numbers_only():
    cells = text("0", "8", "1000", "1001", "-1", "7.5", "ten", "")
    verdicts = Verdicts(cells.index)
    reps = read_reps(cells, verdicts)
    assert reps.iloc[:3].tolist() == [0.0, 8.0, 1000.0]
    assert verdicts.kind.tolist() == ["", "", "", "reject", "reject", "reject", "reject", ""]
    assert "more than 1000" in verdicts.reason[3] and "whole number" in verdicts.reason[5]


def test_set_numbers_from_the_lowest_up_to_1000():
    cells = text("0", "1", "1000", "1001", "1.5", "")
    verdicts = Verdicts(cells.index)
    numbers = read_set_numbers(cells, verdicts, "set index", lowest=0)
    assert numbers.iloc[:3].tolist() == [0, 1, 1000]
    assert numbers.iloc[3:].isna().all()
    assert verdicts.kind.tolist() == ["", "", "", "reject", "reject", "reject"]
    one = text("0", "1")
    verdicts = Verdicts(one.index)
    assert read_set_numbers(one, verdicts, "set order", lowest=1).iloc[1] == 1
    assert verdicts.kind.tolist() == ["reject", ""]


def test_weights_and_rpe():
    cells = text("0", "", "102,5", "-5", "heavy")
    verdicts = Verdicts(cells.index)
    weights = read_weights(cells, verdicts)
    assert weights.iloc[[0, 2]].tolist() == [0.0, 102.5] and pd.isna(weights.iloc[1])
    assert verdicts.kind.tolist() == ["", "", "", "reject", "reject"]
    rpe = text("0", "10", "10.5", "-1", "")
    verdicts = Verdicts(rpe.index)
    assert read_rpe(rpe, verdicts).iloc[:2].tolist() == [0.0, 10.0]
    assert verdicts.kind.tolist() == ["", "", "reject", "reject", ""]


def test_first_verdict_wins_and_tables_list_lines():
    cells = text("a", "b", "c")
    verdicts = Verdicts(cells.index)
    verdicts.non_set(pd.Series([True, False, False]), "a timed entry")
    verdicts.reject(pd.Series([True, True, False]), "bad\nrow")
    assert verdicts.open.tolist() == [False, False, True]
    lines = pd.Series([2, 3, 4])
    assert verdicts.table("reject", lines).values.tolist() == [[3, "bad row"]]
    assert verdicts.table("non_set", lines).values.tolist() == [[2, "a timed entry"]]


def test_numbers_are_written_without_float_noise():
    values = pd.Series([45.0, 61.234969, 0.1 + 0.2, -0.0, None, 2.5])
    assert format_numbers(values).tolist() == ["45", "61.234969", "0.3", "0", "", "2.5"]
    assert format_numbers(pd.Series([1.23456789]), decimals=2).tolist() == ["1.23"]


def test_snap_kg_within_2_g_of_a_quarter_kg_or_0_005_lb_of_a_quarter_lb():
    lb = 0.45359237
    weights = pd.Series([60.002, 60.0021, 45 * lb + 0.004 * lb, 45 * lb + 0.006 * lb, 33.333])
    value, unit = snap_kg(weights)
    assert value.tolist() == [60.0, 60.0, 45.0, 20.41, 33.33]
    assert unit.tolist() == ["kg", "kg", "lb", "kg", "kg"]
    # 20 kg is 44.09 lb: a kg value; 22.6796 kg (50 lb) is 0.0704 kg off a 0.25 kg step.
    value, unit = snap_kg(pd.Series([20.0, 50 * lb]), decimals=1)
    assert value.tolist() == [20.0, 50.0] and unit.tolist() == ["kg", "lb"]


def test_units_blank_take_the_files_one_unit_or_the_fallback():
    weights, units = text("50", "110", "60"), text("kg", "", "KGS")
    verdicts = Verdicts(weights.index)
    unit, stated = read_units(weights, units, verdicts, "lb", written="kg or lbs", no_unit="?")
    assert unit.tolist() == ["kg", "kg", "kg"] and stated == "kg"
    mixed = text("lbs", "", "kg", "lbs")
    verdicts = Verdicts(mixed.index)
    unit, stated = read_units(
        text("1", "2", "3", "4"), mixed, verdicts, "kg", written="", no_unit=""
    )
    assert unit.tolist() == ["lb", "kg", "kg", "lb"] and stated == "lb"
    verdicts = Verdicts(mixed.index)
    read_units(
        text("1", "2", "", "4"), text("st", "", "", "lb"), verdicts, None, written="kg", no_unit="?"
    )
    assert verdicts.kind.tolist() == ["reject", "", "", ""]  # blank: the file's one unit, lb
    verdicts = Verdicts(mixed.index)
    read_units(
        text("1", "2", "", "4"), text("kg", "", "", "lb"), verdicts, None, written="", no_unit="?"
    )
    assert verdicts.kind.tolist() == ["", "reject", "", ""]  # two units, no fallback; no weight


def test_derived_set_numbers_no_reps_reasons_and_shown_text():
    day = pd.Series(["d1", "d1", "d1", "d2"])
    name = pd.Series(["Row", "Row", "Curl", "Row"])
    assert derived_set_numbers([day, name]).tolist() == [1, 2, 1, 1]
    reasons = no_reps_reason(pd.Series([None, 0]), pd.Series([True, False]))
    assert ["timed" in r for r in reasons] == [True, False]
    assert shown("a\nb   c") == "a b c"
    assert shown("x" * 41) == "x" * 37 + "..." and shown("x" * 40) == "x" * 40


def test_snapping_beats_rounding_and_pounds_win_only_where_kg_does_not_fit():
    # To one decimal: 61.2485 kg is 1.5 g from 61.25 kg, kept as 61.25 (rounding gives 61.2).
    value, unit = snap_kg(pd.Series([61.2485, 61.2449]), decimals=1)
    assert value.tolist() == [61.25, 61.2] and unit.tolist() == ["kg", "kg"]
    # 120.9979 kg: 2.1 g from 121 kg (outside 2 g) but 0.0047 lb from 266.75 lb: pounds.
    value, unit = snap_kg(pd.Series([120.9979]))
    assert value.tolist() == [266.75] and unit.tolist() == ["lb"]


def test_a_missing_mask_value_gives_no_verdict():
    verdicts = Verdicts(pd.RangeIndex(3))
    verdicts.reject(pd.Series([True, None, False], dtype="boolean"), "bad")
    assert verdicts.kind.tolist() == ["reject", "", ""]


def test_seven_decimals_are_cut_to_six_by_default():
    assert format_numbers(pd.Series([1.2345678])).tolist() == ["1.234568"]


def test_set_numbers_in_one_group_and_for_missing_keys():
    assert derived_set_numbers([pd.Series(["a", "a", "b"])]).tolist() == [1, 2, 1]
    missing = pd.Series(["d1", None, None], dtype=object)
    assert derived_set_numbers([missing, pd.Series(["Row"] * 3)]).tolist() == [1, 1, 2]


def test_per_distinct_converts_each_distinct_cell_once_and_keeps_rows_in_place():
    cells = pd.Series(["5", " 8", "5", "x", "5", None], index=[10, 11, 12, 13, 14, 15], name="reps")
    seen = []

    def numbers(distinct: pd.Series) -> pd.Series:
        seen.append(distinct.tolist())
        return pd.to_numeric(distinct, errors="coerce")

    converted = per_distinct(cells, numbers)
    assert len(seen) == 1 and seen[0][:3] == ["5", " 8", "x"]
    assert len(seen[0]) == 4 and pd.isna(seen[0][3])  # a missing cell is a value of its own
    pd.testing.assert_series_equal(converted, pd.to_numeric(cells, errors="coerce"))
    assert per_distinct(cells.iloc[:0], numbers).empty
