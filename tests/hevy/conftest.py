"""Fixtures for the Hevy tests: the fake Hevy with Mia's account, and a data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from hevy_clients import add_mia, make_folder
from hevy_server import FakeHevy

from backday_analysis.importers.hevy_api import BASE_URL_ENV


@pytest.fixture(autouse=True)
def no_internet(monkeypatch):
    """Point every Hevy request of a test at a closed local port, unless it uses ``hevy``."""
    monkeypatch.setenv(BASE_URL_ENV, "http://127.0.0.1:9")


@pytest.fixture
def hevy(monkeypatch, no_internet):
    """Return the fake Hevy with Mia's account; ``BACKDAY_HEVY_API`` points at it."""
    server = FakeHevy()
    add_mia(server)
    monkeypatch.setenv(BASE_URL_ENV, server.url)
    yield server
    server.stop()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Return a data folder with the shipped catalogue and rules, and Mia and Leo in the roster."""
    return make_folder(tmp_path)
