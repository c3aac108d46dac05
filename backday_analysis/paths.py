"""Every file location the package uses: the data folder, found the same way by every command.

Nothing here depends on where the package is installed: the data folder is the one named
(``--data`` or a notebook's ``data_dir``), else ``$BACKDAY_DATA``, else ``data/`` in the
working directory. A notebook runs in its own folder, so a notebook in ``notebooks/`` also
finds ``data/`` beside that folder, as in the repository and in the folder ``backday lab``
prepares. Files the package ships are found by :mod:`backday_analysis.resources`.
"""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_ENV = "BACKDAY_DATA"
#: The data folder's name where it is found without being named.
DATA_FOLDER_NAME = "data"
#: Where reports go unless ``--out`` says otherwise: ``reports/`` in the working directory.
REPORTS_FOLDER_NAME = "reports"


def find_data_dir(explicit: str | os.PathLike | None = None) -> tuple[Path, str]:
    """Return the data folder and where it came from.

    The source is ``"--data"`` for ``explicit``, ``"$BACKDAY_DATA"``, ``"./data"`` (in the
    working directory) or ``"../data"`` (beside a ``notebooks`` working directory).

    Raises
    ------
    BackdayError
        If the folder named does not exist, or none is named and none is found.
    """
    from backday_analysis.errors import BackdayError

    for value, source in ((explicit, "--data"), (os.environ.get(DATA_DIR_ENV), f"${DATA_DIR_ENV}")):
        if value:
            folder = Path(value).expanduser().resolve()
            if not folder.is_dir():
                raise BackdayError(
                    f"{folder}: the data folder does not exist; point --data (or "
                    f"{DATA_DIR_ENV}) at the folder with roster.csv and catalogue.csv, or make "
                    "one with 'backday init DIR'."
                )
            return folder, source
    here = Path.cwd()
    if (here / DATA_FOLDER_NAME).is_dir():
        return (here / DATA_FOLDER_NAME).resolve(), f"./{DATA_FOLDER_NAME}"
    if here.name == "notebooks" and (here.parent / DATA_FOLDER_NAME).is_dir():
        return (here.parent / DATA_FOLDER_NAME).resolve(), f"../{DATA_FOLDER_NAME}"
    raise BackdayError(
        f"no data folder: none was named (--data or {DATA_DIR_ENV}) and {here} has no "
        f"{DATA_FOLDER_NAME}/ folder; pass --data DIR, run the command where {DATA_FOLDER_NAME}/ "
        "is, or make one here with 'backday init'."
    )


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """Return the data folder: ``explicit``, else ``$BACKDAY_DATA``, else ``./data``.

    See :func:`find_data_dir`, which also says where the folder came from.

    Raises
    ------
    BackdayError
        If the folder named does not exist, or none is named and none is found.
    """
    return find_data_dir(explicit)[0]


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
