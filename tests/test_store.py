"""The command line's log: SQLite, one transaction a write. Killed writers lose nothing that was
written and leave nothing half-written; two writers at once are both kept."""

from __future__ import annotations

import contextlib
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from backstretch import WriteError
from backstretch._play.store import LogStore

#: A writer that adds batches of five entries, each batch one transaction, until killed; it
#: says "ready" once it has begun.
WRITER = """
import sys
from backstretch._play.store import LogStore
store = LogStore(sys.argv[1])
name = sys.argv[2]
print("ready", flush=True)
batch = 0
while True:
    store.add(name, [{"batch": batch, "n": n, "pad": "x" * 2000} for n in range(5)])
    batch += 1
    if len(sys.argv) > 3 and batch == int(sys.argv[3]):
        break
"""


def writer(log: Path, name: str, *more: str) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(log), name, *more], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert "ready" == process.stdout.readline().strip()
    return process


@pytest.mark.parametrize("seed", range(4))
def test_a_writer_killed_at_any_point_leaves_whole_batches(tmp_path: Path, seed: int) -> None:
    log = tmp_path / "log.sqlite3"
    with LogStore(log) as store:
        store.add("before", [{"kept": True}])
    process = writer(log, "p")
    time.sleep(random.Random(seed).uniform(0.05, 0.4))
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.stdout is not None
    process.stdout.close()
    with contextlib.closing(sqlite3.connect(log)) as db:
        assert [("ok",)] == db.execute("PRAGMA integrity_check").fetchall()
    with LogStore(log) as store:
        assert [{"kept": True}] == store.entries("before")
        entries = store.entries("p")
        assert entries, "the writer wrote nothing before it was killed: kill it later"
        batches = [e["batch"] for e in entries]
        assert batches == sorted(batches)
        assert all(batches.count(b) == 5 for b in set(batches)), "a batch half-written"
        assert [e["n"] for e in entries] == [0, 1, 2, 3, 4] * (len(entries) // 5)
        store.add("after", [{"written": "after the kill"}])  # the log still takes writes
        assert [{"written": "after the kill"}] == store.entries("after")


def test_two_writers_at_once_are_both_kept(tmp_path: Path) -> None:
    log = tmp_path / "log.sqlite3"
    LogStore(log).close()
    first, second = writer(log, "one", "40"), writer(log, "two", "40")
    assert (0, 0) == (first.wait(timeout=60), second.wait(timeout=60))
    for process in (first, second):
        assert process.stdout is not None
        process.stdout.close()
    with LogStore(log) as store:
        assert 200 == len(store.entries("one")) == len(store.entries("two"))


def test_a_file_that_is_no_log_is_refused_untouched(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes, not a database\n" * 100)
    with pytest.raises(WriteError, match=r"notes\.txt.*not a log backstretch can keep"):
        LogStore(notes)
    assert "my notes, not a database\n" * 100 == notes.read_text()


def test_entries_are_kept_as_written(tmp_path: Path) -> None:
    with LogStore(tmp_path / "deep" / "log.sqlite3") as store:
        store.add("p", [{"when": "2026-06-01T09:00:00", "note": "ümlaut ✓"}])
        assert [{"when": "2026-06-01T09:00:00", "note": "ümlaut ✓"}] == store.entries("p")
        assert [] == store.entries("q")
