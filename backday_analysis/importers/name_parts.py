"""Read an exercise name as its parts: movement words, equipment, grip and stance, side words.

Apps and people write the same exercise many ways: ``Dumbell Row (Single Arm)``,
``1-arm DB row``, ``One Arm Dumbbell Rows``. :func:`name_parts` turns each into the same
:class:`NameParts`: the equipment (``dumbbell``), the grip and side words (``single_arm``) and
the remaining words (``row``) with typos, spellings and plurals made one. Which phrase is which
word is data: the name rules table (:mod:`backday_analysis.importers.name_table`). The movement
rules (:mod:`backday_analysis.importers.name_rules`) read these parts; nothing here knows
credits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from backday_analysis.importers.name_table import NameTable, shipped_table, singular


@dataclass(frozen=True)
class NameParts:
    """The parts of one exercise name.

    Attributes
    ----------
    text : str
        The whole name, respelled, one space between words (``"dumbbell row single_arm"``).
    words : tuple of str
        The words that are not equipment, grip, side or noise, in order (``("row",)``).
    equipment : frozenset of str
        Equipment words (``barbell``, ``dumbbell``, ``cable``, ``machine``, ...).
    grips : frozenset of str
        Grip and side words (``wide``, ``close``, ``neutral``, ``underhand``, ``single_arm``).
    stems : frozenset of str
        The words without a plural ending (``makers`` -> ``maker``).
    """

    text: str
    words: tuple[str, ...]
    equipment: frozenset[str]
    grips: frozenset[str]
    stems: frozenset[str] = frozenset()

    def tokens(self) -> frozenset[str]:
        """Return every word of the name, as written (respelled) and without a plural ending."""
        return frozenset(self.text.split()) | self.stems

    def has(self, *words: str) -> bool:
        """Return whether the name holds every one of ``words`` (parts or words)."""
        every = self.tokens()
        return all(word in every for word in words)

    def any(self, *words: str) -> bool:
        """Return whether the name holds at least one of ``words``."""
        every = self.tokens()
        return any(word in every for word in words)

    def phrase(self, pattern: str) -> bool:
        """Return whether the respelled text matches a regular expression (word bounded)."""
        return re.search(rf"\b(?:{pattern})\b", self.text) is not None


@lru_cache(maxsize=65536)
def name_parts(name: str, table: NameTable | None = None) -> NameParts:
    """Split an exercise name into its parts (see :class:`NameParts`), with ``table``'s words
    (default the shipped name rules)."""
    table = table or shipped_table()
    tokens = table.respell(name).split()
    equipment = frozenset(t for t in tokens if t in table.equipment)
    grips = frozenset(t for t in tokens if t in table.grips or t in table.sides)
    words = tuple(
        t
        for t in tokens
        if t not in equipment and t not in grips and t not in table.noise and not t.isdigit()
    )
    stems = frozenset(singular(t) for t in tokens)
    return NameParts(" ".join(tokens), words, equipment, grips, stems)


def content_words(name: str, table: NameTable | None = None) -> frozenset[str]:
    """Return the words of a name that say what the movement is (no equipment, grip or noise)."""
    return frozenset(name_parts(name, table).words)
