"""A batch waits for its workers with time-outs: a hung report stops the batch, not the coach."""

from __future__ import annotations

import multiprocessing.util
import os
import time
from concurrent.futures import Future

import pytest

from backday_analysis.errors import BackdayError
from backday_analysis.rendering import batch
from backday_analysis.rendering.report import ReportJob, ReportResult

WORKER_PIDS = "BACKDAY_TEST_WORKER_PIDS"


def _no_kernel() -> None:
    """Stand in for the worker's kernel start: these tests are about waiting, not kernels."""


def _hang(job: ReportJob, formats: tuple[str, ...]) -> ReportResult:
    with open(os.environ[WORKER_PIDS], "a") as pids:
        pids.write(f"{os.getpid()}\n")
    time.sleep(600)
    return ReportResult(job.label)


def _jobs(tmp_path, count: int) -> list[ReportJob]:
    return [
        ReportJob(f"c{n}", tmp_path / "n.ipynb", {}, tmp_path / "out" / f"c{n}")
        for n in range(count)
    ]


def test_a_batch_whose_reports_hang_stops_with_one_sentence_and_leaves_no_worker(
    tmp_path, monkeypatch
):
    pids = tmp_path / "pids"
    monkeypatch.setenv(WORKER_PIDS, str(pids))
    monkeypatch.setattr(batch, "_start_worker", _no_kernel)
    monkeypatch.setattr(batch, "_render_in_worker", _hang)
    monkeypatch.setattr(batch, "PROGRESS_TIMEOUT", 1.0)
    monkeypatch.setattr(batch, "prepare_writers", lambda formats, typeset=True: None)
    started = time.monotonic()
    with pytest.raises(BackdayError, match=r"no report finished in 1 s, so the batch was stopped"):
        batch.run_reports(_jobs(tmp_path, 3), ("html",), workers=2)
    assert time.monotonic() - started < 60
    workers = [int(pid) for pid in pids.read_text().split()]
    assert len(workers) == 2
    assert not [pid for pid in workers if os.path.exists(f"/proc/{pid}")]  # ended and reaped


def test_a_kernel_that_never_starts_is_given_up_after_the_time_out(monkeypatch, caplog):
    monkeypatch.setattr(batch, "START_TIMEOUT", 0.2)
    never: Future = Future()
    started = time.monotonic()
    assert batch.started_kernel(never) is None
    assert time.monotonic() - started < 5
    assert "the report kernel started in the background failed" in caplog.text


def _quick(job: ReportJob, formats: tuple[str, ...]) -> ReportResult:
    return ReportResult(job.label)


def _slow_to_end() -> None:
    """Stand in for the worker's kernel: stopping it at the worker's exit takes a moment."""
    multiprocessing.util.Finalize(None, time.sleep, args=(0.3,), exitpriority=10)


def test_workers_that_end_on_their_own_are_neither_warned_about_nor_killed(
    tmp_path, monkeypatch, caplog
):
    # The pool's own thread joins its workers; a second join raced it for their exit status
    # and took a worker it lost for a hung one ("did not end in time and is killed"). The
    # race depends on timing, so this test may pass with it; it guards the normal ending.
    monkeypatch.setattr(batch, "_start_worker", _slow_to_end)
    monkeypatch.setattr(batch, "_render_in_worker", _quick)
    monkeypatch.setattr(batch, "prepare_writers", lambda formats, typeset=True: None)
    caplog.set_level("DEBUG", logger="backday_analysis.rendering.batch")
    for _ in range(3):
        results = batch.run_reports(_jobs(tmp_path, 4), ("html",), workers=2)
        assert [r.label for r in results] == ["c0", "c1", "c2", "c3"]
    assert "killed" not in caplog.text
    assert caplog.text.count("ended with exit status 0") == 6


def _hang_at_exit() -> None:
    """Stand in for a worker's kernel that never stops."""
    with open(os.environ[WORKER_PIDS], "a") as pids:
        pids.write(f"{os.getpid()}\n")
    multiprocessing.util.Finalize(None, time.sleep, args=(600,), exitpriority=10)


def test_workers_that_hang_at_exit_are_killed_after_the_time_out(tmp_path, monkeypatch, caplog):
    pids = tmp_path / "pids"
    monkeypatch.setenv(WORKER_PIDS, str(pids))
    monkeypatch.setattr(batch, "_start_worker", _hang_at_exit)
    monkeypatch.setattr(batch, "_render_in_worker", _quick)
    monkeypatch.setattr(batch, "prepare_writers", lambda formats, typeset=True: None)
    monkeypatch.setattr(batch, "WORKER_EXIT_TIMEOUT", 0.5)
    started = time.monotonic()
    assert len(batch.run_reports(_jobs(tmp_path, 4), ("html",), workers=2)) == 4
    assert time.monotonic() - started < 30
    assert caplog.text.count("did not end in time and is killed") == 2
    workers = [int(pid) for pid in pids.read_text().split()]
    assert not [pid for pid in workers if os.path.exists(f"/proc/{pid}")]  # ended and reaped
