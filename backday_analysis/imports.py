"""Import heavy libraries without optional modules they would load for nothing."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def without(optional: str, importing: str) -> Iterator[None]:
    """Make ``import optional`` fail while ``importing`` loads, if neither is loaded yet.

    Some libraries load an optional module when it is installed only to offer features this
    project never uses, at a cost every new process pays. Hidden during their import, it is
    skipped; anyone importing it afterwards gets it as usual.
    """
    hide = optional not in sys.modules and importing not in sys.modules
    if hide:
        sys.modules[optional] = None  # a None entry makes the import raise ImportError
    try:
        yield
    finally:
        if hide:
            del sys.modules[optional]
