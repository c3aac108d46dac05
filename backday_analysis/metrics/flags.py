"""Raise coaching flags: what in a client's week needs the coach's attention, and why.

Each flag is a small function returning a flags table (:data:`FLAG_COLUMNS`), one row per
raised flag with a one-line reason a client can read; :func:`coaching_flags` runs them all
for one ISO week and :func:`attention_order` ranks clients by their flags' severity.

Decisions, so the numbers can be checked by hand:

- *Whole-back sets* (:func:`backday_analysis.metrics.balance.back_sets_per_week`, re-exported
  here): each working set counts once, at its largest back-group credit, so a deadlift
  counts 1, a wide cable row 1, a curl 0. Summing the four groups' credits would count one
  deadlift set 2.5 times.
- *Deadlift* (:data:`~.deadlift_flags.DEADLIFT`): hinge exercises with ``deadlift`` in
  their id, on a barbell or trap bar (conventional, sumo, trap bar), not Romanian, stiff-leg or
  single-leg ones or dumbbell deadlifts: accessories, not the heavy pull the seed says to
  do first.
- *First exercise*: sessions are ordered by ``performed_at`` then log line. A deadlift is
  first when no working set of another exercise comes before its first set. Its own
  warm-ups count as the deadlift; warm-up sets, cardio and mobility of other exercises
  cost little energy and are ignored; unknown exercises count, named in the reason.
- *Top-set jump*: the heaviest working ``load_kg`` of each deadlift exercise on its own (a
  trap bar takes other loads), compared with the heaviest of the previous four ISO weeks (so
  2027-W01 with 2026-W50 to W53, and the week after a deload week is no jump). After a week
  without that deadlift there is nothing to compare: no flag.
- *Biceps work*: a working set with biceps credit 1 (a curl or a chin-up); every pull
  credits the biceps 0.5, so counting those would never raise the flag.
- *Streaks* count consecutive ISO weeks ending this week; a week with no back sets at all
  has no shares and breaks an imbalance streak.
- *Severity*: high where injury or recovery is at stake (deadlift jump, too much volume),
  low for a first or second week under the guideline and for missing biceps work, medium
  for the rest.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from backday_analysis import BACK_GROUPS, GROUPS
from backday_analysis.datafolder.settings import Settings
from backday_analysis.metrics.balance import back_sets_per_week
from backday_analysis.metrics.deadlift_flags import DEADLIFT, deadlift_jump, deadlift_not_first
from backday_analysis.metrics.flag_table import (
    FLAG_COLUMNS,
    GROUP_LABELS,
    back_rows,
    be,
    flag_table,
    in_a_row,
    num,
    run_lengths,
    week_ordinal,
    week_sets,
)
from backday_analysis.metrics.weeks import parse_week, week_label

#: Flag codes in the order a report lists them (within one severity).
FLAGS = tuple(
    "deadlift_jump back_volume_high back_volume_low deadlift_not_first group_imbalance "
    "no_direct_sets under_guideline no_biceps_work".split()
)
#: Weight of each severity in :func:`attention_order`.
SEVERITY_WEIGHTS = {"high": 3, "medium": 2, "low": 1}
# Weeks under the guideline after which the flag is no longer a one-off.
PERSISTENT_WEEKS = 3


def under_guideline(weekly: pd.DataFrame, settings: Settings, week: str) -> pd.DataFrame:
    """Flag back groups trained on fewer days than the guideline, with the streak in weeks."""
    back = back_rows(weekly)
    below = back["days"] < settings.guideline_days
    back = back.assign(streak=run_lengths(back, below))
    hit = back.loc[(back["week"] == week) & below]
    often = {1: "once", 2: "twice"}.get(settings.guideline_days, f"{settings.guideline_days}-times")
    reasons = [
        f"{be(g)} "
        + (f"trained on {d} day{'s' * (d != 1)}" if d else "not trained")
        + f" this week, under the {often}-a-week guideline{in_a_row(s)}."
        for g, d, s in zip(hit["group"], hit["days"], hit["streak"], strict=True)
    ]
    severity = np.where(hit["streak"] >= PERSISTENT_WEEKS, "medium", "low")
    return flag_table(hit, week, "under_guideline", severity, reasons, group=None)


def no_direct_sets(weekly: pd.DataFrame, settings: Settings, week: str) -> pd.DataFrame:
    """Flag back groups with no direct sets in the last ``no_direct_sets_weeks`` weeks.

    Only clients whose history covers the whole window are judged.
    """
    weeks = settings.no_direct_sets_weeks
    back = back_rows(weekly)
    ordinal = week_ordinal(back["week"])
    this = int(week_ordinal(pd.Series([week])).iloc[0])
    window = back.loc[(ordinal > this - weeks) & (ordinal <= this)]
    totals = window.groupby(["client", "group"], as_index=False, sort=False).agg(
        weeks=("week", "nunique"), direct=("direct_sets", "sum")
    )
    hit = totals.loc[(totals["weeks"] == weeks) & (totals["direct"] == 0) & (weeks > 0)]
    reasons = [
        f"{be(g, ('have', 'has'))} had no direct sets (exercises where they are the main "
        f"mover) in the last {weeks} weeks."
        for g in hit["group"]
    ]
    return flag_table(hit, week, "no_direct_sets", "medium", reasons, group=None)


def back_volume(
    weekly: pd.DataFrame, sets: pd.DataFrame, catalogue: pd.DataFrame, settings: Settings, week: str
) -> pd.DataFrame:
    """Flag whole-back sets under the minimum effective or over the maximum recoverable."""
    clients = pd.DataFrame({"client": weekly.loc[weekly["week"] == week, "client"].unique()})
    volume = back_sets_per_week(week_sets(sets, week), catalogue)
    volume = clients.merge(volume.loc[volume["week"] == week], on="client", how="left")
    volume["back_sets"] = volume["back_sets"].fillna(0.0)
    low = volume.loc[volume["back_sets"] < settings.minimum_effective_sets]
    high = volume.loc[volume["back_sets"] > settings.maximum_recoverable_sets]
    words = "The whole back got {:g} working sets this week, {} volume of {:g} sets a week."
    low_words = ("under the minimum effective", settings.minimum_effective_sets)
    high_words = ("over the maximum recoverable", settings.maximum_recoverable_sets)
    low_reasons = [words.format(round(v, 1), *low_words) for v in low["back_sets"]]
    high_reasons = [words.format(round(v, 1), *high_words) for v in high["back_sets"]]
    low_table = flag_table(low, week, "back_volume_low", "medium", low_reasons)
    high_table = flag_table(high, week, "back_volume_high", "high", high_reasons)
    return pd.concat([low_table, high_table], ignore_index=True)


def no_biceps_work(weekly: pd.DataFrame, week: str) -> pd.DataFrame:
    """Flag weeks with back sets but no direct biceps sets (a curl or a chin-up).

    The reason names the biceps' fractional sets from pulls, which the weekly table shows.
    """
    rows = weekly.loc[weekly["week"] == week]
    back = back_rows(rows).groupby("client")["fractional_sets"].sum()
    biceps_rows = rows.loc[rows["group"] == "biceps"].groupby("client")
    biceps, pulls = biceps_rows["direct_sets"].sum(), biceps_rows["fractional_sets"].sum()
    hit = back.loc[(back > 0) & (biceps.reindex(back.index).fillna(0) == 0)].reset_index()
    # Pulls credit the biceps 0.5, so the table beside the flag can show biceps sets: say
    # what the rule means (no direct sets) and where those sets came from.
    reasons = [
        "The back was trained this week with no direct biceps work, such as curls"
        + (f" (the biceps' {num(f)} fractional sets came from pulls)" if f else "")
        + "; pair back days with a smaller group such as biceps."
        for f in pulls.reindex(hit["client"]).fillna(0.0)
    ]
    return flag_table(hit, week, "no_biceps_work", "low", reasons, group="biceps")


def group_imbalance(weekly: pd.DataFrame, settings: Settings, week: str) -> pd.DataFrame:
    """Flag a back group under a share of an even split of back sets for weeks in a row.

    The share is the group's fractional sets over the four back groups' sum; the limit is
    ``imbalance_share_of_even`` × 25 %.
    """
    back = back_rows(weekly)
    total = back.groupby(["client", "week"])["fractional_sets"].transform("sum")
    share = back["fractional_sets"] / total.where(total > 0)
    limit = settings.imbalance_share_of_even / len(BACK_GROUPS)
    streak = run_lengths(back, share < limit)
    hit = back.assign(share=share, streak=streak)
    hit = hit.loc[(hit["week"] == week) & (hit["streak"] >= max(settings.imbalance_weeks, 1))]
    part = {0.5: "half", 0.25: "a quarter"}.get(settings.imbalance_share_of_even)
    part = part or f"{num(settings.imbalance_share_of_even)} of"
    reasons = [
        f"{GROUP_LABELS[g]} got {num(v * 100)} % of the back's sets this week, less than "
        f"{part} an even share ({num(limit * 100)} %){in_a_row(s)}."
        for g, v, s in zip(hit["group"], hit["share"], hit["streak"], strict=True)
    ]
    return flag_table(hit, week, "group_imbalance", "medium", reasons, group=None)


def coaching_flags(
    weekly: pd.DataFrame,
    sets: pd.DataFrame,
    catalogue: pd.DataFrame,
    settings: Settings,
    week: str,
    units: dict[str, str] | None = None,
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
    units : dict, optional
        Each client's unit (``kg`` or ``lb``) for loads in the reasons; default kg.

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
            deadlift_jump(sets, catalogue, settings, week, units),
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


__all__ = [
    "DEADLIFT",
    "FLAG_COLUMNS",
    "attention_order",
    "back_sets_per_week",
    "coaching_flags",
    "deadlift_jump",
    "deadlift_not_first",
]
