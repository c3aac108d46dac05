"""Hostile strings from clients' files: shown as text, never run, never used as paths."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from command_line import backday_in_process

from backday_analysis import paths
from backday_analysis.atomic import spreadsheet_safe

SCRIPT_NAME = "<script>alert('name')</script> O'Neil \"Jr\""
EVIL_ID = "../../evil client"
EXERCISE = "<img src=x onerror=alert(1)> Lat Pulldown"
FORMULA_ID = '=HYPERLINK("http://example.invalid")'


@pytest.fixture
def hostile_data(fixture_data: Path) -> Path:
    roster = fixture_data / "roster.csv"
    with roster.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([EVIL_ID, SCRIPT_NAME, "kg", "70", ""])
        writer.writerow([FORMULA_ID, "@SUM(A1)", "kg", "70", ""])
    for client in (EVIL_ID, FORMULA_ID):
        rows = io.StringIO()
        writer = csv.writer(rows, lineterminator="\n")
        writer.writerow(
            [
                "client",
                "performed_at",
                "session_id",
                "exercise",
                "set_number",
                "set_kind",
                "weight",
                "unit",
                "reps",
                "rpe",
                "rir",
                "notes",
                "source",
            ]
        )
        for day in ("2026-11-09", "2026-11-12"):
            writer.writerow(
                [
                    client,
                    f"{day} 18:00",
                    "<b>s</b>",
                    "Lat Pulldown (Cable)",
                    1,
                    "working",
                    50,
                    "kg",
                    10,
                    "",
                    "",
                    "=cmd|' /C calc'!A0\nline 2",
                    "",
                ]
            )
            writer.writerow(
                [
                    client,
                    f"{day} 18:10",
                    "<b>s</b>",
                    EXERCISE,
                    1,
                    "working",
                    30,
                    "kg",
                    10,
                    "",
                    "",
                    "<script>alert(2)</script>",
                    "",
                ]
            )
        paths.log_path(fixture_data, client).write_text(rows.getvalue(), encoding="utf-8")
    return fixture_data


def test_file_names_from_ids_stay_inside_their_folder():
    for text in (EVIL_ID, "/etc/passwd", "..", "a/b\\c", "\x00x", "normal-id_2"):
        name = paths.safe_name(text)
        assert "/" not in name and "\\" not in name and name not in ("", ".", "..")
        assert not name.startswith(".")
    assert paths.safe_name("normal-id_2") == "normal-id_2"
    assert paths.safe_name("a/b") != paths.safe_name("a-b")


@pytest.mark.kernel
def test_report_shows_hostile_text_as_text_and_writes_inside_out(hostile_data, tmp_path):
    out = tmp_path / "reports"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "backday_analysis",
            "report",
            "--client",
            EVIL_ID,
            "--week",
            "2026-W46",
            "--data",
            str(hostile_data),
            "--out",
            str(out),
            "--format",
            "html",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    written = list(out.rglob("*.html"))
    assert len(written) == 1
    assert written[0].parent == out / "2026-W46"
    page = written[0].read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(" in page and "&lt;/script&gt; O" in page
    assert "&lt;img src=x onerror=alert(1)&gt; Lat Pulldown" in page
    assert not (tmp_path / "evil client.html").exists()


def test_csv_written_by_the_tool_is_safe_in_a_spreadsheet(hostile_data):
    result = backday_in_process("weekly", "--client", FORMULA_ID, "--data", str(hostile_data))
    assert result.returncode == 0, result.stderr
    cells = [row[0] for row in csv.reader(io.StringIO(result.stdout))][1:]
    assert cells and all(cell.startswith("'=") for cell in cells)


def test_spreadsheet_safe_leaves_numbers_and_plain_text_alone():
    import pandas as pd

    frame = pd.DataFrame({"a": ["=1+1", "+x", "-y", "@z", "plain", None], "n": [-1, 2, 3, 4, 5, 6]})
    safe = spreadsheet_safe(frame)
    assert safe["a"].tolist()[:5] == ["'=1+1", "'+x", "'-y", "'@z", "plain"]
    assert safe["n"].tolist() == [-1, 2, 3, 4, 5, 6]
