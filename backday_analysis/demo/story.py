"""The demo's plan types: a client's story is weekly sessions of lifts, and what happens to it.

Week numbers count from 0 (the first demo week); a lift's ``weeks`` range swaps or fades an
exercise mid-block.
"""

from __future__ import annotations

from dataclasses import dataclass

WEEKS = 26


@dataclass(frozen=True)
class Lift:
    """One exercise in a session plan: app name, sets × reps, load and weekly progression."""

    name: str
    sets: int
    reps: int
    load: float  # kg in the first week; 0 for bodyweight; the assistance for assisted lifts
    step: float = 0.0  # kg added in a week that progresses (some weeks stall)
    warmups: int = 0
    weeks: tuple[int, int] = (0, WEEKS)  # first week done, first week no longer done


@dataclass(frozen=True)
class Session:
    """A weekly session: weekday (0 = Monday), start hour, workout name and its lifts."""

    weekday: int
    hour: int
    workout: str
    lifts: tuple[Lift, ...]


@dataclass(frozen=True)
class Story:
    """One client's plan and what happens to it: deloads, missed weeks, deadlift jumps."""

    sessions: tuple[Session, ...]
    deload_weeks: tuple[int, ...] = ()
    missed_weeks: tuple[int, ...] = ()
    deadlift_jump_weeks: tuple[int, ...] = ()  # the top set rises 12 % in each
    deadlift_stall_from: int | None = None  # from this week on the deadlift load stays put
    plate_lb: bool = False  # loads rounded to 5 lb plates (a client who logs in lb)
    # Sessions for the rest of the body, drawn from a generator of their own, so adding them
    # leaves the sessions above (and so the back's sets) as they were.
    rest: tuple[Session, ...] = ()


DEADLIFT = "Deadlift (Barbell)"
