"""Bring connected clients' logs up to date from Hevy: the function behind ``backday sync``.

For each client, in turn:

1. read everything needed from Hevy into memory (:mod:`backday_analysis.importers.hevy_fetch`),
   without holding the data folder's lock: the key is checked with ``/v1/user/info`` first;
2. turn the workouts into canonical rows by the import rules
   (:mod:`backday_analysis.importers.hevy_workouts`) and apply them to the log per workout
   (:mod:`.hevy_apply`), under the data folder's lock, re-reading the log there;
3. write, still under the lock: the import record (a sync that changes the log gets an id,
   so ``backday imports`` and ``backday unimport`` work on it), the log, the client's cache
   and last the sync state, whose ``since`` is where the next sync starts. If the process
   dies before the state is written, the next sync asks for the same changes again and
   finds the workouts already applied.

A client whose sync fails (a refused key, Hevy down, a 500 that outlasts the retries, a
changed API) keeps its log, records and cache as they were; its state records the failure
and its sentence for the roster page. The next client is synced all the same.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from dataclasses import replace
from pathlib import Path

from backday_analysis import paths
from backday_analysis.atomic import remove_partial_files, write_csv_atomic
from backday_analysis.datafolder.catalogue import folder_name_index, load_catalogue
from backday_analysis.datafolder.hevy_apply import Applied, apply_workouts
from backday_analysis.datafolder.hevy_keys import read_keys
from backday_analysis.datafolder.hevy_state import (
    hevy_dir,
    parse_utc,
    read_cache,
    read_state,
    utc_text,
    write_cache,
    write_state,
)
from backday_analysis.datafolder.hevy_summary import SyncResult, sync_result, unknown_names
from backday_analysis.datafolder.import_records import (
    ImportRecord,
    next_import_id,
    read_records,
    with_import_column,
    write_records,
)
from backday_analysis.datafolder.lock import data_folder_lock
from backday_analysis.datafolder.merge import read_client_log, sorted_log
from backday_analysis.datafolder.roster import client_row, load_roster
from backday_analysis.datafolder.settings import load_settings
from backday_analysis.errors import BackdayError
from backday_analysis.importers.hevy_api import HevyClient, RetryPolicy
from backday_analysis.importers.hevy_fetch import Fetched, fetch_changes
from backday_analysis.importers.hevy_templates import named_templates, template_names
from backday_analysis.importers.hevy_workouts import workout_rows
from backday_analysis.importers.names import carry_rule, hold_rule
from backday_analysis.importers.rows import ImportContext

LABEL = "Hevy API"
#: Seconds a failed sync waits for the lock to note its failure in the client's state.
RECORD_TIMEOUT = 5.0

log = logging.getLogger(__name__)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def sync_clients(
    data_dir: str | Path | None = None,
    clients: list[str] | None = None,
    full: bool = False,
    lock_timeout: float | None = None,
    policy: RetryPolicy | None = None,
    today: dt.date | None = None,
) -> list[SyncResult]:
    """Sync the given clients (default: every connected one); one result each, in order.

    Raises
    ------
    BackdayError
        When no client is connected (or none is named); a client's own failure is its
        result's ``error`` instead.
    """
    folder = paths.data_dir(data_dir)
    keys = read_keys(folder)
    chosen = [c.strip() for c in clients] if clients else sorted(keys)
    if not chosen:
        raise BackdayError(
            "no client is connected to Hevy; connect one with: backday connect hevy --client ID"
        )
    results = []
    for client in chosen:
        started = _now()
        try:
            result = sync_client(
                folder, client, keys.get(client), full, lock_timeout, policy, today
            )
        except BackdayError as exc:
            result = SyncResult(client, "failed", utc_text(started), error=str(exc))
            _record_failure(folder, client, result)
        except Exception as exc:  # a bug: the other clients are synced all the same
            log.exception("the sync of %s stopped on a bug", client)
            error = f"a bug stopped this sync ({type(exc).__name__}); please report it"
            result = SyncResult(client, "failed", utc_text(started), error=error)
            _record_failure(folder, client, result)
        results.append(result)
    return results


def _record_failure(folder: Path, client: str, result: SyncResult) -> None:
    """Note a failed sync in the client's state (its data stays as it was).

    A few seconds' wait at most, silently: the failure may be the lock itself.
    """
    try:
        with data_folder_lock(folder, RECORD_TIMEOUT, announce=lambda _: None):
            state = read_state(folder, client)
            if state is not None:
                state.last_sync_at, state.last_outcome = result.synced_at, "failed"
                state.last_error = result.error or ""
                write_state(folder, state)
    except BackdayError as exc:
        log.info("the failed sync of %s is not in its sync state: %s", client, exc)
        result.error = (
            f"{result.error} (The data folder was busy, so the roster page does not show "
            "this failure.)"
        )


def sync_client(
    folder: Path,
    client: str,
    key: str | None,
    full: bool = False,
    lock_timeout: float | None = None,
    policy: RetryPolicy | None = None,
    today: dt.date | None = None,
) -> SyncResult:
    """Sync one client (see the module docstring); raise BackdayError when it fails."""
    state = read_state(folder, client)
    if key is None or state is None:
        raise BackdayError(
            f"client '{client}' is not connected to Hevy; connect them with: "
            f"backday connect hevy --client {client}"
        )
    settings = load_settings(paths.config_path(folder))
    catalogue = load_catalogue(paths.catalogue_path(folder))
    index = folder_name_index(folder, catalogue)
    row = client_row(load_roster(paths.roster_path(folder)), client, paths.roster_path(folder))
    ctx = ImportContext(
        client_id=client,
        unit=str(row["unit"]),
        timezone=str(row["timezone"]) or settings.default_timezone,
        counts_hold=hold_rule(catalogue, index),
        counts_carry=carry_rule(catalogue, index),
    )
    for _ in range(2):
        started = _now()
        cache = read_cache(folder, client)
        with HevyClient(key, client, policy=policy) as api:
            api.get("/v1/user/info")
            fetched = fetch_changes(api, parse_utc(state.since), full, cache["templates"])
        templates = named_templates(
            fetched.seen_titles, cache["templates"], fetched.templates, started.date().isoformat()
        )
        names = template_names(templates)
        batch = workout_rows(fetched.workouts, ctx, names.get, LABEL)
        with data_folder_lock(folder, lock_timeout):
            current = read_state(folder, client)
            if current is None or current.since != state.since:
                state = current or state  # another sync of this client finished: read again
                continue
            remove_partial_files(hevy_dir(folder))
            result, typed = _apply(
                folder, ctx, state, fetched, batch, templates, cache, started, today
            )
        result.retries = api.retries
        result.unknown_exercises = unknown_names(typed, index, catalogue)
        return result
    raise BackdayError(
        f"client '{client}' was being synced by another command at the same time; nothing "
        "was changed by this one; run the sync again."
    )


def _apply(folder, ctx, state, fetched: Fetched, batch, templates, cache, started, today):
    """Apply a fetched batch to the log and write it all; the caller holds the lock."""
    log_file = paths.log_path(folder, ctx.client_id)
    log = read_client_log(log_file, ctx.client_id, ctx.unit)
    known = cache["workouts"]
    deleted = {w: known.get(w) for w in sorted(fetched.deleted)}
    applied = apply_workouts(
        log, batch, deleted, fetched.mode != "changes", ctx.client_id, ctx.unit,
        today or dt.date.today(),
    )  # fmt: skip
    result = sync_result(ctx.client_id, fetched, batch, applied, started, state.since or None)
    if applied.added or applied.removed:
        records = read_records(folder, ctx.client_id)
        rows = with_import_column(applied.rows)
        import_id = next_import_id(ctx.client_id, records)
        rows.iloc[applied.start :, rows.columns.get_loc("import_id")] = import_id
        records.append(
            _record(import_id, ctx.client_id, fetched, applied, rows, started, state.since)
        )
        write_records(folder, ctx.client_id, records)
        write_csv_atomic(sorted_log(rows), log_file)
        result.import_id = import_id
    for workout in fetched.deleted:
        known.pop(workout, None)
    for workout, start in zip(batch.workouts["workout_id"], batch.workouts["start"], strict=True):
        known[workout] = "" if start is None or str(start) == "NaT" else f"{start:%Y-%m-%d %H:%M}"
    write_cache(folder, ctx.client_id, {"templates": templates, "workouts": known})
    stamp = utc_text(started)
    write_state(
        folder,
        replace(
            state,
            since=stamp,
            last_sync_at=stamp,
            last_outcome="ok",
            last_error="",
            last_success_at=stamp,
        ),
    )
    return result, applied.typed


def _record(import_id, client, fetched, applied: Applied, rows, started, since) -> ImportRecord:
    """Return the import record of a sync that changed the log."""
    content = json.dumps(
        {"workouts": fetched.workouts, "deleted": sorted(fetched.deleted)}, sort_keys=True
    )
    added = rows["performed_at"].iloc[applied.start :].str.slice(0, 10)
    dates = applied.typed["performed_at"]
    what = {"first": "first sync", "full": "full sync"}.get(fetched.mode, "changes")
    since = f" since {since.replace('T', ' ').replace('Z', ' UTC')}" * bool(since)
    return ImportRecord(
        import_id=import_id,
        client=client,
        file=f"{LABEL} ({what}{since})",
        sha256=hashlib.sha256(content.encode("utf-8")).hexdigest(),
        imported_at=utc_text(started),
        format="hevy-api",
        dialect=fetched.mode,
        sets_added=applied.added,
        first_date=added.min() if len(added) else None,
        last_date=added.max() if len(added) else None,
        export_first_date=f"{dates.min():%Y-%m-%d}" if len(dates) else None,
        export_last_date=f"{dates.max():%Y-%m-%d}" if len(dates) else None,
        sets_deleted=applied.removed,
    )
