"""Read a small rule table a coach edits (severity, per-client mutes): text cells, line numbers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from backday_analysis.errors import BackdayError, located


def read_rule_table(path: Path, columns: tuple[str, ...], what: str) -> pd.DataFrame:
    """Return the table's ``columns`` as stripped text, with ``file`` and ``line`` columns.

    Raises
    ------
    BackdayError
        If the file is not UTF-8 CSV or lacks one of ``columns``.
    """
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError):
        raise BackdayError(
            f"{path}: the {what} cannot be read as UTF-8 CSV; save it again as CSV UTF-8."
        ) from None
    except pd.errors.EmptyDataError:
        raw = pd.DataFrame(columns=list(columns))
    missing = [c for c in columns if c not in raw.columns]
    if missing:
        raise located(
            path,
            1,
            f"the column '{missing[0]}' is missing",
            f"the header needs {','.join(columns)}",
        )
    table = raw.loc[:, list(columns)].apply(lambda c: c.astype(str).str.strip())
    return table.assign(file=str(path), line=range(2, len(table) + 2)).reset_index(drop=True)
