"""``backday init`` makes a data folder anywhere; every command finds one the same way."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import checkout
import pandas as pd
import pytest
from command_line import backday_in_process

from backday_analysis import resources
from backday_analysis.datafolder.new_folder import create_data_folder
from backday_analysis.errors import BackdayError

BACKDAY = [sys.executable, "-m", "backday_analysis"]


def backday(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    environment = {k: v for k, v in os.environ.items() if k != "BACKDAY_DATA"}
    return subprocess.run(
        [*BACKDAY, *args],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=cwd,
        env={**environment, **(env or {})},
    )


def here(*args: str, cwd: Path, env: dict | None = None):
    """Run the command line in this process, in ``cwd``, with no ``$BACKDAY_DATA`` but ``env``'s."""
    return backday_in_process(*args, cwd=cwd, env={"BACKDAY_DATA": None, **(env or {})})


def test_init_writes_the_shipped_defaults_an_empty_roster_and_logs(tmp_path):
    result = here("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = tmp_path / "data"
    assert f"Made the data folder {data} with an empty roster." in result.stdout
    for name in ("catalogue.csv", "aliases.csv", "advice.csv", "config.toml"):
        assert (data / name).read_bytes() == (checkout.DATA_DIR / name).read_bytes(), name
    assert (data / "roster.csv").read_text() == "client_id,name,unit,bodyweight_kg,timezone\n"
    assert (data / "logs").is_dir() and not any((data / "logs").iterdir())
    # A coach can start at once: the folder reads, with no client yet.
    clients = here("clients", cwd=tmp_path)
    assert clients.returncode == 0, clients.stderr
    assert f"data folder: {data} (from ./data)" in clients.stderr


def test_init_keeps_secrets_lock_and_caches_out_of_git(tmp_path):
    data = tmp_path / "coach"
    create_data_folder(data)
    for name in (".secrets.toml", ".backday.lock", ".cache/x", "store/client=a/part-0.parquet"):
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_text("x")
    subprocess.run(["git", "init", "-q", str(data)], check=True)
    listed = subprocess.run(
        ["git", "-C", str(data), "ls-files", "--others", "--exclude-standard"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert sorted(listed) == [
        ".gitignore",
        "advice.csv",
        "aliases.csv",
        "catalogue.csv",
        "config.toml",
        "roster.csv",
        "severity.csv",
    ]


@pytest.mark.slow  # every demo export imported
def test_init_demo_imports_the_demo_exports_into_the_six_logs(tmp_path):
    folder = tmp_path / "somewhere" / "clients"
    result = here("init", str(folder), "--demo", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "8 demo clients (ava, ben, cleo, dev, eli, fay, gus, hana)" in result.stdout
    assert f"--data {folder}" in result.stdout
    roster = pd.read_csv(folder / "roster.csv")
    assert roster["client_id"].tolist() == [
        "ava",
        "ben",
        "cleo",
        "dev",
        "eli",
        "fay",
        "gus",
        "hana",
    ]
    # The same sets as the repository's demo logs, which make demo-import wrote.
    for client in roster["client_id"]:
        made = pd.read_csv(folder / "logs" / f"{client}.csv").drop(
            columns="import_id", errors="ignore"
        )
        shipped = pd.read_csv(checkout.DATA_DIR / "logs" / f"{client}.csv")
        shipped = shipped.drop(columns="import_id", errors="ignore")
        pd.testing.assert_frame_equal(made, shipped, check_dtype=False)
    assert sorted(p.name for p in (folder / "imports").iterdir()) == [
        f"{c}.jsonl" for c in ("ava", "ben", "cleo", "eli", "fay", "gus", "hana")
    ]


def test_init_refuses_a_folder_that_holds_anything_and_changes_nothing(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "roster.csv").write_text("client_id,name,unit\nmaria,Maria,kg\n")
    result = backday("init", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {data} already holds files;")
    assert [p.name for p in data.iterdir()] == ["roster.csv"]
    assert (data / "roster.csv").read_text() == "client_id,name,unit\nmaria,Maria,kg\n"


def test_a_failed_init_takes_back_what_it_wrote(tmp_path, monkeypatch):
    def broken(name: str) -> Path:
        if name == "config.toml":
            raise BackdayError("config.toml is missing from the installed backday_analysis")
        return resources.shipped("defaults", name)

    monkeypatch.setattr(resources, "default_file", broken)
    with pytest.raises(BackdayError, match="config.toml is missing"):
        create_data_folder(tmp_path / "new")
    assert not (tmp_path / "new").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(BackdayError):
        create_data_folder(empty)
    assert empty.is_dir() and not any(empty.iterdir())


def test_commands_say_where_the_data_folder_came_from(tmp_path, demo_data):
    named = here("clients", "--data", str(demo_data), cwd=tmp_path)
    assert named.returncode == 0 and named.stderr == ""
    from_env = here("clients", cwd=tmp_path, env={"BACKDAY_DATA": str(demo_data)})
    assert from_env.returncode == 0, from_env.stderr
    assert from_env.stderr == f"data folder: {demo_data} (from $BACKDAY_DATA)\n"


def test_no_data_folder_is_one_sentence_and_exit_2(tmp_path):
    # clients and lab in real processes; weekly and report, whose processes other tests
    # start, in this one.
    runs = [(["weekly"], here), (["report", "--client", "ava"], here)]
    for command, run in [*runs, (["clients"], backday), (["lab"], backday)]:
        result = run(*command, cwd=tmp_path)
        assert result.returncode == 2, command
        assert result.stderr.splitlines() == [
            f"error: no data folder: none was named (--data or BACKDAY_DATA) and {tmp_path} "
            "has no data/ folder; pass --data DIR, run the command where data/ is, or make one "
            "here with 'backday init'."
        ], command
        assert not (tmp_path / "reports").exists()


@pytest.mark.kernel
def test_reports_go_to_reports_in_the_working_directory(tmp_path, demo_data):
    result = backday(
        "report", "--client", "dev", "--format", "html", "--data", str(demo_data), cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (tmp_path / "reports" / "2026-W47").iterdir()] == ["dev.html"]


def test_version_comes_from_the_package():
    import backday_analysis

    result = subprocess.run([*BACKDAY, "--version"], capture_output=True, text=True, timeout=60)
    assert result.stdout == f"backday_analysis {backday_analysis.__version__}\n"
    pyproject = (checkout.ROOT / "pyproject.toml").read_text()
    # The one place: pyproject reads it from the package and writes no version of its own.
    assert 'version = { attr = "backday_analysis.__version__" }' in pyproject
    assert '\nversion = "' not in pyproject
