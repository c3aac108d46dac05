"""Where the data folder comes from: the argument, else $BACKDAY_DATA, else ./data."""

from pathlib import Path

import pytest

from backday_analysis import paths
from backday_analysis.datafolder.dataset import load_dataset
from backday_analysis.errors import BackdayError


def test_backday_data_names_the_folder_when_no_argument_does(monkeypatch, fixture_data):
    monkeypatch.setenv("BACKDAY_DATA", str(fixture_data))
    assert paths.data_dir() == fixture_data.resolve()
    assert paths.data_dir("") == fixture_data.resolve()
    assert paths.find_data_dir()[1] == "$BACKDAY_DATA"
    # The fixture's roster (ana, ben), not the project's demo roster.
    assert load_dataset(None).roster["client_id"].tolist() == ["ana", "ben"]


def test_an_argument_wins_over_backday_data(monkeypatch, fixture_data, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.setenv("BACKDAY_DATA", str(other))
    assert paths.find_data_dir(fixture_data) == (fixture_data.resolve(), "--data")


def test_without_either_the_data_folder_in_the_working_directory(monkeypatch, fixture_data):
    monkeypatch.delenv("BACKDAY_DATA", raising=False)
    monkeypatch.chdir(fixture_data.parent)
    assert paths.find_data_dir() == (fixture_data.resolve(), "./data")


def test_a_notebook_in_notebooks_finds_data_beside_its_folder(monkeypatch, fixture_data):
    """Papermill and nbval run a notebook in its own folder: notebooks/ beside data/."""
    monkeypatch.delenv("BACKDAY_DATA", raising=False)
    notebooks = fixture_data.parent / "notebooks"
    notebooks.mkdir()
    monkeypatch.chdir(notebooks)
    assert paths.find_data_dir() == (fixture_data.resolve(), "../data")
    # Only a folder named notebooks looks beside itself.
    elsewhere = fixture_data.parent / "reports"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    with pytest.raises(BackdayError):
        paths.find_data_dir()


def test_no_folder_named_or_found_is_one_sentence_even_inside_the_checkout(monkeypatch, tmp_path):
    """The package's own location (a checkout with data/) never stands in for a data folder."""
    monkeypatch.delenv("BACKDAY_DATA", raising=False)
    monkeypatch.chdir(tmp_path)
    assert (Path(__file__).resolve().parent.parent / "data").is_dir()
    with pytest.raises(BackdayError) as caught:
        paths.data_dir()
    message = str(caught.value)
    assert message.startswith("no data folder: none was named (--data or BACKDAY_DATA)")
    assert str(tmp_path) in message and "backday init" in message and "\n" not in message


def test_backday_data_at_a_missing_folder_is_one_sentence(monkeypatch, tmp_path):
    monkeypatch.setenv("BACKDAY_DATA", str(tmp_path / "nowhere"))
    with pytest.raises(BackdayError, match="nowhere: the data folder does not exist") as caught:
        paths.data_dir()
    assert "BACKDAY_DATA" in str(caught.value) and "\n" not in str(caught.value)
