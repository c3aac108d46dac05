"""A data folder's reference files are read once per process, and again when one changes."""

from __future__ import annotations

import os
from dataclasses import replace

from backday_analysis.datafolder.dataset import load_dataset
from backday_analysis.importers.names import name_index


def test_a_changed_roster_is_read_again(fixture_data):
    first = load_dataset(fixture_data, clients=["ana"])
    assert first.client_name("ana") == "Ana Example"
    # A caller changing its frames does not change what the next caller gets.
    first.roster.loc[:, "name"] = "Changed in memory"
    assert load_dataset(fixture_data, clients=["ana"]).client_name("ana") == "Ana Example"
    roster = fixture_data / "roster.csv"
    stamp = roster.stat().st_mtime_ns
    roster.write_text(roster.read_text().replace("Ana Example", "Ana Renamed"))
    os.utime(roster, ns=(stamp + 1_000_000, stamp + 1_000_000))
    assert load_dataset(fixture_data, clients=["ana"]).client_name("ana") == "Ana Renamed"


def test_a_new_alias_file_is_read(fixture_data):
    before = load_dataset(fixture_data, clients=["ana"])
    assert before.aliases.empty
    name = before.catalogue["exercise_id"].iloc[0]
    (fixture_data / "aliases.csv").write_text(f"alias,exercise_id\nMy special pull,{name}\n")
    after = load_dataset(fixture_data, clients=["ana"])
    assert list(after.aliases["exercise_id"]) == [name]


def test_the_data_checks_read_names_with_the_index_the_sets_were_read_with(fixture_data):
    data = load_dataset(fixture_data)
    fresh = name_index(data.catalogue, data.aliases, data.name_rules)
    assert dict(data.names()) == dict(fresh) and data.names().how == fresh.how
    assert data.names().spellings == fresh.spellings
    # A dataset made without one (tests, the roster's people) builds the same index.
    made = replace(data, name_lookup=None)
    assert dict(made.names()) == dict(fresh) and made.names() is made.names()


def test_the_rule_tables_are_read_once_and_again_when_one_is_added_or_changed(fixture_data):
    from backday_analysis.resources import default_file

    first = load_dataset(fixture_data, clients=["ana"])
    assert first.advice_rules.loc[0, "sets"] == 3.0
    assert first.severity_rules.set_index("flag").loc["week_missed", "severity"] == "high"
    first.advice_rules.loc[0, "sets"] = 99.0  # a caller's change stays with that caller
    again = load_dataset(fixture_data, clients=["ana"])
    assert again.advice_rules.loc[0, "sets"] == 3.0
    assert again.advice_rules is not first.advice_rules
    # A coach's own tables, added after the first read, are what the next read gives.
    header = default_file("advice.csv").read_text(encoding="utf-8").splitlines()[0]
    (fixture_data / "advice.csv").write_text(
        f"{header}\ntwice_a_week,lats,,4,10-12,,,a coach's own\n", encoding="utf-8"
    )
    after = load_dataset(fixture_data, clients=["ana"])
    assert after.advice_rules.loc[0, "sets"] == 4.0
    (fixture_data / "severity.csv").write_text(
        "flag,group,weeks_at_least,severity,why\nweek_missed,,1,low,a coach's own\n",
        encoding="utf-8",
    )
    after = load_dataset(fixture_data, clients=["ana"])
    assert after.severity_rules.set_index("flag").loc["week_missed", "severity"] == "low"
