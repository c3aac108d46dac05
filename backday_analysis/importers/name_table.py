"""The name rules as data: the table that reads the words of a logged exercise name.

The table (``name_rules.csv``, shipped beside this module; a coach may add a file of the same
name to the data folder) has one row per phrase, with columns ``phrase, kind, means, note``:

- ``spelling``: a phrase written several ways, read as one word (``pull down`` -> ``pulldown``);
- ``equipment``, ``grip``, ``side``: a phrase read as that equipment, grip or side word
  (``db`` -> ``dumbbell``, ``v bar`` -> ``vbar``, ``one arm`` -> ``single_arm``);
- ``noise``: a word that names no movement (``reps``, ``seated``);
- ``movement``: a phrase that names a movement, read as the catalogue exercise in ``means``
  (``lateral raise`` -> ``other_lateral_raise``, ``dead hang`` -> ``dead_hang``).

Phrases are matched on whole words, in any case and without accents or punctuation; the last
word may carry a plural ending (``pull downs``). Spelling, equipment, grip and side phrases are
all replaced at once, the longest first, so ``chin up grip`` is a grip and not a chin-up. A
movement phrase is read through those replacements too (``straight leg kickback`` is
``stiff_leg kickback``), and the first movement row in table order whose phrase is in the name
wins. A coach's rows come before the shipped ones and replace a shipped row of the same
phrase and kind: the coach's rule wins.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pandas as pd

from backday_analysis.coach_tables import read_table
from backday_analysis.errors import located
from backday_analysis.importers.fold import ascii_fold

COLUMNS = ("phrase", "kind", "means", "note")
#: Kinds whose phrases are replaced by a word before anything else reads the name.
WORD_KINDS = ("spelling", "equipment", "grip", "side")
KINDS = (*WORD_KINDS, "noise", "movement")
_WORD = re.compile(r"[a-z0-9_]+")
SHIPPED_FILE = "name_rules.csv"


def plain_text(name: object) -> str:
    """Return a name in lower case ASCII with single spaces between words and numbers."""
    text = ascii_fold(name).replace("'", "")
    return " ".join(re.sub(r"[^a-z0-9_]+", " ", text).split())


def singular(word: str) -> str:
    """Return a word without a plural ending (``rows`` -> ``row``, ``punches`` -> ``punch``;
    ``press`` stays)."""
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "_s")):
        return word[:-1]
    return word


def _forms(phrase: str) -> list[str]:
    """Return a phrase and its plural forms (the last word with ``s``, ``es`` or ``ies``)."""
    *head, last = phrase.split()
    endings = [last, last + "s", last + "es"]
    if last.endswith("y") and len(last) > 2:
        endings.append(last[:-1] + "ies")
    return [" ".join([*head, end]) for end in endings]


@dataclass(frozen=True)
class MovementRule:
    """A movement row: the words of its phrase, read through the table, and its exercise.

    ``words`` leaves the phrase's equipment out, as names are read without theirs;
    ``equipment`` holds it, for the name to have too (``landmine press``).
    """

    phrase: str
    words: tuple[str, ...]
    equipment: frozenset[str]
    exercise_id: str
    coach: bool

    def found_in(self, stems: tuple[str, ...], equipment: frozenset[str]) -> bool:
        """Return whether the phrase's words stand together, in order, among ``stems``, and
        its equipment is among ``equipment``."""
        if not self.equipment <= equipment:
            return False
        n = len(self.words)
        return any(stems[i : i + n] == self.words for i in range(len(stems) - n + 1))

    @property
    def how(self) -> str:
        """Return how a name resolved by this row says so: ``rule:phrase "dead hang"``."""
        return f'rule:{"your " if self.coach else ""}phrase "{self.phrase}"'


class NameTable:
    """The name rules, ready to read names: word replacements, word sets and movement rows.

    Build it with :func:`shipped_table` or :func:`with_coach_rules`; it is hashable by
    identity, so that parts of names can be cached per table.
    """

    def __init__(self, rows: pd.DataFrame) -> None:
        # ``rows``: the table's columns plus ``coach`` (bool), coach rows first.
        self.rows = rows
        words = rows.loc[rows["kind"].isin(WORD_KINDS)]
        # Exact phrases before plural forms, and coach rows (first) before shipped ones.
        replacement: dict[str, str] = {}
        pairs = list(zip(words["phrase"].map(plain_text), words["means"], strict=True))
        for phrase, means in pairs:
            replacement.setdefault(phrase, means)
        for phrase, means in pairs:
            for form in _forms(phrase):
                replacement.setdefault(form, means)
        self.replacement = replacement
        longest_first = sorted(replacement, key=len, reverse=True)
        self.pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, longest_first)) + r")\b")

        def means(kind: str) -> frozenset[str]:
            return frozenset(rows.loc[rows["kind"] == kind, "means"])

        self.equipment = means("equipment")
        self.grips = means("grip")
        self.sides = means("side")
        self.noise = frozenset(plain_text(p) for p in rows.loc[rows["kind"] == "noise", "phrase"])
        moves = rows.loc[rows["kind"] == "movement"]
        self.movements = tuple(
            MovementRule(
                phrase,
                self.movement_words(phrase),
                frozenset(self.respell(phrase).split()) & self.equipment,
                means,
                coach,
            )
            for phrase, means, coach in zip(
                moves["phrase"], moves["means"], moves["coach"], strict=True
            )
        )

    def movement_words(self, name: object) -> tuple[str, ...]:
        """Return a name's words as movement phrases are matched: respelled, without a plural
        ending, equipment left out (``Standing Barbell Press`` reads ``standing press``)."""
        words = self.respell(name).split()
        return tuple(singular(w) for w in words if w not in self.equipment)

    def respell(self, name: object) -> str:
        """Return a name's plain text with every word phrase replaced by its word."""
        return self.pattern.sub(lambda m: self.replacement[m.group(0)], plain_text(name))

    def coach_movements(self) -> tuple[MovementRule, ...]:
        """Return the coach's movement rows, in their order."""
        return tuple(rule for rule in self.movements if rule.coach)

    def shipped_movements(self) -> tuple[MovementRule, ...]:
        """Return the shipped movement rows, in their order."""
        return tuple(rule for rule in self.movements if not rule.coach)


def read_rules(path, text: str | None = None) -> pd.DataFrame:
    """Read and check one name-rules table; return its rows with their ``line`` numbers.

    Raises
    ------
    BackdayError
        For a missing column, an unknown kind, an empty phrase, or a ``means`` that is not one
        word of letters, digits and underscores; the message names the file and line.
    """
    raw = read_table(path, "name rules", COLUMNS[:3], COLUMNS, text)
    rows = raw.reindex(columns=list(COLUMNS), fill_value="").apply(lambda s: s.str.strip())
    rows["line"] = range(2, len(rows) + 2)
    for row in rows.itertuples(index=False):
        if row.kind not in KINDS:
            raise located(
                path, row.line, f"the kind '{row.kind}' is unknown",
                f"use one of {', '.join(KINDS)}",
            )  # fmt: skip
        if not plain_text(row.phrase):
            raise located(path, row.line, "the phrase is empty", "write the words to match")
        if row.kind != "noise" and not _WORD.fullmatch(row.means):
            raise located(
                path, row.line, f"'{row.means}' is not one word (letters, digits, _)",
                "write the word or exercise_id the phrase stands for in 'means'",
            )  # fmt: skip
    return rows


@functools.cache
def shipped_rows() -> pd.DataFrame:
    """Return the shipped table's rows (read once)."""
    text = resources.files(__package__).joinpath(SHIPPED_FILE).read_text(encoding="utf-8")
    return read_rules(SHIPPED_FILE, text).assign(coach=False)


@functools.cache
def shipped_table() -> NameTable:
    """Return the shipped name rules (built once)."""
    return NameTable(shipped_rows())


def with_coach_rules(coach: pd.DataFrame | None) -> NameTable:
    """Return the shipped rules with a coach's rows first; a coach's row replaces a shipped
    row of the same phrase and kind."""
    if coach is None or coach.empty:
        return shipped_table()
    shipped = shipped_rows()
    key = coach["kind"] + "\t" + coach["phrase"].map(plain_text)
    replaced = (shipped["kind"] + "\t" + shipped["phrase"].map(plain_text)).isin(set(key))
    rows = pd.concat([coach.assign(coach=True), shipped.loc[~replaced]], ignore_index=True)
    return NameTable(rows)


def read_coach_rules(path: Path) -> pd.DataFrame | None:
    """Read a coach's name rules; None when the data folder has no such file."""
    return read_rules(path) if path.is_file() else None
