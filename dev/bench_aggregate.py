"""Time the weekly table of a large generated Parquet store, ours against DuckDB's and Polars'.

Each aggregation runs in a fresh interpreter (:func:`_in_subprocess`) so that its peak memory
is its own; both tables are written to Parquet and compared.
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

import dev as checkout
from backday_analysis import GROUPS, paths
from backday_analysis.datafolder.catalogue import load_catalogue

DUCKDB_QUERY = """
WITH s AS (
    SELECT client, CAST(performed_at AS DATE) AS day, exercise_id, load_kg * reps AS work
    FROM read_parquet('{store}/*/*.parquet', hive_partitioning = true)
    WHERE set_kind <> 'warmup'),
j AS (
    SELECT s.client, s.day, c.grp, c.credit, s.work
    FROM s JOIN credits c ON c.exercise_id = s.exercise_id),
per_day AS (
    SELECT client, day, grp, sum(credit) AS fractional_sets,
           count(*) FILTER (WHERE credit = 1) AS direct_sets,
           sum(CASE WHEN credit > 0 THEN work ELSE 0 END) AS tonnage_kg, count(*) AS n
    FROM j GROUP BY ALL),
per_week AS (
    SELECT client, date_trunc('week', day) AS monday, grp,
           sum(fractional_sets) AS fractional_sets, sum(direct_sets) AS direct_sets,
           sum(tonnage_kg) AS tonnage_kg, count(*) FILTER (WHERE n >= {min_sets}) AS days
    FROM per_day GROUP BY ALL),
span AS (
    SELECT client, min(date_trunc('week', day)) AS first_monday FROM s
    WHERE exercise_id IN (SELECT exercise_id FROM exercises) GROUP BY ALL),
grid AS (
    SELECT client, unnest(generate_series(first_monday, DATE '{last_monday}',
                                          INTERVAL 7 DAY)) AS monday, g.grp
    FROM span CROSS JOIN (SELECT unnest({groups}) AS grp) g)
SELECT grid.client, strftime(grid.monday, '%G-W%V') AS week, grid.grp AS "group",
       coalesce(w.fractional_sets, 0) AS fractional_sets,
       coalesce(w.direct_sets, 0) AS direct_sets,
       coalesce(w.tonnage_kg, 0) AS tonnage_kg, coalesce(w.days, 0) AS days
FROM grid LEFT JOIN per_week w
  ON w.client = grid.client AND w.monday = grid.monday AND w.grp = grid.grp
"""


def _peak_mb() -> float:
    """Return this process's peak resident memory in MB.

    Read from ``VmHWM``: ``getrusage``'s ``ru_maxrss`` keeps the parent's peak across fork and
    exec on Linux, so a child of the benchmark (which holds the generated sets) would report
    the benchmark's memory rather than its own.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate_store(
    folder: Path,
    clients: int,
    years: int,
    sets_per_client: int,
    catalogue: pd.DataFrame,
    seed: int = 7,
) -> int:
    """Write a random canonical store: ``clients`` × ``sets_per_client`` sets over ``years``."""
    from backday_analysis.datafolder.parquet_store import write_store

    rng = np.random.default_rng(seed)
    total = clients * sets_per_client
    end = pd.Timestamp("2026-11-22 20:00")
    seconds = rng.integers(0, years * 365 * 86400, total)
    ids = catalogue["exercise_id"].to_numpy()
    sets = pd.DataFrame(
        {
            "client": pd.Categorical.from_codes(
                np.repeat(np.arange(clients), sets_per_client),
                [f"c{i:04d}" for i in range(clients)],
            ),
            "performed_at": end - pd.to_timedelta(seconds, unit="s"),
            "exercise_id": pd.Categorical.from_codes(rng.integers(0, len(ids), total), ids),
            "set_kind": pd.Categorical.from_codes(
                rng.choice(4, total, p=[0.8, 0.12, 0.04, 0.04]),
                ["working", "warmup", "drop", "failure"],
            ),
            "load_kg": rng.integers(0, 800, total) * 0.25,
            "reps": rng.integers(1, 16, total).astype("int32"),
        }
    )
    write_store(sets, folder)
    return total


def aggregate_ours(store: Path, catalogue_file: Path, out: Path) -> dict:
    """Compute the weekly table from the store with the package; return time and peak memory."""
    from backday_analysis.metrics.store_weekly import weekly_from_store

    catalogue = load_catalogue(catalogue_file)
    started = time.perf_counter()
    table = weekly_from_store(store, catalogue)
    seconds, peak = time.perf_counter() - started, _peak_mb()
    table.to_parquet(out)
    return {"seconds": seconds, "peak_mb": peak}


def aggregate_duckdb(store: Path, catalogue_file: Path, out: Path) -> dict:
    """Compute the same weekly table with DuckDB from the same Parquet files."""
    import duckdb

    from backday_analysis.datafolder.catalogue import credit_table
    from backday_analysis.datafolder.parquet_store import read_store_last_day

    catalogue = load_catalogue(catalogue_file)
    credits = credit_table(catalogue).rename(columns={"group": "grp"})
    started = time.perf_counter()
    last = read_store_last_day(store)
    connection = duckdb.connect()
    connection.register("credits_frame", credits)
    connection.register("exercises_frame", catalogue.loc[:, ["exercise_id"]])
    connection.execute("CREATE TABLE credits AS SELECT * FROM credits_frame")
    connection.execute("CREATE TABLE exercises AS SELECT * FROM exercises_frame")
    query = DUCKDB_QUERY.format(
        store=store,
        min_sets=1,
        groups=list(GROUPS),
        last_monday=last - dt.timedelta(days=last.weekday()),
    )
    table = connection.execute(query).to_arrow_table()
    seconds, peak = time.perf_counter() - started, _peak_mb()
    table.to_pandas().to_parquet(out)
    return {"seconds": seconds, "peak_mb": peak}


def aggregate_polars(store: Path, catalogue_file: Path, out: Path) -> dict:
    """Compute the same weekly table with a Polars lazy query on its streaming engine."""
    import polars as pl

    from backday_analysis.datafolder.catalogue import credit_table
    from backday_analysis.datafolder.parquet_store import read_store_last_day

    catalogue = load_catalogue(catalogue_file)
    credits = pl.from_pandas(credit_table(catalogue).rename(columns={"group": "grp"}))
    started = time.perf_counter()
    last = read_store_last_day(store)
    sets = (
        pl.scan_parquet(f"{store}/*/*.parquet", hive_partitioning=True)
        .filter(pl.col("set_kind").cast(pl.String) != "warmup")
        .select(
            pl.col("client").cast(pl.String),
            pl.col("performed_at").dt.date().alias("day"),
            pl.col("exercise_id").cast(pl.String),
            (pl.col("load_kg") * pl.col("reps")).alias("work"),
        )
    )
    per_day = (
        sets.join(credits.lazy(), on="exercise_id")
        .group_by("client", "day", "grp")
        .agg(
            fractional_sets=pl.col("credit").sum(),
            direct_sets=(pl.col("credit") == 1).sum(),
            tonnage_kg=pl.when(pl.col("credit") > 0).then(pl.col("work")).otherwise(0.0).sum(),
            n=pl.len(),
        )
    )
    per_week = (
        per_day.with_columns(monday=pl.col("day").dt.truncate("1w"))
        .group_by("client", "monday", "grp")
        .agg(
            pl.col("fractional_sets").sum(),
            pl.col("direct_sets").sum(),
            pl.col("tonnage_kg").sum(),
            days=(pl.col("n") >= 1).sum(),
        )
    )
    known = pl.Series(catalogue["exercise_id"].to_list())
    grid = (
        sets.filter(pl.col("exercise_id").is_in(known))
        .group_by("client")
        .agg(first=pl.col("day").min().dt.truncate("1w"))
        .with_columns(
            monday=pl.date_ranges("first", last - dt.timedelta(days=last.weekday()), "1w")
        )
        .explode("monday")
        .join(pl.LazyFrame({"grp": list(GROUPS)}), how="cross")
    )
    table = (
        grid.join(per_week, on=["client", "monday", "grp"], how="left")
        .select(
            "client",
            pl.col("monday").dt.strftime("%G-W%V").alias("week"),
            pl.col("grp").alias("group"),
            pl.col("fractional_sets").fill_null(0.0),
            pl.col("direct_sets").fill_null(0),
            pl.col("tonnage_kg").fill_null(0.0),
            pl.col("days").fill_null(0),
        )
        .collect(engine="streaming")
    )
    seconds, peak = time.perf_counter() - started, _peak_mb()
    table.to_pandas().to_parquet(out)
    return {"seconds": seconds, "peak_mb": peak}


def tables_equal(ours: pd.DataFrame, duck: pd.DataFrame) -> bool:
    """Return whether two weekly tables hold the same rows and numbers.

    Tonnage is compared to within 0.05 kg, since ours is rounded to 0.1 kg.
    """
    keys = ["client", "week", "group"]
    columns = ["fractional_sets", "direct_sets", "tonnage_kg", "days"]
    a = ours.loc[:, keys + columns].astype({k: str for k in keys})
    b = duck.loc[:, keys + columns].astype({k: str for k in keys})
    if len(a) != len(b):
        return False
    merged = a.merge(b, on=keys, suffixes=("", "_duck"))
    if len(merged) != len(a):
        return False
    exact = all(
        (merged[c].astype(float) == merged[f"{c}_duck"].astype(float)).all()
        for c in ("fractional_sets", "direct_sets", "days")
    )
    tonnage = np.allclose(merged["tonnage_kg"], merged["tonnage_kg_duck"], atol=0.0501, rtol=0)
    return bool(exact and tonnage)


def _in_subprocess(function: str, *args: str) -> dict:
    """Run one aggregation in a fresh interpreter, so its peak memory is its own."""
    code = (
        "import json, sys; from pathlib import Path; "
        "from dev import bench_aggregate as b; "
        f"print(json.dumps(b.{function}(*map(Path, sys.argv[1:]))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_aggregate(work: Path, clients: int, years: int, sets_per_client: int) -> dict:
    """Time our weekly table, DuckDB's and Polars' on one generated store; compare them."""
    catalogue_file = paths.catalogue_path(checkout.DATA_DIR)
    store = work / "store"
    rows = generate_store(store, clients, years, sets_per_client, load_catalogue(catalogue_file))
    ours = _in_subprocess("aggregate_ours", str(store), str(catalogue_file), str(work / "o.pq"))
    duck = _in_subprocess("aggregate_duckdb", str(store), str(catalogue_file), str(work / "d.pq"))
    polars = _in_subprocess("aggregate_polars", str(store), str(catalogue_file), str(work / "p.pq"))
    ours_table = pd.read_parquet(work / "o.pq")
    equal = tables_equal(ours_table, pd.read_parquet(work / "d.pq"))
    return {
        "aggregate_sets": rows,
        "aggregate_seconds": round(ours["seconds"], 3),
        "aggregate_peak_mb": round(ours["peak_mb"], 1),
        "duckdb_seconds": round(duck["seconds"], 3),
        "aggregate_ratio_vs_duckdb": round(ours["seconds"] / duck["seconds"], 3),
        "aggregate_equal_to_duckdb": equal,
        "polars_seconds": round(polars["seconds"], 3),
        "polars_peak_mb": round(polars["peak_mb"], 1),
        "aggregate_ratio_vs_polars": round(ours["seconds"] / polars["seconds"], 3),
        "aggregate_equal_to_polars": tables_equal(ours_table, pd.read_parquet(work / "p.pq")),
    }
