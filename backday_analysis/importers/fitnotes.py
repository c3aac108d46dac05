"""FitNotes exports.

Headers (each optionally followed by ``,Comment``)::

    Date,Exercise,Category,Weight (lbs),Reps,Distance,Distance Unit,Time      -> weight-lbs
    Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time      -> weight-kgs
    Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time -> weight-unit

Dates only (``YYYY-MM-DD``), oldest first, no workouts and no set numbers: a day's sets of one
exercise form one session dated at midnight, and each set is numbered by its order within the
day and exercise (stable from one export to the next, since the app re-exports the whole
history in the same order). FitNotes has no warm-up flag: every set is a working set.

Some exports hold exercise names with unquoted commas (``Curl, Hammer``), which shift the row
by one field per comma. Such a row is recovered, not rejected: the extra fields belong to the
name, and the recovered row must then have a category the file uses elsewhere (or one of
FitNotes' built-in categories) and numbers where the numbers go. Only the broken lines are
handled one by one.
"""

from __future__ import annotations

import pandas as pd

from backday_analysis.importers.cells import (
    Verdicts,
    parse_numbers,
    read_units,
    read_weights,
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

FORMAT = "fitnotes"
FORMAT_NAME = "FitNotes"
BUILT_IN_CATEGORIES = (
    "Abs",
    "Back",
    "Biceps",
    "Cardio",
    "Chest",
    "Legs",
    "Shoulders",
    "Triceps",
    "Forearms",
    "Calves",
    "Glutes",
    "Hamstrings",
    "Quads",
)
_NAMES = {
    "date": "date",
    "exercise": "exercise",
    "category": "category",
    "weight (lbs)": "weight_lb",
    "weight (lb)": "weight_lb",
    "weight (kgs)": "weight_kg",
    "weight (kg)": "weight_kg",
    "weight": "weight",
    "weight unit": "weight_unit",
    "reps": "reps",
    "distance": "distance",
    "distance unit": "distance_unit",
    "time": "time",
    "comment": "comment",
}
COLUMN_NAMES = tuple(_NAMES)
_LAYOUTS = {
    "weight-lbs": (
        "date",
        "exercise",
        "category",
        "weight_lb",
        "reps",
        "distance",
        "distance_unit",
        "time",
    ),
    "weight-kgs": (
        "date",
        "exercise",
        "category",
        "weight_kg",
        "reps",
        "distance",
        "distance_unit",
        "time",
    ),
    "weight-unit": (
        "date",
        "exercise",
        "category",
        "weight",
        "weight_unit",
        "reps",
        "distance",
        "distance_unit",
        "time",
    ),
}


def match(header: list[str]) -> Layout | None:
    """Return the FitNotes dialect of the header, or None."""
    keys = tuple(_NAMES.get(c.strip().casefold()) for c in header)
    comment = keys[-1:] == ("comment",)
    body = keys[:-1] if comment else keys
    for dialect, wanted in _LAYOUTS.items():
        if body == wanted:
            return Layout(
                dialect=dialect + ("+comment" if comment else ""),
                delimiter=",",
                columns={k: i for i, k in enumerate(keys)},
                width=len(keys),
                info={"base": dialect},
            )
    return None


def recover_commas(table: RawTable, layout: Layout) -> None:
    """Rebuild, in place, rows whose exercise name held unquoted commas."""
    if not table.raw:
        return
    width = layout.width
    category = layout.columns["category"]
    good = table.fields == width
    known = set(table.cells.loc[good, category]) | set(BUILT_IN_CATEGORIES)
    numeric = [
        layout.columns[k]
        for k in ("weight", "weight_lb", "weight_kg", "reps")
        if k in layout.columns
    ]
    for position, fields in table.raw.items():
        extra = len(fields) - width
        if extra <= 0:
            continue
        name = ",".join(fields[1 : 2 + extra]).strip()
        record = [fields[0], name, *fields[2 + extra :]]
        cells = [c.strip() for c in record]
        numbers_fit = all(_is_number_or_empty(cells[i]) for i in numeric)
        if cells[category] in known and numbers_fit:
            table.cells.iloc[position] = cells
            table.fields.iloc[position] = width


def _is_number_or_empty(text: str) -> bool:
    if not text:
        return True
    try:
        float(text)
    except ValueError:
        return False
    return True


def normalise(table: RawTable, layout: Layout, ctx: ImportContext) -> Parsed:
    """Read a FitNotes export's rows into canonical sets, non-set rows and rejects."""
    recover_commas(table, layout)
    verdicts = row_verdicts(table, " and the row could not be recovered")

    date_text = table.column(layout, "date")
    when = pd.to_datetime(date_text, format="%Y-%m-%d", errors="coerce")
    check_dates(
        when,
        date_text,
        table.lines,
        verdicts,
        table.file,
        FORMAT_NAME,
        "YYYY-MM-DD",
        shaped=date_text.str.fullmatch(r"\d{4}-\d{2}-\d{2}"),
    )
    # FitNotes writes the time as text such as 0:01:30.
    timed = measured(table, layout, "distance") | ~table.column(layout, "time").isin(
        ["", "0:00:00", "0:00", "0"]
    )
    clock = pd.to_timedelta(table.column(layout, "time").where(lambda t: t != ""), errors="coerce")
    held = without_reps(
        clock.dt.total_seconds(), parse_numbers(table.column(layout, "distance"))[0]
    )
    exercise, reps = read_exercise_and_reps(table, layout, verdicts, "exercise", timed, held, ctx)

    weight_text, unit, stated = _weights(table, layout, verdicts, ctx)
    weight = read_weights(weight_text, verdicts)

    set_number = numbered_by_position(verdicts, date_text, exercise)
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
        set_kind="working",
        weight=weight,
        unit=unit,
        reps=reps,
        rpe=float("nan"),
        notes=hold_notes(table.column(layout, "comment"), reps, held),
    )


def _weights(
    table: RawTable, layout: Layout, verdicts: Verdicts, ctx: ImportContext
) -> tuple[pd.Series, pd.Series, str | None]:
    index = table.cells.index
    for key, unit in (("weight_lb", "lb"), ("weight_kg", "kg")):
        if key in layout.columns:
            return table.column(layout, key), pd.Series(unit, index=index, dtype=object), unit
    weight_text = table.column(layout, "weight")
    unit, stated = read_units(
        weight_text,
        table.column(layout, "weight_unit"),
        verdicts,
        ctx.unit,
        written="kgs or lbs",
        no_unit="the file mixes kg and lb, or states none, and no --unit was given",
    )
    return weight_text, unit, stated
