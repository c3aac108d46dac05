"""A misspelt setting or column is refused in one sentence, never ignored for its default.

The names read are the readers' own declarations (``settings._FIELDS``, ``ROSTER_COLUMNS``,
the advice table's ``COLUMNS``), so a key or column another change declares is accepted.
"""

from __future__ import annotations

import shutil

import pytest
from checkout import DATA_DIR as DEFAULT_DATA_DIR
from command_line import backday_in_process

from backday_analysis.datafolder import settings as settings_module
from backday_analysis.datafolder.advice_rules import COLUMNS, load_advice_rules
from backday_analysis.datafolder.catalogue import load_catalogue
from backday_analysis.datafolder.roster import ROSTER_COLUMNS, load_roster
from backday_analysis.datafolder.settings import Settings, load_settings, undeclared_keys
from backday_analysis.errors import BackdayError


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("[guideline]\ndays_per_weak = 3\n", "guideline.days_per_weak"),
        ("[guideline]\ndays_per_week = 3\n[volum]\nminimum_effective = 8\n", "volum"),
        ("days_per_week = 3\n", "days_per_week"),
        ("[flags]\nimbalance_weeks = 3\n[flags.extra]\nx = 1\n", "flags.extra"),
    ],
)
def test_an_unknown_setting_is_one_sentence_naming_it_and_the_file(tmp_path, text, key):
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(BackdayError) as refused:
        load_settings(path)
    message = str(refused.value)
    assert message.startswith(f"{path}: the setting '{key}' is not one backday reads; ")
    assert message.count(". ") == 0 and message.endswith(".")


def test_the_hint_names_the_closest_key(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[guideline]\ndays_per_weak = 3\n")
    with pytest.raises(BackdayError, match=r"did you mean guideline.days_per_week\? Correct it"):
        load_settings(path)


def test_every_declared_key_is_accepted_and_a_new_declaration_is_too(tmp_path, monkeypatch):
    assert load_settings(DEFAULT_DATA_DIR / "config.toml") == Settings()
    path = tmp_path / "config.toml"
    path.write_text("[landmarks]\nlats = 8\n")
    with pytest.raises(BackdayError) as refused:
        load_settings(path)
    assert str(refused.value) == (
        f"{path}: the setting 'landmarks.lats' is not one backday reads; did you mean "
        "landmarks.lats_minimum_effective or landmarks.lats_maximum_recoverable? Correct it, or "
        "remove it."
    )
    # Another branch declares a key: the check follows the declaration, nothing else.
    monkeypatch.setitem(settings_module._FIELDS, ("landmarks", "lats"), "guideline_days")
    assert load_settings(path).guideline_days == 8


def test_undeclared_keys_walks_tables_only_where_a_declaration_leads():
    declared = {("a", "b"), ("c", "d", "e")}
    document = {"a": {"b": 1, "x": 2}, "c": {"d": {"e": 1, "f": 2}}, "g": {"b": 1}}
    assert list(undeclared_keys(document, declared)) == [("a", "x"), ("c", "d", "f"), ("g",)]


def test_an_unknown_roster_column_is_refused_and_an_empty_spreadsheet_column_is_not(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text(",".join(ROSTER_COLUMNS) + ",timzone\na,Ann,kg,60,,Europe/Paris\n")
    with pytest.raises(BackdayError) as refused:
        load_roster(path)
    assert str(refused.value).startswith(
        f"{path}, line 1: the column 'timzone' is not one backday reads; did you mean timezone?"
    )
    path.write_text(",".join(ROSTER_COLUMNS) + ",\na,Ann,kg,60,,\n")
    assert load_roster(path)["client_id"].tolist() == ["a"]


def test_an_unknown_advice_column_is_refused(tmp_path):
    path = tmp_path / "advice.csv"
    text = (DEFAULT_DATA_DIR / "advice.csv").read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    path.write_text(header.replace("why", "why,notes") + "\n" + rest.replace("\n", ",x\n"))
    catalogue = load_catalogue(DEFAULT_DATA_DIR / "catalogue.csv")
    with pytest.raises(BackdayError, match=r"advice.csv, line 1: the column 'notes' is not one"):
        load_advice_rules(path, catalogue)
    assert "notes" not in COLUMNS


@pytest.mark.parametrize(
    ("name", "edit"),
    [
        ("config.toml", lambda t: t.replace("days_per_week", "days_per_weak")),
        ("roster.csv", lambda t: t.replace("timezone", "time_zone", 1)),
        ("advice.csv", lambda t: t.replace("reps", "repetitions", 1)),
    ],
)
def test_the_command_exits_2_with_one_sentence_for_a_typo(demo_data, tmp_path, name, edit):
    folder = tmp_path / "data"
    shutil.copytree(demo_data, folder)
    source = folder / name if (folder / name).is_file() else DEFAULT_DATA_DIR / name
    (folder / name).write_text(edit(source.read_text(encoding="utf-8")), encoding="utf-8")
    done = backday_in_process("weekly", "--data", str(folder))
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {folder / name}"), done.stderr
    assert "is not one backday reads" in lines[0]
