"""Keep resolved sets as a Parquet dataset partitioned by client, for large rosters.

The readable CSV logs stay the coach's source of truth; this dataset is derived from them
(``backday store``) and is what the DuckDB comparison and the Dask engine read.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from backday_analysis.storage import atomic_path

#: The columns the weekly table needs, in the Parquet dataset.
STORE_COLUMNS = ("client", "performed_at", "exercise_id", "set_kind", "load_kg", "reps")

_SCHEMA = pa.schema(
    [
        ("client", pa.string()),
        ("performed_at", pa.timestamp("ns")),
        ("exercise_id", pa.dictionary(pa.int32(), pa.string())),
        ("set_kind", pa.dictionary(pa.int8(), pa.string())),
        ("load_kg", pa.float64()),
        ("reps", pa.int32()),
    ]
)


def write_store(sets: pd.DataFrame, folder: Path) -> None:
    """Write resolved sets as ``folder/client=<id>/part-0.parquet``, one file per client.

    Sorting by client first keeps each client's sets in one file with few row groups; a
    client's old file is replaced atomically.
    """
    frame = sets.loc[:, list(STORE_COLUMNS)]
    codes, names = pd.factorize(frame["client"], sort=True)
    order = np.argsort(codes, kind="stable")
    table = pa.Table.from_pandas(
        frame.drop(columns="client"), schema=_SCHEMA.remove(0), preserve_index=False
    ).take(order)
    bounds = np.searchsorted(codes[order], np.arange(len(names) + 1))
    for index, client in enumerate(names):
        part = table.slice(bounds[index], bounds[index + 1] - bounds[index])
        target = Path(folder) / f"client={client}" / "part-0.parquet"
        with atomic_path(target) as temporary:
            pq.write_table(part, temporary, row_group_size=1 << 20)


def read_store(folder: Path, clients: list[str] | None = None) -> pd.DataFrame:
    """Read the resolved sets back, optionally only some clients, with categorical columns."""
    dataset = ds.dataset(folder, format="parquet", partitioning="hive")
    expression = ds.field("client").isin(clients) if clients else None
    table = dataset.to_table(columns=list(STORE_COLUMNS), filter=expression)
    frame = table.to_pandas(categories=["client"], self_destruct=True)
    return frame


def client_files(folder: Path) -> list[Path]:
    """Return the Parquet files of the dataset, one folder per client."""
    return sorted(Path(folder).glob("client=*/*.parquet"))


def store_rows(folder: Path) -> int:
    """Return the number of sets in the dataset, from the files' metadata."""
    return sum(pq.ParquetFile(path).metadata.num_rows for path in client_files(folder))


def read_store_last_day(folder: Path):
    """Return the day of the last set in the dataset, from the Parquet statistics."""
    dataset = ds.dataset(folder, format="parquet", partitioning="hive")
    latest = dataset.to_table(columns=["performed_at"]).column(0)
    return pc.max(latest).as_py().date()


def _codes(table: pa.Table, name: str, position: dict) -> np.ndarray:
    """Return a dictionary column as positions in ``position`` (-1 for unknown or missing)."""
    column = table.column(name).combine_chunks()
    values = column.dictionary.to_pylist()
    lookup = np.array([position.get(value, -1) for value in values] + [-1], dtype="int32")
    return lookup[column.indices.fill_null(len(values)).to_numpy(zero_copy_only=False)]


def weekly_from_store(
    folder: Path,
    catalogue: pd.DataFrame,
    *,
    through=None,
    min_sets_per_day: int = 1,
    guideline_days: int = 2,
) -> pd.DataFrame:
    """Compute the weekly table straight from the store, without a pandas table of sets.

    Columns go from Arrow to NumPy one at a time, as dictionary codes for client, exercise
    and set kind, and the Arrow table is freed before the counting starts. Equal to
    :func:`backday_analysis.weekly.weekly_volume` on the same sets.
    """
    from backday_analysis import GROUPS
    from backday_analysis.weekly import weekly_from_arrays

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
