"""Connect a client's Hevy account, list connected clients, disconnect one.

Connecting checks the key with ``GET /v1/user/info`` before anything is written, then, under
the data folder's lock, stores the key in the secrets file (:mod:`.hevy_keys`) and the
account in the client's sync state (:mod:`.hevy_state`). A client not in the roster is added
with the given unit and time zone, as ``backday import`` adds one. A key that opens another
Hevy account than before starts the client's syncs afresh (a first sync next time) and
forgets the routine written to the old account.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from backday_analysis import paths
from backday_analysis.datafolder.hevy_keys import read_keys, write_keys
from backday_analysis.datafolder.hevy_state import SyncState, read_state, utc_text, write_state
from backday_analysis.datafolder.ingest import checked_timezone, checked_unit
from backday_analysis.datafolder.lock import data_folder_lock
from backday_analysis.datafolder.roster import load_roster, save_roster, with_client
from backday_analysis.errors import BackdayError
from backday_analysis.importers.hevy_api import HevyClient, HevyError, RetryPolicy, key_hint


@dataclass
class Connected:
    """A client just connected: the Hevy account its key opens."""

    client: str
    account_name: str
    account_id: str
    key_hint: str
    added_to_roster: bool = False
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        """Return the connection as a JSON-ready dict (the key's last four characters only)."""
        return dict(self.__dict__)


def _account(client_id: str, key: str, policy: RetryPolicy | None) -> dict:
    with HevyClient(key, client_id, policy=policy) as api:
        data = api.get("/v1/user/info").get("data")
    if not isinstance(data, dict) or not data.get("id"):
        raise HevyError(
            f"Hevy's answer to GET /v1/user/info for client '{client_id}' names no account; "
            "nothing was stored; Hevy's API may have changed."
        )
    return data


def connect_client(
    client_id: str,
    key: str,
    data_dir: str | Path | None = None,
    unit: str | None = None,
    timezone: str | None = None,
    lock_timeout: float | None = None,
    policy: RetryPolicy | None = None,
) -> Connected:
    """Check a client's key with Hevy and store it (see the module docstring).

    Raises
    ------
    BackdayError
        For a refused key, Hevy out of reach, a new client without ``unit``, a bad unit or
        time zone, or the lock not had in time; nothing is stored then.
    """
    folder = paths.data_dir(data_dir)
    client_id = client_id.strip()
    roster_file = paths.roster_path(folder)
    new = client_id not in set(load_roster(roster_file)["client_id"])
    unit, timezone = _checked_new_client(client_id, new, unit, timezone)
    account = _account(client_id, key, policy)
    connected = Connected(
        client_id, str(account.get("name") or ""), str(account["id"]), key_hint(key), new
    )
    with data_folder_lock(folder, lock_timeout):
        roster = load_roster(roster_file)
        if client_id not in set(roster["client_id"]):
            save_roster(with_client(roster, client_id, unit=unit, timezone=timezone), roster_file)
        keys = read_keys(folder)
        keys[client_id] = key
        write_keys(folder, keys)
        state = read_state(folder, client_id) or SyncState(client_id)
        if state.account_id and state.account_id != connected.account_id:
            connected.warnings.append(
                f"this key opens another Hevy account than before ('{state.account_name}'); "
                "the next sync reads all its workouts afresh"
            )
            state = SyncState(client_id)
        state.account_id, state.account_name = connected.account_id, connected.account_name
        state.connected_at = utc_text(dt.datetime.now(dt.UTC))
        write_state(folder, state)
    return connected


def _checked_new_client(client_id, new, unit, timezone) -> tuple[str, str]:
    """Return the unit and time zone a new client is added with; check them in any case."""
    unit, zone = checked_unit(unit), checked_timezone(timezone)
    if new and unit is None:
        raise BackdayError(
            f"client '{client_id}' is not in the roster; connect them with --unit kg or "
            "--unit lb (the unit their loads are shown in) to add them, or add them to "
            "roster.csv first."
        )
    return unit or "kg", zone or ""


def connected_clients(data_dir: str | Path | None = None) -> list[dict]:
    """Return each connected client: account, the key's last four characters, last sync."""
    folder = paths.data_dir(data_dir)
    keys = read_keys(folder)
    out = []
    for client in sorted(keys):
        state = read_state(folder, client) or SyncState(client)
        out.append(
            {
                "client": client,
                "account_name": state.account_name,
                "key": key_hint(keys[client]),
                "connected_at": state.connected_at,
                "last_sync_at": state.last_sync_at,
                "last_outcome": state.last_outcome,
                "last_error": state.last_error,
            }
        )
    return out


def disconnect_client(
    client_id: str, data_dir: str | Path | None = None, lock_timeout: float | None = None
) -> None:
    """Forget a client's key; their log and sync history stay."""
    folder = paths.data_dir(data_dir)
    with data_folder_lock(folder, lock_timeout):
        keys = read_keys(folder)
        if client_id not in keys:
            raise BackdayError(
                f"client '{client_id}' is not connected to Hevy (see: backday connect --list)."
            )
        del keys[client_id]
        write_keys(folder, keys)
        state = read_state(folder, client_id)
        if state is not None:
            state.connected_at = ""
            write_state(folder, state)


def format_connected(items: list[dict]) -> str:
    """Return ``backday connect --list`` for a person: one line per client."""
    if not items:
        return (
            "No client is connected to Hevy (connect one with: backday connect hevy --client ID)."
        )
    lines = []
    for item in items:
        when = item["last_sync_at"].replace("T", " ").replace("Z", " UTC")
        last = f"last sync {when}: {item['last_outcome']}" if when else "never synced"
        account = f"Hevy account '{item['account_name']}'" if item["account_name"] else "Hevy"
        lines.append(f"{item['client']}: {account}, key {item['key']}; {last}")
    return "\n".join(lines)
