"""Reports on a real dask.distributed cluster: a scheduler and two workers on 127.0.0.1."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

pytestmark = [pytest.mark.dask, pytest.mark.kernel]

BIN = Path(sys.executable).parent
WEEK = "2026-W47"


def _without_generated_line(page: Path) -> list[str]:
    return [
        line for line in page.read_text(encoding="utf-8").splitlines() if "Generated at" not in line
    ]


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory):
    """Start ``dask scheduler`` and two single-threaded ``dask worker`` processes."""
    folder = tmp_path_factory.mktemp("cluster")
    address_file = folder / "scheduler.json"
    common = ["--no-dashboard"]
    processes = [
        subprocess.Popen(
            [
                str(BIN / "dask"),
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--scheduler-file",
                str(address_file),
                *common,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    ]
    try:
        deadline = time.monotonic() + 120
        while not address_file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        for _ in range(2):
            processes.append(
                subprocess.Popen(
                    [
                        str(BIN / "dask"),
                        "worker",
                        "--scheduler-file",
                        str(address_file),
                        "--host",
                        "127.0.0.1",
                        "--nthreads",
                        "1",
                        "--nworkers",
                        "1",
                        *common,
                    ],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        from distributed import Client

        with Client(scheduler_file=str(address_file), timeout="60s") as client:
            client.wait_for_workers(2, timeout=180)
            address = client.scheduler.address
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            process.wait(timeout=60)


def _report(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "backday"), "report", "--week", WEEK, *args],
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_cluster_writes_the_same_pages_as_a_local_run(scheduler, demo_data, tmp_path):
    assert scheduler.startswith("tcp://127.0.0.1:")
    local = _report("--data", str(demo_data), "--out", str(tmp_path / "local"))
    assert local.returncode == 0, local.stderr
    remote = _report(
        "--data", str(demo_data), "--out", str(tmp_path / "remote"), "--scheduler", scheduler
    )
    assert remote.returncode == 0, remote.stderr
    assert "8 of 8 reports" in remote.stdout
    local_files = sorted(p.name for p in (tmp_path / "local" / WEEK).iterdir())
    remote_files = sorted(p.name for p in (tmp_path / "remote" / WEEK).iterdir())
    assert (
        remote_files
        == local_files
        == sorted(
            f"{c}.{s}"
            for c in ("ava", "ben", "cleo", "dev", "eli", "fay", "gus", "hana")
            for s in ("html", "pdf")
        )
    )
    for name in local_files:
        here, there = tmp_path / "local" / WEEK / name, tmp_path / "remote" / WEEK / name
        if name.endswith(".html"):
            assert _without_generated_line(there) == _without_generated_line(here), name
        else:
            assert len(PdfReader(there).pages) == len(PdfReader(here).pages) >= 1


def test_a_failing_client_fails_only_its_own_task(scheduler, demo_data, tmp_path):
    broken = tmp_path / "data"
    subprocess.run(["cp", "-r", str(demo_data), str(broken)], check=True)
    log = broken / "logs" / "ben.csv"
    # Every row of Ben's log now fails to read, so his report has no data.
    log.write_text(log.read_text().splitlines()[0] + "\nben,not a date,s,Row,1,,20,kg,5,,,,\n")
    out = tmp_path / "reports"
    result = _report("--data", str(broken), "--out", str(out), "--scheduler", scheduler)
    assert result.returncode == 1
    assert "7 of 8 reports" in result.stdout
    assert "error: ben: client 'ben' has no sets" in result.stderr
    assert "Traceback" not in result.stderr
    written = sorted(p.name for p in (out / WEEK).iterdir())
    assert "ben.html" not in written and len(written) == 14


def test_an_unreachable_scheduler_is_one_sentence(demo_data, tmp_path):
    result = _report(
        "--data", str(demo_data), "--out", str(tmp_path), "--scheduler", "tcp://127.0.0.1:9"
    )
    assert result.returncode == 2
    assert result.stderr.startswith("error: the Dask scheduler at tcp://127.0.0.1:9")
    assert "Traceback" not in result.stderr


def test_ctrl_c_takes_the_remaining_tasks_off_the_cluster(scheduler, tmp_path):
    import signal

    from distributed import Client

    from dev.bench_reports import demo_folder

    data = demo_folder(tmp_path / "data", clients=30, weeks=8)
    out = tmp_path / "reports"
    command = [str(BIN / "backday"), "report", "--data", str(data), "--out", str(out)]
    process = subprocess.Popen(
        [*command, "--scheduler", scheduler],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # Ctrl-C reaches the command as in a terminal, even when the tests run as a background
        # job of a shell without job control, whose children inherit SIGINT ignored.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + 300
        while not list(out.glob("*/*.pdf")) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert list(out.glob("*/*.pdf")), "no report was written"
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode != 0
    assert "Traceback" not in stderr
    with Client(scheduler, timeout="30s") as client:
        deadline = time.monotonic() + 30
        left = client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks))
        while left and time.monotonic() < deadline:
            time.sleep(0.2)
            left = client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks))
    assert left == 0
    # The tasks still queued at Ctrl-C never ran: far fewer than 30 reports were written.
    time.sleep(3)
    assert len(list(out.glob("*/*.html"))) < 20
    assert not list(out.glob("*/.*.part")), "a half-written file was left"
