"""Pick the days of next week's plan, and the sets a group short of days can move.

Days are weekdays, 0 = Monday. The client's own training days come first: a day without back
work, then a day without the group's work, the one furthest from the group's days, earliest
on ties; when those run out, an extra day as far as can be from the others.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

import pandas as pd

from backday_analysis.metrics.deadlift_flags import DEADLIFT


def weekday(day: int) -> str:
    """Return a weekday's name, ``Monday`` for 0."""
    return f"{dt.date(2024, 1, 1 + int(day)):%A}"


def weekday_list(days, notes=None) -> str:
    """Return weekdays (0 = Monday) in words, ``Monday and Thursday``, each with its note."""
    notes = notes or [""] * len(days)
    names = [f"{weekday(d)}{n}" for d, n in zip(days, notes, strict=True)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@dataclasses.dataclass
class Week:
    """The client's week as the plan sees it: days trained, and each group's days."""

    trained: list[int]
    group_days: dict[str, set[int]]
    back_days: set[int]
    #: Each group's days as logged, before the plan's steps add any.
    logged_days: dict[str, set[int]] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        self.logged_days = {g: set(days) for g, days in self.group_days.items()}

    def added_days(self, group: str) -> set[int]:
        """Return the days the plan's steps so far give a group."""
        return self.group_days.get(group, set()) - self.logged_days.get(group, set())

    def place(self, day: int) -> str:
        """Return what the day was this week, for a plan line's heading."""
        if day < 0:
            return "Whole week"
        if day not in self.trained:
            return f"{weekday(day)} (an extra training day)"
        if day not in self.back_days:
            return f"{weekday(day)} (no back work this week)"
        return f"{weekday(day)} (back work this week)"

    def credit(self, days, groups) -> None:
        """Record that ``groups`` get work on ``days`` from a step of the plan."""
        for group in groups:
            self.group_days.setdefault(group, set()).update(days)


def pick_days(week: Week, group: str, needed: int, extra: bool = True) -> list[int]:
    """Return ``needed`` days to add a group's work on, earliest first.

    Without ``extra``, the group's own days may be used (work added to a session that
    already trains it) before an extra day is named.
    """
    group_days = week.group_days.get(group, set())

    def distance(day, others=()):
        gaps = [min(abs(day - d), 7 - abs(day - d)) for d in (*group_days, *others)]
        return min(gaps) if gaps else 7

    free = [d for d in week.trained if d not in group_days]
    free.sort(key=lambda d: (d in week.back_days, -distance(d), d))
    chosen = free[:needed]
    if len(chosen) < needed and not extra:
        chosen += [d for d in week.trained if d in group_days][: needed - len(chosen)]
    while len(chosen) < needed:  # extra days, each as far as can be from the others
        free_days = [d for d in range(7) if d not in {*chosen, *week.trained}]
        if not free_days:
            break
        chosen.append(min(free_days, key=lambda d: (-distance(d, chosen), d)))
    return sorted(chosen)


@dataclasses.dataclass
class Move:
    """Sets of one exercise to move from a group's training day to another day."""

    exercise_id: str
    source: int
    sets: int
    total: int
    reps: int


def sets_to_move(week_sets: pd.DataFrame, group: str, days: set[int], credits, catalogue):
    """Return the sets a group short of days can move, or None when none can.

    The candidate is the exercise crediting the group 1 with the most working sets on one
    of the group's days (a deadlift stays put: it is heavy and goes first). Half its sets
    (rounded down) move, so the day it leaves keeps the other half and every group it
    trained there keeps that day. An exercise of one set cannot be split.
    """
    direct = set(credits.index[credits[group] == 1.0]) - set(DEADLIFT.ids(catalogue))
    on_days = week_sets.loc[
        week_sets["exercise_id"].isin(direct) & week_sets["performed_at"].dt.day_of_week.isin(days)
    ]
    if on_days.empty:
        return None
    counts = on_days.groupby([on_days["exercise_id"], on_days["performed_at"].dt.day_of_week]).agg(
        n=("reps", "size"), reps=("reps", "median"), first=("performed_at", "min")
    )
    counts = counts.sort_values(["n", "first"], ascending=[False, True])
    (exercise_id, source), best = next(iter(counts.iterrows()))
    if best["n"] < 2:
        return None
    return Move(
        exercise_id, int(source), int(best["n"]) // 2, int(best["n"]), math.floor(best["reps"])
    )
