"""The API key: read from standard input, kept in one file (0600), shown nowhere else."""

from __future__ import annotations

import json
import logging
import stat
from pathlib import Path

from hevy_clients import FAST, MIA_KEY, backday, backday_here, connect, connect_cli

from backday_analysis import paths
from backday_analysis.datafolder.hevy_keys import read_keys
from backday_analysis.datafolder.hevy_state import read_state
from backday_analysis.datafolder.hevy_sync import sync_clients
from backday_analysis.datafolder.roster import load_roster

REPOSITORY = Path(__file__).resolve().parents[2]


def test_the_key_is_in_the_secrets_file_alone_and_in_no_output(hevy, folder, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    # The key goes from standard input to the file in a real process; the commands that
    # read it back run here, their output captured the same.
    outputs = [connect_cli(folder, hevy.url)]
    outputs.append(backday_here("sync", data=folder, url=hevy.url))
    outputs.append(backday_here("sync", "--json", data=folder, url=hevy.url))
    outputs.append(backday_here("connect", "--list", data=folder))
    outputs.append(backday_here("connect", "--list", "--json", data=folder))
    outputs.append(backday_here("imports", "--client", "mia", "--json", data=folder))
    outputs.append(backday_here("plan", "--client", "mia", "--to-hevy", "--dry-run", data=folder))
    outputs.append(backday_here("plan", "--client", "mia", "--to-hevy", data=folder, url=hevy.url))
    sync_clients(folder, policy=FAST)  # in this process, with every logger at DEBUG
    for done in outputs:
        assert done.returncode == 0, done.stderr
        assert MIA_KEY not in done.stdout + done.stderr
        assert MIA_KEY[-8:] not in done.stdout + done.stderr
    assert "key ending e5f6" in outputs[0].stdout
    assert "mia: Hevy account 'Mia Hevy', key …e5f6; last sync" in outputs[3].stdout
    assert json.loads(outputs[4].stdout)[0]["key"] == "…e5f6"
    assert caplog.records and MIA_KEY not in caplog.text
    holding = [
        p.relative_to(tmp_path).as_posix()
        for p in tmp_path.rglob("*")
        if p.is_file() and MIA_KEY.encode() in p.read_bytes()
    ]
    assert holding == ["data/secrets.json"]
    assert stat.S_IMODE((folder / "secrets.json").stat().st_mode) == 0o600
    assert read_keys(folder) == {"mia": MIA_KEY}


def test_git_ignores_the_secrets_file():
    ignored = (REPOSITORY / ".gitignore").read_text().splitlines()
    assert "secrets.json" in ignored


def test_a_second_client_keeps_the_file_private(hevy, folder):
    hevy.account("1f2e3d4c-0000-1111-2222-333344445555", "Leo Hevy")
    connect(folder, hevy.url)
    (folder / "secrets.json").chmod(0o644)  # a careless copy
    connect(folder, hevy.url, "leo", "1f2e3d4c-0000-1111-2222-333344445555")
    assert stat.S_IMODE((folder / "secrets.json").stat().st_mode) == 0o600
    assert sorted(read_keys(folder)) == ["leo", "mia"]


def test_the_key_comes_from_standard_input_only(hevy, folder):
    empty = backday_here("connect", "hevy", "--client", "mia", data=folder, stdin="", url=hevy.url)
    assert empty.returncode == 2
    assert empty.stderr == (
        "error: no API key was read for client 'mia'; pipe or paste the client's Hevy API "
        "key on standard input (never on the command line).\n"
    )
    two = f"{MIA_KEY} and more words\n"
    spaced = backday_here(
        "connect", "hevy", "--client", "mia", data=folder, stdin=two, url=hevy.url
    )
    assert spaced.returncode == 2 and MIA_KEY not in spaced.stderr
    assert "is not one API key" in spaced.stderr
    assert not hevy.seen  # nothing was sent


def test_a_new_client_is_added_to_the_roster_with_a_unit(hevy, folder):
    hevy.account("aaaabbbb-0000-1111-2222-333344445555", "Noor")
    key = "aaaabbbb-0000-1111-2222-333344445555\n"
    refused = backday_here(
        "connect", "hevy", "--client", "noor", data=folder, stdin=key, url=hevy.url
    )
    assert refused.returncode == 2 and "--unit kg or --unit lb" in refused.stderr
    done = backday_here(
        "connect", "hevy", "--client", "noor", "--unit", "lb", "--timezone", "Europe/Oslo",
        data=folder, stdin=key, url=hevy.url,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("noor (added to the roster): connected to the Hevy account")
    roster = load_roster(paths.roster_path(folder)).set_index("client_id")
    assert (roster.at["noor", "unit"], roster.at["noor", "timezone"]) == ("lb", "Europe/Oslo")


def test_disconnect_forgets_the_key_and_keeps_the_log(hevy, folder):
    connect(folder, hevy.url)
    sync_clients(folder, policy=FAST)
    done = backday("disconnect", "hevy", "--client", "mia", data=folder)
    assert done.returncode == 0, done.stderr
    assert read_keys(folder) == {}
    assert paths.log_path(folder, "mia").is_file()
    assert read_state(folder, "mia").connected_at == ""
    listed = backday_here("connect", "--list", data=folder)
    assert listed.stdout.startswith("No client is connected to Hevy")


def test_a_key_of_another_account_starts_afresh(hevy, folder):
    connect(folder, hevy.url)
    sync_clients(folder, policy=FAST)
    other = "bbbbcccc-0000-1111-2222-333344445555"
    hevy.account(other, "Someone Else")
    done = backday_here(
        "connect", "hevy", "--client", "mia", data=folder, stdin=other + "\n", url=hevy.url
    )
    assert done.returncode == 0, done.stderr
    assert "warning: this key opens another Hevy account than before ('Mia Hevy')" in done.stdout
    assert read_state(folder, "mia").since == ""


def test_a_key_with_letters_no_key_has_is_refused_unquoted(hevy, folder):
    key = "9f1c2e7a-1b2c-4d3e-8f90-a1b2c3d4é5f6"
    done = backday("connect", "hevy", "--client", "mia", data=folder, stdin=key, url=hevy.url)
    assert done.returncode == 2 and "is not one API key" in done.stderr
    assert key not in done.stderr and "Traceback" not in done.stderr
