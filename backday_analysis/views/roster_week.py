"""Gather the roster page: every client × back group for one week, with flags, as DataFrames."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from backday_analysis import BACK_GROUPS
from backday_analysis.datafolder.dataset import Dataset, load_dataset
from backday_analysis.metrics.weekly import weekly_volume
from backday_analysis.metrics.weeks import parse_week
from backday_analysis.views.client_week import GROUP_LABELS, latest_week


@dataclass
class RosterWeek:
    """The whole roster's week."""

    week: str
    monday: dt.date
    dataset: Dataset
    weekly: pd.DataFrame
    flags: pd.DataFrame
    order: list[str]


def roster_week(
    week: str = "latest", data_dir: str | None = None, dataset: Dataset | None = None
) -> RosterWeek:
    """Load every client and compute the weekly table and coaching flags up to ``week``."""
    from backday_analysis.metrics.flags import attention_order, coaching_flags

    data = dataset or load_dataset(data_dir or None)
    label = latest_week(data.sets) if week == "latest" else week
    monday = parse_week(label)
    settings = data.settings
    clients = list(data.roster["client_id"])
    weekly = weekly_volume(
        data.sets,
        data.catalogue,
        clients=clients,
        through=monday + dt.timedelta(days=6),
        min_sets_per_day=settings.min_credited_sets_per_day,
        guideline_days=settings.guideline_days,
    )
    flags = coaching_flags(weekly, data.sets, data.catalogue, settings, label, data.units())
    return RosterWeek(label, monday, data, weekly, flags, attention_order(flags, clients))


def roster_title(roster: RosterWeek) -> str:
    """Return the page heading: week and dates."""
    sunday = roster.monday + dt.timedelta(days=6)
    return f"Roster overview — week {roster.week} ({roster.monday:%d %b %Y} to {sunday:%d %b %Y})"


def roster_matrix(roster: RosterWeek) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the client × back group table for the week and a matching table of CSS classes.

    Each cell reads ``"2 d · 6.5 sets"``; its class is ``met`` when the group was trained on
    at least the guideline's days, else ``unmet``. Clients come in attention order.
    """
    week = roster.weekly.loc[roster.weekly["week"] == roster.week]
    names = dict(
        zip(roster.dataset.roster["client_id"], roster.dataset.roster["name"], strict=True)
    )
    counts = roster.flags.groupby("client").size() if not roster.flags.empty else pd.Series()
    values, classes = [], []
    for client in roster.order:
        rows = week.loc[week["client"] == client].set_index("group")
        value_row = {"Client": names.get(client, client)}
        class_row = {"Client": ""}
        for group in BACK_GROUPS:
            days = int(rows.at[group, "days"]) if group in rows.index else 0
            sets = float(rows.at[group, "fractional_sets"]) if group in rows.index else 0.0
            met = bool(rows.at[group, "guideline_met"]) if group in rows.index else False
            value_row[GROUP_LABELS[group]] = f"{days} d · {sets:g} sets"
            class_row[GROUP_LABELS[group]] = "met" if met else "unmet"
        value_row["Flags"] = int(counts.get(client, 0))
        class_row["Flags"] = ""
        values.append(value_row)
        classes.append(class_row)
    return pd.DataFrame(values), pd.DataFrame(classes)


def flags_by_client(roster: RosterWeek) -> pd.DataFrame:
    """Return every raised flag as ``Client, Needs attention``, clients in attention order."""
    if roster.flags.empty:
        return pd.DataFrame(columns=["Client", "Needs attention"])
    names = dict(
        zip(roster.dataset.roster["client_id"], roster.dataset.roster["name"], strict=True)
    )
    rank = {client: i for i, client in enumerate(roster.order)}
    flags = roster.flags.assign(_rank=roster.flags["client"].map(rank))
    flags = flags.sort_values("_rank", kind="stable")
    return pd.DataFrame(
        {
            "Client": flags["client"].map(names).to_numpy(),
            "Needs attention": flags["reason"].to_numpy(),
        }
    )


def settings_table(roster: RosterWeek) -> pd.DataFrame:
    """Return the settings the roster page used, one per row."""
    return roster.dataset.settings.table()


def clients_table(dataset: Dataset) -> pd.DataFrame:
    """Return one row per roster client: id, name, unit, time zone, logged days and sets.

    ``first_day`` and ``last_day`` are the dates of the client's first and last logged set
    (empty without any); ``sets`` counts every logged set, warm-ups included.
    """
    columns = ["client_id", "name", "unit", "timezone", "first_day", "last_day", "sets"]
    if dataset.roster.empty:  # a new data folder (backday init)
        return pd.DataFrame(columns=columns)
    sets = dataset.sets
    days = sets.groupby("client")["performed_at"].agg(["min", "max", "size"])
    roster = dataset.roster
    first = roster["client_id"].map(days["min"]).dt.strftime("%Y-%m-%d")
    last = roster["client_id"].map(days["max"]).dt.strftime("%Y-%m-%d")
    return pd.DataFrame(
        {
            "client_id": roster["client_id"].to_numpy(),
            "name": roster["name"].to_numpy(),
            "unit": roster["unit"].to_numpy(),
            "timezone": roster["timezone"].to_numpy(),
            "first_day": first.fillna("").to_numpy(),
            "last_day": last.fillna("").to_numpy(),
            "sets": roster["client_id"].map(days["size"]).fillna(0).astype("int64").to_numpy(),
        }
    )
