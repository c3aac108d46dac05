"""Record each import, so ``backday imports`` can list it and ``backday unimport`` undo it.

An import that adds at least one set gets an id, ``<client>-<n>`` (``ava-1``, ``ava-2``, ...;
``n`` counts the client's imports, undone ones included, so an id is never reused). The id is
written in two places:

- ``imports/<client>.jsonl`` in the data folder: one JSON object per import, with the file
  name as given and its SHA-256, the client, when it ran (UTC), the format and dialect, how
  many sets it added and their dates, the dates the whole export covers, and, once undone,
  when and how many sets were removed;
- the ``import_id`` column of the client's log, on every row the import added. Rows from
  before this column existed, or typed in by hand, have it empty and belong to no import.

The multiset dedupe (:mod:`backday_analysis.datafolder.merge`) counts a set once whatever
import brought it in, so removing one import's rows leaves identical sets other imports
added. It also means a set an export held but found already in the log belongs to the import
that added it: undoing that import removes it, even though the later export has it too;
``backday unimport`` names such later imports, whose files bring those sets back when
imported again. An import that adds nothing (every set already in the log) gets no id and
no record.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import pandas as pd

from backday_analysis import paths
from backday_analysis.atomic import write_bytes_atomic
from backday_analysis.datafolder.import_summary import ImportSummary
from backday_analysis.errors import BackdayError

IMPORT_ID_COLUMN = "import_id"


@dataclass
class ImportRecord:
    """One import as recorded in ``imports/<client>.jsonl``."""

    import_id: str
    client: str
    file: str
    sha256: str
    imported_at: str
    format: str
    dialect: str
    sets_added: int
    first_date: str | None
    last_date: str | None
    undone_at: str | None = None
    sets_removed: int | None = None
    export_first_date: str | None = None
    export_last_date: str | None = None
    #: Sets of workouts edited or deleted in Hevy that a sync removed (None for a file).
    sets_deleted: int | None = None


def records_dir(folder: Path) -> Path:
    """Return the folder of import records in a data folder."""
    return Path(folder) / "imports"


def records_path(folder: Path, client_id: str) -> Path:
    """Return the file of one client's import records."""
    return records_dir(folder) / f"{paths.safe_name(client_id)}.jsonl"


def read_records(folder: Path, client_id: str) -> list[ImportRecord]:
    """Return a client's import records, oldest first (none when the file is missing)."""
    path = records_path(folder, client_id)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    names = {f.name for f in fields(ImportRecord)}
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            records.append(ImportRecord(**{k: v for k, v in item.items() if k in names}))
        except (ValueError, TypeError):
            raise BackdayError(
                f"{path}, line {number}: this is not an import record written by backday; "
                "restore the file from a backup or remove that line."
            ) from None
    return records


def write_records(folder: Path, client_id: str, records: list[ImportRecord]) -> None:
    """Write a client's import records atomically, one JSON object per line."""
    lines = [json.dumps(asdict(r), ensure_ascii=False) + "\n" for r in records]
    write_bytes_atomic(records_path(folder, client_id), "".join(lines).encode("utf-8"))


def file_sha256(path: Path) -> str:
    """Return the SHA-256 of a file's bytes, in hex."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def utc_now() -> str:
    """Return the current time in UTC, to the second, as ISO 8601."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def next_import_id(client_id: str, taken: list[ImportRecord]) -> str:
    """Return the next id for a client: ``<client>-<n>``, one more than any id it had."""
    numbers = [
        int(r.import_id.rsplit("-", 1)[1])
        for r in taken
        if r.import_id.rsplit("-", 1)[-1].isdigit()
    ]
    return f"{client_id}-{max(numbers, default=0) + 1}"


def client_of(import_id: str) -> str:
    """Return the client an import id belongs to (the part before the last ``-``)."""
    client, dash, number = str(import_id).strip().rpartition("-")
    if not dash or not client or not number.isdigit():
        raise BackdayError(
            f"'{import_id}' is not an import id; ids look like ava-3 (see backday imports "
            "--client ID)."
        )
    return client


def record_added(
    rows: pd.DataFrame,
    start: int,
    client_id: str,
    export_path: Path,
    label: str,
    summary: ImportSummary,
    taken: list[ImportRecord],
) -> tuple[pd.DataFrame, ImportRecord]:
    """Tag the log rows from ``start`` on with a new import id and make its record.

    Parameters
    ----------
    rows : pandas.DataFrame
        The client's log rows after merging the export; the rows it added come last.
    start : int
        How many rows the log had before the export was merged.
    summary : ImportSummary
        The export's summary; its ``import_id`` is set.
    taken : list of ImportRecord
        The client's records so far, so the id is new.

    Returns
    -------
    rows : pandas.DataFrame
        The rows with the ``import_id`` column filled in.
    record : ImportRecord
    """
    import_id = next_import_id(client_id, taken)
    tagged = with_import_column(rows)
    tagged.iloc[start:, tagged.columns.get_loc(IMPORT_ID_COLUMN)] = import_id
    dates = tagged["performed_at"].iloc[start:].str.slice(0, 10)
    summary.import_id = import_id
    record = ImportRecord(
        import_id=import_id,
        client=client_id,
        file=label,
        sha256=file_sha256(export_path),
        imported_at=utc_now(),
        format=summary.format,
        dialect=summary.dialect,
        sets_added=len(tagged) - start,
        first_date=dates.min() if len(dates) else None,
        last_date=dates.max() if len(dates) else None,
        export_first_date=summary.first_date,
        export_last_date=summary.last_date,
    )
    return tagged, record


def with_import_column(rows: pd.DataFrame) -> pd.DataFrame:
    """Return the log rows with an ``import_id`` column, empty where it was missing."""
    out = rows.copy()
    if IMPORT_ID_COLUMN not in out.columns:
        out[IMPORT_ID_COLUMN] = ""
    out[IMPORT_ID_COLUMN] = out[IMPORT_ID_COLUMN].fillna("").astype(str)
    return out


def sets_in_log(rows: pd.DataFrame) -> dict[str, int]:
    """Return how many rows of a log each import id tags."""
    if IMPORT_ID_COLUMN not in rows.columns:
        return {}
    ids = rows[IMPORT_ID_COLUMN].fillna("").astype(str)
    return {str(k): int(v) for k, v in ids[ids != ""].value_counts().items()}


def format_records(client_id: str, records: list[ImportRecord], in_log: dict[str, int]) -> str:
    """Return the text of ``backday imports``: two lines per import, oldest first."""
    if not records:
        return f"{client_id}: no imports recorded (imports that add no new sets are not recorded)."
    lines = [f"{client_id}: {len(records)} import{'s' if len(records) != 1 else ''}"]
    for r in records:
        span = f", {r.first_date} to {r.last_date}" if r.first_date else ""
        when = r.imported_at.replace("T", " ").replace("Z", " UTC")
        lines.append(
            f"{r.import_id}  {when}  {r.file}  {r.format} ({r.dialect})  sha256 {r.sha256[:12]}"
        )
        if r.undone_at:
            state = (
                f"undone {r.undone_at.replace('T', ' ').replace('Z', ' UTC')} "
                f"({r.sets_removed} sets removed)"
            )
        else:
            state = f"{in_log.get(r.import_id, 0)} in the log now"
        deleted = f", {r.sets_deleted} removed (edited or deleted in Hevy)" * bool(r.sets_deleted)
        lines.append(f"    {r.sets_added} sets added{span}{deleted}; {state}")
    return "\n".join(lines)
