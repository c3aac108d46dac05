"""Label, parse and enumerate ISO weeks (Monday to Sunday, written ``2026-W47``)."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from backday_analysis.errors import BackdayError

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def week_label(monday: dt.date) -> str:
    """Return the ISO label of the week that holds ``monday``."""
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def parse_week(text: str) -> dt.date:
    """Return the Monday of an ISO week label such as ``2026-W53``.

    Raises
    ------
    BackdayError
        If the text is not a week label or names a week the year does not have.
    """
    match = _WEEK.match(str(text).strip())
    if match:
        year, week = int(match[1]), int(match[2])
        try:
            return dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            pass
    raise BackdayError(
        f"'{text}' is not an ISO week; write it as YYYY-Www (for example "
        "2026-W47, a week the year has) or 'latest'."
    )


def week_start(timestamps: pd.Series) -> pd.Series:
    """Return the Monday (at midnight) of each timestamp's ISO week."""
    days = timestamps.dt.normalize()
    return days - pd.to_timedelta(days.dt.day_of_week, unit="D")


def week_labels(mondays: pd.Series) -> pd.Series:
    """Label each Monday with its ISO week; labels are computed once per distinct week."""
    unique = pd.Series(mondays.unique())
    lookup = dict(zip(unique, [week_label(m.date()) for m in unique], strict=True))
    return mondays.map(lookup).astype("str")


def mondays_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """Return every Monday from the week of ``first`` to the week of ``last``, inclusive."""
    start = first - dt.timedelta(days=first.weekday())
    end = last - dt.timedelta(days=last.weekday())
    count = (end - start).days // 7 + 1
    return [start + dt.timedelta(weeks=i) for i in range(max(count, 0))]
