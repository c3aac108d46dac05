"""The benchmark's own machinery on tiny sizes: it must measure the same table as its peers."""

import pytest

from dev import bench_aggregate


@pytest.mark.slow  # three fresh interpreters: ours, DuckDB's and Polars' tables
def test_aggregate_matches_duckdb_and_polars_on_a_small_store(tmp_path):
    # One run times all three in their own processes: both peers are compared on it.
    figures = bench_aggregate.bench_aggregate(tmp_path, clients=12, years=2, sets_per_client=300)
    assert figures["aggregate_sets"] == 3600
    assert figures["aggregate_equal_to_duckdb"] is True
    assert figures["aggregate_equal_to_polars"] is True
    assert figures["aggregate_seconds"] > 0 and figures["duckdb_seconds"] > 0
    assert figures["polars_seconds"] > 0
