"""Load and check the exercise catalogue and the coach's aliases.

The catalogue (``data/catalogue.csv``) has one row per exercise and one credit column per
muscle group: 1 for a primary mover, 0.5 for a secondary one, empty for none. An optional
``source`` column says where a row's credits come from.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from backday_analysis import BACK_GROUPS, GROUPS
from backday_analysis.coach_tables import read_table
from backday_analysis.errors import BackdayError, located
from backday_analysis.importers.name_table import NameTable, read_coach_rules, with_coach_rules
from backday_analysis.importers.names import name_index, normalise_name

BASE_COLUMNS = ("exercise_id", "name", "pattern", "equipment", "grip", "load_type", "aliases")
#: Columns a catalogue may have: where each row's credits come from.
OPTIONAL_COLUMNS = ("source",)
LOAD_TYPES = ("external", "bodyweight", "assisted")
ALLOWED_CREDITS = (0.5, 1.0)
ALIAS_SEPARATOR = "|"
#: Credit columns every catalogue has: the back and the biceps it was first written for. The
#: other groups' columns may be missing from an older catalogue; they then credit nothing.
REQUIRED_GROUPS = (*BACK_GROUPS, "biceps")

logger = logging.getLogger(__name__)


def _read_csv(path: Path, what: str) -> pd.DataFrame:
    if not path.is_file():
        raise BackdayError(
            f"{path}: the {what} file is missing; create it or point --data at "
            "a folder that has one."
        )
    return read_table(path, f"{what} file")


def load_catalogue(path: Path) -> pd.DataFrame:
    """Read and validate the exercise catalogue.

    Parameters
    ----------
    path : Path
        The catalogue CSV.

    Returns
    -------
    pandas.DataFrame
        One row per exercise, with the base columns, ``aliases`` as a list, one float
        credit column per group in :data:`backday_analysis.GROUPS` (0.0 for none) and
        ``source`` when the file has it.

    Raises
    ------
    BackdayError
        For a missing base, back or biceps column, an unknown muscle, a credit outside
        {0.5, 1}, an unknown load type, or an id or alias used twice; the message names the
        file, line and column.
    """
    raw = _read_csv(path, "exercise catalogue")
    known = (*BASE_COLUMNS, *GROUPS, *OPTIONAL_COLUMNS)
    unknown = [c for c in raw.columns if c not in known]
    if unknown:
        raise located(
            path,
            1,
            f"'{unknown[0]}' is not a muscle group this project knows",
            f"use only {', '.join(GROUPS)} as credit columns",
        )
    missing = [c for c in (*BASE_COLUMNS, *REQUIRED_GROUPS) if c not in raw.columns]
    if missing:
        raise located(
            path,
            1,
            f"the column '{missing[0]}' is missing",
            f"the header needs {', '.join((*BASE_COLUMNS, *GROUPS))}",
        )
    absent = [g for g in GROUPS if g not in raw.columns]
    if absent:
        # A catalogue written before the whole-body groups: its exercises credit only what
        # it has columns for, and the coach is told which groups count nothing.
        logger.warning(
            "%s has no column for %s: no exercise credits %s; copy the columns from the "
            "shipped catalogue to count them",
            path, ", ".join(absent), "them" if len(absent) > 1 else "it",
        )  # fmt: skip
        raw = raw.assign(**{g: "" for g in absent})
    optional = [c for c in OPTIONAL_COLUMNS if c in raw.columns]
    catalogue = raw.loc[:, [*BASE_COLUMNS, *GROUPS, *optional]].copy()
    for column in (*BASE_COLUMNS, *optional):
        catalogue[column] = catalogue[column].str.strip()
    seen: dict[str, tuple[int, str]] = {}
    credits = {group: [] for group in GROUPS}
    alias_lists = []
    for offset, row in enumerate(catalogue.itertuples(index=False)):
        line = offset + 2
        if not row.exercise_id:
            raise located(path, line, "the exercise_id is empty", "give every exercise an id")
        if not row.name:
            raise located(path, line, "the name is empty", "give every exercise a display name")
        if row.load_type not in LOAD_TYPES:
            raise located(
                path,
                line,
                f"the load_type '{row.load_type}' is unknown",
                f"use one of {', '.join(LOAD_TYPES)}",
            )
        for group in GROUPS:
            credits[group].append(_parse_credit(getattr(row, group), path, line, group))
        aliases = [a.strip() for a in row.aliases.split(ALIAS_SEPARATOR) if a.strip()]
        alias_lists.append(aliases)
        for column, name in [("exercise_id", row.exercise_id), ("name", row.name)] + [
            ("alias", a) for a in aliases
        ]:
            key = normalise_name(name)
            if key in seen and seen[key][1] != row.exercise_id:
                raise located(
                    path,
                    line,
                    f"the {column} '{name}' is already used on line {seen[key][0]}",
                    "give each exercise, name and alias only once",
                )
            if column == "exercise_id" and key in seen:
                raise located(
                    path,
                    line,
                    f"the exercise_id '{name}' is used twice",
                    "give each exercise its own id",
                )
            seen[key] = (line, row.exercise_id)
    for group in GROUPS:
        catalogue[group] = credits[group]
    catalogue["aliases"] = alias_lists
    return catalogue


def _parse_credit(cell: str, path: Path, line: int, group: str) -> float:
    text = cell.strip()
    if not text:
        return 0.0
    try:
        value = float(text)
    except ValueError:
        value = None
    if value not in ALLOWED_CREDITS:
        raise located(
            path,
            line,
            f"the {group} credit '{text}' is not 0.5 or 1",
            "use 1 for a primary mover, 0.5 for a secondary one, or leave it empty",
        )
    return value


def load_aliases(path: Path, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Read the coach's alias file (``alias,exercise_id``); a missing file means no aliases."""
    if not path.is_file():
        return pd.DataFrame({"alias": pd.Series(dtype=str), "exercise_id": pd.Series(dtype=str)})
    raw = read_table(path, "exercise alias file", ("alias", "exercise_id"))
    known = set(catalogue["exercise_id"])
    aliases = raw.loc[:, ["alias", "exercise_id"]].apply(lambda s: s.str.strip())
    for offset, row in enumerate(aliases.itertuples(index=False)):
        if row.exercise_id not in known:
            raise located(
                path,
                offset + 2,
                f"the exercise_id '{row.exercise_id}' is not in the catalogue",
                "use an exercise_id from catalogue.csv",
            )
    return aliases


def credit_table(catalogue: pd.DataFrame) -> pd.DataFrame:
    """Return the non-zero credits as a long table: ``exercise_id, group, credit``."""
    long = catalogue.melt(
        id_vars="exercise_id", value_vars=list(GROUPS), var_name="group", value_name="credit"
    )
    return long.loc[long["credit"] > 0].reset_index(drop=True)


def name_rules_path(folder: Path) -> Path:
    """Return the coach's own name rules of a data folder (same columns as the shipped table)."""
    return folder / "name_rules.csv"


def load_name_rules(path: Path, catalogue: pd.DataFrame) -> NameTable:
    """Return the name rules: the shipped table with the coach's rows (if any) first.

    A coach's movement row must name an exercise of the catalogue; a missing file means the
    shipped rules alone (see :mod:`backday_analysis.importers.name_table`).
    """
    coach = read_coach_rules(path)
    if coach is not None:
        known = set(catalogue["exercise_id"])
        for row in coach.loc[coach["kind"] == "movement"].itertuples(index=False):
            if row.means not in known:
                raise located(
                    path,
                    row.line,
                    f"the exercise_id '{row.means}' is not in the catalogue",
                    "write an exercise_id from catalogue.csv in 'means'",
                )
    return with_coach_rules(coach)


def folder_name_index(folder: Path, catalogue: pd.DataFrame, aliases: pd.DataFrame | None = None):
    """Return how a data folder reads logged names: the catalogue's names and aliases, the
    coach's ``aliases.csv`` (read here unless given) and the name rules (the coach's first).

    Imports, Hevy syncs and reading the logs all resolve names through this one index.
    """
    if aliases is None:
        aliases = load_aliases(folder / "aliases.csv", catalogue)
    return name_index(catalogue, aliases, load_name_rules(name_rules_path(folder), catalogue))
