"""The back balance explorer in a real JupyterLab, in Debian's Chromium, driven by Playwright.

JupyterLab runs on a loopback port from this virtual environment with the project's kernel
(``make`` installs it); Playwright drives the system's ``chromium`` (no browser download).
The test opens ``back_balance.ipynb``, checks it is not marked changed, runs all cells from
the Run menu, checks that no cell shows an error, then picks another client in the control
panel and checks that the title and the summary table change in place. It is skipped when
Chromium or Playwright is missing; ``.ci/run`` installs Debian's ``chromium``.

Set ``BACKDAY_SHOTS`` to a folder to keep screenshots of the explorer before and after the
switch; the time from "Run All" to the last chart is printed (``pytest -s``), not asserted.
"""

from __future__ import annotations

import re

import pytest
from lab_session import (
    CHROMIUM,
    DIRTY_JS,
    KERNEL_JS,
    chromium_browser,
    errors,
    loopback_only,
    open_notebook,
    run_all,
    served_copy,
    shot,
)

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed"),
    pytest.mark.browser,
    pytest.mark.kernel,
]

#: Charts of the explorer: shares, pulling, grips, training days, one-rep max.
EXPLORER_CHARTS = 7  # five of the back's balance, two of the back against the rest
TITLE = ".jp-Notebook .jp-OutputArea-output h2"
CONTROLS = ".jp-Notebook .backday-controls"


@pytest.fixture(scope="module")
def lab(tmp_path_factory, demo_data):
    with served_copy(tmp_path_factory.mktemp("lab"), demo_data) as server:
        yield server


@pytest.fixture(scope="module")
def browser_page(lab):
    with playwright_api.sync_playwright() as driver, chromium_browser(driver) as browser:
        context = browser.new_context(viewport={"width": 1024, "height": 900})
        context.route("**/*", loopback_only)
        try:
            yield context.new_page()
        finally:
            context.close()


def _summary_table(page) -> str:
    return page.locator(".jp-Notebook .jp-OutputArea-output table").first.inner_text()


def test_explorer_runs_without_errors_and_the_client_control_redraws_it(lab, browser_page):
    page = browser_page
    open_notebook(page, lab, "notebooks/back_balance.ipynb")
    assert page.evaluate(KERNEL_JS)[0] == "python3"
    # The kernelspec in the file matches the installed kernel: opening changes nothing.
    page.wait_for_timeout(1000)
    assert page.evaluate(DIRTY_JS) is False

    seconds = run_all(page, EXPLORER_CHARTS)
    print(f"\nback_balance.ipynb: Run All to the last chart in {seconds:.1f} s")
    assert errors(page) == []
    title = page.locator(TITLE).first
    assert "Ava Jansen — back balance" in title.inner_text()
    before = _summary_table(page)
    page.locator(CONTROLS).scroll_into_view_if_needed()
    shot(page, "explorer_before")

    dropdown = page.locator(f"{CONTROLS} select").first
    # ipywidgets shows spaces in option labels as no-break spaces.
    labels = [o.replace("\xa0", " ") for o in dropdown.locator("option").all_inner_texts()]
    assert labels == [
        "Ava Jansen (ava)",
        "Ben Okafor (ben)",
        "Cleo Martin (cleo)",
        "Dev Patel (dev)",
        "Eli Brooks (eli)",
        "Fay Laurent (fay)",
        "Gus Moreau (gus)",
        "Hana Sato (hana)",
    ]
    dropdown.select_option(index=labels.index("Ben Okafor (ben)"))
    page.wait_for_function(
        "sel => document.querySelector(sel).innerText.includes('Ben Okafor')",
        arg=TITLE,
        timeout=60_000,
    )
    page.wait_for_function(
        "() => !document.querySelector('.backday-controls').innerText.includes('Updating')",
        timeout=60_000,
    )
    assert "Ava" not in title.inner_text()
    after = _summary_table(page)
    assert after != before
    # Still one title and one summary: the outputs were replaced, not added.
    assert page.locator(TITLE).count() == 1
    assert re.search(r"Lats\s", after)
    assert errors(page) == []
    shot(page, "explorer_after")


def test_the_parameters_cell_run_on_its_own_redraws_the_page(lab, browser_page):
    # Follows the test above, in the same notebook: Ben is shown, and the panel wrote him
    # into the parameters cell.
    page = browser_page
    page.wait_for_function(
        """() => window.jupyterapp.shell.currentWidget.content.widgets[1].model.sharedModel
                 .getSource().startsWith('client = "ben"  # client id or name')""",
        timeout=60_000,
    )
    page.evaluate(
        """() => {
          const panel = window.jupyterapp.shell.currentWidget;
          const cell = panel.content.widgets[1];
          cell.model.sharedModel.setSource(
            cell.model.sharedModel.getSource().replace('client = "ben"', 'client = "Cleo Martin"'));
          panel.content.activeCellIndex = 1;
          return window.jupyterapp.commands.execute('notebook:run-cell');
        }"""
    )
    page.wait_for_function(
        "sel => document.querySelector(sel).innerText.includes('Cleo Martin')",
        arg=TITLE,
        timeout=60_000,
    )
    selected = page.locator(f"{CONTROLS} select").first.evaluate("s => s.selectedIndex")
    assert selected == 2  # Cleo Martin (cleo), third by name
    assert page.locator(TITLE).count() == 1
    assert errors(page) == []
