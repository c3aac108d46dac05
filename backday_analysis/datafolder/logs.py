"""Read the canonical workout log: one readable CSV per client, one row per set.

Columns of a log file (``data/logs/<client>.csv``)::

    client, performed_at, session_id, exercise, set_number, set_kind,
    weight, unit, reps, rpe, rir, notes, source

``performed_at`` is local time, ``YYYY-MM-DD HH:MM[:SS]`` (or a date alone). ``weight`` is
what was on the bar or machine in ``unit`` (kg or lb): the added load for bodyweight
exercises, the assistance for assisted ones, empty for plain bodyweight sets.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from backday_analysis import clock
from backday_analysis.canonical import (
    LB_TO_KG,
    LOG_COLUMNS,
    MAX_REPS,
    MAX_WEIGHT_KG,
    UNIT_NAMES,
)
from backday_analysis.datafolder.csv_cells import StrippedCells, line_numbers, text_cells
from backday_analysis.datafolder.log_schema import empty_rejects, empty_sets, sets_schema
from backday_analysis.datafolder.log_times import read_times
from backday_analysis.errors import BackdayError
from backday_analysis.importers.cells import per_distinct

REQUIRED_COLUMNS = ("performed_at", "exercise", "weight", "reps")
_KIND_ALIASES = {
    "": "working",
    "normal": "working",
    "working": "working",
    "w": "warmup",
    "warmup": "warmup",
    "warm-up": "warmup",
    "warm up": "warmup",
    "drop": "drop",
    "dropset": "drop",
    "drop set": "drop",
    "d": "drop",
    "failure": "failure",
    "f": "failure",
}
_UNIT_ALIASES = {**UNIT_NAMES, "kilograms": "kg", "pounds": "lb"}
EARLIEST_DATE = pd.Timestamp("1990-01-01")


def parse_log(
    text: str,
    client_id: str,
    default_unit: str,
    origin: str,
    today: dt.date | None = None,
    validate: bool = True,
) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """Parse the text of a canonical log into typed sets and rejected rows.

    Parameters
    ----------
    text : str
        The CSV text.
    client_id : str
        The client the log belongs to; fills an empty ``client`` cell.
    default_unit : str
        ``kg`` or ``lb``, used where a row gives a weight but no unit.
    origin : str
        The file name used in reject reasons.
    today : datetime.date, optional
        Sets dated after this day are rejected as future dates; default is the real today.
    validate : bool, default True
        Check the sets against :func:`sets_schema`. The row checks above reject every row
        the schema would refuse, so this only guards against a bug in them; an import
        checks before it writes, a reader of a log may skip the check (see :func:`read_log`).

    Returns
    -------
    sets : pandas.DataFrame
        Valid rows, with the columns and types of :func:`sets_schema`, weights in kg.
    rejects : pandas.DataFrame
        ``file, line, reason`` for each row left out.
    rows_read : int
        Data rows in the file; ``rows_read == len(sets) + len(rejects)``.
    """
    # A log may hold tens of thousands of rows: its cells are checked in Arrow arrays, also
    # when the caller (a report page, see views/storage.py) keeps its own strings in NumPy.
    with pd.option_context("mode.string_storage", "pyarrow"):
        return _parse_log(text, client_id, default_unit, origin, today, validate)


def _parse_log(
    text: str,
    client_id: str,
    default_unit: str,
    origin: str,
    today: dt.date | None,
    validate: bool,
) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    try:
        raw = text_cells(text)
    except pd.errors.EmptyDataError:
        raise BackdayError(
            f"{origin}: the log is empty; it needs at least the header line "
            f"{','.join(LOG_COLUMNS)}."
        ) from None
    except pd.errors.ParserError as exc:
        raise BackdayError(
            f"{origin}: the log is not valid CSV ({str(exc).strip()}); fix that "
            "line or restore the file from a backup."
        ) from None
    missing = [c for c in REQUIRED_COLUMNS if c not in raw.columns]
    if missing:
        raise BackdayError(
            f"{origin}, line 1: the column '{missing[0]}' is missing; the "
            f"header must be {','.join(LOG_COLUMNS)}."
        )
    for column in LOG_COLUMNS:
        if column not in raw.columns:
            raw[column] = ""
    raw = raw.loc[:, list(LOG_COLUMNS)]
    raw.index = line_numbers(text, len(raw))
    sets, rejects = _typed_sets(raw, client_id, default_unit, origin, today or clock.today())
    return (sets_schema().validate(sets) if validate else sets), rejects, len(raw)


def _typed_sets(
    raw: pd.DataFrame, client_id: str, default_unit: str, origin: str, today: dt.date
) -> tuple[pd.DataFrame, pd.DataFrame]:
    # Cells are stripped of surrounding spaces. The columns read once per distinct cell are
    # stripped there; the rest on first use, so a long log's rows are stripped only when kept.
    text = StrippedCells(raw)
    reasons = pd.Series("", index=raw.index, dtype=object)
    taken = pd.Series(False, index=raw.index)  # cheaper to test than the reasons' texts

    def reject(mask: pd.Series, reason) -> None:
        fresh = mask & ~taken
        if fresh.any():
            reason = reason() if callable(reason) else reason
            reasons[fresh] = reason if isinstance(reason, str) else reason[fresh]
            taken[fresh] = True

    def cell(column: str, words: str, name: str = ""):
        # The reason quotes each row's cell; it is built only when a row is rejected, since
        # building it for every row would cost more than the checks themselves.
        return lambda: f"{name or column} '" + text[column] + "'" + words

    times = per_distinct(raw["performed_at"], lambda u: read_times(u.str.strip()))
    if times["offset"].any():
        line = times["offset"].idxmax()
        raise BackdayError(
            f"{origin}, line {line}: performed_at '{text['performed_at'].at[line]}' carries a "
            "time-zone offset; a log holds local times, so write it as YYYY-MM-DD HH:MM "
            "without one."
        )
    when = times["when"]
    reject(when.isna(), cell("performed_at", " is not a date-time (write YYYY-MM-DD HH:MM)"))
    reject(when < EARLIEST_DATE, cell("performed_at", " is before 1990"))
    reject(
        when >= pd.Timestamp(today) + pd.Timedelta(days=2),
        cell("performed_at", " is in the future"),
    )
    reject(text["exercise"] == "", "the exercise name is empty")
    other_client = per_distinct(raw["client"], lambda u: ~u.str.strip().isin(["", client_id]))
    reject(other_client, cell("client", ", not this log's", "the row belongs to client"))

    reps, no_reps = _number_cells(raw["reps"])
    reject(no_reps, "reps are missing")
    reject(reps.isna(), cell("reps", " are not a number"))
    reject(
        (reps < 0) | (reps > MAX_REPS) | (reps % 1 != 0),
        cell("reps", f" are not a whole number from 0 to {MAX_REPS}"),
    )

    weight = per_distinct(raw["weight"], lambda u: _numbers(u.str.strip().replace("", "0")))
    reject(weight.isna(), cell("weight", " is not a number"))
    reject(weight < 0, cell("weight", " is negative"))
    unit = per_distinct(
        raw["unit"],
        lambda u: u.str.strip().str.lower().replace("", default_unit).map(_UNIT_ALIASES),
    )
    reject(unit.isna(), cell("unit", " is not kg or lb"))
    weight_kg = (weight * np.where(unit == "lb", LB_TO_KG, 1.0)).round(3)
    reject(weight_kg > MAX_WEIGHT_KG, cell("weight", f" is over {MAX_WEIGHT_KG:g} kg"))

    kind = per_distinct(
        raw["set_kind"], lambda u: u.str.strip().str.lower().map(_KIND_ALIASES).astype("str")
    )
    reject(kind.isna(), cell("set_kind", " is not working, warmup, drop or failure"))
    set_number, no_set_number = _number_cells(raw["set_number"])
    reject(
        ~no_set_number & (set_number.isna() | (set_number % 1 != 0)),
        cell("set_number", " is not a whole number"),
    )
    rpe, no_rpe = _number_cells(raw["rpe"])
    reject(
        (~no_rpe & rpe.isna()) | (rpe < 0) | (rpe > 10),
        cell("rpe", " is not a number from 0 to 10"),
    )
    rir, no_rir = _number_cells(raw["rir"])
    reject(
        (~no_rir & rir.isna()) | (rir < 0),
        cell("rir", " is not a number of reps in reserve"),
    )

    good = ~taken
    # Text columns stay Arrow arrays (made once per distinct value or taken): through NumPy
    # they would be converted back one by one, a few milliseconds per column of a long log.
    sets = pd.DataFrame(
        {
            "client": pd.Series(client_id, index=range(int(good.sum())), dtype="str").array,
            "performed_at": when[good].astype("datetime64[ns]").to_numpy(),
            "session_id": _session_ids(text["session_id"][good], when[good]),
            "exercise": text["exercise"][good].array,
            "set_number": set_number[good].astype("Int64").array,
            "set_kind": kind[good].array,
            "weight_kg": weight_kg[good].astype(float).to_numpy(),
            "reps": reps[good].astype("int64").to_numpy(),
            "rpe": rpe[good].astype(float).to_numpy(),
            "rir": rir[good].astype(float).to_numpy(),
            "notes": raw["notes"][good].array,
            "source": text["source"][good].array,
            "line": raw.index[good.to_numpy()].astype("int64"),
        }
    )
    rejects = pd.DataFrame(
        {
            "file": [origin] * int((~good).sum()),
            "line": raw.index[~good.to_numpy()].astype("int64"),
            "reason": reasons[~good].to_list(),
        }
    )
    # With no row left, the columns above would have no type to take from their values.
    return (sets if len(sets) else empty_sets()), rejects


def _numbers(cells: pd.Series) -> pd.Series:
    return pd.to_numeric(cells, errors="coerce")


def _number_cells(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Return each cell's number (missing if it is none) and whether the cell is empty."""

    def read(distinct: pd.Series) -> pd.DataFrame:
        stripped = distinct.str.strip()
        return pd.DataFrame({"number": _numbers(stripped), "empty": (stripped == "").to_numpy()})

    both = per_distinct(cells, read)
    return both["number"], both["empty"]


def _session_ids(given: pd.Series, when: pd.Series) -> pd.api.extensions.ExtensionArray:
    """Return each row's session id; rows without one are grouped by calendar day."""
    missing = given == ""
    if not missing.any():
        return given.array
    return given.where(~missing, when.dt.strftime("%Y-%m-%d")).array


def read_log(
    path: Path, client_id: str, default_unit: str = "kg", today: dt.date | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """Read one client's log file; see :func:`parse_log` for what is returned.

    The sets are not checked against the schema again: the row checks give them its types and
    ranges (``tests/test_logs.py`` holds the parser to the schema on random logs), and loading
    pandera would cost every new report kernel about 0.3 s.
    """
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return empty_sets(), empty_rejects(), 0
    except UnicodeDecodeError:
        raise BackdayError(
            f"{path}: the log is not UTF-8 text; save it again as CSV UTF-8 "
            "or re-import the app export."
        ) from None
    return parse_log(text, client_id, default_unit, str(path), today, validate=False)
