"""An import's summary: every row accounted for once, and the few lines a coach reads.

The assertions read the numbers, not the wording (which may change).
"""

from __future__ import annotations

import re

from backday_analysis.datafolder.import_summary import ImportSummary, format_summary


def summary(**changes) -> ImportSummary:
    # 20 rows: 10 sets imported, 2 already in the log, 1 not a set, 7 rejected.
    base = dict(
        file="export.csv",
        format="strong",
        dialect="comma",
        rows_read=20,
        sets_imported=10,
        duplicates_skipped=2,
        non_set_rows=1,
        rejected=[{"line": n, "reason": f"bad {n}"} for n in range(2, 9)],
        unknown_exercises=[
            {"name": f"Odd {i}", "sets": 1, "working_sets": 1, "suggestions": []} for i in range(6)
        ],
        exercises=[{"name": "x", "working_sets": 18}, {"name": "y", "working_sets": 6}],
        first_date="2027-01-04",
        last_date="2027-01-10",
        non_set_reasons={"a timed entry": 1},
    )
    return ImportSummary(**{**base, **changes})


def numbers(line: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", line)]


def test_balanced_only_when_every_row_is_counted_once():
    assert summary().balanced  # 10 + 2 + 1 + 7 = 20
    assert not summary(rows_read=21).balanced
    assert not summary(rows_read=19).balanced


def test_the_lines_show_counts_and_cut_long_lists_at_five():
    lines = format_summary(summary()).splitlines()
    assert "2027-01-04 to 2027-01-10" in lines[0] and "dry run" not in lines[0]
    assert numbers(lines[1]) == [20, 10, 2, 1, 7]
    rejected = [line for line in lines if re.search(r"line \d+: bad", line)]
    assert [numbers(line)[0] for line in rejected] == [2, 3, 4, 5, 6]  # 5 of the 7 shown
    assert any(numbers(line) == [2] and "more" in line for line in lines)  # 7 - 5 more
    # 6 unknown names with 6 of 24 working sets: 25 %; five named, "1 more".
    [unknown] = [line for line in lines if "%" in line]
    assert numbers(unknown)[:2] == [6, 25]
    named = [line for line in lines if re.match(r"\s+Odd \d", line)]
    assert len(named) == 5
    assert any(numbers(line) == [1] and "more" in line for line in lines)


def test_short_lists_are_shown_whole_and_a_dry_run_says_so():
    short = summary(rejected=[{"line": 4, "reason": "bad 4"}] * 5, unknown_exercises=[])
    short.dry_run = True
    lines = format_summary(short).splitlines()
    assert "dry run" in lines[0]
    assert sum("bad 4" in line for line in lines) == 5
    assert not any("more" in line for line in lines)
    assert not any("%" in line for line in lines)


def test_no_dates_no_dry_run_and_exactly_five_unknown_names():
    five = [
        {"name": f"Odd {i}", "sets": 1, "working_sets": 1, "suggestions": []} for i in range(4)
    ] + [{"name": "Pullup", "sets": 2, "working_sets": 2, "suggestions": ["Pull-up", "Chin-up"]}]
    lines = format_summary(
        summary(first_date=None, unknown_exercises=five, rejected=[])
    ).splitlines()
    assert lines[0].endswith("(comma)")  # no date span, not a dry run
    named = [line for line in lines if re.match(r"\s+(Odd \d|Pullup)", line)]
    assert len(named) == 5 and not any("more" in line for line in lines)
    assert named[0].rstrip().endswith("sets)")  # no suggestions, no hint
    assert "Pull-up" in named[4] and "Chin-up" in named[4]
