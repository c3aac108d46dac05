"""Read a table a coach keeps in a spreadsheet: text cells, one sentence for what is wrong.

Every CSV table of a data folder (catalogue, aliases, roster, advice, severity, mutes, bands,
name rules) is read here: each cell as text (an empty cell as ``""``), a file that is not
UTF-8 CSV refused in one sentence, a column the reader does not read refused (a misspelt
header would otherwise be ignored without a word, and its default used), a missing one
named.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd

from backday_analysis.errors import BackdayError, located, unknown_name

# pandas' name for a header cell left empty, as a spreadsheet writes after the last column.
_UNNAMED = re.compile(r"^Unnamed: \d+$")


def read_table(
    path: Path,
    what: str,
    required: tuple[str, ...] = (),
    known: tuple[str, ...] | None = None,
    text: str | None = None,
    empty: bool = False,
) -> pd.DataFrame:
    """Return a coach's CSV table as text cells, its header checked.

    Parameters
    ----------
    path : Path
        The file, named in every message.
    what : str
        What the file holds, for the message (``"roster"``).
    required : tuple of str
        The columns the table must have.
    known : tuple of str, optional
        Every column the reader reads: any other is refused, except a column with neither a
        header nor a value (spreadsheet programs write one). None allows any column.
    text : str, optional
        The file's content, when it comes from elsewhere than ``path`` (the package).
    empty : bool
        Whether an empty file (not even a header) is a table without rows.

    Raises
    ------
    BackdayError
        When the file is not UTF-8 CSV, holds a column ``known`` does not declare, or lacks
        one of ``required``.
    """
    try:
        source = io.StringIO(text) if text is not None else path
        raw = pd.read_csv(source, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except pd.errors.EmptyDataError:
        if not empty:
            raise BackdayError(
                f"{path}: the {what} is empty; write its header ({','.join(required)}) and rows."
            ) from None
        raw = pd.DataFrame({c: pd.Series(dtype=str) for c in known or required})
    except (UnicodeDecodeError, pd.errors.ParserError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise BackdayError(
            f"{path}: the {what} cannot be read as UTF-8 CSV ({reason}); save it again as "
            "CSV UTF-8."
        ) from None
    if known is not None:
        # A misspelt column is named as such first: it is a missing one's likely cause.
        for column in raw.columns:
            if column in known:
                continue
            if _UNNAMED.match(str(column)) and not raw[column].str.strip().any():
                continue
            raise unknown_name(path, 1, "column", str(column), known)
    missing = [c for c in required if c not in raw.columns]
    if missing:
        raise located(
            path,
            1,
            f"the column '{missing[0]}' is missing",
            f"the header needs {','.join(required)}",
        )
    return raw
