"""Errors leave a trace: ``--verbose`` shows the package's debug log, without it one sentence."""

from __future__ import annotations

import logging
import subprocess
import sys

from backday_analysis.cli.app import configure_logging

BACKDAY = [sys.executable, "-m", "backday_analysis"]


def _report_for_a_bad_week(*options: str, data) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*BACKDAY, *options, "report", "--week", "2026-W60", "--data", str(data)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_verbose_shows_the_debug_log_and_the_traceback_behind_the_sentence(fixture_data):
    quiet = _report_for_a_bad_week(data=fixture_data)
    assert quiet.returncode == 2
    (sentence,) = quiet.stderr.strip().splitlines()
    assert sentence.startswith("error: '2026-W60' is not an ISO week; ")
    loud = _report_for_a_bad_week("--verbose", data=fixture_data)
    assert loud.returncode == 2
    assert " DEBUG backday_analysis.cli.app: report stopped" in loud.stderr
    assert "Traceback" in loud.stderr and "parse_week" in loud.stderr
    assert loud.stderr.strip().splitlines()[-1] == sentence


def test_configure_logging_adds_one_handler_however_often_it_runs():
    logger = logging.getLogger("backday_analysis")
    try:
        for _ in range(3):
            configure_logging(True)
        assert [h.get_name() for h in logger.handlers].count("backday-verbose") == 1
        assert logger.getEffectiveLevel() == logging.DEBUG
    finally:
        configure_logging(False)
    assert "backday-verbose" not in [h.get_name() for h in logger.handlers]
    assert logger.level == logging.NOTSET
