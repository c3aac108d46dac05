"""What a coach meets in JupyterLab: controls, one-line errors, clean notebooks.

The browser test (``test_lab_browser.py``) checks the same things end to end in Chromium;
these run without a browser: a real kernel for the errors, real ipywidgets for the controls.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import checkout
import pytest
from IPython.display import HTML

from backday_analysis.datafolder.roster import client_id, load_roster
from backday_analysis.errors import BackdayError
from backday_analysis.views import controls, pages
from dev import notebook_metadata

NOTEBOOKS = sorted(checkout.NOTEBOOKS_DIR.glob("*.ipynb"))


# ------------------------------------------------------------------ errors in one line


@pytest.mark.kernel
def test_a_backday_error_shows_its_sentence_alone_and_a_bug_its_traceback(tmp_path):
    import nbformat  # here, not at collection: its import builds an IRI grammar, a second
    from nbclient import NotebookClient

    node = nbformat.v4.new_notebook()
    node.cells = [
        nbformat.v4.new_code_cell(
            "from backday_analysis.views import client_week as cw\n"
            f"cw.client_week('zoe', data_dir={str(checkout.DATA_DIR)!r})"
        ),
        nbformat.v4.new_code_cell("def bug():\n    return 1 / 0\n\nbug()"),
    ]
    node.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    NotebookClient(node, timeout=120, allow_errors=True, kernel_name="python3").execute()
    coach, bug = (cell.outputs[-1] for cell in node.cells)
    assert coach.output_type == "error" and coach.ename == "BackdayError"
    assert len(coach.traceback) == 1
    assert "there is no client 'zoe' in the roster" in coach.traceback[0]
    assert "Traceback" not in coach.traceback[0] and "File " not in coach.traceback[0]
    assert bug.ename == "ZeroDivisionError" and len(bug.traceback) > 3
    assert any("bug()" in line for line in bug.traceback)


# ------------------------------------------------------------------ client by id or name


def test_a_client_is_named_by_id_or_by_display_name(fixture_data):
    roster = load_roster(fixture_data / "roster.csv")
    assert client_id(roster, "ana") == "ana"
    assert client_id(roster, "Ben Example") == "ben"
    assert client_id(roster, "  ben example ") == "ben"
    known = r"\(known: ana \(Ana Example\), ben \(Ben Example\)\)"
    with pytest.raises(BackdayError, match=rf"no client 'Zoe' in the roster {known}; check"):
        client_id(roster, "Zoe")


def test_a_display_name_shared_by_two_clients_asks_for_the_id(fixture_data):
    roster_file = fixture_data / "roster.csv"
    roster_file.write_text(roster_file.read_text() + "ben2,Ben Example,kg,80,\n")
    with pytest.raises(
        BackdayError, match=r"belongs to 2 clients \(ben, ben2\); use the client id"
    ):
        client_id(load_roster(roster_file), "Ben Example")


# ------------------------------------------------------------------ pages and controls


def _html(obj) -> str:
    return obj.data if isinstance(obj, HTML) else repr(obj)


def test_a_static_page_displays_once_and_keeps_no_handles(recorded):
    page = controls.Page(lambda who: f"<{who}>", {"who": "ava"})
    page.text(lambda model: f"Hello {model}", "h2")
    assert [_html(o) for o in recorded] == ["<h2>Hello &lt;ava&gt;</h2>"]
    assert page.sections == {}


def _last(page) -> list[str]:
    """Return what each output of the page shows now."""
    return [_html(section.handle.shown[-1]) for section in page.sections.values()]


def test_a_control_change_redraws_every_output_and_a_wrong_choice_keeps_the_last(recorded):
    def build(who):
        if who == "zoe":
            raise BackdayError("there is no client 'zoe'; pick one from the list.")
        return who.title()

    page = controls.Page(build, {"who": "ava"}, interactive=True)
    page.text(lambda model: f"Title {model}", "h2")
    page.text(lambda model: f"Table of {model}")
    assert page.update(who="ben") is True
    assert _last(page) == ["<h2>Title Ben</h2>", "<p>Table of Ben</p>"]
    assert page.update(who="zoe") is False
    # The outputs and the choice stay on the last one that worked; the panel says why.
    assert _last(page) == ["<h2>Title Ben</h2>", "<p>Table of Ben</p>"]
    assert page.values == {"who": "ben"}
    assert page.problem == "there is no client 'zoe'; pick one from the list."


def test_the_explorer_page_switches_client_from_its_dropdown(recorded, demo_data):
    page = pages.balance_page("Ava Jansen", data_dir=str(demo_data), interactive=True)
    page.text(lambda explorer: explorer.client_name, "h2")
    who = page.controls["client"]
    assert who.options == (
        ("Ava Jansen (ava)", "ava"),
        ("Ben Okafor (ben)", "ben"),
        ("Cleo Martin (cleo)", "cleo"),
        ("Dev Patel (dev)", "dev"),
        ("Eli Brooks (eli)", "eli"),
        ("Fay Laurent (fay)", "fay"),
        ("Gus Moreau (gus)", "gus"),
        ("Hana Sato (hana)", "hana"),
    )
    who.value = "fay"  # the demo's client who logs in lb
    assert page.model.client_id == "fay" and page.model.unit == "lb"
    assert _last(page) == ["<h2>Fay Laurent</h2>"]
    page.controls["start"].value = "10 Nov 2026"
    assert page.model.weeks == ["2026-W46", "2026-W47"]
    assert page.values["start"] == "2026-11-10"


def test_a_parameter_changed_in_a_later_cell_redraws_the_page_and_its_panel(recorded, demo_data):
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        shell.run_cell(
            "from backday_analysis.views import pages\n"
            f"client, data_dir = 'ava', {str(demo_data)!r}\n"
            "page = pages.balance_page(client, data_dir=data_dir, interactive=True)\n"
            "page.text(lambda explorer: explorer.client_name, 'h2')"
        ).raise_error()
        page = shell.user_ns["page"]
        shell.run_cell("1 + 1")  # a cell that changes nothing redraws nothing
        assert page.model.client_id == "ava"
        shell.run_cell("client = 'Ben Okafor'")  # the parameters cell, run on its own
        assert page.model.client_id == "ben" and page.controls["client"].value == "ben"
        assert _last(page) == ["<h2>Ben Okafor</h2>"]
    finally:
        InteractiveShell.clear_instance()


def test_a_rebuilt_page_takes_over_the_outputs_of_the_one_before(recorded, demo_data):
    first = pages.balance_page("ava", data_dir=str(demo_data), interactive=True)
    first.text(lambda explorer: explorer.client_name, "h2")
    second = pages.balance_page("cleo", data_dir=str(demo_data), interactive=True)
    handle = next(iter(second.sections.values())).handle
    assert [_html(o) for o in handle.shown] == ["<h2>Ava Jansen</h2>", "<h2>Cleo Martin</h2>"]
    assert first.sections == {} and first.controls["client"].disabled


def test_the_weekly_page_offers_the_clients_weeks_and_group_toggles(recorded, demo_data):
    page = pages.weekly_page("cleo", "2026-W45", str(demo_data), 4, None, interactive=True)
    when = page.controls["week"]
    assert when.value == "2026-W45"
    assert when.options[:2] == (("Latest logged (2026-W47)", "latest"), ("2026-W47", "2026-W47"))
    page.controls["groups"][0].value = False  # Lats off: redrawn without refetching data
    assert page.options["groups"] == ("traps", "rhomboids", "lower_back")
    page.controls["client"].value = "dev"
    assert page.model.client_id == "dev" and page.model.week == "2026-W45"


# ------------------------------------------------------------------ notebooks stay clean


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_carry_the_installed_kernel_and_no_outputs(notebook):
    from jupyter_client.kernelspec import KernelSpecManager

    node = json.loads(notebook.read_text(encoding="utf-8"))
    spec = KernelSpecManager().get_kernel_spec("python3")
    assert node["metadata"]["kernelspec"] == {
        "display_name": spec.display_name,
        "language": spec.language,
        "name": "python3",
    }
    info = notebook_metadata.kernel_metadata()["language_info"]
    assert {k: v for k, v in node["metadata"]["language_info"].items() if k != "version"} == {
        k: v for k, v in info.items() if k != "version"
    }
    for cell in node["cells"]:
        assert cell.get("outputs", []) == [] and cell.get("execution_count") is None
    params = [c for c in node["cells"] if "parameters" in c["metadata"].get("tags", [])]
    assert len(params) == 1 and "controls = True" in "".join(params[0]["source"])


def _stamped(folder: Path) -> tuple[Path, str]:
    """Stamp a copy of the weekly notebook without a version; return it and its text before."""
    copy = folder / "weekly_report.ipynb"
    shutil.copy(checkout.NOTEBOOKS_DIR / "weekly_report.ipynb", copy)
    node = json.loads(copy.read_text())
    node["metadata"]["language_info"].pop("version", None)
    copy.write_text(json.dumps(node, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    stripped = copy.read_text()
    assert notebook_metadata.main(folder) == [copy]
    return copy, stripped


def test_stamping_writes_the_kernel_version_once(tmp_path):
    copy, _ = _stamped(tmp_path)
    assert notebook_metadata.main(tmp_path) == []
    version = json.loads(copy.read_text())["metadata"]["language_info"]["version"]
    assert version == f"{sys.version_info.major}.{sys.version_info.minor}.{sys.version_info.micro}"


@pytest.mark.slow  # nbstripout in a new interpreter: nbformat builds its IRI grammar, a second
def test_the_git_filter_takes_the_stamp_out_again(tmp_path):
    copy, stripped = _stamped(tmp_path)
    # The git filter's command gives back the committed form, byte for byte.
    cleaned = subprocess.run(
        [
            sys.executable,
            "-m",
            "nbstripout",
            "--keep-id",
            "--extra-keys",
            "metadata.language_info.version",
            "-t",
            str(copy),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert cleaned == stripped


def test_gitattributes_sends_notebooks_through_the_filter():
    text = (checkout.ROOT / ".gitattributes").read_text()
    assert "*.ipynb filter=nbstripout" in text
    makefile = (checkout.ROOT / "Makefile").read_text()
    assert "filter.nbstripout.clean" in makefile and "--ServerApp.root_dir" in makefile
    assert Path(checkout.ROOT / "notebooks").is_dir() and checkout.DATA_DIR.is_dir()
