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


def test_a_whole_table_exactly_aligned_coloured_and_titled():
    # Numbers with gaps align right; text, yes/no and a mix of both align left.
    values = pd.DataFrame(
        {"n": [1.5, None], "t": ["a", pd.NA], "b": [True, False], "m": [2, "x"], "e": [None, None]}
    ).assign(o=pd.Series([3, None], dtype=object))
    classes = pd.DataFrame({c: ["met", "odd"] for c in values.columns})
    page = table_html(values, cell_classes=classes)
    th = "padding:2px 6px;border-bottom:1px solid #99a;background:#eef2f6;text-align:"
    assert re.findall(r"<th style='([^']*)'>", page) == [
        th + a for a in ("right", "left", "left", "left", "left", "right")
    ]
    td = "padding:2px 6px;border-bottom:1px solid #e2e2e2;vertical-align:top;text-align:"
    first, second = page.split("<tbody>")[1].split("</tr>")[:2]
    assert first.startswith(
        f"<tr><td class='met' style='{td}right;background:#d8f0dc' title='guideline met'>✓ 1.5</td>"
    )
    # A class without a colour or a mark is written, with no background and no title.
    assert (
        second
        == f"<tr><td class='odd' style='{td}right'></td>"
        + "".join(f"<td class='odd' style='{td}left'>{v}</td>" for v in ("", "False", "x", ""))
        + f"<td class='odd' style='{td}right'></td>"
    )
    assert "<td class" not in table_html(values) and "<caption" not in page
    # Each column's width comes with the table, as a colgroup before the header.
    bare = re.sub(r"<colgroup>(<col style='width:[\d.]+%'>){6}</colgroup>", "", page)
    assert bare.startswith("<table class='backday-table' style='border-collapse:collapse'><thead>")


def test_a_chart_saved_at_200_dpi_and_shown_without_alpha():
    import io
    import struct

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from PIL import Image

    from backday_analysis.views import display as show

    png = show.figure_bytes(plt.figure(figsize=(2, 1)), "png")
    assert struct.unpack(">II", png[16:24]) == (400, 200)
    shown = show.figure_output(plt.figure(figsize=(2, 1)))
    assert Image.open(io.BytesIO(shown.data)).mode == "RGB"


def test_two_outputs_side_by_side_under_their_labels():
    from IPython.display import HTML

    from backday_analysis.views.display import side_by_side

    label = "<div style='font-weight:600;color:#333;margin:0 0 2px'>"
    half = "<div style='flex:1 1 440px;min-width:0;overflow-x:auto'>"
    both = side_by_side([HTML("<p>a</p>"), HTML("<p>b</p>")], ["Ana & Bo", "Cy"]).data
    assert (
        f"{half}{label}Ana &amp; Bo</div><p>a</p></div>{half}{label}Cy</div><p>b</p></div>" in both
    )
    bare = side_by_side([HTML("<p>a</p>")]).data
    assert f"{half}<p>a</p></div>" in bare
