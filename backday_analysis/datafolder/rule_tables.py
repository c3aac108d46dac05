"""Read a small rule table a coach edits (severity, per-client mutes): text cells, line numbers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from backday_analysis import GROUPS
from backday_analysis.coach_tables import read_table
from backday_analysis.errors import located


def read_rule_table(path: Path, columns: tuple[str, ...], what: str) -> pd.DataFrame:
    """Return the table's ``columns`` as stripped text, with ``file`` and ``line`` columns.

    Raises
    ------
    BackdayError
        If the file is not UTF-8 CSV, or lacks one of ``columns`` or holds another.
    """
    raw = read_table(path, what, required=columns, known=columns, empty=True)
    table = raw.loc[:, list(columns)].apply(lambda c: c.astype(str).str.strip())
    return table.assign(file=str(path), line=range(2, len(table) + 2)).reset_index(drop=True)


def check_group(path: Path, line: int, group: str) -> None:
    """Refuse a ``group`` cell that is neither empty (every group) nor one of the 16 groups.

    Raises
    ------
    BackdayError
        Naming the file, the line and the groups to choose from.
    """
    if group and group not in GROUPS:
        raise located(
            path,
            line,
            f"the group '{group}' is unknown",
            f"use one of {', '.join(GROUPS)}, or leave it empty for every group",
        )
