"""Gather the back balance explorer's tables for one client and a range of dates.

``notebooks/back_balance.ipynb`` calls :func:`balance_explorer` once and hands the result
to :mod:`backday_analysis.charts.balance` and :mod:`backday_analysis.views.display`; nothing
here draws. The range is cut in whole ISO weeks: the weeks holding ``start`` and ``end``
and every week between, so no week is shown half counted. Rolling shares and streaks are
computed on the whole history first, so the first weeks of a range still look back.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from backday_analysis import BACK_GROUPS, GROUPS
from backday_analysis.datafolder.dataset import Dataset
from backday_analysis.datafolder.settings import Settings
from backday_analysis.errors import BackdayError
from backday_analysis.metrics.balance import (
    GRIP_CLASSES,
    SEED_LIFTS,
    back_shares,
    cable_row_grips,
    estimated_1rm,
    pulling_sets,
    set_weeks,
    training_days_matrix,
)
from backday_analysis.metrics.flags import coaching_flags
from backday_analysis.metrics.weekly import weekly_volume, working_sets
from backday_analysis.metrics.weeks import parse_week, week_label
from backday_analysis.views.client_week import GROUP_LABELS, PAGE_GROUPS, load_for_client
from backday_analysis.views.flag_lines import flag_lines

#: Weeks summed in the rolling view of the shares.
ROLLING_WEEKS = 4
#: Grip classes of the cable-row chart: the seed's two, plus rows logged without a grip.
GRIPS = (*GRIP_CLASSES, "unstated")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class BalanceExplorer:
    """One client's back balance over a range of ISO weeks; every table is cut to it."""

    client_id: str
    client_name: str
    start: dt.date | None
    end: dt.date | None
    weeks: list[str]
    settings: Settings
    weekly: pd.DataFrame
    shares: pd.DataFrame
    rolling_shares: pd.DataFrame
    pulling: pd.DataFrame
    grips: pd.DataFrame
    grip_credits: pd.DataFrame
    days: pd.DataFrame
    one_rep_max: pd.DataFrame
    flags: pd.DataFrame
    flags_week: str | None
    dataset: Dataset
    unit: str = "kg"


def parse_date(text: str | dt.date | None, name: str) -> dt.date | None:
    """Return an ISO date (``YYYY-MM-DD``) as a date, or None for an empty value.

    Raises
    ------
    BackdayError
        If the text is not a real calendar date written ``YYYY-MM-DD``.
    """
    if isinstance(text, dt.date):
        return text
    value = str(text or "").strip()
    if not value:
        return None
    try:
        # The pattern first: fromisoformat would also take 20260901 or 2026-W36-1.
        if _DATE.match(value):
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise BackdayError(
        f"{name} '{value}' is not a date; write it as YYYY-MM-DD (for example 2026-09-01) "
        "or leave it empty for the whole history."
    )


def date_range(start, end) -> tuple[dt.date | None, dt.date | None]:
    """Return ``start`` and ``end`` as dates, checking that start is not after end."""
    first, last = parse_date(start, "start"), parse_date(end, "end")
    if first and last and first > last:
        raise BackdayError(f"start {first} is after end {last}; swap them or leave one empty.")
    return first, last


def _in_range(table: pd.DataFrame, weeks: list[str]) -> pd.DataFrame:
    return table.loc[table["week"].isin(weeks)].reset_index(drop=True)


def _on_weeks(table: pd.DataFrame, weeks: list[str], columns: list[str]) -> pd.DataFrame:
    """Return ``week`` + ``columns`` on exactly ``weeks``, zeros where the table has none."""
    out = pd.DataFrame({"week": pd.Series(weeks, dtype="str")}).merge(
        table[["week", *columns]], on="week", how="left"
    )
    out[columns] = out[columns].fillna(0).astype("int64")
    return out


def grip_table(sets: pd.DataFrame, catalogue: pd.DataFrame, weeks: list[str]) -> pd.DataFrame:
    """Return seated cable row sets per week by grip: close, wide, and unstated.

    ``unstated`` holds cable rows whose catalogue grip is neither (a plain bar, or none
    logged), so a client's rows never vanish from the chart for want of a grip.
    """
    rows = working_sets(sets).loc[
        lambda s: s["exercise_id"].isin(SEED_LIFTS["seated_cable_row"].ids(catalogue))
    ]
    total = rows.groupby(set_weeks(rows)).size().rename("all_sets").rename_axis("week")
    grips = cable_row_grips(sets, catalogue).merge(total.reset_index(), on="week", how="left")
    grips["unstated_sets"] = grips["all_sets"].fillna(0) - grips["close_sets"] - grips["wide_sets"]
    return _on_weeks(grips, weeks, [f"{g}_sets" for g in GRIPS])


def grip_credits(sets: pd.DataFrame, catalogue: pd.DataFrame, weeks: list[str]) -> pd.DataFrame:
    """Return the fractional sets each grip's cable rows credited to each group in ``weeks``.

    Rows: the grips of :data:`GRIPS` that were logged; columns: :data:`BACK_GROUPS` plus
    biceps. This is the effect of the grip the seed describes (close: lats, wide: rhomboids).
    """
    ids = SEED_LIFTS["seated_cable_row"].ids(catalogue)
    rows = working_sets(sets).loc[lambda s: s["exercise_id"].isin(ids)]
    rows = rows.loc[set_weeks(rows).isin(weeks)]
    credits = catalogue.set_index("exercise_id").loc[:, list(PAGE_GROUPS)].astype(float).fillna(0)
    grip = catalogue.set_index("exercise_id")["grip"].astype(str).str.strip().str.lower()
    classes = {value: name for name, values in GRIP_CLASSES.items() for value in values}
    kind = rows["exercise_id"].map(grip).map(classes).fillna("unstated")
    table = credits.reindex(rows["exercise_id"]).set_axis(rows.index).groupby(kind).sum()
    return table.reindex([g for g in GRIPS if g in table.index])


def balance_explorer(
    client: str,
    start: str | dt.date | None = "",
    end: str | dt.date | None = "",
    data_dir: str | None = None,
    dataset: Dataset | None = None,
) -> BalanceExplorer:
    """Load one client's data and compute every table of the back balance explorer.

    Parameters
    ----------
    client : str
        Client id or display name from the roster.
    start, end : str or datetime.date, optional
        First and last day, ``YYYY-MM-DD``; empty for the start or end of the history.
        The range covers the whole ISO weeks holding them.
    data_dir : str, optional
        Data folder; empty or None means ``$BACKDAY_DATA``, else ``data/`` (see ``paths``).
    dataset : Dataset, optional
        An already loaded data folder, to skip reading it again.

    Raises
    ------
    BackdayError
        For a malformed date, a start after the end, or a client not in the roster.
    """
    first, last = date_range(start, end)
    client, data = load_for_client(client, data_dir, dataset)
    name = data.client_name(client)
    own = data.sets.loc[data.sets["client"] == client]
    settings, catalogue = data.settings, data.catalogue
    # The whole history: rolling shares and flag streaks need the weeks before the range.
    weekly = weekly_volume(
        own,
        catalogue,
        clients=[client],
        min_sets_per_day=settings.min_credited_sets_per_day,
        guideline_days=settings.guideline_days,
    )
    history = list(dict.fromkeys(weekly["week"]))
    weeks = [
        w
        for w in history
        if (first is None or w >= week_label(first)) and (last is None or w <= week_label(last))
    ]
    # Training days of the whole body, the back first.
    days = training_days_matrix(_in_range(weekly, weeks), GROUPS) if weeks else pd.DataFrame()
    days = days.loc[client] if client in days.index else pd.DataFrame(index=list(GROUPS))
    flags_week = weeks[-1] if weeks else None
    flags = pd.DataFrame(columns=["client", "week", "flag", "group", "severity", "reason"])
    if flags_week:
        rules = (data.units(), data.severity_rules, data.volume_bands)
        flags = coaching_flags(weekly, own, catalogue, settings, flags_week, *rules)
    return BalanceExplorer(
        client_id=client,
        client_name=name,
        start=first,
        end=last,
        weeks=weeks,
        settings=settings,
        weekly=_in_range(weekly, weeks),
        shares=_in_range(back_shares(weekly, 1), weeks),
        rolling_shares=_in_range(back_shares(weekly, ROLLING_WEEKS), weeks),
        pulling=_on_weeks(
            pulling_sets(own, catalogue), weeks, ["vertical_sets", "horizontal_sets"]
        ),
        grips=grip_table(own, catalogue, weeks),
        grip_credits=grip_credits(own, catalogue, weeks),
        days=days,
        one_rep_max=_in_range(estimated_1rm(own, catalogue), weeks),
        flags=flags,
        flags_week=flags_week,
        dataset=data,
        unit=data.client_unit(client),
    )


def title(explorer: BalanceExplorer) -> str:
    """Return the explorer's heading: client and the weeks shown, with their dates."""
    if not explorer.weeks:
        asked = f"{explorer.start or 'the start'} to {explorer.end or 'the end'}"
        return f"{explorer.client_name} — back balance: no logged weeks from {asked}"
    monday = parse_week(explorer.weeks[0])
    sunday = parse_week(explorer.weeks[-1]) + dt.timedelta(days=6)
    count = len(explorer.weeks)
    return (
        f"{explorer.client_name} — back balance, {explorer.weeks[0]} to {explorer.weeks[-1]} "
        f"({monday:%d %b %Y} to {sunday:%d %b %Y}, {count} week{'s' if count != 1 else ''})"
    )


def summary_table(explorer: BalanceExplorer) -> pd.DataFrame:
    """Return the range at a glance: per group, average sets, share, days and guideline weeks.

    Averages are per week of the range, weeks without training included; the table has no
    rows when the range has no logged weeks.
    """
    if not explorer.weeks:
        return pd.DataFrame(columns=["Muscle group"])
    rows = explorer.weekly.groupby("group")
    share = explorer.shares.groupby("group")["fractional_sets"].sum()
    share = share / share.sum() if share.sum() else share * float("nan")
    n = len(explorer.weeks)
    return pd.DataFrame(
        {
            "Muscle group": [GROUP_LABELS[g] for g in PAGE_GROUPS],
            "Fractional sets a week": rows["fractional_sets"]
            .mean()
            .reindex(PAGE_GROUPS)
            .round(1)
            .to_numpy(),
            "Share of back sets": [
                f"{share[g]:.0%}" if g in BACK_GROUPS and pd.notna(share.get(g)) else ""
                for g in PAGE_GROUPS
            ],
            "Training days a week": rows["days"].mean().reindex(PAGE_GROUPS).round(1).to_numpy(),
            f"Weeks at the guideline ({explorer.settings.guideline_days}×)": [
                f"{int(rows['guideline_met'].sum().get(g, 0))} of {n}" for g in PAGE_GROUPS
            ],
        }
    ).fillna("")


def flags_heading(explorer: BalanceExplorer) -> str:
    """Return the sentence above the flags table: which week the flags are for."""
    if explorer.flags_week is None:
        return "No week in this range has logged sets, so there are no flags to show."
    return f"Coaching flags for {explorer.flags_week}, the latest week in this range."


def flags_table(explorer: BalanceExplorer) -> pd.DataFrame:
    """Return the latest week's coaching flags: severity, group and the reason.

    Flags of several groups with the same words share one line (:mod:`.flag_lines`).
    """
    flags = flag_lines(explorer.flags)
    return pd.DataFrame(
        {
            "Severity": flags["severity"].to_numpy(),
            "Group": [_groups(g) for g in flags["group"]],
            "Needs attention": flags["reason"].to_numpy(),
        }
    )


def _groups(groups: str) -> str:
    return ", ".join(GROUP_LABELS[g] for g in groups.split(",")) if groups else "Whole back"
