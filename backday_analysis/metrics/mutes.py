"""Apply the coach's per-client mutes to flags and advice, and say what was muted.

A mute (:mod:`backday_analysis.datafolder.client_rules`) names a client, a flag code or an
advice rule, optionally a group, a reason and a last day. It holds for a week that begins on
or before its last day. A muted flag leaves the page's list and the roster's ranking; a muted
advice rule leaves the plan. The page lists the week's mutes in one line, each with what it
hid, so nothing is hidden by accident.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd


def active_mutes(client_rules: pd.DataFrame, week_monday: dt.date) -> pd.DataFrame:
    """Return the mutes that hold for the week beginning ``week_monday``."""
    if client_rules.empty:
        return client_rules
    holds = client_rules["until"].map(lambda d: d is None or pd.isna(d) or d >= week_monday)
    return client_rules.loc[holds.astype(bool)].reset_index(drop=True)


def muted(frame: pd.DataFrame, mutes: pd.DataFrame, code: str) -> pd.Series:
    """Return which rows of ``frame`` (``client``, ``group`` and the ``code`` column) are muted."""
    if mutes.empty or frame.empty:
        return pd.Series(False, index=frame.index)
    keys = frame[["client", code, "group"]].reset_index()
    hit = keys.merge(
        mutes[["client_id", "rule", "group"]].rename(columns={"group": "_group"}),
        left_on=["client", code],
        right_on=["client_id", "rule"],
    )
    hit = hit.loc[(hit["_group"] == "") | (hit["_group"] == hit["group"])]
    return pd.Series(frame.index.isin(set(hit["index"])), index=frame.index)


def muted_line(mutes: pd.DataFrame, hidden: pd.DataFrame) -> str:
    """Return the one line listing a client's mutes, with what each hid this week.

    ``hidden`` holds the muted flags and advice of the week (columns ``code`` and
    ``group``); an empty line means nothing is muted.
    """
    if mutes.empty:
        return ""
    parts = []
    for row in mutes.itertuples(index=False):
        mine = hidden.loc[hidden["code"] == row.rule]
        if row.group:
            mine = mine.loc[mine["group"] == row.group]
        what = row.rule.replace("_", " ") + (f", {row.group.replace('_', ' ')}" * bool(row.group))
        until = f", until {row.until:%d %b %Y}" if row.until is not None else ""
        count = len(mine)
        effect = f"hid {count} item{'s' * (count != 1)}" if count else "nothing to hide"
        parts.append(f"{what} (“{row.reason}”{until}; {effect} this week)")
    return "Muted by the coach: " + " · ".join(parts) + "."
