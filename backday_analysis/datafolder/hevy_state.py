"""Keep each connected client's Hevy sync state and caches in the data folder.

``hevy/<client>.json``, the state:

- ``account_id``, ``account_name``, ``connected_at``: the Hevy account the key opens;
- ``since``: the moment (UTC) the last good sync started, from which the next one asks
  Hevy's change feed; empty until a first sync has succeeded;
- ``last_sync_at``, ``last_outcome`` (``ok`` or ``failed``), ``last_error`` (the sentence),
  ``last_success_at``: what the roster page shows;
- ``routine_id``, ``routine_week``, ``routine_written_at``: the routine ``backday plan
  --to-hevy`` wrote, updated in place next time.

``hevy/<client>.cache.json``, what a sync learnt: ``templates`` (template id to the name the
log uses, see :mod:`backday_analysis.importers.hevy_templates`) and ``workouts`` (workout id
to its local start, to recognise a deleted workout's rows from a CSV export).

Every file is replaced atomically by a command holding the data folder's lock.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from backday_analysis import paths
from backday_analysis.atomic import write_bytes_atomic
from backday_analysis.errors import BackdayError


@dataclass
class SyncState:
    """One client's connection to Hevy and the outcome of its last sync."""

    client: str
    account_id: str = ""
    account_name: str = ""
    connected_at: str = ""
    since: str = ""
    last_sync_at: str = ""
    last_outcome: str = ""
    last_error: str = ""
    last_success_at: str = ""
    routine_id: str = ""
    routine_week: str = ""
    routine_written_at: str = ""


def hevy_dir(folder: Path) -> Path:
    """Return the folder of sync states and caches in a data folder."""
    return Path(folder) / "hevy"


def state_path(folder: Path, client_id: str) -> Path:
    """Return one client's sync state file."""
    return hevy_dir(folder) / f"{paths.safe_name(client_id)}.json"


def cache_path(folder: Path, client_id: str) -> Path:
    """Return one client's cache of templates and workouts."""
    return hevy_dir(folder) / f"{paths.safe_name(client_id)}.cache.json"


def _read_json(path: Path) -> dict | None:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (ValueError, UnicodeDecodeError):
        document = None
    if not isinstance(document, dict):
        raise BackdayError(
            f"{path}: this is not a file backday writes; restore it from a backup, or delete "
            "it and connect the client again (backday connect hevy --client ID)."
        )
    return document


def _write_json(path: Path, document: dict) -> None:
    text = json.dumps(document, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    write_bytes_atomic(path, text.encode("utf-8"))


def read_state(folder: Path, client_id: str) -> SyncState | None:
    """Return a client's sync state, or None when the client was never connected."""
    document = _read_json(state_path(folder, client_id))
    if document is None:
        return None
    names = {f.name for f in fields(SyncState)}
    values = {k: str(v) for k, v in document.items() if k in names and v is not None}
    return SyncState(**{**values, "client": client_id})


def write_state(folder: Path, state: SyncState) -> None:
    """Write a client's sync state atomically; the caller holds the data folder's lock."""
    _write_json(state_path(folder, state.client), asdict(state))


def read_states(folder: Path) -> list[SyncState]:
    """Return the sync state of every client ever connected, by client id."""
    found = sorted(hevy_dir(folder).glob("*.json")) if hevy_dir(folder).is_dir() else []
    states = []
    for path in found:
        if path.name.endswith(".cache.json"):
            continue
        document = _read_json(path) or {}
        client = str(document.get("client", ""))
        if client and (state := read_state(folder, client)) is not None:
            states.append(state)
    return sorted(states, key=lambda s: s.client)


def read_cache(folder: Path, client_id: str) -> dict:
    """Return a client's cache: ``{"templates": {...}, "workouts": {...}}``."""
    document = _read_json(cache_path(folder, client_id)) or {}
    return {
        "templates": dict(document.get("templates", {})),
        "workouts": dict(document.get("workouts", {})),
    }


def write_cache(folder: Path, client_id: str, cache: dict) -> None:
    """Write a client's cache atomically; the caller holds the data folder's lock."""
    _write_json(cache_path(folder, client_id), cache)


def utc_text(moment: dt.datetime) -> str:
    """Return a moment as ISO 8601 UTC to the second, as the state files keep it."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_utc(text: str) -> dt.datetime | None:
    """Return a state file's ISO 8601 UTC moment, or None when empty."""
    if not text:
        return None
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
