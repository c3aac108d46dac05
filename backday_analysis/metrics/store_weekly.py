"""Compute the weekly table straight from the Parquet store, without a pandas table of sets."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from backday_analysis import GROUPS
from backday_analysis.datafolder.parquet_store import STORE_COLUMNS
from backday_analysis.metrics.weekly import weekly_from_arrays


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
    :func:`backday_analysis.metrics.weekly.weekly_volume` on the same sets.
    """
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
