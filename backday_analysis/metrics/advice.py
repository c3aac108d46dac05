"""Turn a client's week into a plan for next week: one session line per day, each with its rules.

:func:`next_week_steps` takes the weekly table, the sets, the catalogue, the settings and the
coach's rule table (:mod:`backday_analysis.datafolder.advice_rules`) and returns every step
of the plan (:class:`~.advice_plan.Step`); :func:`next_week_advice` merges them into one line
per day (:data:`ADVICE_COLUMNS`). Each line states the numbers behind it, the changes
(exercise, sets × reps) and the rules it follows, so the coach can disagree.

Decisions, so the advice can be checked by hand:

- A back group gets at most one step, for the first of its problems: trained on fewer days
  than the guideline (``twice_a_week``), no direct sets (``direct_sets``), under the
  configured share of an even split (``even_share``). Its numbers name the others.
- Short of days, with sets enough (``spread``): when the group's fractional sets this week
  reach the ``spread`` row's limit (empty: the guideline's days × the ``twice_a_week`` sets)
  and the whole back is not under its minimum effective volume, half the sets of the
  group's biggest direct exercise move to another day instead of new sets being added.
- A step that gives other groups a day counts for them too: a moved T-bar row trains the
  lats, rhomboids, trapezius and lower back on its new day, so none of them needs a step
  of its own.
- Exercises credit the group 1 (direct sets). The client's own exercises (any week so far)
  that the rule also lists come first, then their other own ones, then the rule's list, then
  the catalogue. A deadlift is never suggested as an extra day or moved: it is heavy, and
  the seed says to build it up slowly.
- Days come from the client's own training days that week (:mod:`.advice_days`).
- Whole-back volume outside the configured band (``volume``), the deadlift rules and the
  biceps pairing live in :mod:`.advice_lifts`.
- The rest of the body (:mod:`.advice_body`): a group under its minimum gets the sets it
  lacks, except a press in a plane whose pulls are behind this week (more pressing would
  widen that gap; the group's flag stays on the page); a group over its maximum drops its
  sets over it and what the plan adds to it elsewhere. Two steps adding one exercise to
  one day make one item of the day's line, their sets summed; each is muted on its own.
- A muted rule (the coach's ``client_rules.csv``) gives no step; :func:`next_week_steps`
  keeps such steps, marked, so a page can say what was muted.
"""

from __future__ import annotations

import pandas as pd

from backday_analysis import BACK_GROUPS, GROUPS
from backday_analysis.datafolder.settings import Settings
from backday_analysis.metrics.advice_body import (
    band_steps,
    drop_steps,
    planes_behind,
    pull_push_steps,
)
from backday_analysis.metrics.advice_days import (
    Week,
    weekday_list,
)
from backday_analysis.metrics.advice_groups import group_steps
from backday_analysis.metrics.advice_lifts import (
    back_volume,
    biceps_pairing,
    deadlift_first,
    load_step,
    restore_volume,
    rule_row,
)
from backday_analysis.metrics.advice_plan import ADVICE_COLUMNS, Step, empty_advice, plan_lines
from backday_analysis.metrics.flags_body import back_behind_chest, group_volume, rest_not_trained
from backday_analysis.metrics.landmarks import with_bands
from backday_analysis.metrics.mutes import muted
from backday_analysis.metrics.weekly import working_sets
from backday_analysis.metrics.weeks import parse_week

STEP_COLUMNS = (
    "client", "day", "group", "rule", "action", "item", "why", "facts",
    "exercise_id", "sets", "reps", "muted",
)  # fmt: skip

__all__ = ["ADVICE_COLUMNS", "STEP_COLUMNS", "next_week_advice", "next_week_steps"]


def next_week_steps(
    weekly: pd.DataFrame,
    sets: pd.DataFrame,
    catalogue: pd.DataFrame,
    settings: Settings,
    rules: pd.DataFrame,
    week: str,
    mutes: pd.DataFrame | None = None,
    bands: pd.DataFrame | None = None,
    flags: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return every step of next week's plan for the clients of ``weekly`` in ``week``.

    Parameters
    ----------
    weekly : pandas.DataFrame
        Weekly table through ``week``; its clients with a row in ``week`` get a plan.
    sets : pandas.DataFrame
        Sets with ``client, performed_at, session_id, set_kind, exercise_id, load_kg, reps``.
    catalogue : pandas.DataFrame
        The exercise catalogue.
    settings : Settings
        Guideline days, share and deadlift limits.
    rules : pandas.DataFrame
        The coach's rule table; a rule without a row gives no step.
    week : str
        ISO week label.
    mutes : pandas.DataFrame, optional
        The mutes that hold this week (:func:`backday_analysis.metrics.mutes.active_mutes`).
    bands : pandas.DataFrame, optional
        The coach's per-client weekly-set bands (``volume_bands.csv``); default
        ``config.toml``'s.
    flags : pandas.DataFrame, optional
        This week's coaching flags of these clients, muted ones included
        (:func:`backday_analysis.metrics.flags.coaching_flags`), when already computed: the
        plan answers those of the back against the rest of the body.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`STEP_COLUMNS`; ``facts`` holds (label, numbers) pairs and ``muted``
        whether a mute of the client's removes the step from the plan.
    """
    rows = []
    for client, steps, _ in _plans(weekly, sets, catalogue, settings, rules, week, bands, flags):
        rows += [
            (client, s.day, s.group, s.rule, s.action, s.item, s.why, s.facts, s.exercise_id,
             s.sets, s.reps)
            for s in steps
        ]  # fmt: skip
    table = pd.DataFrame(rows, columns=list(STEP_COLUMNS[:-1]))
    return table.assign(muted=muted(table, mutes if mutes is not None else pd.DataFrame(), "rule"))


def _plans(weekly, sets, catalogue, settings, rules, week, bands=None, flags=None):
    """Yield each client's steps and week (None without sets) for the clients of ``week``."""
    monday = pd.Timestamp(parse_week(week))
    this = with_bands(weekly.loc[weekly["week"] == week], settings, bands)
    own = sets.loc[sets["performed_at"] < monday + pd.Timedelta(days=7)]
    credits = catalogue.set_index("exercise_id").loc[:, list(GROUPS)].astype(float).fillna(0.0)
    clients = list(dict.fromkeys(this["client"]))
    behind, body = _body_flags(weekly, own, catalogue, settings, week, bands, flags, clients)
    dropped = None if flags is None else set(flags.loc[flags["flag"] == "volume_drop", "client"])
    for client in clients:
        table = this.loc[this["client"] == client].set_index("group")
        flagged = body.loc[body["client"] == client].set_index("group")
        drop = None if dropped is None else client in dropped
        steps, week_of = _client_steps(
            table, own.loc[own["client"] == client], monday, credits, catalogue, settings,
            rules, (client in behind, flagged, drop),
        )  # fmt: skip
        yield client, steps, week_of


def _body_flags(weekly, own, catalogue, settings, week, bands, flags, clients):
    """Return the clients whose back is behind the chest, and the groups out of band or
    untrained outside the back: the flags the plan answers, computed unless given."""
    if flags is None:
        history = weekly.loc[weekly["client"].isin(clients)]
        mine = own.loc[own["client"].isin(clients)]
        flags = pd.concat(
            [
                back_behind_chest(mine, catalogue, settings, week),
                group_volume(history, settings, week, bands),
                rest_not_trained(history, settings, week),
            ]
        )
    behind = set(flags.loc[flags["flag"] == "back_behind_chest", "client"])
    band = flags["flag"].isin(["group_volume_low", "group_volume_high"])
    rest = (flags["flag"] == "not_trained") & ~flags["group"].isin(BACK_GROUPS)
    return behind, flags.loc[band | rest, ["client", "flag", "group", "weeks"]]


def next_week_advice(
    weekly: pd.DataFrame,
    sets: pd.DataFrame,
    catalogue: pd.DataFrame,
    settings: Settings,
    rules: pd.DataFrame,
    week: str,
    mutes: pd.DataFrame | None = None,
    bands: pd.DataFrame | None = None,
    flags: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return next week's plan, one line per client and day (:data:`ADVICE_COLUMNS`).

    The arguments are those of :func:`next_week_steps`. A client with nothing to change
    gets one ``all_well`` line; a client without sets this week one ``no_training`` line.
    """
    mutes = mutes if mutes is not None else pd.DataFrame()
    rows = []
    for client, steps, week_of in _plans(
        weekly, sets, catalogue, settings, rules, week, bands, flags
    ):
        frame = pd.DataFrame({"client": client, "rule": [s.rule for s in steps],
                              "group": [s.group for s in steps]})  # fmt: skip
        hidden = muted(frame, mutes, "rule").to_numpy()
        kept = [s for s, off in zip(steps, hidden, strict=True) if not off]
        if not kept:
            kept = [Step("", "all_well", "note", _all_well(settings), "")]
        rows += plan_lines(client, kept, week_of.place if week_of else lambda d: "")
    return pd.DataFrame(rows, columns=list(ADVICE_COLUMNS)) if rows else empty_advice()


def _client_steps(table, history, monday, credits, catalogue, settings, rules, body):
    """Return one client's steps and their :class:`~.advice_days.Week` (None without sets).

    ``body`` is whether the back is behind the chest this week (the flag), the client's
    flags of groups out of band or untrained, indexed by group, and whether the whole back's
    sets dropped (the ``volume_drop`` flag; None when the flags were not given).
    """
    week_sets = working_sets(history.loc[history["performed_at"] >= monday])
    week_sets = week_sets.loc[week_sets["exercise_id"].isin(credits.index)]
    if week_sets.empty:
        return [_no_training(history, monday, settings, rules)], None
    day_of = week_sets["performed_at"].dt.day_of_week
    per_day = credits.reindex(week_sets["exercise_id"]).set_axis(week_sets.index).gt(0)
    counts = per_day.groupby(day_of).sum()
    enough = counts >= max(settings.min_credited_sets_per_day, 1)
    group_days = {g: set(enough.index[enough[g]]) for g in GROUPS}
    back_days = set().union(*(group_days[g] for g in BACK_GROUPS))
    week = Week(sorted(set(day_of)), group_days, back_days)
    used = list(
        working_sets(history.loc[:, ["performed_at", "set_kind", "exercise_id"]])
        .sort_values("performed_at", ascending=False)["exercise_id"]
        .drop_duplicates()
    )
    back_total = table.reindex(list(BACK_GROUPS))["fractional_sets"].sum()
    volume_ok = _whole_back_sets(week_sets, catalogue) >= settings.minimum_effective_sets
    out: list[Step] = []
    for group in BACK_GROUPS:
        out += group_steps(group, table, week, week_sets, used, credits, catalogue, settings,
                            rules, back_total, volume_ok, out)  # fmt: skip
    behind, flagged, dropped = body
    out += pull_push_steps(behind, week_sets, week, used, credits, catalogue, settings, rules, out)
    # Curls after back work first: they count toward the biceps' minimum.
    pairing = biceps_pairing(table, week_sets, used, credits, catalogue, rules, back_days)
    pressing = planes_behind(week_sets, catalogue, settings.pull_push_ratio) if behind else []
    out += band_steps(flagged, table, week, week_sets, used, credits, catalogue, rules,
                      out + pairing, pressing)  # fmt: skip
    out += back_volume(week_sets, catalogue, settings, rules, out)
    out += restore_volume(history, monday, catalogue, settings, rules, dropped)
    out += deadlift_first(week_sets, history, monday, catalogue, rules)
    out += load_step(history, monday, catalogue, settings, rules)
    out += pairing
    # Last: a group over its maximum drops what every step above adds to it, too.
    out += drop_steps(flagged, table, week_sets, credits, catalogue, rules, out)
    return out, week


def _whole_back_sets(week_sets, catalogue) -> float:
    credit = catalogue.set_index("exercise_id").loc[:, list(BACK_GROUPS)].max(axis=1)
    return float(week_sets["exercise_id"].map(credit).astype(float).fillna(0.0).sum())


def _no_training(history, monday, settings, rules) -> Step:
    """Return the one step for a week with no sets: when to train back next week."""
    n = max(settings.guideline_days, 1)
    recent = history.loc[history["performed_at"] >= monday - pd.Timedelta(weeks=4)]
    usual = recent.groupby(recent["performed_at"].dt.date).size().index
    weekdays = pd.Series([d.weekday() for d in usual]).value_counts()
    days = sorted(weekdays.index[:n]) if len(weekdays) >= n else []
    where = "the days trained most in the four weeks before" if days else "spread over the week"
    days = days or sorted({round(i * 7 / n) % 7 for i in range(n)})
    row = rule_row(rules, "twice_a_week", "lats")
    text = (
        f"No sets were logged this week. Plan back work on {n} day{'s' * (n != 1)} next week, "
        f"such as {weekday_list(days)} ({where}), with an exercise for each back group, the "
        "deadlift first and curls after"
    )
    return Step("", "no_training", "note", text, row["why"] if row is not None else "")


def _all_well(settings: Settings) -> str:
    return (
        f"All is well: every back group was trained on at least {settings.guideline_days} days, "
        "with direct sets and a fair share of the back's sets, and no rule asks for a change. "
        "Keep the plan"
    )
