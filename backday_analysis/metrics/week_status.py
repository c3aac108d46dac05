"""Which weeks a page may show: never the future, and no empty week passed off as zeros.

- A week that begins after today is refused with one sentence.
- A week after a client's last logged day (but not in the future) has *no log yet*: it may
  still be synced, so it shows no zeros and raises no flag.
- ``latest`` is the week of the last logged set, but never after the week holding today
  (a set dated tomorrow in a time zone ahead must not open next week's page).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from backday_analysis import clock
from backday_analysis.errors import BackdayError
from backday_analysis.metrics.weeks import parse_week, week_label


def refuse_future(week: str, today: dt.date | None = None) -> None:
    """Raise a one-sentence error if ``week`` begins after ``today`` (default: the clock's).

    Raises
    ------
    BackdayError
        For a week in the future, or a malformed label.
    """
    monday = parse_week(week)
    today = today or clock.today()
    if monday > today:
        raise BackdayError(
            f"week {week} has not begun yet (it starts on {monday:%a %d %b %Y}; today is "
            f"{today:%a %d %b %Y}, in week {week_label(today)}); choose {week_label(today)} "
            "or an earlier week."
        )


def latest_logged_week(sets: pd.DataFrame, today: dt.date | None = None) -> str:
    """Return the week of the most recent logged set, at most the week holding today.

    Raises
    ------
    BackdayError
        If there are no logged sets.
    """
    if sets.empty:
        raise BackdayError(
            "there are no logged sets, so there is no latest week; import a "
            "log first or name a week as YYYY-Www."
        )
    last = sets["performed_at"].max().date()
    return week_label(min(last, today or clock.today()))


def last_logged_days(sets: pd.DataFrame) -> pd.Series:
    """Return each client's last logged day (any set, warm-ups too), by client id."""
    return sets.groupby("client")["performed_at"].max().dt.date


def no_log_yet(last_day: dt.date | None, week: str) -> bool:
    """Return whether a client with this last logged day has no log yet for ``week``."""
    return last_day is None or pd.isna(last_day) or last_day < parse_week(week)


def no_log_sentence(last_day: dt.date | None) -> str:
    """Return the one line a page shows for a week with no log yet."""
    if last_day is None or pd.isna(last_day):
        return "No log yet: this client has no logged sets."
    return f"No log yet for this week: the last logged day is {last_day:%a %d %b %Y}."
