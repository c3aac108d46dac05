"""Write a routine to a client's Hevy account once, and update it after that.

``POST /v1/routines`` is not idempotent, so the routine's id is kept in the client's sync
state and later plans ``PUT`` it. Without a kept id (a first plan, or a data folder restored
from an older copy) the account's routines are looked through for one with the same title
first, so a routine is never made twice; a routine the client deleted in Hevy (404 on PUT)
is made again. The lock is held from the look-up to the state's write, so two plans at once
cannot both create one. A 403 on creation is the account's routine limit: one sentence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from backday_analysis import paths
from backday_analysis.datafolder.hevy_keys import read_keys
from backday_analysis.datafolder.hevy_state import read_state, utc_text, write_state
from backday_analysis.datafolder.lock import data_folder_lock
from backday_analysis.errors import BackdayError
from backday_analysis.importers.hevy_api import HevyClient, HevyError, RetryPolicy


@dataclass
class Written:
    """A routine written to Hevy: ``created`` or ``updated``, and its id."""

    client: str
    action: str
    routine_id: str
    exercises: int


def _routine_id(answer: dict) -> str | None:
    """Return the id in Hevy's answer to a POST or PUT (one routine, or a list of one)."""
    routine = answer.get("routine")
    if isinstance(routine, list) and routine:
        routine = routine[0]
    found = routine.get("id") if isinstance(routine, dict) else None
    return str(found) if found else None


def _find_by_title(api: HevyClient, title: str) -> str | None:
    for page in api.pages("/v1/routines", "routines"):
        for routine in page:
            if isinstance(routine, dict) and routine.get("title") == title and routine.get("id"):
                return str(routine["id"])
    return None


def write_routine(
    client: str,
    body: dict,
    update: dict,
    week: str,
    data_dir: str | Path | None = None,
    lock_timeout: float | None = None,
    policy: RetryPolicy | None = None,
) -> Written:
    """Create or update the client's routine (``body`` to POST, ``update`` to PUT).

    Raises
    ------
    BackdayError
        When the client is not connected, Hevy refuses (the routine limit, a bad key) or
        cannot be reached; the kept routine id is unchanged then.
    """
    folder = paths.data_dir(data_dir)
    key = read_keys(folder).get(client)
    if key is None:
        raise BackdayError(
            f"client '{client}' is not connected to Hevy; connect them with: "
            f"backday connect hevy --client {client}"
        )
    count = len(body["routine"]["exercises"])
    with data_folder_lock(folder, lock_timeout), HevyClient(key, client, policy=policy) as api:
        state = read_state(folder, client)
        kept = state.routine_id or _find_by_title(api, body["routine"]["title"])
        action, routine_id = "updated", kept
        if kept:
            answer = api.request("PUT", f"/v1/routines/{kept}", body=update)
            if answer.status_code == 404:
                kept = None
            elif answer.status_code != 200:
                raise api.refused("PUT", "/v1/routines/{id}", None, answer)
        if not kept:
            answer = api.request("POST", "/v1/routines", body=body)
            if answer.status_code == 403:
                raise HevyError(
                    f"Hevy refused to create the routine for client '{client}' (HTTP 403): "
                    "the account has reached its routine limit; ask the client to delete a "
                    "routine in Hevy, then run the plan again.",
                    403,
                )
            if answer.status_code not in (200, 201):
                raise api.refused("POST", "/v1/routines", None, answer)
            action = "created"
            routine_id = _routine_id(api.json(answer, "POST", "/v1/routines"))
            if routine_id is None:
                raise HevyError(
                    f"Hevy created the routine for client '{client}' but its answer names no "
                    "id; the next plan finds it by its title."
                )
        state.routine_id, state.routine_week = routine_id, week
        state.routine_written_at = utc_text(dt.datetime.now(dt.UTC))
        write_state(folder, state)
    return Written(client, action, routine_id, count)
