"""The ``backday`` app itself: its options shared by every command, and one-line errors."""

from __future__ import annotations

import functools
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer

from backday_analysis.errors import BackdayError

app = typer.Typer(
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    help="Weekly back-training reports for strength coaches.",
)


def found_data_folder(data: Path | None) -> Path:
    """Return the data folder for ``--data`` (None when not given), saying where it came from.

    Given ``--data``, the folder is used as named. Otherwise it comes from ``$BACKDAY_DATA``
    or ``./data`` and one line on stderr says which; when there is none, one sentence and
    exit status 2.
    """
    from backday_analysis import paths

    try:
        folder, source = paths.find_data_dir(data)
    except BackdayError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if data is None:
        typer.echo(f"data folder: {folder} (from {source})", err=True)
    return folder


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Data folder (default: $BACKDAY_DATA, else ./data).",
        callback=found_data_folder,
        show_default=False,
    ),
]

LockTimeoutOption = Annotated[
    float | None,
    typer.Option(
        "--lock-timeout",
        help="Seconds to wait while another command changes the data folder "
        "(default: $BACKDAY_LOCK_TIMEOUT or 120).",
        show_default=False,
    ),
]


def show_version(value: bool) -> None:
    """Print the package's version and stop, for ``backday --version``."""
    if value:
        from backday_analysis import __version__

        typer.echo(f"backday_analysis {__version__}")
        raise typer.Exit()


LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(verbose: bool) -> None:
    """Show the package's debug logs on stderr with ``--verbose``; warnings are shown always.

    Without ``--verbose`` nothing is configured: Python's last-resort handler prints warnings
    and errors, one line each.
    """
    logger = logging.getLogger("backday_analysis")
    for handler in [h for h in logger.handlers if h.get_name() == "backday-verbose"]:
        logger.removeHandler(handler)
    if verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.set_name("backday-verbose")
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbose else logging.NOTSET)


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show debug logs on stderr.")
    ] = False,
) -> None:
    """Weekly back-training reports for strength coaches."""
    configure_logging(verbose)


def coach_errors(command):
    """Turn a BackdayError into one sentence on stderr and exit status 2, with no traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except BackdayError as exc:
            logging.getLogger(__name__).debug("%s stopped", command.__name__, exc_info=True)
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None

    return wrapper
