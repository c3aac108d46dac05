"""Mutes, one function at a time: which hold in a week, which rows they hide, the page's line.

Small tables written by hand; ``tests/test_client_rules.py`` checks the same on the demo's
pages. A mute holds for a week that begins on or before its last day.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from backday_analysis.metrics.mutes import active_mutes, muted, muted_line


def mutes(*rows) -> pd.DataFrame:
    """Return a mutes table: (client_id, rule, group, reason, until) per row."""
    return pd.DataFrame(rows, columns=["client_id", "rule", "group", "reason", "until"])


MONDAY = dt.date(2026, 11, 16)  # 2026-W47


def test_a_mute_holds_in_the_week_that_begins_on_its_last_day():
    table = mutes(
        ("ben", "biceps_pairing", "", "arm day", MONDAY),  # ends the day the week begins
        ("ben", "volume", "", "a deload", MONDAY - dt.timedelta(days=1)),  # ended the day before
        ("ava", "spread", "", "no end", None),
    )
    held = active_mutes(table, MONDAY)
    assert list(held["rule"]) == ["biceps_pairing", "spread"]
    # The table keeps its columns and a fresh index (no column of old row numbers).
    assert list(held.columns) == list(table.columns)
    assert list(held.index) == [0, 1]


def test_a_mute_with_a_group_hides_only_that_groups_rows():
    frame = pd.DataFrame(
        {
            "client": ["ben", "ben", "ben", "ava"],
            "flag": ["group_imbalance", "group_imbalance", "not_trained", "group_imbalance"],
            "group": ["lats", "rhomboids", "lats", "lats"],
        },
        index=[10, 11, 12, 13],
    )
    one_group = mutes(("ben", "group_imbalance", "lats", "no imbalance yet", None))
    assert list(muted(frame, one_group, "flag")) == [True, False, False, False]
    every_group = mutes(("ben", "group_imbalance", "", "not this block", None))
    assert list(muted(frame, every_group, "flag")) == [True, True, False, False]
    assert list(muted(frame, every_group, "flag").index) == [10, 11, 12, 13]
    assert not muted(frame, mutes(), "flag").any()


def test_the_muted_line_counts_what_each_mute_hid():
    table = mutes(
        ("ben", "group_imbalance", "lats", "no imbalance yet", None),
        ("ben", "deadlift_not_first", "", "snatches first", dt.date(2026, 12, 31)),
        ("ben", "biceps_pairing", "", "arm day", None),
    )
    hidden = pd.DataFrame(
        {
            "code": ["group_imbalance", "group_imbalance", "deadlift_not_first"] * 2,
            "group": ["lats", "rhomboids", "lower_back", "lats", "lats", ""],
        }
    )
    # group_imbalance, lats: rows 0, 3 and 4 (not row 1, rhomboids); deadlift: rows 2 and 5.
    assert muted_line(table, hidden) == (
        "Muted by the coach: group imbalance, lats (“no imbalance yet”; hid 3 items this week)"
        " · deadlift not first (“snatches first”, until 31 Dec 2026; hid 2 items this week)"
        " · biceps pairing (“arm day”; nothing to hide this week)."
    )
    assert muted_line(mutes(), hidden) == ""
