"""Resolve the exercise names users log to catalogue exercises.

The catalogue and alias tables come in as DataFrames (the data folder loads them); every
function here is pure.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

import pandas as pd


def normalise_name(name: str) -> str:
    """Return the lookup key of an exercise name: lower case, no accents, letters and digits only.

    ``"Lat Pulldown (Cable)"``, ``"lat-pulldown cable"`` and ``"LAT PULLDOWN, CABLE"`` share a key.
    """
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def name_index(catalogue: pd.DataFrame, aliases: pd.DataFrame | None = None) -> dict[str, str]:
    """Map every normalised id, name and alias to its exercise_id; the coach's aliases win."""
    index: dict[str, str] = {}
    for row in catalogue.itertuples(index=False):
        for name in (row.exercise_id, row.name, *row.aliases):
            index[normalise_name(name)] = row.exercise_id
    if aliases is not None:
        for row in aliases.itertuples(index=False):
            index[normalise_name(row.alias)] = row.exercise_id
    return index


# Words people add to their own copy of an exercise in an app ("Deadlift old data",
# "Squat RPE6", "Plank 1:00", "Leg curl backup"): they name the same movement.
_QUALIFIERS = re.compile(
    r"\b(old|new|backup|back up|data|copy|alt|rpe ?\d+(\.\d+)?|v\d+)\b|#\d+|\d*:\d+",
    re.IGNORECASE,
)


def lookup_id(name: str, index: dict[str, str]) -> str | None:
    """Return the exercise_id of one logged name, or None.

    The exact name is tried first; failing that, the name without the qualifiers users add
    to their own copies of an exercise (old, backup, RPE 6, #2, 1:00).
    """
    found = index.get(normalise_name(name))
    if found is None:
        bare = normalise_name(_QUALIFIERS.sub(" ", str(name)))
        found = index.get(bare) if bare else None
    return found


def resolve_names(names: pd.Series, index: dict[str, str]) -> pd.Series:
    """Return the exercise_id of each logged name, or missing where the catalogue has none."""
    unique = pd.Series(names.unique())
    ids = unique.map(lambda n: lookup_id(n, index))
    lookup = dict(zip(unique, ids, strict=True))
    return names.map(lookup).astype("str")


def suggest(name: str, catalogue: pd.DataFrame, limit: int = 3) -> list[str]:
    """Return up to ``limit`` catalogue display names that look like an unknown exercise name."""
    by_key: dict[str, str] = {}
    for row in catalogue.itertuples(index=False):
        for candidate in (row.name, *row.aliases):
            by_key.setdefault(normalise_name(candidate), row.name)
    close = difflib.get_close_matches(normalise_name(name), list(by_key), n=limit * 4, cutoff=0.5)
    ordered = list(dict.fromkeys(by_key[key] for key in close))
    return ordered[:limit]
