"""Let one command at a time change a data folder, so no import loses another's sets.

Every command that changes the data folder (``backday import``, ``backday unimport``,
``backday store``, the demo generator) holds the folder's lock, ``<data>/.backday.lock``, from
before it reads the log and roster it will change until after its last write. The lock is an
operating-system lock taken through :mod:`filelock` (``flock`` on Linux and macOS, which Linux
also honours on NFS shares; ``msvcrt`` locking on Windows): the system releases it when the
holder ends, even when it is killed, so a crashed import never blocks the next one. The
lock file itself stays in place and holds nothing. The holder first deletes the temporary
``.*.part`` files a killed writer left in the folder, ``logs/`` and ``imports/``.

Readers (``backday report``, ``backday weekly``, the notebooks) do not take the lock: every
file is replaced atomically (:mod:`backday_analysis.atomic`), so a reader sees each file
either as it was or as it is after the write, never half-written.

A command that finds the lock held says once on stderr that it is waiting, and gives up after
the lock timeout (``--lock-timeout`` or ``$BACKDAY_LOCK_TIMEOUT``, in seconds; default
:data:`DEFAULT_LOCK_TIMEOUT`) with one sentence and nothing changed.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import filelock

from backday_analysis.atomic import remove_partial_files
from backday_analysis.errors import BackdayError

LOCK_FILE_NAME = ".backday.lock"
LOCK_TIMEOUT_ENV = "BACKDAY_LOCK_TIMEOUT"
#: Seconds a command waits for another one to finish before it gives up.
DEFAULT_LOCK_TIMEOUT = 120.0
WAITING_MESSAGE = "waiting for another import to finish"


def lock_path(folder: Path) -> Path:
    """Return the lock file of a data folder."""
    return Path(folder) / LOCK_FILE_NAME


def lock_timeout(explicit: float | None = None) -> float:
    """Return the seconds to wait for the lock: the argument, else the environment, else 120.

    Raises
    ------
    BackdayError
        If the value is not a number of seconds of zero or more.
    """
    if explicit is not None:
        value, origin = explicit, "--lock-timeout"
    elif os.environ.get(LOCK_TIMEOUT_ENV, "").strip():
        value, origin = os.environ[LOCK_TIMEOUT_ENV].strip(), f"${LOCK_TIMEOUT_ENV}"
    else:
        return DEFAULT_LOCK_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise BackdayError(
            f"{origin} '{value}' is not a number of seconds; give 0 or more (0 gives up at once)."
        )
    return seconds


def _say_waiting(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextlib.contextmanager
def data_folder_lock(
    folder: Path,
    timeout: float | None = None,
    announce: Callable[[str], None] = _say_waiting,
) -> Iterator[None]:
    """Hold the data folder's lock for the ``with`` block.

    Parameters
    ----------
    folder : Path
        The data folder.
    timeout : float, optional
        Seconds to wait when another command holds the lock (default: :func:`lock_timeout`).
    announce : callable
        Called once, with a line starting :data:`WAITING_MESSAGE`, when another command
        holds the lock.

    Raises
    ------
    BackdayError
        When the lock is still held after ``timeout`` seconds, or the lock file cannot be
        created; the block has not run then.
    """
    seconds = lock_timeout(timeout)
    path = lock_path(folder)
    lock = filelock.FileLock(path, thread_local=False)
    try:
        try:
            lock.acquire(timeout=0)
        except filelock.Timeout:
            if seconds == 0:
                raise
            announce(
                f"{WAITING_MESSAGE} (another backday command is changing {Path(folder)}; "
                f"giving up after {seconds:g} s)"
            )
            lock.acquire(timeout=seconds)
    except filelock.Timeout:
        raise BackdayError(
            f"{path}: another backday command has been changing this data folder for more "
            f"than {seconds:g} seconds, so nothing was changed; run the command again when it "
            f"has finished, or wait longer with --lock-timeout (or ${LOCK_TIMEOUT_ENV})."
        ) from None
    except OSError as exc:
        raise BackdayError(
            f"{path}: the data folder's lock file cannot be created ({exc.strerror}); "
            "check that the folder is writable."
        ) from None
    try:
        # Only a writer holding the lock writes here, so any temporary file is a killed
        # writer's leftover: clear it before this command writes.
        for place in (folder, Path(folder) / "logs", Path(folder) / "imports"):
            remove_partial_files(Path(place))
        yield
    finally:
        lock.release()
