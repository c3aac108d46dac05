"""The weekly report's exercise table: loads as the client logged them, and the effective load.

Strong and Hevy show what was typed: the added weight, the assistance, or nothing for a
bodyweight set. The table shows the same, and beside it the effective load that tonnage and
one-rep maxes use (bodyweight from the roster plus the added weight, or minus the
assistance), so the numbers match the client's app and nothing is silently converted.
"""

from __future__ import annotations

import pandas as pd

from backday_analysis.canonical import kg_to
from backday_analysis.metrics.weekly import working_sets


def exercises_table(report) -> pd.DataFrame:
    """Return the exercises done this week: working sets, reps and loads, in session order.

    ``Load as logged`` is what the client wrote: the weight, ``bodyweight`` (with any added
    weight) or the machine's ``assistance``. ``Effective load`` is what tonnage and one-rep
    maxes use, filled for bodyweight and assisted exercises only: the roster's bodyweight
    plus the added weight, or minus the assistance.
    """
    logged, effective = f"Load as logged ({report.unit})", f"Effective load ({report.unit})"
    columns = ["Day", "Exercise", "Sets", "Reps", logged, effective]
    week = working_sets(report.week_sets)
    if week.empty:
        return pd.DataFrame(columns=columns)
    catalogue = report.dataset.catalogue
    names = dict(zip(catalogue["exercise_id"], catalogue["name"], strict=True))
    kinds = _load_types(catalogue)
    factor = kg_to(report.unit)
    shown = week.assign(
        day=week["performed_at"].dt.strftime("%a %d %b"),
        name=week["exercise_id"].map(names).fillna(week["exercise"] + " (not in catalogue)"),
        kind=week["exercise_id"].map(kinds).fillna("external"),
        order=range(len(week)),
        weight=(week["weight_kg"] * factor).round(1),
        load=(week["load_kg"] * factor).round(1),
    )
    grouped = (
        shown.groupby(["day", "session_id", "name"], sort=False)
        .agg(
            start=("performed_at", "min"),
            order=("order", "min"),
            sets=("reps", "size"),
            reps=("reps", lambda r: " / ".join(map(str, r))),
            kind=("kind", "first"),
            weight=("weight", list),
            load=("load", list),
        )
        .reset_index()
        .sort_values(["start", "order"])
    )
    return pd.DataFrame(
        {
            "Day": grouped["day"].to_numpy(),
            "Exercise": grouped["name"].to_numpy(),
            "Sets": grouped["sets"].to_numpy(),
            "Reps": grouped["reps"].to_numpy(),
            logged: [
                _as_logged(k, w) for k, w in zip(grouped["kind"], grouped["weight"], strict=True)
            ],
            effective: [
                _loads(x) if k in LOAD_WORDS else ""
                for k, x in zip(grouped["kind"], grouped["load"], strict=True)
            ],
        }
    )


#: How a load type's logged weight reads in the exercise table.
LOAD_WORDS = {"bodyweight": "bodyweight", "assisted": "assistance"}


def _load_types(catalogue: pd.DataFrame) -> dict[str, str]:
    """Return each exercise's load type (``external``, ``bodyweight``, ``assisted``) by id."""
    return dict(zip(catalogue["exercise_id"], catalogue["load_type"], strict=True))


def _loads(values) -> str:
    return " / ".join(f"{x:g}" for x in values)


def _as_logged(kind: str, weights) -> str:
    """Return the logged weights of one exercise's sets as the client wrote them."""
    if kind == "bodyweight":
        return "bodyweight" if not any(weights) else f"bodyweight + {_loads(weights)}"
    if kind == "assisted":
        return "bodyweight" if not any(weights) else f"assistance {_loads(weights)}"
    return _loads(weights)


def exercises_note(report) -> str:
    """Return the note under the exercise table on how effective loads were found.

    There is one when the table has an effective load: when a working set this week is of a
    bodyweight or assisted exercise.
    """
    week = working_sets(report.week_sets)
    kinds = week["exercise_id"].map(_load_types(report.dataset.catalogue))
    if not kinds.isin(list(LOAD_WORDS)).any():
        return ""
    bodyweight = report.dataset.roster.set_index("client_id").at[report.client_id, "bodyweight_kg"]
    if pd.isna(bodyweight):
        return (
            "The roster has no bodyweight for this client, so the effective load counts the "
            "added weight alone and an assisted set zero; add bodyweight_kg to roster.csv."
        )
    weight = f"{round(float(bodyweight) * kg_to(report.unit), 1):g} {report.unit}"
    return (
        f"Effective load: the roster's bodyweight ({weight}) plus the added weight, or minus "
        "the assistance. Tonnage and one-rep max estimates use it."
    )
