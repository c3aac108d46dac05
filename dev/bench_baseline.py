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
- one client's report (``backday report --client``), as wall and CPU seconds;
- the weekly notebook under papermill in a new process, as wall and CPU seconds;

and writes each side's figures, their medians and this checkout's median over the ref's to
``reports/bench_baseline.json``.

Each side runs its own code and notebooks with this checkout's virtual environment: the
batch and the single report on a data folder written by its own demo generator (data formats
change between commits), the notebook on its own ``data/`` folder, as ``make bench`` does.
The ref is exported with ``git archive``; it must have ``dev/bench_reports.py`` (67d0c9b and
later).

Run ``python -m dev.bench_baseline --ref 67d0c9b [--rounds 5]`` from the repository root.
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
from dev.bench_reports import bin_path, run_command, run_notebook

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


def batch_figures(code: Path, folder: Path, week: str, out: Path, clients: int) -> dict:
    """Return the CPU seconds a report of one batch of ``code`` costs, all processes counted."""
    command = [bin_path("backday"), "report", "--week", week, "--data", str(folder)]
    environment = {**os.environ, "PYTHONPATH": str(code)}
    cpu = run_command([*command, "--out", str(out)], env=environment)[1]
    return {"core_seconds_per_report": cpu / clients}


def single_figures(code: Path, folder: Path, week: str, out: Path) -> dict:
    """Return the wall and CPU seconds of ``code``'s ``backday report --client c001``."""
    command = [bin_path("backday"), "report", "--client", "c001", "--week", week]
    environment = {**os.environ, "PYTHONPATH": str(code)}
    wall, cpu = run_command([*command, "--data", str(folder), "--out", str(out)], env=environment)
    return {"single_report_seconds": wall, "single_report_cpu_seconds": cpu}


def notebook_figures(code: Path) -> dict:
    """Return the wall and CPU seconds of ``code``'s weekly notebook for ava of its ``data/``.

    As ``make bench`` does, the notebook reads the demo data folder in ``code``: the ref's
    as committed, this checkout's as it is in the working tree.
    """
    loaded, wall, cpu = run_notebook(code / "data", code=code)
    if not Path(loaded).resolve().is_relative_to(code.resolve()):
        sys.exit(f"{code}: PYTHONPATH did not win for the notebook, {loaded} was loaded.")
    return {"notebook_seconds": wall, "notebook_cpu_seconds": cpu}


#: The figures the rounds measure, named as in ``make bench``; wall figures have a CPU twin,
#: which the hypervisor's share of the cores (``steal``) moves much less.
FIGURES = (
    "core_seconds_per_report",
    "single_report_seconds",
    "single_report_cpu_seconds",
    "notebook_seconds",
    "notebook_cpu_seconds",
)


def compare(
    ref: str, ref_code: Path, work: Path, rounds: int = 5, clients: int = 30, weeks: int = 52
) -> dict:
    """Alternate the measures of ``ref`` (exported to ``ref_code``) and of this checkout.

    In each round the two sides take turns on the batch, then on one client's report, then
    on the notebook; the ref goes first in odd rounds and second in even ones, so that
    what favours a first or a second run (a cache, say) falls on both. The figures are each
    side's values, their medians, and this checkout's median over the ref's, for each of
    :data:`FIGURES`.
    """
    codes = {"ref": ref_code, "this": checkout.ROOT}
    folders = {side: work / f"{side}-data" for side in SIDES}
    weeks_of = {side: prepare_side(codes[side], folders[side], clients, weeks) for side in SIDES}
    measures = {
        "batch": lambda side, out: batch_figures(
            codes[side], folders[side], weeks_of[side], out, clients
        ),
        "single": lambda side, out: single_figures(codes[side], folders[side], weeks_of[side], out),
        "notebook": lambda side, out: notebook_figures(codes[side]),
    }
    values: dict[str, dict[str, list[float]]] = {
        name: {side: [] for side in SIDES} for name in FIGURES
    }
    for round_ in range(rounds):
        for measure, run in measures.items():
            for side in SIDES[:: -1 if round_ % 2 else 1]:
                for name, value in run(side, work / f"{side}-{measure}-{round_}").items():
                    values[name][side].append(value)
                    print(f"round {round_ + 1} {side} {name}: {value:.3f}", flush=True)
    figures: dict = {"ref": ref, "batch_clients": clients}
    for name in FIGURES:
        ref_median, this_median = (statistics.median(values[name][side]) for side in SIDES)
        figures[name] = {
            "ref": [round(v, 3) for v in values[name]["ref"]],
            "this": [round(v, 3) for v in values[name]["this"]],
            "ref_median": round(ref_median, 3),
            "this_median": round(this_median, 3),
            "this_over_ref": round(this_median / ref_median, 3),
        }
    return figures


def main(argv: list[str] | None = None) -> None:
    """Compare with ``--ref`` and write ``reports/bench_baseline.json``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", required=True, help="the commit to measure against")
    parser.add_argument("--rounds", type=int, default=5)
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
