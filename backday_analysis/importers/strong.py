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

Localised headers are read by their known translations (French: ``Nom de l'exercice``,
``Ordre de la série``, ``Poids``, ``Réps``...; dialect suffix ``-fr``); a header in another
language is read by position (suffix ``-by-position``) only if its column count matches a
comma layout (or the semicolon one) and its first rows hold a Strong date, a set order and
numeric reps and weight where that layout has them.

``Set Order`` is a number (a working set; numbered from 0 in the 2016 dialect, stored from 1),
``W`` a warm-up, ``F`` a failure set, ``D`` a drop set. Warm-up, failure and drop sets carry no
number in the export; they are numbered by their position within the exercise in that workout,
which is stable from one export to the next.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from backday_analysis.importers import (
    MAX_SET_NUMBER,
    UNITS,
    ImportContext,
    Parsed,
    Verdicts,
    build,
    check_dates,
    derived_set_numbers,
    measured,
    read_exercise_and_reps,
    read_rpe,
    read_weights,
    snap_kg,
)
from backday_analysis.importers.detect import Layout, RawTable

FORMAT = "strong"
FORMAT_NAME = "Strong"
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")

_ENGLISH = {
    "date": "date",
    "workout #": "workout_number",
    "workout name": "workout",
    "duration": "duration",
    "duration (sec)": "duration",
    "workout duration": "duration",
    "exercise name": "exercise",
    "set order": "set_order",
    "weight": "weight",
    "weight (kg)": "weight_kg",
    "kg": "weight_kg",
    "weight (lbs)": "weight_lb",
    "weight (lb)": "weight_lb",
    "weight unit": "weight_unit",
    "reps": "reps",
    "rpe": "rpe",
    "distance": "distance",
    "distance (meters)": "distance",
    "km": "distance",
    "distance unit": "distance_unit",
    "seconds": "seconds",
    "notes": "notes",
    "workout notes": "workout_notes",
}
_TRANSLATIONS = {
    "fr": {
        "date": "date",
        "nom de l'entrainement": "workout",
        "duree": "duration",
        "nom de l'exercice": "exercise",
        "ordre de la serie": "set_order",
        "poids": "weight",
        "reps": "reps",
        "distance": "distance",
        "secondes": "seconds",
        "notes": "notes",
        "notes d'entrainement": "workout_notes",
        "rpe": "rpe",
    },
}

COLUMN_NAMES = (*_ENGLISH, *(name for names in _TRANSLATIONS.values() for name in names))

_LAYOUTS = {
    "comma-12": (
        ",",
        (
            "date",
            "workout",
            "duration",
            "exercise",
            "set_order",
            "weight",
            "reps",
            "distance",
            "seconds",
            "notes",
            "workout_notes",
            "rpe",
        ),
    ),
    "comma-10-legacy": (
        ",",
        (
            "date",
            "workout",
            "exercise",
            "set_order",
            "weight",
            "reps",
            "distance",
            "seconds",
            "notes",
            "workout_notes",
        ),
    ),
    "semicolon-units": (
        ";",
        (
            "date",
            "workout",
            "exercise",
            "set_order",
            "weight",
            "weight_unit",
            "reps",
            "rpe",
            "distance",
            "distance_unit",
            "seconds",
            "notes",
            "workout_notes",
            "duration",
        ),
    ),
    "quoted-workout-no": (
        ";",
        (
            "workout_number",
            "date",
            "workout",
            "duration",
            "exercise",
            "set_order",
            "weight_kg",
            "reps",
            "rpe",
            "distance",
            "seconds",
            "notes",
            "workout_notes",
        ),
    ),
    "quoted-workout-no-lb": (
        ";",
        (
            "workout_number",
            "date",
            "workout",
            "duration",
            "exercise",
            "set_order",
            "weight_lb",
            "reps",
            "rpe",
            "distance",
            "seconds",
            "notes",
            "workout_notes",
        ),
    ),
    "2016-kg-km": (
        ",",
        (
            "date",
            "workout",
            "exercise",
            "set_order",
            "weight_kg",
            "reps",
            "distance",
            "seconds",
            "notes",
        ),
    ),
}
_BY_POSITION = {
    (",", 12): "comma-12",
    (",", 10): "comma-10-legacy",
    (",", 9): "2016-kg-km",
    (";", 14): "semicolon-units",
}
_KINDS = {"W": "warmup", "F": "failure", "D": "drop"}
_PSEUDO_ROWS = {
    "rest timer": "a Strong rest-timer row, not a set",
    "note": "a Strong note row, not a set",
}


def _key(cell: str) -> str:
    text = unicodedata.normalize("NFKD", cell).encode("ascii", "ignore").decode()
    return " ".join(text.replace("\u2019", "'").casefold().split())


def _layout(dialect: str, keys: list[str], suffix: str = "") -> Layout:
    delimiter, _ = _LAYOUTS[dialect]
    return Layout(
        dialect=dialect + suffix,
        delimiter=delimiter,
        columns={k: i for i, k in enumerate(keys)},
        width=len(keys),
        info={"base": dialect},
    )


def match(header: list[str]) -> Layout | None:
    """Return the Strong dialect whose column names the header has, or None."""
    cells = [_key(c.replace("\u2019", "'")) for c in header]
    for language, names in (("", _ENGLISH), *_TRANSLATIONS.items()):
        keys = [names.get(c) for c in cells]
        if None in keys:
            continue
        for dialect, (_, wanted) in _LAYOUTS.items():
            if sorted(keys) == sorted(wanted):
                return _layout(dialect, keys, f"-{language}" if language else "")
    return None


def match_by_position(header: list[str], delimiter: str, sample: pd.DataFrame) -> Layout | None:
    """Read a header in an unknown language by position, if the first rows fit the layout."""
    dialect = _BY_POSITION.get((delimiter, len(header)))
    if dialect is None or sample.empty:
        return None
    keys = list(_LAYOUTS[dialect][1])
    at = {k: i for i, k in enumerate(keys)}
    dates = sample[at["date"]].str.match(_DATE)
    orders = sample[at["set_order"]].str.fullmatch(r"\d+|[WFD]")
    reps = sample[at["reps"]].str.fullmatch(r"\d*")
    weight_key = "weight" if "weight" in at else "weight_kg"
    weights = sample[at[weight_key]].str.fullmatch(r"(\d+([.,]\d*)?)?")
    if dates.all() and orders.all() and reps.all() and weights.all():
        return _layout(dialect, keys, "-by-position")
    return None


def normalise(table: RawTable, layout: Layout, ctx: ImportContext) -> Parsed:
    """Read a Strong export's rows into canonical sets, non-set rows and rejects."""
    cells = table.cells
    verdicts = Verdicts(cells.index)
    wrong_width, width_reason = table.width_problems()
    verdicts.reject(wrong_width, width_reason)
    verdicts.reject(*table.long_cells())

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
        shaped=date_text.str.match(_DATE),
    )
    timed = measured(table, layout, "distance", "seconds")
    exercise, reps = read_exercise_and_reps(table, layout, verdicts, "exercise", timed)

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
    position = pd.Series(pd.NA, index=cells.index, dtype="Int64")
    open_rows = verdicts.open
    if open_rows.any():
        position[open_rows] = derived_set_numbers(
            [date_text[open_rows], exercise[open_rows]]
        ).astype("Int64")
    set_number = given.astype("Int64").where(numbered, position)

    rows = pd.DataFrame(
        {
            "line": table.lines,
            "performed_at": when,
            "exercise": exercise,
            "set_number": set_number,
            "set_kind": kind.fillna(""),
            "weight": weight,
            "unit": unit,
            "reps": reps,
            "rpe": rpe,
            "notes": table.column(layout, "notes"),
        }
    )
    return build(
        file=table.file,
        format=FORMAT,
        dialect=layout.dialect,
        rows=rows,
        verdicts=verdicts,
        source=FORMAT,
        ctx=ctx,
        stated_unit=stated,
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
    unit_text = table.column(layout, "weight_unit")
    unit = unit_text.str.casefold().map(UNITS)
    stated = unit.dropna().unique()
    verdicts.reject(
        unit.isna() & (unit_text != ""),
        "the weight unit '" + unit_text + "' is not kg, kgs, lb or lbs",
    )
    fill = stated[0] if len(stated) == 1 else ctx.unit
    blank = unit_text == ""
    if fill is None:
        verdicts.reject(
            blank & (weight_text != ""),
            "the weight has no unit (the file mixes kg and lb, and no --unit was given)",
        )
    unit = unit.where(~blank, fill or "")
    dominant = unit.loc[~blank].mode()
    return weight_text, unit, (str(dominant.iloc[0]) if len(dominant) else None)


def _unit_error(file: str) -> Exception:
    from backday_analysis.errors import BackdayError

    return BackdayError(
        f"{file}: this Strong export states no weight unit (Strong writes the "
        "app's kg/lb setting nowhere in this dialect) and the client is not in "
        "the roster; run the import again with --unit kg or --unit lb."
    )
