"""200 single reports and 5 batches of 40 in a row: none hangs, nothing outlives its command.

The reports are real (papermill in a report kernel, nbconvert HTML) on a generated roster of
40 clients with 8 weeks of logs; PDFs are left out, as they are written by the command
itself, not by a kernel. Marked ``stress``: ``make test-fast`` skips it, ``make test`` runs it
(about five minutes on a quiet two-core machine).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import checkout
import pytest
from stress_reports import TAG, tagged_processes

from backday_analysis.demo.generate import write_canonical_demo

pytestmark = [pytest.mark.stress, pytest.mark.kernel]

SINGLES, BATCHES, BATCH_SIZE = 200, 5, 40
WATCHDOG_SECONDS = 120  # one command; a report takes about one second


def test_many_reports_in_a_row_neither_hang_nor_leave_processes(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for name in ("catalogue.csv", "config.toml"):
        shutil.copy(checkout.DATA_DIR / name, data / name)
    write_canonical_demo(data, clients=BATCH_SIZE, weeks=8)
    tag = uuid.uuid4().hex
    driver = subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).with_name("stress_reports.py")),
            str(data),
            str(tmp_path / "out"),
            *map(str, (SINGLES, BATCHES, BATCH_SIZE, WATCHDOG_SECONDS)),
        ],
        env={**os.environ, TAG: tag},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stdout, stderr = driver.communicate(timeout=3600)
    finally:
        for pid in [driver.pid, *tagged_processes(tag)]:  # after a failure: leave nothing
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    assert driver.returncode == 0, stderr[-4000:]  # the watchdog exits 1 with tracebacks
    summary = json.loads(stdout.strip().splitlines()[-1])
    assert summary["singles"] == SINGLES and summary["batches"] == BATCHES
    assert summary["reports"] == SINGLES + BATCHES * BATCH_SIZE
    assert summary["left_over"] == 0, stdout
    assert tagged_processes(tag) == []  # nor after the last command's process ended
    print(summary)
