"""The canonical log's columns, limits and weight units: the contract every stage shares.

An importer writes rows with :data:`LOG_COLUMNS`; the data folder's loader reads them back and
checks them against the same limits, so anything imported also loads.
"""

from __future__ import annotations

LOG_COLUMNS = (
    "client",
    "performed_at",
    "session_id",
    "exercise",
    "set_number",
    "set_kind",
    "weight",
    "unit",
    "reps",
    "rpe",
    "rir",
    "notes",
    "source",
)
SET_KINDS = ("working", "warmup", "drop", "failure")

#: The international avoirdupois pound, exactly (1959 agreement).
LB_TO_KG = 0.45359237
MAX_REPS = 1000
MAX_WEIGHT_KG = 1000.0

#: How the apps (and ``--unit``) write a weight unit, to the log's ``kg`` or ``lb``.
UNIT_NAMES = {"kg": "kg", "kgs": "kg", "lb": "lb", "lbs": "lb"}


def kg_to(unit: str) -> float:
    """Return the factor that turns a weight in kg into ``unit`` (``kg`` or ``lb``)."""
    return 1.0 / LB_TO_KG if unit == "lb" else 1.0
