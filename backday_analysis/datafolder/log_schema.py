"""The typed sets table of a client's log: its columns, its pandera schema, empty tables."""

from __future__ import annotations

import functools

import pandas as pd

from backday_analysis.canonical import MAX_REPS, MAX_WEIGHT_KG, SET_KINDS
from backday_analysis.imports import without

# The typed sets table every later step relies on: column -> dtype.
SET_DTYPES = {
    "client": "str",
    "performed_at": "datetime64[ns]",
    "session_id": "str",
    "exercise": "str",
    "set_number": "Int64",
    "set_kind": "str",
    "weight_kg": "float64",
    "reps": "int64",
    "rpe": "float64",
    "rir": "float64",
    "notes": "str",
    "source": "str",
    "line": "int64",
}


@functools.cache
def sets_schema():
    """Return the pandera schema of the sets table, built (and its checks loaded) on first use.

    When hypothesis is installed (the tests use it), pandera loads its data-synthesis
    strategies with it, about 0.3 s that a report pays in every new kernel; validation never
    uses them, so hypothesis is hidden from pandera while it loads. Anyone importing
    hypothesis later gets it as usual.
    """
    with without("hypothesis", importing="pandera"):
        schema = _sets_schema()
        schema.validate(empty_sets())  # loads pandera's checks now, while hypothesis is hidden
    return schema


def _sets_schema():
    import pandera.pandas as pa

    checks = {
        "set_kind": pa.Check.isin(SET_KINDS),
        "weight_kg": pa.Check.in_range(0, MAX_WEIGHT_KG),
        "reps": pa.Check.in_range(0, MAX_REPS),
        "rpe": pa.Check.in_range(0, 10),
        "rir": pa.Check.ge(0),
    }
    nullable = {"set_number", "rpe", "rir"}
    return pa.DataFrameSchema(
        {
            name: pa.Column(dtype, checks.get(name), nullable=name in nullable)
            for name, dtype in SET_DTYPES.items()
        },
        strict=True,
        ordered=True,
        coerce=True,
    )


def empty_sets() -> pd.DataFrame:
    """Return a sets table with no rows and the canonical columns and types."""
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in SET_DTYPES.items()})


def empty_rejects() -> pd.DataFrame:
    """Return a rejects table with no rows."""
    return pd.DataFrame(
        {
            "file": pd.Series(dtype="str"),
            "line": pd.Series(dtype="int64"),
            "reason": pd.Series(dtype="str"),
        }
    )
