"""The weekly table straight from the Parquet store, worked out by hand.

Sets, with the fixture catalogue's credits (lats, traps, rhomboids, lower back, biceps);
2026-W04 runs from Mon 19 to Sun 25 January:

ana  Mon  5 Jan (W02) deadlift warm-up 60 × 5: counts for nothing, so her weeks start in W04.
     Wed 21 Jan (W04) 2 pull-ups 60 kg × 8 (1, -, .5, -, .5) and deadlift 100 × 5
                      (.5, .5, .5, 1, -); Thu 22 Jan an exercise the catalogue does not know.
     Mon  2 Feb (W06) curl drop set 20 × 10 (biceps 1).
bo   Tue 10 Feb (W07) bench-press warm-up only: one row of zeros in the store's last week.

The store's last day is bo's warm-up, so ana's weeks run W04 to W07 even when her sets are
counted in a chunk of their own, which ends in W06.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from backday_analysis import GROUPS
from backday_analysis.datafolder.parquet_store import write_store
from backday_analysis.metrics import store_weekly, week_counts
from backday_analysis.metrics.store_weekly import weekly_from_store
from backday_analysis.metrics.weekly import weekly_volume

SETS = [
    ["ana", "2026-01-05 09:00", "barbell_deadlift", "warmup", 60.0, 5],
    ["ana", "2026-01-21 09:00", "pull_up", "working", 60.0, 8],
    ["ana", "2026-01-21 09:10", "pull_up", "working", 60.0, 8],
    ["ana", "2026-01-21 09:20", "barbell_deadlift", "working", 100.0, 5],
    ["ana", "2026-01-22 09:00", None, "working", 50.0, 10],
    ["ana", "2026-02-02 18:00", "barbell_curl", "drop", 20.0, 10],
    ["bo", "2026-02-10 07:00", "bench_press", "warmup", 40.0, 10],
]
# The fixture's catalogue credits the back and the biceps; the other groups count zeros.
GROUP_ORDER = ["lats", "traps", "rhomboids", "lower_back", "biceps"]


@pytest.fixture
def catalogue(fixture_dataset):
    return fixture_dataset.catalogue


@pytest.fixture
def sets():
    columns = ["client", "performed_at", "exercise_id", "set_kind", "load_kg", "reps"]
    frame = pd.DataFrame(SETS, columns=columns)
    frame["performed_at"] = pd.to_datetime(frame["performed_at"])
    frame["reps"] = frame["reps"].astype("int32")
    return frame


def column(table, client, week, name):
    rows = table.loc[(table["client"] == client) & (table["week"] == week)]
    assert rows["group"].tolist() == list(GROUPS)
    assert (rows.iloc[len(GROUP_ORDER) :][name] == 0).all()
    return rows[name].tolist()[: len(GROUP_ORDER)]


# One thread, all in one chunk; two threads with one client per chunk (ana's chunk ends a
# week before the store does); two threads, one chunk.
SETTINGS = [(1, 1_000_000), (2, 1), (2, 1_000_000)]


def _store(sets, tmp_path, monkeypatch, threads: int, chunk_sets: int, bits: int):
    """Write the sets as a store and count them with these threads, chunks and packed bits."""
    write_store(sets, tmp_path / "store")
    monkeypatch.setattr(week_counts, "_EXACT_BITS", bits)
    monkeypatch.setattr(store_weekly, "THREADS", threads)
    monkeypatch.setattr(store_weekly, "CHUNK_SETS", chunk_sets)
    return tmp_path / "store"


# 52 bits: each day's sets of many groups in one packed count; 1 bit: room for one group's
# count only, so each group's days are counted on their own.
@pytest.mark.parametrize("bits", [52, 1])
@pytest.mark.parametrize(("threads", "chunk_sets"), SETTINGS)
def test_numbers_by_hand_whatever_the_chunks_and_threads(
    sets, catalogue, tmp_path, monkeypatch, threads, chunk_sets, bits
):
    table = weekly_from_store(
        _store(sets, tmp_path, monkeypatch, threads, chunk_sets, bits), catalogue
    )
    weeks = table.groupby("client")["week"].unique().map(list).to_dict()
    assert weeks == {"ana": ["2026-W04", "2026-W05", "2026-W06", "2026-W07"], "bo": ["2026-W07"]}
    assert column(table, "ana", "2026-W04", "fractional_sets") == [2.5, 0.5, 1.5, 1.0, 1.0]
    assert column(table, "ana", "2026-W04", "direct_sets") == [2, 0, 0, 1, 0]
    # pull-ups 2 × 480 kg, deadlift 500 kg
    assert column(table, "ana", "2026-W04", "tonnage_kg") == [1460.0, 500.0, 1460.0, 500.0, 960.0]
    assert column(table, "ana", "2026-W04", "days") == [1, 1, 1, 1, 1]
    assert column(table, "ana", "2026-W05", "fractional_sets") == [0.0] * 5
    assert column(table, "ana", "2026-W06", "tonnage_kg") == [0.0, 0.0, 0.0, 0.0, 200.0]
    assert column(table, "ana", "2026-W07", "days") == [0] * 5
    assert column(table, "bo", "2026-W07", "fractional_sets") == [0.0] * 5
    assert not table["guideline_met"].any()
    pd.testing.assert_frame_equal(table, weekly_volume(sets, catalogue))


@pytest.mark.parametrize("bits", [52, 1])
@pytest.mark.parametrize(("threads", "chunk_sets"), SETTINGS)
def test_through_and_two_sets_a_day_by_hand(
    sets, catalogue, tmp_path, monkeypatch, threads, chunk_sets, bits
):
    store = _store(sets, tmp_path, monkeypatch, threads, chunk_sets, bits)
    options = {"through": dt.date(2026, 1, 31), "min_sets_per_day": 2}
    table = weekly_from_store(store, catalogue, **options)
    weeks = table.groupby("client")["week"].unique().map(list).to_dict()
    assert weeks == {"ana": ["2026-W04", "2026-W05"], "bo": ["2026-W05"]}
    # Wed 21 Jan: 3 sets credit the lats and the rhomboids, 2 the biceps, 1 traps and back.
    assert column(table, "ana", "2026-W04", "days") == [1, 0, 1, 0, 1]
    pd.testing.assert_frame_equal(table, weekly_volume(sets, catalogue, **options))


def test_an_empty_store_gives_an_empty_table(catalogue, tmp_path):
    (tmp_path / "store").mkdir()
    table = weekly_from_store(tmp_path / "store", catalogue)
    assert table.empty
    assert table.dtypes.astype(str).tolist() == [
        "str",
        "str",
        "str",
        "float64",
        "int64",
        "float64",
        "int64",
        "bool",
    ]


def test_a_store_written_in_microseconds_gives_the_same_table(sets, catalogue, tmp_path):
    write_store(sets, tmp_path / "store")
    for path in (tmp_path / "store").glob("client=*/*.parquet"):
        table = pq.read_table(path)
        position = table.schema.get_field_index("performed_at")
        micro = table.column(position).cast(pa.timestamp("us"))
        pq.write_table(table.set_column(position, "performed_at", micro), path)
    table = weekly_from_store(tmp_path / "store", catalogue)
    assert column(table, "ana", "2026-W04", "fractional_sets") == [2.5, 0.5, 1.5, 1.0, 1.0]
    pd.testing.assert_frame_equal(table, weekly_volume(sets, catalogue))


def test_a_store_with_plain_text_columns_gives_the_same_table(sets, catalogue, tmp_path):
    # Another writer (pandas without categories, DuckDB) stores exercise ids and set kinds
    # as plain strings, not as dictionaries.
    write_store(sets, tmp_path / "store")
    for path in (tmp_path / "store").glob("client=*/*.parquet"):
        table = pq.read_table(path)
        for name in ("exercise_id", "set_kind"):
            position = table.schema.get_field_index(name)
            plain = table.column(position).cast(pa.string())
            table = table.set_column(position, name, plain)
        assert not pa.types.is_dictionary(table.schema.field("exercise_id").type)
        pq.write_table(table, path, use_dictionary=False)
    table = weekly_from_store(tmp_path / "store", catalogue)
    assert column(table, "ana", "2026-W04", "fractional_sets") == [2.5, 0.5, 1.5, 1.0, 1.0]
    pd.testing.assert_frame_equal(table, weekly_volume(sets, catalogue))


def test_a_set_logged_at_midnight_counts_on_its_own_day(sets, catalogue, tmp_path):
    # A FitNotes export has dates without times: every set is at 00:00. Mon 19 Jan at
    # midnight is the first instant of 2026-W04, not the last day of W03.
    sets = sets.iloc[[1]].assign(performed_at=pd.Timestamp("2026-01-19 00:00"))
    write_store(sets, tmp_path / "store")
    table = weekly_from_store(tmp_path / "store", catalogue)
    assert table["week"].unique().tolist() == ["2026-W04"]
    assert column(table, "ana", "2026-W04", "fractional_sets") == [1.0, 0.0, 0.5, 0.0, 0.5]
    pd.testing.assert_frame_equal(table, weekly_volume(sets, catalogue))


def test_through_before_every_set_gives_each_client_one_week_of_zeros(
    sets, catalogue, tmp_path, monkeypatch
):
    # One chunk holds both clients, and none of their sets is on or before 4 January.
    store = _store(sets.iloc[1:], tmp_path, monkeypatch, 1, 1_000_000, 52)
    table = weekly_from_store(store, catalogue, through=dt.date(2026, 1, 4))
    assert table.groupby("client")["week"].unique().map(list).to_dict() == {
        "ana": ["2026-W01"],
        "bo": ["2026-W01"],
    }
    assert (table[["fractional_sets", "direct_sets", "tonnage_kg", "days"]] == 0).all().all()


def _chunk_plan(tmp_path, sizes: dict[str, list[int]]) -> list[list[str]]:
    """Return the clients of each chunk planned for files of these sizes in bytes."""
    files = {}
    for client, parts in sizes.items():
        files[client] = []
        for i, size in enumerate(parts):
            path = tmp_path / f"{client}-{i}.parquet"
            path.write_bytes(b"x" * size)
            files[client].append(path)
    return [[p[0].name.split("-")[0] for p in c] for c in store_weekly._chunks(files)]


def test_chunks_hold_whole_clients_until_their_sets_reach_the_chunk_size(tmp_path, monkeypatch):
    monkeypatch.setattr(store_weekly, "CHUNK_SETS", 200)
    monkeypatch.setattr(store_weekly, "_BYTES_PER_SET", 8)
    # Sets, at 8 bytes each: ana 100 (two files of 50), bo 99, cy 1: 200 close a chunk.
    # dee 199 and eve 1 close the next; fay's 1 set is a last chunk of its own.
    sizes = {"ana": [400, 400], "bo": [792], "cy": [8], "dee": [1592], "eve": [8], "fay": [8]}
    assert _chunk_plan(tmp_path, sizes) == [["ana", "bo", "cy"], ["dee", "eve"], ["fay"]]
    # Bytes short of a whole set count for none: 800 + 799 + 7 bytes are 100 + 99 + 0 sets,
    # under 200, until dee's 300 sets.
    sizes = {"ana": [800], "bo": [799], "cy": [7], "dee": [2400]}
    assert _chunk_plan(tmp_path, sizes) == [["ana", "bo", "cy", "dee"]]
