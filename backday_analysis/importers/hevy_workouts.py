"""Turn workouts from Hevy's API into canonical log rows, by the rules of a Hevy CSV export.

Each set of each exercise becomes one row, through the same steps as a CSV export
(:mod:`.rows`, :mod:`.cells`, :func:`.hevy.read_hevy_sets`): a warm-up is kept as a warm-up
(the weekly table leaves it out), a row with a time or distance and no reps is not a set
unless it is a timed hold of a back exercise (a set of 0 reps, ``held N s`` in its note), the
RPE is kept, and a value Hevy should not send (negative reps, 2,000 kg) rejects its row with
the reason. What the API does differently:

- times are UTC (ISO 8601); each set is dated at its workout's start in the client's time
  zone, to the minute, as a Hevy export writes it, so a workout imported from an export
  and then synced is recognised (see :mod:`backday_analysis.datafolder.hevy_apply`);
- weights are always kg, with conversion noise for people who log in pounds (61.23 kg is
  135 lb): each is kept in the unit it was most likely entered in (:func:`.cells.snap_kg`);
- the exercise is named by its template (:mod:`.hevy_templates`), not by the title in the
  person's language;
- ``set_number`` is the set's ``index`` + 1 and ``session_id`` is ``hevy-<workout id>``, so a
  set is keyed by its workout and position.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from backday_analysis.importers.cells import (
    read_rpe,
    read_set_numbers,
    read_weights,
    snap_kg,
)
from backday_analysis.importers.hevy import read_hevy_sets
from backday_analysis.importers.rows import (
    ImportContext,
    Parsed,
    finish,
    hold_notes,
    row_verdicts,
)
from backday_analysis.importers.table import Layout, RawTable

FORMAT = "hevy-api"
COLUMNS = (
    "workout_id",
    "workout_title",
    "start_time",
    "template_id",
    "exercise_title",
    "set_index",
    "set_type",
    "weight",
    "reps",
    "distance",
    "duration_seconds",
    "rpe",
    "exercise_notes",
    "problem",
)
_EARLIEST = pd.Timestamp("1900-01-01", tz="UTC")
_LATEST = pd.Timestamp("2200-01-01", tz="UTC")


@dataclass
class WorkoutRows:
    """Workouts as canonical rows: ``parsed.sets`` has a ``workout_id`` column besides ``line``.

    ``workouts`` has one row per workout id given (``workout_id, start``: its local start,
    missing if unreadable); ``where`` describes each line (workout, day, exercise, set) for
    messages, and ``workout_of`` gives each line's workout id, rejected lines' too.
    """

    parsed: Parsed
    workouts: pd.DataFrame
    where: dict[int, str]
    workout_of: dict[int, str]


def session_id(workout_id: str) -> str:
    """Return the log's ``session_id`` of a workout synced from Hevy."""
    return f"hevy-{workout_id}"


def export_session_id(start: pd.Timestamp) -> str:
    """Return the ``session_id`` a Hevy CSV export gave the workout starting at ``start``."""
    return f"hevy-{start:%Y%m%d-%H%M%S}"


def _text(value) -> str:
    """Return a JSON value as the text a CSV cell would hold (numbers without float noise)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # As format_numbers writes them, for one value at a time (a Series each is slow).
        text = np.format_float_positional(round(value, 6), trim="-")
        return "0" if text == "-0" else text
    return str(value).strip()


def _flatten(workouts: list[dict], name_of: Callable[[str, str], str]) -> list[list[str]]:
    rows = []
    for workout in workouts:
        head = [_text(workout.get(k)) for k in ("id", "title", "start_time")]
        exercises = workout.get("exercises")
        if not isinstance(exercises, list):
            rows.append([*head, "", "", "", "", "", "", "", "", "", "", "no exercises list"])
            continue
        for exercise in sorted(exercises, key=lambda e: _order(e)):
            template = _text(exercise.get("exercise_template_id"))
            title = _text(exercise.get("title"))
            named = [template, name_of(template, title) if template else title]
            sets = exercise.get("sets")
            for item in sorted(sets if isinstance(sets, list) else [], key=_order):
                rows.append(
                    [
                        *head,
                        *named,
                        _text(item.get("index")),
                        _text(item.get("type")),
                        _text(item.get("weight_kg")),
                        _text(item.get("reps")),
                        _text(item.get("distance_meters")),
                        _text(item.get("duration_seconds")),
                        _text(item.get("rpe")),
                        _text(exercise.get("notes")),
                        "" if head[0] else "the workout has no id",
                    ]
                )
    return rows


def _order(item) -> float:
    index = item.get("index") if isinstance(item, dict) else None
    return float(index) if isinstance(index, int | float) else float("inf")


def workout_rows(
    workouts: list[dict], ctx: ImportContext, name_of: Callable[[str, str], str], label: str
) -> WorkoutRows:
    """Return Hevy API workouts as canonical rows (see the module docstring).

    Parameters
    ----------
    workouts : list of dict
        Workouts as the API gives them.
    ctx : ImportContext
        The client, the unit for the log, the time zone and which holds count.
    name_of : callable
        ``name_of(template_id, title)`` gives the log's exercise name.
    label : str
        How the batch is named in messages (``Hevy API``).
    """
    workouts = [w for w in workouts if isinstance(w, dict)]
    rows = _flatten(workouts, name_of)
    cells = pd.DataFrame(rows, columns=range(len(COLUMNS)), dtype="str")
    if cells.empty:
        cells = pd.DataFrame({i: pd.Series(dtype="str") for i in range(len(COLUMNS))})
    layout = Layout("json", ",", {c: i for i, c in enumerate(COLUMNS)}, len(COLUMNS))
    lines = pd.Series(np.arange(1, len(cells) + 1, dtype="int64"), index=cells.index)
    table = RawTable(
        file=label,
        header=list(COLUMNS),
        cells=cells,
        lines=lines,
        fields=pd.Series(len(COLUMNS), index=cells.index, dtype="int64"),
        raw={},
        free_text=(COLUMNS.index("exercise_notes"), COLUMNS.index("workout_title")),
    )
    verdicts = row_verdicts(table)
    problem = table.column(layout, "problem")
    verdicts.reject(problem != "", problem)
    start = table.column(layout, "start_time")
    when = local_starts(start, ctx.timezone)
    verdicts.reject(when.isna(), "the start_time '" + start + "' is not an ISO 8601 time")
    exercise, reps, kind, held = read_hevy_sets(table, layout, verdicts, ctx)
    number = read_set_numbers(table.column(layout, "set_index"), verdicts, "set index", 0)
    weight, unit = snap_kg(read_weights(table.column(layout, "weight"), verdicts))
    parsed = finish(
        table,
        layout,
        verdicts,
        ctx,
        format=FORMAT,
        stated_unit="kg",
        performed_at=when,
        exercise=exercise,
        set_number=number + 1,
        set_kind=kind,
        weight=weight,
        unit=unit,
        reps=reps,
        rpe=read_rpe(table.column(layout, "rpe"), verdicts),
        notes=hold_notes(table.column(layout, "exercise_notes"), reps, held),
    )
    ids = table.column(layout, "workout_id")
    by_line = dict(zip(lines, ids, strict=True))
    parsed.sets["workout_id"] = parsed.sets["line"].map(by_line).astype(str)
    parsed.sets["session_id"] = "hevy-" + parsed.sets["workout_id"]
    given = pd.Series([_text(w.get("id")) for w in workouts], dtype="str")
    starts = local_starts(pd.Series([_text(w.get("start_time")) for w in workouts]), ctx.timezone)
    known = pd.DataFrame({"workout_id": given, "start": starts.to_numpy()})
    known = known.loc[known["workout_id"] != ""]
    return WorkoutRows(parsed, known, _where(table, layout, when), by_line)


def local_starts(text: pd.Series, timezone: str) -> pd.Series:
    """Return ISO 8601 UTC times as local times in ``timezone``, to the minute (NaT if bad)."""
    utc = pd.to_datetime(text, utc=True, errors="coerce", format="ISO8601")
    utc = utc.where((utc >= _EARLIEST) & (utc < _LATEST))
    local = utc.dt.tz_convert(timezone).dt.tz_localize(None).dt.floor("min")
    return local.astype("datetime64[ns]")


def _where(table: RawTable, layout: Layout, when: pd.Series) -> dict[int, str]:
    """Describe each line for a message: workout, day, exercise and set."""
    day = when.dt.strftime("%Y-%m-%d").fillna("an unreadable day")
    title = table.column(layout, "workout_title").str.slice(0, 60)
    exercise = table.column(layout, "exercise_title").str.slice(0, 60)
    number = table.column(layout, "set_index")
    text = "workout '" + title + "' of " + day + ", " + exercise + " set index " + number
    return dict(zip(table.lines, text, strict=True))
