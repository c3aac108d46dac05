"""Write files atomically, so a failed step never leaves a half-written file behind."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pandas as pd


@contextlib.contextmanager
def atomic_path(target: Path, mode: int | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``target`` and move it into place only on success.

    The temporary file lives in the target's folder, so the final ``os.replace`` is atomic.
    Its content is flushed to disk (``fsync``) before the rename, and the folder after it, so
    that after a crash or power cut the target holds either its old content or the whole new
    one, never a file that is named but empty. On any error, or if the process is killed,
    the target keeps its previous content. ``mode`` (such as ``0o600`` for a secret) is the
    file's mode from its creation on; without it, the mode a plain ``open()`` gives.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary_path = None
    try:
        # The name is held before the file is created, so an interruption (Ctrl-C) that lands
        # just after the creation still finds the file here to remove.
        while temporary_path is None:
            temporary_path = target.parent / f".{target.name}.{secrets.token_hex(6)}.part"
            try:
                _create_empty(temporary_path, 0o666 if mode is None else mode)
            except OSError as error:
                # Not created: the name is another writer's (theirs to remove, not ours; try
                # another) or cannot be made. CPython acts on Ctrl-C at calls and loops, and
                # none comes between the failed creation and this line.
                temporary_path = None
                if not isinstance(error, FileExistsError):
                    raise
        yield temporary_path
        _fsync(temporary_path, os.O_RDONLY)
        os.replace(temporary_path, target)
        _fsync_folder(target.parent)
    finally:
        if temporary_path is not None:
            temporary_path.unlink(missing_ok=True)


def _create_empty(path: Path, mode: int) -> None:
    """Create an empty file at ``path`` with ``mode``, less the umask; raise if it exists.

    0o666 gives the mode ``open()`` would give: the system applies the process's umask, as
    for any new file; the umask itself is neither read nor changed (changing it would race
    with the other threads of the process). 0o600 gives a private file from the start.
    """
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode))


def _fsync(path: Path, flags: int) -> None:
    descriptor = os.open(path, flags)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_folder(folder: Path) -> None:
    """Flush a folder's entries (the rename), where the system allows opening a folder."""
    if hasattr(os, "O_DIRECTORY"):  # not on Windows, where a rename is flushed with the file
        _fsync(folder, os.O_RDONLY | os.O_DIRECTORY)


def remove_partial_files(folder: Path) -> int:
    """Delete temporary files a killed run left in ``folder``; return how many."""
    stale = list(folder.glob(".*.part")) if folder.is_dir() else []
    for path in stale:
        path.unlink(missing_ok=True)
    return len(stale)


def exit_on_terminate() -> None:
    """Make SIGTERM end the process like Ctrl-C does, so pending temporary files are removed.

    By default SIGTERM kills Python without running ``finally`` blocks.
    """
    import signal

    def _exit(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, _exit)


def write_bytes_atomic(target: Path, content: bytes, mode: int | None = None) -> None:
    """Write ``content`` to ``target`` atomically (with ``mode``, see :func:`atomic_path`)."""
    with atomic_path(target, mode) as temporary:
        temporary.write_bytes(content)


def write_csv_atomic(frame: pd.DataFrame, target: Path) -> None:
    """Write a table as UTF-8 CSV atomically, with no index column."""
    write_bytes_atomic(target, frame.to_csv(index=False, lineterminator="\n").encode("utf-8"))


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy whose text cells cannot run as spreadsheet formulas.

    A text cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading
    apostrophe, which spreadsheet programs show as text. Numeric columns are left alone.
    """
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            values = safe[column]
            text = values.astype("string")
            risky = text.str.startswith(_FORMULA_STARTS, na=False)
            if risky.any():
                safe[column] = values.astype(object).where(~risky, "'" + text.astype(object))
    return safe
