"""The control panel in a real JupyterLab, in Debian's Chromium, driven by Playwright.

The weekly report: a wrong client in the parameters cell is refused in the panel, which
keeps showing the last choice; a client picked from the dropdown recovers, and is written
into the parameters cell; Run All keeps it; a wrong client during Run All leaves the panel on
screen. Group ticks, the sentence when none is ticked, and a chart saved as PNG and SVG.
The explorer: a date typed key by key redraws once, when it is complete; the client search;
a second client side by side.

Skipped without Chromium or Playwright. Set ``BACKDAY_SHOTS`` to a folder to keep
screenshots of each step.
"""

from __future__ import annotations

import shutil

import pytest
from lab_session import (
    CHROMIUM,
    chromium_browser,
    errors,
    loopback_only,
    open_notebook,
    run_all,
    served_copy,
    shot,
)

from backday_analysis.views import pages

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.kernel,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed"),
]

PANEL = ".jp-Notebook .backday-controls"
STATUS = f"{PANEL} .backday-status"
TITLE = ".jp-Notebook .jp-OutputArea-output h2"
WAIT = 60_000
# The parameters cell's source, from JupyterLab's own model.
PARAMETERS_JS = """() => {
  const cells = window.jupyterapp.shell.currentWidget.content.model.sharedModel.cells;
  return cells.find(c => (c.getMetadata().tags || []).includes('parameters')).getSource();
}"""
# Edit the parameters cell; run it alone when asked.
EDIT_JS = """([before, after, run]) => {
  const panel = window.jupyterapp.shell.currentWidget;
  const index = panel.content.widgets.findIndex(
    c => (c.model.getMetadata('tags') || []).includes('parameters'));
  const cell = panel.content.widgets[index];
  cell.model.sharedModel.setSource(cell.model.sharedModel.getSource().replace(before, after));
  panel.content.activeCellIndex = index;
  return run ? window.jupyterapp.commands.execute('notebook:run-cell') : null;
}"""
# Count the explorer's title as drawn anew: each redraw puts a new <h2> on the page.
COUNT_TITLES_JS = """() => {
  window.backdayTitles = 0;
  new MutationObserver(records => {
    for (const r of records) for (const node of r.addedNodes)
      if (node.querySelectorAll)
        window.backdayTitles += node.matches('h2') + node.querySelectorAll('h2').length;
  }).observe(document.querySelector('.jp-Notebook'), {childList: true, subtree: true});
}"""


@pytest.fixture(scope="module")
def lab(tmp_path_factory, demo_data):
    with served_copy(tmp_path_factory.mktemp("lab-panel"), demo_data) as server:
        yield server


@pytest.fixture(scope="module")
def browser(lab):
    with playwright_api.sync_playwright() as driver, chromium_browser(driver) as chromium:
        yield chromium


def _page(browser, width=1024, height=900):
    context = browser.new_context(
        viewport={"width": width, "height": height}, accept_downloads=True
    )
    context.route("**/*", loopback_only)
    return context.new_page()


def _open(page, lab, notebook: str, copy: str) -> None:
    """Open a copy of ``notebook``: each test has its own file and kernel."""
    shutil.copy(lab.root / "notebooks" / notebook, lab.root / "notebooks" / copy)
    open_notebook(page, lab, f"notebooks/{copy}")


def _wait_text(page, selector: str, text: str, present: bool = True) -> None:
    page.wait_for_function(
        """([sel, text, present]) => { const n = document.querySelector(sel);
           return n && n.innerText.includes(text) === present; }""",
        arg=[selector, text, present],
        timeout=WAIT,
    )


def _wait_parameters(page, text: str) -> None:
    """Wait until the parameters cell holds ``text`` (the browser writes it)."""
    page.wait_for_function(f"text => ({PARAMETERS_JS})().includes(text)", arg=text, timeout=WAIT)


def _chosen(page, index: int = 0) -> str:
    dropdown = page.locator(f"{PANEL} .widget-dropdown select").nth(index)
    return dropdown.evaluate("s => s.options[s.selectedIndex]?.text ?? ''").replace("\xa0", " ")


def _pick(page, label: str, index: int = 0) -> None:
    dropdown = page.locator(f"{PANEL} .widget-dropdown select").nth(index)
    labels = [o.replace("\xa0", " ") for o in dropdown.locator("option").all_inner_texts()]
    dropdown.select_option(index=labels.index(label))


def test_a_refused_client_recovery_run_all_and_an_error_during_run_all(lab, browser):
    page = _page(browser)
    _open(page, lab, "weekly_report.ipynb", "weekly_errors.ipynb")
    run_all(page, 2)
    assert errors(page) == []
    before = page.evaluate(PARAMETERS_JS)
    assert 'client = "ava"  # client id or name' in before
    _wait_text(page, TITLE, "Ava Jansen")

    # An error: the parameters cell names a client who is not in the roster.
    page.evaluate(EDIT_JS, ['client = "ava"', 'client = "Zoe"', True])
    _wait_text(page, STATUS, "there is no client 'Zoe' in the roster")
    assert "Still showing Ava Jansen, week 2026-W47." in page.locator(STATUS).inner_text()
    assert _chosen(page) == "Ava Jansen (ava)" and _chosen(page, 1).startswith("Latest logged")
    assert "Ava Jansen" in page.locator(TITLE).first.inner_text()
    shot(page, "panel_after_error", PANEL)

    # The recovery, from the dropdown; the parameters cell follows.
    _pick(page, "Ben Okafor (ben)")
    _wait_text(page, TITLE, "Ben Okafor")
    _wait_text(page, STATUS, "Zoe", present=False)
    _wait_parameters(page, 'client = "ben"')
    assert page.evaluate(PARAMETERS_JS) == before.replace('"ava"', '"ben"', 1)
    shot(page, "panel_after_recovery", PANEL)

    # Run All keeps the choice.
    run_all(page, 2)
    _wait_text(page, TITLE, "Ben Okafor")
    assert _chosen(page) == "Ben Okafor (ben)" and errors(page) == []
    assert page.locator(PANEL).count() == 1

    # An error during Run All: the panel stays, on the last choice that worked.
    page.evaluate(EDIT_JS, ['client = "ben"', 'client = "Zoe"', False])
    run_all(page, 2)
    _wait_text(page, STATUS, "there is no client 'Zoe' in the roster")
    assert page.locator(PANEL).count() == 1 and errors(page) == []
    assert _chosen(page) == "Ben Okafor (ben)"
    assert "Ben Okafor" in page.locator(TITLE).first.inner_text()
    shot(page, "panel_after_run_all_error", PANEL)
    page.context.close()


def test_group_ticks_the_empty_selection_and_saving_a_chart(lab, browser, tmp_path):
    page = _page(browser)
    _open(page, lab, "weekly_report.ipynb", "weekly_ticks.ipynb")
    run_all(page, 2)
    ticks = page.locator(f"{PANEL} .widget-checkbox input")
    # Every group of the body can be ticked; the back's four start ticked.
    assert ticks.count() == len(pages.GROUPS_DRAWN)
    assert [ticks.nth(i).is_checked() for i in range(ticks.count())] == [
        g in pages.GROUPS_TICKED for g in pages.GROUPS_DRAWN
    ]
    # The second chart draws the ticked groups (the first, the back against the rest,
    # draws regions).
    chart = ".jp-Notebook .jp-OutputArea-output img"
    first_chart = page.locator(chart).nth(1).get_attribute("src")
    shot(page, "ticks_all_on", PANEL)

    ticks.nth(0).uncheck()
    ticks.nth(2).uncheck()
    page.wait_for_function(
        "([sel, src]) => document.querySelectorAll(sel)[1].getAttribute('src') !== src",
        arg=[chart, first_chart],
        timeout=WAIT,
    )
    assert [ticks.nth(i).is_checked() for i in range(4)] == [False, True, False, True]
    shot(page, "ticks_two_off", PANEL)

    ticks.nth(1).uncheck()
    ticks.nth(3).uncheck()
    _wait_text(page, ".jp-Notebook", "No group is ticked, so there is nothing to draw")
    message = page.locator(".jp-OutputArea-output p", has_text="No group is ticked")
    assert message.count() == 1  # in place of the chart of the groups
    saves = page.locator(".jp-Notebook .backday-save")
    assert [saves.nth(i).locator("button").count() for i in range(2)] == [2, 0]
    shot(page, "no_group_ticked", ".jp-OutputArea-output p >> text=No group is ticked")

    for i in range(4):
        ticks.nth(i).check()
    page.wait_for_function(
        "n => document.querySelectorAll('.jp-Notebook .jp-OutputArea-output img').length >= n",
        arg=2,
        timeout=WAIT,
    )
    buttons = page.locator(".jp-Notebook .backday-save").nth(1).locator("button")
    buttons.first.wait_for(timeout=WAIT)  # the buttons come with the redrawn chart
    assert buttons.all_inner_texts() == ["Save PNG", "Save SVG"]
    for fmt, start in (("svg", b"<?xml"), ("png", b"\x89PNG\r\n\x1a\n")):
        with page.expect_download(timeout=WAIT) as download:
            buttons.filter(has_text=f"Save {fmt.upper()}").click()
        assert download.value.suggested_filename == f"ava_2026-W47_volume_history.{fmt}"
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        assert saved.read_bytes().startswith(start)
    page.context.close()


def test_a_date_typed_key_by_key_redraws_once_then_search_and_side_by_side(lab, browser):
    page = _page(browser)
    _open(page, lab, "back_balance.ipynb", "balance_dates.ipynb")
    run_all(page, 5)
    _wait_text(page, TITLE, "Ava Jansen")
    page.evaluate(COUNT_TITLES_JS)

    start = page.locator(f"{PANEL} .widget-text input").nth(2)  # two searches, then From
    start.click()
    start.press_sequentially("16 Nov 2026", delay=80)
    page.wait_for_timeout(1500)
    assert page.evaluate("() => window.backdayTitles") == 0  # nothing redrawn while typing
    start.press("Enter")
    _wait_text(page, TITLE, "2026-W47 to 2026-W47")
    page.wait_for_timeout(2000)
    assert page.evaluate("() => window.backdayTitles") == 1
    assert start.input_value() == "16 Nov 2026"
    _wait_parameters(page, 'start = "2026-11-16"')
    shot(page, "date_box", PANEL)

    search = page.locator(f"{PANEL} input[placeholder='search by name']").first
    search.press_sequentially("oka", delay=50)
    matches = page.locator(f"{PANEL} .widget-select select").first
    _wait_text(page, PANEL, "1 match: click it.")
    assert [o.replace("\xa0", " ") for o in matches.locator("option").all_inner_texts()] == [
        "Ben Okafor (ben)"
    ]
    shot(page, "client_search", PANEL)
    matches.select_option(index=0)
    _wait_text(page, TITLE, "Ben Okafor")
    assert _chosen(page) == "Ben Okafor (ben)" and search.input_value() == ""
    page.context.close()


def test_two_clients_side_by_side(lab, browser):
    page = _page(browser, width=1440, height=1000)
    _open(page, lab, "back_balance.ipynb", "balance_beside.ipynb")
    run_all(page, 5)
    _pick(page, "Cleo Martin (cleo)", index=1)  # the "Beside" dropdown
    page.wait_for_function(
        "() => document.querySelectorAll('.jp-Notebook .backday-pair h2').length === 2",
        timeout=WAIT,
    )
    titles = page.locator(".jp-Notebook .backday-pair h2").all_inner_texts()
    assert "Ava Jansen — back balance" in titles[0] and "Cleo Martin — back balance" in titles[1]
    # Side by side once the redraw settles (on a busy machine the second half lands later).
    page.wait_for_function(
        """() => { const [a, b] = [...document.querySelectorAll('.jp-Notebook .backday-pair h2')]
                     .map(h => h.getBoundingClientRect());
                   return b.x > a.x + 300 && Math.abs(b.y - a.y) < 5; }""",
        timeout=WAIT,
    )
    _wait_parameters(page, 'beside = "cleo"')
    assert errors(page) == []
    shot(page, "side_by_side", PANEL)
    shot(page, "side_by_side_charts", ".jp-Notebook .backday-pair img")
    page.context.close()
