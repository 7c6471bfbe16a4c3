"""The audit log: every action that changes something on Wix, as an intent written before the call and an outcome
written after it, in the app's database (`lib.store`: SQLite by default, PostgreSQL when hosted). No Streamlit import.

An entry whose outcome is still ``pending`` means the app stopped between the call and its outcome: the call may or
may not have reached Wix. Only what the caller hands over is stored (never headers, configuration or keys).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import ColumnElement, and_, insert, select, update

from lib.store.database import Store
from lib.store.schema import audit_entries
from lib.store.times import from_optional_text, from_text, to_text

PENDING, OK, ERROR = "pending", "ok", "error"
OUTCOMES = (OK, ERROR, PENDING)
FRAME_COLUMNS = ["id", "time_utc", "finished_utc", "user", "site", "action", "targets", "outcome", "code", "message"]
TEXT_COLUMNS = ["user", "site", "action", "targets", "outcome", "code", "message"]
TARGET_SEPARATOR = "; "
_COLUMNS = tuple(
    audit_entries.c[name]
    for name in ("id", "started_at", "finished_at", "user", "site", "action", "targets", "outcome", "code", "message")
)


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


def _utc_now() -> datetime:
    return datetime.now(UTC)


class AuditLog:
    """The audit log in the app's database; safe to share between threads and processes (one transaction per call).
    Every method raises `lib.store.database.StoreError` when the database fails."""

    def __init__(self, store: Store, clock: Callable[[], datetime] = _utc_now) -> None:
        self.store = store
        self._clock = clock

    def record_intent(self, user: str, site: str, action: str, targets: Sequence[str] = ()) -> int:
        """Write the entry before the call (outcome ``pending``); return its ID for :meth:`record_outcome`."""
        row = {
            "started_at": to_text(self._clock()),
            "user": user,
            "site": site,
            "action": action,
            "targets": json.dumps([str(t) for t in targets]),
            "outcome": PENDING,
        }
        with self.store.transaction() as db:
            return int(db.execute(insert(audit_entries).values(row).returning(audit_entries.c.id)).scalar_one())

    def record_outcome(self, entry_id: int, ok: bool, code: str | None = None, message: str | None = None) -> None:
        """Write how the call ended. Raises ``KeyError`` if the entry does not exist or already has an outcome."""
        outcome = OK if ok else ERROR
        finished = {"finished_at": to_text(self._clock()), "outcome": outcome, "code": code, "message": message}
        table = audit_entries.c
        with self.store.transaction() as db:
            changed = db.execute(
                update(audit_entries).where(table.id == entry_id, table.outcome == PENDING).values(finished)
            ).rowcount
        if changed != 1:
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
        table = audit_entries.c
        clauses: list[ColumnElement[bool]] = []
        if since is not None:
            clauses.append(table.started_at >= to_text(since))
        if until is not None:
            clauses.append(table.started_at <= to_text(until))
        for column, wanted in ((table.user, users), (table.site, sites), (table.action, actions)):
            if wanted:
                clauses.append(column.in_(list(wanted)))
        if outcomes:
            clauses.append(table.outcome.in_(list(outcomes)))
        query = select(*_COLUMNS).where(and_(True, *clauses)).order_by(table.id.desc())
        with self.store.transaction() as db:
            rows = db.execute(query).all()
        return [_entry(tuple(row)) for row in rows]

    def latest_start(self, site: str, actions: Collection[str], since: datetime) -> datetime | None:
        """When the newest entry of ``site`` with one of ``actions`` that did not fail started, if at or after
        ``since`` (e.g. when the running plan generation was asked for)."""
        found = self.entries(since=since, sites=[site], actions=actions, outcomes=[OK, PENDING])
        return found[0].started_at if found else None

    def choices(self) -> dict[str, list[str]]:
        """The users, sites and actions seen so far (sorted), to offer as filters."""
        table = audit_entries.c
        with self.store.transaction() as db:
            return {
                column.name: list(db.execute(select(column).distinct().order_by(column)).scalars())
                for column in (table.user, table.site, table.action)
            }


def _entry(row: tuple) -> AuditEntry:
    entry_id, started, finished, user, site, action, targets, outcome, code, message = row
    return AuditEntry(
        id=entry_id,
        started_at=from_text(started),
        finished_at=from_optional_text(finished),
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
