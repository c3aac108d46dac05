"""Raise coaching flags: what in a client's week needs the coach's attention, and why.

Each flag is a small function returning a flags table (:data:`FLAG_COLUMNS`), one row per
raised flag with a one-line reason a client can read, a short headline for the roster and
``weeks``, how many weeks in a row ending this one the flag's condition has held.
:func:`coaching_flags` runs them all for one ISO week and gives each its severity from the
coach's severity table (:mod:`.severity`).

Decisions, so the numbers can be checked by hand:

- *Not trained* means zero training days for the group this week; *under the guideline*
  means at least one day but fewer than the guideline's. Each counts its own streak: weeks
  in a row with zero days, or weeks in a row under the guideline (zero-day weeks included,
  since zero is under it). A not-trained sentence adds the longer under-the-guideline run
  when there is one, saying which it counts.
- *A whole week missed*: no working set at all in a week before the client's last logged
  day (:mod:`.flags_volume`). That week raises this flag alone; a week after the last
  logged day raises nothing (no log yet).
- *Whole-back sets* (:func:`backday_analysis.metrics.balance.back_sets_per_week`): each
  working set counts once, at its largest back-group credit, so a deadlift counts 1, a wide
  cable row 1, a curl 0.
- *Deadlift*, *first exercise*, *top-set jump*: see :mod:`.deadlift_flags`.
- *Biceps work*: a working set with biceps credit 1 (a curl or a chin-up); every pull
  credits the biceps 0.5, so counting those would never raise the flag.
- *Streaks* count consecutive ISO weeks ending this week; a week with no back sets at all
  has no shares and breaks an imbalance streak.
- *The back against the rest of the body* (pull under push, a group out of its band, a
  group outside the back never trained): see :mod:`.flags_body`.
"""

from __future__ import annotations

import pandas as pd

from backday_analysis import BACK_GROUPS
from backday_analysis.datafolder.settings import Settings
from backday_analysis.metrics.balance import back_sets_per_week
from backday_analysis.metrics.deadlift_flags import DEADLIFT, deadlift_jump, deadlift_not_first
from backday_analysis.metrics.flag_table import (
    FLAG_COLUMNS,
    GROUP_LABELS,
    back_rows,
    be,
    empty_flags,
    flag_table,
    in_a_row,
    num,
    ordinal,
    run_lengths,
    week_ordinal,
    weeks_text,
)
from backday_analysis.metrics.flags_body import back_behind_chest, group_volume, rest_not_trained
from backday_analysis.metrics.flags_volume import (
    back_volume,
    back_weeks,
    volume_drop,
    week_missed,
)
from backday_analysis.metrics.severity import apply_severity, attention_order, sort_flags
from backday_analysis.metrics.weeks import parse_week, week_label

#: Flag codes in the order a page lists them within one severity and age.
FLAGS = tuple(
    "week_missed not_trained back_behind_chest volume_drop deadlift_jump back_volume_high "
    "group_volume_high under_guideline back_volume_low group_volume_low deadlift_not_first "
    "group_imbalance no_direct_sets no_biceps_work".split()
)

#: The columns of the sets that the flags read (``line`` when the sets have it).
SET_COLUMNS = (
    "client",
    "performed_at",
    "session_id",
    "exercise",
    "set_kind",
    "exercise_id",
    "load_kg",
    "line",
)


def _often(settings: Settings) -> str:
    n = settings.guideline_days
    return {1: "once", 2: "twice"}.get(n, f"{n}-times")


def not_trained(weekly: pd.DataFrame, settings: Settings, week: str) -> pd.DataFrame:
    """Flag back groups with no training day this week, with their streaks in weeks."""
    back = back_rows(weekly)
    back = back.assign(
        streak=run_lengths(back, back["days"] == 0),
        under=run_lengths(back, back["days"] < settings.guideline_days),
    )
    hit = back.loc[(back["week"] == week) & (back["days"] == 0)]
    often = _often(settings)
    reasons = [
        f"{be(g)} not trained this week"
        + (f", the {ordinal(s)} week in a row without any training day" if s > 1 else "")
        + "."
        + (
            f" {be(g, ('have', 'has'))} been under the "
            f"{often}-a-week guideline for {weeks_text(u)} in a row."
            if u > s
            else ""
        )
        for g, s, u in zip(hit["group"], hit["streak"], hit["under"], strict=True)
    ]
    headlines = [f"{GROUP_LABELS[g]} not trained" for g in hit["group"]]
    return flag_table(hit, week, "not_trained", reasons, headlines, "streak", group=None)


def under_guideline(weekly: pd.DataFrame, settings: Settings, week: str) -> pd.DataFrame:
    """Flag back groups trained on some days, but fewer than the guideline's, this week."""
    back = back_rows(weekly)
    below = back["days"] < settings.guideline_days
    back = back.assign(streak=run_lengths(back, below))
    hit = back.loc[(back["week"] == week) & below & (back["days"] > 0)]
    often = _often(settings)
    reasons = [
        f"{be(g)} trained on {d} day{'s' * (d != 1)} this week, under the {often}-a-week "
        "guideline."
        + (
            f" {be(g, ('have', 'has'))} been under it for {weeks_text(s)} in a row."
            if s > 1
            else ""
        )
        for g, d, s in zip(hit["group"], hit["days"], hit["streak"], strict=True)
    ]
    headlines = [
        f"{GROUP_LABELS[g]} on {d} day{'s' * (d != 1)} (guideline {settings.guideline_days})"
        for g, d in zip(hit["group"], hit["days"], strict=True)
    ]
    return flag_table(hit, week, "under_guideline", reasons, headlines, "streak", group=None)


def no_direct_sets(weekly: pd.DataFrame, settings: Settings, week: str) -> pd.DataFrame:
    """Flag back groups with no direct sets in the last ``no_direct_sets_weeks`` weeks.

    Only clients whose history covers the whole window are judged; ``weeks`` is the run of
    weeks without direct sets, at least the window.
    """
    weeks = settings.no_direct_sets_weeks
    back = back_rows(weekly)
    back = back.assign(streak=run_lengths(back, back["direct_sets"] == 0))
    hit = back.loc[(back["week"] == week) & (back["streak"] >= weeks) & (weeks > 0)]
    reasons = [
        f"{be(g, ('have', 'has'))} had no direct sets (exercises where they are the main "
        f"mover) in the last {s} weeks."
        for g, s in zip(hit["group"], hit["streak"], strict=True)
    ]
    headlines = [
        f"{GROUP_LABELS[g]}: no direct sets in {s} weeks"
        for g, s in zip(hit["group"], hit["streak"], strict=True)
    ]
    return flag_table(hit, week, "no_direct_sets", reasons, headlines, "streak", group=None)


def no_biceps_work(weekly: pd.DataFrame, week: str) -> pd.DataFrame:
    """Flag weeks with back sets but no direct biceps sets (a curl or a chin-up).

    The reason names the biceps' fractional sets from pulls, which the weekly table shows.
    """
    back = back_rows(weekly).groupby(["client", "week"], sort=False)["fractional_sets"].sum()
    biceps = weekly.loc[weekly["group"] == "biceps"].set_index(["client", "week"])
    table = back.rename("back").to_frame().join(biceps[["direct_sets", "fractional_sets"]])
    table = table.fillna(0.0).reset_index().assign(group="biceps")
    table["streak"] = run_lengths(table, (table["back"] > 0) & (table["direct_sets"] == 0))
    hit = table.loc[(table["week"] == week) & (table["streak"] > 0)]
    # Pulls credit the biceps 0.5, so the table beside the flag can show biceps sets: say
    # what the rule means (no direct sets) and where those sets came from.
    reasons = [
        "The back was trained this week with no direct biceps work, such as curls"
        + (f" (the biceps' {num(f)} fractional sets came from pulls)" if f else "")
        + "; pair back days with a smaller group such as biceps."
        for f in hit["fractional_sets"]
    ]
    headlines = ["No direct biceps work"] * len(hit)
    return flag_table(hit, week, "no_biceps_work", reasons, headlines, "streak", group="biceps")


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
    headlines = [
        f"{GROUP_LABELS[g]} {num(v * 100)} % of back sets"
        for g, v in zip(hit["group"], hit["share"], strict=True)
    ]
    return flag_table(hit, week, "group_imbalance", reasons, headlines, "streak", group=None)


def coaching_flags(
    weekly: pd.DataFrame,
    sets: pd.DataFrame,
    catalogue: pd.DataFrame,
    settings: Settings,
    week: str,
    units: dict[str, str] | None = None,
    severity_rules: pd.DataFrame | None = None,
    bands: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return every coaching flag raised in ``week``, most severe and newest first per client.

    Parameters
    ----------
    weekly : pandas.DataFrame
        Weekly table (:func:`backday_analysis.metrics.weekly.weekly_volume`) through ``week`` at
        least; the earlier weeks feed the streaks.
    sets : pandas.DataFrame
        Sets with ``exercise_id`` and ``load_kg``, the whole history (streaks look back).
    catalogue : pandas.DataFrame
        The exercise catalogue.
    settings : Settings
        Guideline and flag limits.
    week : str
        ISO week label, such as ``2026-W53``.
    units : dict, optional
        Each client's unit (``kg`` or ``lb``) for loads in the reasons; default kg.
    severity_rules : pandas.DataFrame, optional
        The coach's severity table (:mod:`backday_analysis.datafolder.severity_rules`);
        default the shipped one.
    bands : pandas.DataFrame, optional
        The coach's per-client weekly-set bands (``volume_bands.csv``); default every group's
        band from ``config.toml``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FLAG_COLUMNS`; ``group`` is empty for whole-back and whole-week flags.
        A client with no set logged in or after ``week`` (no log yet) has none; a client who
        missed the whole week has only ``week_missed``.
    """
    week_label(parse_week(week))  # a clear error for a malformed label
    monday = pd.Timestamp(parse_week(week))
    # The flags read only these columns: each row filter of a long history copies fewer.
    sets = sets.loc[:, [c for c in SET_COLUMNS if c in sets]]
    last = sets.groupby("client")["performed_at"].max()
    logged = set(last.index[last >= monday])
    weekly = _rows(weekly, weekly["client"].isin(logged))
    sets = _rows(sets, sets["client"].isin(logged))
    missed = week_missed(sets, week)
    trained = _rows(sets, ~sets["client"].isin(set(missed["client"])))
    weekly = _rows(weekly, weekly["client"].isin(trained["client"].unique()))
    parts = [missed]
    if not weekly.empty:
        volume = back_weeks(trained, catalogue, week, weekly)
        parts += [
            not_trained(weekly, settings, week),
            under_guideline(weekly, settings, week),
            no_direct_sets(weekly, settings, week),
            back_volume(weekly, trained, catalogue, settings, week, volume),
            volume_drop(trained, catalogue, settings, week, volume),
            deadlift_not_first(trained, catalogue, week),
            deadlift_jump(trained, catalogue, settings, week, units),
            no_biceps_work(weekly, week),
            group_imbalance(weekly, settings, week),
            back_behind_chest(trained, catalogue, settings, week),
            group_volume(weekly, settings, week, bands),
            rest_not_trained(weekly, settings, week),
        ]
    flags = pd.concat([empty_flags(), *parts], ignore_index=True)
    return sort_flags(apply_severity(flags, severity_rules), FLAGS)


def _rows(frame: pd.DataFrame, keep: pd.Series) -> pd.DataFrame:
    """Return the rows of ``frame`` in ``keep``; the frame itself when that is all of them."""
    return frame if keep.all() else frame.loc[keep]


__all__ = [
    "DEADLIFT",
    "FLAGS",
    "FLAG_COLUMNS",
    "attention_order",
    "back_sets_per_week",
    "coaching_flags",
    "deadlift_jump",
    "deadlift_not_first",
    "week_ordinal",
]
