"""Report pages as Typst markup: every word as written, the tables' colours, the charts."""

from __future__ import annotations

import base64
import io
import re

import pandas as pd
import pytest
from pypdf import PdfReader

from backday_analysis.rendering.pages import pdf_bytes
from backday_analysis.rendering.typeset import UnknownMarkup, escaped, typst_markup
from backday_analysis.views.display import CELL_COLOURS, grid_html, table_html

#: Every character Typst markup reads as syntax, in a client's name and a note.
AWKWARD = "Ann_#1 *Star* $5 @home <x> [y] `z` ~ a/b // c = d + e - f 1. \"q\" 'r' \\ g: h"


def page(body: str, title: str = "Report") -> str:
    head = f"<head><title>{title}</title><style>p {{ color: red }}</style></head>"
    return f"<html>{head}<body><main>{body}</main></body></html>"


def words(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_text_that_looks_like_markup_is_printed_as_written():
    import html

    body = f"<h2>{html.escape(AWKWARD)}</h2><p>{html.escape(AWKWARD)}</p>"
    text = words(pdf_bytes(page(body)))
    assert text.count(AWKWARD) == 2


def test_emphasis_code_and_links_keep_their_words_and_spaces():
    body = (
        "<p>A <em>training day</em> is a day; see <code>data/config.toml</code>; or "
        "<a href='c001.html'>Client 1</a>.</p><p><em>note</em>(s) in <code>a  b</code>(c)</p>"
    )
    markup, _ = typst_markup(page(body))
    assert "#emph[training day]" in markup and '#raw("data/config.toml")' in markup
    assert '#link("c001.html")[Client 1]' in markup
    pdf = pdf_bytes(page(body))
    assert "A training day is a day; see data/config.toml; or Client 1." in words(pdf)
    assert "note(s) in a b(c)" in words(pdf)
    annotations = PdfReader(io.BytesIO(pdf)).pages[0]["/Annots"]
    assert [a.get_object()["/A"]["/URI"] for a in annotations] == ["c001.html"]


def test_a_table_keeps_its_cells_widths_alignment_and_colours():
    frame = pd.DataFrame(
        {"Group": ["Lats", "Traps"], "Days": [2, 1], "Guideline": ["met", "not met"]}
    )
    classes = pd.DataFrame({"Group": ["", ""], "Days": ["", ""], "Guideline": ["met", "unmet"]})
    markup, _ = typst_markup(page(table_html(frame, caption="This week", cell_classes=classes)))
    table = markup[markup.index("#table(") :]
    # Three columns with the widths table_html chose, the head repeated on each page.
    assert re.search(r"#table\(columns: \([0-9.]+%, [0-9.]+%, [0-9.]+%, \), table\.header\(", table)
    assert table.count("table.cell(") == 9
    assert f'fill: rgb("{CELL_COLOURS["met"]}")' in table
    assert f'fill: rgb("{CELL_COLOURS["unmet"]}")' in table
    assert "align: right)[2]" in table and "align: right)[1]" in table
    assert "block(sticky: true, strong[This week])" in markup
    text = words(pdf_bytes(page(table_html(frame, caption="This week", cell_classes=classes))))
    assert "This week Group Days Guideline Lats 2 ✓ met Traps 1 ✗ not met" in text


def test_a_grid_becomes_one_cell_per_value_coloured_as_its_band():
    frame = pd.DataFrame({"Group": ["Lats", "Chest"], "W46": [2, 0], "W47": [1, 3]})
    classes = pd.DataFrame({"Group": ["", ""], "W46": ["met", "unmet"], "W47": ["unmet", "met"]})
    markup, _ = typst_markup(page(grid_html(frame, classes)))
    cells = re.findall(r'table\.cell\(fill: rgb\("(#[0-9a-f]{6})"\)\)\[([^\]]*)\]', markup)
    met, unmet = CELL_COLOURS["met"], CELL_COLOURS["unmet"]
    assert cells[-4:] == [(met, "✓2"), (unmet, "✗1"), (unmet, "✗0"), (met, "✓3")]
    assert "#block(breakable: false, table(columns: (auto, 1fr, 1fr)" in markup
    assert "Group W46 W47 Lats ✓2 ✗1 Chest ✗0 ✓3" in words(
        pdf_bytes(page(grid_html(frame, classes)))
    )


def test_a_chart_is_embedded_from_its_own_bytes():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 10, 10)).save(buffer, format="png")
    data = base64.b64encode(buffer.getvalue()).decode()
    markup, images = typst_markup(page(f"<p>Chart</p><img src='data:image/png;base64,{data}'>"))
    assert images == {"chart-1.png": buffer.getvalue()}
    assert 'image("chart-1.png", width: 100%)' in markup
    assert (
        len(
            PdfReader(io.BytesIO(pdf_bytes(page(f"<img src='data:image/png;base64,{data}'>"))))
            .pages[0]
            .images
        )
        == 1
    )


@pytest.mark.parametrize(
    "body",
    [
        "<img src='https://example.org/chart.png'>",
        "<video src='x'></video>",
        "<p><video></video></p>",
    ],
)
def test_what_the_writer_does_not_know_is_refused_not_dropped(body):
    with pytest.raises(UnknownMarkup):
        typst_markup(page(body))


def test_each_page_says_its_number_and_the_title_is_the_documents():
    body = "".join(f"<p>Paragraph {i} " + "word " * 80 + "</p>" for i in range(40))
    reader = PdfReader(io.BytesIO(pdf_bytes(page(body, "Ana 2026-W47"))))
    pages = len(reader.pages)
    assert pages > 1
    for number, pdf_page in enumerate(reader.pages, 1):
        assert f"page {number} of {pages}" in pdf_page.extract_text()
    assert reader.metadata.title == "Ana 2026-W47"


def test_escaping_collapses_spaces_and_marks_each_special_character():
    assert escaped("  a  *b*\n_c_ ") == "a \\*b\\* \\_c\\_"
    # HTML collapses ASCII spaces only: a no-break space keeps 10 and kg together.
    assert escaped("10\xa0kg;(x)") == "10\xa0kg\\;\\(x)"


def test_the_same_page_and_time_give_the_same_pdf_and_typst_errors_are_one_sentence():
    import datetime as dt

    from backday_analysis.errors import BackdayError

    when = dt.datetime(2026, 11, 23, 7, 30)
    assert pdf_bytes(page("<p>a</p>"), when) == pdf_bytes(page("<p>a</p>"), when)
    with pytest.raises(BackdayError, match=r"^Typst could not typeset the PDF \(.*--format html"):
        pdf_bytes(page("<table><tr><td colspan='0'>a</td></tr></table>"))


FORK_AFTER_TYPST = """
import multiprocessing, sys
from backday_analysis.rendering.pages import pdf_bytes, prepare_writers, typst_started

def child(queue):
    try:
        pdf_bytes("<p>in the child</p>")
        queue.put("typeset")
    except Exception as exc:
        queue.put(type(exc).__name__)

prepare_writers(("html", "pdf"), typeset=False)
assert not typst_started()  # a batch parent typesets nothing
context = multiprocessing.get_context("fork")
for label in ("before", "after"):
    if label == "after":
        pdf_bytes("<p>in the parent</p>")
    queue = context.Queue()
    process = context.Process(target=child, args=(queue,), daemon=True)
    process.start()
    print(label, queue.get(timeout=30))
    process.join(30)
"""


def test_a_process_forked_after_typesetting_gets_an_error_not_a_hang():
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", FORK_AFTER_TYPST], capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["before typeset", "after ForkedAfterTypst"]


def body_of(html: str) -> str:
    """Return the markup of a page body, without the preamble."""
    markup, _ = typst_markup(page(html))
    return markup.split("#set table.cell(breakable: false)\n", 1)[1].strip()


@pytest.mark.parametrize(
    ("html", "markup"),
    [
        ("<ul><li>one</li><li>two <em>b</em></li></ul>", "#list([one], [two #emph[b]])"),
        ("<ol><li>one</li> <li>two</li></ol>", "#enum(start: 1, [one], [two])"),
        ("<ol start='3'><li><p>a</p><p>b</p></li></ol>", "#enum(start: 3, [a\n\nb])"),
        ("<ol start='x'><li>a</li></ol>", "#enum(start: 1, [a])"),
        ("<ul><li>a<ul><li>b</li></ul></li></ul>", "#list([a\n\n#list([b])])"),
        (
            "<hr><blockquote><p>q</p></blockquote>",
            '#line(length: 100%, stroke: 0.75pt + rgb("#cccccc"))\n\n#quote(block: true)[q]',
        ),
        (
            "<h5>e</h5><p><del>x</del><sup>2</sup><sub>i</sub><a name='t'>top</a></p>",
            "===== e\n\n#strike[x]#super[2]#sub[i]top",
        ),
        ("<pre>a  b\n\\c</pre>", '#raw("a  b\\n\\\\c", block: true)'),
        ("<div>Name <b>Ana</b> trained<p>next</p></div>", "Name #strong[Ana] trained\n\nnext"),
        (
            "<div class='jp-MarkdownCell'><h2>X</h2><p>i</p></div>",
            "#block(sticky: true)[== X\n\ni]",
        ),
        ("<div class='jp-OutputArea-output'><p>a</p></div>", "#block(sticky: true)[a]"),
        ("<div class='jp-OutputArea-output'><p>a</p><table></table></div>", "a"),
        (
            "<p><strong>s</strong> <i>i</i><br><span>t</span></p>",
            "#strong[s] #emph[i]#linebreak()t",
        ),
        ("<p class='empty'>None.</p>", '#text(fill: rgb("#555555"), style: "italic")[None\\.]'),
        ("<p class='generated'>At 9</p>", '#v(8pt)#text(fill: rgb("#777777"), size: 8pt)[At 9]'),
        ("<p> </p><div class='jp-Collapser'>\n</div>", ""),
        ("<h3>c</h3><h1>a</h1>", "=== c\n\n\n= a"),
        ("<p>10\xa0<em>kg</em>\xa0 x</p>", "10\xa0#emph[kg]\xa0 x"),
    ],
)
def test_each_element_of_a_page_has_its_markup(html, markup):
    assert body_of(html) == markup


def test_two_outputs_side_by_side_share_the_width():
    html = (
        "<div class='backday-pair' style='display:flex'><div><div>Lats</div><p>a</p></div>"
        "<div><p>b</p></div></div>"
    )
    assert body_of(html) == "#grid(columns: (1fr, 1fr), gutter: 12pt, [Lats\n\na\n\n], [b\n\n])"
    assert body_of("<div class='other'><p>a</p></div>") == "a"


def test_a_head_row_is_bold_on_the_head_colour_and_repeats_on_each_page():
    assert body_of("<table><thead><tr><th>H</th></tr></thead><tr><td>v</td></tr></table>") == (
        '#table(columns: 1, table.header(table.cell(fill: rgb("#eef2f6"))[#strong[H]]), '
        "table.cell()[v])"
    )


def test_cells_keep_their_head_wrapping_and_small_print():
    html = (
        "<table><tr><th>Week</th><td class='why' style='white-space:nowrap'>seen before</td>"
        "<td class='name'>Ana</td><td>plain</td></tr></table>"
    )
    assert body_of(html) == (
        '#table(columns: 4, table.cell(fill: rgb("#eef2f6"))[#strong[Week]], '
        'table.cell()[#box[#text(size: 7pt, fill: rgb("#444444"))[seen before]]], '
        "table.cell()[#box[Ana]], table.cell()[plain])"
    )


def test_widths_are_used_only_when_each_column_has_a_share():
    row = "<tr><td>a</td><td>b</td></tr><tr><td colspan='2'>c</td></tr>"
    shares = "<colgroup><col style='width:40%'><col style='width:60%'></colgroup>"
    assert body_of(f"<table>{shares}{row}</table>").startswith("#table(columns: (40%, 60%, ), ")
    assert "colspan: 2" in body_of(f"<table>{shares}{row}</table>")
    pixels = "<colgroup><col style='width:40%'><col style='width:60px'></colgroup>"
    assert body_of(f"<table>{pixels}{row}</table>").startswith("#table(columns: 2, ")
    one = "<colgroup><col style='width:40%'></colgroup>"
    assert body_of(f"<table>{one}{row}</table>").startswith("#table(columns: 2, ")
    assert body_of("<table><caption>Rows</caption></table>") == (
        "#block(sticky: true, strong[Rows])"
    )
    assert "block(sticky" not in body_of(f"<table>{row}</table>")


def test_short_hex_colours_are_spelt_out():
    from backday_analysis.rendering.typeset import colour

    assert colour("#9aB") == 'rgb("#99aabb")'
    assert colour(" #D8F0DC ") == 'rgb("#d8f0dc")'
    with pytest.raises(UnknownMarkup):
        colour("red")


BATCH_AFTER_TYPST = """
import sys
from pathlib import Path
from backday_analysis.rendering.batch import plan_reports, run_reports
from backday_analysis.rendering.pages import pdf_bytes

pdf_bytes("<p>one report first</p>")
_, jobs = plan_reports("latest", None, Path(sys.argv[1]), Path(sys.argv[2]))
results = run_reports(jobs[:2], ("pdf",), workers=2)
print([r.error for r in results], sorted(p.name for r in results for p in r.written))
"""


@pytest.mark.kernel
def test_a_batch_after_a_typeset_page_starts_clean_workers(fixture_data, tmp_path):
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", BATCH_AFTER_TYPST, str(fixture_data), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    errors, written = eval(done.stdout.strip().splitlines()[-1].replace("] [", "], ["))
    # The fixture's second client has no sets that week: one PDF, and no worker that hung
    # or refused to typeset because it was forked after this process had typeset a page.
    assert errors[0] is None and "forked" not in str(errors[1])
    assert written == ["ana.pdf"]


def test_typst_warnings_are_logged_once_each(monkeypatch, caplog):
    from backday_analysis.rendering import pages, typeset

    monkeypatch.setattr(pages, "_WARNED", set())
    font = 'font: "DejaVu Sans"'
    assert typeset.PREAMBLE.count(font) == 1
    preamble = typeset.PREAMBLE.replace(font, 'font: ("No Such Font", "DejaVu Sans")')
    monkeypatch.setattr(typeset, "PREAMBLE", preamble)
    with caplog.at_level("WARNING", logger="backday_analysis"):
        for _ in range(2):
            assert words(pdf_bytes(page("<p>still typeset</p>"))).startswith("still typeset")
    expected = "Typst, typesetting a PDF: unknown font family: no such font"
    assert caplog.messages.count(expected) == 1
    assert len(set(caplog.messages)) == len(caplog.messages)  # none twice
