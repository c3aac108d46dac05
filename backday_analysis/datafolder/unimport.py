"""List a client's imports and undo one: ``backday imports`` and ``backday unimport``.

Undoing an import removes the log rows tagged with its id and nothing else (see
:mod:`backday_analysis.datafolder.import_records`), under the data folder's lock. The log is
replaced atomically first, then the record is marked undone; if the process dies between the
two, running the same ``unimport`` again finds none of the import's rows left and marks it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from backday_analysis import paths
from backday_analysis.atomic import write_csv_atomic
from backday_analysis.datafolder.import_records import (
    IMPORT_ID_COLUMN,
    ImportRecord,
    client_of,
    read_records,
    records_path,
    sets_in_log,
    utc_now,
    write_records,
)
from backday_analysis.datafolder.lock import data_folder_lock
from backday_analysis.errors import BackdayError


@dataclass
class Unimported:
    """What ``backday unimport`` removed."""

    record: ImportRecord
    log_file: Path
    removed: int
    remaining: int
    exercises: list[tuple[str, int]] = field(default_factory=list)
    overlapping: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        """Return what was removed as a JSON-ready dict."""
        return {
            "import_id": self.record.import_id,
            "client": self.record.client,
            "file": self.record.file,
            "log": str(self.log_file),
            "sets_removed": self.removed,
            "sets_left": self.remaining,
            "exercises": [{"name": n, "sets": s} for n, s in self.exercises],
            "overlapping_imports": self.overlapping,
        }


def read_log_rows(log_file: Path) -> pd.DataFrame:
    """Return a client's log rows as text, every column kept (no rows if there is no log)."""
    try:
        text = log_file.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return pd.DataFrame({IMPORT_ID_COLUMN: pd.Series(dtype=str)})
    except UnicodeDecodeError:
        raise BackdayError(
            f"{log_file}: the client's log is not UTF-8 text; restore it from a backup first."
        ) from None
    if not text.strip():
        return pd.DataFrame({IMPORT_ID_COLUMN: pd.Series(dtype=str)})
    try:
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except pd.errors.ParserError:
        raise BackdayError(
            f"{log_file}: the client's log is not valid CSV; restore it from a backup first."
        ) from None


def list_imports(client_id: str, data_dir: str | Path | None = None) -> tuple[list, dict]:
    """Return a client's import records and how many of each import's sets the log holds."""
    folder = paths.data_dir(data_dir)
    records = read_records(folder, client_id)
    return records, sets_in_log(read_log_rows(paths.log_path(folder, client_id)))


def unimport(
    import_id: str, data_dir: str | Path | None = None, lock_timeout: float | None = None
) -> Unimported:
    """Remove the sets one import added from its client's log, all or nothing.

    Raises
    ------
    BackdayError
        For an unknown id, an import already undone, a log that cannot be read, or when the
        lock cannot be had in time; nothing is changed then.
    """
    folder = paths.data_dir(data_dir)
    import_id = str(import_id).strip()
    client_id = client_of(import_id)
    with data_folder_lock(folder, lock_timeout):
        records = read_records(folder, client_id)
        record = next((r for r in records if r.import_id == import_id), None)
        if record is None:
            raise BackdayError(
                f"{records_path(folder, client_id)}: there is no import '{import_id}'; list "
                f"the client's imports with: backday imports --client {client_id}"
            )
        if record.undone_at:
            raise BackdayError(
                f"import {import_id} was undone already at {record.undone_at} "
                f"({record.sets_removed} sets removed), so nothing was changed."
            )
        log_file = paths.log_path(folder, client_id)
        rows = read_log_rows(log_file)
        mine = (
            rows[IMPORT_ID_COLUMN] == import_id
            if IMPORT_ID_COLUMN in rows.columns
            else pd.Series(False, index=rows.index)
        )
        if mine.any():
            write_csv_atomic(rows.loc[~mine], log_file)
        record.undone_at = utc_now()
        record.sets_removed = int(mine.sum())
        write_records(folder, client_id, records)
    counts = rows.loc[mine, "exercise"].value_counts() if mine.any() else pd.Series(dtype=int)
    return Unimported(
        record=record,
        log_file=log_file,
        removed=int(mine.sum()),
        remaining=int((~mine).sum()),
        exercises=[(str(name), int(n)) for name, n in counts.items()],
        overlapping=_overlapping(record, records),
    )


def _overlapping(record: ImportRecord, records: list[ImportRecord]) -> list[str]:
    """Return the later imports still in place whose export covers the removed sets' dates.

    Those exports may hold sets they found already in the log (added by ``record``), which
    are gone now; importing their files again brings them back.
    """
    if not record.first_date:
        return []
    later = records[records.index(record) + 1 :]
    return [
        r.import_id
        for r in later
        if not r.undone_at
        and r.export_first_date
        and r.export_first_date <= record.last_date
        and r.export_last_date >= record.first_date
    ]


def format_unimported(result: Unimported, shown: int = 5) -> str:
    """Return what ``backday unimport`` removed, for a person."""
    r = result.record
    span = f" dated {r.first_date} to {r.last_date}" if r.first_date else ""
    lines = [
        f"undid import {r.import_id} of {r.file} ({r.format}, {r.dialect}), imported "
        f"{r.imported_at.replace('T', ' ').replace('Z', ' UTC')}:",
        f"  removed {result.removed} of the {r.sets_added} sets it added{span} from "
        f"{result.log_file}; {result.remaining} sets are left in the log",
    ]
    if result.removed < r.sets_added:
        lines.append(
            f"  {r.sets_added - result.removed} of its sets were no longer in the log "
            "(removed by hand, or the import was interrupted)"
        )
    if result.overlapping:
        lines.append(
            f"  later imports {', '.join(result.overlapping)} cover these dates too: any set "
            "their files share with this import is gone with it; import those files again "
            "to bring such sets back"
        )
    if r.format == "hevy-api":
        lines.append(
            "  this was a Hevy sync: later syncs do not bring its sets back, and sets it "
            "replaced stay out; to make the log match Hevy again, run: backday sync --client "
            f"{r.client} --full"
        )
    for name, sets in result.exercises[:shown]:
        lines.append(f"    {name}: {sets} sets")
    if len(result.exercises) > shown:
        lines.append(f"    ... and {len(result.exercises) - shown} more exercises")
    return "\n".join(lines)
