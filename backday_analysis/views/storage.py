"""How the frames a report page makes store their text."""

from __future__ import annotations

import functools

import pandas as pd


def python_strings(function):
    """Return ``function`` made to keep the strings of the text columns it makes in NumPy.

    pandas 3 stores a ``str`` column in an Arrow array by default. One client's page is
    hundreds of small operations on a few thousand rows (takes, joins, group keys,
    comparisons), and each call into Arrow costs more than the work: the same pages cost
    a tenth to a fifth less CPU with the strings in NumPy object arrays. The dtype is the same
    ``str``, with the same values, order and missing values; only the storage differs, and
    only for the frames a page makes. Large tables keep Arrow: a client's log as it is read
    (64,000 rows for ten years), the store, the Dask and 10-million-set weekly tables.
    """

    @functools.wraps(function)
    def with_python_strings(*args, **kwargs):
        with pd.option_context("mode.string_storage", "python"):
            return function(*args, **kwargs)

    return with_python_strings
