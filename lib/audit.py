"""The audit log: every action that changes something on Wix, as an intent written before the call and an outcome
written after it, in SQLite (WAL mode). No Streamlit import.

An entry whose outcome is still ``pending`` means the app stopped between the call and its outcome: the call may or
may not have reached Wix. Only what the caller hands over is stored (never headers, configuration or keys).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

PENDING, OK, ERROR = "pending", "ok", "error"
OUTCOMES = (OK, ERROR, PENDING)
FRAME_COLUMNS = ["id", "time_utc", "finished_utc", "user", "site", "action", "targets", "outcome", "code", "message"]
TEXT_COLUMNS = ["user", "site", "action", "targets", "outcome", "code", "message"]
TARGET_SEPARATOR = "; "

_SCHEMA = """
CREATE TABLE IF NOT EXISTS audit_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    user TEXT NOT NULL,
    site TEXT NOT NULL,
    action TEXT NOT NULL,
    targets TEXT NOT NULL,
    outcome TEXT NOT NULL DEFAULT 'pending',
    code TEXT,
    message TEXT
);
CREATE INDEX IF NOT EXISTS audit_entries_started ON audit_entries (started_at);
"""
_COLUMNS = "id, started_at, finished_at, user, site, action, targets, outcome, code, message"


@dataclass(frozen=True)
class AuditEntry:
    """One action: who, on which site, what, on which IDs, and how it ended (``pending`` until known)."""

    id: int
    started_at: datetime
    finished_at: datetime | None
    user: str
    site: str
    action: str
    targets: tuple[str, ...]
    outcome: str
    code: str | None
    message: str | None


@dataclass(frozen=True)
class AuditOutcome:
    """How an action ended, as the audit log records it."""

    ok: bool
    code: str | None = None
    message: str | None = None


def _stamp(moment: datetime) -> str:
    """UTC ISO 8601 with a fixed width, so text order is time order."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _instant(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def _optional_instant(text: str | None) -> datetime | None:
    return _instant(text) if text else None


def _utc_now() -> datetime:
    return datetime.now(UTC)


class AuditLog:
    """The audit log in one SQLite file; safe to share between threads (one connection per call)."""

    def __init__(self, path: str | Path, clock: Callable[[], datetime] = _utc_now) -> None:
        self.path = Path(path)
        self._clock = clock
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            mode = db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise sqlite3.OperationalError(f"the audit log needs WAL mode, SQLite gave {mode!r}")
            db.executescript(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.path, timeout=10)) as db, db:
            yield db

    def record_intent(self, user: str, site: str, action: str, targets: Sequence[str] = ()) -> int:
        """Write the entry before the call (outcome ``pending``); return its ID for :meth:`record_outcome`."""
        with self._connect() as db:
            cursor = db.execute(
                "INSERT INTO audit_entries (started_at, user, site, action, targets) VALUES (?, ?, ?, ?, ?)",
                (_stamp(self._clock()), user, site, action, json.dumps([str(t) for t in targets])),
            )
            entry_id = cursor.lastrowid
            assert entry_id is not None  # sqlite3 sets it on every INSERT that went through
            return entry_id

    def record_outcome(self, entry_id: int, ok: bool, code: str | None = None, message: str | None = None) -> None:
        """Write how the call ended. Raises ``KeyError`` if the entry does not exist or already has an outcome."""
        with self._connect() as db:
            cursor = db.execute(
                "UPDATE audit_entries SET finished_at = ?, outcome = ?, code = ?, message = ? "
                "WHERE id = ? AND outcome = ?",
                (_stamp(self._clock()), OK if ok else ERROR, code, message, entry_id, PENDING),
            )
            if cursor.rowcount != 1:
                raise KeyError(f"no pending audit entry {entry_id}")

    def entries(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        users: Collection[str] = (),
        sites: Collection[str] = (),
        actions: Collection[str] = (),
        outcomes: Collection[str] = (),
    ) -> list[AuditEntry]:
        """Entries started in [since, until] matching every non-empty filter, newest first."""
        clauses: list[str] = []
        params: list[str] = []
        if since is not None:
            clauses.append("started_at >= ?")
            params.append(_stamp(since))
        if until is not None:
            clauses.append("started_at <= ?")
            params.append(_stamp(until))
        for column, wanted in (("user", users), ("site", sites), ("action", actions), ("outcome", outcomes)):
            if wanted:
                clauses.append(f"{column} IN ({', '.join('?' * len(wanted))})")
                params.extend(wanted)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        with self._connect() as db:
            rows = db.execute(f"SELECT {_COLUMNS} FROM audit_entries {where} ORDER BY id DESC", params).fetchall()
        return [_entry(row) for row in rows]

    def latest_start(self, site: str, actions: Collection[str], since: datetime) -> datetime | None:
        """When the newest entry of ``site`` with one of ``actions`` that did not fail started, if at or after
        ``since`` (e.g. when the running plan generation was asked for)."""
        found = self.entries(since=since, sites=[site], actions=actions, outcomes=[OK, PENDING])
        return found[0].started_at if found else None

    def choices(self) -> dict[str, list[str]]:
        """The users, sites and actions seen so far (sorted), to offer as filters."""
        with self._connect() as db:
            return {
                column: [row[0] for row in db.execute(f"SELECT DISTINCT {column} FROM audit_entries ORDER BY 1")]
                for column in ("user", "site", "action")
            }


def _entry(row: tuple) -> AuditEntry:
    entry_id, started, finished, user, site, action, targets, outcome, code, message = row
    return AuditEntry(
        id=entry_id,
        started_at=_instant(started),
        finished_at=_optional_instant(finished),
        user=user,
        site=site,
        action=action,
        targets=tuple(json.loads(targets)),
        outcome=outcome,
        code=code,
        message=message,
    )


def entries_frame(entries: Sequence[AuditEntry]) -> pd.DataFrame:
    """One row per entry (times in UTC, targets joined by ``"; "``), columns :data:`FRAME_COLUMNS`; an entry without a
    code or message has empty text there (never ``None``), one still pending has no finish time (``NaT``)."""
    frame = pd.DataFrame(
        [
            {
                "id": entry.id,
                "time_utc": entry.started_at,
                "finished_utc": entry.finished_at,
                "user": entry.user,
                "site": entry.site,
                "action": entry.action,
                "targets": TARGET_SEPARATOR.join(entry.targets),
                "outcome": entry.outcome,
                "code": entry.code or "",
                "message": entry.message or "",
            }
            for entry in entries
        ],
        columns=FRAME_COLUMNS,
    )
    for column in ("time_utc", "finished_utc"):
        frame[column] = pd.to_datetime(frame[column], utc=True)
    return frame.astype({"id": "int64", **dict.fromkeys(TEXT_COLUMNS, "str")})


def to_csv(entries: Sequence[AuditEntry]) -> str:
    """The entries as CSV (header row, times in UTC ISO 8601), as offered for download."""
    return entries_frame(entries).to_csv(index=False, date_format="%Y-%m-%dT%H:%M:%S.%fZ")
