"""Next week's steps for each back group: a second day (moved or added), direct sets, a share.

See :mod:`.advice` for the decisions; this module holds the per-group part.
"""

from __future__ import annotations

import pandas as pd

from backday_analysis import BACK_GROUPS, GROUPS
from backday_analysis.metrics.advice_days import pick_days, sets_to_move, weekday
from backday_analysis.metrics.advice_lifts import (
    display_name,
    pick_exercise,
    rule_row,
    sets_count,
    sets_reps,
)
from backday_analysis.metrics.advice_plan import Step
from backday_analysis.metrics.flag_table import GROUP_LABELS, num

_GROUP_RULES = ("twice_a_week", "direct_sets", "even_share")


def _value(table, group, column, cast):
    return cast(table.at[group, column]) if group in table.index else cast(0)


def group_steps(group, table, week, week_sets, used, credits, catalogue, settings, rules,
                back_total, volume_ok, earlier):  # fmt: skip
    """Return the steps for a back group's first problem (one per day), or none."""
    days = _value(table, group, "days", int)
    frac = _value(table, group, "fractional_sets", float)
    direct = _value(table, group, "direct_sets", int)
    share = frac / back_total if back_total else 0.0
    limit = settings.imbalance_share_of_even / len(BACK_GROUPS)
    problems = {
        "twice_a_week": days < settings.guideline_days,
        "direct_sets": direct == 0,
        "even_share": back_total > 0 and share < limit,
    }
    facts = (GROUP_LABELS[group], _facts(days, frac, direct, share, limit, problems, settings))
    for rule in (r for r in _GROUP_RULES if problems[r]):
        row = rule_row(rules, rule, group)
        if row is None:
            continue
        if rule == "twice_a_week" and len(week.group_days[group]) >= settings.guideline_days:
            # An earlier step already gives the group its days: its line says so.
            for giver in (s for s in earlier if s.day in week.added_days(group)):
                giver.facts.append(facts)
            return []
        if rule == "twice_a_week":
            moved = _spread(group, frac, week, week_sets, credits, catalogue, table, rules,
                            volume_ok, facts)  # fmt: skip
            if moved is not None:
                return [moved]
        source = row if row["exercises"] else rule_row(rules, "twice_a_week", group)
        listed = source["exercises"] if source is not None else []
        exercise = pick_exercise(group, listed, used, credits, catalogue)
        if exercise is None:
            continue
        if not row["reps"] and source is not None:
            row = row.copy()
            row["reps"] = source["reps"]  # the group's own rep range
        needed = max(settings.guideline_days - days, 1) if rule == "twice_a_week" else 1
        chosen = pick_days(week, group, needed, extra=rule == "twice_a_week")
        if not chosen:
            continue
        week.credit(chosen, [g for g in GROUPS if credits.at[exercise, g] > 0])
        item = f"{display_name(exercise, catalogue)} {sets_reps(row)}"
        named = {"exercise_id": exercise, "sets": sets_count(row) or 0, "reps": row["reps"]}
        return [Step(group, rule, "add", item, row["why"], d, [facts], **named) for d in chosen]
    return []


def _group_minimum(group: str, rules: pd.DataFrame, table: pd.DataFrame) -> float | None:
    """Return the weekly fractional sets from which a group's sets move rather than add.

    The ``spread`` row's limit, else the group's minimum effective volume: the client's band
    (:func:`~.landmarks.with_bands`, ``config.toml`` or ``volume_bands.csv``) in ``table``.
    """
    spread = rule_row(rules, "spread", group)
    if spread is None:
        return None
    if pd.notna(spread["limit"]):
        return float(spread["limit"])
    if group not in table.index or "minimum_effective" not in table.columns:
        return None
    return float(table.at[group, "minimum_effective"])


def _spread(group, frac, week, week_sets, credits, catalogue, table, rules, volume_ok, facts):
    """Return a step moving sets of the group to a second day, or None."""
    minimum = _group_minimum(group, rules, table)
    if minimum is None or frac < minimum or not volume_ok:
        return None
    move = sets_to_move(week_sets, group, week.group_days[group], credits, catalogue)
    if move is None:
        return None
    targets = [d for d in pick_days(week, group, 1) if d != move.source]
    if not targets:
        return None
    week.credit(targets, [g for g in GROUPS if credits.at[move.exercise_id, g] > 0])
    why = rule_row(rules, "spread", group)["why"]
    item = (
        f"{display_name(move.exercise_id, catalogue)} {move.sets} × {move.reps} from "
        f"{weekday(move.source)} (which keeps {move.total - move.sets} of its {move.total} sets)"
    )
    label, text = facts
    spread = rule_row(rules, "spread", group)
    which = "spread limit" if pd.notna(spread["limit"]) else "minimum effective"
    enough = f"at least the {which} {num(minimum)} a week" if minimum else f"no {which} to reach"
    text += f"; {num(frac)} fractional sets, {enough}, so sets move"
    named = {"exercise_id": move.exercise_id, "sets": move.sets, "reps": str(move.reps)}
    return Step(group, "spread", "move", item, why, targets[0], [(label, text)], **named)


def _facts(days, frac, direct, share, limit, problems, settings) -> str:
    """Return the numbers behind a group's step, as shown in the week's table."""
    parts = [f"{days} training day{'s' * (days != 1)} this week" if days else "not trained"]
    if days and problems["twice_a_week"]:
        parts[0] += f" (the guideline is {settings.guideline_days})"
    if problems["direct_sets"] and days:
        parts.append(f"no direct sets (its {num(frac)} fractional sets came from other exercises)")
    if problems["even_share"] and days:
        parts.append(
            f"{num(share * 100)} % of the back's sets, under the {num(limit * 100)} % limit"
        )
    if not days:
        parts[0] += " this week"
    return "; ".join(parts)
