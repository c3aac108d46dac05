"""Notes about a client's data that a page shows beside the numbers: where they came from.

A client's weekly page shows them under its title, the roster in its ``Note`` column. The
"no log yet" note is the pages' own; a data source adds its own note by appending a function
to :data:`NOTE_SOURCES` (a sync from an app, say, with its time and whether it is stale).
"""

from __future__ import annotations

from collections.abc import Callable

from backday_analysis.datafolder.dataset import Dataset

#: Functions ``(dataset, client_id, week) -> str | None``, each giving one note or none.
NOTE_SOURCES: list[Callable[[Dataset, str, str], str | None]] = []


def client_notes(dataset: Dataset, client_id: str, week: str) -> list[str]:
    """Return every source's note on one client's data for ``week``, in source order."""
    notes = (source(dataset, client_id, week) for source in NOTE_SOURCES)
    return [note for note in notes if note]
