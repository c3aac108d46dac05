"""Raise coaching flags: what in a client's week needs the coach's attention, and why.

Each flag is a small function returning a flags table (:data:`FLAG_COLUMNS`), one row per
raised flag with a one-line reason a client can read; :func:`coaching_flags` runs them all
for one ISO week and :func:`attention_order` ranks clients by their flags' severity.

Decisions, so the numbers can be checked by hand:

- *Whole-back sets* (:func:`backday_analysis.metrics.balance.back_sets_per_week`, re-exported
  here): each working set counts once, at its largest back-group credit, so a deadlift
  counts 1, a wide cable row 1, a curl 0. Summing the four groups' credits would count one
  deadlift set 2.5 times.
- *Deadlift* (:data:`DEADLIFT`): hinge exercises with ``deadlift`` in their id, on a
  barbell or trap bar (conventional, sumo, trap bar), not Romanian, stiff-leg or
  single-leg ones or dumbbell deadlifts: accessories, not the heavy pull the seed says to
  do first.
- *First exercise*: sessions are ordered by ``performed_at`` then log line. A deadlift is
  first when no working set of another exercise comes before its first set. Its own
  warm-ups count as the deadlift; warm-up sets, cardio and mobility of other exercises
  cost little energy and are ignored; unknown exercises count, named in the reason.
- *Top-set jump*: the heaviest working ``load_kg`` of each deadlift exercise on its own (a
  trap bar takes other loads), compared with the previous ISO week only (so 2027-W01 with
  2026-W53). After a week without that deadlift there is nothing to compare: no flag.
- *Biceps work*: a working set with biceps credit 1 (a curl or a chin-up); every pull
  credits the biceps 0.5, so counting those would never raise the flag.
- *Streaks* count consecutive ISO weeks ending this week; a week with no back sets at all
  has no shares and breaks an imbalance streak.
- *Severity*: high where injury or recovery is at stake (deadlift jump, too much volume),
  low for a first or second week under the guideline and for missing biceps work, medium
  for the rest.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from backday_analysis import BACK_GROUPS, GROUPS
from backday_analysis.datafolder.settings import Settings
from backday_analysis.metrics.balance import ExerciseRule, back_sets_per_week
from backday_analysis.metrics.weekly import working_sets
from backday_analysis.metrics.weeks import parse_week, week_label

FLAG_COLUMNS = ("client", "week", "flag", "group", "severity", "reason")
#: Flag codes in the order a report lists them (within one severity).
FLAGS = tuple(
    "deadlift_jump back_volume_high back_volume_low deadlift_not_first group_imbalance "
    "no_direct_sets under_guideline no_biceps_work".split()
)
#: Weight of each severity in :func:`attention_order`.
SEVERITY_WEIGHTS = {"high": 3, "medium": 2, "low": 1}
DEADLIFT = ExerciseRule(
    "hinge", r"deadlift", r"romanian|stiff|single_leg|rdl", ("barbell", "trap_bar", "hex_bar")
)
# Logged before a deadlift, these do not make it "not first": they warm up, not tire out.
WARM_UP_PATTERNS = ("cardio",)
WARM_UP_IDS = ("warm_up", "stretching", "yoga")
# Weeks under the guideline after which the flag is no longer a one-off.
PERSISTENT_WEEKS = 3
GROUP_LABELS = dict(
    zip(GROUPS, ("Lats", "Trapezius", "Rhomboids", "Lower back", "Biceps"), strict=True)
)
_PLURAL = {"lats", "rhomboids", "biceps"}


def _num(value: float) -> str:
    return f"{round(float(value), 1):g}"


def _in_a_row(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f", for the {n}{suffix} week in a row" if n > 1 else ""


def _be(group: str, verb: tuple[str, str] = ("were", "was")) -> str:
    return f"{GROUP_LABELS[group]} {verb[0] if group in _PLURAL else verb[1]}"


def _table(rows: pd.DataFrame, week: str, flag: str, severity, reasons, group="") -> pd.DataFrame:
    """Return the flags table of ``rows`` (one raised flag each) from its parts."""
    group = rows["group"].to_numpy(dtype=object) if group is None else group
    values = (rows["client"].to_numpy(dtype=object), week, flag, group, severity, list(reasons))
    return pd.DataFrame(dict(zip(FLAG_COLUMNS, values, strict=True))).astype("str")


def _ordinal(weeks: pd.Series) -> pd.Series:
    """Return a running week number: consecutive ISO weeks differ by 1, also across years."""
    unique = pd.Series(weeks.unique())
    lookup = {w: (parse_week(w) - dt.date(1970, 1, 5)).days // 7 for w in unique}
    return weeks.map(lookup).astype("int64")


def _run_lengths(frame: pd.DataFrame, condition: pd.Series) -> pd.Series:
    """Return, per row, how many consecutive weeks up to it met ``condition`` (0 if not).

    Runs are per client and group; a missing week breaks a run.
    """
    keys = ["client", "group"]
    o = frame.assign(_ord=_ordinal(frame["week"]), _hit=condition.to_numpy())
    o = o.sort_values([*keys, "_ord"], kind="stable")
    # A block starts at every miss, new client or group, and gap; hits then count up in it.
    new = ~o["_hit"] | (o["_ord"].diff() != 1) | o[keys].ne(o[keys].shift()).any(axis=1)
    return o["_hit"].astype("int64").groupby(new.cumsum()).cumsum().reindex(frame.index)


def _back(weekly: pd.DataFrame) -> pd.DataFrame:
    return weekly.loc[weekly["group"].isin(BACK_GROUPS)]


def under_guideline(weekly: pd.DataFrame, settings: Settings, week: str) -> pd.DataFrame:
    """Flag back groups trained on fewer days than the guideline, with the streak in weeks."""
    back = _back(weekly)
    below = back["days"] < settings.guideline_days
    back = back.assign(streak=_run_lengths(back, below))
    hit = back.loc[(back["week"] == week) & below]
    often = {1: "once", 2: "twice"}.get(settings.guideline_days, f"{settings.guideline_days}-times")
    reasons = [
        f"{_be(g)} "
        + (f"trained on {d} day{'s' * (d != 1)}" if d else "not trained")
        + f" this week, under the {often}-a-week guideline{_in_a_row(s)}."
        for g, d, s in zip(hit["group"], hit["days"], hit["streak"], strict=True)
    ]
    severity = np.where(hit["streak"] >= PERSISTENT_WEEKS, "medium", "low")
    return _table(hit, week, "under_guideline", severity, reasons, group=None)


def no_direct_sets(weekly: pd.DataFrame, settings: Settings, week: str) -> pd.DataFrame:
    """Flag back groups with no direct sets in the last ``no_direct_sets_weeks`` weeks.

    Only clients whose history covers the whole window are judged.
    """
    weeks = settings.no_direct_sets_weeks
    back = _back(weekly)
    ordinal = _ordinal(back["week"])
    this = int(_ordinal(pd.Series([week])).iloc[0])
    window = back.loc[(ordinal > this - weeks) & (ordinal <= this)]
    totals = window.groupby(["client", "group"], as_index=False, sort=False).agg(
        weeks=("week", "nunique"), direct=("direct_sets", "sum")
    )
    hit = totals.loc[(totals["weeks"] == weeks) & (totals["direct"] == 0) & (weeks > 0)]
    reasons = [
        f"{_be(g, ('have', 'has'))} had no direct sets (exercises where they are the main "
        f"mover) in the last {weeks} weeks."
        for g in hit["group"]
    ]
    return _table(hit, week, "no_direct_sets", "medium", reasons, group=None)


def back_volume(
    weekly: pd.DataFrame, sets: pd.DataFrame, catalogue: pd.DataFrame, settings: Settings, week: str
) -> pd.DataFrame:
    """Flag whole-back sets under the minimum effective or over the maximum recoverable."""
    clients = pd.DataFrame({"client": weekly.loc[weekly["week"] == week, "client"].unique()})
    volume = back_sets_per_week(_week_sets(sets, week), catalogue)
    volume = clients.merge(volume.loc[volume["week"] == week], on="client", how="left")
    volume["back_sets"] = volume["back_sets"].fillna(0.0)
    low = volume.loc[volume["back_sets"] < settings.minimum_effective_sets]
    high = volume.loc[volume["back_sets"] > settings.maximum_recoverable_sets]
    words = "The whole back got {:g} working sets this week, {} volume of {:g} sets a week."
    low_words = ("under the minimum effective", settings.minimum_effective_sets)
    high_words = ("over the maximum recoverable", settings.maximum_recoverable_sets)
    low_reasons = [words.format(round(v, 1), *low_words) for v in low["back_sets"]]
    high_reasons = [words.format(round(v, 1), *high_words) for v in high["back_sets"]]
    low_table = _table(low, week, "back_volume_low", "medium", low_reasons)
    high_table = _table(high, week, "back_volume_high", "high", high_reasons)
    return pd.concat([low_table, high_table], ignore_index=True)


def _week_sets(sets: pd.DataFrame, week: str, weeks_before: int = 0) -> pd.DataFrame:
    monday, when = pd.Timestamp(parse_week(week)), sets["performed_at"]
    return sets.loc[
        (when >= monday - pd.Timedelta(weeks=weeks_before)) & (when < monday + pd.Timedelta(days=7))
    ]


def _names(ids: pd.Series, logged: pd.Series, catalogue: pd.DataFrame) -> pd.Series:
    """Return readable exercise names: the catalogue's, lower-cased, else as logged."""
    name = ids.map(dict(zip(catalogue["exercise_id"], catalogue["name"], strict=True)))
    name = name.where(name.isna(), name.str[:1].str.lower() + name.str[1:])
    return name.fillna(logged)


def deadlift_not_first(sets: pd.DataFrame, catalogue: pd.DataFrame, week: str) -> pd.DataFrame:
    """Flag clients whose deadlift came after another exercise in a session this week."""
    ids = DEADLIFT.ids(catalogue)
    keys = ["client", "session_id"]
    s = _week_sets(sets, week)
    # Strong and Hevy give one time per workout: the log line keeps the order within it.
    s = s.sort_values([*keys, "performed_at", *(["line"] if "line" in s else [])], kind="stable")
    s["_pos"] = s.groupby(keys).cumcount()
    is_deadlift = s["exercise_id"].isin(ids)
    skip = [
        *catalogue.loc[catalogue["pattern"].isin(WARM_UP_PATTERNS), "exercise_id"],
        *WARM_UP_IDS,
    ]
    working = (s["set_kind"] != "warmup") & ~s["exercise_id"].isin(skip)
    first_deadlift = s.loc[is_deadlift].groupby(keys)["_pos"].min().rename("_dl")
    sessions = s.loc[is_deadlift & working, keys].drop_duplicates()
    first_other = s.loc[~is_deadlift & working].groupby(keys).head(1)
    late = sessions.merge(first_other, on=keys).merge(first_deadlift.reset_index(), on=keys)
    late = late.loc[late["_pos"] < late["_dl"]].sort_values(["client", "performed_at"])
    late["_name"] = _names(late["exercise_id"], late["exercise"], catalogue)
    first = late.groupby("client", as_index=False).agg(
        name=("_name", "first"), when=("performed_at", "first"), late=("_name", "size")
    )
    first["total"] = first["client"].map(sessions.groupby("client").size())
    reasons = [
        f"The deadlift came after {n} on {w:%a} {w.day} {w:%b}"
        + (f" ({k} of {t} deadlift sessions this week)" if t > 1 else "")
        + "; do it first in the session, while you are fresh."
        for n, w, k, t in zip(
            first["name"], first["when"], first["late"], first["total"], strict=True
        )
    ]
    return _table(first, week, "deadlift_not_first", "medium", reasons, group="lower_back")


def deadlift_jump(
    sets: pd.DataFrame, catalogue: pd.DataFrame, settings: Settings, week: str
) -> pd.DataFrame:
    """Flag a deadlift top set more than the allowed share above the previous week's."""
    s = working_sets(_week_sets(sets, week, weeks_before=1))
    s = s.loc[s["exercise_id"].isin(DEADLIFT.ids(catalogue))]
    this = s["performed_at"] >= pd.Timestamp(parse_week(week))
    top = s.groupby([s["client"], s["exercise_id"], this])["load_kg"].max().unstack()
    top = top.reindex(columns=[False, True]).dropna()
    top = top.loc[top[False] > 0].reset_index()
    top["rise"] = top[True] / top[False] - 1
    # The tolerance keeps an exact 10 % step (100 -> 110 kg) from tripping on rounding.
    hit = top.loc[top["rise"] > settings.deadlift_max_weekly_increase + 1e-9].copy()
    hit["_name"] = hit["exercise_id"].map(catalogue.set_index("exercise_id")["name"])
    reasons = [
        f"{n}: the top set went from {_num(a)} kg last week to {_num(b)} kg this week "
        f"(+{_num(r * 100)} %), over the {_num(settings.deadlift_max_weekly_increase * 100)} % "
        "a week limit; build the load up slowly."
        for n, a, b, r in zip(hit["_name"], hit[False], hit[True], hit["rise"], strict=True)
    ]
    return _table(hit, week, "deadlift_jump", "high", reasons, group="lower_back")


def no_biceps_work(weekly: pd.DataFrame, week: str) -> pd.DataFrame:
    """Flag weeks with back sets but no direct biceps sets (a curl or a chin-up)."""
    rows = weekly.loc[weekly["week"] == week]
    back = _back(rows).groupby("client")["fractional_sets"].sum()
    biceps = rows.loc[rows["group"] == "biceps"].groupby("client")["direct_sets"].sum()
    hit = back.loc[(back > 0) & (biceps.reindex(back.index).fillna(0) == 0)].reset_index()
    reasons = [
        "The back was trained this week with no biceps work (such as curls or chin-ups); "
        "pair back days with a smaller group such as biceps."
    ] * len(hit)
    return _table(hit, week, "no_biceps_work", "low", reasons, group="biceps")


def group_imbalance(weekly: pd.DataFrame, settings: Settings, week: str) -> pd.DataFrame:
    """Flag a back group under a share of an even split of back sets for weeks in a row.

    The share is the group's fractional sets over the four back groups' sum; the limit is
    ``imbalance_share_of_even`` × 25 %.
    """
    back = _back(weekly)
    total = back.groupby(["client", "week"])["fractional_sets"].transform("sum")
    share = back["fractional_sets"] / total.where(total > 0)
    limit = settings.imbalance_share_of_even / len(BACK_GROUPS)
    streak = _run_lengths(back, share < limit)
    hit = back.assign(share=share, streak=streak)
    hit = hit.loc[(hit["week"] == week) & (hit["streak"] >= max(settings.imbalance_weeks, 1))]
    part = {0.5: "half", 0.25: "a quarter"}.get(settings.imbalance_share_of_even)
    part = part or f"{_num(settings.imbalance_share_of_even)} of"
    reasons = [
        f"{GROUP_LABELS[g]} got {_num(v * 100)} % of the back's sets this week, less than "
        f"{part} an even share ({_num(limit * 100)} %){_in_a_row(s)}."
        for g, v, s in zip(hit["group"], hit["share"], hit["streak"], strict=True)
    ]
    return _table(hit, week, "group_imbalance", "medium", reasons, group=None)


def coaching_flags(
    weekly: pd.DataFrame,
    sets: pd.DataFrame,
    catalogue: pd.DataFrame,
    settings: Settings,
    week: str,
) -> pd.DataFrame:
    """Return every coaching flag raised in ``week``, most severe first within each client.

    Parameters
    ----------
    weekly : pandas.DataFrame
        Weekly table (:func:`backday_analysis.metrics.weekly.weekly_volume`) through ``week`` at
        least; the earlier weeks feed the streaks.
    sets : pandas.DataFrame
        Sets with ``exercise_id`` and ``load_kg``; this and the previous week are used.
    catalogue : pandas.DataFrame
        The exercise catalogue.
    settings : Settings
        Guideline and flag limits.
    week : str
        ISO week label, such as ``2026-W53``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FLAG_COLUMNS`; ``group`` is empty for whole-back flags.
    """
    week_label(parse_week(week))  # a clear error for a malformed label
    flags = pd.concat(
        [
            under_guideline(weekly, settings, week),
            no_direct_sets(weekly, settings, week),
            back_volume(weekly, sets, catalogue, settings, week),
            deadlift_not_first(sets, catalogue, week),
            deadlift_jump(sets, catalogue, settings, week),
            no_biceps_work(weekly, week),
            group_imbalance(weekly, settings, week),
        ],
        ignore_index=True,
    )
    rank = {
        "severity": {k: -v for k, v in SEVERITY_WEIGHTS.items()},
        "flag": {f: i for i, f in enumerate(FLAGS)},
        "group": {g: i for i, g in enumerate(GROUPS)},
    }
    return flags.sort_values(
        ["client", "severity", "flag", "group"],
        key=lambda c: c.map(rank[c.name]).astype(float) if c.name in rank else c,
        na_position="first",
        ignore_index=True,
    )


def attention_order(flags: pd.DataFrame, clients) -> list[str]:
    """Return ``clients`` ordered by how much attention they need, ties by client id.

    A client's need is the sum of their flags' :data:`SEVERITY_WEIGHTS`; clients without
    flags come last.
    """
    score = flags["severity"].map(SEVERITY_WEIGHTS).astype(float).groupby(flags["client"]).sum()
    unique = list(dict.fromkeys(str(c) for c in clients))
    return sorted(unique, key=lambda c: (-float(score.get(c, 0)), c))
