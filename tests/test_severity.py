"""Severity from the coach's table, and the roster's ranking: urgency, not a count."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from checkout import DATA_DIR

from backday_analysis.datafolder.severity_rules import load_severity_rules
from backday_analysis.errors import BackdayError
from backday_analysis.metrics.severity import apply_severity, attention_order, standing

HEADER = "flag,group,weeks_at_least,severity,why\n"


def flags(*rows) -> pd.DataFrame:
    """Return flags from (client, flag, group, weeks) rows."""
    return pd.DataFrame(rows, columns=["client", "flag", "group", "weeks"]).assign(
        headline="", reason="", severity="", why=""
    )


def test_the_shipped_table_ranks_new_over_seen_and_missing_over_once():
    rated = apply_severity(
        flags(
            ("a", "not_trained", "lats", 1),
            ("a", "not_trained", "lats", 2),
            ("a", "not_trained", "lats", 3),
            ("a", "under_guideline", "lats", 1),
            ("a", "under_guideline", "lats", 26),
            ("a", "week_missed", "", 5),
            ("a", "volume_drop", "", 1),
        )
    )
    assert rated["severity"].tolist() == ["high", "high", "medium", "medium", "low", "high", "high"]
    assert rated["why"].iloc[4] == "under the guideline for weeks: seen before"


def test_a_row_for_the_group_wins_and_the_largest_age_not_above_the_flags(tmp_path):
    (tmp_path / "severity.csv").write_text(
        HEADER
        + "under_guideline,,1,low,any group\n"
        + "under_guideline,lower_back,1,high,the lower back first\n"
        + "under_guideline,lower_back,4,medium,the lower back for a month\n",
        encoding="utf-8",
    )
    rules = load_severity_rules(tmp_path)
    rated = apply_severity(
        flags(
            ("a", "under_guideline", "lats", 9),
            ("a", "under_guideline", "lower_back", 3),
            ("a", "under_guideline", "lower_back", 4),
        ),
        rules,
    )
    assert rated[["severity", "why"]].values.tolist() == [
        ["low", "any group"],
        ["high", "the lower back first"],
        ["medium", "the lower back for a month"],
    ]
    # Flags the coach's table does not name keep the shipped rows.
    assert apply_severity(flags(("a", "week_missed", "", 1)), rules)["severity"].item() == "high"
    shipped = load_severity_rules(DATA_DIR)
    assert len(rules) == 3 + (shipped["flag"] != "under_guideline").sum()


def test_a_flag_without_a_row_is_one_sentence(tmp_path):
    (tmp_path / "severity.csv").write_text(HEADER + "back_behind_chest,,2,high,x\n")
    rules = load_severity_rules(tmp_path)
    with pytest.raises(BackdayError, match="no row for the flag 'back_behind_chest' at 1 week"):
        apply_severity(flags(("a", "back_behind_chest", "", 1)), rules)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not_trained,,1,urgent,x", "line 2: the severity 'urgent' is unknown"),
        ("not_trained,neck,1,high,x", "line 2: the group 'neck' is unknown"),
        ("not_trained,,0,high,x", "line 2: weeks_at_least '0' is not a whole number"),
        ("not_trained,,1,high,", "line 2: the why is empty"),
    ],
)
def test_a_bad_severity_table_names_its_line(tmp_path: Path, line, message):
    (tmp_path / "severity.csv").write_text(HEADER + line + "\n", encoding="utf-8")
    with pytest.raises(BackdayError, match=message):
        load_severity_rules(tmp_path)


def test_clients_rank_by_severity_then_newness_then_count():
    rated = pd.DataFrame(
        {
            "client": ["dev", "dev", "dev", "ben", "ava", "cy", "cy", "fay", "fay"],
            "severity": ["medium"] * 3 + ["high", "medium", "high", "low", "high", "high"],
            "weeks": [26, 26, 26, 1, 2, 3, 1, 1, 1],
            "flag": "f",
            "group": "",
            "headline": "",
            "reason": "",
            "why": "",
        }
    )
    # High first: fay and ben new this week (fay has two high flags), cy 3 weeks; then
    # medium: ava for 2 weeks before dev's chronic three. Eli has no flag.
    assert attention_order(rated, ["eli", "dev", "cy", "ben", "ava", "fay"]) == [
        "fay", "ben", "cy", "ava", "dev", "eli"
    ]  # fmt: skip
    top = standing(rated).set_index("client")
    assert top.loc["cy", ["severity", "weeks", "count", "flags"]].tolist() == ["high", 3, 1, 2]
    assert top.loc["dev", ["count", "flags"]].tolist() == [3, 3]


def test_on_equal_urgency_more_flags_rank_first_then_the_client_id():
    rated = pd.DataFrame(
        {
            "client": ["bo", "ava", "ava", "cy", "cy"],
            "severity": ["high", "high", "low", "high", "low"],
            "weeks": [1, 1, 2, 1, 4],
            "flag": "f",
            "group": "",
            "headline": "",
            "reason": "",
            "why": "",
        }
    )
    # One high flag each, new this week; ava and cy have a second (low) flag, bo none; ava
    # before cy by id.
    table = standing(rated)
    assert table["client"].tolist() == ["ava", "cy", "bo"]
    assert list(table.columns) == [
        "client", "severity", "weeks", "count", "flags", "flag", "group", "headline",
        "reason", "why", "_rank",
    ]  # fmt: skip
    assert list(table.index) == [0, 1, 2]


def test_a_data_folder_without_its_own_table_has_the_shipped_one(tmp_path):
    shipped = load_severity_rules(DATA_DIR)
    assert len(shipped) > 10
    pd.testing.assert_frame_equal(load_severity_rules(tmp_path), shipped)
