"""Fitbod exports (``WorkoutExport.csv``).

Header (the ``multiplier`` column is missing in older exports)::

    Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,Note,multiplier

Dates are UTC (``2021-01-17 22:14:35 +0000``) and are stored in the client's local time: the
roster's time zone, else the config's ``default_timezone`` (a late-evening workout in UTC can
be the next morning's date locally). Workouts come newest first; each workout's sets share its
date-time and are numbered by their order within the workout and exercise.

Weights are always kg with conversion noise (``20.41168092460379`` is 45 lb); each is snapped to
the 0.25 kg or 0.25 lb plate value it is within a few grams of, else rounded to 0.01 kg, and
kept in that unit (see :func:`backday_analysis.importers.snap_kg`). Numbers may carry a
leading space. ``isWarmup`` true marks a warm-up. ``multiplier`` is Fitbod's own volume factor
(2 for a pair of dumbbells, 0 for timed work); the weight is kept as entered, per dumbbell, as
Strong and Hevy log it, so the multiplier is not applied. Rows with 0 reps are timed or
distance entries, not sets.
"""

from __future__ import annotations

import pandas as pd

from backday_analysis.importers.cells import (
    parse_numbers,
    read_weights,
    snap_kg,
)
from backday_analysis.importers.dates import check_dates
from backday_analysis.importers.rows import (
    ImportContext,
    Parsed,
    finish,
    hold_notes,
    measured,
    numbered_by_position,
    read_exercise_and_reps,
    row_verdicts,
    without_reps,
)
from backday_analysis.importers.table import Layout, RawTable

FORMAT = "fitbod"
FORMAT_NAME = "Fitbod"
_COLUMNS = (
    "date",
    "exercise",
    "reps",
    "weight(kg)",
    "duration(s)",
    "distance(m)",
    "incline",
    "resistance",
    "iswarmup",
    "note",
)
COLUMN_NAMES = (*_COLUMNS, "multiplier")
_EARLIEST = pd.Timestamp("1900-01-01", tz="UTC")
_LATEST = pd.Timestamp("2200-01-01", tz="UTC")
_WARMUP = {"true": "warmup", "false": "working", "1": "warmup", "0": "working"}


def match(header: list[str]) -> Layout | None:
    """Return the Fitbod dialect of the header, or None."""
    names = tuple("".join(c.split()).casefold() for c in header)
    if names == _COLUMNS + ("multiplier",):
        dialect = "utc"
    elif names == _COLUMNS:
        dialect = "utc-no-multiplier"
    else:
        return None
    return Layout(
        dialect=dialect,
        delimiter=",",
        columns={n: i for i, n in enumerate(names)},
        width=len(names),
    )


def normalise(table: RawTable, layout: Layout, ctx: ImportContext) -> Parsed:
    """Read a Fitbod export's rows into canonical sets, non-set rows and rejects."""
    verdicts = row_verdicts(table)

    date_text = table.column(layout, "date")
    utc = pd.to_datetime(date_text, format="%Y-%m-%d %H:%M:%S %z", utc=True, errors="coerce")
    # Years a workout cannot have (0001, 9999) would overflow the time-zone conversion.
    utc = utc.where((utc >= _EARLIEST) & (utc < _LATEST))
    when = utc.dt.tz_convert(ctx.timezone).dt.tz_localize(None).astype("datetime64[ns]")
    check_dates(
        when,
        date_text,
        table.lines,
        verdicts,
        table.file,
        FORMAT_NAME,
        "YYYY-MM-DD HH:MM:SS +0000",
        shaped=date_text.str.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{4}"),
    )
    timed = measured(table, layout, "duration(s)", "distance(m)")
    held = without_reps(
        parse_numbers(table.column(layout, "duration(s)"))[0],
        parse_numbers(table.column(layout, "distance(m)"))[0],
    )
    exercise, reps = read_exercise_and_reps(table, layout, verdicts, "exercise", timed, held, ctx)

    warm_text = table.column(layout, "iswarmup")
    kind = warm_text.str.casefold().map(_WARMUP)
    verdicts.reject(kind.isna(), "isWarmup '" + warm_text + "' is not true or false")

    weight_text = table.column(layout, "weight(kg)")
    weight_kg = read_weights(weight_text, verdicts)
    weight, unit = snap_kg(weight_kg)

    set_number = numbered_by_position(verdicts, date_text, exercise)
    return finish(
        table,
        layout,
        verdicts,
        ctx,
        format=FORMAT,
        stated_unit="kg",
        performed_at=when,
        exercise=exercise,
        set_number=set_number,
        set_kind=kind.fillna(""),
        weight=weight,
        unit=unit,
        reps=reps,
        rpe=float("nan"),
        notes=hold_notes(table.column(layout, "note"), reps, held),
    )
