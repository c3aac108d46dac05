"""Where each client's Hevy sync stands, as the client and roster pages say it."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pandas as pd
import pytest
from hevy_clients import FAST, backday, connect

from backday_analysis.datafolder.hevy_state import SyncState, read_state, write_state
from backday_analysis.datafolder.hevy_sync import sync_clients
from backday_analysis.datafolder.settings import Settings
from backday_analysis.views.sync_status import sync_note, sync_status

NOW = dt.datetime(2026, 10, 12, 9, 0, tzinfo=dt.UTC)


def state(client, success="", outcome="ok", error="", connected="2026-09-01T08:00:00Z"):
    return SyncState(
        client,
        connected_at=connected,
        last_success_at=success,
        last_sync_at=success,
        last_outcome=outcome,
        last_error=error,
    )


STATES = [
    state("ana", "2026-10-05T09:00:00Z"),  # exactly 7 days: not stale
    state("ben", "2026-10-05T08:59:59Z"),  # a second more: stale
    state("cy", "2026-10-12T07:00:00Z", "failed", "Hevy refused the API key of client 'cy'."),
    state("dee", outcome=""),  # connected, never synced
    state("eve", "2026-01-01T00:00:00Z", connected=""),  # disconnected: not shown
]


def test_sync_status_marks_stale_and_failed_syncs():
    status = sync_status(STATES, NOW, 7)
    assert list(status["client"]) == ["ana", "ben", "cy", "dee"]
    assert list(status["stale"]) == [False, True, False, True]
    assert list(status["outcome"]) == ["ok", "ok", "failed", "never"]
    assert status.at[0, "last_sync"] == dt.datetime(2026, 10, 5, 9, 0, tzinfo=dt.UTC)
    assert pd.isna(status.at[3, "last_sync"])


def dataset(folder):
    return SimpleNamespace(folder=folder, settings=Settings())


def test_the_pages_say_when_and_mark_what_to_look_at(tmp_path):
    for item in STATES:
        write_state(tmp_path, item)
    data = dataset(tmp_path)

    def page(client):
        return sync_note(data, client, "2026-W41", now=NOW)

    def roster(client):
        return sync_note(data, client, "2026-W41", brief=True, now=NOW)

    assert page("ana") == "Synced from Hevy at 2026-10-05 09:00 UTC."
    assert roster("ana") is None  # a good, recent sync needs no mark on the roster
    assert page("ben") == "Synced from Hevy at 2026-10-05 08:59 UTC. That is more than 7 days ago."
    assert roster("ben") == "! No Hevy sync for over 7 days (last: 2026-10-05 08:59 UTC)."
    assert page("cy") == (
        "Synced from Hevy at 2026-10-12 07:00 UTC. The last sync failed: Hevy refused the API "
        "key of client 'cy'."
    )
    assert roster("cy") == "✗ Last Hevy sync failed (last good: 2026-10-12 07:00 UTC)."
    assert page("dee") == "Connected to Hevy, not synced yet."
    assert roster("dee") == "! Connected to Hevy, never synced."
    for client in ("eve", "zed"):  # disconnected, or never connected: nothing is said
        assert page(client) is None and roster(client) is None


@pytest.mark.kernel
def test_the_reports_show_the_sync(hevy, folder, tmp_path):
    connect(folder, hevy.url)
    assert sync_clients(folder, policy=FAST)[0].outcome == "ok"
    last = read_state(folder, "mia").last_success_at
    shown = f"{last[:10]} {last[11:16]} UTC"
    out = tmp_path / "reports"
    for which in (["--client", "mia"], ["--roster"]):
        done = backday("report", *which, "--format", "html", "--out", str(out), data=folder)
        assert done.returncode == 0, done.stderr
    page = (out / "2026-W40" / "mia.html").read_text()
    assert f"<p>Synced from Hevy at {shown}.</p>" in page
    roster = (out / "2026-W40" / "roster.html").read_text()
    assert "Mia Jansen" in roster and "No Hevy sync" not in roster  # a good sync: no mark
    # Ten days later without a sync, the roster marks Mia in her line's note.
    state = read_state(folder, "mia")
    state.last_success_at = state.last_sync_at = "2026-09-20T09:00:00Z"
    write_state(folder, state)
    done = backday("report", "--roster", "--format", "html", "--out", str(out), data=folder)
    assert done.returncode == 0, done.stderr
    roster = (out / "2026-W40" / "roster.html").read_text()
    assert "! No Hevy sync for over 7 days (last: 2026-09-20 09:00 UTC)." in roster
