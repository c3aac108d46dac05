"""Flags about how much was done: a whole week missed, whole-back sets out of band or dropping.

- *A whole week missed*: no working set of any exercise in a week between the client's first
  and last logged days. ``weeks`` counts missed weeks in a row.
- *Whole-back sets* count each working set once, at its largest back credit
  (:func:`backday_analysis.metrics.balance.back_sets_per_week`); ``weeks`` counts the weeks
  in a row under the minimum effective or over the maximum recoverable volume.
- *A sudden drop*: this week's whole-back sets at least ``drop_share`` under the average of
  the ``drop_weeks`` weeks before (weeks without training count as zero). Judged only when
  the client's history has all those weeks and their average is above zero.
"""

from __future__ import annotations

import pandas as pd

from backday_analysis.datafolder.settings import Settings
from backday_analysis.metrics.balance import back_sets_per_week, set_weeks
from backday_analysis.metrics.flag_table import (
    empty_flags,
    flag_table,
    num,
    ordinal,
    run_lengths,
    trailing_flags,
    week_sets,
    weeks_text,
)
from backday_analysis.metrics.week_sums import all_weeks
from backday_analysis.metrics.weekly import working_sets
from backday_analysis.metrics.weeks import parse_week


def week_missed(sets: pd.DataFrame, week: str) -> pd.DataFrame:
    """Flag clients with no working set this week but sets logged after it."""
    if not _idle_before_later(sets, week):
        return empty_flags()
    return trailing_flags(sets, week, lambda part, start: _missed(sets, part, start, week))


def _idle_before_later(sets: pd.DataFrame, week: str) -> bool:
    """Return whether a client has sets after ``week`` and no working set in it.

    Only such a client can have missed the week; a report of a roster's latest week usually
    has none, and then the streaks need not be counted.
    """
    end = pd.Timestamp(parse_week(week)) + pd.Timedelta(days=7)
    later = set(sets.loc[sets["performed_at"] >= end, "client"])
    return bool(later - set(working_sets(week_sets(sets, week))["client"]))


def _missed(sets, part, start, week) -> pd.DataFrame:
    """Return :func:`_week_missed` of ``part``, the sets from ``start`` on (None: all)."""
    if start is None:
        return _week_missed(part, week)
    end = pd.Timestamp(parse_week(week)) + pd.Timedelta(days=7)
    # A client's weeks run from their first to their last set: a warm-up at the window's
    # start stands for the sets before it, and one at the week's end for those after it.
    before = sets.loc[sets["performed_at"] < start, "client"].unique()
    after = sets.loc[sets["performed_at"] >= end, "client"].unique()
    marks = pd.DataFrame(
        {
            "client": pd.Series([*before, *after], dtype=sets["client"].dtype),
            "performed_at": pd.Series(
                [start] * len(before) + [end] * len(after), dtype=sets["performed_at"].dtype
            ),
            "set_kind": "warmup",
        }
    )
    part = part.loc[part["performed_at"] < end, ["client", "performed_at", "set_kind"]]
    return _week_missed(pd.concat([marks, part], ignore_index=True), week)


def _week_missed(sets: pd.DataFrame, week: str) -> pd.DataFrame:
    sunday_end = pd.Timestamp(parse_week(week)) + pd.Timedelta(days=7)
    spans = all_weeks(sets)
    done = working_sets(sets)
    done = pd.DataFrame({"client": done["client"], "week": set_weeks(done)}).drop_duplicates()
    table = spans.merge(done.assign(trained=True), on=["client", "week"], how="left")
    table = table.assign(group="", trained=table["trained"].fillna(False).astype(bool))
    table["streak"] = run_lengths(table, ~table["trained"])
    later = sets.loc[sets["performed_at"] >= sunday_end, "client"].unique()
    hit = table.loc[(table["week"] == week) & ~table["trained"] & table["client"].isin(later)]
    reasons = [
        "No working set was logged this week, though later weeks have sets: the week was "
        "missed" + (f", the {ordinal(s)} week in a row without training" if s > 1 else "") + "."
        for s in hit["streak"]
    ]
    headlines = [
        "Whole week missed" + (f" ({weeks_text(s)} in a row)" if s > 1 else "")
        for s in hit["streak"]
    ]
    return flag_table(hit, week, "week_missed", reasons, headlines, "streak")


def back_weeks(sets: pd.DataFrame, catalogue: pd.DataFrame, week: str, weeks=None):
    """Return whole-back sets per client and week up to ``week``, with an empty group.

    ``weeks`` (``client, week`` pairs, such as the weekly table's) adds weeks after the last
    logged one, with zero sets.
    """
    end = pd.Timestamp(parse_week(week)) + pd.Timedelta(days=7)
    table = back_sets_per_week(sets.loc[sets["performed_at"] < end], catalogue)
    if weeks is not None:
        pairs = weeks.loc[weeks["week"] <= week, ["client", "week"]].drop_duplicates()
        table = pairs.merge(table, on=["client", "week"], how="outer")
        table = table.sort_values(["client", "week"], ignore_index=True)
        table["back_sets"] = table["back_sets"].fillna(0.0)
    return table.assign(group="")


def back_volume(
    weekly: pd.DataFrame,
    sets: pd.DataFrame,
    catalogue: pd.DataFrame,
    settings: Settings,
    week: str,
    volume: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Flag whole-back sets under the minimum effective or over the maximum recoverable.

    ``volume`` is :func:`back_weeks` of the same sets and weeks, when already computed.
    """
    clients = set(weekly.loc[weekly["week"] == week, "client"])
    weekly = weekly.loc[weekly["client"].isin(clients)]
    if volume is None:
        volume = back_weeks(sets.loc[sets["client"].isin(clients)], catalogue, week, weekly)
    volume = volume.loc[volume["client"].isin(clients)].copy()
    low, high = settings.minimum_effective_sets, settings.maximum_recoverable_sets
    volume["low"] = run_lengths(volume, volume["back_sets"] < low)
    volume["high"] = run_lengths(volume, volume["back_sets"] > high)
    volume = volume.loc[volume["week"] == week]
    words = "The whole back got {:g} working sets this week, {} volume of {:g} sets a week{}."
    tables = []
    for flag, side, limit, label in (
        ("back_volume_low", "low", low, "under the minimum effective"),
        ("back_volume_high", "high", high, "over the maximum recoverable"),
    ):
        hit = volume.loc[volume[side] > 0]
        reasons = [
            words.format(round(v, 1), label, limit, _for_weeks(n, label.split()[0]))
            for v, n in zip(hit["back_sets"], hit[side], strict=True)
        ]
        sign = "min" if side == "low" else "max"
        headlines = [f"Back {num(v)} sets, {sign} {num(limit)}" for v in hit["back_sets"]]
        tables.append(flag_table(hit, week, flag, reasons, headlines, side))
    return pd.concat(tables, ignore_index=True)


def _for_weeks(n: int, side: str) -> str:
    return f"; {side} it for {weeks_text(n)} in a row" if n > 1 else ""


def drops(volume: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Return :func:`back_weeks` with ``before`` (the average of the ``drop_weeks`` weeks
    before, NaN without all of them) and ``streak`` (weeks in a row with a drop)."""
    n = settings.drop_weeks
    before = volume.groupby("client")["back_sets"].transform(
        lambda s: s.shift(1).rolling(n, min_periods=n).mean()
    )
    # The tolerance keeps an exact 20 % drop (10 -> 8 sets) from slipping through rounding.
    dropped = (before > 0) & (volume["back_sets"] <= before * (1 - settings.drop_share) + 1e-9)
    return volume.assign(before=before, streak=run_lengths(volume, dropped) if n else 0)


def volume_drop(
    sets: pd.DataFrame,
    catalogue: pd.DataFrame,
    settings: Settings,
    week: str,
    volume: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Flag whole-back sets ``drop_share`` or more under the average of the weeks before.

    ``volume`` is :func:`back_weeks` of the same sets, when already computed.
    """
    n = settings.drop_weeks
    volume = drops(back_weeks(sets, catalogue, week) if volume is None else volume, settings)
    hit = volume.loc[(volume["week"] == week) & (volume["streak"] > 0)]
    share = 1 - hit["back_sets"] / hit["before"]
    limit = num(settings.drop_share * 100)
    reasons = [
        f"The whole back got {num(v)} working sets this week, {num(p * 100)} % under its "
        f"average of {num(a)} a week over the {n} weeks before"
        + (f"; the {ordinal(s)} week in a row {limit} % or more under" if s > 1 else "")
        + "."
        for v, a, p, s in zip(hit["back_sets"], hit["before"], share, hit["streak"], strict=True)
    ]
    headlines = [f"Back sets {num(p * 100)} % under the {n}-week average" for p in share]
    return flag_table(hit, week, "volume_drop", reasons, headlines, "streak")
