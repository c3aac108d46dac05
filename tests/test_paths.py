"""Where the data folder comes from: the argument, else $BACKDAY_DATA, else data/."""

from pathlib import Path

import pytest

from backday_analysis import paths
from backday_analysis.datafolder.dataset import load_dataset
from backday_analysis.errors import BackdayError


def test_backday_data_names_the_folder_when_no_argument_does(monkeypatch, fixture_data):
    monkeypatch.setenv("BACKDAY_DATA", str(fixture_data))
    assert paths.data_dir() == fixture_data.resolve()
    assert paths.data_dir("") == fixture_data.resolve()
    # The fixture's roster (ana, ben), not the project's demo roster.
    assert load_dataset(None).roster["client_id"].tolist() == ["ana", "ben"]


def test_an_argument_wins_over_backday_data(monkeypatch, fixture_data, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.setenv("BACKDAY_DATA", str(other))
    assert paths.data_dir(fixture_data) == fixture_data.resolve()


def test_without_backday_data_the_projects_data_folder(monkeypatch):
    monkeypatch.delenv("BACKDAY_DATA", raising=False)
    assert paths.data_dir() == Path(paths.PROJECT_ROOT, "data").resolve()


def test_backday_data_at_a_missing_folder_is_one_sentence(monkeypatch, tmp_path):
    monkeypatch.setenv("BACKDAY_DATA", str(tmp_path / "nowhere"))
    with pytest.raises(BackdayError, match="nowhere: the data folder does not exist") as caught:
        paths.data_dir()
    assert "BACKDAY_DATA" in str(caught.value) and "\n" not in str(caught.value)
