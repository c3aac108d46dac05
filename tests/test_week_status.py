"""No future, and no empty week passed off as zeros.

The demo's last logged week is 2026-W47 (Ben's last set: Thu 19 Nov 2026). Today is pinned
with ``$BACKDAY_TODAY`` or the functions' ``today``: on Sat 5 Dec 2026 (2026-W49), 2026-W50
begins on Mon 7 Dec and is refused; 2026-W48 and W49 have no log yet.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pandas as pd
import pytest

from backday_analysis import GROUPS, clock
from backday_analysis.charts import weekly as figures
from backday_analysis.datafolder.dataset import load_dataset
from backday_analysis.errors import BackdayError
from backday_analysis.metrics.week_status import (
    latest_logged_week,
    no_log_sentence,
    no_log_yet,
    refuse_future,
)
from backday_analysis.rendering.report import WEEKLY_NOTEBOOK, execute
from backday_analysis.views import client_flags, controls, next_week, pages
from backday_analysis.views import client_week as cw
from backday_analysis.views import roster_lines as rl
from backday_analysis.views import roster_week as rw

SATURDAY = dt.date(2026, 12, 5)
REFUSED = (
    "week 2026-W50 has not begun yet (it starts on Mon 07 Dec 2026; today is Sat 05 Dec 2026, "
    "in week 2026-W49); choose 2026-W49 or an earlier week."
)


@pytest.fixture(scope="module")
def data(demo_data):
    return load_dataset(demo_data)


def test_the_clock_reads_backday_today(monkeypatch):
    monkeypatch.setenv(clock.TODAY_ENV, "2026-12-05")
    assert clock.today() == SATURDAY
    monkeypatch.setenv(clock.TODAY_ENV, "5/12/2026")
    with pytest.raises(BackdayError, match="BACKDAY_TODAY=5/12/2026 is not a date"):
        clock.today()
    monkeypatch.delenv(clock.TODAY_ENV)
    assert clock.today() == dt.date.today()


def test_a_week_after_today_is_refused_and_this_week_is_not():
    with pytest.raises(BackdayError) as refused:
        refuse_future("2026-W50", SATURDAY)
    assert str(refused.value) == REFUSED
    refuse_future("2026-W49", SATURDAY)  # today's own week, half gone: allowed
    refuse_future("2026-W50", dt.date(2026, 12, 7))  # on its Monday: allowed


def test_the_pages_refuse_the_future(data):
    with pytest.raises(BackdayError, match="week 2026-W50 has not begun yet"):
        cw.client_week("ben", "2026-W50", dataset=data, today=SATURDAY)
    with pytest.raises(BackdayError, match="week 2026-W50 has not begun yet"):
        rw.roster_week("2026-W50", dataset=data, today=SATURDAY)


def test_latest_is_never_after_todays_week(data):
    assert latest_logged_week(data.sets, SATURDAY) == "2026-W47"
    assert latest_logged_week(data.sets, dt.date(2026, 11, 17)) == "2026-W47"
    assert latest_logged_week(data.sets, dt.date(2026, 11, 15)) == "2026-W46"


def test_a_week_after_the_last_log_says_so_and_raises_nothing(data):
    report = cw.client_week("ben", "2026-W48", dataset=data, today=SATURDAY)
    assert not report.logged
    assert cw.status_line(report) == (
        "No log yet for this week: the last logged day is Thu 19 Nov 2026."
    )
    # The weekly table has zeros for W48; the page, its charts included, shows none of them.
    w48 = report.full_history.loc[report.full_history["week"] == "2026-W48"]
    assert len(w48) == len(GROUPS) and w48["days"].sum() == 0
    assert report.history["week"].max() == "2026-W47" and report.this_week.empty
    assert cw.summary_table(report).empty
    assert client_flags.flags_table(report).empty
    assert next_week.client_advice(report).empty
    assert cw.exercises_table(report).empty
    logged = cw.client_week("ben", "2026-W47", dataset=data, today=SATURDAY)
    assert logged.logged and cw.status_line(logged) == ""


def test_the_roster_shows_a_week_without_logs_as_no_log_yet(data):
    roster = rw.roster_week("2026-W49", dataset=data, today=SATURDAY)
    assert roster.flags.empty
    assert rw.roster_summary(roster) == (
        "8 clients: 0 need attention; 0 on track; 8 with no log yet for this week."
    )
    values, _ = rl.roster_lines(roster)
    assert set(values["Most urgent"]) == {"No log yet"}
    assert values.set_index("Client").at["Ben Okafor", "Why here"] == "last logged Thu 19 Nov 2026"


# One report (the roster page) starts its kernel while the data is read, before the week is
# refused.
@pytest.mark.parametrize(
    "extra",
    [(), pytest.param(("--roster",), marks=pytest.mark.kernel)],
    ids=["client-pages", "roster-page"],
)
def test_the_command_refuses_a_future_week_in_one_sentence(demo_data, tmp_path, extra):
    out = tmp_path / "reports"
    env = {**__import__("os").environ, clock.TODAY_ENV: "2026-12-05"}
    result = subprocess.run(
        [sys.executable, "-m", "backday_analysis", "report", "--week", "2026-W50",
         "--data", str(demo_data), "--out", str(out), *extra],
        capture_output=True, text=True, timeout=600, env=env,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == f"error: {REFUSED}"
    assert "Traceback" not in result.stderr and not out.exists()


@pytest.mark.kernel
def test_the_notebook_refuses_a_future_week_through_the_package(demo_data, monkeypatch):
    monkeypatch.setenv(clock.TODAY_ENV, "2026-12-05")
    parameters = {"client": "ben", "week": "2026-W50", "data_dir": str(demo_data)}
    with pytest.raises(BackdayError) as refused:
        execute(WEEKLY_NOTEBOOK, parameters)
    assert str(refused.value) == REFUSED


def test_a_week_months_after_the_last_log_has_nothing_to_chart(data, monkeypatch):
    # 2027-W20 is 25 weeks after Ben's last logged week: none of its 16 weeks of history
    # was logged, so the charts have nothing to draw and the page says so instead of failing.
    report = cw.client_week("ben", "2027-W20", dataset=data, today=dt.date(2027, 5, 20))
    assert not report.logged and report.history.empty
    assert figures.volume_history(report) is None
    shown = []
    monkeypatch.setattr(controls, "display", shown.append)
    page = pages.weekly_page("ben", "2027-W20", str(data.folder))
    page.figure(figures.volume_history, "groups")
    assert [o.data for o in shown] == [f"<p>{controls.NOTHING_LOGGED}</p>"]


def test_a_log_on_the_weeks_monday_is_a_log_for_that_week():
    monday = dt.date(2026, 11, 30)  # 2026-W49
    assert not no_log_yet(monday, "2026-W49")
    assert no_log_yet(monday - dt.timedelta(days=1), "2026-W49")
    assert no_log_yet(None, "2026-W49")


def test_no_log_sentences():
    sentence = "No log yet: this client has no logged sets."
    assert no_log_sentence(None) == sentence
    assert no_log_sentence(pd.NaT) == sentence  # a client without sets, from a table
    assert no_log_sentence(dt.date(2026, 11, 22)) == (
        "No log yet for this week: the last logged day is Sun 22 Nov 2026."
    )
