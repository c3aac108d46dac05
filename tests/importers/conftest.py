"""Fixtures for the importer tests: a fresh copy of the small data folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import FIXTURES


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """Return a copy of the small fixture data folder (catalogue, roster, config, logs)."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", target)
    return target
