"""Compute the weekly table with Dask, one task per client, for data beyond one machine.

The Parquet store (:mod:`backday_analysis.datafolder.parquet_store`) holds one folder per
client, and a client's weekly table needs only that client's sets, so each Dask partition is
one client's table and the result equals the pandas engine's exactly. Point ``scheduler`` at
a running ``dask.distributed`` scheduler to use a cluster; without it a local cluster is
started.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from backday_analysis.datafolder.parquet_store import (
    chosen_clients,
    read_store,
    read_store_last_day,
)
from backday_analysis.metrics.weekly import weekly_volume


def _client_weekly(
    client: str,
    store: str,
    catalogue: pd.DataFrame,
    through: dt.date,
    min_sets_per_day: int,
    guideline_days: int,
) -> pd.DataFrame:
    sets = read_store(Path(store), [client])
    sets["client"] = sets["client"].astype(str)
    return weekly_volume(
        sets,
        catalogue,
        clients=[client],
        through=through,
        min_sets_per_day=min_sets_per_day,
        guideline_days=guideline_days,
    )


def weekly_volume_dask(
    store: Path,
    catalogue: pd.DataFrame,
    *,
    clients: list[str] | None = None,
    min_sets_per_day: int = 1,
    guideline_days: int = 2,
    scheduler: str | None = None,
    workers: int | None = None,
) -> pd.DataFrame:
    """Return the weekly table of a Parquet store, computed by Dask one client per task.

    Parameters
    ----------
    store : Path
        A store written by :func:`backday_analysis.datafolder.parquet_store.write_store`.
    catalogue : pandas.DataFrame
        The exercise catalogue.
    clients : list of str, optional
        Only these clients; default every client in the store.
    scheduler : str, optional
        Address of a ``dask.distributed`` scheduler (``tcp://host:8786``); default a local
        cluster on this machine.
    workers : int, optional
        Worker processes of the local cluster; default one per core.
    """
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    names = chosen_clients(store, clients)
    through = read_store_last_day(store)
    meta = weekly_volume(
        pd.DataFrame(
            {
                "client": [],
                "performed_at": pd.Series(dtype="datetime64[ns]"),
                "exercise_id": [],
                "set_kind": [],
                "load_kg": [],
                "reps": [],
            }
        ),
        catalogue,
        clients=[],
        through=through,
    )
    frame = dd.from_map(
        _client_weekly,
        names,
        store=str(store),
        catalogue=catalogue,
        through=through,
        min_sets_per_day=min_sets_per_day,
        guideline_days=guideline_days,
        meta=meta,
        enforce_metadata=False,
    )
    if scheduler:
        with Client(scheduler) as client:
            result = client.compute(frame).result()
    else:
        with (
            LocalCluster(
                n_workers=workers, threads_per_worker=1, dashboard_address=None, processes=True
            ) as cluster,
            Client(cluster),
        ):
            result = frame.compute()
    # Dask hands text back as its own string type; match the pandas engine exactly.
    text = {"client": "str", "week": "str", "group": "str"}
    return result.astype(text).reset_index(drop=True)
