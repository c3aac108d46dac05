"""Turn an export's normalised rows into canonical log rows, with the rows that are not sets.

What counts as a set, here and in every format module:

- a row with reps of at least 1 is a set (warm-up, working, drop or failure);
- a row with no reps, or 0 reps, is *not* a set: apps write cardio (distance, time), timed
  holds (planks) and empty placeholders this way. It is counted as a non-set row with its
  reason, never silently dropped;
- except a timed hold of a back exercise (``Back Extension Hold``, ``Superman Hold``: a time,
  no distance, no reps) when the import knows the catalogue (:attr:`ImportContext.counts_hold`):
  it is a set of 0 reps, so it counts for the sets and training days of its groups with zero
  tonnage, and its note says how long it was held;
- app pseudo-rows (Strong's ``Rest Timer`` and ``Note`` rows) are non-set rows too;
- a row that cannot be read (a date, number or set type that is not what the app writes, an
  impossible date such as 2026-02-30, reps or a set number over 1000, a weight over 1000 kg,
  a cell over 10,000 characters, a wrong number of fields) is rejected with its line number
  and the reason;
- a note is never a reason to lose a set: a note longer than :data:`MAX_NOTE_CHARS` (1,000)
  characters is cut to its first 1,000 and the set imported; the summary counts cut notes.

Weights are kept as entered, in the unit the export uses, so nothing is rounded: the log's
loader converts to kg.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from backday_analysis.canonical import LB_TO_KG, LOG_COLUMNS, MAX_WEIGHT_KG
from backday_analysis.importers.cells import (
    Verdicts,
    clean_text,
    derived_set_numbers,
    format_numbers,
    no_reps_reason,
    parse_numbers,
    read_reps,
)
from backday_analysis.importers.table import Layout, RawTable

#: A set's note is cut to this many characters (apps' notes are a line or two).
MAX_NOTE_CHARS = 1_000


@dataclass(frozen=True)
class ImportContext:
    """What an importer needs to know beyond the file itself.

    Attributes
    ----------
    client_id : str
        The client the export belongs to.
    unit : str or None
        ``kg`` or ``lb`` for weights the file gives no unit for (``--unit``, else the
        roster's unit); ``None`` when neither is known.
    timezone : str
        IANA time zone for exports written in UTC (Fitbod).
    counts_hold : callable, optional
        Whether a timed hold of this exercise name is a set (a back exercise); None: no
        timed row is a set.
    """

    client_id: str
    unit: str | None
    timezone: str
    counts_hold: Callable[[str], bool] | None = None


@dataclass
class Parsed:
    """One export, normalised: sets as canonical log rows, plus what was not imported.

    ``sets`` has the columns :data:`backday_analysis.datafolder.logs.LOG_COLUMNS` as text and a
    ``line`` column; ``non_sets`` and ``rejected`` have ``line`` and ``reason``.
    ``rows_read == len(sets) + len(non_sets) + len(rejected)``.
    """

    file: str
    format: str
    dialect: str
    rows_read: int
    sets: pd.DataFrame
    non_sets: pd.DataFrame
    rejected: pd.DataFrame
    stated_unit: str | None
    notes_cut: int = 0


def row_verdicts(table: RawTable, width_note: str = "") -> Verdicts:
    """Start the verdicts of a table: rows of the wrong width or with a huge cell are rejected.

    ``width_note`` is added to the wrong-width reason (a format that tries to recover such
    rows says it could not).
    """
    verdicts = Verdicts(table.cells.index)
    wrong_width, width_reason = table.width_problems()
    verdicts.reject(wrong_width, width_reason + width_note)
    verdicts.reject(*table.long_cells())
    return verdicts


def numbered_by_position(verdicts: Verdicts, *groups: pd.Series) -> pd.Series:
    """Number the open rows 1, 2, ... in file order within ``groups`` (day and exercise).

    For sets the app does not number; rows with a verdict get no number.
    """
    number = pd.Series(pd.NA, index=verdicts.kind.index, dtype="Int64")
    open_rows = verdicts.open
    if open_rows.any():
        number[open_rows] = derived_set_numbers([g[open_rows] for g in groups]).astype("Int64")
    return number


def measured(table: RawTable, layout: Layout, *columns: str) -> pd.Series:
    """Return whether any of the time or distance columns is above zero in each row."""
    values = [parse_numbers(table.column(layout, name))[0].fillna(0) > 0 for name in columns]
    return pd.concat(values, axis=1).any(axis=1)


def hold_seconds(seconds: pd.Series, distance: pd.Series | None = None) -> pd.Series:
    """Return the seconds of the rows that are timed holds (a time, no distance), else missing."""
    held = seconds.astype(float).where(seconds.astype(float) > 0)
    if distance is not None:
        held = held.where(~(distance.astype(float).fillna(0) > 0))
    return held


def read_exercise_and_reps(
    table: RawTable,
    layout: Layout,
    verdicts: Verdicts,
    exercise_column: str,
    timed: pd.Series,
    held: pd.Series | None = None,
    ctx: ImportContext | None = None,
) -> tuple[pd.Series, pd.Series]:
    """Read exercise names and reps: an empty name is rejected, a row without reps is no set.

    ``timed`` marks rows with a time or distance, whose reason then says cardio or a hold.
    ``held`` (seconds of timed holds, see :func:`hold_seconds`) with a ``ctx`` whose
    ``counts_hold`` says yes for the name makes a row without reps a set of 0 reps.
    """
    exercise = table.column(layout, exercise_column)
    verdicts.reject(exercise == "", "the exercise name is empty")
    reps = read_reps(table.column(layout, "reps"), verdicts)
    no_reps = reps.isna() | (reps == 0)
    if held is not None and ctx is not None and ctx.counts_hold is not None:
        candidates = no_reps & held.notna() & verdicts.open
        names = exercise[candidates].unique()
        counted = {name: bool(ctx.counts_hold(name)) for name in names}
        hold = candidates & exercise.isin([name for name, yes in counted.items() if yes])
        reps = reps.mask(hold, 0.0)
        no_reps = no_reps & ~hold
    verdicts.non_set(no_reps, no_reps_reason(reps, timed))
    return exercise, reps


def hold_notes(notes: pd.Series, reps: pd.Series, held: pd.Series) -> pd.Series:
    """Return the notes with ``held N s`` first on the timed-hold sets (0 reps, a time)."""
    hold = (reps == 0) & held.notna()
    if not hold.any():
        return notes
    said = "held " + held.round(1).map("{:g}".format) + " s"
    joined = said.where(notes.astype(str) == "", said + "; " + notes.astype(str))
    return notes.where(~hold, joined)


def finish(
    table: RawTable,
    layout: Layout,
    verdicts: Verdicts,
    ctx: ImportContext,
    *,
    format: str,
    stated_unit: str | None,
    **columns,
) -> Parsed:
    """Build the :class:`Parsed` of a format module from its normalised columns.

    ``columns`` are those :func:`build` lists after ``line``, each a Series on the table's
    rows (or one value for every row).
    """
    rows = pd.DataFrame({"line": table.lines, **columns})
    return build(
        file=table.file,
        format=format,
        dialect=layout.dialect,
        rows=rows,
        verdicts=verdicts,
        source=format,
        ctx=ctx,
        stated_unit=stated_unit,
    )


def build(
    *,
    file: str,
    format: str,
    dialect: str,
    rows: pd.DataFrame,
    verdicts: Verdicts,
    source: str,
    ctx: ImportContext,
    stated_unit: str | None,
) -> Parsed:
    """Turn normalised rows into a :class:`Parsed`.

    ``rows`` has ``line`` (int), ``performed_at`` (datetime64, local time), ``exercise``,
    ``set_number`` (Int64), ``set_kind``, ``weight`` (float, missing for plain bodyweight),
    ``unit``, ``reps`` (float), ``rpe`` (float) and ``notes``; the rows the verdicts left
    open are the sets.
    """
    unit_of_row = rows["unit"].astype(str).where(rows["unit"].astype(str) != "", ctx.unit or "")
    weight_kg = rows["weight"].astype(float) * np.where(unit_of_row == "lb", LB_TO_KG, 1.0)
    verdicts.reject(
        weight_kg > MAX_WEIGHT_KG,
        "the weight "
        + format_numbers(rows["weight"])
        + " "
        + unit_of_row
        + f" is more than {MAX_WEIGHT_KG:g} kg",
    )
    good = verdicts.open
    sets = rows.loc[good]
    when = sets["performed_at"]
    weight = sets["weight"].astype(float)
    unit = sets["unit"].astype(str).where(sets["unit"].astype(str) != "", ctx.unit or "")
    notes = clean_text(sets["notes"]).str.strip()
    long_note = notes.str.len() > MAX_NOTE_CHARS
    notes = notes.where(~long_note, notes.str.slice(0, MAX_NOTE_CHARS).str.rstrip())
    out = pd.DataFrame(
        {
            "client": ctx.client_id,
            "performed_at": when.dt.strftime("%Y-%m-%d %H:%M:%S"),
            "session_id": source + "-" + when.dt.strftime("%Y%m%d-%H%M%S"),
            "exercise": clean_text(sets["exercise"]).str.strip(),
            "set_number": sets["set_number"].astype("Int64").astype(str).replace("<NA>", ""),
            "set_kind": sets["set_kind"].astype(str),
            "weight": format_numbers(weight),
            "unit": unit,
            "reps": sets["reps"].astype(float).round().astype("int64").astype(str),
            "rpe": format_numbers(sets["rpe"]),
            "rir": "",
            "notes": notes,
            "source": source,
        },
        index=sets.index,
    ).loc[:, list(LOG_COLUMNS)]
    out = out.astype(str)
    out["line"] = sets["line"].astype("int64")
    return Parsed(
        file=file,
        format=format,
        dialect=dialect,
        rows_read=len(rows),
        sets=out.reset_index(drop=True),
        non_sets=verdicts.table("non_set", rows["line"]),
        rejected=verdicts.table("reject", rows["line"]),
        stated_unit=stated_unit,
        notes_cut=int(long_note.sum()),
    )
