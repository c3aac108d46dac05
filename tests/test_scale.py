"""The Parquet store and the Dask engine give exactly the pandas engine's weekly table."""

from __future__ import annotations

import pandas as pd
import pytest

from backday_analysis import GROUPS
from backday_analysis.datafolder.dataset import load_dataset
from backday_analysis.datafolder.parquet_store import read_store, store_rows, write_store
from backday_analysis.metrics.dask_weekly import weekly_volume_dask
from backday_analysis.metrics.store_weekly import weekly_from_store
from backday_analysis.metrics.weekly import weekly_volume


@pytest.fixture(scope="module")
def stored(demo_data, tmp_path_factory):
    dataset = load_dataset(demo_data)
    store = tmp_path_factory.mktemp("store") / "store"
    write_store(dataset.sets, store)
    return dataset, store


def test_store_round_trip_keeps_every_set(stored):
    dataset, store = stored
    assert store_rows(store) == len(dataset.sets)
    back = read_store(store, ["cleo"])
    assert len(back) == (dataset.sets["client"] == "cleo").sum()
    assert back["reps"].sum() == dataset.sets.loc[dataset.sets["client"] == "cleo", "reps"].sum()


@pytest.mark.dask
def test_dask_on_a_local_cluster_equals_pandas(stored):
    from distributed import LocalCluster  # here: half a second to import, for this test alone

    dataset, store = stored
    expected = weekly_volume(dataset.sets, dataset.catalogue)
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        result = weekly_volume_dask(store, dataset.catalogue, scheduler=cluster.scheduler_address)
    pd.testing.assert_frame_equal(result, expected)
    assert len(result) == 8 * 26 * len(GROUPS)  # eight demo clients, 26 weeks, every group


def test_weekly_straight_from_the_store_equals_pandas(stored):
    dataset, store = stored
    expected = weekly_volume(dataset.sets, dataset.catalogue)
    pd.testing.assert_frame_equal(weekly_from_store(store, dataset.catalogue), expected)


@pytest.mark.parametrize("chunk_sets", [1, 2500])
def test_the_store_read_a_few_clients_at_a_time_gives_the_same_table(
    stored, monkeypatch, tmp_path, chunk_sets
):
    from backday_analysis.metrics import store_weekly

    dataset, _ = stored
    # Cleo stopped three weeks early: her weeks still run to the store's last day.
    sets = dataset.sets
    stop = sets["performed_at"].max() - pd.Timedelta(weeks=3)
    sets = sets.loc[(sets["client"] != "cleo") | (sets["performed_at"] < stop)]
    write_store(sets, tmp_path / "store")
    monkeypatch.setattr(store_weekly, "CHUNK_SETS", chunk_sets)
    expected = weekly_volume(sets, dataset.catalogue)
    result = weekly_from_store(tmp_path / "store", dataset.catalogue)
    pd.testing.assert_frame_equal(result, expected)
    assert set(result.groupby("client")["week"].max()) == {result["week"].max()}
