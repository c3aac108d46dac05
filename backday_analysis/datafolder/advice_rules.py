"""Read the coach's "next week" rule table (``data/advice.csv``).

One row per rule and group; the coach edits exercises, sets, reps and limits, rewords the
``why`` a suggestion quotes, or deletes a row to switch that advice off. Columns:

- ``rule``: one of :data:`RULES`;
- ``group``: the muscle group the row is about; empty for every group without a row of its
  own (for the back's rules: every back group);
- ``exercises``: catalogue exercise ids to suggest, in order of preference, ``|``-separated
  (the client's own exercises that credit the group come first);
- ``sets``, ``reps``: what to add, such as ``3`` and ``10-12``;
- ``limit``: the load step in kg for the deadlift rules; for ``spread``, the weekly
  fractional sets from which a group short of days gets sets moved to another day rather
  than added (empty: the group's minimum effective volume, ``[landmarks]`` in
  ``config.toml`` or the client's ``volume_bands.csv``); other limits (days a week, share
  of an even split, largest weekly rise, pull : push, the bands) come from ``config.toml``;
- ``weeks``: how many weeks back ``load_step`` looks for a deadlift top set raised too fast;
- ``why``: the rule in words, quoted after each suggestion so the coach can disagree.

A data folder without the file uses the project's shipped table.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from backday_analysis import GROUPS, resources
from backday_analysis.coach_tables import read_table
from backday_analysis.errors import located

RULES = (
    "twice_a_week",
    "spread",
    "direct_sets",
    "even_share",
    "volume",
    "restore_volume",
    "deadlift_first",
    "load_step",
    "biceps_pairing",
    "horizontal_pull",
    "vertical_pull",
    "group_minimum",
    "start_group",
    "group_maximum",
)
COLUMNS = ("rule", "group", "exercises", "sets", "reps", "limit", "weeks", "why")
_REPS = re.compile(r"^\d{1,3}(\s*[-–]\s*\d{1,3})?$")


def advice_rules_path(folder: Path) -> Path:
    """Return the rule table of a data folder, or the shipped one if the folder has none."""
    own = folder / "advice.csv"
    return own if own.is_file() else resources.default_file("advice.csv")


def load_advice_rules(path: Path, catalogue: pd.DataFrame, strict: bool = True) -> pd.DataFrame:
    """Read and check the rule table against the catalogue.

    With ``strict`` False (the shipped table read for a folder without its own), exercise
    ids the folder's catalogue does not have are left out rather than refused.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`; ``exercises`` is a list of ids, ``sets``, ``limit`` and
        ``weeks`` are floats (NaN when empty), the rest text. No rows if no table exists.

    Raises
    ------
    BackdayError
        For a missing or unknown column, an unknown rule, group or exercise id, or a bad
        number; the message names the file and line.
    """
    if not path.is_file():
        return pd.DataFrame(columns=list(COLUMNS))
    raw = read_table(path, "advice rule table", COLUMNS, COLUMNS)
    rules = raw.loc[:, list(COLUMNS)].apply(lambda c: c.str.strip())
    known = set(catalogue["exercise_id"])
    lists, numbers = [], {c: [] for c in ("sets", "limit", "weeks")}
    for offset, row in enumerate(rules.itertuples(index=False)):
        line = offset + 2
        if row.rule not in RULES:
            raise located(
                path, line, f"the rule '{row.rule}' is unknown", f"use one of {', '.join(RULES)}"
            )
        if row.group and row.group not in GROUPS:
            raise located(
                path,
                line,
                f"the group '{row.group}' is unknown",
                f"use one of {', '.join(GROUPS)}, or leave it empty for every group",
            )
        ids = [e.strip() for e in row.exercises.split("|") if e.strip()]
        unknown = [e for e in ids if e not in known]
        if not strict:
            ids, unknown = [e for e in ids if e in known], []
        if unknown:
            raise located(
                path,
                line,
                f"the exercise '{unknown[0]}' is not in the catalogue",
                "use exercise ids from catalogue.csv",
            )
        lists.append(ids)
        if row.reps and not _REPS.match(row.reps):
            raise located(
                path, line, f"the reps '{row.reps}' are not a number or a range", "write 10 or 8-12"
            )
        for column in numbers:
            numbers[column].append(_number(getattr(row, column), path, line, column))
    rules["exercises"] = lists
    for column, values in numbers.items():
        rules[column] = values
    rules["reps"] = rules["reps"].str.replace(r"\s*[-–]\s*", "–", regex=True)
    return rules


def _number(text: str, path: Path, line: int, column: str) -> float:
    if not text:
        return float("nan")
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0:
        raise located(
            path, line, f"the {column} '{text}' is not a number", "write a number such as 3 or 2.5"
        )
    return value
