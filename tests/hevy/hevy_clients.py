"""The Hevy tests' clients: Mia's account on the fake Hevy, a data folder, the command line.

Mia (kg, Amsterdam) has 23 workouts on Hevy, one a day from Monday 7 September 2026 at 17:30:45
UTC (19:30 in Amsterdam). Each holds, by hand:

- Lat Pulldown (Cable), titled in German: a warm-up 20 kg × 12, then 50 kg × 10 (RPE 8),
  50 × 9 (RPE 8.5) and a failure set 50 × 7 (RPE 10): 4 sets, 3 of them working;
- Back Extension Hold (her own template), 45 s: a back hold, so a set of 0 reps;
- Hamstring Stretch (her own template), 60 s: a timed stretch trains no group, so not a set
  (a plank would be one: a set for the abs).

So a first sync reads 23 × 6 = 138 rows over 3 pages of 10: 115 sets and 23 rows that are
not sets.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import checkout
from command_line import backday_in_process
from hevy_server import FakeHevy, workout

from backday_analysis.datafolder.hevy_connect import connect_client
from backday_analysis.importers.hevy_api import BASE_URL_ENV, RetryPolicy

MIA_KEY = "9f1c2e7a-1b2c-4d3e-8f90-a1b2c3d4e5f6"
LEO_KEY = "0a0b0c0d-1111-2222-3333-444455556666"
FIRST_DAY = dt.datetime(2026, 9, 7, 17, 30, 45, tzinfo=dt.UTC)
HOLD_TEMPLATE = "C0FFEE01"
STRETCH_TEMPLATE = "C0FFEE02"
FAST = RetryPolicy(timeout=5, attempts=3, total=30, wait_initial=0.05, wait_max=0.2)
BACKDAY = [sys.executable, "-m", "backday_analysis"]


def mia_workout(day: int, reps: tuple[int, int, int] = (10, 9, 7)) -> dict:
    """Return Mia's workout of day ``day`` (0 = 7 September 2026)."""
    lat = [
        {"type": "warmup", "weight_kg": 20, "reps": 12},
        {"weight_kg": 50, "reps": reps[0], "rpe": 8},
        {"weight_kg": 50, "reps": reps[1], "rpe": 8.5},
        {"type": "failure", "weight_kg": 50, "reps": reps[2], "rpe": 10},
    ]
    return workout(
        f"w{day:02d}-{day:04d}-4000-8000-000000000000",
        FIRST_DAY + dt.timedelta(days=day),
        [
            ("6A6C31A5", "Latzug (Kabel)", lat),
            (HOLD_TEMPLATE, "Back Extension Hold", [{"duration_seconds": 45}]),
            (STRETCH_TEMPLATE, "Hamstring Stretch", [{"duration_seconds": 60}]),
        ],
        title=f"Pull day {day}",
    )


def add_mia(server: FakeHevy) -> None:
    """Give the fake Hevy Mia's account: her two templates and 23 workouts."""
    mia = server.account(MIA_KEY, "Mia Hevy")
    mia.templates = {
        HOLD_TEMPLATE: {"id": HOLD_TEMPLATE, "title": "Back Extension Hold", "is_custom": True},
        STRETCH_TEMPLATE: {"id": STRETCH_TEMPLATE, "title": "Hamstring Stretch", "is_custom": True},
    }
    for day in range(23):
        item = mia_workout(day)
        mia.workouts[item["id"]] = item


def make_folder(parent: Path) -> Path:
    """Return a data folder with the shipped catalogue and rules, and Mia and Leo in the roster."""
    target = parent / "data"
    target.mkdir()
    for name in ("catalogue.csv", "config.toml", "advice.csv", "aliases.csv"):
        shutil.copy(checkout.DATA_DIR / name, target / name)
    (target / "roster.csv").write_text(
        "client_id,name,unit,bodyweight_kg,timezone\n"
        "mia,Mia Jansen,kg,64,Europe/Amsterdam\n"
        "leo,Leo Brandt,lb,80,America/New_York\n"
    )
    return target


def backday(*args: str, data: Path, stdin: str | None = None, url: str | None = None):
    """Run the command line as a coach does, in a new process; return the finished process."""
    env = {**os.environ, **({BASE_URL_ENV: url} if url else {})}
    return subprocess.run(
        [*BACKDAY, *args, "--data", str(data)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def backday_here(*args: str, data: Path, stdin: str | None = None, url: str | None = None):
    """Run the command line in this process (see ``command_line``); return what it printed."""
    return backday_in_process(
        *args, "--data", str(data), stdin=stdin, env={BASE_URL_ENV: url} if url else None
    )


def connect_cli(folder: Path, url: str, client: str = "mia", key: str = MIA_KEY):
    """Connect a client through the command line, the key on standard input."""
    done = backday("connect", "hevy", "--client", client, data=folder, stdin=key + "\n", url=url)
    assert done.returncode == 0, done.stderr
    return done


def connect(folder: Path, url: str, client: str = "mia", key: str = MIA_KEY):
    """Connect a client in this process (``BACKDAY_HEVY_API`` is set to ``url`` already)."""
    assert os.environ[BASE_URL_ENV] == url
    return connect_client(client, key, folder, policy=FAST)
