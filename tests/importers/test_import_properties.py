"""Property tests: every row is accounted for, and importing in parts equals importing at once.

Random training histories are written as exports in each app's format by the small writers
below (made for these tests, not copied from any real file). Apps re-export the whole history,
so a realistic pair of exports is an earlier one (whole sessions, maybe cut inside the last
one, as when a client exports mid-workout) and a later one that starts at some session at or
before where the earlier one ended.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import FIXTURES, TODAY

from backday_analysis.datafolder.dataset import load_dataset
from backday_analysis.datafolder.ingest import import_exports
from backday_analysis.metrics.weekly import weekly_volume

pytestmark = pytest.mark.slow

EXERCISES = ("Deadlift (Barbell)", "Pull Up", "Mystery Row")
KINDS = ("working", "working", "working", "working", "warmup", "failure", "drop")
START = dt.datetime(2026, 12, 1)  # histories cross the new year and 2026-W53

set_row = st.one_of(
    # Few weights and reps, so identical sets (same key) turn up often.
    st.tuples(
        st.sampled_from(EXERCISES),
        st.sampled_from(KINDS),
        st.sampled_from([0.0, 42.5]),
        st.sampled_from([5, 8]),
    ),
    st.just(("Running", "cardio", 0.0, 0)),
)
# A workout may do the same block of sets twice (Hevy then restarts set_index at 0), which
# puts sets with identical keys in one export.
session = st.tuples(
    st.integers(6, 21),
    st.integers(0, 59),
    st.builds(
        lambda block, twice: block * 2 if twice else block,
        st.lists(set_row, min_size=1, max_size=5),
        st.booleans(),
    ),
)


@st.composite
def histories(draw):
    days = sorted(draw(st.sets(st.integers(0, 60), min_size=1, max_size=6)))
    return [
        (START + dt.timedelta(days=d, hours=h, minutes=m), rows)
        for d, (h, m, rows) in zip(
            days, draw(st.lists(session, min_size=len(days), max_size=len(days))), strict=True
        )
    ]


def _csv(header: list[str], rows: list[list], **kwargs) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", **kwargs)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _number(value: float) -> str:
    return f"{value:g}"


def strong(history) -> str:
    rows = []
    for when, sets in history:
        counters: dict[str, int] = {}
        for name, kind, weight, reps in sets:
            if kind == "cardio":
                order, distance = "1", "5"
            elif kind == "working":
                counters[name] = counters.get(name, 0) + 1
                order, distance = str(counters[name]), "0"
            else:
                order, distance = {"warmup": "W", "failure": "F", "drop": "D"}[kind], "0"
            rows.append(
                [
                    when.strftime("%Y-%m-%d %H:%M:%S"),
                    "Back",
                    "50m",
                    name,
                    order,
                    _number(weight),
                    reps,
                    distance,
                    0,
                    "",
                    "",
                    "",
                ]
            )
    return _csv(
        [
            "Date",
            "Workout Name",
            "Duration",
            "Exercise Name",
            "Set Order",
            "Weight",
            "Reps",
            "Distance",
            "Seconds",
            "Notes",
            "Workout Notes",
            "RPE",
        ],
        rows,
    )


def hevy(history) -> str:
    rows = []
    for when, sets in reversed(history):  # newest workout first
        stamp = f"{when.day} {when:%b %Y, %H:%M}"
        index, previous = 0, None
        for name, kind, weight, reps in sets:
            index = index + 1 if name == previous else 0  # each block of an exercise from 0
            previous = name
            set_type = {
                "working": "normal",
                "warmup": "warmup",
                "failure": "failure",
                "drop": "dropset",
                "cardio": "normal",
            }[kind]
            rows.append(
                [
                    "Back",
                    stamp,
                    stamp,
                    "",
                    name,
                    "",
                    "",
                    index,
                    set_type,
                    _number(weight) if weight else "",
                    reps or "",
                    "3" if kind == "cardio" else "",
                    "600" if kind == "cardio" else "",
                    "",
                ]
            )
    return _csv(
        [
            "title",
            "start_time",
            "end_time",
            "description",
            "exercise_title",
            "superset_id",
            "exercise_notes",
            "set_index",
            "set_type",
            "weight_kg",
            "reps",
            "distance_km",
            "duration_seconds",
            "rpe",
        ],
        rows,
        quoting=csv.QUOTE_NONNUMERIC,
    )


def fitnotes(history) -> str:
    rows = []
    for when, sets in history:
        for name, kind, weight, reps in sets:
            cardio = kind == "cardio"
            rows.append(
                [
                    when.strftime("%Y-%m-%d"),
                    name,
                    "Cardio" if cardio else "Back",
                    "" if cardio else f"{weight:.1f}",
                    "" if cardio else "kgs",
                    "" if cardio else reps,
                    "3.0" if cardio else "",
                    "km" if cardio else "",
                    "0:10:00" if cardio else "",
                    "",
                ]
            )
    return _csv(
        [
            "Date",
            "Exercise",
            "Category",
            "Weight",
            "Weight Unit",
            "Reps",
            "Distance",
            "Distance Unit",
            "Time",
            "Comment",
        ],
        rows,
    )


def fitbod(history) -> str:
    rows = []
    for when, sets in reversed(history):
        for name, kind, weight, reps in sets:
            rows.append(
                [
                    when.strftime("%Y-%m-%d %H:%M:%S +0000"),
                    name,
                    f" {reps}",
                    repr(weight),
                    "600.0" if kind == "cardio" else "0.0",
                    "0.0",
                    "0.0",
                    "0.0",
                    "true" if kind == "warmup" else "false",
                    "",
                    " 1.0",
                ]
            )
    return _csv(
        [
            "Date",
            "Exercise",
            "Reps",
            "Weight(kg)",
            "Duration(s)",
            "Distance(m)",
            "Incline",
            "Resistance",
            "isWarmup",
            "Note",
            "multiplier",
        ],
        rows,
    )


WRITERS = {"strong": strong, "hevy": hevy, "fitnotes": fitnotes, "fitbod": fitbod}


def _folder(root: Path, name: str) -> Path:
    target = root / name
    shutil.copytree(FIXTURES / "data", target)
    return target


def _import(folder: Path, root: Path, name: str, text: str):
    path = root / f"{name}.csv"
    path.write_text(text, encoding="utf-8")
    [summary] = import_exports([path], "pat", "kg", folder, today=TODAY)
    return summary


def _weeks_and_sets(folder: Path) -> tuple[pd.DataFrame, list[tuple]]:
    """Return the weekly table and the sorted typed sets of the client 'pat'."""
    dataset = load_dataset(folder, clients=["pat"], today=TODAY)
    assert dataset.rejects.empty
    weeks = weekly_volume(dataset.sets, dataset.catalogue, clients=["pat"])
    columns = ["performed_at", "exercise", "set_number", "set_kind", "weight_kg", "reps"]
    sets = dataset.sets.loc[:, columns].astype(str).to_numpy().tolist()
    return weeks, sorted(map(tuple, sets))


SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(fmt=st.sampled_from(sorted(WRITERS)), history=histories())
def test_every_row_is_a_set_or_a_non_set_row(fmt, history):
    rows = sum(len(sets) for _, sets in history)
    cardio = sum(kind == "cardio" for _, sets in history for _, kind, _, _ in sets)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = _folder(root, "data")
        summary = _import(folder, root, "once", WRITERS[fmt](history))
        again = _import(folder, root, "again", WRITERS[fmt](history))
    assert summary.balanced and again.balanced
    assert (summary.rows_read, summary.non_set_rows, summary.rejected) == (rows, cardio, [])
    assert summary.sets_imported == rows - cardio
    assert (again.sets_imported, again.duplicates_skipped) == (0, rows - cardio)


def _parts_equal_whole(fmt: str, history, cut: int, partial: int, start: int) -> None:
    """Import an earlier and a later export; compare with importing the whole history."""
    earlier = history[:cut] + [(history[cut][0], history[cut][1][:partial])]
    earlier = [s for s in earlier if s[1]]
    later = history[start:]
    write = WRITERS[fmt]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        parts, whole = _folder(root, "parts"), _folder(root, "whole")
        first = _import(parts, root, "earlier", write(earlier)) if earlier else None
        second = _import(parts, root, "later", write(later))
        _import(whole, root, "whole", write(history))
        assert second.balanced and (first is None or first.balanced)
        weeks_parts, sets_parts = _weeks_and_sets(parts)
        weeks_whole, sets_whole = _weeks_and_sets(whole)
    pd.testing.assert_frame_equal(weeks_parts, weeks_whole)
    assert sets_parts == sets_whole


@SETTINGS
@given(fmt=st.sampled_from(sorted(WRITERS)), history=histories(), data=st.data())
def test_two_overlapping_exports_give_the_same_weeks_as_one(fmt, history, data):
    cut = data.draw(st.integers(0, len(history) - 1), label="sessions whole in the earlier")
    partial = data.draw(st.integers(0, len(history[cut][1])), label="rows of the next one")
    start = data.draw(st.integers(0, cut), label="first session of the later export")
    _parts_equal_whole(fmt, history, cut, partial, start)


def test_an_export_cut_between_two_identical_blocks_keeps_both():
    block = [("Pull Up", "working", 0.0, 8), ("Deadlift (Barbell)", "working", 42.5, 5)]
    history = [(dt.datetime(2026, 12, 31, 18, 0), block * 2)]
    for fmt in WRITERS:
        _parts_equal_whole(fmt, history, cut=0, partial=3, start=0)
