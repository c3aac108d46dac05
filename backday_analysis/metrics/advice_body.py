"""Next week's steps for the back against the rest: pulls to match the pushes, groups into band.

Each step answers a flag of :mod:`.flags_body` raised this week, so the plan covers them:

- *Back behind chest* (rules ``horizontal_pull``, ``vertical_pull``): for each plane whose
  pulls are behind this week, the rule's sets of a pull of that plane on each day of the
  week that had the plane's pushes, at most what brings the plane to the limit. Pulls an
  earlier step of the plan adds count first (a row added for the rhomboids is a horizontal
  pull); when they are enough, the plane's numbers join that step's line instead.
- *A group under its minimum* (``group_minimum``): sets of an exercise that trains the group
  directly, on one day, enough to reach the minimum and at least the rule's sets. Work that
  earlier steps add for the group counts first.
- *A group outside the back never trained for weeks* (``start_group``): often the program's
  choice, so a note for the whole week rather than an exercise in a session: the group's
  ``group_minimum`` exercise with the ``start_group`` row's sets, on one day.
- *A group over its maximum* (``group_maximum``): drop the sets over it from the client's
  most done exercise that trains the group directly this week.

Exercises come from the rule's list, the client's own first
(as :func:`.advice_lifts.pick_exercise`).
"""

from __future__ import annotations

import math

import pandas as pd

from backday_analysis import BACK_GROUPS, GROUP_LABELS, GROUPS
from backday_analysis.metrics.advice_days import pick_days
from backday_analysis.metrics.advice_lifts import (
    display_name,
    pick_exercise,
    rule_row,
    sets_count,
)
from backday_analysis.metrics.advice_plan import Step
from backday_analysis.metrics.body_balance import PLANE_WORDS, ratio_text, sets_needed
from backday_analysis.metrics.flag_table import num, weeks_text
from backday_analysis.metrics.pull_push import PLANES as PATTERN_PLANES

RULE_OF_PLANE = {"horizontal": "horizontal_pull", "vertical": "vertical_pull"}
#: Steps whose sets are new work: what an earlier step adds counts toward a later one.
ADDING = ("add", "pair")


def plane_sets(week_sets: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Return this week's working sets with their ``plane`` and ``side`` (NaN outside both)."""
    pattern = week_sets["exercise_id"].map(catalogue.set_index("exercise_id")["pattern"])
    places = pattern.map(PATTERN_PLANES)
    return week_sets.assign(
        plane=places.map(lambda p: p[0] if isinstance(p, tuple) else None),
        side=places.map(lambda p: p[1] if isinstance(p, tuple) else None),
    )


def _sides(placed: pd.DataFrame, plane: str) -> tuple[int, pd.DataFrame]:
    """Return a plane's pull sets this week, and its push sets."""
    mine = placed.loc[placed["plane"] == plane]
    return int((mine["side"] == "pull").sum()), mine.loc[mine["side"] == "push"]


def planes_behind(week_sets: pd.DataFrame, catalogue: pd.DataFrame, limit: float) -> list[str]:
    """Return the planes whose pulls are under ``limit`` per push set this week."""
    placed = plane_sets(week_sets, catalogue)
    out = []
    for plane in PLANE_WORDS:
        pull, pushes = _sides(placed, plane)
        if len(pushes) and pull / len(pushes) < limit - 1e-9:
            out.append(plane)
    return out


def _pull_ids(plane: str, catalogue: pd.DataFrame) -> list[str]:
    patterns = [p for p, (pl, side) in PATTERN_PLANES.items() if pl == plane and side == "pull"]
    return list(catalogue.loc[catalogue["pattern"].isin(patterns), "exercise_id"])


def _pick(listed: list[str], used: list[str], allowed: list[str]) -> str | None:
    allowed_set = set(allowed)
    listed = [e for e in listed if e in allowed_set]
    own = [e for e in used if e in allowed_set]
    order = [e for e in listed if e in own] + own + listed + allowed
    return order[0] if order else None


def _item(exercise: str, sets: int, reps: str, catalogue: pd.DataFrame) -> str:
    """Return a step's words for an exercise: ``face pull (cable) 3 × 12–15``."""
    name = display_name(exercise, catalogue)
    return f"{name} {sets} × {reps}" if reps else f"{name} {sets} sets"


def _added(earlier: list[Step], ids) -> tuple[int, list[Step]]:
    """Return the sets of ``ids`` that earlier adding steps give, and those steps."""
    givers = [s for s in earlier if s.action in ADDING and s.exercise_id in set(ids)]
    return sum(s.sets for s in givers), givers


def pull_push_steps(flagged, week_sets, week, used, credits, catalogue, settings, rules, earlier):
    """Return the steps adding pulls to each plane behind this week, when ``flagged``."""
    if not flagged:
        return []
    placed = plane_sets(week_sets, catalogue)
    limit = settings.pull_push_ratio
    out: list[Step] = []
    for plane in planes_behind(week_sets, catalogue, limit):
        pull, push_sets = _sides(placed, plane)
        push = len(push_sets)
        need = sets_needed(pull, push, limit)
        pulls, pushes = PLANE_WORDS[plane]
        text = (
            f"{plane} {pull} : {push} working sets this week ({pulls} against {pushes}), "
            f"{ratio_text(pull / push)}, under {ratio_text(limit)}; {need} more pull "
            f"set{'s' * (need != 1)} make{'s' * (need == 1)} it {ratio_text(limit)}"
        )
        facts = ("Pull : push", text)
        ids = _pull_ids(plane, catalogue)
        given, givers = _added(earlier + out, ids)
        if given >= need:
            for giver in givers:
                giver.facts.append(facts)
            continue
        row = rule_row(rules, RULE_OF_PLANE[plane], "")
        exercise = _pick(row["exercises"], used, ids) if row is not None else None
        if exercise is None:
            continue
        days = sorted(set(push_sets["performed_at"].dt.day_of_week))
        each = math.ceil((need - given) / len(days))
        each = min(each, sets_count(row)) if sets_count(row) else each
        week.credit(days, [g for g in GROUPS if credits.at[exercise, g] > 0])
        item = _item(exercise, each, row["reps"], catalogue)
        named = {"exercise_id": exercise, "sets": each, "reps": row["reps"]}
        out += [
            Step("", RULE_OF_PLANE[plane], "add", item, row["why"], d, [facts], **named)
            for d in days
        ]
    return out


def band_steps(flagged, table, week, week_sets, used, credits, catalogue, rules, earlier,
               behind=()):  # fmt: skip
    """Return the steps for the groups out of band or untrained.

    ``flagged`` holds this week's flags of the client, indexed by group: ``flag``
    (``group_volume_low``, ``group_volume_high`` or ``not_trained``) and ``weeks``. No
    step adds a push in a plane of ``behind`` (pull : push under its limit): more
    pressing would widen the gap that the plan's pull steps close.
    """
    patterns = catalogue.set_index("exercise_id")["pattern"]
    out: list[Step] = []
    for group in (g for g in GROUPS if g in flagged.index):
        flag = flagged.at[group, "flag"]
        frac = float(table.at[group, "fractional_sets"])
        if flag == "group_volume_high":
            continue  # drop_steps, once the plan's adds are known
        minimum = float(table.at[group, "minimum_effective"])
        if flag == "not_trained":
            weeks = int(flagged.at[group, "weeks"])
            fact = f"no training day in any of the last {weeks_text(weeks)}"
        else:
            fact = (
                f"{num(frac)} fractional set{'s' * (frac != 1)} this week, under the minimum "
                f"effective {num(minimum)}"
            )
        facts = (GROUP_LABELS[group], fact)
        direct = credits.index[credits[group] > 0]
        given = sum(s.sets * credits.at[s.exercise_id, group] for s in earlier + out
                    if s.action in ADDING and s.exercise_id in direct)  # fmt: skip
        need = math.ceil(minimum - frac - given - 1e-9)
        if given > 0 and need <= 0:
            for giver in (
                s for s in earlier + out if s.action in ADDING and s.exercise_id in direct
            ):
                giver.facts.append(facts)
            continue
        row = rule_row(rules, "group_minimum", group)
        start = rule_row(rules, "start_group", group) if flag == "not_trained" else None
        if row is None or (flag == "not_trained" and start is None):
            continue
        source = row if row["exercises"] or group not in BACK_GROUPS else None
        source = source if source is not None else rule_row(rules, "twice_a_week", group)
        listed = source["exercises"] if source is not None else []
        exercise = pick_exercise(group, listed, used, credits, catalogue)
        if exercise is None or PATTERN_PLANES.get(patterns[exercise]) in {
            (plane, "push") for plane in behind
        }:
            continue
        reps = row["reps"] or (source["reps"] if source is not None else "")
        # The rule's sets at least: one set more would be no prescription.
        sets = max(need, sets_count(row) or 1)
        if start is not None:
            # Left out for weeks is often the program's choice: a suggestion to start the
            # group, for the coach to take or mute, rather than an exercise in the plan.
            sets = sets_count(start) or sets_count(row) or 1
        item = _item(exercise, sets, reps, catalogue)
        if start is not None:
            label = GROUP_LABELS[group]
            text = f"{label[:1].lower()}{label[1:]}: {item}"
            out.append(Step(group, "start_group", "note", text, start["why"], -1, [facts]))
            continue
        days = _day_for(group, week, earlier + out)
        if not days:
            continue
        same = (t for t in earlier + out if t.action in ADDING and t.day == days[0])
        again = next((t for t in same if t.exercise_id == exercise), None)
        action = "add"
        if again is not None:
            # That day already does it for another reason: only the sets still missing, in
            # its reps, which the day's line adds to it (a step of its own, muted on its own).
            sets, reps, action = need, again.reps, again.action  # need >= 1: met ones left
            item = _item(exercise, sets, reps, catalogue)
        week.credit(days, [g for g in GROUPS if credits.at[exercise, g] > 0])
        named = {"exercise_id": exercise, "sets": sets, "reps": reps}
        step = Step(group, "group_minimum", action, item, row["why"], days[0], [facts], **named)
        out.append(step)
    return out


def _day_for(group: str, week, steps: list[Step]) -> list[int]:
    """Return the day to add a group's work on: a training day without it, least added to.

    Ties go to a day without back work, then the earliest; without such a day,
    :func:`~.advice_days.pick_days` names one.
    """
    free = [d for d in week.trained if d not in week.group_days.get(group, set())]
    if not free:
        return pick_days(week, group, 1, extra=False)
    load = {d: sum(s.day == d for s in steps) for d in free}
    return [min(free, key=lambda d: (load[d], d in week.back_days, d))]


def drop_steps(flagged, table, week_sets, credits, catalogue, rules, steps) -> list[Step]:
    """Return the steps dropping the sets of the groups over their maximum.

    Made after every other step: the sets ``steps`` add to such a group (a Romanian deadlift
    for the lower back is half a glute set) are dropped too.
    """
    out: list[Step] = []
    for group in (g for g in GROUPS if g in flagged.index):
        if flagged.at[group, "flag"] != "group_volume_high":
            continue
        added = sum(t.sets * credits.at[t.exercise_id, group] for t in steps
                    if t.action in ADDING and t.exercise_id in credits.index)  # fmt: skip
        frac = float(table.at[group, "fractional_sets"])
        maximum = float(table.at[group, "maximum_recoverable"])
        out += _drop(group, frac, maximum, week_sets, credits, catalogue, rules, added)
    return out


def _drop(group, frac, maximum, week_sets, credits, catalogue, rules, added) -> list[Step]:
    """Return the step dropping the sets over a group's maximum, or none.

    ``added``: the group's fractional sets in the plan's added exercises, dropped as well.
    """
    row = rule_row(rules, "group_maximum", group)
    direct = set(credits.index[credits[group] == 1.0])
    mine = week_sets.loc[week_sets["exercise_id"].isin(direct)]
    if row is None or mine.empty:
        return []
    counts = mine["exercise_id"].value_counts(sort=False)
    most = counts.sort_values(ascending=False, kind="stable").index[0]
    n = math.ceil(frac + added - maximum - 1e-9)
    item = f"drop {n} set{'s' * (n != 1)} of {display_name(most, catalogue)}"
    fact = (
        f"{num(frac)} fractional set{'s' * (frac != 1)} this week, over the maximum "
        f"recoverable {num(maximum)}"
    )
    if added:
        fact += f"; the exercises added here give it {num(added)} more"
    facts = [(GROUP_LABELS[group], fact)]
    return [Step(group, "group_maximum", "drop", item, row["why"], -1, facts)]
