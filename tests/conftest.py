"""Shared fixtures: small data folders copied to a temporary place for each test.

The package's modules are imported in the fixtures that use them: with pytest-xdist the
controlling process loads this file too, and runs no test that needs pandas or matplotlib.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import checkout
import pytest

from backday_analysis import paths

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = dt.date(2027, 6, 1)


@pytest.fixture(scope="session", autouse=True)
def today():
    """Pin today's date (``$BACKDAY_TODAY``, read by kernels too) after every test week.

    The fixture and demo weeks run to 2027-W03; a real date before that would refuse them
    as the future. A test of the clock sets its own.
    """
    from backday_analysis.clock import TODAY_ENV

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(TODAY_ENV, TODAY.isoformat())
        yield TODAY


@pytest.fixture
def fixture_data(tmp_path: Path) -> Path:
    """Return a copy of the hand-counted fixture data folder."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", target)
    return target


@pytest.fixture(scope="session")
def fixture_dataset(tmp_path_factory: pytest.TempPathFactory):
    """Return the fixture data folder loaded once, today pinned: read it, change nothing.

    A test that changes the folder or the tables loads its own copy of ``fixture_data``.
    """
    from backday_analysis.datafolder.dataset import load_dataset

    target = tmp_path_factory.mktemp("fixture") / "data"
    shutil.copytree(FIXTURES / "data", target)
    return load_dataset(target, today=TODAY)


@pytest.fixture(scope="session")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a data folder with the demo roster as canonical logs and the real catalogue."""
    from backday_analysis.demo.generate import write_canonical_demo

    target = tmp_path_factory.mktemp("demo") / "data"
    target.mkdir()
    for name in ("catalogue.csv", "config.toml"):
        shutil.copy(checkout.DATA_DIR / name, target / name)
    write_canonical_demo(target)
    return target


class Handle:
    """Stands in for IPython's DisplayHandle: records what each output shows."""

    def __init__(self, shown):
        self.shown = [shown]

    def update(self, obj):
        self.shown.append(obj)


@pytest.fixture
def recorded(monkeypatch):
    """Record what the notebook controls display, in order, instead of showing it."""
    from backday_analysis.views import controls

    monkeypatch.setattr(controls, "LIVE", {})
    shown = []

    def fake_display(obj, display_id=None):
        shown.append(obj)
        return Handle(obj) if display_id else None

    monkeypatch.setattr(controls, "display", fake_display)
    return shown


@pytest.fixture(scope="session")
def catalogue():
    """Return the shipped catalogue, validated by the loader (a test that changes it copies it)."""
    from backday_analysis.datafolder.catalogue import load_catalogue

    return load_catalogue(paths.catalogue_path(checkout.DATA_DIR))


@pytest.fixture(scope="session")
def index(catalogue):
    """Return the name index of the shipped catalogue."""
    from backday_analysis.importers.names import name_index

    return name_index(catalogue)
