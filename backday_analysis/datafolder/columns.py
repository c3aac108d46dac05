"""Refuse a column a coach's table holds that backday does not read (a misspelt header)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from backday_analysis.errors import unknown_name

# pandas' name for a header cell left empty, as a spreadsheet writes after the last column.
_UNNAMED = re.compile(r"^Unnamed: \d+$")


def refuse_unknown_columns(raw: pd.DataFrame, path: Path, known) -> None:
    """Raise for the first column of ``raw`` (read as text) that ``known`` does not declare.

    A column with neither a header nor a value is left alone: spreadsheet programs write one.

    Raises
    ------
    BackdayError
        Naming the column and the file, and the columns that are read.
    """
    for column in raw.columns:
        if column in known:
            continue
        if _UNNAMED.match(str(column)) and not raw[column].str.strip().any():
            continue
        raise unknown_name(path, 1, "column", str(column), known)
