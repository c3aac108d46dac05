"""Make a new data folder (``backday init``): the shipped defaults, an empty roster and logs.

The folder is ready to put under git: its ``.gitignore`` keeps out secrets (``.secrets*``,
such as API keys), the lock file, caches, the Parquet store (made again by
``backday store``) and the temporary files of writes in progress.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from backday_analysis import paths, resources
from backday_analysis.atomic import write_bytes_atomic
from backday_analysis.datafolder.lock import LOCK_FILE_NAME, data_folder_lock
from backday_analysis.datafolder.roster import ROSTER_COLUMNS
from backday_analysis.errors import BackdayError

GITIGNORE = f"""\
# Written by backday init: keep this data folder in git, without what must not be shared.
# Secrets such as API keys:
.secrets*
# Kept by backday itself:
{LOCK_FILE_NAME}
.cache/
store/
.*.part
"""


def create_data_folder(target: str | Path, demo: bool = False) -> list[str]:
    """Make a data folder at ``target`` and return the clients it holds.

    The folder must be new or empty, so nothing a coach has is changed. It gets the shipped
    catalogue, aliases, advice rules and config, an empty roster, an empty ``logs/`` and a
    ``.gitignore``; with ``demo``, also the eight demo clients, their app exports in
    ``exports/`` imported as ``backday import`` would. If any step fails, the folder is
    removed again (or emptied, if it was there before) and the error raised.

    Raises
    ------
    BackdayError
        When ``target`` is a file or a folder that holds anything, or a step fails.
    """
    folder = Path(target).expanduser().resolve()
    existed = folder.is_dir()
    if folder.exists() and not existed:
        raise BackdayError(f"{folder} is a file; name a new or empty folder for the data.")
    if existed and any(folder.iterdir()):
        raise BackdayError(
            f"{folder} already holds files; 'backday init' writes only into a new or empty "
            "folder, so name another one (or use this one as it is with --data)."
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _write_defaults(folder)
        if demo:
            _write_demo(folder)
    except BaseException:
        # Nothing in the folder was the coach's: take back what this call wrote.
        if existed:
            for entry in folder.iterdir():
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry)
                else:
                    entry.unlink()
        else:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    from backday_analysis.datafolder.roster import load_roster

    return list(load_roster(paths.roster_path(folder))["client_id"])


def _write_defaults(folder: Path) -> None:
    for name in resources.DEFAULT_FILES:
        write_bytes_atomic(folder / name, resources.default_file(name).read_bytes())
    header = ",".join(ROSTER_COLUMNS) + "\n"
    write_bytes_atomic(paths.roster_path(folder), header.encode())
    paths.logs_dir(folder).mkdir()
    write_bytes_atomic(folder / ".gitignore", GITIGNORE.encode())


def _write_demo(folder: Path) -> None:
    """Write the demo roster, logs and exports, then import the exports as ``make report`` does."""
    from backday_analysis.datafolder.ingest import import_exports
    from backday_analysis.demo.generate import EXPORTS, write_demo

    with data_folder_lock(folder):
        write_demo(folder)
    for client, (name, _) in EXPORTS.items():
        import_exports([folder / "exports" / name], client, data_dir=folder)
