"""The command line's session log: SQLite (the standard library's), one transaction a write.

Entries are kept as JSON objects by program name, in the order they were written; the store knows
nothing of what they hold (the program layer reads them). SQLite's write-ahead journal makes each
write all or nothing: a writer killed mid-write leaves the log as it was before that write, and two
players writing at once both land (one waits for the other, up to ``TIMEOUT_S``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..exceptions import NotInstalledError, WriteError

__all__ = ["TIMEOUT_S", "LogStore", "default_log_path"]

#: How long a write waits for another writer to finish, in seconds.
TIMEOUT_S = 30.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    program TEXT NOT NULL,
    entry TEXT NOT NULL CHECK (json_valid(entry))
);
CREATE INDEX IF NOT EXISTS entries_by_program ON entries (program, id);
"""


def default_log_path() -> Path:
    """Where the log lives unless ``--log`` says otherwise: the user's data folder."""
    try:
        import platformdirs
    except ImportError:
        raise NotInstalledError(
            "keeping a log in your data folder needs platformdirs: pip install "
            "'backstretch[program]' (or give a file with --log PATH)"
        ) from None
    return platformdirs.user_data_path("backstretch", appauthor=False) / "log.sqlite3"


class LogStore:
    """The entries of every program, in one SQLite file at ``path`` (made on first use)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        db = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=TIMEOUT_S, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.executescript(_SCHEMA)
        except (sqlite3.Error, OSError) as error:
            if db is not None:
                db.close()
            raise WriteError(str(self.path), f"not a log backstretch can keep ({error})") from None
        self._db = db

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> LogStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, program: str, entries: Iterable[dict[str, Any]]) -> int:
        """Write ``entries`` of ``program`` in one transaction: all of them, or none. How many."""
        rows = [(program, json.dumps(entry, ensure_ascii=False)) for entry in entries]
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany("INSERT INTO entries (program, entry) VALUES (?, ?)", rows)
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        except sqlite3.Error as error:
            raise WriteError(str(self.path), f"the log could not be written ({error})") from None
        return len(rows)

    def entries(self, program: str) -> list[dict[str, Any]]:
        """The entries of ``program``, in the order they were written."""
        try:
            rows = self._db.execute(
                "SELECT entry FROM entries WHERE program = ? ORDER BY id", (program,)
            ).fetchall()
        except sqlite3.Error as error:
            raise WriteError(str(self.path), f"the log could not be read ({error})") from None
        return [json.loads(text) for (text,) in rows]
