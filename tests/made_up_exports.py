"""Strong exports made up for the locking and undo tests, with set counts known by hand.

Each training day has :data:`SETS_PER_DAY` sets: two sets of each of three exercises. Two
people differ in their weights, so their exports share no set.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
    "Notes,Workout Notes,RPE"
)
EXERCISES = ("Deadlift (Barbell)", "Lat Pulldown (Cable)", "Seated Cable Row - Bar Wide Grip")
SETS_PER_DAY = 2 * len(EXERCISES)
FIRST_DAY = dt.date(2026, 3, 2)
PEOPLE = {"zoe": 40, "other": 70}  # a person's base weight in kg


def day_rows(day: int, person: str = "zoe") -> list[str]:
    """Return the export rows of one training day (day 0 is 2026-03-02)."""
    when = f"{FIRST_DAY + dt.timedelta(days=day):%Y-%m-%d} 18:00:00"
    rows = []
    for offset, exercise in enumerate(EXERCISES):
        weight = PEOPLE[person] + 5 * offset + day
        for number in (1, 2):
            rows.append(f"{when},Back,50m,{exercise},{number},{weight},8,0,0,,,")
    return rows


def export_text(days, person: str = "zoe", extra: tuple[str, ...] = ()) -> str:
    """Return a Strong export of the given days, with extra rows at the end."""
    rows = [row for day in days for row in day_rows(day, person)]
    return "\n".join([HEADER, *rows, *extra]) + "\n"


def write_export(folder: Path, name: str, days, person: str = "zoe", extra=()) -> Path:
    """Write a made-up export and return its path."""
    path = Path(folder) / name
    path.write_text(export_text(days, person, extra), encoding="utf-8")
    return path


def log_keys(log_file: Path) -> list[tuple[str, ...]]:
    """Return each set of a log as (date-time, exercise, set number, weight, reps), sorted."""
    import pandas as pd

    rows = pd.read_csv(log_file, dtype=str, keep_default_na=False)
    columns = ["performed_at", "exercise", "set_number", "weight", "reps"]
    return sorted(tuple(row) for row in rows.loc[:, columns].itertuples(index=False))
