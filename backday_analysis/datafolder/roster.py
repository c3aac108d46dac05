"""Read and update the roster: one row per client with name, unit, bodyweight and time zone."""

from __future__ import annotations

import zoneinfo
from pathlib import Path

import pandas as pd

from backday_analysis.atomic import write_csv_atomic
from backday_analysis.coach_tables import read_table
from backday_analysis.errors import BackdayError, located

ROSTER_COLUMNS = ("client_id", "name", "unit", "bodyweight_kg", "timezone")
#: An optional column: the coach a client belongs to (``backday report --roster --coach``).
COACH = "coach"
UNITS = ("kg", "lb")


def load_roster(path: Path) -> pd.DataFrame:
    """Read and validate the roster.

    Returns
    -------
    pandas.DataFrame
        Columns ``client_id, name, unit, bodyweight_kg, timezone, coach``; ``bodyweight_kg``
        is a float (missing when unknown), ``timezone`` and ``coach`` empty when the roster
        gives none.

    Raises
    ------
    BackdayError
        For a missing file or column, a column not in :data:`ROSTER_COLUMNS` or ``coach``,
        or a bad row.
    """
    if not path.is_file():
        raise BackdayError(
            f"{path}: the roster file is missing; create it with the header "
            f"{','.join(ROSTER_COLUMNS)} or point --data at your data folder."
        )
    raw = read_table(path, "roster", ROSTER_COLUMNS[:3], (*ROSTER_COLUMNS, COACH))
    for column in ROSTER_COLUMNS[3:]:
        if column not in raw.columns:
            raw[column] = ""
    if COACH not in raw.columns:
        raw[COACH] = ""
    roster = raw.loc[:, [*ROSTER_COLUMNS, COACH]].apply(lambda s: s.str.strip())
    weights = []
    for offset, row in enumerate(roster.itertuples(index=False)):
        line = offset + 2
        if not row.client_id:
            raise located(path, line, "the client_id is empty", "give every client an id")
        unit = row.unit.lower().rstrip("s")
        if unit not in UNITS:
            raise located(path, line, f"the unit '{row.unit}' is not kg or lb", "write kg or lb")
        weights.append(_bodyweight(row.bodyweight_kg, path, line))
        if row.timezone:
            try:
                zoneinfo.ZoneInfo(row.timezone)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                raise located(
                    path,
                    line,
                    f"the time zone '{row.timezone}' is unknown",
                    "write an IANA name such as Europe/Amsterdam",
                ) from None
    duplicated = roster["client_id"].duplicated()
    if duplicated.any():
        line = int(duplicated.to_numpy().nonzero()[0][0]) + 2
        raise located(
            path,
            line,
            f"the client_id '{roster['client_id'][line - 2]}' is used twice",
            "give each client one row",
        )
    roster["unit"] = roster["unit"].str.lower().str.rstrip("s")
    roster["bodyweight_kg"] = pd.array(weights, dtype="Float64")
    return roster


def _bodyweight(text: str, path: Path, line: int) -> float | None:
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 20 <= value <= 400:
        raise located(
            path,
            line,
            f"the bodyweight_kg '{text}' is not a weight in kg",
            "write a number between 20 and 400, or leave it empty",
        )
    return value


def client_row(roster: pd.DataFrame, client_id: str, path: Path | str = "roster") -> pd.Series:
    """Return one client's roster row, or a clear error naming the known clients."""
    match = roster.loc[roster["client_id"] == client_id]
    if match.empty:
        known = ", ".join(roster["client_id"]) or "none"
        raise BackdayError(
            f"{path}: there is no client '{client_id}' in the roster (known: "
            f"{known}); check the id or add the client to roster.csv."
        )
    return match.iloc[0]


def client_id(roster: pd.DataFrame, text: str, path: Path | str = "roster") -> str:
    """Return the id of the client named by ``text``: an id, or a display name from the roster.

    Ids win over names; a name is matched without regard to case or surrounding spaces,
    and must belong to one client only.
    """
    wanted = str(text).strip()
    if (roster["client_id"] == wanted).any():
        return wanted
    names = roster["name"].str.strip().str.casefold()
    match = roster.loc[names == wanted.casefold(), "client_id"]
    if len(match) == 1:
        return str(match.iloc[0])
    if len(match) > 1:
        raise BackdayError(
            f"{path}: the name '{wanted}' belongs to {len(match)} clients "
            f"({', '.join(match)}); use the client id instead."
        )
    if roster.empty:
        return str(client_row(roster, wanted, path)["client_id"])
    known = ", ".join(
        f"{c} ({n})" for c, n in zip(roster["client_id"], roster["name"], strict=True)
    )
    raise BackdayError(
        f"{path}: there is no client '{wanted}' in the roster (known: {known}); "
        "check the id or name, or add the client to roster.csv."
    )


def with_client(
    roster: pd.DataFrame,
    client_id: str,
    name: str | None = None,
    unit: str = "kg",
    bodyweight_kg: float | None = None,
    timezone: str = "",
) -> pd.DataFrame:
    """Return the roster with a client added, unless it is there already."""
    if (roster["client_id"] == client_id).any():
        return roster
    row = pd.DataFrame(
        [
            {
                "client_id": client_id,
                "name": name or client_id,
                "unit": unit,
                "bodyweight_kg": bodyweight_kg,
                "timezone": timezone,
                COACH: "",
            }
        ]
    )
    row["bodyweight_kg"] = row["bodyweight_kg"].astype("Float64")
    return pd.concat([roster, row], ignore_index=True)


def save_roster(roster: pd.DataFrame, path: Path) -> None:
    """Write the roster atomically, bodyweights as the coach writes them (``60``, not ``60.0``).

    The ``coach`` column is written when any client has a coach, so a roster without one
    keeps its columns.
    """
    coached = (
        COACH in roster.columns and roster[COACH].fillna("").astype(str).str.strip().ne("").any()
    )
    out = roster.loc[:, [*ROSTER_COLUMNS, *([COACH] * bool(coached))]].copy()
    out["bodyweight_kg"] = [
        "" if pd.isna(value) else f"{float(value):g}" for value in out["bodyweight_kg"]
    ]
    write_csv_atomic(out, path)
