"""Run many ``backday import`` processes at once on one data folder and count what arrived.

Run ``python -m dev.import_stress [--imports 16]``. Half the imports are
Strong exports of one client's generated history in overlapping six-week windows (as a coach
imports each Monday's full export), the other half new clients, one export each. All start
at once, as a shell loop with ``&`` starts them. Afterwards the client's log must hold every
set of the windows once and each new client's log all its sets, and the roster every client.
Prints the figures and exits with status 1 when anything is missing. Nothing here is a test
of speed: the time depends on the machine.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

import dev as checkout
from backday_analysis import paths
from backday_analysis.demo.exports import strong_export
from backday_analysis.demo.generate import SEED, demo_sets


def write_jobs(folder: Path, imports: int) -> tuple[list[tuple[Path, str]], int, set[str]]:
    """Write the exports; return (export, client) pairs, the sets expected and the clients."""
    rng = np.random.default_rng(SEED)
    history = demo_sets("shared", rng, story="ava")
    week = (history["performed_at"] - history["performed_at"].min()).dt.days // 7
    jobs, kept = [], pd.Series(False, index=history.index)
    windows = imports - imports // 2
    for i in range(windows):
        inside = week.between(2 * i, 2 * i + 5)
        kept |= inside
        path = folder / f"shared_{i}.csv"
        path.write_text(strong_export(history.loc[inside]), encoding="utf-8")
        jobs.append((path, "shared"))
    expected = int(kept.sum())
    clients = {"shared"}
    for i in range(imports // 2):
        client = f"new{i:02d}"
        sets = demo_sets(client, rng, story=("ben", "cleo", "dev")[i % 3], weeks=4)
        path = folder / f"{client}.csv"
        path.write_text(strong_export(sets), encoding="utf-8")
        jobs.append((path, client))
        expected += len(sets)
        clients.add(client)
    return jobs, expected, clients


def run(imports: int, folder: Path) -> dict:
    """Run the imports at once in ``folder``/data and return the figures."""
    data = folder / "data"
    data.mkdir(parents=True)
    for name in ("catalogue.csv", "config.toml"):
        shutil.copy(checkout.DATA_DIR / name, data / name)
    (data / "roster.csv").write_text("client_id,name,unit,bodyweight_kg,timezone\n")
    jobs, expected, clients = write_jobs(folder, imports)
    started = time.perf_counter()
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "backday_analysis", "import", str(export), "--client"]
            + [client, "--unit", "kg", "--data", str(data), "--json", "--lock-timeout", "600"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for export, client in jobs
    ]
    outputs = [process.communicate() for process in processes]
    seconds = time.perf_counter() - started
    reported = sum(json.loads(out)["sets_imported"] for out, _ in outputs if out.strip())
    found = sum(len(pd.read_csv(log, dtype=str)) for log in paths.logs_dir(data).glob("*.csv"))
    roster = set(pd.read_csv(paths.roster_path(data), dtype=str)["client_id"])
    return {
        "imports": len(jobs),
        "failed": sum(process.returncode != 0 for process in processes),
        "seconds": round(seconds, 1),
        "sets_expected": expected,
        "sets_found": found,
        "sets_reported_imported": reported,
        "clients_expected": len(clients),
        "clients_found": len(clients & roster),
    }


def main() -> None:
    """Parse the options, run the imports, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--imports", type=int, default=16, help="Imports at once (default 16).")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="backday-stress-") as work:
        figures = run(max(options.imports, 2), Path(work))
    for name, value in figures.items():
        print(f"{name}: {value}")
    whole = figures["sets_found"] == figures["sets_expected"] == figures["sets_reported_imported"]
    if figures["failed"] or not whole or figures["clients_found"] < figures["clients_expected"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
