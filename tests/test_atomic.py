"""A file is replaced whole or not at all: flushed to disk, renamed, its folder flushed."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time

import pytest

from backday_analysis import atomic
from backday_analysis.atomic import atomic_path, remove_partial_files, write_bytes_atomic

OLD = b"client_id,name\nava,Ava\n"
NEW = b"client_id,name\n" + b"".join(b"c%06d,Client %d\n" % (n, n) for n in range(200_000))

# Writes NEW over the target, and stops for good where the test says: after the temporary
# file is written and flushed but before the rename, or halfway through writing it.
WRITER = """
import os, sys, time
from pathlib import Path
from backday_analysis import atomic

target, ready, where = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
new = b"client_id,name\\n" + b"".join(b"c%06d,Client %d\\n" % (n, n) for n in range(200_000))

def stop_here(*args, **kwargs):
    ready.write_text("stopped")
    time.sleep(600)

if where == "before-rename":
    os.replace = stop_here
    atomic.write_bytes_atomic(target, new)
else:
    with atomic.atomic_path(target) as temporary:
        with open(temporary, "wb") as half:
            half.write(new[: len(new) // 2])
            half.flush()
            stop_here()
"""


@pytest.mark.parametrize("where", ["before-rename", "while-writing"])
def test_a_writer_killed_before_the_rename_leaves_the_old_file_whole(tmp_path, where):
    target = tmp_path / "roster.csv"
    target.write_bytes(OLD)
    ready = tmp_path / "ready"
    writer = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(WRITER), str(target), str(ready), where]
    )
    try:
        deadline = time.monotonic() + 120
        while not ready.exists() and writer.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ready.exists(), "the writer never reached the point where it is killed"
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
    assert target.read_bytes() == OLD  # the old file, whole
    (partial,) = tmp_path.glob(".roster.csv.*.part")
    if where == "before-rename":
        assert partial.read_bytes() == NEW  # the new content was complete before the rename
    else:
        assert partial.read_bytes() == NEW[: len(NEW) // 2]
    assert remove_partial_files(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ready", "roster.csv"]


def test_the_file_is_flushed_then_renamed_then_its_folder_flushed(tmp_path, monkeypatch):
    events = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(descriptor):
        kind = "folder" if stat.S_ISDIR(os.fstat(descriptor).st_mode) else "file"
        events.append(f"fsync {kind}")
        real_fsync(descriptor)

    def replace(source, target):
        events.append("rename")
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write_bytes_atomic(tmp_path / "page.html", b"<p>ok</p>")
    assert events == ["fsync file", "rename", "fsync folder"]
    assert (tmp_path / "page.html").read_bytes() == b"<p>ok</p>"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "log.csv"
    target.write_bytes(OLD)
    with pytest.raises(RuntimeError), atomic_path(target) as temporary:
        temporary.write_bytes(b"half")
        raise RuntimeError("the step failed")
    assert target.read_bytes() == OLD
    assert list(tmp_path.iterdir()) == [target]


def test_the_mode_is_a_plain_opens_and_the_umask_is_never_touched(tmp_path, monkeypatch):
    def no_umask(mask):
        raise AssertionError("os.umask changes the mask for every thread of the process")

    previous = os.umask(0o027)
    try:
        monkeypatch.setattr(os, "umask", no_umask)
        write_bytes_atomic(tmp_path / "a.pdf", b"%PDF")
        with open(tmp_path / "plain.pdf", "wb") as plain:
            plain.write(b"%PDF")
    finally:
        monkeypatch.undo()
        os.umask(previous)
    mode = stat.S_IMODE((tmp_path / "a.pdf").stat().st_mode)
    assert mode == stat.S_IMODE((tmp_path / "plain.pdf").stat().st_mode) == 0o640


def test_temporary_names_do_not_collide(tmp_path, monkeypatch):
    names = iter(["aaaaaaaaaaaa", "aaaaaaaaaaaa", "bbbbbbbbbbbb"])
    monkeypatch.setattr(atomic.secrets, "token_hex", lambda n: next(names))
    with atomic_path(tmp_path / "x.csv") as first, atomic_path(tmp_path / "x.csv") as second:
        assert first.name == ".x.csv.aaaaaaaaaaaa.part"
        assert second.name == ".x.csv.bbbbbbbbbbbb.part"


def test_ctrl_c_just_after_the_temporary_is_created_leaves_no_temporary(tmp_path, monkeypatch):
    real_open = os.open

    def open_then_interrupted(path, flags, *args):
        descriptor = real_open(path, flags, *args)
        if flags & os.O_CREAT:
            os.close(descriptor)
            raise KeyboardInterrupt  # as Ctrl-C does once the call that created the file returns
        return descriptor

    monkeypatch.setattr(os, "open", open_then_interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_bytes_atomic(tmp_path / "c001.pdf", b"%PDF")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_a_name_that_cannot_be_made_raises_its_own_error_alone(tmp_path):
    with pytest.raises(OSError) as failed:
        write_bytes_atomic(tmp_path / ("x" * 300), b"%PDF")
    assert failed.value.__context__ is None  # no second error from removing what was never made
    assert list(tmp_path.iterdir()) == []
