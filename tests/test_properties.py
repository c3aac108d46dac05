"""Property tests over the importers and the weekly metrics (hypothesis).

``tests/importers/test_import_properties.py`` checks one import's accounting and that an
earlier plus a later export equal one import. This file goes further:

- **every row, and its line, is accounted for**: an export with notes that hold commas, quotes
  and line breaks, and a few unreadable rows, is read with ``rows_read = sets_imported +
  duplicates_skipped + non_set_rows + len(rejected)`` and each unreadable row rejected at the
  line it starts on;
- **parts in any order equal the whole**: a history cut into 2 to 4 exports (each a run of
  whole sessions, overlapping or not, maybe ending inside a session, as a client exporting
  mid-workout gets), imported in any order, gives the same sets and the same weekly table as
  importing the whole history once, and each set is imported exactly once;
- **the weekly table is sane**: for random sets of several clients against the real
  catalogue, no count, day or tonnage is negative, ``fractional_sets >= direct_sets``,
  ``days <= 7``, the weeks run without gaps, and the table conserves the sets: summed over
  the weeks, each group's fractional sets, direct sets and tonnage are those of the working
  sets of catalogued exercises.

Histories are written as exports of each app by the small writers below (made for these
tests). Example counts are kept small so the file runs in well under a minute.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import shutil
import tempfile
from pathlib import Path

import checkout
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backday_analysis import GROUPS, paths
from backday_analysis.canonical import SET_KINDS
from backday_analysis.datafolder.catalogue import load_catalogue
from backday_analysis.datafolder.dataset import load_dataset
from backday_analysis.datafolder.ingest import import_exports
from backday_analysis.metrics.weekly import WEEKLY_COLUMNS, weekly_volume

pytestmark = pytest.mark.slow

FIXTURE_DATA = Path(__file__).resolve().parent / "fixtures" / "data"
TODAY = dt.date(2027, 6, 1)
START = dt.datetime(2026, 11, 20)  # histories cross the new year and 2026-W53
CLIENT = "pat"

# ---------------------------------------------------------------- histories

EXERCISES = ("Deadlift (Barbell)", "Lat Pulldown (Cable)", "Pull Up", "Unlisted Row")
KINDS = ("working", "working", "working", "warmup", "failure", "drop")
NOTES = ("", "", "", "slow, controlled", 'felt "easy"', "grip gave out\nlast rep", "ß ü é")

lifted = st.tuples(
    st.sampled_from(EXERCISES),
    st.sampled_from(KINDS),
    st.sampled_from([0.0, 20.0, 42.5, 100.0]),  # few values: identical sets are common
    st.sampled_from([5, 8, 12]),
    st.sampled_from(NOTES),
)
cardio = st.just(("Rowing Machine", "cardio", 0.0, 0, ""))
a_set = st.one_of(lifted, lifted, lifted, cardio)
# A workout may repeat a block of sets (Hevy then restarts set_index at 0), which puts
# identical sets in one export: both must be kept, and counted once across exports.
session = st.tuples(
    st.integers(5, 22),
    st.integers(0, 59),
    st.builds(
        lambda block, twice: block * 2 if twice else block,
        st.lists(a_set, min_size=1, max_size=4),
        st.booleans(),
    ),
)


@st.composite
def histories(draw, max_sessions: int = 6):
    """A list of ``(start, sets)``, one session per day, oldest first."""
    days = sorted(draw(st.sets(st.integers(0, 70), min_size=1, max_size=max_sessions)))
    sessions = draw(st.lists(session, min_size=len(days), max_size=len(days)))
    return [
        (START + dt.timedelta(days=d, hours=h, minutes=m), sets)
        for d, (h, m, sets) in zip(days, sessions, strict=True)
    ]


# ---------------------------------------------------------------- writers, one per app


def _write(header: list[str], rows: list[list], **options) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", **options)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _strong_rows(when, sets) -> list[list]:
    rows, numbers = [], {}
    for name, kind, weight, reps, note in sets:
        if kind == "working":
            numbers[name] = numbers.get(name, 0) + 1
            order = str(numbers[name])
        else:
            order = {"warmup": "W", "failure": "F", "drop": "D", "cardio": "1"}[kind]
        distance = "2.5" if kind == "cardio" else "0"
        stamp = when.strftime("%Y-%m-%d %H:%M:%S")
        rows.append(
            [stamp, "Pull", "50m", name, order, f"{weight:g}", reps, distance, 0, note, "", ""]
        )
    return rows


STRONG_HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE"
).split(",")
HEVY_HEADER = (
    "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,"
    "set_index,set_type,weight_kg,reps,distance_km,duration_seconds,rpe"
).split(",")
HEVY_TYPES = {"working": "normal", "warmup": "warmup", "failure": "failure", "drop": "dropset"}


def _hevy_rows(when, sets) -> list[list]:
    rows, previous, index = [], None, 0
    stamp = f"{when.day} {when:%b %Y, %H:%M}"
    for name, kind, weight, reps, note in sets:
        index = index + 1 if name == previous else 0
        previous = name
        timed = kind == "cardio"
        rows.append(
            [
                "Pull",
                stamp,
                stamp,
                "",
                name,
                "",
                note,
                index,
                HEVY_TYPES.get(kind, "normal"),
                "" if timed or not weight else f"{weight:g}",
                "" if timed else reps,
                "2.5" if timed else "",
                "600" if timed else "",
                "",
            ]
        )
    return rows


FITNOTES_HEADER = (
    "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment"
).split(",")


def _fitnotes_rows(when, sets) -> list[list]:
    rows = []
    for name, kind, weight, reps, note in sets:
        if kind == "cardio":
            rows.append([f"{when:%Y-%m-%d}", name, "Cardio", "", "", "", "2.5", "km", "0:10:00"])
        else:  # FitNotes has no set kinds: every set is a working set
            rows.append(
                [f"{when:%Y-%m-%d}", name, "Back", f"{weight:.1f}", "kgs", reps, "", "", ""]
            )
        rows[-1].append(note)
    return rows


FITBOD_HEADER = (
    "Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,Note,"
    "multiplier"
).split(",")


def _fitbod_rows(when, sets) -> list[list]:
    rows = []
    for name, kind, weight, reps, note in sets:
        timed = kind == "cardio"
        rows.append(
            [
                f"{when:%Y-%m-%d %H:%M:%S} +0000",
                name,
                f" {reps}",
                repr(weight),
                "600.0" if timed else "0.0",
                "0.0",
                "0.0",
                "0.0",
                "true" if kind == "warmup" else "false",
                note,
                " 1.0",
            ]
        )
    return rows


# name: (header, rows of one session, newest session first?, csv options)
FORMATS = {
    "strong": (STRONG_HEADER, _strong_rows, False, {}),
    "hevy": (HEVY_HEADER, _hevy_rows, True, {"quoting": csv.QUOTE_NONNUMERIC}),
    "fitnotes": (FITNOTES_HEADER, _fitnotes_rows, False, {}),
    "fitbod": (FITBOD_HEADER, _fitbod_rows, True, {}),
}


def export_rows(fmt: str, history) -> list[list]:
    """The data rows of an export of ``history``, in the app's order."""
    _, rows_of, newest_first, _ = FORMATS[fmt]
    ordered = list(reversed(history)) if newest_first else history
    return [row for when, sets in ordered for row in rows_of(when, sets)]


def export_text(fmt: str, history) -> str:
    header, _, _, options = FORMATS[fmt]
    return _write(header, export_rows(fmt, history), **options)


# ---------------------------------------------------------------- helpers


SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _data_folder(root: Path, name: str) -> Path:
    target = root / name
    shutil.copytree(FIXTURE_DATA, target)
    return target


def _import(folder: Path, path: Path, text: str, dry_run: bool = False):
    path.write_text(text, encoding="utf-8")
    [summary] = import_exports([path], CLIENT, "kg", folder, dry_run=dry_run, today=TODAY)
    return summary


def _sets_and_weeks(folder: Path) -> tuple[list[tuple], pd.DataFrame]:
    dataset = load_dataset(folder, clients=[CLIENT], today=TODAY)
    assert dataset.rejects.empty
    columns = ["performed_at", "exercise", "set_number", "set_kind", "weight_kg", "reps"]
    sets = sorted(map(tuple, dataset.sets.loc[:, columns].astype(str).to_numpy().tolist()))
    weeks = weekly_volume(dataset.sets, dataset.catalogue, clients=[CLIENT])
    check_weekly(weeks, dataset.sets, dataset.catalogue, min_sets_per_day=1, guideline_days=2)
    return sets, weeks


def _balanced(summary) -> bool:
    return summary.rows_read == (
        summary.sets_imported
        + summary.duplicates_skipped
        + summary.non_set_rows
        + len(summary.rejected)
    )


def _cardio(history) -> int:
    return sum(kind == "cardio" for _, sets in history for _, kind, *_ in sets)


# ---------------------------------------------------------------- (a) rows and lines


@st.composite
def exports_with_bad_rows(draw):
    fmt = draw(st.sampled_from(sorted(FORMATS)))
    history = draw(histories(max_sessions=4))
    rows = export_rows(fmt, history)
    reps_column = FORMATS[fmt][0].index("Reps" if fmt != "hevy" else "reps")
    bad = draw(st.sets(st.integers(0, len(rows) - 1), max_size=3))
    for position in bad:
        rows[position][reps_column] = "lots"
    return fmt, history, rows, bad


@SETTINGS
@given(case=exports_with_bad_rows())
def test_every_row_and_its_line_is_accounted_for(case):
    fmt, history, rows, bad = case
    header, _, _, options = FORMATS[fmt]
    text = _write(header, rows, **options)
    # Each row starts on the line after the previous one ends; notes may span two lines.
    starts, line = [], 2
    for row in rows:
        starts.append(line)
        line += 1 + sum(str(cell).count("\n") for cell in row)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        summary = _import(_data_folder(root, "data"), root / "export.csv", text, dry_run=True)
    assert _balanced(summary)
    assert summary.rows_read == len(rows)
    assert [r["line"] for r in summary.rejected] == sorted(starts[p] for p in bad)
    assert all("'lots' are not a number" in r["reason"] for r in summary.rejected)
    cardio_rows = [p for p, (_, kind) in enumerate(_kinds(fmt, history)) if kind == "cardio"]
    assert summary.non_set_rows == len(set(cardio_rows) - bad)
    assert summary.duplicates_skipped == 0
    assert summary.sets_imported == len(rows) - len(set(cardio_rows) | bad)


def _kinds(fmt: str, history) -> list[tuple[str, str]]:
    """``(exercise, kind)`` of each export row, in the export's row order."""
    ordered = list(reversed(history)) if FORMATS[fmt][2] else history
    return [(name, kind) for _, sets in ordered for name, kind, *_ in sets]


# ---------------------------------------------------------------- (c) parts equal the whole


@st.composite
def split_histories(draw):
    """A history and 2 to 4 exports of it, in the order they are imported.

    The sessions are cut into consecutive runs; each run may reach back to an earlier
    session (an app re-exports the whole history, so later exports overlap earlier ones)
    and may end with the first sets of the next session (an export made mid-workout). An
    export left with nothing becomes a whole-history export.
    """
    history = draw(histories())
    n = len(history)
    k = draw(st.integers(2, 4), label="exports")
    cuts = sorted(draw(st.lists(st.integers(0, n), min_size=k - 1, max_size=k - 1)))
    bounds = list(zip([0, *cuts], [*cuts, n], strict=True))
    parts = []
    for start, end in bounds:
        start = draw(st.integers(0, start), label="reach back to session")
        part = history[start:end]
        if end < n:
            partial = draw(st.integers(0, len(history[end][1])), label="sets of the next one")
            if partial:
                part = [*part, (history[end][0], history[end][1][:partial])]
        parts.append(part or history)
    order = draw(st.permutations(range(k)), label="import order")
    return history, [parts[i] for i in order]


@settings(SETTINGS, max_examples=25)
@given(fmt=st.sampled_from(sorted(FORMATS)), split=split_histories())
def test_exports_in_any_order_give_the_same_sets_and_weeks_as_one(fmt, split):
    history, parts = split
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        whole_folder, parts_folder = _data_folder(root, "whole"), _data_folder(root, "parts")
        whole = _import(whole_folder, root / "whole.csv", export_text(fmt, history))
        summaries = [
            _import(parts_folder, root / f"part{i}.csv", export_text(fmt, part))
            for i, part in enumerate(parts)
        ]
        sets_parts, weeks_parts = _sets_and_weeks(parts_folder)
        sets_whole, weeks_whole = _sets_and_weeks(whole_folder)
    for summary, part in zip([whole, *summaries], [history, *parts], strict=True):
        assert _balanced(summary) and summary.rejected == []
        assert summary.non_set_rows == _cardio(part)
    # Each set of the history is imported exactly once, whichever export brings it.
    assert sum(s.sets_imported for s in summaries) == whole.sets_imported
    assert whole.duplicates_skipped == 0
    assert sets_parts == sets_whole
    pd.testing.assert_frame_equal(weeks_parts, weeks_whole)


# ---------------------------------------------------------------- (b) the weekly table


CATALOGUE = load_catalogue(paths.catalogue_path(checkout.DATA_DIR))
CLIENTS = ("ana", "ben", "cy")


@st.composite
def random_sets(draw):
    """Canonical sets of up to three clients: catalogued and unknown exercises, any kind."""
    n = draw(st.integers(0, 60))
    ids = st.one_of(st.sampled_from(list(CATALOGUE["exercise_id"])), st.none())
    rows = draw(
        st.lists(
            st.tuples(
                st.sampled_from(CLIENTS),
                st.integers(0, 400),  # day
                st.integers(0, 24 * 60 - 1),  # minute of the day
                ids,
                st.sampled_from(SET_KINDS),
                st.one_of(st.just(0.0), st.floats(0, 400, allow_nan=False)),
                st.integers(0, 30),
            ),
            min_size=n,
            max_size=n,
        )
    )
    frame = pd.DataFrame(
        rows, columns=["client", "day", "minute", "exercise_id", "set_kind", "load_kg", "reps"]
    )
    frame["performed_at"] = (
        pd.Timestamp(START)
        + pd.to_timedelta(frame["day"], unit="D")
        + pd.to_timedelta(frame["minute"], unit="min")
    ).astype("datetime64[ns]")
    frame["exercise_id"] = frame["exercise_id"].astype(object)
    frame["reps"] = frame["reps"].astype("int64")
    frame["load_kg"] = frame["load_kg"].astype(float)
    return frame.drop(columns=["day", "minute"])


def check_weekly(
    table: pd.DataFrame,
    sets: pd.DataFrame,
    catalogue: pd.DataFrame,
    *,
    min_sets_per_day: int,
    guideline_days: int,
    through: dt.date | None = None,
) -> None:
    """Assert the invariants of a weekly table computed from ``sets``."""
    assert tuple(table.columns) == WEEKLY_COLUMNS
    for column in ("fractional_sets", "direct_sets", "tonnage_kg", "days"):
        assert (table[column] >= 0).all(), column
    assert (table["fractional_sets"] + 1e-9 >= table["direct_sets"]).all()
    assert (table["days"] <= 7).all()
    assert (table["guideline_met"] == (table["days"] >= guideline_days)).all()
    if table.empty:
        return
    # Each client's weeks: every group once, in order, week after week with no gap.
    for _, weeks in table.groupby("client", sort=False):
        assert len(weeks) % len(GROUPS) == 0
        assert list(weeks["group"]) == list(GROUPS) * (len(weeks) // len(GROUPS))
        mondays = [
            dt.date.fromisocalendar(int(w[:4]), int(w[6:]), 1)
            for w in weeks["week"][:: len(GROUPS)]
        ]
        assert all(b - a == dt.timedelta(days=7) for a, b in itertools.pairwise(mondays))
    # Conservation: summed over the weeks, the table holds exactly the working sets of
    # catalogued exercises, up to the last day covered.
    last = through or sets["performed_at"].max().date()
    credits = catalogue.set_index("exercise_id").loc[:, list(GROUPS)]
    counted = sets.loc[
        (sets["set_kind"] != "warmup")
        & sets["exercise_id"].isin(credits.index)
        & (sets["performed_at"].dt.date <= last)
        & sets["client"].isin(table["client"].unique())
    ]
    per_set = credits.loc[counted["exercise_id"]].to_numpy()
    work = (counted["load_kg"] * counted["reps"]).to_numpy()
    weeks_per_client = table.groupby("client")["week"].nunique()
    for c, client in enumerate(weeks_per_client.index):
        mine = (counted["client"] == client).to_numpy()
        totals = (
            table.loc[table["client"] == client]
            .groupby("group")[["fractional_sets", "direct_sets", "tonnage_kg", "days"]]
            .sum()
        )
        for g, group in enumerate(GROUPS):
            credit = per_set[mine, g] if len(per_set) else np.zeros(0)
            assert totals.at[group, "fractional_sets"] == pytest.approx(credit.sum())
            assert totals.at[group, "direct_sets"] == int((credit == 1).sum())
            rows = int(weeks_per_client.iloc[c])
            tonnage = work[mine][credit > 0].sum() if len(credit) else 0.0
            assert abs(totals.at[group, "tonnage_kg"] - tonnage) <= 0.05 * rows + 1e-6
            days = counted.loc[mine, "performed_at"].dt.date[credit > 0] if len(credit) else []
            assert totals.at[group, "days"] <= len(set(days))


@settings(max_examples=40, deadline=None)
@given(
    sets=random_sets(),
    listed=st.sets(st.sampled_from((*CLIENTS, "dee")), min_size=1),
    min_sets_per_day=st.integers(1, 3),
    guideline_days=st.integers(1, 3),
    through_days=st.one_of(st.none(), st.integers(0, 420)),
)
def test_weekly_table_is_never_negative_and_conserves_the_sets(
    sets, listed, min_sets_per_day, guideline_days, through_days
):
    through = None if through_days is None else (START + dt.timedelta(days=through_days)).date()
    table = weekly_volume(
        sets,
        CATALOGUE,
        clients=sorted(listed),
        through=through,
        min_sets_per_day=min_sets_per_day,
        guideline_days=guideline_days,
    )
    if sets.empty and through is None:
        assert table.empty
        return
    assert set(table["client"]) == listed  # clients with no sets get weeks of zeros
    check_weekly(
        table,
        sets,
        CATALOGUE,
        min_sets_per_day=min_sets_per_day,
        guideline_days=guideline_days,
        through=through,
    )
