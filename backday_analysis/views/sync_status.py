"""Where each connected client's Hevy sync stands: what the client and roster pages show.

:func:`sync_status` is pure: the clients' sync states in, one row per connected client out
(``client, last_sync, outcome, stale``). A sync is *stale* when the last good one is older
than the settings' ``stale_after_days`` at ``now``, or there was none; the roster page marks
a client whose sync is stale or whose last sync failed.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from backday_analysis.datafolder.hevy_state import SyncState, parse_utc, read_states

STATUS_COLUMNS = ("client", "last_sync", "outcome", "error", "stale")


def sync_status(states: list[SyncState], now: dt.datetime, stale_after_days: int) -> pd.DataFrame:
    """Return each connected client's last good sync (UTC), last outcome and staleness."""
    rows = []
    for state in states:
        if not state.connected_at:
            continue
        last = parse_utc(state.last_success_at)
        stale = last is None or now - last > dt.timedelta(days=stale_after_days)
        rows.append((state.client, last, state.last_outcome or "never", state.last_error, stale))
    return pd.DataFrame(rows, columns=list(STATUS_COLUMNS))


def _status(dataset, now: dt.datetime | None) -> pd.DataFrame:
    return sync_status(
        read_states(dataset.folder),
        now or dt.datetime.now(dt.UTC),
        dataset.settings.stale_after_days,
    )


def _when(moment) -> str:
    return "never" if moment is None or pd.isna(moment) else f"{moment:%Y-%m-%d %H:%M} UTC"


def client_sync_line(report, now: dt.datetime | None = None) -> str:
    """Return the client page's line on Hevy, or nothing for a client not connected."""
    status = _status(report.dataset, now)
    mine = status.loc[status["client"] == report.client_id]
    if mine.empty:
        return ""
    row = mine.iloc[0]
    if pd.isna(row["last_sync"]):
        line = "Connected to Hevy, not synced yet."
    else:
        line = f"Synced from Hevy at {_when(row['last_sync'])}."
    if row["outcome"] == "failed":
        line += f" The last sync failed: {row['error']}"
    elif row["stale"] and not pd.isna(row["last_sync"]):
        line += f" That is more than {report.dataset.settings.stale_after_days} days ago."
    return line


def roster_sync_table(roster, now: dt.datetime | None = None) -> pd.DataFrame:
    """Return the roster page's table of connected clients, those to look at first."""
    status = _status(roster.dataset, now)
    names = dict(
        zip(roster.dataset.roster["client_id"], roster.dataset.roster["name"], strict=True)
    )
    days = roster.dataset.settings.stale_after_days
    mark = [
        "✗ last sync failed"
        if outcome == "failed"
        else "! never synced"
        if pd.isna(last)
        else f"! no sync for over {days} days"
        if stale
        else ""
        for outcome, last, stale in zip(
            status["outcome"], status["last_sync"], status["stale"], strict=True
        )
    ]
    table = pd.DataFrame(
        {
            "Client": status["client"].map(names).fillna(status["client"]).to_numpy(),
            "Last Hevy sync": [_when(m) for m in status["last_sync"]],
            "Check": mark,
            "_order": [0 if m.startswith("✗") else 1 if m else 2 for m in mark],
        }
    )
    return table.sort_values(["_order", "Client"], kind="stable").drop(columns="_order")
