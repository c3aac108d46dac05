"""The coach decides per client: mutes in client_rules.csv, checked, applied and listed.

A weightlifter snatches and cleans before anything else. Here the demo's Ben plays them:
his deadlift comes after bench press every week (deadlift_not_first), and he gets curls
after back (biceps_pairing). His coach mutes both, with reasons.
"""

from __future__ import annotations

import shutil

import pytest

from backday_analysis.datafolder.client_rules import load_client_rules
from backday_analysis.datafolder.dataset import load_dataset
from backday_analysis.errors import BackdayError
from backday_analysis.views import client_flags, next_week
from backday_analysis.views import client_week as cw

HEADER = "client_id,rule,group,reason,until\n"


@pytest.fixture
def folder(demo_data, tmp_path):
    target = tmp_path / "data"
    shutil.copytree(demo_data, target)
    return target


def with_rules(folder, text: str):
    (folder / "client_rules.csv").write_text(HEADER + text, encoding="utf-8")
    return load_dataset(folder, clients=["ben"])


def test_muted_flags_and_advice_leave_the_page_and_are_listed_in_one_line(folder):
    data = with_rules(
        folder,
        "ben,deadlift_not_first,,snatches and cleans come first,2026-12-31\n"
        "ben,biceps_pairing,,curls on his arm day,\n"
        "ben,group_imbalance,lats,no imbalance yet,\n",
    )
    report = cw.client_week("ben", "2026-W47", dataset=data)
    reasons = " ".join(client_flags.flags_table(report)["Needs attention"])
    assert "deadlift came after" not in reasons and "biceps" in reasons  # the flag stays
    plan = " ".join(next_week.client_advice(report)["Next week"])
    assert "bicep curl" not in plan and "Deadlift first" in plan  # the advice rule stays
    assert client_flags.muted_line(report) == (
        "Muted by the coach: deadlift not first (“snatches and cleans come first”, until 31 "
        "Dec 2026; hid 1 item this week) · biceps pairing (“curls on his arm day”; hid 1 item "
        "this week) · group imbalance, lats (“no imbalance yet”; nothing to hide this week)."
    )


def test_a_mute_past_its_last_day_holds_no_more(folder):
    data = with_rules(folder, "ben,deadlift_not_first,,a block of snatches,2026-11-15\n")
    # 2026-W46 begins on Mon 9 Nov, before the last day; 2026-W47 on Mon 16 Nov, after it.
    w46 = cw.client_week("ben", "2026-W46", dataset=data)
    w47 = cw.client_week("ben", "2026-W47", dataset=data)
    assert "deadlift came after" not in " ".join(client_flags.flags_table(w46)["Needs attention"])
    assert "deadlift came after" in " ".join(client_flags.flags_table(w47)["Needs attention"])
    assert client_flags.muted_line(w47) == ""


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("zed,deadlift_not_first,,x,", "line 2: the client 'zed' is not in the roster"),
        ("ben,deadlift_last,,x,", "line 2: the rule 'deadlift_last' is unknown; use a flag or"),
        ("ben,not_trained,neck,x,", "line 2: the group 'neck' is unknown"),
        ("ben,not_trained,,,", "line 2: the reason is empty"),
        ("ben,not_trained,,x,31/12/2026", "line 2: the until '31/12/2026' is not a date"),
    ],
)
def test_a_bad_mute_is_one_sentence_with_its_line(folder, line, message):
    with pytest.raises(BackdayError, match=message):
        with_rules(folder, line + "\n")


def test_a_folder_without_mutes_has_an_empty_table_of_the_columns(tmp_path):
    table = load_client_rules(tmp_path, ["ben"], ["biceps_pairing"])
    assert table.empty
    assert list(table.columns) == ["client_id", "rule", "group", "reason", "until", "file", "line"]
    assert table.dtypes.astype(str).tolist() == ["str"] * 4 + ["object", "str", "int64"]
