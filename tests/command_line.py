"""The ``backday`` command line run in the test's own process, as a coach's shell would run it.

A new interpreter pays about a second of imports per command. Run here, a command gives the
same exit status, standard output and standard error; an exception that no command turns
into a sentence fails the test with its traceback, where a new process would print it. Tests
about the process itself (its exit status and the promise of no traceback, a signal, a lock
another process holds) start the real command.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from backday_analysis.cli.app import configure_logging
from backday_analysis.cli.commands import app


@dataclass
class Finished:
    """A finished command, with the names of ``subprocess.CompletedProcess``."""

    returncode: int
    stdout: str
    stderr: str


def _show_on_stderr(message, category, filename, lineno, file=None, line=None) -> None:
    sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))


@contextlib.contextmanager
def _warnings_as_in_a_new_process():
    """Show warnings on stderr under Python's default filters, not pytest's record of them."""
    with warnings.catch_warnings():
        warnings.resetwarnings()
        warnings.filterwarnings("default", category=DeprecationWarning, module="__main__")
        for category in (
            DeprecationWarning,
            PendingDeprecationWarning,
            ImportWarning,
            ResourceWarning,
        ):
            warnings.filterwarnings("ignore", category=category, append=True)
        warnings.showwarning = _show_on_stderr
        yield


def backday_in_process(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str | None] | None = None,
    stdin: str | None = None,
) -> Finished:
    """Run ``backday ARGS`` here, in ``cwd``, with ``env`` over the environment (None unsets)."""
    from stamina.instrumentation import get_on_retry_hooks, set_on_retry_hooks

    root = logging.getLogger()
    pytest_handlers = root.handlers[:]
    retry_hooks = get_on_retry_hooks()
    # pytest's log capture sits on the root logger; without it, warnings reach stderr through
    # Python's last resort, as in a new process.
    root.handlers.clear()
    try:
        with contextlib.chdir(cwd or Path.cwd()), _warnings_as_in_a_new_process():
            result = CliRunner().invoke(
                app, list(args), input=stdin, env=env, catch_exceptions=False, prog_name="backday"
            )
    finally:
        root.handlers[:] = pytest_handlers
        configure_logging(verbose=False)  # no handler left on the closed captured stderr
        set_on_retry_hooks(retry_hooks)
    return Finished(result.exit_code, result.stdout, result.stderr)
