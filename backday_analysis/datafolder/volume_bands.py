"""Read a coach's per-client volume bands (``volume_bands.csv`` in the data folder).

One row per client and muscle group whose weekly-set band differs from ``config.toml``'s
``[landmarks]``: ``client_id, group, minimum_effective, maximum_recoverable, note``. A blank
number keeps the config's value for that end of the band; ``note`` says why (an injury, a
specialisation block). A data folder without the file uses the config's bands for everyone.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from backday_analysis import GROUPS
from backday_analysis.coach_tables import read_table
from backday_analysis.errors import located

COLUMNS = ("client_id", "group", "minimum_effective", "maximum_recoverable", "note")
_ENDS = ("minimum_effective", "maximum_recoverable")


def volume_bands_path(folder: Path) -> Path:
    """Return the per-client band table of a data folder."""
    return folder / "volume_bands.csv"


def empty_bands() -> pd.DataFrame:
    """Return the band table with no rows."""
    return pd.DataFrame(
        {
            "client_id": pd.Series(dtype="str"),
            "group": pd.Series(dtype="str"),
            "minimum_effective": pd.Series(dtype=float),
            "maximum_recoverable": pd.Series(dtype=float),
            "note": pd.Series(dtype="str"),
        }
    )


def load_volume_bands(path: Path, clients: list[str] | None = None) -> pd.DataFrame:
    """Read and check the per-client bands; a missing file means no client has their own.

    Parameters
    ----------
    path : Path
        The ``volume_bands.csv`` file.
    clients : list of str, optional
        The roster's client ids; a row for any other client is an error.

    Raises
    ------
    BackdayError
        For a missing column, an unknown client or group, a number that is not a
        non-negative number, a minimum above the maximum, or a client and group given twice;
        the message names the file and line.
    """
    if not path.is_file():
        return empty_bands()
    raw = read_table(path, "volume bands", COLUMNS[:4], COLUMNS)
    rows = raw.reindex(columns=list(COLUMNS), fill_value="").apply(lambda s: s.str.strip())
    seen: dict[tuple[str, str], int] = {}
    numbers = {end: [] for end in _ENDS}
    for offset, row in enumerate(rows.itertuples(index=False)):
        line = offset + 2
        if clients is not None and row.client_id not in clients:
            raise located(
                path, line, f"the client '{row.client_id}' is not in the roster",
                "use a client_id from roster.csv",
            )  # fmt: skip
        if row.group not in GROUPS:
            raise located(
                path, line, f"'{row.group}' is not a muscle group",
                f"use one of {', '.join(GROUPS)}",
            )  # fmt: skip
        if (row.client_id, row.group) in seen:
            raise located(
                path, line,
                f"{row.client_id}'s {row.group} band is already given on line "
                f"{seen[(row.client_id, row.group)]}",
                "give each client and group one row",
            )  # fmt: skip
        seen[(row.client_id, row.group)] = line
        for end in _ENDS:
            numbers[end].append(_number(getattr(row, end), path, line, end))
        low, high = numbers["minimum_effective"][-1], numbers["maximum_recoverable"][-1]
        if pd.notna(low) and pd.notna(high) and low > high:
            raise located(
                path, line, f"the minimum {low:g} is above the maximum {high:g}",
                "make the minimum the smaller number",
            )  # fmt: skip
    for end in _ENDS:
        rows[end] = pd.Series(numbers[end], index=rows.index, dtype=float)
    return rows.astype({"client_id": "str", "group": "str", "note": "str"})


def _number(cell: str, path: Path, line: int, column: str) -> float:
    if not cell:
        return float("nan")
    try:
        value = float(cell)
    except ValueError:
        value = -1.0
    if not value >= 0:
        raise located(
            path, line, f"the {column} '{cell}' is not a number of sets",
            "write a number of weekly sets (0 or more), or leave it empty for config.toml's",
        )  # fmt: skip
    return value
