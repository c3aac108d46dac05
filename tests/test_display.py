"""Tables as the notebooks and reports show them: numbers as they are, text escaped."""

from __future__ import annotations

import re

import pandas as pd

from backday_analysis.views.display import coloured_table_html, coloured_table_output, table_html


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


# ------------------------------------------------------------- column widths, by hand
# A cell asks for its length + 2 characters when short (24 or fewer) or whole (a name, a
# marked cell); running text asks for its length, at most 45, and shares what the short
# columns leave. A report line holds 108 characters.


def widths(page: str) -> list[str]:
    return re.findall(r"<col style='width:([\d.]+)%'>", page)


def test_short_columns_share_the_table_by_their_longest_value():
    # Day: "Mon 16 Nov" 10 + 2 = 12; Sets: its heading, 4 + 2 = 6 (the 3 asks for 3).
    page = table_html(pd.DataFrame({"Day": ["Mon 16 Nov"], "Sets": [3]}))
    assert widths(page) == ["66.7", "33.3"]  # 12 : 6 of the whole table


def test_running_text_shares_what_the_short_columns_leave_capped_at_45():
    why = [
        "Ask the client to row before pressing.",  # 38 characters
        "Drop 5 sets of bench press and add 5 sets of seated cable rows on Monday",
    ]  # 72
    rule = ["Pull at least as much as push.", "x"]  # 30 characters, and 1 (3 asked)
    frame = pd.DataFrame({"Day": ["Mon 16 Nov", "Wed"], "Why": why, "Rule": rule,
                          "Sets": [3, 12]})  # fmt: skip
    # Short: Day 12 and Sets 6 characters, 12/108 = 11.11 % and 6/108 = 5.56 %. The rest,
    # 83.33 %, goes to Why (72 capped at 45) and Rule (30) as 45 : 30.
    assert widths(table_html(frame)) == ["11.1", "50.0", "33.3", "5.6"]
    # 24 characters are still short, 26 asked; 25 are running text. Beside "Mon 16 Nov" (12):
    twenty_four = pd.DataFrame({"Rule": ["Keep the deadlift first."], "Day": ["Mon 16 Nov"]})
    assert widths(table_html(twenty_four)) == ["68.4", "31.6"]  # 26 : 12
    twenty_five = pd.DataFrame({"Rule": ["Keep the deadlifts first."], "Day": ["Mon 16 Nov"]})
    assert widths(table_html(twenty_five)) == ["88.9", "11.1"]  # the rest : 12/108


def test_headings_wrap_between_words_and_an_empty_heading_asks_for_two():
    # "Load as logged (kg)": its longest word, "logged", 6 + 2 = 8 over the 5's 3;
    # the unnamed empty column: 0 + 2. So 8 : 2.
    page = table_html(pd.DataFrame({"Load as logged (kg)": [5], "": [""]}))
    assert widths(page) == ["80.0", "20.0"]


class Link:
    """A cell that writes its own markup, as the roster's links to client pages do."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __html__(self) -> str:
        return f"<a href='#'>{self.text}</a>"

    def __str__(self) -> str:
        return self.text


def test_names_and_marked_cells_never_wrap_so_they_ask_for_their_whole_length():
    name = "Josephine Alexandra Whitfield"  # 29 characters: 31 asked, though over 24
    met = "2 of 2 days, 14 fractional sets"  # 31, and its mark "✓ " makes 33: 35 asked
    frame = pd.DataFrame({"Client": [name], "Guideline": [met]})
    page = coloured_table_html(frame, pd.DataFrame({"Client": ["name"], "Guideline": ["met"]}))
    assert widths(page) == ["47.0", "53.0"]  # 31 : 35
    linked = pd.DataFrame({"Client": [Link(name)], "Guideline": [met]})
    page = coloured_table_html(linked, pd.DataFrame({"Client": ["name"], "Guideline": ["met"]}))
    assert widths(page) == ["47.0", "53.0"]
    assert "<a href='#'>Josephine Alexandra Whitfield</a>" in page
    # Without the classes both are running text: 29 : 31 of the whole table.
    assert widths(table_html(frame)) == ["48.3", "51.7"]


def test_wide_short_columns_are_scaled_to_the_table():
    # Two whole 60-character names ask for 62 each, 114 in all, over the 108 of a line:
    # they share the table half and half, and the running text column gets nothing.
    frame = pd.DataFrame(
        {"A": ["a" * 60], "B": ["b" * 60], "Note": ["Pull at least as much as push."]}
    )
    classes = pd.DataFrame({"A": ["name"], "B": ["name"], "Note": [""]})
    assert widths(coloured_table_html(frame, classes)) == ["50.0", "50.0", "0.0"]


# ------------------------------------------------------------------ the groups × weeks grid


def test_a_grid_is_one_cell_per_row_with_tab_stops_marks_and_colour_bands():
    frame = pd.DataFrame({"Group": ["Lats", "Traps"], "W45": [2, 0], "W46": [1, 3],
                          "W47": [0, 1]})  # fmt: skip
    classes = pd.DataFrame({"Group": ["", ""], "W45": ["met", "unmet"], "W46": ["unmet", "met"],
                            "W47": ["", "met"]})  # fmt: skip
    page = coloured_table_html(frame, classes, grid=True)
    head = "padding:2px 6px;border-bottom:1px solid #99a;background:#eef2f6"
    cell = "padding:2px 6px;border-bottom:1px solid #e2e2e2;vertical-align:top"
    # Three slots of 5 characters: 15 wide; each a third of the band, 33.3333 % to 2 places.
    mono = ("font-family:DejaVu Sans Mono,monospace;white-space:pre;tab-size:5ch;width:15ch;"
            "padding:1px 0")  # fmt: skip
    green, red, white = "#d8f0dc", "#f8d7cf", "#ffffff"

    def band(a: str, b: str, c: str) -> str:
        stops = f"{a} 0%,{a} 33.3333%,{b} 33.3333%,{b} 66.6667%,{c} 66.6667%,{c} 100%"
        return f"background-image:linear-gradient(to right,{stops})"

    assert page == (
        "<table class='backday-table backday-grid' style='border-collapse:collapse;width:auto'>"
        f"<thead><tr><th style='{head};text-align:left'>Group</th>"
        f"<th style='{head};{mono}'> W45\t W46\t W47</th></tr></thead><tbody>"
        f"<tr><td style='{cell};white-space:nowrap'>Lats</td>"
        f"<td style='{cell};{mono};{band(green, red, white)}'> ✓2\t ✗1\t  0</td></tr>"
        f"<tr><td style='{cell};white-space:nowrap'>Traps</td>"
        f"<td style='{cell};{mono};{band(red, green, green)}'> ✗0\t ✓3\t ✓1</td></tr>"
        "</tbody></table>"
    )
    # One week: its band is the whole slot.
    one = coloured_table_html(frame.iloc[:, :2], classes.iloc[:, :2], grid=True)
    assert f"linear-gradient(to right,{green} 0%,{green} 100%)" in one
    assert coloured_table_html(frame.iloc[:0], classes.iloc[:0], "Nothing yet.", grid=True) == (
        "<p class='empty'>Nothing yet.</p>"
    )


def test_the_display_object_of_a_coloured_table_is_a_grid_only_when_asked():
    frame = pd.DataFrame({"Group": ["Lats"], "W47": [2]})
    classes = pd.DataFrame({"Group": [""], "W47": ["met"]})
    assert "backday-grid" in coloured_table_output(frame, classes, grid=True).data
    assert "backday-grid" not in coloured_table_output(frame, classes).data
