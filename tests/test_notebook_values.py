"""What each notebook shows, read back from a real papermill run on the fixture data folder.

A kernel cannot be told today's date, and the fixture log is dated in late 2026 and 2027, so
its dates are moved back 364 days (52 weeks, same weekdays): the fixture client Ana (her sets
are listed in tests/test_weekly.py) then trains in 2025-W52 (Mon 22 Dec 2025) and 2026-W01
(Mon 29 Dec 2025 to Sun 4 Jan 2026: an ISO week 1 that starts in December). Worked out by
hand with the credits (lats, traps, rhomboids, lower back, biceps):

- 2025-W52: 2 deadlifts 100 × 5 (.5, .5, .5, 1, -), a pull-up at 60 kg bodyweight × 8
  (1, -, .5, -, .5): lats 2, traps 1, rhomboids 1.5, lower back 2, biceps .5; one day each.
- 2026-W01: lat pulldown 50 × 10 (1, -, .5, -, .5), wide cable row 40 × 12 (.5, .5, 1, -, -) on
  Monday; assisted pull-up (60 - 20) × 6 (1, -, .5, -, .5) and a shrug failure set 30 × 10
  (-, 1, -, -, -) on Sunday: lats 2.5, traps 1.5, rhomboids 2, lower back 0, biceps 1.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from backday_analysis.rendering.report import ROSTER_NOTEBOOK, WEEKLY_NOTEBOOK, execute, to_html

pytestmark = pytest.mark.kernel

BALANCE_NOTEBOOK = WEEKLY_NOTEBOOK.with_name("back_balance.ipynb")
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "data"


class Tables(HTMLParser):
    """Collect every table of a page as rows of ``(text, class)`` cells."""

    def __init__(self):
        super().__init__()
        self.tables, self.cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = ["", dict(attrs).get("class", "")]

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[0] += data

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1].append((self.cell[0].strip(), self.cell[1]))
            self.cell = None


def shown_html(executed) -> str:
    return "\n".join(
        o.get("data", {}).get("text/html", "") for c in executed.cells for o in c.get("outputs", [])
    )


def tables(page: str) -> list[list[list[str]]]:
    parser = Tables()
    parser.feed(page)
    return [[[text for text, _ in row] for row in table] for table in parser.tables]


def by_first_column(table) -> dict[str, list[str]]:
    return {row[0]: row[1:] for row in table[1:]}


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    target = tmp_path_factory.mktemp("nb") / "data"
    shutil.copytree(FIXTURES, target)
    log = target / "logs" / "ana.csv"
    log.write_text(re.sub(r"\d{4}-\d\d-\d\d", earlier, log.read_text("utf-8")), "utf-8")
    return target


def earlier(match: re.Match) -> str:
    try:
        return str(dt.date.fromisoformat(match[0]) - dt.timedelta(days=364))
    except ValueError:  # the fixture's impossible date stays a reject
        return match[0]


@pytest.fixture(scope="module")
def weekly(data):
    # No data_dir: the kernel finds the folder through $BACKDAY_DATA.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BACKDAY_DATA", str(data))
        parameters = {"client": "ana", "week": "2026-W01", "weeks_of_history": 2}
        return execute(WEEKLY_NOTEBOOK, {**parameters, "data_dir": ""})


def test_weekly_report_summary_by_hand(weekly):
    heading = re.search(r"<h2>([^<]*)</h2>", shown_html(weekly))[1]
    assert heading.endswith("week 2026-W01 (29 Dec 2025 to 04 Jan 2026)")
    summary = by_first_column(tables(shown_html(weekly))[0])
    # Training days, fractional sets, direct sets, tonnage (kg), guideline, share of the
    # back's 2.5 + 1.5 + 2 + 0 = 6 fractional sets.
    assert summary == {
        "Lats": ["2", "2.5", "2", "1220", "✓ met", "42 %"],  # 500 + 480 + 40 × 6; 2.5 / 6
        "Trapezius": ["2", "1.5", "1", "780", "✓ met", "25 %"],  # 480 + 300; 1.5 / 6
        "Rhomboids": ["2", "2", "1", "1220", "✓ met", "33 %"],  # 2 / 6
        "Lower back": ["0", "0", "0", "0", "✗ not met", "0 %"],
        "Biceps": ["2", "1", "0", "740", "✓ met", ""],  # not a back group
    }


def test_weekly_report_flags_exercises_and_data_checks(weekly):
    page = shown_html(weekly)
    found = tables(page)
    # Lower back not trained (high, new), low volume (medium), no biceps work (low).
    assert [row[0] for row in found[1][1:]] == ["high", "medium", "low"]
    plan = found[2][1:]  # "Next week": day, plan, the numbers, the rule
    assert plan[0][0] == "Whole week" and plan[0][1] == "Add 6 sets of lat pulldown (to chest)."
    assert plan[0][2].startswith("Whole back: 4 working sets this week, under the minimum")
    # The back against the rest. W01: pulldown 1, wide row 1, assisted pull-up 1, shrug 1
    # (the mystery row credits nothing): 4 working sets, each a back set at 1. W52 (her
    # only other week of the last four): deadlift 2, pull-up 1. No pushes in either.
    assert found[3][1:] == [
        ["This week (2026-W01)", "4", "4", "100 %", "1 : 0 (no push)", "2 : 0 (no push)"],
        ["2 weeks to 2026-W01", "7", "7", "100 %", "1 : 0 (no push)", "3 : 0 (no push)"],
    ]
    # Groups × weeks: W52 one day (Monday: deadlift, pull-up) for the back; W01 two days
    # (Monday, Sunday) for the lats, none for the lower back; the chest none in either.
    grid = {row[0]: row[1] for row in found[4][1:]}
    assert grid["Lats"] == "✗1\t ✓2" and grid["Lower back"] == "✗1\t ✗0"
    assert grid["Chest"] == "✗0\t ✗0" and len(grid) == 16
    exercises = [row for row in found[5][1:]]
    assert exercises[0] == ["Mon 29 Dec", "Lat pulldown (to chest)", "1", "10", "50", ""]
    # Logged as 20 kg of assistance; the effective load is 60 kg bodyweight - 20 kg.
    assert exercises[2] == [
        "Sun 04 Jan", "Assisted pull-up (machine)", "1", "6", "assistance 20", "40"
    ]  # fmt: skip
    assert exercises[-1][1] == "Mystery Machine Row (not in catalogue)"
    sentence = re.search(r"<p>(The log has[^<]*)</p>", page)[1]
    assert re.findall(r"\d+", sentence) == ["14", "12", "2", "1"]
    assert [row[0] for row in found[6][1:]] == ["14", "15"]  # rows left out


def test_roster_page_colours_a_met_and_an_unmet_cell(data):
    executed = execute(ROSTER_NOTEBOOK, {"week": "2026-W01", "data_dir": str(data)})
    page = to_html(executed, "Roster", "Generated at test")
    parser = Tables()
    parser.feed(page)
    rows = {row[1][0]: row[2:] for row in parser.tables[0][1:]}
    assert rows["Ana Example"][0] == ("✓ 2 d", "met")  # lats
    assert rows["Ana Example"][3] == ("✗ 0 d", "unmet")  # lower back
    assert rows["Ben Example"][0] == ("—", "")  # no sets: no log yet, not a week of zeros
    colour = dict(re.findall(r"td\.(met|unmet) \{ background: #(\w{6})", page))
    red, green = (int(colour["met"][i : i + 2], 16) for i in (0, 2))
    assert green > red  # met is green
    red, green = (int(colour["unmet"][i : i + 2], 16) for i in (0, 2))
    assert red > green  # unmet is red


def test_back_balance_summary_by_hand(data):
    parameters = {"client": "ana", "start": "2025-12-22", "end": "2026-01-04"}
    executed = execute(BALANCE_NOTEBOOK, {**parameters, "data_dir": str(data)})
    summary = by_first_column(tables(shown_html(executed))[0])
    # Sets a week (two weeks), share of the 12.5 back sets, days a week, weeks at 2 days.
    assert summary == {
        "Lats": ["2.2", "36%", "1.5", "1 of 2"],  # (2 + 2.5) / 2 = 2.25, 4.5 / 12.5
        "Trapezius": ["1.2", "20%", "1.5", "1 of 2"],  # 1.25; 2.5 / 12.5
        "Rhomboids": ["1.8", "28%", "1.5", "1 of 2"],  # 1.75; 3.5 / 12.5
        "Lower back": ["1", "16%", "0.5", "0 of 2"],  # 2 / 12.5
        "Biceps": ["0.8", "", "1.5", "1 of 2"],  # 0.75
    }
