"""Resolve the exercise names users log to catalogue exercises, and say how.

The catalogue, alias and name-rule tables come in as DataFrames and tables (the data folder
loads them); every function here is pure. A name resolves in this order, and the first answer
wins:

1. ``catalogue``: the catalogue's id, display name or one of its aliases (case, accents and
   punctuation aside; also without the qualifiers users add to their own copies: old, RPE 6);
2. ``coach alias``: an alias in the coach's ``aliases.csv``, which wins over the catalogue;
3. ``rule:your phrase "..."``: a movement phrase of the coach's own name rules, which wins
   over every rule of the project;
4. ``rule:spelling``: the same words as a catalogue name in another order or spelling
   (``Cable Lat Pull Down`` for ``Lat Pulldown (Cable)``, ``Dumbell Rows`` for ``Dumbbell Row``);
5. ``rule:<name>``: a movement rule of :mod:`backday_analysis.importers.name_rules`, the
   ordered decisions kept as code (pull-up or chin-up by grip, a row by its equipment, ...);
6. ``rule:phrase "..."``: a movement phrase of the shipped name rules table
   (:mod:`backday_analysis.importers.name_table`): a lateral raise, a leg curl, a plank;
7. else the name is unknown.

A rule's answer counts only if its exercise is in the catalogue, so the credits of every
resolved name are the catalogue's.

The rules and phrases were checked against public exercise-name lists (not shipped): Hevy's
built-in templates (joshualukecaine/hevy, MIT), Fitbod names with heuristic muscles
(rhnfzl/fitbod-report, MIT), free-exercise-db (yuhonas/free-exercise-db, Unlicense), and the
plain name lists of Strong and FitNotes; ``python -m dev.name_coverage`` measures them.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import pandas as pd

from backday_analysis import GROUPS
from backday_analysis.importers.cells import per_distinct
from backday_analysis.importers.fold import ascii_fold
from backday_analysis.importers.movements import phrase_movement
from backday_analysis.importers.name_parts import content_words, name_parts
from backday_analysis.importers.name_rules import BACK_RULES
from backday_analysis.importers.name_table import NameTable, shipped_table

UNKNOWN = "unknown"


def normalise_name(name: str) -> str:
    """Return the lookup key of an exercise name: lower case, no accents, letters and digits only.

    ``"Lat Pulldown (Cable)"``, ``"lat-pulldown cable"`` and ``"LAT PULLDOWN, CABLE"`` share a key.
    """
    return re.sub(r"[^a-z0-9]", "", ascii_fold(name))


def parts_key(name: str, table: NameTable | None = None) -> str:
    """Return a name's words, respelled and sorted: the key of :func:`name_index`'s spellings."""
    return " ".join(sorted(name_parts(name, table).stems))


class NameIndex(dict):
    """Normalised name -> exercise_id, with how each key was made and the known spellings.

    A plain ``dict`` to look names up in; ``how`` maps each key to ``catalogue``, ``coach
    alias``; ``spellings`` maps :func:`parts_key` keys to ids; ``ids`` holds the catalogue's
    ids; ``table`` holds the name rules that read the words of a name.
    """

    def __init__(self, table: NameTable | None = None) -> None:
        super().__init__()
        self.how: dict[str, str] = {}
        self.spellings: dict[str, str | None] = {}
        self.ids: frozenset[str] = frozenset()
        self.table = table or shipped_table()

    def copy(self) -> NameIndex:
        """Return a copy that keeps how each name was made, the spellings and the rules."""
        twin = NameIndex(self.table)
        twin.update(self)
        twin.how, twin.spellings, twin.ids = dict(self.how), dict(self.spellings), self.ids
        return twin

    def add(self, name: str, exercise_id: str, how: str) -> None:
        """Map one name (and its spelling key) to an exercise; a later ``add`` wins."""
        key = normalise_name(name)
        self[key] = exercise_id
        self.how[key] = how
        spelling = parts_key(name, self.table)
        known = self.spellings.get(spelling, exercise_id)
        # Two exercises with the same words (in another order) make the spelling ambiguous;
        # a coach's alias settles it.
        self.spellings[spelling] = (
            exercise_id if how == "coach alias" or known == exercise_id else None
        )


def name_index(
    catalogue: pd.DataFrame, aliases: pd.DataFrame | None = None, table: NameTable | None = None
) -> NameIndex:
    """Map every normalised id, name and alias to its exercise_id; the coach's aliases win.

    ``table`` holds the name rules (default the shipped ones; see
    :func:`backday_analysis.importers.name_table.with_coach_rules` for a coach's own).
    """
    index = NameIndex(table)
    for row in catalogue.itertuples(index=False):
        for name in (row.exercise_id, row.name, *row.aliases):
            index.add(name, row.exercise_id, "catalogue")
    if aliases is not None:
        for row in aliases.itertuples(index=False):
            index.add(row.alias, row.exercise_id, "coach alias")
    index.ids = frozenset(catalogue["exercise_id"])
    return index


# Words people add to their own copy of an exercise in an app ("Deadlift old data",
# "Squat RPE6", "Plank 1:00", "Leg curl backup"): they name the same movement.
_QUALIFIERS = re.compile(
    r"\b(old|new|backup|back up|data|copy|alt|rpe ?\d+(\.\d+)?|v\d+)\b|#\d+|\d*:\d+",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Resolution:
    """How one logged name resolved: its ``exercise_id`` (None if unknown) and ``how``."""

    exercise_id: str | None
    how: str


def resolve(name: str, index: dict[str, str]) -> Resolution:
    """Resolve one logged name (see the module docstring for the order)."""
    how = getattr(index, "how", {})
    for key in (normalise_name(name), normalise_name(_QUALIFIERS.sub(" ", str(name)))):
        if key and key in index:
            return Resolution(index[key], how.get(key, "catalogue"))
    ids = getattr(index, "ids", frozenset(index.values()))
    table = getattr(index, "table", None) or shipped_table()
    bare = _QUALIFIERS.sub(" ", str(name))
    parts = name_parts(bare, table)
    coach = phrase_movement(parts, table.coach_movements(), ids)
    if coach is not None:
        return Resolution(coach.exercise_id, coach.how)
    spelled = getattr(index, "spellings", {}).get(parts_key(bare, table))
    if spelled:
        return Resolution(spelled, "rule:spelling")
    for rule, find in BACK_RULES:
        found = find(parts)
        if found is not None and found in ids:
            return Resolution(found, f"rule:{rule}")
    shipped = phrase_movement(parts, table.shipped_movements(), ids)
    if shipped is not None:
        return Resolution(shipped.exercise_id, shipped.how)
    return Resolution(None, UNKNOWN)


def hold_rule(catalogue: pd.DataFrame, index: dict[str, str]):
    """Return whether a timed hold of a name is a set (``ImportContext.counts_hold``).

    A hold (a plank, a back-extension hold, a dead hang) counts as a set when its name
    resolves to an exercise that credits a muscle group; a timed stretch or run does not.
    """
    credited = (catalogue.loc[:, list(GROUPS)] > 0).any(axis=1)
    ids = frozenset(catalogue.loc[credited, "exercise_id"])
    return lambda name: lookup_id(name, index) in ids


def carry_rule(catalogue: pd.DataFrame, index: dict[str, str]):
    """Return whether a name is a loaded carry (``ImportContext.counts_carry``).

    A carry logged with a distance or a time and no reps is a set for the groups it credits
    (traps, forearms, abs), not a stretch of cardio.
    """
    carries = frozenset(catalogue.loc[catalogue["pattern"] == "carry", "exercise_id"])
    return lambda name: lookup_id(name, index) in carries


def lookup_id(name: str, index: dict[str, str]) -> str | None:
    """Return the exercise_id of one logged name, or None (see :func:`resolve`)."""
    return resolve(name, index).exercise_id


def resolution_table(names: pd.Series, index: dict[str, str]) -> pd.DataFrame:
    """Return ``exercise_id`` (missing when unknown) and ``resolved_by`` for each logged name."""
    unique = pd.Series(names.unique())
    found = {name: resolve(name, index) for name in unique}
    return pd.DataFrame(
        {
            "exercise_id": names.map({n: r.exercise_id for n, r in found.items()}).astype("str"),
            "resolved_by": names.map({n: r.how for n, r in found.items()}).astype("str"),
        },
        index=names.index,
    )


def resolve_names(names: pd.Series, index: dict[str, str]) -> pd.Series:
    """Return the exercise_id of each logged name, or missing where nothing resolves it."""
    # Typed once per distinct name: a long log's ids are then taken, not checked one by one.
    return per_distinct(
        names,
        lambda distinct: distinct.map(lambda name: resolve(name, index).exercise_id).astype("str"),
    )


def _shares_movement(words: frozenset[str], other: frozenset[str]) -> bool:
    """Return whether two names share a movement word (typos allowed: ``pul ups``, pull-up)."""
    return any(same_word(a, b) for a in words for b in other)


def same_word(a: str, b: str) -> bool:
    """Return whether two words are one word, allowing a prefix or a typo (``pul``, ``pull``)."""
    if a == b or (min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a))):
        return True
    if a[0] != b[0]:
        return False
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.75


def suggest(name: str, catalogue: pd.DataFrame, limit: int = 3) -> list[str]:
    """Return up to ``limit`` catalogue display names that look like an unknown exercise name.

    Only names sharing a movement word with it are offered (no ``T-bar row`` for ``Clean and
    Jerk``); among those, the closest spellings first.
    """
    words = content_words(name)
    by_key: dict[str, str] = {}
    for row in catalogue.itertuples(index=False):
        for candidate in (row.name, *row.aliases):
            if _shares_movement(words, content_words(candidate)):
                by_key.setdefault(normalise_name(candidate), row.name)
    close = difflib.get_close_matches(normalise_name(name), list(by_key), n=limit * 4, cutoff=0.3)
    ordered = list(dict.fromkeys(by_key[key] for key in close))
    return ordered[:limit]
