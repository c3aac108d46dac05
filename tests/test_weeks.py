import datetime as dt

import pandas as pd
import pytest

from backday_analysis.errors import BackdayError
from backday_analysis.metrics.weeks import (
    mondays_between,
    parse_week,
    week_label,
    week_labels,
    week_start,
)


def test_week_53_of_2026_runs_from_28_december_to_3_january():
    assert parse_week("2026-W53") == dt.date(2026, 12, 28)
    assert week_label(dt.date(2027, 1, 3)) == "2026-W53"
    assert week_label(dt.date(2027, 1, 4)) == "2027-W01"


def test_week_start_and_labels_of_timestamps():
    stamps = pd.Series(pd.to_datetime(["2026-12-31 23:59", "2027-01-04 00:00"]))
    mondays = week_start(stamps)
    assert list(mondays.dt.date) == [dt.date(2026, 12, 28), dt.date(2027, 1, 4)]
    assert list(week_labels(mondays)) == ["2026-W53", "2027-W01"]


@pytest.mark.parametrize("text", ["2025-W53", "2026-53", "W47", "2026-W00", "latest-ish", ""])
def test_invalid_week_strings_are_refused_with_the_format(text):
    with pytest.raises(BackdayError, match="YYYY-Www"):
        parse_week(text)


def test_mondays_between_covers_both_ends():
    mondays = mondays_between(dt.date(2026, 12, 30), dt.date(2027, 1, 5))
    assert mondays == [dt.date(2026, 12, 28), dt.date(2027, 1, 4)]


def test_iso_week_1_of_2026_starts_on_monday_29_december_2025():
    # 1 Jan 2026 is a Thursday, so the week holding it is week 1 of 2026 and starts in 2025.
    assert week_label(dt.date(2025, 12, 29)) == "2026-W01"
    assert week_label(dt.date(2025, 12, 28)) == "2025-W52"
    assert parse_week("2026-W01") == dt.date(2025, 12, 29)
    stamps = pd.Series(pd.to_datetime(["2025-12-29 00:00", "2026-01-04 23:59"]))
    mondays = week_start(stamps)
    assert list(mondays.dt.date) == [dt.date(2025, 12, 29)] * 2
    assert list(week_labels(mondays)) == ["2026-W01", "2026-W01"]


def test_mondays_between_a_sunday_end_and_an_empty_range():
    # Wed 31 Dec 2025 to Sun 11 Jan 2026: the weeks of 29 Dec and 5 Jan, not 12 Jan.
    assert mondays_between(dt.date(2025, 12, 31), dt.date(2026, 1, 11)) == [
        dt.date(2025, 12, 29),
        dt.date(2026, 1, 5),
    ]
    assert mondays_between(dt.date(2026, 1, 12), dt.date(2026, 1, 5)) == []
