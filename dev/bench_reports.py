"""Time reports: one client's command, the CPU a batch report costs, and long histories.

- ``single_report_seconds``: ``backday report --client ID`` from start to exit, as a coach
  runs it (HTML and PDF, a fresh process and kernel), median of 3;
- ``core_seconds_per_report``: CPU seconds of every process of a batch command (the command,
  its workers and their kernels) divided by its reports;
- ``long_history_ratio``: the CPU seconds (process and kernel) of one report of a client with
  ten years of logs (about 64,000 sets) over one of the same client with only the last 20
  weeks of that log, both in the same warm kernel. The two reports take turns, and the figure
  is the median of each pair's ratio: on a shared machine one report's CPU moves by a third
  from run to run, and a ratio of two reports made a second apart cancels most of that.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

import dev as checkout
from backday_analysis import paths


def bin_path(name: str) -> str:
    """Return the path of a command installed beside this Python."""
    return str(Path(sys.executable).with_name(name))


def demo_folder(folder: Path, clients: int, weeks: int) -> Path:
    """Write a data folder with ``clients`` generated clients and the real catalogue."""
    from backday_analysis.demo.generate import write_canonical_demo

    folder.mkdir(parents=True)
    for name in ("catalogue.csv", "config.toml"):
        shutil.copy(checkout.DATA_DIR / name, folder / name)
    write_canonical_demo(folder, clients=clients, weeks=weeks)
    return folder


def long_history_folder(folder: Path, weeks: int = 522) -> Path:
    """Write a data folder with one client, ``c001``, who logged three programmes for years.

    The demo's four stories are made for 20 weeks: over ten years their loads drift below
    zero or above 1,000 kg. Such rows would fill the report's table of rejected rows, so they
    are folded back into 0-250 kg here, keeping the log a plausible one.
    """
    demo_folder(folder, clients=3, weeks=weeks)
    logs = []
    for number in (1, 2, 3):
        path = paths.log_path(folder, f"c00{number}")
        log = pd.read_csv(path, dtype=str, keep_default_na=False)
        path.unlink()
        logs.append(log.assign(client="c001", session_id=log["session_id"] + f"-{number}"))
    merged = pd.concat(logs, ignore_index=True).sort_values("performed_at", kind="stable")
    weight = pd.to_numeric(merged["weight"].replace("", "0")).abs()
    weight = weight.where(weight <= 250, 100 + weight % 150)
    merged["weight"] = merged["weight"].where(merged["weight"] == "", weight.map("{:g}".format))
    merged.to_csv(paths.log_path(folder, "c001"), index=False)
    roster = pd.read_csv(paths.roster_path(folder))
    roster.iloc[:1].to_csv(paths.roster_path(folder), index=False)
    return folder


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_command(args: list[str], env: dict | None = None) -> tuple[float, float]:
    """Run a command; return its wall seconds and the CPU seconds of all its processes."""
    cpu, started = _children_cpu(), time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, env=env)
    return time.perf_counter() - started, _children_cpu() - cpu


#: Run by :func:`run_notebook` in a new process: the package is imported before the clocks
#: start; the CPU counts the kernel, a child that has been waited for once ``execute`` returns.
NOTEBOOK_SCRIPT = """\
import resource, sys, time
import backday_analysis
from backday_analysis.rendering.report import WEEKLY_NOTEBOOK, execute
def cpu():
    return sum(
        usage.ru_utime + usage.ru_stime
        for usage in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    )
print(backday_analysis.__file__)
wall, started = time.perf_counter(), cpu()
execute(WEEKLY_NOTEBOOK, {"client": sys.argv[2], "week": "latest", "data_dir": sys.argv[1]})
print(time.perf_counter() - wall, cpu() - started)
"""


def run_notebook(
    data: Path, client: str = "ava", code: Path | None = None
) -> tuple[str, float, float]:
    """Run the weekly notebook for ``client`` of ``data`` in a new process, as a script would.

    ``code`` (default: this checkout) goes first on ``PYTHONPATH``. Returns the file of the
    package that was loaded, and the wall and CPU seconds of the run, kernel included.
    """
    environment = {**os.environ, **({"PYTHONPATH": str(code)} if code else {})}
    done = subprocess.run(
        [sys.executable, "-c", NOTEBOOK_SCRIPT, str(data), client],
        env=environment,
        cwd=code or checkout.ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        sys.exit(f"the notebook failed on {data}: {done.stderr.strip()}")
    *_, loaded, times = done.stdout.splitlines()  # a path may hold spaces
    wall, cpu = times.split()
    return loaded, float(wall), float(cpu)


def bench_single(data: Path, out: Path, client: str, runs: int = 3) -> dict:
    """Time ``backday report --client`` as a coach runs it, whole command, median of runs."""
    command = [bin_path("backday"), "report", "--client", client, "--data", str(data)]
    seconds = [run_command([*command, "--out", str(out / str(n))])[0] for n in range(runs)]
    return {"single_report_seconds": round(statistics.median(seconds), 2)}


def kernel_cpu(kernel) -> float:
    """Return the CPU seconds a warm kernel's process has used so far."""
    pid = kernel.manager.provisioner.process.pid
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bench_long_history(work: Path, runs: int = 7) -> dict:
    """Compare one report's CPU for ten years of logs and for 20 weeks, in ``runs`` pairs."""
    from backday_analysis.rendering.batch import plan_reports, render_in_kernel
    from backday_analysis.rendering.kernels import WarmKernel

    long = long_history_folder(work / "long")
    # The same client with only the last 20 weeks of the log: the pages differ only in
    # what depends on the history, not in how much was trained this week.
    short = work / "short"
    shutil.copytree(long, short)
    log = pd.read_csv(paths.log_path(short, "c001"), dtype=str, keep_default_na=False)
    start = pd.to_datetime(log["performed_at"]).max().normalize() - pd.Timedelta(weeks=20)
    log.loc[pd.to_datetime(log["performed_at"]) >= start].to_csv(
        paths.log_path(short, "c001"), index=False
    )
    folders = {"short": short, "long": long}
    jobs = {
        name: plan_reports("latest", None, folder, work / f"out-{name}")[1][0]
        for name, folder in folders.items()
    }
    kernel = WarmKernel()
    cpu: dict[str, list[float]] = {"short": [], "long": []}
    try:
        render_in_kernel(jobs["short"], ("html", "pdf"), kernel)  # the first report warms up
        for _ in range(runs):
            for name, job in jobs.items():
                before = kernel_cpu(kernel) + time.process_time()
                result = render_in_kernel(job, ("html", "pdf"), kernel)
                if result.error:
                    raise RuntimeError(result.error)
                cpu[name].append(kernel_cpu(kernel) + time.process_time() - before)
    finally:
        kernel.shutdown()
    short, long = statistics.median(cpu["short"]), statistics.median(cpu["long"])
    pairs = [b / a for a, b in zip(cpu["short"], cpu["long"], strict=True)]
    return {
        "long_history_sets": len(pd.read_csv(paths.log_path(folders["long"], "c001"))),
        "short_history_report_cpu_seconds": round(short, 3),
        "long_history_report_cpu_seconds": round(long, 3),
        "long_history_ratio": round(statistics.median(pairs), 3),
        "long_history_pair_ratios": [round(r, 3) for r in pairs],
    }


def bench_dask(data: Path, out: Path) -> dict:
    """Time the roster's reports on a LocalCluster with one and with two single-threaded workers.

    Each cluster starts afresh, so both times include starting the workers' kernels.
    """
    from distributed import LocalCluster

    from backday_analysis.rendering.batch import plan_reports
    from backday_analysis.rendering.distributed import run_reports_distributed

    seconds = {}
    for workers in (1, 2):
        _, jobs = plan_reports("latest", None, data, out / f"workers-{workers}")
        with LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster:
            started = time.perf_counter()
            results = run_reports_distributed(jobs, ("html", "pdf"), cluster.scheduler_address)
            seconds[workers] = time.perf_counter() - started
        failed = [r.error for r in results if r.error]
        if failed:
            raise RuntimeError(failed[0])
    return {
        "dask_one_worker_seconds": round(seconds[1], 2),
        "dask_two_worker_seconds": round(seconds[2], 2),
        "dask_two_worker_speedup": round(seconds[1] / seconds[2], 2),
    }
