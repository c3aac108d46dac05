"""Back balance explorer: builder numbers on the fixture, dates, figures and the notebook.

Hand-worked numbers for ``ana`` in tests/fixtures/data (bodyweight 60 kg); credits as in
tests/fixtures/data/catalogue.csv; 2026-W53 runs from Mon 28 Dec 2026 to Sun 3 Jan 2027.

- 2026-W52: 2 deadlifts (lats 1, traps 1, rhomboids 1, lower back 2) and 1 pull-up
  (lats 1, rhomboids 0.5): lats 2, traps 1, rhomboids 1.5, lower back 2.
- 2026-W53: lat pulldown (28 Dec), wide cable row (28 Dec), assisted pull-up at
  60 - 20 = 40 kg and a shrug (3 Jan): lats 2.5, traps 1.5, rhomboids 2, lower back 0.
- 2027-W01: warm-ups only; 2027-W02: nothing; 2027-W03: a curl.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure

from backday_analysis import GROUPS
from backday_analysis.charts import balance as bf
from backday_analysis.charts import body as body_charts
from backday_analysis.charts.weekly import MAX_WEEK_TICKS
from backday_analysis.datafolder.dataset import load_dataset
from backday_analysis.errors import BackdayError
from backday_analysis.rendering.report import execute, to_html, to_pdf
from backday_analysis.views.balance_explorer import (
    balance_explorer,
    date_range,
    flags_heading,
    flags_table,
    parse_date,
    summary_table,
    title,
)

matplotlib.use("Agg")

FIXTURE_DATA = Path(__file__).resolve().parent / "fixtures" / "data"
NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "back_balance.ipynb"
TODAY = dt.date(2027, 6, 1)  # the fixture's sets lie in 2026-27
FIGURES = (
    bf.shares_over_time,
    bf.pulling_directions,
    bf.cable_row_grips,
    bf.training_days_heatmap,
    bf.one_rep_max,
    body_charts.back_against_rest_range,
    body_charts.pull_push_weeks,
)


@pytest.fixture(scope="module")
def ana():
    """Return the fixture's dataset (read only, never written)."""
    return load_dataset(FIXTURE_DATA, clients=["ana"], today=TODAY)


@pytest.fixture(scope="module")
def ana_range(ana):
    return balance_explorer("ana", "2026-12-28", "2027-01-10", dataset=ana)


def shares_of(table, week):
    rows = table.loc[table["week"] == week]
    return dict(zip(rows["group"], rows["share"].round(4), strict=True))


def test_whole_history_runs_from_first_to_last_logged_week(ana):
    explorer = balance_explorer("ana", dataset=ana)
    assert explorer.weeks == ["2026-W52", "2026-W53", "2027-W01", "2027-W02", "2027-W03"]
    assert explorer.flags_week == "2027-W03"
    assert list(explorer.days.columns) == explorer.weeks


def test_range_is_cut_in_whole_iso_weeks(ana_range):
    # 28 Dec is a Monday, 10 Jan a Sunday: exactly two weeks, across the new year.
    assert ana_range.weeks == ["2026-W53", "2027-W01"]
    assert set(ana_range.weekly["week"]) == {"2026-W53", "2027-W01"}
    assert title(ana_range) == (
        "Ana Example — back balance, 2026-W53 to 2027-W01 (28 Dec 2026 to 10 Jan 2027, 2 weeks)"
    )
    mid_week = balance_explorer("ana", "2026-12-30", "2027-01-05", dataset=ana_range.dataset)
    assert mid_week.weeks == ana_range.weeks
    one = balance_explorer("ana", "2026-12-30", "2026-12-31", dataset=ana_range.dataset)
    assert title(one).endswith("(28 Dec 2026 to 03 Jan 2027, 1 week)")


def test_weekly_and_rolling_shares(ana_range):
    assert shares_of(ana_range.shares, "2026-W53") == {
        "lats": round(2.5 / 6, 4),
        "traps": 0.25,
        "rhomboids": round(2 / 6, 4),
        "lower_back": 0.0,
    }
    # Rolling 4 weeks looks back to W52, before the range: lats (2 + 2.5) / (6.5 + 6).
    rolling = shares_of(ana_range.rolling_shares, "2026-W53")
    assert rolling == {"lats": 0.36, "traps": 0.2, "rhomboids": 0.28, "lower_back": 0.16}
    assert shares_of(ana_range.rolling_shares, "2027-W01") == rolling
    assert ana_range.shares.loc[ana_range.shares["week"] == "2027-W01", "share"].isna().all()


def test_pulling_grips_days_and_one_rep_max(ana_range):
    pulling = ana_range.pulling.set_index("week")
    assert pulling.loc["2026-W53"].to_dict() == {"vertical_sets": 2, "horizontal_sets": 1}
    assert pulling.loc["2027-W01"].to_dict() == {"vertical_sets": 0, "horizontal_sets": 0}
    grips = ana_range.grips.set_index("week").loc["2026-W53"].to_dict()
    assert grips == {"close_sets": 0, "wide_sets": 1, "unstated_sets": 0}
    credits = ana_range.grip_credits
    assert list(credits.index) == ["wide"]
    assert credits.loc["wide", ["lats", "traps", "rhomboids", "lower_back"]].tolist() == [
        0.5,
        0.5,
        1.0,
        0.0,
    ]
    # The whole body: the fixture's catalogue credits these pulls with back groups and the
    # biceps only, so every other group of the 16 has a row, with no training day.
    days = ana_range.days["2026-W53"]
    assert list(days.index) == list(GROUPS)
    assert days.to_dict() == {"lats": 2, "traps": 2, "rhomboids": 2, "lower_back": 0} | {
        g: 2 if g == "biceps" else 0 for g in GROUPS[4:]
    }
    best = ana_range.one_rep_max.set_index("lift")
    # The W52 deadlift lies before the range; the assisted pull-up loads 60 - 20 kg.
    assert sorted(best.index) == ["lat_pulldown", "pull_up", "seated_cable_row"]
    assert best.loc["lat_pulldown", "e1rm_kg"] == 66.7  # 50 × (1 + 10/30)
    assert best.loc["pull_up", "e1rm_kg"] == 48.0  # 40 × (1 + 6/30)
    assert best.loc["seated_cable_row", "e1rm_kg"] == 56.0  # 40 × (1 + 12/30)


def test_flags_are_for_the_latest_week_in_range_with_reasons(ana_range):
    assert ana_range.flags_week == "2027-W01"
    assert set(ana_range.flags["week"]) == {"2027-W01"}
    assert flags_heading(ana_range) == (
        "Coaching flags for 2027-W01, the latest week in this range."
    )
    reasons = flags_table(ana_range)["Needs attention"].tolist()
    # W01 holds two warm-up sets and nothing else, and she trains again in W03: a whole
    # week missed, one flag rather than four groups "not trained".
    assert reasons == [
        "No working set was logged this week, though later weeks have sets: the week was missed."
    ]


def test_summary_table(ana_range):
    table = summary_table(ana_range).set_index("Muscle group")
    assert table.loc["Lats", "Training days a week"] == 1.0
    assert table.loc["Lower back", "Weeks at the guideline (2×)"] == "0 of 2"
    assert table.loc["Trapezius", "Weeks at the guideline (2×)"] == "1 of 2"
    assert table.loc["Trapezius", "Share of back sets"] == "25%"
    assert table.loc["Biceps", "Share of back sets"] == ""


def test_empty_range_has_empty_tables_and_says_so(ana):
    explorer = balance_explorer("ana", "2020-01-01", "2020-03-01", dataset=ana)
    assert explorer.weeks == [] and explorer.flags_week is None
    assert explorer.flags.empty and explorer.pulling.empty and explorer.one_rep_max.empty
    assert summary_table(explorer).empty
    assert "no logged weeks from 2020-01-01 to 2020-03-01" in title(explorer)
    assert flags_heading(explorer).startswith("No week in this range has logged sets")


@pytest.mark.parametrize("text", ["", "  ", None])
def test_empty_dates_mean_the_whole_history(text):
    assert parse_date(text, "start") is None


def test_dates_parse_and_dates_pass_through():
    assert parse_date(" 2026-09-01 ", "start") == dt.date(2026, 9, 1)
    assert parse_date(dt.date(2026, 9, 1), "end") == dt.date(2026, 9, 1)
    assert date_range("2026-09-01", "2026-09-01") == (dt.date(2026, 9, 1), dt.date(2026, 9, 1))


@pytest.mark.parametrize(
    "text", ["2026-13-01", "2026-02-30", "01-09-2026", "20260901", "2026-W36", "next week"]
)
def test_a_bad_date_is_one_clear_sentence(text):
    with pytest.raises(BackdayError, match=r"^end '.+' is not a date; write it as YYYY-MM-DD"):
        date_range("", text)


def test_start_after_end_is_refused_before_any_data_is_read():
    with pytest.raises(BackdayError, match=r"^start 2026-10-01 is after end 2026-09-01; swap"):
        balance_explorer("ava", "2026-10-01", "2026-09-01", "/no/such/folder")


class Explorers(dict):
    """Each demo client's explorer over the whole demo, made when a test first asks for it."""

    RANGES = {
        # Cleo's lower-back work fades out in 2026-W35 and W36 (weeks 14 and 15).
        "cleo_late": ("cleo", "2026-09-07"),
        "empty": ("ben", "2020-01-01", "2020-02-01"),
    }

    def __init__(self, data):
        super().__init__()
        self.data = data

    def __missing__(self, name):
        client, *dates = self.RANGES.get(name, (name,))
        self[name] = balance_explorer(client, *dates, dataset=self.data)
        return self[name]


@pytest.fixture(scope="module")
def demo_explorers(demo_data):
    return Explorers(load_dataset(demo_data))


def texts(fig: Figure) -> str:
    found = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
    return "\n".join(found)


@pytest.mark.parametrize("draw", FIGURES, ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    "client",
    # Ben's history and an empty range in the fast loop; every other demo client in make test.
    ["ben", "empty"]
    + [
        pytest.param(client, marks=pytest.mark.slow)
        for client in ("ava", "cleo", "dev", "eli", "fay", "gus", "hana")
    ],
)
def test_every_figure_draws_on_demo_data_and_on_an_empty_range(demo_explorers, draw, client):
    fig = draw(demo_explorers[client])
    try:
        assert isinstance(fig, Figure)
        assert fig.get_figwidth() == pytest.approx(7.2)
        assert fig.get_figheight() < 9  # fits an A4 page with its heading
        fig.canvas.draw()  # layout errors show up only when drawn
        for ax in fig.axes:
            assert ax.get_legend() is None  # legends sit outside the axes
        if client == "empty":
            assert "in this range" in texts(fig)
    finally:
        plt.close(fig)


def test_charts_tell_each_demo_story(demo_explorers):
    figures = {
        "no_lower_back": bf.shares_over_time(demo_explorers["cleo_late"]),
        "no_rows": bf.cable_row_grips(demo_explorers["dev"]),
        "ben_lifts": bf.one_rep_max(demo_explorers["ben"]),
        "heatmap": bf.training_days_heatmap(demo_explorers["ben"]),
    }
    try:
        assert "no sets at all for: Lower back" in texts(figures["no_lower_back"])
        assert "No seated cable rows in this range." in texts(figures["no_rows"])
        assert "Not trained in this range: Dumbbell row, Pull-up, Seated cable row." in texts(
            figures["ben_lifts"]
        )
        assert "2: guideline" in texts(figures["heatmap"])
    finally:
        for fig in figures.values():
            plt.close(fig)
    # Eli's deadlift: three jumps of over 10 % a week, then the same load for fewer reps.
    lifts = demo_explorers["eli"].one_rep_max
    deadlift = lifts.loc[lifts["lift"] == "deadlift"].set_index("week")
    assert deadlift.loc["2026-W41":, "load_kg"].tolist() == [127.5, 142.5, 160, 180, 180, 180, 180]
    assert deadlift.loc["2026-W44":, "reps"].tolist() == [5, 4, 4, 3]


def test_days_colours_change_hue_at_the_guideline():
    colours = bf.days_colours(guideline=2, top=4).colors
    assert len(colours) == 5
    for red, _, blue, _ in colours[:2]:
        assert red > blue  # orange: under the guideline
    for red, _, blue, _ in colours[2:]:
        assert blue > red  # purple: at or over it


def test_week_labels_are_thinned_on_long_histories():
    weeks = [f"2026-W{w:02d}" for w in range(1, 53)] + ["2027-W01", "2027-W02"]
    fig, ax = plt.subplots()
    try:
        bf.week_ticks(ax, weeks)
        labels = [t.get_text() for t in ax.get_xticklabels()]
        assert len(labels) <= MAX_WEEK_TICKS
        assert labels[0] == "W01\n2026"
        assert any(label.endswith("\n2027") for label in labels)
    finally:
        plt.close(fig)


def images(executed) -> int:
    outputs = (o for c in executed.cells for o in c.get("outputs", []))
    return sum("image/png" in o.get("data", {}) for o in outputs)


def outputs_text(executed) -> str:
    outputs = (o for c in executed.cells for o in c.get("outputs", []))
    return "\n".join(o.get("data", {}).get("text/html", "") + o.get("text", "") for o in outputs)


@pytest.mark.kernel
def test_notebook_runs_with_non_default_parameters_and_renders_a_pdf(demo_data, tmp_path):
    from pypdf import PdfReader

    parameters = {
        "client": "dev",
        "start": "2026-09-01",
        "end": "2026-10-31",
        "data_dir": str(demo_data),
    }
    executed = execute(NOTEBOOK, parameters)
    text = outputs_text(executed)
    assert "Dev Patel — back balance, 2026-W36 to 2026-W44" in text
    assert "Coaching flags for 2026-W44, the latest week in this range." in text
    assert "Trapezius has had no direct sets" in text
    assert "Next week" in text and "seated cable row (wide grip) 3 × 10–12" in text
    assert images(executed) == len(FIGURES)
    pdf = tmp_path / "dev.pdf"
    to_pdf(to_html(executed, "Dev", "Generated at test"), pdf)
    pages = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Dev Patel" in pages and "What needs attention" in pages


@pytest.mark.kernel
def test_notebook_turns_a_bad_date_into_one_sentence(demo_data):
    with pytest.raises(BackdayError, match=r"^start '2026-02-30' is not a date"):
        execute(NOTEBOOK, {"client": "ava", "start": "2026-02-30", "data_dir": str(demo_data)})
