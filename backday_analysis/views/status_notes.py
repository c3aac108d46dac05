"""Notes about a client's data that a page shows beside the numbers: where they came from.

A client's weekly page shows them under its title, the roster in its ``Note`` column. The
"no log yet" note is the pages' own; a data source adds its own note through a function in
:data:`NOTE_SOURCES` (the Hevy sync: its time, and whether it failed or is stale).
"""

from __future__ import annotations

from collections.abc import Callable

from backday_analysis.datafolder.dataset import Dataset
from backday_analysis.views.sync_status import sync_note

#: Functions ``(dataset, client_id, week, brief) -> str | None``, each giving one note or
#: none; ``brief`` asks for the roster's note, which says only what needs attention.
NOTE_SOURCES: list[Callable[[Dataset, str, str, bool], str | None]] = [sync_note]


def client_notes(dataset: Dataset, client_id: str, week: str, brief: bool = False) -> list[str]:
    """Return every source's note on one client's data for ``week``, in source order."""
    notes = (source(dataset, client_id, week, brief) for source in NOTE_SOURCES)
    return [note for note in notes if note]
