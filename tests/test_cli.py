"""The ``backday`` command line, run as a coach runs it: a real subprocess.

Each command's exit status and one-sentence errors are checked on the real process; where a
test reads what a command printed, the same command runs in this process (``command_line``).
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from command_line import backday_in_process
from pypdf import PdfReader

from backday_analysis import GROUPS

BACKDAY = [sys.executable, "-m", "backday_analysis"]


def backday(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*BACKDAY, *args], capture_output=True, text=True, timeout=600)


def assert_one_sentence_error(result, *fragments: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


@pytest.mark.kernel
def test_report_writes_html_and_pdf_with_the_client_and_groups(demo_data, tmp_path):
    out = tmp_path / "reports"
    result = backday(
        "report", "--client", "ava", "--week", "latest", "--data", str(demo_data), "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    html = out / "2026-W47" / "ava.html"
    pdf = out / "2026-W47" / "ava.pdf"
    assert html.is_file() and pdf.is_file()
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    for expected in ("Ava Jansen", "Lats", "Trapezius", "Rhomboids", "Lower back"):
        assert expected in text
    assert not list(out.rglob("*.part"))


def test_weekly_prints_the_table_as_csv_and_json(demo_data):
    result = backday_in_process("weekly", "--client", "dev", "--data", str(demo_data))
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(io.StringIO(result.stdout))
    assert list(table.columns) == [
        "client",
        "week",
        "group",
        "fractional_sets",
        "direct_sets",
        "tonnage_kg",
        "days",
        "guideline_met",
    ]
    assert table["week"].nunique() == 26 and len(table) == 26 * len(GROUPS)
    # Dev only pulls vertically: rhomboids are never a primary mover.
    assert table.loc[table["group"] == "rhomboids", "direct_sets"].sum() == 0
    records = json.loads(
        backday_in_process(
            "weekly", "--client", "dev", "--data", str(demo_data), "--format", "json"
        ).stdout
    )
    assert len(records) == 26 * len(GROUPS) and records[0]["client"] == "dev"


def test_bad_input_is_one_sentence_and_exit_2(demo_data, tmp_path):
    assert_one_sentence_error(
        backday("report", "--week", "2026-W60", "--data", str(demo_data)),
        "'2026-W60' is not an ISO week",
    )
    assert_one_sentence_error(
        backday_in_process("weekly", "--client", "ava", "--data", str(tmp_path / "nowhere")),
        "the data folder does not exist",
    )
    assert_one_sentence_error(
        backday_in_process("report", "--format", "docx", "--data", str(demo_data)),
        "--format docx",
    )


@pytest.mark.kernel  # one client's report starts its kernel while the roster is read
def test_an_unknown_client_is_one_sentence_and_exit_2(demo_data):
    assert_one_sentence_error(
        backday("report", "--client", "zoe", "--data", str(demo_data)),
        "no client 'zoe'",
        "ava, ben, cleo, dev",
    )


def test_a_log_with_a_time_zone_offset_gets_one_sentence_and_is_not_changed(fixture_data):
    log = fixture_data / "logs" / "ana.csv"
    lines = log.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].replace("2026-12-21 09:00", "2026-12-21T09:00+01:00")
    log.write_text("".join(lines), encoding="utf-8")
    before = log.read_bytes()
    assert_one_sentence_error(
        backday_in_process("weekly", "--client", "ana", "--data", str(fixture_data)),
        f"{log}, line 4: performed_at '2026-12-21T09:00+01:00' carries a time-zone offset",
    )
    assert log.read_bytes() == before


@pytest.mark.kernel
def test_a_failing_report_leaves_no_file_and_the_others_are_written(demo_data, tmp_path):
    broken = tmp_path / "data"
    subprocess.run(["cp", "-r", str(demo_data), str(broken)], check=True)
    log = broken / "logs" / "ben.csv"
    # Every row of Ben's log now fails to read, so his report has no data.
    log.write_text(log.read_text().splitlines()[0] + "\nben,not a date,s,Row,1,,20,kg,5,,,,\n")
    out = tmp_path / "reports"
    result = backday(
        "report",
        "--client",
        "ava",
        "--client",
        "ben",
        "--week",
        "2026-W47",
        "--data",
        str(broken),
        "--out",
        str(out),
    )
    assert result.returncode != 0
    assert "ben" in result.stderr and "Traceback" not in result.stderr
    written = sorted(p.name for p in (out / "2026-W47").iterdir())
    assert written == ["ava.html", "ava.pdf"]


def test_paths_do_not_depend_on_the_working_directory(demo_data, tmp_path):
    result = subprocess.run(
        [*BACKDAY, "weekly", "--client", "ava", "--data", str(demo_data)],
        capture_output=True,
        text=True,
        cwd=Path("/"),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.kernel
def test_a_killed_batch_leaves_no_partial_file(demo_data, tmp_path):
    import signal
    import time

    out = tmp_path / "reports"
    run = subprocess.Popen(
        [
            *BACKDAY,
            "report",
            "--week",
            "2026-W47",
            "--data",
            str(demo_data),
            "--out",
            str(out),
            "--jobs",
            "2",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and not list(out.rglob("*.html")) and run.poll() is None:
        time.sleep(0.05)
    written = list(out.rglob("*.html"))
    running = run.poll() is None
    run.send_signal(signal.SIGTERM)
    code = run.wait(timeout=60)
    # Without a report written and a batch still running at the kill, nothing was checked.
    assert written, "no report was written within 300 s, so the kill was not tested"
    assert running, "the batch had ended before the kill"
    assert code != 0 or len(list(out.rglob("*.pdf"))) == 4
    assert all(path.exists() for path in written)
    time.sleep(1)  # workers finish their own clean-up
    assert not list(out.rglob("*.part"))
    for html in out.rglob("*.html"):
        assert html.read_text(encoding="utf-8").rstrip().endswith("</html>")
    for pdf in out.rglob("*.pdf"):
        assert len(PdfReader(pdf).pages) >= 1


def test_weekly_from_the_parquet_store_equals_the_csv_logs(demo_data, tmp_path):
    data = tmp_path / "data"
    subprocess.run(["cp", "-r", str(demo_data), str(data)], check=True)
    stored = backday("store", "--data", str(data))
    assert stored.returncode == 0 and "Traceback" not in stored.stderr, stored.stderr
    from_logs = backday_in_process("weekly", "--data", str(data))
    from_store = backday_in_process("weekly", "--data", str(data), "--engine", "store")
    assert from_store.returncode == 0, from_store.stderr
    assert from_store.stdout == from_logs.stdout
    assert len(pd.read_csv(io.StringIO(from_store.stdout))) == 8 * 26 * len(GROUPS)
    one = backday_in_process("weekly", "--data", str(data), "--engine", "store", "--client", "ben")
    assert set(pd.read_csv(io.StringIO(one.stdout))["client"]) == {"ben"}
    assert_one_sentence_error(
        backday_in_process("weekly", "--data", str(data), "--engine", "store", "--client", "zoe"),
        "the store has no client 'zoe'",
    )
    assert_one_sentence_error(
        backday_in_process("weekly", "--data", str(demo_data), "--engine", "store"),
        "there is no Parquet store here",
    )
