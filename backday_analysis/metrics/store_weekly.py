"""Compute the weekly table straight from the Parquet store, without a pandas table of sets."""

from __future__ import annotations

import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from backday_analysis import GROUPS
from backday_analysis.datafolder.parquet_store import STORE_COLUMNS
from backday_analysis.metrics.weekly import weekly_from_arrays


def _codes(table: pa.Table, name: str, position: dict) -> np.ndarray:
    """Return a dictionary column as positions in ``position`` (-1 for unknown or missing)."""
    column = table.column(name).combine_chunks()
    values = column.dictionary.to_pylist()
    lookup = np.array([position.get(value, -1) for value in values] + [-1], dtype="int32")
    return lookup[column.indices.fill_null(len(values)).to_numpy(zero_copy_only=False)]


#: Sets per chunk: the store is read and counted a group of clients at a time.
CHUNK_SETS = 1_000_000


def _client_groups(folder: Path) -> tuple[list[str], list[list[Path]], object]:
    """Return the sorted client names, their files in chunks and the last logged day.

    Chunks hold whole clients (about :data:`CHUNK_SETS` sets each), so every client's weekly
    rows come from one chunk; row counts and the last day come from the files' metadata.
    """
    files: dict[str, list[Path]] = {}
    for path in sorted(Path(folder).glob("client=*/*.parquet")):
        files.setdefault(urllib.parse.unquote(path.parent.name.split("=", 1)[1]), []).append(path)
    names = sorted(files)
    groups: list[list[Path]] = [[]]
    size, last = 0, None
    for name in names:
        for path in files[name]:
            metadata = pq.ParquetFile(path).metadata
            column = metadata.schema.names.index("performed_at")
            for group in range(metadata.num_row_groups):
                stats = metadata.row_group(group).column(column).statistics
                if stats is None or not stats.has_min_max:
                    raise _NoStatistics
                last = stats.max if last is None else max(last, stats.max)
            size += metadata.num_rows
        groups[-1].extend(files[name])
        if size >= CHUNK_SETS:
            groups.append([])
            size = 0
    return names, [g for g in groups if g], last


class _NoStatistics(Exception):
    pass


def _chunk_arrays(folder: Path, files: list[Path], client_names, exercises) -> tuple:
    """Read one chunk of files; return client codes, days, exercise codes and work of its sets."""
    partitioning = ds.partitioning(pa.schema([("client", pa.string())]), flavor="hive")
    dataset = ds.dataset(
        [str(f) for f in files],
        format="parquet",
        partitioning=partitioning,
        partition_base_dir=str(folder),
    )
    table = dataset.to_table(columns=list(STORE_COLUMNS)).unify_dictionaries()
    client_code = pc.index_in(table.column("client"), value_set=pa.array(client_names))
    client_code = client_code.fill_null(-1).to_numpy().astype("int32")
    exercise_code = _codes(table, "exercise_id", exercises)
    keep = (exercise_code >= 0) & (_codes(table, "set_kind", {"warmup": 1}) == -1)
    keep &= client_code >= 0
    nanoseconds = table.column("performed_at").combine_chunks().cast(pa.int64())
    day = nanoseconds.to_numpy()[keep] // 86_400_000_000_000
    work = table.column("load_kg").to_numpy()[keep]
    work *= table.column("reps").to_numpy()[keep]
    arrays = client_code[keep], day, exercise_code[keep], work
    del table, nanoseconds
    # Arrow's allocator keeps freed memory for reuse; hand it back so chunks do not pile up.
    pa.default_memory_pool().release_unused()
    return arrays


def weekly_from_store(
    folder: Path,
    catalogue: pd.DataFrame,
    *,
    through=None,
    min_sets_per_day: int = 1,
    guideline_days: int = 2,
) -> pd.DataFrame:
    """Compute the weekly table straight from the store, without a pandas table of sets.

    The store is read a group of whole clients at a time (:data:`CHUNK_SETS` sets), so at
    most one chunk's columns are in memory; each client's rows depend only on its own sets
    and on ``through`` (default: the last logged day of the whole store, from the files'
    statistics). Equal to :func:`backday_analysis.metrics.weekly.weekly_volume` on the same
    sets.
    """
    try:
        client_names, groups, last = _client_groups(folder)
    except _NoStatistics:
        return _weekly_in_one_piece(folder, catalogue, through, min_sets_per_day, guideline_days)
    if not groups:
        return _weekly_in_one_piece(folder, catalogue, through, min_sets_per_day, guideline_days)
    if through is None and last is not None:
        through = pd.Timestamp(last).date()
    exercises = {name: i for i, name in enumerate(catalogue["exercise_id"])}
    credits = catalogue.loc[:, list(GROUPS)].to_numpy(dtype=float)

    def read(files: list[Path]) -> tuple:
        names = sorted({urllib.parse.unquote(f.parent.name.split("=", 1)[1]) for f in files})
        return names, *_chunk_arrays(folder, files, names, exercises)

    def count(names, client_code, day, exercise_code, work) -> pd.DataFrame:
        return weekly_from_arrays(
            client_code,
            names,
            day,
            exercise_code,
            work,
            credits,
            through=through,
            min_sets_per_day=min_sets_per_day,
            guideline_days=guideline_days,
        )

    tables = []
    # The next chunk is read (Arrow decodes outside the GIL) while this one is counted.
    with ThreadPoolExecutor(max_workers=1) as reader:
        pending = reader.submit(read, groups[0])
        for following in [*groups[1:], None]:
            arrays = pending.result()
            if following is not None:
                pending = reader.submit(read, following)
            tables.append(count(*arrays))
            del arrays
    return pd.concat(tables, ignore_index=True)


def _weekly_in_one_piece(folder, catalogue, through, min_sets_per_day, guideline_days):
    partitioning = ds.HivePartitioning.discover(infer_dictionary=True)
    dataset = ds.dataset(folder, format="parquet", partitioning=partitioning)
    table = dataset.to_table(columns=list(STORE_COLUMNS)).unify_dictionaries()
    if through is None and table.num_rows:
        through = pc.max(table.column("performed_at")).as_py().date()
    client_names = sorted(table.column("client").combine_chunks().dictionary.to_pylist())
    client_code = _codes(table, "client", {name: i for i, name in enumerate(client_names)})
    exercises = {name: i for i, name in enumerate(catalogue["exercise_id"])}
    exercise_code = _codes(table, "exercise_id", exercises)
    keep = (exercise_code >= 0) & (_codes(table, "set_kind", {"warmup": 1}) == -1)
    nanoseconds = table.column("performed_at").combine_chunks().cast(pa.int64())
    day = nanoseconds.to_numpy()[keep] // 86_400_000_000_000
    work = table.column("load_kg").to_numpy()[keep]
    work *= table.column("reps").to_numpy()[keep]
    del table, nanoseconds
    return weekly_from_arrays(
        client_code[keep],
        client_names,
        day,
        exercise_code[keep],
        work,
        catalogue.loc[:, list(GROUPS)].to_numpy(dtype=float),
        through=through,
        min_sets_per_day=min_sets_per_day,
        guideline_days=guideline_days,
    )
