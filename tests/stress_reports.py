"""Run many ``backday report`` commands in a row under a watchdog; count what outlives each.

Run by ``tests/test_report_stress.py`` as ``python tests/stress_reports.py DATA OUT SINGLES
BATCHES BATCH_SIZE WATCHDOG`` with ``BACKDAY_STRESS_TAG`` set in the environment. Each command
runs in this process, as the command line runs it (``app([...])``), so a kernel or worker
it leaves behind is seen at once: after every command no process may carry the tag in its
environment (kernels and workers inherit it, even when orphaned) and this process may have
no child, not even an unreaped one. The watchdog (:func:`faulthandler.dump_traceback_later`)
ends the run with every thread's traceback when one command takes longer than WATCHDOG
seconds. The last line printed is a JSON summary.
"""

from __future__ import annotations

import faulthandler
import json
import os
import sys
import time
from pathlib import Path

TAG = "BACKDAY_STRESS_TAG"


def tagged_processes(tag: str) -> list[int]:
    """Return the processes other than this one whose environment carries ``tag``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environment = (entry / "environ").read_bytes().split(b"\0")
        except OSError:  # ended meanwhile, or not ours to read
            continue
        if f"{TAG}={tag}".encode() in environment:
            found.append(int(entry.name))
    return found


def children() -> list[int]:
    """Return this process's children, zombies included."""
    path = Path(f"/proc/self/task/{os.getpid()}/children")
    return [int(pid) for pid in path.read_text().split()]


def left_over(tag: str, grace: float = 5.0) -> list[int]:
    """Return what still runs after a command; a process that is ending gets ``grace`` s."""
    deadline = time.monotonic() + grace
    while True:
        remaining = sorted(set(tagged_processes(tag)) | set(children()))
        if not remaining or time.monotonic() > deadline:
            return remaining
        time.sleep(0.05)


def main() -> None:
    """Run the single reports, then the batches, and print the summary."""
    data, out = Path(sys.argv[1]), Path(sys.argv[2])
    singles, batches, batch_size, watchdog = (int(a) for a in sys.argv[3:7])
    tag = os.environ[TAG]
    from backday_analysis.cli.commands import app
    from backday_analysis.datafolder.roster import load_roster

    clients = load_roster(data / "roster.csv")["client_id"].tolist()
    week = "latest"
    common = ["--data", str(data), "--out", str(out), "--format", "html", "--week", week]
    commands = [["report", "--client", clients[n % len(clients)], *common] for n in range(singles)]
    batch = [arg for client in clients[:batch_size] for arg in ("--client", client)]
    commands += [["report", *batch, *common, "--jobs", "2"] for _ in range(batches)]
    summary = {"singles": 0, "batches": 0, "reports": 0, "left_over": 0, "slowest_seconds": 0}
    for number, command in enumerate(commands):
        faulthandler.dump_traceback_later(watchdog, exit=True)
        started = time.perf_counter()
        try:
            code = app(command, standalone_mode=False)
        finally:
            faulthandler.cancel_dump_traceback_later()
        seconds = time.perf_counter() - started
        if code not in (None, 0):
            sys.exit(f"command {number} ({' '.join(command[:4])} ...) exited {code}")
        remaining = left_over(tag)
        if remaining:
            summary["left_over"] += len(remaining)
            print(f"command {number} left processes {remaining}", flush=True)
        reports = command.count("--client")
        summary["batches" if reports > 1 else "singles"] += 1
        summary["reports"] += reports
        summary["slowest_seconds"] = round(max(summary["slowest_seconds"], seconds), 2)
    print(json.dumps(summary), flush=True)


if __name__ == "__main__":
    main()
