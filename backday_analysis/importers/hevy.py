"""Hevy exports.

Header (any order; extra columns a later app version adds are ignored)::

    title, start_time, end_time, description, exercise_title, superset_id, exercise_notes,
    set_index, set_type, weight_kg | weight_lbs, reps, distance_km | distance_miles,
    duration_seconds, rpe

The weight and distance units are chosen independently by the app; the dialect names both
(``kg-km``, ``lbs-miles``, ``kg-miles``, ``lbs-km``). Workouts come newest first; the same
exercise can appear twice in one workout. ``start_time`` looks like ``5 Dec 2025, 14:47``, with
the month in the app's language: English, German, French, Spanish, Italian, Portuguese and
Dutch names and abbreviations are read (``5 Dez. 2025, 14:47``, ``5 déc. 2025, 14:47``...), and
a 12-hour clock with AM/PM. Each set is dated at its workout's start.

``set_type`` normal, warmup, failure, dropset; ``set_index`` (from 0, counting warm-ups) is
stored from 1. An empty weight is a plain bodyweight set; an empty ``reps`` is a timed or
distance entry (cardio, holds), not a set.
"""

from __future__ import annotations

import re

import pandas as pd

from backday_analysis.importers.cells import (
    parse_numbers,
    read_rpe,
    read_set_numbers,
    read_weights,
)
from backday_analysis.importers.dates import check_dates
from backday_analysis.importers.fold import ascii_fold
from backday_analysis.importers.rows import (
    ImportContext,
    Parsed,
    finish,
    hold_notes,
    measured,
    read_exercise_and_reps,
    row_verdicts,
    without_reps,
)
from backday_analysis.importers.table import Layout, RawTable

FORMAT = "hevy"
FORMAT_NAME = "Hevy"
REQUIRED = ("title", "start_time", "exercise_title", "set_index", "set_type", "reps")
OPTIONAL = ("end_time", "description", "superset_id", "exercise_notes", "duration_seconds", "rpe")
COLUMN_NAMES = (*REQUIRED, *OPTIONAL, "weight_kg", "weight_lbs", "distance_km", "distance_miles")
#: Hevy's set types (``set_type`` in exports, ``type`` in its API) to the log's set kinds.
SET_TYPES = {"normal": "working", "warmup": "warmup", "failure": "failure", "dropset": "drop"}

_MONTH_NAMES = {
    1: "jan january januar janv janvier ene enero gen gennaio janeiro januari",
    2: "feb february februar fev fevr fevrier febrero febbraio fevereiro februari",
    3: "mar march marz maerz mrz mars marzo marco maart mrt",
    4: "apr april avr avril abr abril aprile",
    5: "may mai mayo mag maggio maio mei",
    6: "jun june juni juin junio giu giugno junho",
    7: "jul july juli juil juillet julio lug luglio julho",
    8: "aug august aout ago agosto augustus",
    9: "sep sept september septembre septiembre set settembre setembro",
    10: "oct october okt oktober octobre octubre ott ottobre out outubro",
    11: "nov november novembre noviembre novembro",
    12: "dec december dez dezember decembre dic diciembre dicembre dezembro",
}
MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names.split()}
_START = re.compile(
    r"^(\d{1,2})\.?\s+(?:de\s+)?([^\W\d_]+)\.?\s+(?:de\s+)?(\d{4}),?\s+(\d{1,2}):(\d{2})"
    r"(?:\s*([ap])\.?\s?m\.?)?$",
    re.IGNORECASE,
)


def match(header: list[str]) -> Layout | None:
    """Return the Hevy dialect if the header has Hevy's columns, or None."""
    names = [c.strip().casefold() for c in header]
    weights = [n for n in names if n in ("weight_kg", "weight_lbs")]
    distances = [n for n in names if n in ("distance_km", "distance_miles")]
    if any(n not in names for n in REQUIRED) or len(weights) != 1 or len(distances) > 1:
        return None
    columns = {n: i for i, n in enumerate(names) if n in (*REQUIRED, *OPTIONAL)}
    columns["weight"] = names.index(weights[0])
    if distances:
        columns["distance"] = names.index(distances[0])
    distance_unit = distances[0].split("_")[1] if distances else "km"
    weight_unit = weights[0].split("_")[1]
    return Layout(
        dialect=f"{weight_unit}-{distance_unit}",
        delimiter=",",
        columns=columns,
        width=len(header),
        info={"unit": "lb" if weight_unit == "lbs" else "kg"},
    )


def parse_start(text: str) -> pd.Timestamp | None:
    """Parse one Hevy date such as ``5 Dec 2025, 14:47`` (any supported language)."""
    found = _START.match(text.strip())
    if not found:
        return None
    day, month_name, year, hour, minute, half = found.groups()
    month = MONTHS.get(ascii_fold(month_name).rstrip("."))
    hour_value = int(hour)
    if half:
        if not 1 <= hour_value <= 12:
            return None
        hour_value = hour_value % 12 + (12 if half.casefold() == "p" else 0)
    if month is None:
        return None
    try:
        return pd.Timestamp(
            year=int(year), month=month, day=int(day), hour=hour_value, minute=int(minute)
        )
    except ValueError:
        return None


def written_like_hevy(text: str) -> bool:
    """Whether a date is written the way Hevy writes one (it may still be impossible)."""
    found = _START.match(text.strip())
    return bool(found) and ascii_fold(found.group(2)).rstrip(".") in MONTHS


def parse_starts(text: pd.Series) -> pd.Series:
    """Parse a column of Hevy dates; each distinct text is parsed once."""
    unique = pd.unique(text)
    parsed = {value: parse_start(value) for value in unique}
    # Microseconds, not nanoseconds: a year such as 9999 is kept, and rejected later as a
    # date in the future, rather than overflowing here.
    return pd.to_datetime(text.map(parsed), errors="coerce").astype("datetime64[us]")


def read_hevy_sets(table: RawTable, layout: Layout, verdicts, ctx: ImportContext) -> tuple:
    """Read what a Hevy set is, in an export or from the API: name, reps, kind, hold.

    Returns the exercise names, the reps (0 for a timed hold or a loaded carry, see
    :func:`~.rows.read_exercise_and_reps`), the log's set kind of each ``set_type`` (a type
    Hevy does not write is rejected) and what each row measured besides reps
    (:func:`~.rows.without_reps`). The layout names
    the columns ``exercise_title``, ``reps``, ``set_type``, ``duration_seconds`` and
    ``distance`` (any unit: only whether it is above zero counts).
    """
    timed = measured(table, layout, "distance", "duration_seconds")
    held = without_reps(
        parse_numbers(table.column(layout, "duration_seconds"))[0],
        parse_numbers(table.column(layout, "distance"))[0],
    )
    exercise, reps = read_exercise_and_reps(
        table, layout, verdicts, "exercise_title", timed, held, ctx
    )
    type_text = table.column(layout, "set_type")
    kind = type_text.str.casefold().map(SET_TYPES)
    verdicts.reject(
        kind.isna(), "the set_type '" + type_text + "' is not normal, warmup, failure or dropset"
    )
    return exercise, reps, kind.fillna(""), held


def normalise(table: RawTable, layout: Layout, ctx: ImportContext) -> Parsed:
    """Read a Hevy export's rows into canonical sets, non-set rows and rejects."""
    verdicts = row_verdicts(table)

    start = table.column(layout, "start_time")
    when = parse_starts(start)
    check_dates(
        when,
        start,
        table.lines,
        verdicts,
        table.file,
        FORMAT_NAME,
        "like '5 Dec 2025, 14:47'",
        shaped=start.map(written_like_hevy).astype(bool),
    )
    exercise, reps, kind, held = read_hevy_sets(table, layout, verdicts, ctx)
    set_index = read_set_numbers(table.column(layout, "set_index"), verdicts, "set_index", 0)

    weight_text = table.column(layout, "weight")
    weight = read_weights(weight_text, verdicts)
    rpe_text = table.column(layout, "rpe")
    rpe = read_rpe(rpe_text, verdicts)

    unit = layout.info["unit"]
    return finish(
        table,
        layout,
        verdicts,
        ctx,
        format=FORMAT,
        stated_unit=unit,
        performed_at=when,
        exercise=exercise,
        set_number=set_index + 1,
        set_kind=kind,
        weight=weight,
        unit=unit,
        reps=reps,
        rpe=rpe,
        notes=hold_notes(table.column(layout, "exercise_notes"), reps, held),
    )
