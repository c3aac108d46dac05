"""Read the coach's per-client mutes (``client_rules.csv``): flags and advice to leave out.

A weightlifter snatches and cleans before anything else, so "deadlift first" is wrong for
them; a coach mutes it for that client alone. Columns:

- ``client_id``: a client of the roster;
- ``rule``: a flag code (``deadlift_not_first``) or an advice rule (``biceps_pairing``);
  the names are those of ``severity.csv`` and ``advice.csv``;
- ``group``: only this muscle group's flag or advice, or empty for all of them;
- ``reason``: why, in the coach's words; the client's page quotes it;
- ``until``: the last day the mute holds (``YYYY-MM-DD``), or empty for no end. A mute
  applies to every week that begins on or before that day.

The file is optional; without it nothing is muted.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from backday_analysis.datafolder.rule_tables import check_group, read_rule_table
from backday_analysis.errors import located

COLUMNS = ("client_id", "rule", "group", "reason", "until")
FILE_NAME = "client_rules.csv"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def empty_client_rules() -> pd.DataFrame:
    """Return a mutes table with no rows."""
    return pd.DataFrame(
        {c: pd.Series(dtype="str") for c in (*COLUMNS, "file")}
        | {"line": pd.Series(dtype="int64"), "until": pd.Series(dtype="object")}
    )


def load_client_rules(folder: Path, clients, rules) -> pd.DataFrame:
    """Read and check the data folder's mutes against its roster and its rule names.

    Parameters
    ----------
    folder : Path
        The data folder.
    clients : iterable of str
        The roster's client ids.
    rules : iterable of str
        Every flag code and advice rule a mute may name.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS` plus ``file`` and ``line``; ``until`` is a date or None.

    Raises
    ------
    BackdayError
        For an unknown client, rule or group, an empty reason or a bad date; the message
        names the file and line.
    """
    path = folder / FILE_NAME
    if not path.is_file():
        return empty_client_rules()
    table = read_rule_table(path, COLUMNS, "per-client rule table")
    clients, rules = set(clients), set(rules)
    until = []
    for row in table.itertuples(index=False):
        if row.client_id not in clients:
            raise located(
                path,
                row.line,
                f"the client '{row.client_id}' is not in the roster",
                "use a client_id from roster.csv",
            )
        if row.rule not in rules:
            raise located(
                path,
                row.line,
                f"the rule '{row.rule}' is unknown",
                f"use a flag or advice rule: {', '.join(sorted(rules))}",
            )
        check_group(path, row.line, row.group)
        if not row.reason:
            raise located(
                path, row.line, "the reason is empty", "say why, so the client's page can show it"
            )
        until.append(_date(row.until, path, row.line))
    return table.assign(until=pd.Series(until, index=table.index, dtype="object"))


def _date(text: str, path: Path, line: int) -> dt.date | None:
    if not text:
        return None
    try:
        if _DATE.match(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise located(
        path,
        line,
        f"the until '{text}' is not a date",
        "write it as YYYY-MM-DD, or leave it empty for no end",
    )
