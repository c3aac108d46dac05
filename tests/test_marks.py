"""Not colour alone: every met and unmet cell also carries a mark, in the data and the chart."""

from __future__ import annotations

import matplotlib.pyplot as plt

from backday_analysis.charts import balance as bf
from backday_analysis.datafolder.dataset import load_dataset
from backday_analysis.views import balance_explorer as be
from backday_analysis.views import client_week as cw
from backday_analysis.views import roster_lines as rl
from backday_analysis.views import roster_week as rw
from backday_analysis.views.display import table_html


def test_the_guideline_column_says_met_or_not_with_a_mark(demo_data):
    data = load_dataset(demo_data)
    table = cw.summary_table(cw.client_week("dev", "2026-W47", dataset=data))
    # Dev: lats, rhomboids and biceps on two days; traps and lower back on none.
    assert table["Guideline (2×/week)"].tolist() == [
        "✓ met", "✗ not met", "✓ met", "✗ not met", "✓ met"
    ]  # fmt: skip


def test_roster_cells_carry_the_mark_of_their_colour(demo_data):
    data = load_dataset(demo_data)
    values, classes = rl.roster_lines(rw.roster_week("2026-W47", dataset=data))
    groups = ["Lats", "Traps", "Rhomb.", "L. back"]
    for column in groups:
        for value, kind in zip(values[column], classes[column], strict=True):
            assert value[0] == {"met": "✓", "unmet": "✗"}[kind], (column, value, kind)
    page = table_html(values, cell_classes=classes)
    assert "class='unmet'" in page and ">✗ 0 d<" in page and ">✓ 2 d<" in page


def test_the_training_days_heatmap_marks_each_cell(demo_data):
    explorer = be.balance_explorer("ben", data_dir=str(demo_data))
    fig = bf.training_days_heatmap(explorer)
    try:
        cells = [t.get_text() for ax in fig.axes for t in ax.texts]
    finally:
        plt.close(fig)
    # Ben: one back day a week (✗), and W39 without any; nothing reaches two days.
    assert cells and all(c[-1] in "✓✗" for c in cells)
    assert {c for c in cells if c.startswith(("0", "1"))} <= {"0✗", "1✗"}
    assert "1✗" in cells and not any(c.endswith("✓") and c[0] in "01" for c in cells)
