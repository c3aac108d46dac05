"""Where each connected client's Hevy sync stands: what the client and roster pages show.

:func:`sync_status` is pure: the clients' sync states in, one row per connected client out
(``client, last_sync, outcome, stale``). A sync is *stale* when the last good one is older
than the settings' ``stale_after_days`` at ``now``, or there was none; the roster page marks
a client whose sync is stale or whose last sync failed.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from backday_analysis.datafolder.hevy_state import SyncState, parse_utc, read_state

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


def _when(moment) -> str:
    return "never" if moment is None or pd.isna(moment) else f"{moment:%Y-%m-%d %H:%M} UTC"


def sync_note(
    dataset, client_id: str, week: str, brief: bool = False, now: dt.datetime | None = None
) -> str | None:
    """Return the note on a client's Hevy sync, or None for a client not connected.

    A client's page says when the client was last synced, and whether that sync failed or is
    stale; the roster (``brief``) notes only a sync that failed or is stale, with a mark.
    Registered in :data:`backday_analysis.views.status_notes.NOTE_SOURCES`.
    """
    state = read_state(dataset.folder, client_id)
    if state is None:
        return None
    days = dataset.settings.stale_after_days
    row = sync_status([state], now or dt.datetime.now(dt.UTC), days)
    if row.empty:
        return None
    last, outcome, error, stale = row.iloc[0][["last_sync", "outcome", "error", "stale"]]
    if brief:
        if outcome == "failed":
            return f"✗ Last Hevy sync failed (last good: {_when(last)})."
        if pd.isna(last):
            return "! Connected to Hevy, never synced."
        return f"! No Hevy sync for over {days} days (last: {_when(last)})." if stale else None
    line = (
        "Connected to Hevy, not synced yet."
        if pd.isna(last)
        else f"Synced from Hevy at {_when(last)}."
    )
    if outcome == "failed":
        line += f" The last sync failed: {error}"
    elif stale and not pd.isna(last):
        line += f" That is more than {days} days ago."
    return line
