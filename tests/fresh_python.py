"""Run test code in a new Python process: what a fresh command imports, and in what order."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def run_python(code: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``code`` (dedented) with this Python and return the finished process, text output."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
