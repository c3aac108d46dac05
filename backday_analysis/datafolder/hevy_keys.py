"""Keep the clients' Hevy API keys: one secrets file in the data folder, readable by its owner.

``secrets.json`` holds ``{"hevy": {"<client id>": "<key>"}}``. It is written atomically with
mode 0600 from the moment it exists (never wider, not even while being written), and git
ignores it (``.gitignore``). The key is in no other file, no output, no log line and no
message: what a person may see is :func:`~backday_analysis.importers.hevy_api.key_hint`.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from backday_analysis.atomic import write_bytes_atomic
from backday_analysis.errors import BackdayError

SECRETS_FILE_NAME = "secrets.json"
SECRETS_MODE = 0o600

log = logging.getLogger(__name__)


def secrets_path(folder: Path) -> Path:
    """Return the secrets file of a data folder."""
    return Path(folder) / SECRETS_FILE_NAME


def read_keys(folder: Path) -> dict[str, str]:
    """Return client id to Hevy API key (none when the file is missing)."""
    path = secrets_path(folder)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    if path.stat().st_mode & 0o077:
        log.warning("%s can be read by other users; run: chmod 600 %s", path, path)
    try:
        keys = json.loads(text).get("hevy", {})
    except (ValueError, AttributeError):
        keys = None
    if not isinstance(keys, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in keys.items()
    ):
        raise BackdayError(
            f"{path}: this is not the secrets file backday writes; restore it from a backup, "
            "or delete it and connect each client again (backday connect hevy --client ID)."
        )
    return dict(keys)


def write_keys(folder: Path, keys: dict[str, str]) -> None:
    """Write the keys atomically, mode 0600; the caller holds the data folder's lock."""
    document = {"hevy": dict(sorted(keys.items()))}
    text = json.dumps(document, indent=1, ensure_ascii=False) + "\n"
    write_bytes_atomic(secrets_path(folder), text.encode("utf-8"), mode=SECRETS_MODE)


def checked_key(text: str, client_id: str) -> str:
    """Return a key read from standard input, stripped, or one sentence (never quoting it)."""
    key = text.strip()
    if not key:
        raise BackdayError(
            f"no API key was read for client '{client_id}'; pipe or paste the client's Hevy "
            "API key on standard input (never on the command line)."
        )
    if len(key) > 200 or not key.isascii() or any(c.isspace() or not c.isprintable() for c in key):
        raise BackdayError(
            f"the text read for client '{client_id}' is not one API key (it has "
            f"{len(key)} characters, with spaces, line breaks, control characters or letters "
            "an API key does not have); give only the key, on one line."
        )
    return key
