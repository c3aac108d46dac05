"""Helpers for the importer tests: where the hand-written exports are, and readers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from backday_analysis.importers.detect import read_export
from backday_analysis.importers.rows import ImportContext, Parsed

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXPORTS = FIXTURES / "exports"
TODAY = dt.date(2027, 6, 1)


def read(name: str, unit: str | None = "kg", timezone: str = "Europe/Amsterdam") -> Parsed:
    """Read one fixture export for a client 'x'."""
    return read_export(EXPORTS / name, ImportContext("x", unit, timezone))


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    """Write an export made up in a test and return its path."""
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def balanced(parsed: Parsed) -> bool:
    """Whether every row of a parsed export is a set, a non-set row or rejected."""
    return parsed.rows_read == len(parsed.sets) + len(parsed.non_sets) + len(parsed.rejected)
