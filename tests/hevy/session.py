"""Show a coach's session against the local fake of Hevy: connect, sync, sync, plan.

Run from the repository root, with the project's environment::

    .venv/bin/python tests/hevy/session.py [--keep]

It starts the fake Hevy on a loopback port with Mia's account (see ``hevy_clients.py``), makes a
data folder in a temporary place, and runs each command as a coach would type it, printing
the command and what it printed. Between the two syncs Mia edits one workout, deletes one and
logs a new one in the app. The key is piped in and never printed. ``--keep`` keeps the data
folder and prints where it is.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

# The Hevy tests' helpers, and tests/checkout.py they use.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from hevy_clients import MIA_KEY, add_mia, backday, make_folder, mia_workout
from hevy_server import FakeHevy


def main() -> None:
    keep = "--keep" in sys.argv
    server = FakeHevy()
    add_mia(server)
    parent = Path(tempfile.mkdtemp(prefix="hevy-session-"))
    folder = make_folder(parent)

    def run(*args: str, stdin: str | None = None, shown: str = "") -> None:
        print(f"$ {shown}backday {' '.join(args)}")
        done = backday(*args, data=folder, stdin=stdin, url=server.url)
        sys.stdout.write(done.stdout + done.stderr)
        print(f"(exit status {done.returncode})\n")

    try:
        print(f"# BACKDAY_HEVY_API={server.url} (the fake Hevy); --data is a new data folder\n")
        run("connect", "hevy", "--client", "mia", stdin=MIA_KEY + "\n", shown="<key> | ")
        run("sync")
        edited = mia_workout(20, reps=(12, 10, 8))
        server.save(MIA_KEY, edited)
        server.delete(MIA_KEY, mia_workout(21)["id"])
        server.save(MIA_KEY, mia_workout(23))
        print("# in the app, Mia edits the workout of 27 September, deletes 28 September's and")
        print("# logs one on 30 September\n")
        run("sync")
        run("sync")
        run("connect", "--list")
        run("imports", "--client", "mia")
        run("plan", "--client", "mia", "--to-hevy")
        run("plan", "--client", "mia", "--to-hevy")
        routes = [f"{r['method']} {r['path']}" for r in server.seen if "routines" in r["path"]]
        print(f"# routine requests the fake Hevy saw: {', '.join(routes)}")
    finally:
        server.stop()
        if keep:
            print(f"# data folder kept: {folder}")
        else:
            shutil.rmtree(parent, ignore_errors=True)


if __name__ == "__main__":
    main()
