"""Find the movement a name's phrases name, from the movement rows of the name rules table.

A movement row (``lateral raise`` -> ``other_lateral_raise``) matches when its phrase's words
stand together, in order, in the name, after the table's spellings and without equipment
words (``Standing Barbell Press`` holds ``standing press``); never a single word cut from a
phrase: ``dead bug`` is core work, ``Dead Hang`` is not. The first matching row wins,
so the table lists the telling phrases before the general words. Rows whose exercise is not in
the catalogue are passed over, so a coach who removes an exercise removes its rows' answers.
"""

from __future__ import annotations

from collections.abc import Iterable

from backday_analysis.importers.name_parts import NameParts
from backday_analysis.importers.name_table import MovementRule, singular


def phrase_movement(
    parts: NameParts, rules: Iterable[MovementRule], known: frozenset[str] | set[str]
) -> MovementRule | None:
    """Return the first movement row whose phrase is in the name and whose exercise is known.

    The name's words are read as the phrases are: without plural endings and equipment.
    """
    stems = tuple(singular(t) for t in parts.text.split() if t not in parts.equipment)
    for rule in rules:
        if rule.exercise_id in known and rule.found_in(stems, parts.equipment):
            return rule
    return None
