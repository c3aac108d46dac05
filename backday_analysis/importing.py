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
- **All or nothing**: every file is read, checked and merged in memory first; one bad file
  (an unreadable encoding, header, delimiter or dates) refuses the whole command before
  anything is written. Then the log is written atomically, then the roster (for a new
  client). If the process dies between the two, the log holds the sets and the roster lacks
  the client; running the same import again adds the client and skips every set.
- **Names as logged**: the log keeps each exercise name exactly as the app wrote it; names
  resolve to catalogue exercises at load time, through the catalogue and ``aliases.csv``, so a
  later alias fixes earlier imports. The summary lists the names the catalogue does not know,
  with up to three suggestions.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from backday_analysis import GROUPS, paths
from backday_analysis.catalogue import (
    load_aliases,
    load_catalogue,
    name_index,
    resolve_names,
    suggest,
)
from backday_analysis.config import load_settings
from backday_analysis.errors import BackdayError
from backday_analysis.importers import ImportContext, Parsed, read_export
from backday_analysis.logs import LOG_COLUMNS, parse_log
from backday_analysis.roster import load_roster, save_roster, with_client
from backday_analysis.storage import write_csv_atomic

FAR_FUTURE = dt.date(2200, 1, 1)
_CLIENT_ID = re.compile(r"^[^\x00-\x1f\x7f]{1,100}$")
_UNITS = {"kg": "kg", "kgs": "kg", "lb": "lb", "lbs": "lb"}


@dataclass
class ImportSummary:
    """What one export brought in; :meth:`to_json` is the ``--json`` object."""

    file: str
    format: str
    dialect: str
    rows_read: int
    sets_imported: int
    duplicates_skipped: int
    non_set_rows: int
    rejected: list[dict]
    unknown_exercises: list[dict]
    exercises: list[dict]
    first_date: str | None
    last_date: str | None
    client: str = ""
    non_set_reasons: dict[str, int] = field(default_factory=dict)
    dry_run: bool = False

    def to_json(self) -> dict:
        """Return the summary as a JSON-ready dict."""
        return asdict(self)

    @property
    def balanced(self) -> bool:
        """Whether every row read is accounted for exactly once."""
        return self.rows_read == (
            self.sets_imported + self.duplicates_skipped + self.non_set_rows + len(self.rejected)
        )


@dataclass
class ClientLog:
    """A client's canonical log as read: the rows as text and the keys of its valid sets."""

    rows: pd.DataFrame
    counts: pd.Series


# ---------------------------------------------------------------- pure core


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
    )
    describe_sets(summary, typed, index, catalogue)
    return ClientLog(rows, counts), added, summary


def describe_sets(
    summary: ImportSummary, typed: pd.DataFrame, index: dict[str, str], catalogue: pd.DataFrame
) -> None:
    """Fill in the exercises, unknown names and date range of the file's valid sets.

    ``sets`` counts every valid set of the name in the file (imported now or already in the
    log), ``working_sets`` those that are not warm-ups; ``credits`` are the catalogue's
    credits for one set of the exercise (1 primary, 0.5 secondary, 0 none).
    """
    if typed.empty:
        return
    ids = resolve_names(typed["exercise"], index)
    frame = pd.DataFrame(
        {
            "name": typed["exercise"].astype(str).to_numpy(),
            "exercise_id": ids.astype(object).to_numpy(),
            "working": (typed["set_kind"] != "warmup").to_numpy(),
        }
    )
    grouped = (
        frame.groupby("name", sort=False)
        .agg(
            sets=("working", "size"),
            working_sets=("working", "sum"),
            exercise_id=("exercise_id", "first"),
        )
        .reset_index()
        .sort_values(["sets", "name"], ascending=[False, True], kind="stable")
    )
    credits = catalogue.set_index("exercise_id").loc[:, list(GROUPS)]
    for row in grouped.itertuples(index=False):
        known = isinstance(row.exercise_id, str) and row.exercise_id in credits.index
        entry = {
            "name": row.name,
            "exercise_id": row.exercise_id if known else None,
            "sets": int(row.sets),
            "working_sets": int(row.working_sets),
            "credits": (
                {g: float(credits.at[row.exercise_id, g]) for g in GROUPS} if known else None
            ),
        }
        summary.exercises.append(entry)
        if not known:
            summary.unknown_exercises.append(
                {
                    "name": row.name,
                    "sets": int(row.sets),
                    "working_sets": int(row.working_sets),
                    "suggestions": suggest(row.name, catalogue),
                }
            )
    summary.first_date = typed["performed_at"].min().strftime("%Y-%m-%d")
    summary.last_date = typed["performed_at"].max().strftime("%Y-%m-%d")


def sorted_log(rows: pd.DataFrame) -> pd.DataFrame:
    """Return the log rows ordered by ``performed_at``, keeping the order of equal times."""
    when = pd.to_datetime(rows["performed_at"], format="ISO8601", errors="coerce")
    order = when.sort_values(kind="stable", na_position="last").index
    return rows.loc[order].reset_index(drop=True)


# ---------------------------------------------------------------- I/O edges


def import_exports(
    files: list[str | Path],
    client_id: str,
    unit: str | None = None,
    data_dir: str | Path | None = None,
    dry_run: bool = False,
    today: dt.date | None = None,
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

    Returns
    -------
    list of ImportSummary
        One per file, in the order given.

    Raises
    ------
    BackdayError
        For any file that cannot be read exactly, a bad client id or unit, or a data folder
        that cannot be read; nothing is written then.
    """
    if not files:
        raise BackdayError("no export file was given; name one or more CSV files to import.")
    client_id = _checked_client_id(client_id)
    unit = _checked_unit(unit)
    folder = paths.data_dir(data_dir)
    settings = load_settings(paths.config_path(folder))
    catalogue = load_catalogue(paths.catalogue_path(folder))
    index = name_index(catalogue, load_aliases(paths.aliases_path(folder), catalogue))
    roster_file = paths.roster_path(folder)
    roster = load_roster(roster_file)
    listed = roster.loc[roster["client_id"] == client_id]
    roster_unit = str(listed["unit"].iloc[0]) if len(listed) else None
    zone = str(listed["timezone"].iloc[0]) if len(listed) else ""
    ctx = ImportContext(
        client_id=client_id, unit=unit or roster_unit, timezone=zone or settings.default_timezone
    )

    parsed = [read_export(Path(f), ctx, str(f)) for f in files]
    new_unit = roster_unit or unit or next((p.stated_unit for p in parsed if p.stated_unit), None)
    if new_unit is None:
        raise BackdayError(
            f"client '{client_id}' is not in the roster and the exports state "
            "no weight unit; run the import again with --unit kg or --unit lb."
        )

    log_file = paths.log_path(folder, client_id)
    log = parse_existing(_read_text(log_file), client_id, new_unit, str(log_file))
    summaries, added = [], 0
    for export in parsed:
        log, rows, summary = merge_export(
            log, export, client_id, new_unit, index, catalogue, today or dt.date.today()
        )
        summary.dry_run = dry_run
        summaries.append(summary)
        added += len(rows)
    if dry_run:
        return summaries
    if added:
        write_csv_atomic(sorted_log(log.rows), log_file)
    if roster_unit is None:
        save_roster(
            with_client(roster, client_id, unit=new_unit, timezone=settings.default_timezone),
            roster_file,
        )
    return summaries


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return ""
    except UnicodeDecodeError:
        raise BackdayError(
            f"{path}: the client's log is not UTF-8 text; restore it from a "
            "backup before importing into it."
        ) from None


def _checked_client_id(client_id: str) -> str:
    """Return the id, stripped; the log's file name is made safe by ``paths.log_path``."""
    text = str(client_id).strip()
    if not _CLIENT_ID.match(text):
        raise BackdayError(
            f"--client {client_id!r} is not a usable client id; give the id from the roster "
            "(1 to 100 characters, no line breaks or control characters)."
        )
    return text


def _checked_unit(unit: str | None) -> str | None:
    if unit is None or unit == "":
        return None
    checked = _UNITS.get(str(unit).strip().casefold())
    if checked is None:
        raise BackdayError(f"--unit '{unit}' is not a unit; use --unit kg or --unit lb.")
    return checked


def format_summary(summary: ImportSummary, shown: int = 5) -> str:
    """Return the summary for a person: a few lines."""
    s = summary
    span = f", {s.first_date} to {s.last_date}" if s.first_date else ""
    lines = [
        f"{s.file}: {s.format} export ({s.dialect}){span}"
        + (" [dry run: nothing written]" if s.dry_run else ""),
        f"  {s.rows_read} rows: {s.sets_imported} sets imported, {s.duplicates_skipped} "
        f"already in the log, {s.non_set_rows} not sets, {len(s.rejected)} rejected",
    ]
    for reason, count in s.non_set_reasons.items():
        lines.append(f"  not a set ({count}): {reason}")
    for item in s.rejected[:shown]:
        lines.append(f"  rejected line {item['line']}: {item['reason']}")
    if len(s.rejected) > shown:
        lines.append(f"  ... and {len(s.rejected) - shown} more rejected rows (see --json)")
    if s.unknown_exercises:
        working = sum(e["working_sets"] for e in s.exercises) or 1
        unknown = sum(e["working_sets"] for e in s.unknown_exercises)
        lines.append(
            f"  {len(s.unknown_exercises)} exercise names the catalogue does not "
            f"know ({unknown / working:.0%} of working sets); map them in "
            "aliases.csv (alias,exercise_id):"
        )
        for item in s.unknown_exercises[:shown]:
            hint = f" - maybe {', '.join(item['suggestions'])}" if item["suggestions"] else ""
            lines.append(f"    {item['name']} ({item['sets']} sets){hint}")
        if len(s.unknown_exercises) > shown:
            lines.append(f"    ... and {len(s.unknown_exercises) - shown} more (see --json)")
    return "\n".join(lines)
