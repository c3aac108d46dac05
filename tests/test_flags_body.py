"""The back against the rest of the body as flags, from tables worked out by hand."""

from __future__ import annotations

import checkout
import pandas as pd

from backday_analysis.datafolder.catalogue import load_catalogue
from backday_analysis.datafolder.settings import Settings
from backday_analysis.metrics.flags_body import back_behind_chest, group_volume, rest_not_trained
from backday_analysis.metrics.pull_push import pull_push, ratios

EMPTY = pd.DataFrame({"client": [], "performed_at": [], "exercise_id": [], "set_kind": []})
H = "(rows and rear-delt work against bench presses, push-ups, flyes and dips)"
V = "(pull-ups and pulldowns against overhead presses)"


def planes(*weeks) -> pd.DataFrame:
    """Return Ana's pull : push table from (week, h_pull, h_push, v_pull, v_push) rows."""
    counts = ["week", "horizontal_pull", "horizontal_push", "vertical_pull", "vertical_push"]
    return ratios(pd.DataFrame(weeks, columns=counts).assign(client="ana"))


def behind(table, week="2026-W47", weeks=1):
    return back_behind_chest(EMPTY, None, Settings(pull_push_weeks=weeks), week, table)


def test_back_behind_chest_names_each_plane_behind_and_the_worst_in_its_headline():
    # W45 behind (2 : 4); W46 exactly 1 : 1 and no vertical push: not behind, the run
    # breaks; W47 behind in both planes, 0.5 and 0.4 : 1, the vertical worse.
    table = planes(("2026-W45", 2, 4, 3, 3), ("2026-W46", 4, 4, 0, 0), ("2026-W47", 3, 6, 2, 5))
    (flag,) = behind(table).to_dict("records")
    assert (flag["flag"], flag["weeks"], flag["group"]) == ("back_behind_chest", 1, "")
    assert flag["headline"] == "Back behind chest, 0.4 : 1"
    assert flag["reason"] == (
        f"Pull : push was under 1 : 1 this week: horizontal 3 : 6 working sets {H}, 0.5 : 1; "
        f"vertical 2 : 5 working sets {V}, 0.4 : 1."
    )
    # Two weeks in a row are asked for by default: W47 alone is not enough.
    assert behind(table, weeks=2).empty
    # Zero weeks asked for still means this week must be behind.
    assert behind(planes(("2026-W47", 4, 4, 0, 0)), weeks=0).empty
    assert len(behind(table, weeks=0)) == 1


def test_one_push_and_no_pull_is_behind_and_runs_count_weeks_in_a_row():
    table = planes(("2026-W45", 0, 1, 0, 0), ("2026-W46", 1, 3, 0, 0), ("2026-W47", 0, 1, 0, 0))
    (flag,) = behind(table, weeks=3).to_dict("records")
    assert flag["weeks"] == 3
    assert flag["reason"] == (
        f"Pull : push was under 1 : 1 this week, for the 3rd week in a row: "
        f"horizontal 0 : 1 working sets {H}, 0 : 1."
    )


def weekly(sets_by_week: dict[str, list[float]], group="chest", days=2) -> pd.DataFrame:
    """Return Ana's weekly rows of one group: fractional sets per week, ``days`` each."""
    rows = [
        {"client": "ana", "week": w, "group": group, "fractional_sets": n, "days": days if n else 0}
        for w, values in sets_by_week.items()
        for n in values
    ]
    return pd.DataFrame(rows)


def test_a_group_over_its_maximum_for_three_weeks_is_flagged_with_its_numbers():
    # Chest's band is 10 to 22: 24, 23 and 24.5 are over for 3 weeks; W44 at 22 is not.
    table = weekly({"2026-W44": [22], "2026-W45": [24], "2026-W46": [23], "2026-W47": [24.5]})
    (flag,) = group_volume(table, Settings(), "2026-W47").to_dict("records")
    assert (flag["flag"], flag["group"], flag["weeks"]) == ("group_volume_high", "chest", 3)
    assert flag["reason"] == (
        "Chest: 24.5 fractional sets this week, over the maximum recoverable 22 a week, "
        "for the 3rd week in a row."
    )
    assert flag["headline"] == "Chest 24.5 sets, max 22"
    assert group_volume(table, Settings(band_weeks=4), "2026-W47").empty
    assert len(group_volume(table, Settings(band_weeks=0), "2026-W47")) == 1


def test_a_group_under_a_clients_own_minimum_says_whose_band_it_is():
    # Ana's own chest band: 8 to 30. One set this week, two the weeks before: under it.
    table = weekly({"2026-W45": [2], "2026-W46": [2], "2026-W47": [1]})
    bands = pd.DataFrame({"client_id": ["ana"], "group": ["chest"], "minimum_effective": [8.0],
                          "maximum_recoverable": [30.0], "note": [""]})  # fmt: skip
    flags = group_volume(table, Settings(), "2026-W47", bands)
    assert flags.index.tolist() == [0]
    (flag,) = flags.to_dict("records")
    assert flag["reason"] == (
        "Chest: 1 fractional set this week, under the minimum effective 8 a week (the client's "
        "own band), for the 3rd week in a row."
    )
    # Two groups, one over and one under: both, numbered from 0.
    both = pd.concat([table, weekly({"2026-W45": [21], "2026-W46": [21], "2026-W47": [21]},
                                    group="triceps")])  # fmt: skip
    flags = group_volume(both, Settings(), "2026-W47", bands)
    assert flags[["flag", "group"]].values.tolist() == [
        ["group_volume_low", "chest"], ["group_volume_high", "triceps"]
    ]  # fmt: skip
    assert flags.index.tolist() == [0, 1]


def test_a_group_outside_the_back_not_trained_for_four_weeks_is_flagged():
    table = weekly({f"2026-W{w}": [0] for w in (44, 45, 46, 47)}, group="calves")
    table = pd.concat([table, weekly({"2026-W48": [3]}, group="calves")])  # a later week
    (flag,) = rest_not_trained(table, Settings(), "2026-W47").to_dict("records")
    assert (flag["flag"], flag["group"], flag["weeks"]) == ("not_trained", "calves", 4)
    assert flag["reason"] == "Calves: no training day in any of the last 4 weeks."
    assert rest_not_trained(table, Settings(not_trained_weeks=5), "2026-W47").empty
    assert len(rest_not_trained(table.iloc[3:], Settings(not_trained_weeks=0), "2026-W47")) == 1
    # The back's groups are the other flag's.
    assert rest_not_trained(table.assign(group="lats"), Settings(), "2026-W47").empty


def test_band_flags_keep_the_weekly_tables_group_order_and_a_one_week_run_with_zero_asked():
    # Side delts come before rear delts in the vocabulary (and the weekly table), not in
    # the alphabet.
    over = {"2026-W45": [28], "2026-W46": [28], "2026-W47": [28]}  # their maximum is 26
    table = pd.concat([weekly(over, group="side_delts"), weekly(over, group="rear_delts")])
    flags = group_volume(table, Settings(), "2026-W47")
    assert flags["group"].tolist() == ["side_delts", "rear_delts"]
    # Over only this week: a run of 1, enough when 0 weeks are asked for.
    once = weekly({"2026-W46": [10], "2026-W47": [24.5]})
    assert len(group_volume(once, Settings(band_weeks=0), "2026-W47")) == 1
    assert group_volume(once, Settings(band_weeks=2), "2026-W47").empty


def _rows_and_benches(behind: int, weeks: int = 60) -> pd.DataFrame:
    """Return Ana's weekly sessions up to W53: 3 bench presses, and 3 rows except in the
    last ``behind`` weeks, which have 1 (1 : 3, behind)."""
    rows = []
    for k in range(weeks - 1, -1, -1):
        day = pd.Timestamp("2026-12-28 18:00") - pd.Timedelta(weeks=k)
        for exercise, n in (("bench_press_barbell", 3), ("barbell_row", 1 if k < behind else 3)):
            rows += [{"client": "ana", "performed_at": day, "exercise_id": exercise}] * n
    return pd.DataFrame(rows).assign(set_kind="working").astype({"client": "str"})


def test_a_run_behind_longer_than_the_first_window_is_counted_whole():
    # The flag counts the last 32 weeks first (flag_table.STREAK_WEEKS) and widens while a
    # run reaches their first week: 31, 32, 33 and 35 weeks behind are each counted whole.
    catalogue = load_catalogue(checkout.DATA_DIR / "catalogue.csv")
    settings = Settings(pull_push_weeks=2)
    for behind in (31, 32, 33, 35):
        sets = _rows_and_benches(behind)
        flags = back_behind_chest(sets, catalogue, settings, "2026-W53")
        assert flags["weeks"].tolist() == [behind]
        assert f"the {behind}" in flags["reason"].item()
        whole = back_behind_chest(sets, catalogue, settings, "2026-W53", pull_push(sets, catalogue))
        pd.testing.assert_frame_equal(flags, whole)


def test_a_run_behind_is_counted_when_more_weeks_are_asked_for_than_the_first_window():
    # 40 weeks asked for, 45 behind: the first window's 32 weeks could never hold them.
    catalogue = load_catalogue(checkout.DATA_DIR / "catalogue.csv")
    for asked, behind, found in ((40, 45, [45]), (33, 40, [40]), (33, 32, [])):
        sets = _rows_and_benches(behind)
        flags = back_behind_chest(sets, catalogue, Settings(pull_push_weeks=asked), "2026-W53")
        assert flags["weeks"].tolist() == found
