"""Flags of the back against the rest of the body: pull under push, groups out of band, untrained.

- *Back behind chest* (``back_behind_chest``): in the horizontal or the vertical plane, fewer
  than ``pull_push_ratio`` pull sets per push set (:mod:`.body_balance`), for at least
  ``pull_push_weeks`` weeks in a row. ``weeks`` counts the weeks in a row in which some
  plane was behind; a week with neither pulls nor pushes breaks the run.
- *A group under its minimum* (``group_volume_low``) or *over its maximum*
  (``group_volume_high``): the group's weekly fractional sets under its minimum effective or
  over its maximum recoverable volume (:mod:`.landmarks`: ``config.toml`` or the client's
  ``volume_bands.csv``) for at least ``band_weeks`` weeks in a row. Under the minimum is
  said only of a group trained this week; a week without a training day is the
  not-trained flag's to say.
- *A group never trained* (``not_trained``, beyond the back): a group outside the back with
  no training day for at least ``not_trained_weeks`` weeks in a row. The back's groups are
  flagged from their first week without one (:func:`.flags.not_trained`).

Sentences about one group start with its name and a colon, so a page can name several
groups that share the same words in one line.
"""

from __future__ import annotations

import pandas as pd

from backday_analysis import BACK_GROUPS, GROUP_LABELS
from backday_analysis.datafolder.settings import Settings
from backday_analysis.metrics.body_balance import (
    PLANE_WORDS,
    behind_planes,
    ratio_text,
)
from backday_analysis.metrics.flag_table import (
    STREAK_WEEKS,
    flag_table,
    in_a_row,
    num,
    run_lengths,
    trailing_flags,
    weeks_text,
)
from backday_analysis.metrics.landmarks import band_table
from backday_analysis.metrics.pull_push import pull_push


def back_behind_chest(
    sets: pd.DataFrame,
    catalogue: pd.DataFrame,
    settings: Settings,
    week: str,
    table: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Flag clients whose pulls stayed under the limit per push set, in either plane.

    ``table`` is :func:`.pull_push.pull_push` of the same sets, when already computed.
    Without it, only the trailing weeks that hold the streaks are counted (a week's verdict
    is its own sets'), so ten years of log cost little more than this year's; unless the
    weeks asked for are more than the first window counts, whose streaks could not reach
    them (and so would never ask for a wider one).
    """
    if table is None and settings.pull_push_weeks <= STREAK_WEEKS:
        return trailing_flags(
            sets, week, lambda part, _: _behind(pull_push(part, catalogue), settings, week)
        )
    return _behind(pull_push(sets, catalogue) if table is None else table, settings, week)


def _behind(table: pd.DataFrame, settings: Settings, week: str) -> pd.DataFrame:
    table = table.loc[table["week"] <= week].assign(group="")
    limit = settings.pull_push_ratio
    behind = pd.Series(False, index=table.index)
    for plane in PLANE_WORDS:  # as behind_planes, for every week at once
        push = table[f"{plane}_push"]
        behind |= (push > 0) & (table[f"{plane}_pull"] < (limit - 1e-9) * push)
    table["streak"] = run_lengths(table, behind)
    hit = table.loc[(table["week"] == week) & (table["streak"] >= max(settings.pull_push_weeks, 1))]
    reasons, headlines = [], []
    for row in hit.to_dict("records"):
        row["behind"] = behind_planes(row, limit)
        parts = []
        for plane in row["behind"]:
            pulls, pushes = PLANE_WORDS[plane]
            parts.append(
                f"{plane} {row[f'{plane}_pull']} : {row[f'{plane}_push']} working sets "
                f"({pulls} against {pushes}), {ratio_text(row[f'{plane}_ratio'])}"
            )
        reasons.append(
            f"Pull : push was under {ratio_text(limit)} this week{in_a_row(row['streak'])}: "
            + "; ".join(parts)
            + "."
        )
        worst = min(row["behind"], key=lambda p: row[f"{p}_ratio"])
        # Short, for the roster's line: the plane is in its pull : push column.
        headlines.append(f"Back behind chest, {ratio_text(row[f'{worst}_ratio'])}")
    return flag_table(hit, week, "back_behind_chest", reasons, headlines, "streak")


def group_volume(
    weekly: pd.DataFrame, settings: Settings, week: str, bands: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Flag groups under their minimum or over their maximum for ``band_weeks`` in a row."""
    clients = sorted(weekly["client"].unique())
    limits = band_table(settings, clients, bands)
    table = weekly.loc[weekly["week"] <= week].merge(
        limits.drop(columns="source"), on=["client", "group"], how="left", sort=False
    )
    sets = table["fractional_sets"]
    table["low"] = run_lengths(table, sets < table["minimum_effective"])
    table["high"] = run_lengths(table, sets > table["maximum_recoverable"])
    table = table.loc[table["week"] == week]
    n = max(settings.band_weeks, 1)
    tables = []
    for flag, side, end, words, sign in (
        ("group_volume_low", "low", "minimum_effective", "under the minimum effective", "min"),
        ("group_volume_high", "high", "maximum_recoverable", "over the maximum recoverable", "max"),
    ):
        hit = table.loc[table[side] >= n]
        if side == "low":
            hit = hit.loc[hit["days"] > 0]
        reasons = [
            f"{GROUP_LABELS[g]}: {num(v)} fractional set{'s' * (v != 1)} this week, {words} "
            f"{num(limit)} a "
            f"week{_whose(by)}{in_a_row(s)}."
            for g, v, limit, by, s in zip(
                hit["group"], hit["fractional_sets"], hit[end], hit["set_by"], hit[side],
                strict=True,
            )
        ]  # fmt: skip
        headlines = [
            f"{GROUP_LABELS[g]} {num(v)} sets, {sign} {num(limit)}"
            for g, v, limit in zip(hit["group"], hit["fractional_sets"], hit[end], strict=True)
        ]
        tables.append(flag_table(hit, week, flag, reasons, headlines, side, group=None))
    return pd.concat(tables, ignore_index=True)


def _whose(set_by: str) -> str:
    return " (the client's own band)" if set_by == "volume_bands.csv" else ""


def rest_not_trained(weekly: pd.DataFrame, settings: Settings, week: str) -> pd.DataFrame:
    """Flag groups outside the back with no training day for ``not_trained_weeks`` in a row."""
    rest = weekly.loc[(weekly["week"] <= week) & ~weekly["group"].isin(BACK_GROUPS)]
    rest = rest.assign(streak=run_lengths(rest, rest["days"] == 0))
    n = max(settings.not_trained_weeks, 1)
    hit = rest.loc[(rest["week"] == week) & (rest["streak"] >= n)]
    reasons = [
        f"{GROUP_LABELS[g]}: no training day in any of the last {weeks_text(s)}."
        for g, s in zip(hit["group"], hit["streak"], strict=True)
    ]
    headlines = [f"{GROUP_LABELS[g]} not trained" for g in hit["group"]]
    return flag_table(hit, week, "not_trained", reasons, headlines, "streak", group=None)
