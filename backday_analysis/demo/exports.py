"""Write the demo's generated sets in the apps' own formats (Strong, Hevy, FitNotes, Fitbod).

Each writer takes the generated sets table of :mod:`backday_analysis.demo.generate` and returns
the file's text exactly as the app writes it, so the demo goes through the real importers.
"""

from __future__ import annotations

import csv

import numpy as np
import pandas as pd

from backday_analysis.canonical import LB_TO_KG


def strong_export(sets: pd.DataFrame) -> str:
    """Return generated sets as a Strong export (comma dialect, 12 columns, kg).

    Warm-ups are marked ``W``; working sets are numbered from 1 within each exercise.
    """
    warm = sets["set_kind"] == "warmup"
    working_number = sets.loc[~warm].groupby(["session_id", "exercise"]).cumcount().add(1)
    out = pd.DataFrame(
        {
            "Date": sets["performed_at"].dt.strftime("%Y-%m-%d %H:%M:%S"),
            "Workout Name": sets["workout"],
            "Duration": "58m",
            "Exercise Name": sets["exercise"],
            "Set Order": working_number.astype(str).reindex(sets.index, fill_value="W"),
            "Weight": sets["weight"].round(2),
            "Reps": sets["reps"],
            "Distance": 0,
            "Seconds": 0,
            "Notes": "",
            "Workout Notes": "",
            "RPE": "",
        }
    )
    return out.to_csv(index=False, lineterminator="\n")


def hevy_export(sets: pd.DataFrame, unit: str = "lb") -> str:
    """Return generated sets as a Hevy export in ``unit`` (kg or lb), newest workout first."""
    start = sets["performed_at"]
    end = start + pd.Timedelta(minutes=62)
    stamp = "%-d %b %Y, %H:%M"
    out = pd.DataFrame(
        {
            "title": sets["workout"],
            "start_time": start.dt.strftime(stamp),
            "end_time": end.dt.strftime(stamp),
            "description": "",
            "exercise_title": sets["exercise"],
            "superset_id": "",
            "exercise_notes": "",
            "set_index": sets.groupby(["session_id", "exercise"]).cumcount(),
            "set_type": np.where(sets["set_kind"] == "warmup", "warmup", "normal"),
            f"weight_{'lbs' if unit == 'lb' else 'kg'}": [
                round(w / (LB_TO_KG if unit == "lb" else 1.0), 1) if w else None
                for w in sets["weight"]
            ],
            "reps": sets["reps"],
            "distance_miles": "",
            "duration_seconds": "",
            "rpe": "",
        }
    )
    order = np.lexsort((np.arange(len(out)), -start.astype("int64").to_numpy()))
    # Hevy quotes text and leaves numbers and empty cells bare.
    text = out.iloc[order].to_csv(index=False, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    return text.replace('""', "")


def fitnotes_export(sets: pd.DataFrame) -> str:
    """Return generated working sets as a FitNotes export (Weight and Weight Unit columns)."""
    working = sets.loc[sets["set_kind"] != "warmup"]
    out = pd.DataFrame(
        {
            "Date": working["performed_at"].dt.strftime("%Y-%m-%d"),
            "Exercise": working["exercise"],
            "Category": np.where(working["exercise"].str.contains("Curl"), "Biceps", "Back"),
            "Weight": working["weight"].map(lambda w: f"{w:.1f}"),
            "Weight Unit": "kgs",
            "Reps": working["reps"],
            "Distance": "",
            "Distance Unit": "",
            "Time": "",
            "Comment": "",
        }
    )
    return out.to_csv(index=False, lineterminator="\n")


def fitbod_export(sets: pd.DataFrame, timezone: str) -> str:
    """Return generated sets as a Fitbod export: UTC times, newest workout first, kg.

    ``timezone`` is the client's zone, in which the generated times are local. Fitbod writes
    kg with conversion noise and a leading space before some numbers; the noise here stays
    within a gram, so the importer snaps each weight back to its plate value.
    """
    utc = sets["performed_at"].dt.tz_localize(timezone).dt.tz_convert("UTC")
    dumbbell = sets["exercise"].str.contains("Dumbbell")
    out = pd.DataFrame(
        {
            "Date": utc.dt.strftime("%Y-%m-%d %H:%M:%S +0000"),
            "Exercise": sets["exercise"],
            "Reps": " " + sets["reps"].astype(str),
            "Weight(kg)": [repr(float(w) * (1 + 1e-9)) if w else "0.0" for w in sets["weight"]],
            "Duration(s)": "0.0",
            "Distance(m)": "0.0",
            "Incline": "0.0",
            "Resistance": "0.0",
            "isWarmup": np.where(sets["set_kind"] == "warmup", "true", "false"),
            "Note": "",
            "multiplier": np.where(dumbbell, " 2.0", " 1.0"),
        }
    )
    order = np.lexsort((np.arange(len(out)), -utc.astype("int64").to_numpy()))
    return out.iloc[order].to_csv(index=False, lineterminator="\n")
