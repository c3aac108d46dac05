"""Real papermill runs, real nbconvert HTML and real Typst PDFs on the demo roster."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from backday_analysis.errors import BackdayError
from backday_analysis.rendering.report import WEEKLY_NOTEBOOK, execute, to_html, to_pdf

pytestmark = pytest.mark.kernel

GROUP_NAMES = ("Lats", "Trapezius", "Rhomboids", "Lower back")


def outputs_text(executed) -> str:
    parts = []
    for cell in executed.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            parts.append(data.get("text/html", "") + output.get("text", ""))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def executed(demo_data):
    parameters = {
        "client": "cleo",
        "week": "2026-W45",
        "data_dir": str(demo_data),
        "weeks_of_history": 4,
        "guideline_days": 3,
    }
    return execute(WEEKLY_NOTEBOOK, parameters)


def test_notebook_runs_with_non_default_parameters(executed):
    text = outputs_text(executed)
    assert "Cleo Martin — week 2026-W45 (02 Nov 2026 to 08 Nov 2026)" in text
    assert "Guideline (3×/week)" in text
    # With a three-day guideline every back group of Cleo's two-day week is short a day.
    # Her 9 lat sets are under the lats' minimum effective 10, so rows are added on a third
    # day; her trapezius's 7.5 sets are over its minimum 0, so a shrug set moves there.
    assert "Lats and rhomboids: 2 training days this week (the guideline is 3)" in text
    assert "Lats: 9 fractional sets this week, under the minimum effective 10" in text
    assert "Sunday (an extra training day)" in text
    assert "Move shrug (dumbbell) 1 × 12 from Tuesday" in text
    # Four weeks of history: W42 to W45 on the x axis, two figures drawn (the back against
    # the chest and legs, the back's groups); the groups × weeks grid is a table.
    images = [
        o for c in executed.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})
    ]
    assert len(images) == 2


def test_a_report_run_shows_no_controls(executed):
    # The report runner sets controls = False: static outputs only, no widget in HTML or PDF.
    kinds = {k for c in executed.cells for o in c.get("outputs", []) for k in o.get("data", {})}
    assert kinds == {"text/html", "text/plain", "image/png"}
    injected = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert "controls = False" in injected[0].source


def test_html_is_self_contained_and_pdf_has_the_names(executed, tmp_path):
    page = to_html(executed, "Cleo", "Generated at test")
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)=["']?https?:""", page)
    assert "data:image/png;base64," in page
    pdf = tmp_path / "cleo.pdf"
    to_pdf(page, pdf)
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Cleo Martin" in text
    for name in GROUP_NAMES:
        assert name in text


def test_a_week_before_any_data_is_one_clear_sentence(demo_data):
    with pytest.raises(BackdayError, match="has no sets logged in or before 2020-W01"):
        execute(WEEKLY_NOTEBOOK, {"client": "ava", "week": "2020-W01", "data_dir": str(demo_data)})


def test_a_hanging_cell_is_stopped_by_the_timeout(tmp_path):
    import nbformat

    notebook = tmp_path / "hang.ipynb"
    node = nbformat.v4.new_notebook()
    node.cells = [nbformat.v4.new_code_cell("import time\ntime.sleep(60)")]
    node.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(node, notebook)
    with pytest.raises(BackdayError, match="ran longer than 3 s"):
        execute(notebook, {}, timeout=3)


def test_same_data_same_report_but_the_generated_line(demo_data, tmp_path):
    import datetime as dt

    from backday_analysis.rendering.report import ReportJob, render

    pages = []
    for run, minute in ((1, 0), (2, 7)):
        job = ReportJob(
            "dev",
            WEEKLY_NOTEBOOK,
            {"client": "dev", "week": "2026-W47", "data_dir": str(demo_data)},
            tmp_path / str(run) / "dev",
        )
        result = render(job, ("html",), generated_at=dt.datetime(2026, 11, 23, 8, minute))
        assert result.error is None
        pages.append((tmp_path / str(run) / "dev.html").read_text(encoding="utf-8"))
    first, second = (page.splitlines() for page in pages)
    differing = [a for a, b in zip(first, second, strict=True) if a != b]
    assert len(differing) == 1 and "Generated at 2026-11-23 08:00" in differing[0]


def test_roster_page_orders_clients_by_attention(demo_data):
    from backday_analysis.rendering.report import ROSTER_NOTEBOOK

    executed = execute(ROSTER_NOTEBOOK, {"week": "2026-W47", "data_dir": str(demo_data)})
    text = outputs_text(executed)
    assert "Roster overview — week 2026-W47 (16 Nov 2026 to 22 Nov 2026)" in text
    # By the most urgent flag (data/severity.csv), then how new it is: Eli's 26 back sets
    # are new this week (high); then the medium ones, newest first: Gus's front delts over
    # their maximum for 4 weeks, Cleo's glutes untrained for 11, Ben's pulls behind his pushes
    # for 24, Dev's and Hana's traps untrained for 26 (seen before); Fay's trapezius share
    # for 12 weeks (low); Ava on track.
    names = ("Eli Brooks", "Gus Moreau", "Cleo Martin", "Ben Okafor", "Dev Patel", "Hana Sato",
             "Fay Laurent", "Ava Jansen")  # fmt: skip
    order = [text.index(name) for name in names]
    assert order == sorted(order)
    assert (
        "8 clients: 7 need attention (1 high, 5 medium, 1 low, by their most urgent flag); "
        "1 on track; 0 with no log yet for this week." in text
    )
    # Eli's 9 more: the rear delts (4.5 of 8), quads (5.5 of 8) and hamstrings (5 of 6) under
    # their minimums, six groups of the rest never trained.
    assert "Back 26 sets, max 25 (new; +9 more)" in text
    assert "medium: not trained, but for weeks: seen before" in text
    # The full flags and the plan stay on each client's page, linked from the line.
    assert "Next week" not in text and "Needs attention" not in text
    assert "href='ben.html'" in text
    assert "class='met'" in text and "class='unmet'" in text
