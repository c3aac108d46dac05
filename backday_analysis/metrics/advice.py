"""Turn a client's week into a plan for next week: one concrete change per problem.

:func:`next_week_advice` takes the weekly table, the sets, the catalogue, the settings and the
coach's rule table (:mod:`backday_analysis.datafolder.advice_rules`) and returns one row per
suggestion (:data:`ADVICE_COLUMNS`). Each text states the numbers behind it, the change
(exercise, sets × reps, day) and the rule it follows, so the coach can disagree.

Decisions, so the advice can be checked by hand:

- A back group gets at most one suggestion, for the first of its problems: trained on fewer
  days than the guideline (``twice_a_week``), no direct sets (``direct_sets``), under the
  configured share of an even split (``even_share``). The text names the others.
- Exercises credit the group 1 (direct sets). The client's own exercises (any week so far)
  that the rule also lists come first, then their other own ones, then the rule's list, then
  the catalogue. A deadlift is never suggested as an extra day: it is heavy, and the seed
  says to build it up slowly.
- Days come from the client's own training days that week: a day without back work first,
  then a day without that group's work, the one furthest from the group's days, earliest on
  ties. When those run out, the advice names an extra day.
- Whole-back volume outside the configured band (``volume``), the deadlift rules and the
  biceps pairing live in :mod:`.advice_lifts`.
"""

from __future__ import annotations

import pandas as pd

from backday_analysis import BACK_GROUPS, GROUPS
from backday_analysis.datafolder.settings import Settings
from backday_analysis.metrics.advice_lifts import (
    back_volume,
    biceps_pairing,
    deadlift_first,
    display_name,
    load_step,
    pick_exercise,
    rule_row,
    sets_reps,
    weekday_list,
)
from backday_analysis.metrics.flag_table import GROUP_LABELS, num
from backday_analysis.metrics.weekly import working_sets
from backday_analysis.metrics.weeks import parse_week

ADVICE_COLUMNS = ("client", "group", "rule", "text")
_GROUP_RULES = ("twice_a_week", "direct_sets", "even_share")


def next_week_advice(
    weekly: pd.DataFrame,
    sets: pd.DataFrame,
    catalogue: pd.DataFrame,
    settings: Settings,
    rules: pd.DataFrame,
    week: str,
) -> pd.DataFrame:
    """Return next week's suggestions for every client of ``weekly`` in ``week``.

    Parameters
    ----------
    weekly : pandas.DataFrame
        Weekly table through ``week``; its clients with a row in ``week`` get advice.
    sets : pandas.DataFrame
        Sets with ``client, performed_at, session_id, set_kind, exercise_id, load_kg``.
    catalogue : pandas.DataFrame
        The exercise catalogue.
    settings : Settings
        Guideline days, share and deadlift limits.
    rules : pandas.DataFrame
        The coach's rule table; a rule without a row gives no advice.
    week : str
        ISO week label.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`ADVICE_COLUMNS`, clients in order, one ``all_well`` row for a client
        with nothing to change and one ``no_training`` row for a client with no sets.
    """
    monday = pd.Timestamp(parse_week(week))
    this = weekly.loc[weekly["week"] == week]
    own = sets.loc[sets["performed_at"] < monday + pd.Timedelta(days=7)]
    credits = catalogue.set_index("exercise_id").loc[:, list(GROUPS)].astype(float).fillna(0.0)
    rows = []
    for client in dict.fromkeys(this["client"]):
        history = own.loc[own["client"] == client]
        texts = _client_advice(
            this.loc[this["client"] == client].set_index("group"),
            history,
            monday,
            credits,
            catalogue,
            settings,
            rules,
        )
        rows.extend((client, group, rule, text) for group, rule, text in texts)
    return pd.DataFrame(rows, columns=list(ADVICE_COLUMNS)).astype("str")


def _client_advice(table, history, monday, credits, catalogue, settings, rules):
    """Return (group, rule, text) suggestions for one client's week."""
    week_sets = working_sets(history.loc[history["performed_at"] >= monday])
    week_sets = week_sets.loc[week_sets["exercise_id"].isin(credits.index)]
    if week_sets.empty:
        return [("", "no_training", _no_training(history, monday, settings, rules))]
    day_of = week_sets["performed_at"].dt.day_of_week
    trained = sorted(set(day_of))
    per_day = credits.reindex(week_sets["exercise_id"]).set_axis(week_sets.index).gt(0)
    counts = per_day.groupby(day_of).sum()
    enough = counts >= max(settings.min_credited_sets_per_day, 1)
    group_days = {g: set(enough.index[enough[g]]) for g in GROUPS}
    back_days = set().union(*(group_days[g] for g in BACK_GROUPS))
    used = list(
        dict.fromkeys(
            working_sets(history.loc[:, ["performed_at", "set_kind", "exercise_id"]]).sort_values(
                "performed_at", ascending=False
            )["exercise_id"]
        )
    )
    back_total = table.reindex(list(BACK_GROUPS))["fractional_sets"].sum()
    out = []
    for group in BACK_GROUPS:
        days = int(table.at[group, "days"]) if group in table.index else 0
        frac = float(table.at[group, "fractional_sets"]) if group in table.index else 0.0
        direct = int(table.at[group, "direct_sets"]) if group in table.index else 0
        share = frac / back_total if back_total else 0.0
        limit = settings.imbalance_share_of_even / len(BACK_GROUPS)
        problems = {
            "twice_a_week": days < settings.guideline_days,
            "direct_sets": direct == 0,
            "even_share": back_total > 0 and share < limit,
        }
        for rule in (r for r in _GROUP_RULES if problems[r]):
            row = rule_row(rules, rule, group)
            if row is None:
                continue
            source = row if row["exercises"] else rule_row(rules, "twice_a_week", group)
            listed = source["exercises"] if source is not None else []
            exercise = pick_exercise(group, listed, used, credits, catalogue)
            if not row["reps"] and source is not None:
                row = row.copy()
                row["reps"] = source["reps"]  # the group's own rep range
            if exercise is None:
                continue
            facts = _facts(group, days, frac, direct, share, limit, problems, settings)
            needed = max(settings.guideline_days - days, 1) if rule == "twice_a_week" else 1
            when = _pick_days(trained, group_days[group], back_days, needed, group, rule)
            text = (
                f"{facts} Add {display_name(exercise, catalogue)}, {sets_reps(row)}, on {when}. "
                f"Rule: {row['why']}."
            )
            out.append((group, rule, text))
            break
    out += back_volume(week_sets, catalogue, settings, rules)
    out += deadlift_first(week_sets, history, monday, catalogue, rules)
    out += load_step(history, monday, catalogue, settings, rules)
    out += biceps_pairing(table, week_sets, used, credits, catalogue, rules, back_days)
    order = {"": -1} | {g: i for i, g in enumerate(GROUPS)}  # the whole back first
    out.sort(key=lambda r: order.get(r[0], len(GROUPS)))
    if not out:
        return [("", "all_well", _all_well(settings))]
    return out


def _facts(group, days, frac, direct, share, limit, problems, settings) -> str:
    """Return the numbers behind a group's suggestion, as shown in the week's table."""
    label = GROUP_LABELS[group]
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
    return f"{label}: " + "; ".join(parts) + "."


def _pick_days(trained, group_days, back_days, needed, group, rule) -> str:
    """Return the days to add the work on, from the client's own training days, in words."""

    def distance(day, others=()):
        gaps = [min(abs(day - d), 7 - abs(day - d)) for d in (*group_days, *others)]
        return min(gaps) if gaps else 7

    free = [d for d in trained if d not in group_days]
    free.sort(key=lambda d: (d in back_days, -distance(d), d))
    chosen = [(d, "no_back" if d not in back_days else "no_group") for d in free[:needed]]
    if len(chosen) < needed and rule != "twice_a_week":
        chosen += [(d, "same") for d in trained if d in group_days][: needed - len(chosen)]
    while len(chosen) < needed:  # extra days, each as far as can be from the others
        taken = {d for d, _ in chosen}
        free_days = [d for d in range(7) if d not in taken | set(trained)]
        if not free_days:
            break
        chosen.append((min(free_days, key=lambda d: (-distance(d, taken), d)), "extra"))
    chosen.sort()
    kinds = {k for _, k in chosen}
    if len(kinds) > 1:
        return weekday_list(
            [d for d, _ in chosen],
            [f" ({_KIND_WORDS[k](group, 1)})" for _, k in chosen],
        )
    return f"{weekday_list([d for d, _ in chosen])}, {_KIND_WORDS[kinds.pop()](group, len(chosen))}"


_KIND_WORDS = {
    "no_back": lambda g, n: "the day without back work" if n == 1 else "days without back work",
    "no_group": lambda g, n: (
        f"a training day without {GROUP_LABELS[g].lower()} work"
        if n == 1
        else f"training days without {GROUP_LABELS[g].lower()} work"
    ),
    "same": lambda g, n: f"in the session that already trains the {GROUP_LABELS[g].lower()}",
    "extra": lambda g, n: "an extra training day" if n == 1 else "extra training days",
}


def _no_training(history, monday, settings, rules) -> str:
    """Return the one line for a week with no sets: when to train back next week."""
    n = max(settings.guideline_days, 1)
    recent = history.loc[history["performed_at"] >= monday - pd.Timedelta(weeks=4)]
    usual = recent.groupby(recent["performed_at"].dt.date).size().index
    weekdays = pd.Series([d.weekday() for d in usual]).value_counts()
    days = sorted(weekdays.index[:n]) if len(weekdays) >= n else []
    where = "the days trained most in the four weeks before" if days else "spread over the week"
    days = days or sorted({round(i * 7 / n) % 7 for i in range(n)})
    row = rule_row(rules, "twice_a_week", "lats")
    why = f" Rule: {row['why']}." if row is not None else ""
    return (
        f"No sets were logged this week. Plan back work on {n} day{'s' * (n != 1)} next week, "
        f"such as {weekday_list(days)} ({where}), with an exercise for each back group, the "
        f"deadlift first and curls after.{why}"
    )


def _all_well(settings: Settings) -> str:
    return (
        f"All is well: every back group was trained on at least {settings.guideline_days} days, "
        "with direct sets and a fair share of the back's sets, and no rule asks for a change. "
        "Keep the plan."
    )
