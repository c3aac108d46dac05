"""Measure batch reports, large-log aggregation and one notebook run (``make bench``).

Prints one ``name: value`` line per figure and writes the same figures to
``reports/bench.json``. Nothing here is a test: the numbers depend on the machine.

Run ``python -m dev.bench [--quick]``; ``--quick`` uses tiny sizes, to check
that the benchmark itself works.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import dev as checkout
from dev.bench_aggregate import bench_aggregate
from dev.bench_reports import (
    bench_dask,
    bench_long_history,
    bench_single,
    bin_path,
    demo_folder,
    run_command,
    run_notebook,
)


def bench_batch(data: Path, work: Path, runs: int = 3) -> dict:
    """Time ``backday report`` against the papermill → nbconvert → WeasyPrint loop.

    Our batch runs ``runs`` times and its figures are medians: on a shared machine the same
    batch has cost from 0.79 to 0.88 core-seconds a report in three runs of one commit, and
    1.28 to 1.52 on a busier machine (``core_seconds_per_report_runs`` keeps each run's
    figure). The naive loop, fifteen times slower, runs once.
    """
    from backday_analysis.datafolder.dataset import load_dataset
    from backday_analysis.views.client_week import latest_week

    dataset = load_dataset(data)
    week = latest_week(dataset.sets)
    command = [bin_path("backday"), "report", "--week", week, "--data", str(data)]
    timings = [run_command([*command, "--out", str(work / f"ours-{n}")]) for n in range(runs)]
    ours = statistics.median(seconds for seconds, _ in timings)
    ours_cpu = statistics.median(cpu for _, cpu in timings)
    naive_dir = work / "naive"
    naive_dir.mkdir(parents=True)
    notebook = checkout.NOTEBOOKS_DIR / "weekly_report.ipynb"
    started = time.perf_counter()
    for client in dataset.roster["client_id"]:
        executed = naive_dir / f"{client}.ipynb"
        parameters = ["-p", "client", client, "-p", "week", week, "-p", "data_dir", str(data)]
        papermill = [bin_path("papermill"), str(notebook), str(executed), *parameters]
        subprocess.run(
            [*papermill, "-k", "python3", "--no-progress-bar"], check=True, capture_output=True
        )
        subprocess.run(
            [bin_path("jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [
                bin_path("weasyprint"),
                str(executed.with_suffix(".html")),
                str(executed.with_suffix(".pdf")),
            ],
            check=True,
            capture_output=True,
        )
    naive = time.perf_counter() - started
    clients = len(dataset.roster)
    return {
        "batch_clients": clients,
        "batch_seconds": round(ours, 2),
        "naive_batch_seconds": round(naive, 2),
        "batch_speedup_vs_naive": round(naive / ours, 2),
        "core_seconds_per_report": round(ours_cpu / clients, 3),
        "core_seconds_per_report_runs": [round(cpu / clients, 3) for _, cpu in timings],
    }


def bench_notebook(client: str = "ava", runs: int = 3) -> dict:
    """Time the weekly report notebook under papermill, kernel included, median of runs.

    Each run is a new Python process, so each pays papermill's import and a new kernel, as
    one notebook run from a script does (the package's own modules are imported first).
    """
    seconds = [run_notebook(checkout.DATA_DIR, client)[1] for _ in range(runs)]
    return {"notebook_seconds": round(statistics.median(seconds), 2)}


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and write ``reports/bench.json``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, to check the bench")
    parser.add_argument("--out", type=Path, default=checkout.REPORTS_DIR / "bench.json")
    args = parser.parse_args(argv)
    sizes = ((3, 8), (20, 1, 500)) if args.quick else ((30, 52), (2000, 3, 5000))
    figures: dict = {"cores": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="backday-bench-") as temporary:
        work = Path(temporary)
        roster = demo_folder(work / "roster", *sizes[0])
        steps = [
            ("notebook", lambda: bench_notebook()),
            ("single", lambda: bench_single(roster, work / "single", "c001")),
            ("aggregate", lambda: bench_aggregate(work / "aggregate", *sizes[1])),
            ("batch", lambda: bench_batch(roster, work / "batch", 1 if args.quick else 3)),
            ("long_history", lambda: bench_long_history(work / "history", 1 if args.quick else 7)),
            ("dask", lambda: bench_dask(roster, work / "dask")),
        ]
        for _, step in steps:
            for name, value in step().items():
                figures[name] = value
                print(f"{name}: {value}", flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
