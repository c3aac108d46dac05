"""Gather the "next week" table each page shows: the weekly report, the explorer, the roster.

Each function computes :func:`backday_analysis.metrics.advice.next_week_advice` for what its
page already loaded, with the data folder's rule table (``data/advice.csv``).
"""

from __future__ import annotations

import pandas as pd

from backday_analysis.metrics.advice import next_week_advice
from backday_analysis.views.balance_explorer import BalanceExplorer
from backday_analysis.views.client_week import ClientWeek
from backday_analysis.views.roster_week import RosterWeek

COLUMN = "Next week"


def client_advice(report: ClientWeek) -> pd.DataFrame:
    """Return next week's suggestions for the weekly report's client and week."""
    data = report.dataset
    advice = next_week_advice(
        report.full_history,
        report.sets,
        data.catalogue,
        report.settings,
        data.advice_rules,
        report.week,
    )
    return pd.DataFrame({COLUMN: advice["text"].to_numpy()})


def explorer_advice(explorer: BalanceExplorer) -> pd.DataFrame:
    """Return the suggestions after the explorer's latest week (the week its flags are for)."""
    if explorer.flags_week is None:
        return pd.DataFrame(columns=[COLUMN])
    data = explorer.dataset
    advice = next_week_advice(
        explorer.weekly,
        data.sets.loc[data.sets["client"] == explorer.client_id],
        data.catalogue,
        explorer.settings,
        data.advice_rules,
        explorer.flags_week,
    )
    return pd.DataFrame({COLUMN: advice["text"].to_numpy()})


def roster_advice(roster: RosterWeek) -> pd.DataFrame:
    """Return every client's suggestions as ``Client, Next week``, in attention order."""
    data = roster.dataset
    advice = next_week_advice(
        roster.weekly, data.sets, data.catalogue, data.settings, data.advice_rules, roster.week
    )
    names = dict(zip(data.roster["client_id"], data.roster["name"], strict=True))
    rank = {client: i for i, client in enumerate(roster.order)}
    advice = advice.assign(_rank=advice["client"].map(rank)).sort_values("_rank", kind="stable")
    return pd.DataFrame(
        {"Client": advice["client"].map(names).to_numpy(), COLUMN: advice["text"].to_numpy()}
    )
