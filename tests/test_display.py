"""Tables as the notebooks and reports show them: numbers as they are, text escaped."""

from __future__ import annotations

import re

import pandas as pd

from backday_analysis.views.display import coloured_table_html, table_html


def cells(page: str, tag: str = "td") -> list[str]:
    return re.findall(rf"<{tag}(?:\s[^>]*)?>(.*?)</{tag}>", page)


def classes_of(page: str) -> list[str]:
    """Return each body cell's class attribute ('' where it has none)."""
    return [c or "" for c in re.findall(r"<td(?: class='([^']*)')?[^>]*>", page)]


def test_fractional_sets_keep_their_decimals_and_whole_numbers_have_none():
    frame = pd.DataFrame({"Muscle group": ["Lats", "Biceps"], "Fractional sets": [2.5, 2.0]})
    page = table_html(frame)
    assert cells(page) == ["Lats", "2.5", "Biceps", "2"]
    assert cells(page, "th") == ["Muscle group", "Fractional sets"]  # no index column
    assert page.startswith("<table class='backday-table'")  # no border attribute
    assert "border=" not in page


def test_text_is_escaped_and_a_caption_is_added_once():
    frame = pd.DataFrame({"Exercise as logged": ["<script>alert(1)</script>"]})
    page = table_html(frame, caption="Unmapped <exercises>")
    assert "<script>" not in page
    assert cells(page) == ["&lt;script&gt;alert(1)&lt;/script&gt;"]
    assert page.count("<caption") == 1
    assert re.match(r"<table[^>]*><caption[^>]*>Unmapped &lt;exercises&gt;</caption>", page)


def test_an_empty_table_is_a_sentence():
    empty = pd.DataFrame({"Line": []})
    assert table_html(empty, empty="No rows were left out.") == (
        "<p class='empty'>No rows were left out.</p>"
    )


def test_coloured_table_puts_each_cells_class_on_it():
    values = pd.DataFrame({"Client": ["<Ana>"], "Lats": ["2 d · 2.5 sets"], "Flags": [3]})
    classes = pd.DataFrame({"Client": [""], "Lats": ["met"], "Flags": [""]})
    page = coloured_table_html(values, classes)
    assert cells(page, "th") == ["Client", "Lats", "Flags"]
    assert cells(page) == ["&lt;Ana&gt;", "✓ 2 d · 2.5 sets", "3"]
    assert classes_of(page) == ["", "met", ""]
    # The met colour is inline too, so JupyterLab shows it without the report's CSS.
    assert "background:#d8f0dc' title='guideline met'>✓ 2 d · 2.5 sets" in page


def test_met_and_unmet_cells_carry_a_mark_and_words_besides_their_colour():
    values = pd.DataFrame({"Lats": ["2 d · 6 sets"], "Traps": ["0 d · 0 sets"], "Rh": ["✗ 1 d"]})
    classes = pd.DataFrame({"Lats": ["met"], "Traps": ["unmet"], "Rh": ["unmet"]})
    page = coloured_table_html(values, classes)
    # A cell that carries its mark already keeps one.
    assert cells(page) == ["✓ 2 d · 6 sets", "✗ 0 d · 0 sets", "✗ 1 d"]
    titles = re.findall(r"<td class='\w+' style='[^']*' title='([^']*)'>", page)
    assert titles == ["guideline met", "guideline not met", "guideline not met"]


def test_a_figure_is_shown_once_as_a_png_at_110_dpi(monkeypatch):
    import struct

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from backday_analysis.views import display as show

    shown = []
    monkeypatch.setattr(show, "display", shown.append)
    figure = plt.figure(figsize=(2, 1))
    show.show_figure(figure)
    [image] = shown
    width, height = struct.unpack(">II", image.data[16:24])  # the PNG header's size
    assert (width, height) == (220, 110)  # 2 × 1 inches at 110 dots per inch
    assert not plt.get_fignums()  # the figure was closed
