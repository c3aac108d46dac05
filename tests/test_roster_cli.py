"""``backday report --roster --coach NAME``: one coach's roster page, as a coach runs it."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from pypdf import PdfReader

from backday_analysis.datafolder.roster import load_roster, save_roster

BACKDAY = [sys.executable, "-m", "backday_analysis"]


@pytest.fixture
def coached(demo_data, tmp_path):
    """Return a copy of the demo data folder whose roster gives Maria three clients."""
    folder = tmp_path / "data"
    shutil.copytree(demo_data, folder)
    roster = load_roster(folder / "roster.csv")
    roster["coach"] = ["Maria", "Maria", "Joe", "Joe", "Maria", "", "Joe", ""]
    save_roster(roster, folder / "roster.csv")
    assert (folder / "roster.csv").read_text().splitlines()[0].endswith(",timezone,coach")
    return folder


@pytest.mark.kernel
def test_one_coachs_roster_page(coached, tmp_path):
    folder = coached
    out = tmp_path / "reports"
    result = subprocess.run(
        [*BACKDAY, "report", "--roster", "--coach", "maria", "--week", "2026-W47",
         "--data", str(folder), "--out", str(out)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    page = out / "2026-W47" / "roster-maria.pdf"
    text = " ".join(p.extract_text() for p in PdfReader(page).pages)
    assert "Roster overview for maria" in text and "3 clients:" in text
    for name in ("Ava Jansen", "Ben Okafor", "Eli Brooks"):
        assert name in text
    assert "Cleo Martin" not in text and "Fay Laurent" not in text
    html = (out / "2026-W47" / "roster-maria.html").read_text(encoding="utf-8")
    assert 'href="ben.html"' in html  # beside the clients' own pages


def test_a_coach_without_roster_is_one_sentence_and_exit_2(coached, tmp_path):
    folder, out = coached, tmp_path / "reports"
    wrong = subprocess.run(
        [*BACKDAY, "report", "--coach", "maria", "--data", str(folder), "--out", str(out)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert wrong.returncode == 2
    assert wrong.stderr.strip() == (
        "error: --coach maria picks one coach's roster page; add --roster."
    )


def test_a_roster_without_coaches_keeps_its_columns(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("client_id,name,unit,bodyweight_kg,timezone\na,Ann,kg,60,\n")
    roster = load_roster(path)
    assert roster["coach"].tolist() == [""]
    save_roster(roster, path)
    assert path.read_text() == "client_id,name,unit,bodyweight_kg,timezone\na,Ann,kg,60,\n"
