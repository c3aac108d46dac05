"""The weekly report's back-against-the-rest windows, by hand, on a log with long gaps."""

from __future__ import annotations

import datetime as dt

import pytest

from backday_analysis.canonical import LOG_COLUMNS
from backday_analysis.datafolder.dataset import load_dataset
from backday_analysis.views import body_week
from backday_analysis.views import client_week as cw

ROW = "Seated Cable Row - Bar Wide Grip"  # a horizontal pull
HEADER = ",".join(LOG_COLUMNS) + "\n"


def _report(folder, days: dict[str, list[str]], week: str, weeks_of_history: int = 2):
    """Write Ana's log, ``day: [exercise, ...]`` one working set each, and return the week."""
    rows = [
        f"ana,{day} 09:00,{day},{name},{n},working,20,kg,8,,,,\n"
        for day, names in days.items()
        for n, name in enumerate(names, start=1)
    ]
    (folder / "logs" / "ana.csv").write_text(HEADER + "".join(rows))
    data = load_dataset(folder, today=dt.date(2027, 6, 1))
    return cw.client_week("ana", week, dataset=data, weeks_of_history=weeks_of_history)


@pytest.mark.parametrize(
    "days, week, windows",
    [
        # Years-old sets, then this week: the window's first three weeks are the client's
        # zeros, so the longer view is the 4 weeks, with this week's numbers alone.
        (
            {"2024-07-22": ["Pull Up"], "2026-11-18": ["Pull Up", "Pull Up", ROW]},
            "2026-W47",
            {"This week (2026-W47)": (3, 3, 1, 0), "4 weeks to 2026-W47": (3, 3, 1, 0)},
        ),
        # A week missed in the past: the window stops at the last week logged before it
        # (2026-W45); later sets (2026-W48) are not counted back.
        (
            {
                "2026-07-20": ["Pull Up"],
                "2026-11-04": ["Pull Up", ROW],
                "2026-11-25": ["Pull Up"],
            },
            "2026-W47",
            {"This week (2026-W47)": (0, 0, 0, 0), "2 weeks to 2026-W47": (2, 2, 1, 0)},
        ),
        # The client's first week has no longer view.
        ({"2026-11-18": ["Pull Up"]}, "2026-W47", {"This week (2026-W47)": (1, 1, 0, 0)}),
    ],
    ids=["years-before", "missed-week", "first-week"],
)
def test_the_windows_count_the_weeks_from_the_first_logged_to_the_last(
    fixture_data, days, week, windows
):
    report = _report(fixture_data, days, week)
    got = {
        label: (n["working"], n["back"], n["horizontal_pull"], n["horizontal_push"])
        for label, n in body_week.body_week(report).windows
    }
    assert got == windows


def test_the_charts_weeks_before_the_window_are_counted(fixture_data):
    # Eight weeks of charts from 2026-W40: W41's two pull-ups lie before the 4-week window
    # (W44 to W47) and still show; W30's before the charts do not.
    days = {"2026-07-22": ["Pull Up"], "2026-10-07": ["Pull Up", "Pull Up"]}
    report = _report(fixture_data, {**days, "2026-11-18": ["Pull Up"]}, "2026-W47", 8)
    regions = body_week.body_week(report).regions.set_index("week")["back_sets"]
    shown = list(dict.fromkeys(report.history["week"]))
    assert shown[0] == "2026-W40"
    assert regions.reindex(shown).fillna(0.0).tolist() == [0, 2, 0, 0, 0, 0, 0, 1]
