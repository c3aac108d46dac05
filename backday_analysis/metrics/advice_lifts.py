"""Next week's steps about lifts and volume: the deadlift, biceps after back, whole-back sets.

Also the small pieces :mod:`.advice` shares: finding a rule's row, picking an exercise and
writing sets and reps in words. Each function returns :class:`~.advice_plan.Step` objects.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from backday_analysis import BACK_GROUPS
from backday_analysis.datafolder.settings import Settings
from backday_analysis.metrics.advice_plan import Step
from backday_analysis.metrics.deadlift_flags import (
    DEADLIFT,
    LOOKBACK_WEEKS,
    WARM_UP_IDS,
    WARM_UP_PATTERNS,
)
from backday_analysis.metrics.flag_table import num, week_ordinal
from backday_analysis.metrics.flags_volume import back_weeks, drops
from backday_analysis.metrics.frame_memo import memo
from backday_analysis.metrics.weekly import working_sets
from backday_analysis.metrics.weeks import week_label


def rule_row(rules: pd.DataFrame, rule: str, group: str) -> pd.Series | None:
    """Return the rule's row for the group (else its row for every group), or None.

    The row is shared by every caller: copy it before changing it.
    """
    rows = memo(rules, "rule_rows", lambda: _first_rows(rules))
    return rows.get((rule, group), rows.get((rule, "")))


def _first_rows(rules: pd.DataFrame) -> dict[tuple[str, str], pd.Series]:
    """Return each (rule, group)'s first row of the table."""
    out: dict[tuple[str, str], pd.Series] = {}
    for i in range(len(rules)):
        row = rules.iloc[i]
        out.setdefault((row["rule"], row["group"]), row)
    return out


def display_name(exercise_id: str, catalogue: pd.DataFrame) -> str:
    """Return the catalogue's name of an exercise, lower-cased for use in a sentence."""
    names = memo(catalogue, "names", lambda: catalogue.set_index("exercise_id")["name"].to_dict())
    name = str(names[exercise_id])
    # "Seated cable row" reads "seated cable row" mid-sentence; "T-bar row" stays.
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def sets_reps(row: pd.Series) -> str:
    """Return ``3 × 10–12`` from a rule row (``sets`` and ``reps``)."""
    sets = f"{int(row['sets'])}" if pd.notna(row["sets"]) else "a few sets"
    return f"{sets} × {row['reps']}" if row["reps"] else f"{sets} sets"


def sets_count(row: pd.Series) -> int | None:
    """Return a rule row's sets as a number, None when the row gives none."""
    return int(row["sets"]) if pd.notna(row["sets"]) else None


def pick_exercise(group, listed, used, credits, catalogue, pattern=None) -> str | None:
    """Return the exercise to suggest for a group: it credits the group 1 (direct sets).

    Order: the client's own exercises the rule lists, their other own ones (most recent
    first), the rule's list, then the catalogue. Deadlifts are left out (too heavy to add).
    """
    direct = credits.index[credits[group] == 1.0]
    direct = direct.difference(DEADLIFT.ids(catalogue))
    if pattern:
        of_pattern = catalogue.loc[catalogue["pattern"] == pattern, "exercise_id"]
        direct = direct.intersection(of_pattern)
    allowed = set(direct)
    listed = [e for e in listed if e in allowed]
    own = [e for e in used if e in allowed]
    everything = [e for e in catalogue["exercise_id"] if e in allowed]
    order = [e for e in listed if e in own] + own + listed + everything
    return order[0] if order else None


def _deadlift_ids(row: pd.Series | None, catalogue: pd.DataFrame) -> list[str]:
    ids = DEADLIFT.ids(catalogue)
    listed = [e for e in row["exercises"] if e in ids] if row is not None else []
    return listed or ids


def deadlift_first(week_sets, history, monday, catalogue, rules) -> list[Step]:
    """Ask for the deadlift first on each day whose session had it after another exercise."""
    row = rule_row(rules, "deadlift_first", "lower_back")
    if row is None:
        return []
    ids = _deadlift_ids(row, catalogue)
    skip = {*catalogue.loc[catalogue["pattern"].isin(WARM_UP_PATTERNS), "exercise_id"]}
    s = week_sets.loc[~week_sets["exercise_id"].isin(skip | set(WARM_UP_IDS))]
    order = ["session_id", "performed_at", *(["line"] if "line" in s else [])]
    s = s.sort_values(order, kind="stable")
    late = []
    for _, session in s.groupby("session_id", sort=False):
        is_deadlift = session["exercise_id"].isin(ids).to_numpy()
        if is_deadlift.any() and not is_deadlift[0]:
            late.append((session["performed_at"].iloc[0], session["exercise_id"].iloc[0]))
    late.sort()
    top = s.loc[s["exercise_id"].isin(ids), "load_kg"].max()
    step = f", top set at most {num(row['limit'])} kg above this week's {num(top)} kg" * bool(
        pd.notna(row["limit"])
    )
    steps, seen = [], set()
    for when, before in late:
        if when.weekday() in seen:
            continue
        seen.add(when.weekday())
        fact = f"the deadlift came after {display_name(before, catalogue)} this {when:%A}"
        steps.append(
            Step("lower_back", "deadlift_first", "first", f"deadlift first{step}", row["why"],
                 when.weekday(), [("Lower back", fact)])
        )  # fmt: skip
    return steps


def load_step(history, monday, catalogue, settings: Settings, rules) -> list[Step]:
    """Suggest a slower deadlift when its top set rose too fast in the last weeks.

    A week is a jump as the flag has it (:func:`~.deadlift_flags.deadlift_jump`): its top
    set more than the limit over the heaviest of the :data:`~.deadlift_flags.LOOKBACK_WEEKS`
    weeks before, with a deadlift the week before; so the week after a deload is none.
    """
    row = rule_row(rules, "load_step", "lower_back")
    if row is None:
        return []
    window = int(row["weeks"]) if pd.notna(row["weeks"]) else 4
    start = monday - pd.Timedelta(weeks=window + LOOKBACK_WEEKS)
    recent = history.loc[history["performed_at"] >= start]
    s = working_sets(recent)
    s = s.loc[s["exercise_id"].isin(_deadlift_ids(row, catalogue))]
    if s.empty:
        return []
    weeks = s["performed_at"].dt.date.map(week_label)
    top = s.groupby(week_ordinal(weeks))["load_kg"].max()
    this = int(week_ordinal(pd.Series([week_label(monday.date())])).iloc[0])
    limit = settings.deadlift_max_weekly_increase

    def rise(o: int) -> float:
        before = top.loc[(top.index >= o - LOOKBACK_WEEKS) & (top.index < o)]
        return top[o] / before.max() - 1

    # The tolerance keeps an exact 10 % step from tripping on rounding, as in the flag.
    jumps = [
        o
        for o in top.index
        if this - window < o <= this and o - 1 in top.index and rise(o) > limit + 1e-9
    ]
    if not jumps:
        return []
    now = top.loc[top.index <= this].iloc[-1]
    after = top.loc[(top.index > jumps[-1]) & (top.index <= this)]
    best = s.loc[s["load_kg"] == now].sort_values("performed_at").iloc[-1]
    label = week_label(monday.date() - dt.timedelta(weeks=this - jumps[-1]))
    stalled = len(after) > 0 and (after <= top[jumps[-1]]).all()
    step = num(row["limit"]) if pd.notna(row["limit"]) else "a little"
    facts = (
        f"the deadlift top set rose more than {num(limit * 100)} % in a week in "
        f"{len(jumps)} of the last {window} weeks, to {num(top[jumps[-1]])} kg"
    )
    if stalled:
        reps = f"{row['reps']} reps" if row["reps"] else "its planned reps"
        facts += (
            f", and has not gone up since {label} (this week's best: {num(now)} kg × "
            f"{int(best['reps'])})"
        )
        item = (
            f"deadlift: stay at {num(now)} kg until every set reaches {reps}, then add at most "
            f"{step} kg a week"
        )
    else:
        item = f"deadlift: add at most {step} kg to this week's {num(now)} kg"
    return [Step("lower_back", "load_step", "note", item, row["why"], -1, [("Lower back", facts)])]


def biceps_pairing(table, week_sets, used, credits, catalogue, rules, back_days):
    """Suggest curls after a back session in a week with back work but no direct biceps."""
    row = rule_row(rules, "biceps_pairing", "biceps")
    back = table.reindex(list(BACK_GROUPS))["fractional_sets"].sum()
    direct = int(table.at["biceps", "direct_sets"]) if "biceps" in table.index else 0
    if row is None or back <= 0 or direct > 0 or not back_days:
        return []
    exercise = pick_exercise("biceps", row["exercises"], used, credits, catalogue, "curl")
    if exercise is None:
        return []
    frac = float(table.at["biceps", "fractional_sets"]) if "biceps" in table.index else 0.0
    came = f" (its {num(frac)} fractional sets came from pulls)" if frac else ""
    item = f"{display_name(exercise, catalogue)} {sets_reps(row)}"
    fact = [("Biceps", f"no direct biceps work this week{came}")]
    named = {"exercise_id": exercise, "sets": sets_count(row) or 0, "reps": row["reps"]}
    return [
        Step("biceps", "biceps_pairing", "pair", item, row["why"], day, fact, **named)
        for day in sorted(back_days)
    ]


def back_volume(week_sets, catalogue, settings: Settings, rules, earlier=()) -> list[Step]:
    """Suggest fewer or more back sets when the week was outside the configured volume band.

    Whole-back sets count each set once, at its largest back credit, as the flag does. Back
    sets that ``earlier`` steps of the plan add count toward the minimum first; when they
    reach it, the numbers join those steps' lines instead.
    """
    row = rule_row(rules, "volume", "")
    if row is None:
        return []
    credit = catalogue.set_index("exercise_id").loc[:, list(BACK_GROUPS)].max(axis=1)
    per_set = week_sets["exercise_id"].map(credit).astype(float).fillna(0.0)
    total = float(per_set.sum())
    low, high = settings.minimum_effective_sets, settings.maximum_recoverable_sets
    if not (total > high or 0 < total < low):
        return []
    counts = week_sets.loc[per_set > 0, "exercise_id"].value_counts(sort=False)
    most_id = counts.sort_values(ascending=False, kind="stable").index[0]
    most = display_name(most_id, catalogue)
    givers = [s for s in earlier if s.action in ("add", "pair") and credit.get(s.exercise_id, 0)]
    added = 0.0 if total > high else sum(s.sets * credit[s.exercise_id] for s in givers)
    n = math.ceil(total - high if total > high else low - total - added - 1e-9)
    change = "drop" if total > high else "add"
    band = (
        f"over the maximum recoverable {num(high)}"
        if total > high
        else (f"under the minimum effective {num(low)}")
    )
    item = f"{change} {n} set{'s' * (n != 1)} of {most}"
    fact = [("Whole back", f"{num(total)} working sets this week, {band}")]
    if n <= 0:  # the plan's added back work reaches the minimum
        for giver in givers:
            giver.facts += fact
        return []
    if total > high:
        return [Step("", "volume", "drop", item, row["why"], -1, fact)]
    return [Step("", "volume", "note", item, row["why"], -1, fact, exercise_id=most_id, sets=n)]


def restore_volume(
    history, monday, catalogue, settings: Settings, rules, flagged: bool | None = None
) -> list[Step]:
    """Suggest the usual back sets again after a sudden drop (the ``volume_drop`` flag).

    ``flagged`` is whether this week's flags hold ``volume_drop`` for the client, when they
    were computed: without the flag there is no drop, and the history need not be counted
    again.
    """
    row = rule_row(rules, "restore_volume", "")
    if row is None or flagged is False:
        return []
    week = week_label(monday.date())
    volume = drops(back_weeks(history, catalogue, week), settings)
    this = volume.loc[(volume["week"] == week) & (volume["streak"] > 0)]
    if this.empty:
        return []
    now, before = float(this["back_sets"].iloc[0]), float(this["before"].iloc[0])
    n = settings.drop_weeks
    item = f"back to about {round(before)} back sets, the average of the {n} weeks before"
    fact = (
        f"{num(now)} working sets this week, {num((1 - now / before) * 100)} % under the "
        f"average of {num(before)} a week over the {n} weeks before"
    )
    return [Step("", "restore_volume", "note", item, row["why"], -1, [("Whole back", fact)])]
