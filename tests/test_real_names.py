"""Real exercise names, as apps and gyms write them, get their primary group credited 1.

``fixtures/real_exercise_names.csv`` holds 191 names written for this test from how Strong,
Hevy, FitNotes, Fitbod and gym programmes name movements, across every muscle group, each with
the group a coach would call its primary mover. None of them is in the shared reference lists
or sample exports the rules were checked against. At least 95 % must credit their group 1.
"""

from __future__ import annotations

from pathlib import Path

import checkout
import pandas as pd
import pytest

from backday_analysis import GROUPS, paths
from backday_analysis.datafolder.catalogue import load_catalogue
from backday_analysis.importers.names import name_index, resolution_table

NAMES = Path(__file__).resolve().parent / "fixtures" / "real_exercise_names.csv"


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    names = pd.read_csv(NAMES, dtype=str, keep_default_na=False)
    catalogue = load_catalogue(paths.catalogue_path(checkout.DATA_DIR))
    resolved = resolution_table(names["name"], name_index(catalogue))
    credits = catalogue.set_index("exercise_id").loc[:, list(GROUPS)]
    names["credit"] = [
        credits.at[e, g] if e in credits.index else 0.0
        for e, g in zip(resolved["exercise_id"], names["primary_group"], strict=True)
    ]
    return names


def test_the_list_is_long_and_covers_every_group(table):
    assert len(table) > 150 and table["name"].is_unique
    assert set(table["primary_group"]) == set(GROUPS)


def test_at_least_95_percent_credit_their_primary_group_1(table):
    missed = table.loc[table["credit"] != 1.0, ["name", "primary_group"]]
    share = 1 - len(missed) / len(table)
    assert share >= 0.95, f"{share:.1%}: {missed.values.tolist()}"
