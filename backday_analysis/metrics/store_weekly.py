"""Compute the weekly table straight from the Parquet store, without a pandas table of sets."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from backday_analysis import GROUPS
from backday_analysis.datafolder.parquet_store import STORE_COLUMNS, client_files, store_client
from backday_analysis.metrics.week_counts import (
    EPOCH,
    WeekCounts,
    count_weeks,
    empty_weekly_table,
    week_number,
    weekly_table,
)
from backday_analysis.metrics.weekly import credit_profiles

#: Sets per chunk, about: the store is read and counted a group of whole clients at a time.
#: A quarter of a million keeps each chunk's arrays to a few MB, which the allocators reuse
#: rather than asking the kernel for fresh zeroed pages (a third less system time than 1 M).
CHUNK_SETS = 250_000
#: Chunks read and counted at once, one per thread: Arrow's decoding and most of NumPy's
#: counting run outside the GIL, so two chunks keep two cores busy.
THREADS = min(2, os.cpu_count() or 1)
_COLUMNS = [c for c in STORE_COLUMNS if c != "client"]  # the client is the file's folder
_NANOSECONDS_PER_DAY = 86_400_000_000_000
#: Parquet bytes of a set, about: 7 in the demo logs' files, 15 in the benchmark's random
#: ones. Logs regular enough to compress to far fewer would give chunks a few times
#: :data:`CHUNK_SETS` sets, still a small part of the memory.
_BYTES_PER_SET = 8


def _client_files(folder: Path) -> dict[str, list[Path]]:
    """Return each client's Parquet files, clients in name order."""
    files: dict[str, list[Path]] = {}
    for path in client_files(folder):
        files.setdefault(store_client(path), []).append(path)
    return dict(sorted(files.items()))


def _chunks(files: dict[str, list[Path]]):
    """Yield groups of whole clients of about :data:`CHUNK_SETS` sets (their files) or fewer.

    A file holds about its size over :data:`_BYTES_PER_SET` sets, so chunks are planned
    from the files' sizes without opening them; each file is opened once, by the thread
    that reads it (reading every footer first took a tenth of the time on 10 M sets).
    """
    chunk: list[list[Path]] = []
    size = 0
    for paths in files.values():
        chunk.append(paths)
        size += sum(os.path.getsize(path) for path in paths) // _BYTES_PER_SET
        if size >= CHUNK_SETS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _codes(column: pa.ChunkedArray, position: dict, other: int) -> np.ndarray:
    """Return a string column as positions in ``position`` (``other`` if unknown or missing)."""
    column = column.combine_chunks()
    if not pa.types.is_dictionary(column.type):
        column = column.dictionary_encode()
    values = column.dictionary.to_pylist()
    lookup = np.array([position.get(value, other) for value in values] + [other], dtype="int16")
    return lookup[column.indices.fill_null(len(values)).to_numpy(zero_copy_only=False)]


def _read(path: Path) -> pa.Table:
    with pq.ParquetFile(path) as file:
        return file.read(columns=_COLUMNS, use_threads=False)


def _count_chunk(
    chunk, profile_of: dict, profiles: np.ndarray, through_day, min_sets_per_day: int
) -> tuple[WeekCounts, int | None]:
    """Read one chunk of clients and count it; return its counts and its last logged day."""
    tables, rows = [], []
    for paths in chunk:
        # One thread per chunk: a file of a few thousand sets is too small to split.
        parts = [_read(path) for path in paths]
        tables.extend(parts)
        rows.append(sum(part.num_rows for part in parts))
    table = pa.concat_tables(tables).unify_dictionaries()
    del tables
    client_code = np.repeat(np.arange(len(chunk)), rows)
    # Warm-ups and unknown exercises get the profile that counts for nothing, rather than
    # being filtered out of every column.
    nothing = len(profiles)
    profile = _codes(table.column("exercise_id"), profile_of, nothing)
    profile[_codes(table.column("set_kind"), {"warmup": 1}, 0) == 1] = nothing
    performed_at = table.column("performed_at")
    if performed_at.type.unit != "ns":  # the store writes nanoseconds; other writers may not
        performed_at = performed_at.cast(pa.timestamp("ns", performed_at.type.tz))
    nanoseconds = performed_at.cast(pa.int64()).to_numpy()
    day = nanoseconds // _NANOSECONDS_PER_DAY
    last_logged = int(day.max()) if len(day) else None
    work = table.column("load_kg").to_numpy() * table.column("reps").to_numpy()
    del table, performed_at, nanoseconds
    # A chunk without sets gives empty counts whatever its last day.
    last_day = through_day if through_day is not None else (last_logged or 0)
    counts = count_weeks(
        client_code,
        len(chunk),
        day,
        profile,
        work,
        profiles,
        last_day=last_day,
        min_sets_per_day=min_sets_per_day,
    )
    return counts, last_logged


def weekly_from_store(
    folder: Path,
    catalogue: pd.DataFrame,
    *,
    through=None,
    min_sets_per_day: int = 1,
    guideline_days: int = 2,
) -> pd.DataFrame:
    """Compute the weekly table straight from the store, without a pandas table of sets.

    The store is read a group of whole clients at a time (:data:`CHUNK_SETS` sets, at most
    :data:`THREADS` chunks at once), so only a few chunks' columns are in memory; each
    client's rows depend only on its own sets and on ``through`` (default: the last logged
    day of the whole store). Equal to :func:`backday_analysis.metrics.weekly.weekly_volume`
    on the same sets.
    """
    files = _client_files(folder)
    if not files:
        return empty_weekly_table()
    profiles, profile_of_exercise = credit_profiles(
        catalogue.loc[:, list(GROUPS)].to_numpy(dtype=float)
    )
    profile_of = dict(zip(catalogue["exercise_id"], profile_of_exercise.tolist(), strict=True))
    through_day = (through - EPOCH).days if through else None
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        # Chunks are counted in order of submission, two at a time.
        pending = [
            pool.submit(_count_chunk, c, profile_of, profiles, through_day, min_sets_per_day)
            for c in _chunks(files)
        ]
        results = [p.result() for p in pending]
        del pending
    # Arrow's allocator keeps freed memory for reuse; hand it back once all is read.
    pa.default_memory_pool().release_unused()
    logged = [last for _, last in results if last is not None]
    last_day = through_day if through_day is not None else (max(logged) if logged else None)
    if last_day is None:
        return empty_weekly_table()
    blocks = [counts for counts, _ in results]
    del results  # the table takes each block's counts in turn and lets them go
    return weekly_table(blocks, list(files), int(week_number(last_day)), guideline_days)
