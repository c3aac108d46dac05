"""Compute the project's folders once, from the package, never from the working directory.

Papermill runs a kernel in the caller's folder and nbval in the notebook's folder, so every
path the package uses is resolved here.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"
DATA_DIR_ENV = "BACKDAY_DATA"


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """Return the data folder: the argument, else ``$BACKDAY_DATA``, else the project's data/.

    Raises
    ------
    BackdayError
        If the folder does not exist.
    """
    from backday_analysis.errors import BackdayError

    chosen = Path(explicit or os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR)
    folder = chosen.expanduser().resolve()
    if not folder.is_dir():
        raise BackdayError(
            f"{folder}: the data folder does not exist; point --data (or "
            f"{DATA_DIR_ENV}) at the folder with roster.csv and catalogue.csv."
        )
    return folder


def catalogue_path(folder: Path) -> Path:
    """Return the exercise catalogue file of a data folder."""
    return folder / "catalogue.csv"


def aliases_path(folder: Path) -> Path:
    """Return the coach's alias file of a data folder."""
    return folder / "aliases.csv"


def roster_path(folder: Path) -> Path:
    """Return the roster file of a data folder."""
    return folder / "roster.csv"


def config_path(folder: Path) -> Path:
    """Return the settings file of a data folder."""
    return folder / "config.toml"


def logs_dir(folder: Path) -> Path:
    """Return the folder holding one canonical log per client."""
    return folder / "logs"


def log_path(folder: Path, client_id: str) -> Path:
    """Return the canonical log file of one client."""
    return logs_dir(folder) / f"{safe_name(client_id)}.csv"


def safe_name(text: str) -> str:
    """Return a file name for a client id or week that stays inside its folder.

    Plain ids (letters, digits, ``_``, ``-``, ``.``) are kept as they are; anything else,
    such as ``../`` or a slash, is replaced and a short hash keeps different ids apart.
    """
    import hashlib
    import re

    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}", text) and ".." not in text:
        return text
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-")[:40] or "client"
    return f"{cleaned}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:8]}"
