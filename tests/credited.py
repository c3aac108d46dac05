"""What the shipped catalogue credits a logged name with: the helper the name tests share."""

from __future__ import annotations

from backday_analysis import GROUPS
from backday_analysis.importers.names import resolve


def credits(name: str, index, catalogue, groups=GROUPS) -> dict[str, float]:
    """Return the credits the name's exercise gives among ``groups`` (only the credited ones)."""
    found = resolve(name, index)
    assert found.exercise_id is not None, f"{name!r} stayed unknown"
    row = catalogue.set_index("exercise_id").loc[found.exercise_id]
    return {g: float(row[g]) for g in groups if row[g] > 0}
