"""Generate the demo roster: eight clients, 26 weeks each, with a seeded random generator.

Run ``python -m backday_analysis.demo.generate`` (or ``make demo``) to write
``data/roster.csv``, the coach's own bands for Ava (``data/volume_bands.csv``), Dev's canonical
log and seven app exports in ``data/exports/`` (Strong, Hevy in kg and in lb, FitNotes, Fitbod
in UTC), which ``make demo-import`` imports. The output is the same on every run, and a client
added at the end of the roster leaves the others' sets as they were (the generator draws for
each client in roster order). The plans are in :mod:`.plans`; the stories:

- ``ava`` trains the whole back twice a week, evenly, with biceps, and the rest of the body
  twice a week too, her chest and calves at a maintenance dose her coach set, and deloads
  once (Strong).
- ``ben`` has one back day a week, starts it with bench press and never curls (Hevy, kg).
- ``cleo`` trains twice a week, but her lower-back work fades out from week 14 (FitNotes).
- ``dev`` does only vertical pulls, so rhomboids get no direct work (canonical log).
- ``eli`` raises his deadlift 12 % a week for three weeks, then stalls (Fitbod, UTC).
- ``fay`` logs in lb and misses two weeks in the middle (Hevy, lb).
- ``gus`` trains chest, shoulders and arms hard and the back little (Strong).
- ``hana`` trains legs and glutes hard and the back little (Hevy, kg).

Real logs are noisy, so loads progress in most weeks but stall in some, reps drift by a
rep or two, a set is added or dropped now and then, sessions move a day and a few are missed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from backday_analysis import paths
from backday_analysis.atomic import write_bytes_atomic, write_csv_atomic
from backday_analysis.canonical import LB_TO_KG, LOG_COLUMNS
from backday_analysis.datafolder.volume_bands import COLUMNS as BAND_COLUMNS
from backday_analysis.datafolder.volume_bands import volume_bands_path
from backday_analysis.demo.exports import (
    fitbod_export,
    fitnotes_export,
    hevy_export,
    strong_export,
)
from backday_analysis.demo.plans import (
    BAND_ROWS,
    ROSTER_ROWS,
    STORIES,
    WEEKS,
    Lift,
    Session,
    Story,
)

LAST_DAY = dt.date(2026, 11, 22)  # a Sunday: the demo ends with 2026-W47
SEED = 20261122
# Share of weeks in which a lift's load does not go up, and the deadlift's jump per week.
STALL_CHANCE = 0.3
JUMP = 1.12
DELOAD = 0.6
NOISE = [-2, -1, 0, 0, 0, 1]  # reps off the plan

ROSTER = pd.DataFrame(
    ROSTER_ROWS, columns=["client_id", "name", "unit", "bodyweight_kg", "timezone"]
)
BANDS = pd.DataFrame(BAND_ROWS, columns=list(BAND_COLUMNS))
SET_COLUMNS = [
    "client",
    "performed_at",
    "session_id",
    "workout",
    "exercise",
    "set_number",
    "set_kind",
    "weight",
    "reps",
]


def _plate(kg: float, lb: bool = False) -> float:
    """Return a load a gym can make: 2.5 kg plates (1 kg under 20 kg) or 5 lb plates."""
    if lb:
        return round(kg / LB_TO_KG / 5) * 5 * LB_TO_KG
    step = 2.5 if kg >= 20 else 1.0
    return round(kg / step) * step


def _session_days(sessions: tuple[Session, ...], rng: np.random.Generator) -> list[int]:
    """Return this week's weekday of each session: now and then one moves by a day."""
    days = [s.weekday for s in sessions]
    for i in range(len(days)):
        if rng.random() < 0.2:
            moved = days[i] + int(rng.choice([-1, 1]))
            if 0 <= moved <= 6 and all(abs(moved - d) > 0 for j, d in enumerate(days) if j != i):
                days[i] = moved
    return days


class _Loads:
    """Track each lift's working load from week to week: progression, stalls and jumps."""

    def __init__(self, story: Story, rng: np.random.Generator):
        self.story, self.rng, self.current, self.last_week = story, rng, {}, {}

    def load(self, lift: Lift, week: int) -> float:
        key = lift.name
        if key not in self.current:
            self.current[key] = lift.load
        elif self.last_week.get(key) != week and week not in self.story.deload_weeks:
            self.current[key] += self._rise(lift, week)
        self.last_week[key] = week
        value = self.current[key] * (DELOAD if week in self.story.deload_weeks else 1.0)
        return _plate(value, self.story.plate_lb) if value > 0 else 0.0

    def _rise(self, lift: Lift, week: int) -> float:
        is_deadlift = "deadlift" in lift.name.lower() and "romanian" not in lift.name.lower()
        if is_deadlift and week in self.story.deadlift_jump_weeks:
            return self.current[lift.name] * (JUMP - 1)
        stalled = self.story.deadlift_stall_from
        if is_deadlift and stalled is not None and week >= stalled:
            return 0.0
        return 0.0 if self.rng.random() < STALL_CHANCE else lift.step


def demo_sets(
    client: str, rng: np.random.Generator, story: str | None = None, weeks: int = WEEKS
) -> pd.DataFrame:
    """Return one client's generated sets (weights in kg), following one of the stories.

    ``story`` is a key of :data:`~.plans.STORIES` (default: the client id), so the
    benchmark can generate any number of clients. A story's sessions for the rest of the
    body (``rest``) draw from a generator of their own, seeded by the client id, so they
    leave ``rng``'s draws, and every set of the other sessions, as they were.
    """
    plan = STORIES[story or client]
    rows = _sessions_sets(client, plan, plan.sessions, rng, weeks)
    if plan.rest:
        own = np.random.default_rng([SEED, *client.encode()])
        rows = sorted(rows + _sessions_sets(client, plan, plan.rest, own, weeks), key=_start)
    return pd.DataFrame(rows, columns=SET_COLUMNS)


def _start(row: tuple) -> dt.datetime:
    return row[1]


def _sessions_sets(client, plan: Story, sessions, rng: np.random.Generator, weeks: int) -> list:
    """Return the rows of ``sessions`` over the weeks: moved days, missed sessions, sets."""
    first_monday = LAST_DAY - dt.timedelta(days=LAST_DAY.weekday(), weeks=weeks - 1)
    loads, rows = _Loads(plan, rng), []
    for week in range(weeks):
        days = _session_days(sessions, rng)
        if week in plan.missed_weeks:
            continue
        for session, weekday in zip(sessions, days, strict=True):
            if rng.random() < 0.04 and week not in (0, weeks - 1):
                continue  # a missed session now and then
            day = first_monday + dt.timedelta(weeks=week, days=weekday)
            minute = int(rng.integers(0, 50))
            start = dt.datetime.combine(day, dt.time(session.hour, minute))
            session_id = f"{client}-{start:%Y%m%d-%H%M}"
            for lift in session.lifts:
                last = lift.weeks[1] if lift.weeks[1] < WEEKS else weeks  # open-ended
                if not lift.weeks[0] <= week < last:
                    continue
                rows.extend(
                    (client, start, session_id, session.workout, lift.name, n, kind, w, r)
                    for n, (kind, w, r) in enumerate(_lift_sets(lift, week, plan, loads, rng), 1)
                )
    return rows


def _lift_sets(lift: Lift, week: int, plan: Story, loads: _Loads, rng: np.random.Generator):
    """Yield (kind, weight, reps) of one lift in one session: warm-ups, then working sets."""
    load = loads.load(lift, week)
    sets = lift.sets + int(rng.choice([-1, 0, 0, 0, 0, 0, 1]))
    if week in plan.deload_weeks:
        sets -= 1
    for _ in range(lift.warmups):
        yield "warmup", _plate(load * 0.5, plan.plate_lb), 8
    stalled = plan.deadlift_stall_from is not None and week >= plan.deadlift_stall_from
    grind = 1 + (week - plan.deadlift_stall_from) // 2 if stalled else 0
    for _ in range(max(sets, 1)):
        # Heavy low-rep sets wander less than light ones.
        reps = lift.reps + int(rng.choice([-1, 0, 0, 0, 0] if lift.reps <= 6 else NOISE))
        if "deadlift" in lift.name.lower() and stalled:
            reps = lift.reps - grind - int(rng.integers(0, 2))  # the stall: reps fall
        yield "working", load, max(reps, 1)


def canonical_log(sets: pd.DataFrame) -> pd.DataFrame:
    """Return generated sets as a canonical log table."""
    out = sets.assign(
        performed_at=sets["performed_at"].dt.strftime("%Y-%m-%d %H:%M:%S"),
        weight=sets["weight"].map(lambda w: f"{round(w, 3):g}" if w else ""),
        unit="kg",
        rpe="",
        rir="",
        notes="",
        source="demo",
    )
    return out.loc[:, list(LOG_COLUMNS)]


#: Each client whose log comes from an app export: file name and writer.
EXPORTS = {
    "ava": ("ava_strong.csv", strong_export),
    "ben": ("ben_hevy.csv", lambda s: hevy_export(s, unit="kg")),
    "cleo": ("cleo_fitnotes.csv", fitnotes_export),
    "eli": ("eli_fitbod.csv", lambda s: fitbod_export(s, _zone("eli"))),
    "fay": ("fay_hevy.csv", lambda s: hevy_export(s, unit="lb")),
    "gus": ("gus_strong.csv", strong_export),
    "hana": ("hana_hevy.csv", lambda s: hevy_export(s, unit="kg")),
}


def _zone(client: str) -> str:
    return str(ROSTER.set_index("client_id").at[client, "timezone"])


def write_demo(folder: Path) -> None:
    """Write the demo roster, Dev's canonical log and the seven app exports.

    The roster comes first, so ``backday import`` finds each client's unit and time zone.
    """
    write_csv_atomic(ROSTER, paths.roster_path(folder))
    write_csv_atomic(BANDS, volume_bands_path(folder))
    rng = np.random.default_rng(SEED)
    generated = {client: demo_sets(client, rng) for client in ROSTER["client_id"]}
    for client, (name, writer) in EXPORTS.items():
        write_bytes_atomic(folder / "exports" / name, writer(generated[client]).encode())
        # Its log comes from importing the export (make demo-import).
        paths.log_path(folder, client).unlink(missing_ok=True)
    write_csv_atomic(canonical_log(generated["dev"]), paths.log_path(folder, "dev"))


def write_canonical_demo(folder: Path, clients: int = 0, weeks: int = WEEKS) -> None:
    """Write a roster with every client as a canonical log (no app exports).

    With ``clients=0`` this is the demo roster; otherwise that many clients ``c001``, ...
    cycle through the stories (the benchmark's roster).
    """
    rng = np.random.default_rng(SEED)
    if clients:
        stories = list(STORIES)
        roster = pd.DataFrame(
            {
                "client_id": [f"c{i:03d}" for i in range(1, clients + 1)],
                "name": [f"Client {i}" for i in range(1, clients + 1)],
                "unit": "kg",
                "bodyweight_kg": 75.0,
                "timezone": "Europe/Amsterdam",
                "story": [stories[i % len(stories)] for i in range(clients)],
            }
        )
    else:
        roster = ROSTER.assign(story=ROSTER["client_id"])
        write_csv_atomic(BANDS, volume_bands_path(folder))
    for client, story in zip(roster["client_id"], roster["story"], strict=True):
        sets = demo_sets(client, rng, story, weeks)
        write_csv_atomic(canonical_log(sets), paths.log_path(folder, client))
    write_csv_atomic(roster.drop(columns="story"), paths.roster_path(folder))


def main() -> None:
    """Write the demo into the data folder (``$BACKDAY_DATA``, else ``./data``), holding its lock.

    Errors are one sentence and exit status 2.
    """
    import sys

    from backday_analysis.datafolder.lock import data_folder_lock
    from backday_analysis.errors import BackdayError

    try:
        folder = paths.data_dir()
        # The demo rewrites the roster and logs: not while an import changes them.
        with data_folder_lock(folder):
            write_demo(folder)
    except BackdayError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
