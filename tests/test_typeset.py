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
        "<p>A <em>training day</em> is a day; see <code>data/config.toml</code> or "
        "<a href='c001.html'>Client 1</a>.</p>"
    )
    markup, _ = typst_markup(page(body))
    assert "#emph[training day]" in markup and '#raw("data/config.toml")' in markup
    assert '#link("c001.html")[Client 1]' in markup
    pdf = pdf_bytes(page(body))
    assert "A training day is a day; see data/config.toml or Client 1." in words(pdf)
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


FORK_AFTER_TYPST = """
import multiprocessing, sys
from backday_analysis.rendering.pages import pdf_bytes, prepare_writers, typst_compiler

def child(queue):
    try:
        pdf_bytes("<p>in the child</p>")
        queue.put("typeset")
    except Exception as exc:
        queue.put(type(exc).__name__)

prepare_writers(("html", "pdf"), typeset=False)
assert typst_compiler.cache_info().currsize == 0  # a batch parent typesets nothing
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
