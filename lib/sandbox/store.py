"""Durable state: an in-memory copy (authoritative, read fast) written through to SQLite on every mutation.

State is a nested map site -> kind -> key -> JSON value. Callers mutate a value and `put` it back; `put`,
`delete` and `drop_*` write to SQLite at once (or at the end of an enclosing `batch()`).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (
    site TEXT NOT NULL,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (site, kind, key)
)
"""


class Store:
    """Per-site JSON documents kept in memory and in one SQLite table."""

    def __init__(self, path: str) -> None:
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(_SCHEMA)
        self._lock = threading.RLock()
        self._depth = 0
        self._sites: dict[str, dict[str, dict[str, Any]]] = {}
        for site, kind, key, value in self._db.execute("SELECT site, kind, key, value FROM docs"):
            self._sites.setdefault(site, {}).setdefault(kind, {})[key] = json.loads(value)

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._db.close()

    def has_site(self, site: str) -> bool:
        """Whether any state exists for the site."""
        return site in self._sites

    def site_count(self) -> int:
        """Number of sites with state."""
        return len(self._sites)

    def get(self, site: str, kind: str, key: str) -> Any:
        """One value or None."""
        return self._sites.get(site, {}).get(kind, {}).get(key)

    def all(self, site: str, kind: str) -> dict[str, Any]:
        """All values of a kind for a site (the live map: do not mutate it directly)."""
        return self._sites.get(site, {}).get(kind, {})

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group writes into one transaction (nesting allowed)."""
        with self._lock:
            if self._depth == 0:
                self._db.execute("BEGIN")
            self._depth += 1
            try:
                yield
            except BaseException:
                self._depth -= 1
                if self._depth == 0:
                    self._db.execute("ROLLBACK")
                raise
            self._depth -= 1
            if self._depth == 0:
                self._db.execute("COMMIT")

    def put(self, site: str, kind: str, key: str, value: Any) -> None:
        """Store one value (memory and SQLite)."""
        with self.batch():
            self._sites.setdefault(site, {}).setdefault(kind, {})[key] = value
            self._db.execute(
                "INSERT OR REPLACE INTO docs (site, kind, key, value) VALUES (?, ?, ?, ?)",
                (site, kind, key, json.dumps(value, separators=(",", ":"))),
            )

    def delete(self, site: str, kind: str, key: str) -> None:
        """Remove one value if present."""
        with self.batch():
            self._sites.get(site, {}).get(kind, {}).pop(key, None)
            self._db.execute("DELETE FROM docs WHERE site = ? AND kind = ? AND key = ?", (site, kind, key))

    def drop_kind(self, site: str, kind: str) -> None:
        """Remove every value of a kind for a site."""
        with self.batch():
            self._sites.get(site, {}).pop(kind, None)
            self._db.execute("DELETE FROM docs WHERE site = ? AND kind = ?", (site, kind))

    def drop_site(self, site: str) -> None:
        """Forget a site entirely."""
        with self.batch():
            self._sites.pop(site, None)
            self._db.execute("DELETE FROM docs WHERE site = ?", (site,))
