"""The explorer's next-week table: the explorer's client, last week and mutes, in process.

The demo's Ben (``write_canonical_demo``) gets, for 2026-W47, a whole-week line, a Monday and
a Thursday line, and a Wednesday line with the deadlift first (see ``tests/test_advice.py``).
"""

from __future__ import annotations

import shutil

import pytest

from backday_analysis.datafolder.dataset import load_dataset
from backday_analysis.views.balance_explorer import balance_explorer
from backday_analysis.views.client_week import client_week
from backday_analysis.views.next_week import PLAN_COLUMNS, client_advice, explorer_advice

HEADER = "client_id,rule,group,reason,until\n"


@pytest.fixture
def folder(demo_data, tmp_path):
    target = tmp_path / "data"
    shutil.copytree(demo_data, target)
    (target / "client_rules.csv").write_text(
        HEADER + "ben,biceps_pairing,,curls on his arm day,\n", encoding="utf-8"
    )
    return target


def test_the_explorer_plans_after_its_last_week_with_its_clients_sets_and_mutes(folder):
    data = load_dataset(folder)  # every client: the plan must use Ben's sets only
    explorer = balance_explorer("ben", "2026-11-09", "2026-11-22", dataset=data)
    assert explorer.flags_week == "2026-W47"
    plan = explorer_advice(explorer)
    assert list(plan.columns) == list(PLAN_COLUMNS)
    assert plan["Day"].tolist() == [
        "Whole week",
        "Monday (no back work this week)",
        "Wednesday (back work this week)",
        "Thursday (no back work this week)",
    ]
    # His own Wednesday deadlift after bench press; his coach's mute takes the curls out.
    assert plan["Next week"].iloc[2] == (
        "Deadlift first, top set at most 2.5 kg above this week's 162.5 kg; add T-bar row "
        "2 × 10–12."
    )
    assert not plan["Next week"].str.contains("bicep curl|hammer curl").any()
    # The weekly report's plan for the same client and week is the same table.
    report = client_week("ben", "2026-W47", dataset=data)
    assert client_advice(report).equals(plan)


def test_an_explorer_range_without_weeks_has_an_empty_plan(folder):
    explorer = balance_explorer("ben", "2030-01-07", "2030-01-13", dataset=load_dataset(folder))
    assert explorer.flags_week is None
    plan = explorer_advice(explorer)
    assert plan.empty and list(plan.columns) == list(PLAN_COLUMNS)
