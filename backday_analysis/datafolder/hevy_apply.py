"""Apply workouts from Hevy's API to a client's log in memory: per workout, replace or remove.

The log's rows of a workout are those with ``session_id`` ``hevy-<workout id>`` (synced),
and those a Hevy CSV export brought in for the same start (``source`` ``hevy`` and the
export's session id), so a client who sent exports before being connected gets nothing twice.

- A workout Hevy lists (a first sync, or an ``updated`` event) whose sets equal the log's
  rows of it (same times, names, set numbers and kinds, loads, reps, RPE and notes) is left
  as it is: a sync run twice, or over a change feed that repeats itself, adds nothing.
- Otherwise its rows are replaced by the new ones (an edited workout), or added (a new one).
- A workout that brings no set is not "unchanged": if the log holds it and every set of it
  Hevy sent was rejected, the log keeps its rows (a refused edit changes nothing); if the
  log does not hold it, there is nothing to add.
- A ``deleted`` workout's rows are removed; so are, in a full sync, the synced workouts Hevy
  no longer lists.

Every set read is accounted for: added, unchanged, not a set (:mod:`backday_analysis.importers`
rules) or rejected with its reason, which names the workout, day, exercise and set.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from backday_analysis.canonical import LOG_COLUMNS
from backday_analysis.datafolder.csv_cells import line_numbers
from backday_analysis.datafolder.logs import parse_log
from backday_analysis.datafolder.merge import FAR_FUTURE, ClientLog
from backday_analysis.importers.hevy_workouts import WorkoutRows, export_session_id, session_id

API_SOURCE = "hevy-api"
EXPORT_SOURCE = "hevy"


@dataclass
class Applied:
    """A batch applied to a log: the new rows (those added last, from ``start``) and counts."""

    rows: pd.DataFrame
    start: int
    added: int = 0
    removed: int = 0
    unchanged: int = 0
    workouts_changed: int = 0
    workouts_unchanged: int = 0
    workouts_deleted: int = 0
    workouts_kept: int = 0
    workouts_without_sets: int = 0
    rejected: list[dict] = field(default_factory=list)
    typed: pd.DataFrame = field(default_factory=pd.DataFrame)


def _signature(typed: pd.DataFrame) -> list[tuple]:
    """Return a workout's sets as sorted tuples of what a person logged."""
    if typed.empty:
        return []
    frame = pd.DataFrame(
        {
            "when": typed["performed_at"].dt.strftime("%Y-%m-%d %H:%M"),
            "name": typed["exercise"].astype(str).str.casefold().str.split().str.join(" "),
            "number": typed["set_number"].astype("Int64").fillna(-1).astype("int64"),
            "kind": typed["set_kind"].astype(str),
            "centigrams": (typed["weight_kg"].astype(float) * 100).round().astype("int64"),
            "reps": typed["reps"].astype("int64"),
            "rpe": typed["rpe"].astype(float).round(1).fillna(-1.0),
            "notes": typed["notes"].astype(str).str.strip(),
        }
    )
    return sorted(frame.itertuples(index=False, name=None))


def _typed(rows: pd.DataFrame, client: str, unit: str, label: str, today) -> tuple:
    """Return rows of canonical text typed (weights in kg), with ``position`` in ``rows``."""
    text = rows.loc[:, list(LOG_COLUMNS)].to_csv(index=False, lineterminator="\n")
    typed, refused, _ = parse_log(text, client, unit, label, today)
    # A cell may span lines (a note typed with a line break): find rows by their first line.
    position = pd.Series(np.arange(len(rows)), index=line_numbers(text, len(rows)))
    typed = typed.assign(position=position[typed["line"]].to_numpy())
    return typed, refused.assign(position=position[refused["line"]].to_numpy())


def workout_mask(rows: pd.DataFrame, workout_id: str, start) -> pd.Series:
    """Return the log rows of one workout: synced ones, and an export's of the same start."""
    mask = rows["session_id"] == session_id(workout_id)
    # None, NaT and "" (the cache's mark for a start Hevy sent unreadable) are all NaT.
    when = pd.Timestamp(start)
    if not pd.isna(when):
        export = export_session_id(when)
        mask |= (rows["source"] == EXPORT_SOURCE) & (rows["session_id"] == export)
    return mask


def apply_workouts(
    log: ClientLog,
    batch: WorkoutRows,
    deleted: dict[str, str | None],
    full: bool,
    client: str,
    unit: str,
    today: dt.date,
) -> Applied:
    """Apply workouts from Hevy to a client's log rows, in memory (see the module docstring).

    Parameters
    ----------
    log : ClientLog
        The client's log as read (rows as text).
    batch : WorkoutRows
        The workouts Hevy listed, as canonical rows.
    deleted : dict
        Ids of deleted workouts to their local start (``YYYY-MM-DD HH:MM``) if known.
    full : bool
        Hevy listed every workout: synced workouts it did not list are removed too.
    """
    rows = log.rows.reset_index(drop=True)
    candidates = batch.parsed.sets.reset_index(drop=True)
    typed, refused = _typed(candidates, client, unit, batch.parsed.file, today)
    typed["workout_id"] = candidates["workout_id"].to_numpy()[typed["position"].to_numpy()]
    rejected = [
        {"where": batch.where[int(line)], "reason": str(reason)}
        for line, reason in batch.parsed.rejected.itertuples(index=False, name=None)
    ] + [
        {"where": batch.where[int(candidates.at[p, "line"])], "reason": str(reason)}
        for p, reason in zip(refused["position"], refused["reason"], strict=True)
    ]
    starts = dict(zip(batch.workouts["workout_id"], batch.workouts["start"], strict=True))
    masks = {w: workout_mask(rows, w, s) for w, s in starts.items()}
    masks |= {w: workout_mask(rows, w, s) for w, s in deleted.items() if w not in masks}
    relevant = pd.Series(False, index=rows.index)
    for mask in masks.values():
        relevant |= mask
    old, _ = _typed(rows.loc[relevant], client, unit, "the log", FAR_FUTURE)
    old.index = rows.index[relevant][old["position"].to_numpy()]

    refused_lines = [*batch.parsed.rejected["line"], *candidates.loc[refused["position"], "line"]]
    with_refusals = {batch.workout_of.get(int(line)) for line in refused_lines}
    remove = pd.Series(False, index=rows.index)
    added = []
    counts = dict.fromkeys(
        ("changed", "unchanged", "deleted", "same_sets", "kept", "without_sets"), 0
    )
    for workout in starts:
        mask = masks[workout]
        new = typed.loc[typed["workout_id"] == workout]
        if new.empty and not mask.any():
            counts["without_sets"] += 1
            continue
        if new.empty and workout in with_refusals:
            counts["kept"] += 1
            continue
        if _signature(old.loc[old.index.intersection(rows.index[mask])]) == _signature(new):
            counts["unchanged"] += 1
            counts["same_sets"] += len(new)
            continue
        counts["changed"] += 1
        remove |= mask
        added.append(candidates.iloc[new["position"].to_numpy()])
    for workout in deleted:
        if workout not in starts and masks[workout].any():
            counts["deleted"] += 1
            remove |= masks[workout]
    if full:
        listed = {session_id(w) for w in starts}
        gone = (rows["source"] == API_SOURCE) & ~rows["session_id"].isin(listed)
        counts["deleted"] += rows.loc[gone, "session_id"].nunique()
        remove |= gone
    kept = rows.loc[~remove]
    new_rows = pd.concat(
        [c.loc[:, list(LOG_COLUMNS)] for c in added] or [pd.DataFrame(columns=list(LOG_COLUMNS))],
        ignore_index=True,
    )
    return Applied(
        rows=pd.concat([kept, new_rows], ignore_index=True),
        start=len(kept),
        added=len(new_rows),
        removed=int(remove.sum()),
        unchanged=counts["same_sets"],
        workouts_changed=counts["changed"],
        workouts_unchanged=counts["unchanged"],
        workouts_deleted=counts["deleted"],
        workouts_kept=counts["kept"],
        workouts_without_sets=counts["without_sets"],
        rejected=rejected,
        typed=typed,
    )
