"""Read the coach's severity table (``severity.csv``): how urgent each coaching flag is.

One row per flag, group and age; the coach changes a severity or its words, or adds a row
for a group or an age. Columns:

- ``flag``: a flag code, such as ``not_trained`` (the flags a page raises are listed in
  :data:`backday_analysis.metrics.flags.FLAGS`);
- ``group``: the muscle group the row is about, empty for every group;
- ``weeks_at_least``: the row applies once the flag has held this many weeks in a row
  (1: from its first week); of a flag's rows, the one with the largest number not above
  the flag's weeks wins, and a row naming the group wins over an empty one;
- ``severity``: ``high``, ``medium`` or ``low``;
- ``why``: the reason in words, which the roster page gives for a client's place.

A data folder's own table replaces the shipped rows of each flag it names; flags it does not
name keep the shipped rows, so a new flag always has a severity.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from backday_analysis import resources
from backday_analysis.datafolder.rule_tables import check_group, read_rule_table
from backday_analysis.errors import located

COLUMNS = ("flag", "group", "weeks_at_least", "severity", "why")
SEVERITIES = ("high", "medium", "low")
FILE_NAME = "severity.csv"


def shipped_severity_path() -> Path:
    """Return the shipped severity table."""
    return resources.default_file(FILE_NAME)


def load_severity_rules(folder: Path) -> pd.DataFrame:
    """Return the severity table of a data folder over the shipped one.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS` plus ``file`` and ``line`` (where each row came from);
        ``weeks_at_least`` is an int.

    Raises
    ------
    BackdayError
        For a missing column, an unknown group or severity, a bad number or empty words;
        the message names the file and line.
    """
    shipped = _read(shipped_severity_path())
    own_path = folder / FILE_NAME
    if not own_path.is_file() or own_path.resolve() == shipped_severity_path().resolve():
        return shipped
    own = _read(own_path)
    kept = shipped.loc[~shipped["flag"].isin(set(own["flag"]))]
    return pd.concat([own, kept], ignore_index=True)


def _read(path: Path) -> pd.DataFrame:
    table = read_rule_table(path, COLUMNS, "severity table")
    weeks = []
    for row in table.itertuples(index=False):
        if not row.flag:
            raise located(path, row.line, "the flag is empty", "name a flag such as not_trained")
        check_group(path, row.line, row.group)
        if row.severity not in SEVERITIES:
            raise located(
                path,
                row.line,
                f"the severity '{row.severity}' is unknown",
                f"use one of {', '.join(SEVERITIES)}",
            )
        if not row.why:
            raise located(path, row.line, "the why is empty", "say why the flag is this urgent")
        text = row.weeks_at_least or "1"
        if not text.isdigit() or int(text) < 1:
            raise located(
                path,
                row.line,
                f"weeks_at_least '{row.weeks_at_least}' is not a whole number of weeks",
                "write 1 or more, or leave it empty for 1",
            )
        weeks.append(int(text))
    return table.assign(weeks_at_least=pd.Series(weeks, index=table.index, dtype="int64"))
