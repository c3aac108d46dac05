"""Recognise a Strong export's dialect from its header: English, translated, or by position.

Localised headers are read by their known translations (French: ``Nom de l'exercice``,
``Ordre de la série``, ``Poids``, ``Réps``...; dialect suffix ``-fr``); a header in another
language is read by position (suffix ``-by-position``) only if its column count matches a
comma layout (or the semicolon one) and its first rows hold a Strong date, a set order and
numeric reps and weight where that layout has them.
"""

from __future__ import annotations

import re

import pandas as pd

from backday_analysis.importers.fold import ascii_fold
from backday_analysis.importers.table import Layout

DATE_TIME_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")


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


def _key(cell: str) -> str:
    return " ".join(ascii_fold(cell).split())


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
    cells = [_key(c) for c in header]
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
    dates = sample[at["date"]].str.match(DATE_TIME_SHAPE)
    orders = sample[at["set_order"]].str.fullmatch(r"\d+|[WFD]")
    reps = sample[at["reps"]].str.fullmatch(r"\d*")
    weight_key = "weight" if "weight" in at else "weight_kg"
    weights = sample[at[weight_key]].str.fullmatch(r"(\d+([.,]\d*)?)?")
    if dates.all() and orders.all() and reps.all() and weights.all():
        return _layout(dialect, keys, "-by-position")
    return None
