"""Merge next week's steps into a session plan: one line per day, each naming its rules.

A :class:`Step` is one change the advice asks for: on a day (or the whole week), an action
(deadlift first, move sets here, add an exercise, finish with one, drop sets, a note), what
it is, the numbers behind it and the rule it follows. :func:`plan_lines` writes every step
of a day as one session line: the day and what it was this week, the actions in session
order with sets × reps, the numbers (groups sharing the same numbers named together) and
the rules' words.
"""

from __future__ import annotations

import dataclasses
import re

import pandas as pd

from backday_analysis.metrics.flag_table import GROUP_LABELS

#: Actions in the order a session does them; each with the verb its line uses.
ACTIONS = {"first": "", "move": "move", "add": "add", "pair": "finish with", "drop": "", "note": ""}
ADVICE_COLUMNS = ("client", "day", "group", "rule", "place", "plan", "facts", "why", "text")
#: Rules whose one line stands alone, without a day.
WHOLE_LINES = {"all_well", "no_training"}


@dataclasses.dataclass
class Step:
    """One change of next week's plan.

    ``day`` is a weekday (0 = Monday) or -1 for the whole week; ``facts`` pairs a label
    (``Lats``) with the numbers behind the step, as the week's table shows them. A step that
    adds an exercise to a session also names it: ``exercise_id``, ``sets`` and ``reps`` (a
    range such as ``10–12``, empty for the client's usual reps), so a plan can be written
    into an app (:mod:`backday_analysis.views.hevy_routine`).
    """

    group: str
    rule: str
    action: str
    item: str
    why: str
    day: int = -1
    facts: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    exercise_id: str = ""
    sets: int = 0
    reps: str = ""


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _facts(steps: list[Step]) -> str:
    """Return the steps' numbers, labels that share the same words named together."""
    by_text: dict[str, list[str]] = {}
    for step in steps:
        for label, text in step.facts:
            names = by_text.setdefault(text, [])
            if label not in names:
                names.append(label)
    parts = []
    order = {label: i for i, label in enumerate(GROUP_LABELS.values())}
    for text, labels in by_text.items():
        labels = sorted(labels, key=lambda label: order.get(label, len(order)))
        names = [labels[0]] + [label[:1].lower() + label[1:] for label in labels[1:]]
        parts.append(f"{_join(names)}: {text}")
    return " ".join(f"{p}." for p in parts)


def _items(steps: list[Step]) -> list[str]:
    """Return the steps' words, the sets of one exercise in the same reps as one item.

    Two rules may add the same exercise to a session (face pulls for the rhomboids and more
    for the rear delts): the line says it once, with their sets summed.
    """
    merged: dict = {}
    for step in steps:
        key = (step.exercise_id, step.reps) if step.exercise_id and step.sets else id(step)
        first, total = merged.get(key, (step, 0))
        merged[key] = (first, total + step.sets)
    return [
        re.sub(rf" {first.sets} (×|sets)", f" {total} \\1", first.item)
        if total != first.sets
        else first.item
        for first, total in merged.values()
    ]


def line_parts(steps: list[Step]) -> tuple[str, str, str]:
    """Return a session line's plan, its numbers and its rules' words, each as one sentence."""
    actions = []
    for action, verb in ACTIONS.items():
        items = _items([s for s in steps if s.action == action])
        if items:
            actions.append(f"{verb} {_join(items)}" if verb else "; ".join(items))
    plan = "; ".join(actions)
    whys = list(dict.fromkeys(s.why for s in steps if s.why))
    why = "; ".join(whys) + "." if whys else ""
    return f"{plan[:1].upper()}{plan[1:]}.", _facts(steps), why


def line_text(place: str, steps: list[Step]) -> str:
    """Return one session line: the day, its actions, the numbers and the rules."""
    plan, facts, why = line_parts(steps)
    several = len({s.why for s in steps if s.why}) > 1
    rule = ("Rules: " if several else "Rule: ") + why if why else ""
    text = " ".join(t for t in (plan, facts, rule) if t)
    return f"{place}: {text}" if place else text


def plan_lines(client: str, steps: list[Step], place) -> list[tuple]:
    """Return a client's plan as rows of :data:`ADVICE_COLUMNS`, whole-week lines first.

    ``place(day)`` names a day as the line's heading.
    """
    rows = []
    for day in sorted({s.day for s in steps}):
        mine = [s for s in steps if s.day == day]
        groups = ",".join(dict.fromkeys(s.group for s in mine))
        rules = ",".join(dict.fromkeys(s.rule for s in mine))
        heading = "" if {s.rule for s in mine} <= WHOLE_LINES else place(day)
        plan, facts, why = line_parts(mine)
        text = line_text(heading, mine)
        rows.append((client, day, groups, rules, heading, plan, facts, why, text))
    return rows


def empty_advice() -> pd.DataFrame:
    """Return an advice table with no rows."""
    return pd.DataFrame(
        {c: pd.Series(dtype="int64" if c == "day" else "str") for c in ADVICE_COLUMNS}
    )
