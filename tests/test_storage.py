"""A page's frames keep their strings in NumPy arrays; what it shows is what Arrow's show."""

from __future__ import annotations

import pandas as pd
import pytest

from backday_analysis.datafolder import dataset
from backday_analysis.views import body_week, client_flags, display, next_week, pages
from backday_analysis.views import client_week as cw
from backday_analysis.views import data_checks as checks
from backday_analysis.views.storage import python_strings

TABLES = (
    cw.summary_table,
    client_flags.flags_table,
    next_week.client_advice,
    cw.exercises_table,
    cw.settings_table,
    checks.unmapped_table,
)
COLOURED = (body_week.share_table, body_week.groups_weeks)
SENTENCES = (cw.status_line, body_week.share_sentence, checks.accounting_sentence)


def test_a_wrapped_call_makes_numpy_strings_and_leaves_the_option_as_it_was():
    before = pd.get_option("mode.string_storage")
    made = python_strings(lambda: pd.Series(["lats", "traps"]))()
    assert made.dtype == "str" and made.dtype.storage == "python"
    assert pd.get_option("mode.string_storage") == before
    assert pd.Series(["lats"]).dtype.storage == "pyarrow"


@pytest.mark.parametrize("client", ["ben", "gus", "hana"])
def test_a_weekly_page_shows_what_the_same_report_built_on_arrow_shows(demo_data, client):
    # Each side reads the data folder afresh: the reference files' cache keeps the storage
    # of the first read.
    dataset._read_reference.cache_clear()
    arrow = cw.client_week(client, data_dir=str(demo_data))
    dataset._read_reference.cache_clear()
    page = pages.weekly_page(client, data_dir=str(demo_data))
    numpy = page.model
    assert arrow.sets["client"].dtype.storage == "pyarrow"
    assert numpy.sets["exercise"].dtype.storage == "pyarrow"  # the log is read in Arrow
    assert numpy.history["group"].dtype.storage == "python"
    assert numpy.dataset.catalogue["exercise_id"].dtype.storage == "python"
    drawn = python_strings(lambda table: table(numpy))
    for table in TABLES:
        assert display.table_html(drawn(table)) == display.table_html(table(arrow)), table
    for table in COLOURED:
        ours = display.coloured_table_html(*drawn(table))
        assert ours == display.coloured_table_html(*table(arrow)), table
    for sentence in SENTENCES:
        assert drawn(sentence) == sentence(arrow)
    assert not client_flags.flags_table(arrow).empty  # the demo's clients carry flags
