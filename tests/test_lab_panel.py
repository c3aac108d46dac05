"""The control panel in step with its notebook, without a browser.

Real ipywidgets and a real IPython shell; ``test_lab_browser.py`` drives the same panel in
JupyterLab and Chromium. Demo data: Ava's and Ben's latest logged week is 2026-W47.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import struct
import subprocess

import ipywidgets as widgets
import pytest
from IPython.display import HTML

from backday_analysis import BACK_GROUPS, GROUPS
from backday_analysis.charts import balance as bf
from backday_analysis.charts import weekly as wf
from backday_analysis.errors import BackdayError
from backday_analysis.views import balance_explorer as be
from backday_analysis.views import choosers, controls, lab_widgets, pages
from backday_analysis.views import client_week as cw
from backday_analysis.views.display import text_output


@pytest.fixture
def shell():
    from IPython.core.interactiveshell import InteractiveShell

    yield InteractiveShell.instance()
    InteractiveShell.clear_instance()


def _html(obj) -> str:
    return obj.data if isinstance(obj, HTML) else repr(obj)


def _last(page) -> list[str]:
    return [_html(section.handle.shown[-1]) for section in page.sections.values()]


def _title(model) -> str:
    return text_output(cw.title(model), "h2").data


def _panels(shown) -> int:
    return sum("backday-controls" in getattr(o, "_dom_classes", ()) for o in shown)


# ------------------------------------------------------------------ refused choices


def test_an_error_in_run_all_keeps_the_panel_and_the_last_choice(recorded, demo_data):
    first = pages.weekly_page("ava", "latest", str(demo_data), interactive=True)
    first.text(cw.title, "h2")
    # Run All with a wrong client in the parameters cell: no exception, a panel all the same.
    second = pages.weekly_page("Zoe", "latest", str(demo_data), interactive=True)
    assert _panels(recorded) == 2
    assert second.model.client_id == "ava" and second.values["client"] == "ava"
    assert second.controls["client"].value == "ava"
    assert second.controls["week"].value == "latest"
    assert _last(second) == [_title(second.model)]
    status = second.status.value
    assert "color:#b00020" in status and "⚠ " in status
    assert "there is no client &#x27;Zoe&#x27; in the roster" in status
    assert status.endswith("Still showing Ava Jansen, week 2026-W47.</span>")


def test_a_wrong_parameter_in_a_fresh_kernel_shows_nothing_until_a_pick(recorded, demo_data):
    page = pages.weekly_page("Zoe", "latest", str(demo_data), interactive=True)
    page.text(cw.title, "h2")
    assert page.model is None and _last(page) == [controls.NOTHING]
    assert page.controls["client"].value is None and page.controls["week"].value is None
    assert "Pick a choice above to show one." in page.status.value
    page.controls["client"].value = "ben"  # the recovery, from the dropdown
    assert page.model.client_id == "ben" and page.problem is None
    assert _last(page) == [_title(page.model)]
    assert page.controls["week"].value == "latest"
    assert page.status.value == "<span style='color:#555'></span>"


def test_a_refused_date_puts_the_box_back_on_the_date_shown(recorded, demo_data):
    page = pages.balance_page("ava", data_dir=str(demo_data), interactive=True)
    start, end = page.controls["start"], page.controls["end"]
    start.value = "31 Feb 2026"
    assert start.value == "" and page.values["start"] == ""
    assert "From &#x27;31 Feb 2026&#x27; is not a date" in page.status.value
    start.value = "2026-11-09"
    assert start.value == "09 Nov 2026" and page.values["start"] == "2026-11-09"
    assert page.model.weeks == ["2026-W46", "2026-W47"]
    end.value = "1 Nov 2026"  # before the start
    assert end.value == "" and page.values["end"] == ""
    assert "is after end" in page.status.value
    assert page.model.weeks == ["2026-W46", "2026-W47"]


def test_days_are_read_in_the_pages_form_and_iso_and_written_as_the_pages_write_them():
    day = dt.date(2026, 11, 16)
    for text in ("16 Nov 2026", "16 november 2026", " 16  Nov 2026 ", "2026-11-16"):
        assert choosers.parse_day(text) == day
    assert choosers.parse_day("") is None
    assert choosers.day_text(day) == "16 Nov 2026"
    assert choosers.day_text(None) == ""
    for text in ("2026", "16/11/2026", "31 Feb 2026", "16 Nov 26", "0202-11"):
        with pytest.raises(BackdayError, match=r"write it as 16 Nov 2026 \(or 2026-11-16\)"):
            choosers.parse_day(text, "From")


def test_date_boxes_report_a_date_once_it_is_complete():
    box = choosers.date_box("From", "first logged day")
    assert box.continuous_update is False and box.placeholder == "first logged day"
    assert "16 Nov 2026" in box.tooltip


# ------------------------------------------------------------------ parameters cell


def test_run_all_keeps_the_panels_choice_and_the_parameters_follow_it(recorded, shell, demo_data):
    parameters = f"client = 'ava'\nweek = 'latest'\ndata_dir = {str(demo_data)!r}"
    build = (
        "from backday_analysis.views import pages\n"
        "page = pages.weekly_page(client, week, data_dir, interactive=True)"
    )
    shell.run_cell(parameters).raise_error()
    shell.run_cell(build).raise_error()
    page = shell.user_ns["page"]
    page.controls["client"].value = "ben"
    assert shell.user_ns["client"] == "ben"
    assert page.parameters.bridge.assignments == {"client": '"ben"', "week": '"latest"'}

    # Run All before the browser rewrote the parameters cell: the panel's choice stays.
    shell.run_cell(parameters).raise_error()
    assert shell.user_ns["client"] == "ben"
    shell.run_cell(build).raise_error()
    page = shell.user_ns["page"]
    assert page.model.client_id == "ben" and page.controls["client"].value == "ben"

    # Once the browser has written the cell, a value the coach types there wins.
    written = {"written": {"client": '"ben"', "week": '"latest"'}}
    page.parameters.bridge._handle_custom_msg(written, [])
    assert page.given["client"] == "ben"
    shell.run_cell("client = 'Ava Jansen'").raise_error()
    assert page.model.client_id == "ava" and page.controls["client"].value == "ava"
    assert page.parameters.bridge.assignments["client"] == '"Ava Jansen"'


NODE = shutil.which("node")


@pytest.mark.skipif(NODE is None, reason="Node.js is not installed")
def test_the_browser_rewrites_the_assignments_and_keeps_the_comments(tmp_path):
    module = tmp_path / "bridge.mjs"
    module.write_text(lab_widgets.PARAMETERS_ESM)
    script = (
        f"import {{ rewrite }} from {json.dumps(module.as_uri())};\n"
        "console.log(JSON.stringify(rewrite(process.argv[1], JSON.parse(process.argv[2]))));"
    )
    source = (
        'client = "ava"  # client id or name\n'
        'week = "latest"\n'
        'start = ""   # first day # as YYYY-MM-DD\n'
        'note = "a # b"  # a hash in a string\n'
        "clients = 3\n"
        "controls = True"
    )
    assignments = {
        "client": '"ben"',
        "week": '"latest"',
        "start": '"2026-11-16"',
        "note": '"c"',
        "beside": '""',
    }
    result = subprocess.run(
        [NODE, "--input-type=module", "-e", script, source, json.dumps(assignments)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout) == (
        'client = "ben"  # client id or name\n'
        'week = "latest"\n'
        'start = "2026-11-16"   # first day # as YYYY-MM-DD\n'
        'note = "c"  # a hash in a string\n'
        "clients = 3\n"
        "controls = True\n"
        'beside = ""'
    )


def test_literals_are_written_as_the_parameters_cell_writes_them():
    assert lab_widgets.literal('Zoë "Z"') == '"Zoë \\"Z\\""'
    assert lab_widgets.literal(16) == "16" and lab_widgets.literal(None) == "None"


# ------------------------------------------------------------------ groups and charts


def test_group_ticks_come_from_a_list_and_no_group_says_what_to_do(recorded, demo_data):
    page = pages.weekly_page("ava", "latest", str(demo_data), interactive=True)
    page.figure(wf.volume_history, "groups")
    ticks = page.controls["groups"]
    assert all(isinstance(t, widgets.Checkbox) for t in ticks)  # a tick, not a shade
    # Every group of the body can be drawn; the back's four start ticked, as a report draws.
    assert [t.description for t in ticks] == [cw.GROUP_LABELS[g] for g in GROUPS]
    assert pages.GROUPS_DRAWN == GROUPS and pages.GROUPS_TICKED == BACK_GROUPS
    assert [t.description for t in ticks if t.value] == [cw.GROUP_LABELS[g] for g in BACK_GROUPS]
    assert page.options["groups"] == BACK_GROUPS
    for tick in ticks:
        tick.value = False
    assert page.options["groups"] == ()
    assert _last(page) == [text_output(pages.NO_GROUP).data]  # a sentence, not empty axes
    assert pages.NO_GROUP in page.status.value
    ticks[2].value = True
    ticks[GROUPS.index("chest")].value = True
    assert page.options["groups"] == ("rhomboids", "chest")
    assert _last(page)[0].startswith("<IPython.core.display.Image")
    assert page.status.value == "<span style='color:#555'></span>"


def test_a_chart_is_saved_as_png_and_svg_drawn_anew(recorded, demo_data, monkeypatch):
    page = pages.weekly_page("ben", "latest", str(demo_data), interactive=True)
    page.figure(wf.volume_history, "groups")
    saver = next(iter(page.sections.values())).saver
    assert saver.targets == [""]
    sent = []
    monkeypatch.setattr(saver, "send", lambda content, buffers: sent.append((content, buffers)))
    saver._handle_custom_msg({"save": "png", "which": 0, "view": "v1"}, [])
    saver._handle_custom_msg({"save": "svg", "which": 0, "view": "v1"}, [])
    (png_about, [png]), (svg_about, [svg]) = sent
    assert png_about == {
        "file": "ben_2026-W47_volume_history.png",
        "mime": "image/png",
        "view": "v1",
    }
    assert svg_about["file"] == "ben_2026-W47_volume_history.svg"
    assert svg_about["mime"] == "image/svg+xml"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (1440, 640)  # 7.2 × 3.2 inches at 200 dots per inch
    assert svg.lstrip().startswith(b"<?xml") and b"<svg" in svg[:1000]
    for tick in page.controls["groups"]:
        tick.value = False
    assert saver.targets == []  # nothing is drawn, so there is nothing to save
    saver._handle_custom_msg({"save": "png", "which": 0, "view": "v1"}, [])
    assert len(sent) == 2


# ------------------------------------------------------------------ client search


def test_the_client_search_lists_the_names_that_match_every_word():
    roster = [(f"Client {i:03d} (c{i:03d})", f"c{i:03d}") for i in range(200)]
    finder = choosers.ClientFinder([*roster, ("Ben Okafor (ben)", "ben")], "Client")
    finder.search.value = "OKA"
    assert finder.matches.options == (("Ben Okafor (ben)", "ben"),)
    assert finder.matches.value is None and finder.matches.layout.display == "flex"
    assert "1 match: click it." in finder.note.value
    finder.search.value = "client 15"  # 015, 115 and 150 to 159
    assert [v for _, v in finder.matches.options] == [
        "c015",
        "c115",
        *(f"c15{i}" for i in range(6)),
    ]
    assert "12 clients match; the first 8 are listed: type more." in finder.note.value
    finder.search.value = "zzz"
    assert finder.matches.options == () and "No client matches “zzz”." in finder.note.value
    finder.search.value = ""
    assert finder.matches.layout.display == "none" and finder.note.value.endswith("></span>")


def test_a_client_found_by_search_is_shown(recorded, demo_data):
    page = pages.weekly_page("ava", "latest", str(demo_data), interactive=True)
    [finder] = page.controls["finders"]
    finder.search.value = "laur"
    assert finder.matches.options == (("Fay Laurent (fay)", "fay"),)
    finder.matches.value = "fay"  # the coach clicks the match
    assert page.model.client_id == "fay" and page.controls["client"].value == "fay"
    assert finder.search.value == "" and finder.matches.layout.display == "none"


# ------------------------------------------------------------------ side by side


def test_the_explorer_puts_a_second_client_beside_the_first(recorded, demo_data):
    page = pages.balance_page("ava", data_dir=str(demo_data), interactive=True)
    page.text(be.title, "h2")
    page.table(be.summary_table)
    page.figure(bf.shares_over_time)
    page.controls["beside"].value = "ben"
    title, summary, chart = _last(page)
    for shown in (title, summary, chart):
        assert shown.startswith("<div class='backday-pair' style='display:flex;flex-wrap:wrap")
    assert "Ava Jansen — back balance" in title and "Ben Okafor — back balance" in title
    assert summary.count("<table") == 2
    assert summary.index(">Ava Jansen</div>") < summary.index(">Ben Okafor</div>")
    assert chart.count("src='data:image/png;base64,") == 2
    saver = list(page.sections.values())[2].saver
    assert saver.targets == ["Ava Jansen", "Ben Okafor"]
    assert page.parameters.names == {} and page.values["beside"] == "ben"
    page.controls["beside"].value = ""
    assert _last(page)[0] == text_output(be.title(page.model), "h2").data
    assert saver.targets == [""]


def test_a_client_beside_that_is_not_in_the_roster_is_refused(recorded, demo_data):
    page = pages.balance_page("ava", data_dir=str(demo_data), interactive=True, beside="Zoe")
    assert page.model is None and page.controls["beside"].value == ""
    assert "beside: " in page.status.value and "no client &#x27;Zoe&#x27;" in page.status.value


def test_a_report_run_shows_two_clients_side_by_side_too(recorded, demo_data):
    page = pages.balance_page("ava", data_dir=str(demo_data), beside="Cleo Martin")
    page.text(be.title, "h2")
    [title] = recorded
    assert "Ava Jansen — back balance" in title.data and "Cleo Martin — back balance" in title.data
