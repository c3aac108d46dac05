"""Write files atomically, so a failed step never leaves a half-written file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target`` and move it into place only on success.

    The temporary file lives in the target's folder, so the final ``os.replace`` is atomic;
    on any error, or if the process is killed, the target keeps its previous content.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".part", dir=target.parent
    )
    os.close(handle)
    # mkstemp creates the file private (0600); give it the mode a plain open() would.
    os.chmod(temporary, 0o666 & ~_umask())
    temporary_path = Path(temporary)
    try:
        yield temporary_path
        os.replace(temporary_path, target)
    finally:
        temporary_path.unlink(missing_ok=True)


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


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_bytes_atomic(target: Path, content: bytes) -> None:
    """Write ``content`` to ``target`` atomically."""
    with atomic_path(target) as temporary:
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
