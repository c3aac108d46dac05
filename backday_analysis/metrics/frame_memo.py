"""Remember what was worked out from a table for as long as that same table object lives.

Reports ask the same questions of the catalogue and the rule table many times (which ids
are a deadlift, which row is a rule's): the answers are kept per table object, and dropped
when it is. The tables asked about are read once and never changed in place.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from typing import Any

import pandas as pd

_MEMO: dict[tuple[int, Hashable], tuple[weakref.ref, Any]] = {}


def memo(frame: pd.DataFrame, key: Hashable, compute: Callable[[], Any]) -> Any:
    """Return ``compute()`` for ``frame`` and ``key``, worked out once per table object."""
    slot = (id(frame), key)
    hit = _MEMO.get(slot)
    if hit is not None and hit[0]() is frame:
        return hit[1]
    value = compute()
    _MEMO[slot] = (weakref.ref(frame, lambda _, slot=slot: _MEMO.pop(slot, None)), value)
    return value
