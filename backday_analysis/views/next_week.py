"""Gather the "next week" table each page shows: the weekly report, the explorer, the roster.

Each function computes :func:`backday_analysis.metrics.advice.next_week_advice` for what its
page already loaded, with the data folder's rule table (``data/advice.csv``).
"""

from __future__ import annotations

import pandas as pd

from backday_analysis.metrics.advice import next_week_advice
from backday_analysis.metrics.mutes import active_mutes
from backday_analysis.metrics.weeks import parse_week
from backday_analysis.views.balance_explorer import BalanceExplorer
from backday_analysis.views.client_flags import plan_inputs
from backday_analysis.views.client_week import ClientWeek

COLUMN = "Next week"
#: The plan table's columns: the day, the plan (``COLUMN``), the numbers behind it, the rules.
PLAN_COLUMNS = ("Day", COLUMN, "Because", "Rule")


def plan_table(advice: pd.DataFrame) -> pd.DataFrame:
    """Return a client's plan lines as the page's table (:data:`PLAN_COLUMNS`)."""
    return pd.DataFrame(
        dict(
            zip(
                PLAN_COLUMNS,
                (advice[c].to_numpy() for c in ("place", "plan", "facts", "why")),
                strict=True,
            )
        )
    )


def client_advice(report: ClientWeek) -> pd.DataFrame:
    """Return next week's plan for the weekly report's client and week, one line per day.

    A week with no log yet has no plan; the coach's mutes for the client leave it out.
    """
    if not report.logged:
        return pd.DataFrame(columns=list(PLAN_COLUMNS))
    advice = next_week_advice(*plan_inputs(report))
    return plan_table(advice)


def explorer_advice(explorer: BalanceExplorer) -> pd.DataFrame:
    """Return the suggestions after the explorer's latest week (the week its flags are for)."""
    if explorer.flags_week is None:
        return pd.DataFrame(columns=list(PLAN_COLUMNS))
    data = explorer.dataset
    rules = data.client_rules
    mutes = active_mutes(
        rules.loc[rules["client_id"] == explorer.client_id], parse_week(explorer.flags_week)
    )
    advice = next_week_advice(
        explorer.weekly,
        data.sets.loc[data.sets["client"] == explorer.client_id],
        data.catalogue,
        explorer.settings,
        data.advice_rules,
        explorer.flags_week,
        mutes,
        data.volume_bands,
        explorer.flags,
    )
    return plan_table(advice)
