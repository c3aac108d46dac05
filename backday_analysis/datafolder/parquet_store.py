"""Keep resolved sets as a Parquet dataset partitioned by client, for large rosters.

The readable CSV logs stay the coach's source of truth; this dataset is derived from them
(``backday store``) and is what the DuckDB comparison and the Dask engine read.
"""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from backday_analysis.atomic import atomic_path
from backday_analysis.errors import BackdayError

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


def store_client(path: Path) -> str:
    """Return the client a store file belongs to, from its ``client=<id>`` folder."""
    return urllib.parse.unquote(path.parent.name.split("=", 1)[1])


def chosen_clients(folder: Path, clients: list[str] | None = None) -> list[str]:
    """Return the store's clients, sorted, or the given ones after checking the store has them.

    Raises
    ------
    BackdayError
        When there is no store in ``folder``, or it lacks one of ``clients``.
    """
    names = sorted({store_client(path) for path in client_files(folder)})
    if not names:
        raise BackdayError(
            f"{folder}: there is no Parquet store here; write one with 'backday store' first."
        )
    unknown = sorted(set(clients or ()) - set(names))
    if unknown:
        raise BackdayError(
            f"{folder}: the store has no client '{unknown[0]}'; refresh it with 'backday store'."
        )
    return sorted(set(clients)) if clients else names


def store_rows(folder: Path) -> int:
    """Return the number of sets in the dataset, from the files' metadata."""
    return sum(pq.ParquetFile(path).metadata.num_rows for path in client_files(folder))


def read_store_last_day(folder: Path):
    """Return the day of the last set in the dataset, from the Parquet statistics."""
    dataset = ds.dataset(folder, format="parquet", partitioning="hive")
    latest = dataset.to_table(columns=["performed_at"]).column(0)
    return pc.max(latest).as_py().date()
