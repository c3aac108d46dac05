"""Clean PDF pages: no heading left alone at a page's foot, and a roster of 200 in 10 pages.

Real Typst PDFs of real papermill runs, read back with pypdf. A section's heading and
its introduction must share their page with the start of what they introduce: the text
after them on that page is more than the introduction. (Charts are images, without text:
their sections are judged by the rule that no page holds headings and introductions alone.)
"""

from __future__ import annotations

import json
import re
import shutil

import pytest
from checkout import DATA_DIR
from pypdf import PdfReader

from backday_analysis.demo.generate import write_canonical_demo
from backday_analysis.rendering.pages import pdf_bytes
from backday_analysis.rendering.report import ROSTER_NOTEBOOK, WEEKLY_NOTEBOOK, execute, to_html

FOOTER = re.compile(r"page \d+ of \d+")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def sections(notebook) -> list[tuple[str, str, bool]]:
    """Return (heading, its introduction, whether a chart follows) of each ``##`` section."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    found = []
    for i, cell in enumerate(cells):
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and source.startswith("## "):
            heading, _, intro = source[3:].partition("\n")
            after = "".join(cells[i + 1]["source"]) if i + 1 < len(cells) else ""
            plain = re.sub(r"[*`]", "", intro)
            found.append((heading.strip(), squeeze(plain), "page.figure" in after))
    return found


def lonely_headings(pdf: bytes, notebook) -> list[str]:
    """Return the headings whose page holds nothing of what they introduce, with the page."""
    out = []
    known = sections(notebook)
    for number, page in enumerate(PdfReader(__import__("io").BytesIO(pdf)).pages, 1):
        text = squeeze(FOOTER.sub("", page.extract_text()))
        rest = text
        for heading, intro, _ in known:
            rest = rest.replace(squeeze(heading), "").replace(intro, "")
        if text and not rest and not page.images:
            out.append(f"page {number} holds only headings and introductions")
        placed = [(text.rfind(squeeze(h)), h, intro, chart) for h, intro, chart in known]
        placed = [p for p in placed if p[0] >= 0]
        if not placed:
            continue
        at, heading, intro, chart = max(placed)
        after = text[at + len(squeeze(heading)) :].replace(intro, "", 1)
        if not after and not chart:
            out.append(f"page {number} ends with the heading '{heading}'")
    return out


def long_checks_folder(fixture_data):
    """Return Ana's fixture folder with 60 unknown exercises and 40 unreadable rows in W53."""
    log = fixture_data / "logs" / "ana.csv"
    rows = [f"ana,2026-12-29 18:00,s9,Mystery Move {i},1,working,20,kg,10,,,," for i in range(60)]
    bad = "Lat Pulldown (Cable),1,working,lots,kg,10,,,,"
    rows += [f"ana,2026-12-3{i % 2} 18:00,s9,{bad}" for i in range(40)]
    with log.open("a", encoding="utf-8") as handle:
        handle.write("\n".join(rows) + "\n")
    return fixture_data


@pytest.mark.kernel
def test_a_long_data_checks_table_starts_under_its_heading(fixture_data):
    folder = long_checks_folder(fixture_data)
    parameters = {"client": "ana", "week": "2026-W53", "data_dir": str(folder)}
    pdf = pdf_bytes(to_html(execute(WEEKLY_NOTEBOOK, parameters), "Ana", "test"))
    pages = PdfReader(__import__("io").BytesIO(pdf)).pages
    assert len(pages) >= 4  # the checks run over pages: the case the rule is for
    assert lonely_headings(pdf, WEEKLY_NOTEBOOK) == []
    # The heading's page has the accounting sentence and the first rows left out.
    text = next(p.extract_text() for p in pages if "Data checks" in p.extract_text())
    assert "The log has" in text and "Rows left out" in text


def test_the_rule_finds_a_heading_left_alone():
    # A heading stays with what follows it, so only a heading that nothing follows ends a
    # page: the rule must still see it.
    page = "<html><body>" + "<p>filler</p>" * 40 + "<h2>Data checks</h2></body></html>"
    assert "ends with the heading 'Data checks'" in " ".join(
        lonely_headings(pdf_bytes(page), WEEKLY_NOTEBOOK)
    )


@pytest.fixture(scope="module")
def roster_200(tmp_path_factory):
    folder = tmp_path_factory.mktemp("roster200") / "data"
    folder.mkdir()
    for name in ("catalogue.csv", "config.toml"):
        shutil.copy(DATA_DIR / name, folder / name)
    write_canonical_demo(folder, clients=200)
    return folder


@pytest.mark.kernel
def test_a_roster_of_200_clients_fits_in_10_pdf_pages(roster_200):
    executed = execute(ROSTER_NOTEBOOK, {"week": "2026-W47", "data_dir": str(roster_200)})
    page = to_html(executed, "Roster", "test")
    pdf = pdf_bytes(page)
    pages = PdfReader(__import__("io").BytesIO(pdf)).pages
    assert len(pages) <= 10
    first = " ".join(pages[0].extract_text().split())
    assert re.search(r"200 clients: \d+ need attention .*; \d+ on track; \d+ with no log", first)
    assert lonely_headings(pdf, ROSTER_NOTEBOOK) == []
    # One line per client, each linked to the client's own page beside the roster's.
    assert len(re.findall(r"<a href=[\"']c\d{3}\.html[\"']>Client \d+</a>", page)) == 200
