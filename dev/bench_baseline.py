"""Compare the bench's absolute figures with another commit's, the two taking turns in one run.

``core_seconds_per_report``, ``single_report_seconds`` and ``notebook_seconds``
(:mod:`dev.bench`) follow the hour on a shared machine: one commit's batch has cost 1.07 and
1.51 core-seconds a report on the same day, and on a machine whose hypervisor took half the
cores' time (``steal`` in ``/proc/stat``) one report's wall time went from 6.7 to 11.7 s
between three runs in a row. Against a limit, a figure is only as good as the hour it was
taken in; against a baseline measured in the same minutes, the hour cancels out. This runs,
for this checkout and for ``--ref`` in turns:

- the bench's batch (``backday report --week`` over 30 generated clients of 52 weeks), as
  CPU seconds a report;
- one client's report (``backday report --client``), as wall seconds;
- the weekly notebook under papermill in a new process, as wall seconds;

and writes each side's figures, their medians and this checkout's median over the ref's to
``reports/bench_baseline.json``.

Each side runs its own code and notebooks with this checkout's virtual environment, on a data
folder written by its own demo generator (data formats change between commits). The ref is
exported with ``git archive``; it must have ``dev/bench_reports.py`` (67d0c9b and later).

Run ``python -m dev.bench_baseline --ref 67d0c9b [--rounds 3]`` from the repository root.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import dev as checkout
from dev.bench_reports import bin_path, run_command

SIDES = ("ref", "this")


def export_ref(ref: str, target: Path) -> Path:
    """Write the files of commit ``ref`` into ``target`` and return it."""
    archive = subprocess.run(
        ["git", "-C", str(checkout.ROOT), "archive", "--format=tar", ref],
        capture_output=True,
        check=False,
    )
    if archive.returncode:
        reason = archive.stderr.decode().strip()
        sys.exit(f"git archive {ref}: {reason}; give a commit of this repository.")
    target.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    if not (target / "dev" / "bench_reports.py").exists():
        sys.exit(f"{ref} has no dev/bench_reports.py; give a commit from 67d0c9b on.")
    # As make bench does for this checkout: otherwise, where bytecode is not written
    # (PYTHONDONTWRITEBYTECODE), every process of the ref would compile its modules anew.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(target / "backday_analysis")], check=True
    )
    return target


def side_python(code: Path, script: str, cwd: Path) -> str:
    """Run ``script`` with this environment's Python on ``code``'s modules; return its output."""
    done = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "PYTHONPATH": str(code)},
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def prepare_side(code: Path, folder: Path, clients: int, weeks: int) -> str:
    """Write ``code``'s demo folder and return its latest week, checking ``code`` is what runs.

    The command, its workers and their kernels inherit ``PYTHONPATH``, which comes before the
    editable install of this checkout: the check makes sure of it.
    """
    loaded = side_python(
        code, "import backday_analysis; print(backday_analysis.__file__)", folder.parent
    )
    if not Path(loaded).resolve().is_relative_to(code.resolve()):
        sys.exit(f"{code}: PYTHONPATH did not win, {loaded} was loaded; run from a venv.")
    return side_python(
        code,
        "from pathlib import Path\n"
        "from dev.bench_reports import demo_folder\n"
        "from backday_analysis.datafolder.dataset import load_dataset\n"
        "from backday_analysis.views.client_week import latest_week\n"
        f"folder = demo_folder(Path({str(folder)!r}), {clients}, {weeks})\n"
        "print(latest_week(load_dataset(folder).sets))",
        code,
    ).splitlines()[-1]


def batch_cpu(code: Path, folder: Path, week: str, out: Path, clients: int) -> float:
    """Return the CPU seconds a report of one batch of ``code`` costs, all processes counted."""
    command = [bin_path("backday"), "report", "--week", week, "--data", str(folder)]
    environment = {**os.environ, "PYTHONPATH": str(code)}
    return run_command([*command, "--out", str(out)], env=environment)[1] / clients


def single_seconds(code: Path, folder: Path, week: str, out: Path) -> float:
    """Return the wall seconds of ``code``'s ``backday report --client c001``, start to exit."""
    command = [bin_path("backday"), "report", "--client", "c001", "--week", week]
    environment = {**os.environ, "PYTHONPATH": str(code)}
    return run_command([*command, "--data", str(folder), "--out", str(out)], env=environment)[0]


def notebook_seconds(code: Path) -> float:
    """Return the wall seconds of ``code``'s weekly notebook for ava of its own demo data.

    As :func:`dev.bench.bench_notebook`: a new process, a new kernel, the package imported
    before the clock starts.
    """
    script = (
        "import time; "
        "from backday_analysis.rendering.report import WEEKLY_NOTEBOOK, execute; "
        "t = time.perf_counter(); "
        "execute(WEEKLY_NOTEBOOK, {'client': 'ava', 'week': 'latest', "
        f"'data_dir': {str(code / 'data')!r}}}); "
        "print(time.perf_counter() - t)"
    )
    return float(side_python(code, script, code).split()[-1])


#: The figures each round measures, in this order, named as in ``make bench``.
MEASURES = ("core_seconds_per_report", "single_report_seconds", "notebook_seconds")


def compare(
    ref: str, ref_code: Path, work: Path, rounds: int = 3, clients: int = 30, weeks: int = 52
) -> dict:
    """Alternate the measures of ``ref`` (exported to ``ref_code``) and of this checkout.

    In each round, each side runs its batch, its single report and its notebook, the sides
    taking turns on each measure. The figures are each side's values, their medians, and
    this checkout's median over the ref's, for each measure.
    """
    codes = {"ref": ref_code, "this": checkout.ROOT}
    folders = {side: work / f"{side}-data" for side in SIDES}
    weeks_of = {side: prepare_side(codes[side], folders[side], clients, weeks) for side in SIDES}
    runs = {
        "core_seconds_per_report": lambda side, out: batch_cpu(
            codes[side], folders[side], weeks_of[side], out, clients
        ),
        "single_report_seconds": lambda side, out: single_seconds(
            codes[side], folders[side], weeks_of[side], out
        ),
        "notebook_seconds": lambda side, out: notebook_seconds(codes[side]),
    }
    values: dict[str, dict[str, list[float]]] = {
        measure: {side: [] for side in SIDES} for measure in MEASURES
    }
    for round_ in range(rounds):
        for measure in MEASURES:
            for side in SIDES:
                value = runs[measure](side, work / f"{side}-{measure}-{round_}")
                values[measure][side].append(value)
                print(f"round {round_ + 1} {measure} {side}: {value:.3f}", flush=True)
    figures: dict = {"ref": ref, "batch_clients": clients}
    for measure in MEASURES:
        ref_median, this_median = (statistics.median(values[measure][side]) for side in SIDES)
        figures[measure] = {
            "ref": [round(v, 3) for v in values[measure]["ref"]],
            "this": [round(v, 3) for v in values[measure]["this"]],
            "ref_median": round(ref_median, 3),
            "this_median": round(this_median, 3),
            "this_over_ref": round(this_median / ref_median, 3),
        }
    return figures


def main(argv: list[str] | None = None) -> None:
    """Compare with ``--ref`` and write ``reports/bench_baseline.json``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", required=True, help="the commit to measure against")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=checkout.REPORTS_DIR / "bench_baseline.json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="backday-baseline-") as temporary:
        work = Path(temporary)
        figures = compare(args.ref, export_ref(args.ref, work / "ref-code"), work, args.rounds)
    for name, value in figures.items():
        print(f"{name}: {value}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
