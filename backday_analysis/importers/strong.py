"""Strong exports, every dialect seen in real files.

=====================  =========  ==============================================  ===========
dialect                delimiter  header (abridged)                               unit
=====================  =========  ==============================================  ===========
``comma-12``           ,          Date,Workout Name,Duration,...,Notes,Workout    none: the
                                  Notes,RPE                                       app setting
``comma-10-legacy``    ,          Date,Workout Name,Exercise Name,...,Workout     none
                                  Notes
``semicolon-units``    ;          ...;Weight;Weight Unit;Reps;RPE;...;Workout     per row
                                  Duration (decimal commas; blank unit cells)
``quoted-workout-no``  ;          "Workout #";"Date";...;"Weight (kg)";...        kg (lb
                                  ``Rest Timer`` and ``Note`` pseudo-rows         snapped)
``2016-kg-km``         ,          Date,...,Set Order,kg,Reps,km,Seconds,Notes     kg
=====================  =========  ==============================================  ===========

Localised and unknown-language headers: :mod:`.strong_dialects`.

``Set Order`` is a number (a working set; numbered from 0 in the 2016 dialect, stored from 1),
``W`` a warm-up, ``F`` a failure set, ``D`` a drop set. Warm-up, failure and drop sets carry no
number in the export; they are numbered by their position within the exercise in that workout,
which is stable from one export to the next.
"""

from __future__ import annotations

import pandas as pd

from backday_analysis.importers.cells import (
    MAX_SET_NUMBER,
    Verdicts,
    parse_numbers,
    read_rpe,
    read_units,
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
from backday_analysis.importers.strong_dialects import (
    COLUMN_NAMES,
    DATE_TIME_SHAPE,
    match,
    match_by_position,
)
from backday_analysis.importers.table import Layout, RawTable

__all__ = ["COLUMN_NAMES", "FORMAT", "FORMAT_NAME", "match", "match_by_position", "normalise"]

FORMAT = "strong"
FORMAT_NAME = "Strong"
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"


_KINDS = {"W": "warmup", "F": "failure", "D": "drop"}
_PSEUDO_ROWS = {
    "rest timer": "a Strong rest-timer row, not a set",
    "note": "a Strong note row, not a set",
}


def normalise(table: RawTable, layout: Layout, ctx: ImportContext) -> Parsed:
    """Read a Strong export's rows into canonical sets, non-set rows and rejects."""
    cells = table.cells
    verdicts = row_verdicts(table)

    order = table.column(layout, "set_order")
    pseudo = order.str.casefold().map(_PSEUDO_ROWS)
    verdicts.non_set(pseudo.notna(), pseudo)

    date_text = table.column(layout, "date")
    when = pd.to_datetime(date_text, format=DATE_FORMAT, errors="coerce")
    check_dates(
        when,
        date_text,
        table.lines,
        verdicts,
        table.file,
        FORMAT_NAME,
        "YYYY-MM-DD HH:MM:SS",
        shaped=date_text.str.match(DATE_TIME_SHAPE),
    )
    timed = measured(table, layout, "distance", "seconds")
    held = without_reps(
        parse_numbers(table.column(layout, "seconds"))[0],
        parse_numbers(table.column(layout, "distance"))[0],
    )
    exercise, reps = read_exercise_and_reps(table, layout, verdicts, "exercise", timed, held, ctx)

    numbered = order.str.fullmatch(r"\d+")
    kind = order.map(_KINDS).where(~numbered, "working")
    verdicts.reject(kind.isna(), "Set Order '" + order + "' is not a number, W, F or D")
    given = pd.to_numeric(order.where(numbered), errors="coerce")
    too_big = given > MAX_SET_NUMBER
    verdicts.reject(too_big, "Set Order '" + order + f"' is more than {MAX_SET_NUMBER}")

    weight_text, unit, stated = _weights(table, layout, verdicts, ctx)
    weight = read_weights(weight_text, verdicts)
    if layout.info["base"].startswith("quoted") and "weight_kg" in layout.columns:
        weight, unit = snap_kg(weight)
        unit = unit.where(weight.notna(), "kg")
    elif "weight_kg" in layout.columns:
        unit = pd.Series("kg", index=cells.index, dtype=object)

    rpe_text = table.column(layout, "rpe")
    rpe = read_rpe(rpe_text, verdicts)

    offset = 1 if layout.info["base"] == "2016-kg-km" else 0
    given = given.where(~too_big) + offset
    position = numbered_by_position(verdicts, date_text, exercise)
    set_number = given.astype("Int64").where(numbered, position)

    return finish(
        table,
        layout,
        verdicts,
        ctx,
        format=FORMAT,
        stated_unit=stated,
        performed_at=when,
        exercise=exercise,
        set_number=set_number,
        set_kind=kind.fillna(""),
        weight=weight,
        unit=unit,
        reps=reps,
        rpe=rpe,
        notes=hold_notes(table.column(layout, "notes"), reps, held),
    )


def _weights(
    table: RawTable, layout: Layout, verdicts: Verdicts, ctx: ImportContext
) -> tuple[pd.Series, pd.Series, str | None]:
    """Return the weight text, each row's unit and the unit the file states (if any)."""
    index = table.cells.index
    if "weight_kg" in layout.columns:
        return table.column(layout, "weight_kg"), pd.Series("kg", index=index), "kg"
    if "weight_lb" in layout.columns:
        return table.column(layout, "weight_lb"), pd.Series("lb", index=index), "lb"
    weight_text = table.column(layout, "weight")
    if "weight_unit" not in layout.columns:
        if ctx.unit is None and verdicts.open.any():
            raise _unit_error(table.file)
        return weight_text, pd.Series(ctx.unit or "", index=index, dtype=object), None
    unit, stated = read_units(
        weight_text,
        table.column(layout, "weight_unit"),
        verdicts,
        ctx.unit,
        written="kg, kgs, lb or lbs",
        no_unit="the file mixes kg and lb, and no --unit was given",
    )
    return weight_text, unit, stated


def _unit_error(file: str) -> Exception:
    from backday_analysis.errors import BackdayError

    return BackdayError(
        f"{file}: this Strong export states no weight unit (Strong writes the "
        "app's kg/lb setting nowhere in this dialect) and the client is not in "
        "the roster; run the import again with --unit kg or --unit lb."
    )
