"""Generate the demo roster: four clients, 20 weeks each, with a seeded random generator.

Run ``python -m backday_analysis.tools.demo`` (or ``make demo``) to write ``data/roster.csv``,
Dev's canonical log and three app exports in ``data/exports/`` (Strong, Hevy, FitNotes),
which ``make report`` imports. The output is the same on every run.

The four stories:

- ``ava`` trains the whole back twice a week, evenly, and pairs it with biceps (Strong).
- ``ben`` has one back day a week, starts it with bench press rather than the deadlift,
  jumps his deadlift load and never curls (Hevy, in lb).
- ``cleo`` trains twice a week but never her lower back (FitNotes).
- ``dev`` does only vertical pulls, so rhomboids get no direct work (canonical log).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from backday_analysis import paths
from backday_analysis.atomic import write_bytes_atomic, write_csv_atomic
from backday_analysis.canonical import LOG_COLUMNS
from backday_analysis.tools.demo_exports import fitnotes_export, hevy_export, strong_export

LAST_DAY = dt.date(2026, 11, 22)  # a Sunday: the demo ends with 2026-W47
WEEKS = 20
SEED = 20261122


@dataclass(frozen=True)
class Lift:
    """One exercise in a session plan: app name, sets × reps, load and weekly progression."""

    name: str
    sets: int
    reps: int
    load: float  # kg; 0 for bodyweight
    step: float = 0.0  # kg added per week
    warmups: int = 0


def _plans() -> dict[str, list[tuple[int, int, str, list[Lift]]]]:
    """Return, per client, sessions as (weekday, hour, workout name, lifts)."""
    return {
        "ava": [
            (
                0,
                18,
                "Back & biceps A",
                [
                    Lift("Deadlift (Barbell)", 3, 5, 70, 1.25, warmups=2),
                    Lift("Dumbbell Row", 3, 10, 18, 0.25),
                    Lift("Lat Pulldown (Cable)", 3, 10, 40, 0.5),
                    Lift("Shrug (Dumbbell)", 3, 12, 20, 0.25),
                    Lift("Bicep Curl (Dumbbell)", 3, 10, 9, 0.1),
                ],
            ),
            (
                2,
                7,
                "Legs",
                [
                    Lift("Squat (Barbell)", 4, 6, 60, 1.0, warmups=1),
                    Lift("Leg Press", 3, 10, 100, 2.0),
                ],
            ),
            (
                3,
                18,
                "Back & biceps B",
                [
                    Lift("Chin Up", 3, 6, 0),
                    Lift("Seated Cable Row - Bar Wide Grip", 3, 12, 35, 0.5),
                    Lift("Back Extension", 3, 12, 0),
                    Lift("Face Pull (Cable)", 3, 15, 15, 0.25),
                    Lift("Hammer Curl (Dumbbell)", 2, 12, 8, 0.1),
                ],
            ),
        ],
        "ben": [
            (
                0,
                19,
                "Push",
                [
                    Lift("Bench Press (Barbell)", 4, 8, 80, 0.5, warmups=1),
                    Lift("Overhead Press (Barbell)", 3, 8, 45, 0.25),
                ],
            ),
            (
                2,
                19,
                "Back day",
                [
                    Lift("Bench Press (Barbell)", 3, 5, 85, 0.5),
                    Lift("Deadlift (Barbell)", 3, 5, 120, 4.0, warmups=1),
                    Lift("Bent Over Row (Barbell)", 4, 8, 60, 0.5),
                    Lift("Lat Pulldown (Cable)", 3, 10, 55, 0.5),
                    Lift("Shrug (Barbell)", 3, 12, 80, 1.0),
                ],
            ),
            (4, 19, "Legs", [Lift("Squat (Barbell)", 4, 6, 110, 1.0, warmups=1)]),
        ],
        "cleo": [
            (
                1,
                17,
                "Pull A",
                [
                    Lift("Pull Up (Assisted)", 3, 8, 25, -0.5),
                    Lift("Seated Cable Row", 3, 10, 40, 0.5),
                    Lift("Dumbbell Shrugs", 3, 12, 16, 0.25),
                    Lift("Dumbbell Curl", 3, 10, 8, 0.1),
                ],
            ),
            (
                4,
                17,
                "Pull B",
                [
                    Lift("Lat Pulldown", 3, 10, 40, 0.5),
                    Lift("Face Pull (Pulley)", 3, 15, 15, 0.25),
                    Lift("Barbell Shrug", 3, 10, 40, 0.5),
                    Lift("Hammer Curl", 2, 12, 8, 0.1),
                ],
            ),
        ],
        "dev": [
            (
                0,
                12,
                "Pull",
                [
                    Lift("Lat Pulldown (Cable)", 4, 10, 55, 0.5, warmups=1),
                    Lift("Pull Up", 3, 8, 0),
                    Lift("Bicep Curl (Barbell)", 3, 10, 25, 0.25),
                ],
            ),
            (
                3,
                12,
                "Pull",
                [
                    Lift("Pull Up (Weighted)", 3, 6, 5, 0.25),
                    Lift("Lat Pulldown - Close Grip (Cable)", 3, 12, 50, 0.5),
                    Lift("Chin Up", 3, 8, 0),
                ],
            ),
        ],
    }


ROSTER = pd.DataFrame(
    {
        "client_id": ["ava", "ben", "cleo", "dev"],
        "name": ["Ava Jansen", "Ben Okafor", "Cleo Martin", "Dev Patel"],
        "unit": ["kg", "lb", "kg", "kg"],
        "bodyweight_kg": [62.0, 88.0, 70.0, 80.0],
        "timezone": ["Europe/Amsterdam", "America/New_York", "Europe/Paris", "Europe/London"],
    }
)


def demo_sets(
    client: str, rng: np.random.Generator, story: str | None = None, weeks: int = WEEKS
) -> pd.DataFrame:
    """Return one client's generated sets (kg), following one of the four stories.

    ``story`` is one of ``ava``, ``ben``, ``cleo``, ``dev`` (default: the client id), so the
    benchmark can generate any number of clients.
    """
    story = story or client
    first_monday = LAST_DAY - dt.timedelta(days=LAST_DAY.weekday()) - dt.timedelta(weeks=weeks - 1)
    rows = []
    for week in range(weeks):
        for weekday, hour, workout, lifts in _plans()[story]:
            if rng.random() < 0.04 and week not in (0, weeks - 1):
                continue  # a missed session now and then
            day = first_monday + dt.timedelta(weeks=week, days=weekday)
            start = dt.datetime.combine(day, dt.time(hour, int(rng.integers(0, 50))))
            session = f"{client}-{start:%Y%m%d-%H%M}"
            for lift in lifts:
                load = _plate(lift.load + lift.step * week) if lift.load else 0.0
                if story == "ben" and lift.name.startswith("Deadlift") and week == weeks - 1:
                    load = _plate(load * 1.15)  # the big jump the report should catch
                number = 0
                for kind, count, reps, weight in (
                    ("warmup", lift.warmups, 8, _plate(load * 0.5)),
                    ("working", lift.sets, lift.reps, load),
                ):
                    for _ in range(count):
                        number += 1
                        done = max(reps - int(rng.integers(0, 2)), 1)
                        rows.append(
                            (client, start, session, workout, lift.name, number, kind, weight, done)
                        )
    frame = pd.DataFrame(
        rows,
        columns=[
            "client",
            "performed_at",
            "session_id",
            "workout",
            "exercise",
            "set_number",
            "set_kind",
            "weight",
            "reps",
        ],
    )
    return frame


def _plate(kg: float) -> float:
    return round(kg * 4) / 4


def canonical_log(sets: pd.DataFrame) -> pd.DataFrame:
    """Return generated sets as a canonical log table."""
    out = sets.assign(
        performed_at=sets["performed_at"].dt.strftime("%Y-%m-%d %H:%M:%S"),
        weight=sets["weight"].map(lambda w: f"{w:g}" if w else ""),
        unit="kg",
        rpe="",
        rir="",
        notes="",
        source="demo",
    )
    return out.loc[:, list(LOG_COLUMNS)]


def write_demo(folder: Path) -> None:
    """Write the demo roster, Dev's canonical log and the three app exports."""
    rng = np.random.default_rng(SEED)
    generated = {client: demo_sets(client, rng) for client in ROSTER["client_id"]}
    exports = folder / "exports"
    write_bytes_atomic(exports / "ava_strong.csv", strong_export(generated["ava"]).encode())
    write_bytes_atomic(exports / "ben_hevy.csv", hevy_export(generated["ben"]).encode())
    write_bytes_atomic(exports / "cleo_fitnotes.csv", fitnotes_export(generated["cleo"]).encode())
    write_csv_atomic(canonical_log(generated["dev"]), paths.log_path(folder, "dev"))
    # The other three logs come from importing the exports (make demo-import).
    for client in ("ava", "ben", "cleo"):
        paths.log_path(folder, client).unlink(missing_ok=True)
    write_csv_atomic(ROSTER, paths.roster_path(folder))


def write_canonical_demo(folder: Path, clients: int = 0, weeks: int = WEEKS) -> None:
    """Write a roster with every client as a canonical log (no app exports).

    With ``clients=0`` this is the demo roster; otherwise that many clients ``c001``, ...
    cycle through the four stories (the benchmark's roster).
    """
    rng = np.random.default_rng(SEED)
    if clients:
        stories = list(ROSTER["client_id"])
        roster = pd.DataFrame(
            {
                "client_id": [f"c{i:03d}" for i in range(1, clients + 1)],
                "name": [f"Client {i}" for i in range(1, clients + 1)],
                "unit": "kg",
                "bodyweight_kg": 75.0,
                "timezone": "Europe/Amsterdam",
                "story": [stories[i % 4] for i in range(clients)],
            }
        )
    else:
        roster = ROSTER.assign(story=ROSTER["client_id"])
    for client, story in zip(roster["client_id"], roster["story"], strict=True):
        sets = demo_sets(client, rng, story, weeks)
        write_csv_atomic(canonical_log(sets), paths.log_path(folder, client))
    write_csv_atomic(roster.drop(columns="story"), paths.roster_path(folder))


if __name__ == "__main__":
    import sys

    from backday_analysis.datafolder.lock import data_folder_lock
    from backday_analysis.errors import BackdayError

    try:
        # The demo rewrites the roster and logs: not while an import changes them.
        with data_folder_lock(paths.DEFAULT_DATA_DIR):
            write_demo(paths.DEFAULT_DATA_DIR)
    except BackdayError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)
