"""Read a log's ``performed_at`` cells: local date-times, and the offsets a log must not carry.

A log holds local times. pandas refuses a column that mixes times with and without an
offset, and reads a lone offset as another time zone, so offsets are found before any
time is counted.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: A time of day followed by ``Z`` or an offset such as ``+01:00``, ``-0500`` or ``+02``.
OFFSET = r"\d:\d\d(?::\d\d(?:\.\d+)?)?\s*(?:Z|[+-]\d\d(?::?\d\d)?)$"
# Every match of OFFSET holds a Z, a + or a - after a colon (across a line break too): the
# cells without one need no Python regex (RE2 lacks Unicode \d and \s, so it cannot do
# OFFSET itself).
MAYBE_OFFSET = r"(?s)[Z+]|:.*-"


def read_times(cells: pd.Series) -> pd.DataFrame:
    """Return for each cell whether it carries an offset and, when none does, its date-time.

    Parameters
    ----------
    cells : pandas.Series
        Stripped text cells, each distinct (see :func:`.importers.cells.per_distinct`).

    Returns
    -------
    pandas.DataFrame
        ``offset`` (bool) and ``when`` (naive date-times, NaT where a cell is not one; all
        NaT when some cell carries an offset).
    """
    maybe = cells.str.contains(MAYBE_OFFSET, regex=True).to_numpy(dtype=bool)
    offset = np.zeros(len(cells), dtype=bool)
    if maybe.any():
        offset[maybe] = cells[maybe].str.contains(OFFSET, regex=True).to_numpy(dtype=bool)
    if not offset.any():
        when = _local_times(cells)
        if when is not None:
            return pd.DataFrame({"offset": offset, "when": when})
        # pandas read an offset the pattern does not describe (such as 09-05 for 09:05).
        offset = np.array([_local_times(cells.iloc[[n]]) is None for n in range(len(cells))])
    return pd.DataFrame({"offset": offset, "when": pd.NaT})


def _local_times(cells: pd.Series) -> pd.Series | None:
    """Return the cells as naive date-times, or None when pandas reads an offset in one."""
    try:
        when = pd.to_datetime(cells, format="ISO8601", errors="coerce")
    except ValueError as error:
        # "Mixed timezones detected": some cells with an offset, some without. Any other
        # refusal is not an offset, and is not taken for one.
        if "timezone" not in str(error).lower():
            raise
        return None
    return None if isinstance(when.dtype, pd.DatetimeTZDtype) else when
