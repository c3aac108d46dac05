"""Merge parsed exports into a client's log in memory, skipping sets the log already holds.

A set is a duplicate when the log already holds as many sets with its key as the export has up
to and including it (a multiset difference; see :mod:`backday_analysis.datafolder.ingest`).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from backday_analysis.canonical import LOG_COLUMNS
from backday_analysis.datafolder.import_summary import ImportSummary, describe_sets
from backday_analysis.datafolder.logs import parse_log
from backday_analysis.errors import BackdayError
from backday_analysis.importers.rows import Parsed

FAR_FUTURE = dt.date(2200, 1, 1)


@dataclass
class ClientLog:
    """A client's canonical log as read: the rows as text and the keys of its valid sets."""

    rows: pd.DataFrame
    counts: pd.Series


def set_keys(sets: pd.DataFrame) -> pd.Series:
    """Return the duplicate key of each typed set (see the module docstring)."""
    if sets.empty:
        return pd.Series([], dtype=object, index=sets.index)
    when = sets["performed_at"].dt.strftime("%Y-%m-%d %H:%M:%S")
    name = sets["exercise"].astype(str).str.casefold().str.split().str.join(" ")
    number = sets["set_number"].astype("Int64").astype(str)
    centigrams = (sets["weight_kg"].astype(float) * 100).round().astype("int64").astype(str)
    reps = sets["reps"].astype("int64").astype(str)
    return (
        when
        + "|"
        + name
        + "|"
        + number
        + "|"
        + sets["set_kind"].astype(str)
        + "|"
        + centigrams
        + "|"
        + reps
    ).astype(object)


def parse_existing(text: str, client_id: str, default_unit: str, origin: str) -> ClientLog:
    """Read a canonical log's text into rows (kept as text) and the key counts of its sets."""
    if not text.strip():
        return ClientLog(_empty_rows(), pd.Series(dtype="int64"))
    rows = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    for column in LOG_COLUMNS:
        if column not in rows.columns:
            rows[column] = ""
    extra = [c for c in rows.columns if c not in LOG_COLUMNS]
    rows = rows.loc[:, [*LOG_COLUMNS, *extra]]
    typed, _, _ = parse_log(text, client_id, default_unit, origin, FAR_FUTURE)
    return ClientLog(rows, set_keys(typed).value_counts())


def read_client_log(path: Path, client_id: str, default_unit: str) -> ClientLog:
    """Read a client's log file to merge into (an empty log when there is none yet)."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        text = ""
    except UnicodeDecodeError:
        raise BackdayError(
            f"{path}: the client's log is not UTF-8 text; restore it from a "
            "backup before importing into it."
        ) from None
    return parse_existing(text, client_id, default_unit, str(path))


def _empty_rows() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=str) for c in LOG_COLUMNS})


def merge_export(
    log: ClientLog,
    parsed: Parsed,
    client_id: str,
    default_unit: str,
    index: dict[str, str],
    catalogue: pd.DataFrame,
    today: dt.date,
) -> tuple[ClientLog, pd.DataFrame, ImportSummary]:
    """Merge one parsed export into a log, in memory.

    Returns the updated log, the rows added (canonical text) and the file's summary.
    """
    candidates = parsed.sets
    text = candidates.loc[:, list(LOG_COLUMNS)].to_csv(index=False, lineterminator="\n")
    typed, refused, _ = parse_log(text, client_id, default_unit, parsed.file, today)
    position = typed["line"].to_numpy() - 2
    source_line = candidates["line"].to_numpy()
    keys = set_keys(typed)
    occurrence = keys.groupby(keys, sort=False).cumcount()
    already = keys.map(log.counts).fillna(0).astype("int64")
    duplicate = (occurrence < already).to_numpy()
    added = candidates.iloc[position[~duplicate]].loc[:, list(LOG_COLUMNS)]
    counts = log.counts.add(keys[~duplicate].value_counts(), fill_value=0).astype("int64")
    rows = pd.concat([log.rows, added], ignore_index=True)

    rejected = pd.concat(
        [
            parsed.rejected,
            pd.DataFrame(
                {
                    "line": source_line[refused["line"].to_numpy() - 2],
                    "reason": refused["reason"].astype(str).to_numpy(),
                }
            ),
        ],
        ignore_index=True,
    ).sort_values("line", kind="stable")
    summary = ImportSummary(
        file=parsed.file,
        format=parsed.format,
        dialect=parsed.dialect,
        rows_read=parsed.rows_read,
        sets_imported=int((~duplicate).sum()),
        duplicates_skipped=int(duplicate.sum()),
        non_set_rows=len(parsed.non_sets),
        rejected=[
            {"line": int(line), "reason": str(reason)}
            for line, reason in zip(rejected["line"], rejected["reason"], strict=True)
        ],
        unknown_exercises=[],
        exercises=[],
        first_date=None,
        last_date=None,
        client=client_id,
        non_set_reasons={
            str(k): int(v) for k, v in parsed.non_sets["reason"].value_counts().items()
        },
        notes_cut=parsed.notes_cut,
    )
    describe_sets(summary, typed, index, catalogue)
    return ClientLog(rows, counts), added, summary


def sorted_log(rows: pd.DataFrame) -> pd.DataFrame:
    """Return the log rows ordered by ``performed_at``, keeping the order of equal times."""
    when = pd.to_datetime(rows["performed_at"], format="ISO8601", errors="coerce")
    order = when.sort_values(kind="stable", na_position="last").index
    return rows.loc[order].reset_index(drop=True)
