"""The same look in JupyterLab as in the reports: tables, charts, the client's unit, the CLI.

Numbers worked out by hand: 225 lb is 102.058 kg (× 0.45359237), so two sets of 5 at 225 lb
are 1020.6 kg of tonnage, shown back as 2 × 5 × 225 = 2250 lb.
"""

from __future__ import annotations

import json
import os
import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from command_line import backday_in_process
from matplotlib.text import Text

from backday_analysis import BACK_GROUPS
from backday_analysis.charts import balance as bf
from backday_analysis.charts import body as body_charts
from backday_analysis.charts import weekly as wf
from backday_analysis.datafolder.settings import Settings
from backday_analysis.metrics.deadlift_flags import deadlift_jump
from backday_analysis.rendering.pages import TEMPLATES_DIR
from backday_analysis.views import balance_explorer as be
from backday_analysis.views import client_flags, display
from backday_analysis.views import client_week as cw

# Weeks 2026-W45 (Mon 2 Nov) and 2026-W46 (Mon 9 Nov), in the past so no set is rejected.
BEN_LOG = (
    "client,performed_at,session_id,exercise,set_number,set_kind,weight,unit,reps,rpe,rir,"
    "notes,source\n"
    "ben,2026-11-02 09:00,b1,Deadlift (Barbell),1,working,185,lb,5,,,,\n"
    "ben,2026-11-09 09:00,b2,Deadlift (Barbell),1,warmup,135,lb,5,,,,\n"
    "ben,2026-11-09 09:00,b2,Deadlift (Barbell),2,working,225,lb,5,,,,\n"
    "ben,2026-11-09 09:00,b2,Deadlift (Barbell),3,working,225,lb,5,,,,\n"
)


@pytest.fixture
def ben_week(fixture_data):
    (fixture_data / "logs" / "ben.csv").write_text(BEN_LOG)
    return cw.client_week("Ben Example", "2026-W46", str(fixture_data))


# ------------------------------------------------------------------ the client's unit


def test_a_pound_client_sees_tonnage_and_loads_in_pounds(ben_week):
    assert ben_week.client_id == "ben" and ben_week.unit == "lb"
    summary = cw.summary_table(ben_week).set_index("Muscle group")
    assert summary.at["Lower back", "Tonnage (lb)"] == 2250
    exercises = cw.exercises_table(ben_week)
    assert exercises["Load as logged (lb)"].tolist() == ["225 / 225"]
    # The weekly table itself stays in kg, as `backday weekly` prints it.
    lower = ben_week.this_week.set_index("group").at["lower_back", "tonnage_kg"]
    assert lower == pytest.approx(1020.6)


def test_the_deadlift_jump_is_told_in_the_clients_unit(ben_week):
    reasons = client_flags.flags_table(ben_week)["Needs attention"].tolist()
    # 185 -> 225 lb is +21.6 %; the sentence keeps the client's own numbers.
    assert reasons[0] == (
        "Barbell deadlift: the top set went from 185 lb last week to 225 lb this week "
        "(+21.6 %), over the 10 % a week limit; build the load up slowly."
    )


def test_deadlift_jump_without_units_stays_in_kg(ben_week):
    flags = deadlift_jump(ben_week.sets, ben_week.dataset.catalogue, Settings(), "2026-W46")
    assert "from 83.9 kg last week to 102.1 kg this week" in flags["reason"].iloc[0]


def test_the_one_rep_max_chart_is_in_the_clients_unit(fixture_data):
    (fixture_data / "logs" / "ben.csv").write_text(BEN_LOG)
    explorer = be.balance_explorer("ben", data_dir=str(fixture_data))
    fig = bf.one_rep_max(explorer)
    try:
        titles = [ax.get_title(loc="left") for ax in fig.axes if ax.get_visible()]
        # Epley: 225 × (1 + 5/30) = 262.5 lb; 185 × (1 + 5/30) = 215.8 lb.
        assert "Deadlift: 215.8 → 262.5 lb" in titles
    finally:
        plt.close(fig)


# ------------------------------------------------------------------ tables


def test_tables_align_text_left_numbers_right_and_escape():
    frame = pd.DataFrame({"Exercise": ["<b>Row</b>", "Pull-up"], "Sets": [3, 2.5]})
    page = display.table_html(frame)
    heads = re.findall(r"<th style='[^']*text-align:(\w+)'>", page)
    cells = re.findall(r"<td style='[^']*text-align:(\w+)'>", page)
    assert heads == ["left", "right"] and cells == ["left", "right", "left", "right"]
    assert "&lt;b&gt;Row&lt;/b&gt;" in page and ">2.5<" in page and ">3<" in page


def test_roster_cells_carry_the_report_templates_colours_inline():
    template = (TEMPLATES_DIR / "backday" / "index.html.j2").read_text()
    colours = dict(re.findall(r"td\.(met|unmet) \{ background: (#[0-9a-f]{6}); \}", template))
    assert colours == display.CELL_COLOURS
    frame = pd.DataFrame({"Client": ["Ava"], "Lats": ["2 d · 6 sets"], "Traps": ["1 d · 2 sets"]})
    classes = pd.DataFrame({"Client": [""], "Lats": ["met"], "Traps": ["unmet"]})
    page = display.coloured_table_html(frame, classes)
    assert "class='met' style='" in page and f"background:{colours['met']}'" in page
    assert f"background:{colours['unmet']}'" in page
    assert page.count("text-align:left") == 6  # text columns, heads and cells


# ------------------------------------------------------------------ charts


def _texts(fig) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_text().strip() and t.get_visible()]


@pytest.fixture(scope="module")
def demo_charts(demo_data):
    report = cw.client_week("ben", "latest", str(demo_data))
    explorer = be.balance_explorer("ben", data_dir=str(demo_data))
    figures = {
        "volume": wf.volume_history(report),
        "body": body_charts.back_against_rest(report),
        "body_range": body_charts.back_against_rest_range(explorer),
        "pull_push": body_charts.pull_push_weeks(explorer),
        "shares": bf.shares_over_time(explorer),
        "pulling": bf.pulling_directions(explorer),
        "grips": bf.cable_row_grips(explorer),
        "heatmap": bf.training_days_heatmap(explorer),
        "one_rep_max": bf.one_rep_max(explorer),
    }
    yield figures
    for fig in figures.values():
        plt.close(fig)


def test_every_chart_text_is_at_least_10_px_when_shown_600_px_wide(demo_charts):
    for name, fig in demo_charts.items():
        scale = 600 / (fig.get_figwidth() * 72)  # px per pt at 600 px wide
        small = {
            t.get_text(): t.get_fontsize() for t in _texts(fig) if t.get_fontsize() * scale < 10
        }
        assert small == {}, name


def test_share_bars_mark_an_even_split(demo_charts):
    for ax in demo_charts["shares"].axes[:2]:
        dashed = [
            line.get_ydata()[0]
            for line in ax.get_lines()
            if line.get_linestyle() == "--" and len(set(line.get_ydata())) == 1
        ]
        assert sorted(dashed) == [25, 50, 75]


def test_lines_with_equal_values_stay_apart(demo_charts):
    lines = demo_charts["volume"].axes[0].get_lines()
    assert len(lines) == len(BACK_GROUPS)
    assert len({line.get_marker() for line in lines}) == len(BACK_GROUPS)
    assert len({line.get_linestyle() for line in lines}) == len(BACK_GROUPS)
    # Same week, different x: equal values do not sit on one another.
    assert len({float(line.get_xdata()[0]) for line in lines}) == len(BACK_GROUPS)


@pytest.mark.parametrize("fontsize", [wf.TITLE_FONT, wf.SMALL_FONT])
def test_a_left_title_sits_where_matplotlib_would_place_it(fontsize):
    # left_title gives the height so that matplotlib need not measure the tick labels at
    # each draw; with the ticks at the bottom, the title must land on the same pixels.
    boxes = []
    for title in (
        lambda ax: ax.set_title("Weekly sets W47", loc="left", fontsize=fontsize),
        lambda ax: wf.left_title(ax, "Weekly sets W47", fontsize),
    ):
        fig, ax = plt.subplots(figsize=(wf.FIGURE_WIDTH, 3.2))
        wf.set_margins(fig, left=0.6, right=1.35, top=0.3, bottom=0.5)
        ax.plot([0, 1, 2], [3, 14, 9])
        wf.week_ticks(ax, ["2026-W45", "2026-W46", "2026-W47"])
        title(ax)
        fig.canvas.draw()
        boxes.append(ax._left_title.get_window_extent().bounds)  # loc="left"'s artist
        plt.close(fig)
    assert boxes[0] == boxes[1]


def test_group_toggles_leave_out_lines_and_panels(demo_data):
    report = cw.client_week("ava", "latest", str(demo_data))
    lines = wf.volume_history(report, groups=("lats", "rhomboids"))
    body = wf.volume_history(report, groups=("chest", "lats", "calves"))
    try:
        assert [line.get_label() for line in lines.axes[0].get_lines()] == ["Lats", "Rhomboids"]
        assert lines.axes[0].get_title(loc="left") == "Weekly fractional sets per back group"
        # Any of the 16 groups can be ticked; lines keep the whole body's order.
        assert [line.get_label() for line in body.axes[0].get_lines()] == [
            "Lats",
            "Chest",
            "Calves",
        ]
        assert body.axes[0].get_title(loc="left") == "Weekly fractional sets per group"
    finally:
        plt.close(lines)
        plt.close(body)


# ------------------------------------------------------------------ command line


def backday(*args: str):
    return backday_in_process(*args, env={"COLUMNS": "100", "TERM": "dumb"})


def test_help_shows_flags_as_flags_types_as_words_and_real_defaults():
    text = backday("report", "--help").stdout
    assert not re.search(r"<(bool|str|int|path|list)", text), text
    assert re.search(r"--roster\s+Write the roster page", text)
    assert re.search(r"--week\s+TEXT", text) and re.search(r"--jobs\s+INTEGER", text)
    assert f"[default: {os.cpu_count()}]" in text
    assert re.search(r"--dry-run\s+Check and report", backday("import", "--help").stdout)


def test_version():
    from importlib.metadata import version

    result = backday("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"backday_analysis {version('backday_analysis')}"


def test_clients_lists_ids_names_units_zones_days_and_sets(fixture_data):
    (fixture_data / "logs" / "ben.csv").write_text(BEN_LOG)
    (fixture_data / "logs" / "ana.csv").unlink()  # a client with no log yet
    rows = json.loads(backday("clients", "--json", "--data", str(fixture_data)).stdout)
    assert rows == [
        {
            "client_id": "ana",
            "name": "Ana Example",
            "unit": "kg",
            "timezone": "Europe/Amsterdam",
            "first_day": "",
            "last_day": "",
            "sets": 0,
        },
        {
            "client_id": "ben",
            "name": "Ben Example",
            "unit": "lb",
            "timezone": "",
            "first_day": "2026-11-02",
            "last_day": "2026-11-09",
            "sets": 4,
        },
    ]
    table = backday("clients", "--data", str(fixture_data)).stdout.splitlines()
    assert table[0].split() == [
        "client_id",
        "name",
        "unit",
        "timezone",
        "first_day",
        "last_day",
        "sets",
    ]
