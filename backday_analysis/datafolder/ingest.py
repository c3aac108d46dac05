"""Merge app exports into a client's canonical log, count every row, and summarise.

The rules, in one place:

- **Every data row is accounted for**: ``rows_read = sets_imported + duplicates_skipped +
  non_set_rows + len(rejected)``. Blank lines are not rows. A row is a set when it has reps of
  at least 1; rows without reps (cardio, timed holds, Strong's ``Rest Timer`` and ``Note``
  rows) are non-set rows with their reason (see :mod:`backday_analysis.importers`). A set the
  canonical log would refuse to load (a date in the future or before 1990, more than 1000 kg
  or 1000 reps) is rejected here with its export line, so everything imported also loads.
- **Nothing twice**: apps export the whole history every time, so each set is keyed by
  ``(performed_at, exercise, set_number, set_kind, weight in kg to 0.01, reps)`` (the log is
  one client's; the exercise compared case- and space-insensitively; weight in kg so the same
  set written in lb by one dialect and kg by another matches). A set is a duplicate when the
  log already holds as many sets with its key as the export has up to and including it: a
  multiset difference, so two genuinely identical sets in one export are both imported, and
  re-importing the file skips both. Sets that apps do not number (FitNotes, Fitbod, Strong's
  warm-up, drop and failure sets) are numbered by their order within the day or workout and
  exercise, which is the same in every export of the same history. An export that starts in
  the middle of a day cannot be told apart from a re-export, so an app export must cover
  whole days (every app's export does).
- **One at a time**: everything from reading the roster and log to the last write happens
  under the data folder's lock (:mod:`backday_analysis.datafolder.lock`), so imports run at
  the same time never lose each other's sets or roster rows.
- **All or nothing**: every file is read, checked and merged in memory first; one bad file
  (an unreadable encoding, header, delimiter or dates) refuses the whole command before
  anything is written. Then the import records are written (each file that adds sets gets an
  id, see :mod:`backday_analysis.datafolder.import_records`), then the log atomically, then
  the roster (for a new client). If the process dies after the log, the log holds the sets
  and the roster lacks the client; running the same import again adds the client and skips
  every set.
- **Undo and a second look**: each file that adds sets is recorded with an id that
  ``backday unimport`` takes; a file whose dates hold sets of the log it barely shares is
  imported with a warning that it may be another client's
  (:mod:`backday_analysis.datafolder.wrong_client`).
- **Names as logged**: the log keeps each exercise name exactly as the app wrote it; names
  resolve to catalogue exercises at load time, through the catalogue and ``aliases.csv``, so a
  later alias fixes earlier imports. The summary lists the names the catalogue does not know,
  with up to three suggestions.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from pathlib import Path

from backday_analysis import clock, paths
from backday_analysis.atomic import write_csv_atomic
from backday_analysis.canonical import UNIT_NAMES
from backday_analysis.datafolder.catalogue import folder_name_index, load_catalogue
from backday_analysis.datafolder.import_records import read_records, record_added, write_records
from backday_analysis.datafolder.import_summary import ImportSummary, format_summary
from backday_analysis.datafolder.lock import data_folder_lock
from backday_analysis.datafolder.merge import merge_export, read_client_log, sorted_log
from backday_analysis.datafolder.roster import load_roster, save_roster, with_client
from backday_analysis.datafolder.settings import load_settings
from backday_analysis.datafolder.wrong_client import wrong_client_warning
from backday_analysis.errors import BackdayError
from backday_analysis.importers.detect import read_export
from backday_analysis.importers.names import carry_rule, hold_rule
from backday_analysis.importers.rows import ImportContext

__all__ = ["ImportSummary", "format_summary", "import_exports"]

_CLIENT_ID = re.compile(r"^[^\x00-\x1f\x7f]{1,100}$")
#: Export formats whose times are UTC, read on the client's calendar days.
UTC_FORMATS = frozenset({"fitbod"})


def import_exports(
    files: list[str | Path],
    client_id: str,
    unit: str | None = None,
    data_dir: str | Path | None = None,
    dry_run: bool = False,
    today: dt.date | None = None,
    lock_timeout: float | None = None,
    timezone: str | None = None,
) -> list[ImportSummary]:
    """Import app exports into a client's log; the function behind ``backday import``.

    Parameters
    ----------
    files : list of str or Path
        Export files, each detected from its header; shown in messages as given.
    client_id : str
        The client; added to the roster (name = id, the config's default time zone) if new.
    unit : str, optional
        ``kg`` or ``lb`` for exports that state no unit; else the roster's unit is used.
    data_dir : str or Path, optional
        The data folder (default :func:`backday_analysis.paths.data_dir`).
    dry_run : bool
        Read, check and summarise, but write nothing.
    today : datetime.date, optional
        Sets dated two days or more after this are rejected (default: today).
    lock_timeout : float, optional
        Seconds to wait for another command changing the data folder (see
        :mod:`backday_analysis.datafolder.lock`); a dry run does not wait.
    timezone : str, optional
        IANA time zone for exports written in UTC (Fitbod), over the roster's; recorded in
        the roster for a new client. Default: the roster's zone, else the config's.

    Returns
    -------
    list of ImportSummary
        One per file, in the order given.

    Raises
    ------
    BackdayError
        For any file that cannot be read exactly, a bad client id or unit, or a data folder
        that cannot be read, or when the data folder's lock cannot be had in time; nothing
        is written then.
    """
    if dry_run:
        return _import_exports(files, client_id, unit, data_dir, dry_run, today, timezone)
    with data_folder_lock(paths.data_dir(data_dir), lock_timeout):
        return _import_exports(files, client_id, unit, data_dir, dry_run, today, timezone)


def _import_exports(
    files, client_id, unit, data_dir, dry_run, today, timezone
) -> list[ImportSummary]:
    """Read, merge and write; under the data folder's lock unless it is a dry run."""
    if not files:
        raise BackdayError("no export file was given; name one or more CSV files to import.")
    client_id = _checked_client_id(client_id)
    timezone = checked_timezone(timezone)
    unit = checked_unit(unit)
    folder = paths.data_dir(data_dir)
    settings = load_settings(paths.config_path(folder))
    catalogue = load_catalogue(paths.catalogue_path(folder))
    index = folder_name_index(folder, catalogue)
    roster_file = paths.roster_path(folder)
    roster = load_roster(roster_file)
    listed = roster.loc[roster["client_id"] == client_id]
    roster_unit = str(listed["unit"].iloc[0]) if len(listed) else None
    listed_zone = str(listed["timezone"].iloc[0]) if len(listed) else ""
    zone, zone_source = (
        (timezone, "option")
        if timezone
        else (listed_zone, "roster")
        if listed_zone
        else (settings.default_timezone, "default")
    )
    ctx = ImportContext(
        client_id=client_id,
        unit=unit or roster_unit,
        timezone=zone,
        counts_hold=hold_rule(catalogue, index),
        counts_carry=carry_rule(catalogue, index),
    )

    parsed = [read_export(Path(f), ctx, str(f)) for f in files]
    new_unit = roster_unit or unit or next((p.stated_unit for p in parsed if p.stated_unit), None)
    if new_unit is None:
        raise BackdayError(
            f"client '{client_id}' is not in the roster and the exports state "
            "no weight unit; run the import again with --unit kg or --unit lb."
        )

    log_file = paths.log_path(folder, client_id)
    log = read_client_log(log_file, client_id, new_unit)
    summaries, added = [], 0
    records = [] if dry_run else read_records(folder, client_id)
    recorded = len(records)
    for export, file in zip(parsed, files, strict=True):
        before = log
        log, rows, summary = merge_export(
            log, export, client_id, new_unit, index, catalogue, today or clock.today()
        )
        summary.dry_run = dry_run
        if len(rows) and not dry_run:
            log.rows, record = record_added(
                log.rows, len(before.rows), client_id, Path(file), str(file), summary, records
            )
            records.append(record)
        warning = wrong_client_warning(before.counts, summary)
        summary.warnings.extend([warning] if warning else [])
        if export.format in UTC_FORMATS:
            summary.timezone = {"zone": zone, "source": zone_source}
        summaries.append(summary)
        added += len(rows)
    if dry_run:
        return summaries
    if len(records) > recorded:
        # The record goes first: if the process dies before the log is replaced, the record
        # shows an import with none of its sets in the log, and nothing is lost.
        write_records(folder, client_id, records)
    if added:
        write_csv_atomic(sorted_log(log.rows), log_file)
    if roster_unit is None:
        save_roster(
            with_client(roster, client_id, unit=new_unit, timezone=timezone or zone),
            roster_file,
        )
    return summaries


def _checked_client_id(client_id: str) -> str:
    """Return the id, stripped; the log's file name is made safe by ``paths.log_path``."""
    text = str(client_id).strip()
    if not _CLIENT_ID.match(text):
        raise BackdayError(
            f"--client {client_id!r} is not a usable client id; give the id from the roster "
            "(1 to 100 characters, no line breaks or control characters)."
        )
    return text


def checked_timezone(zone: str | None) -> str | None:
    """Return a ``--timezone`` stripped (None when empty), or one sentence if it is unknown."""
    if zone is None or not str(zone).strip():
        return None
    text = str(zone).strip()
    try:
        zoneinfo.ZoneInfo(text)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise BackdayError(
            f"--timezone '{_shown_zone(text)}' is not an IANA time zone; give one such as "
            "Europe/Amsterdam or America/Los_Angeles."
        ) from None
    return text


def _shown_zone(text: str) -> str:
    """Return a zone as typed, cut to 40 characters for a message."""
    return text if len(text) <= 40 else text[:40] + "..."


def checked_unit(unit: str | None) -> str | None:
    """Return a ``--unit`` as ``kg`` or ``lb`` (None when empty), or one sentence."""
    if unit is None or unit == "":
        return None
    checked = UNIT_NAMES.get(str(unit).strip().casefold())
    if checked is None:
        raise BackdayError(f"--unit '{unit}' is not a unit; use --unit kg or --unit lb.")
    return checked
