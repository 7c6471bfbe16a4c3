"""The schema's versions: a fresh database gets them all once, an audit file of earlier versions is carried over with
its entries, and replicas starting at the same moment apply each step once."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import func, inspect, select

from lib.audit import OK, PENDING, AuditLog
from lib.store.database import open_store
from lib.store.migrations import STEPS, migrate
from lib.store.schema import schema_version
from tests.postgres_support import fresh_database

# The audit log file as the app wrote it before the store had versions (lib/audit.py of issue 12's code)
EARLIER_AUDIT_FILE = """
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
INSERT INTO audit_entries (started_at, finished_at, user, site, action, targets, outcome)
    VALUES ('2026-11-30T09:00:00.000000Z', '2026-11-30T09:00:01.000000Z', 'ana', 'site-1', 'generate plan', '[]', 'ok');
INSERT INTO audit_entries (started_at, user, site, action, targets)
    VALUES ('2026-11-30T10:00:00.000000Z', 'ben', 'site-1', 'delete plan', '[]');
"""


def versions(location: str | Path) -> list[int]:
    store = open_store(location)
    with store.transaction() as db:
        return list(db.execute(select(schema_version.c.version).order_by(schema_version.c.version)).scalars())


def test_a_fresh_database_gets_every_step_once(database: str) -> None:
    assert versions(database) == list(range(1, len(STEPS) + 1))
    store = open_store(database)  # opened again: nothing more to do
    assert migrate(store) == len(STEPS)
    assert versions(database) == list(range(1, len(STEPS) + 1))
    tables = set(inspect(store.engine).get_table_names())
    assert {"audit_entries", "schema_version", "site_leases", "throttles"} <= tables


def test_an_earlier_audit_file_is_carried_over_with_its_entries(tmp_path: Path) -> None:
    path = earlier_file(tmp_path)
    audit = AuditLog(open_store(path))
    assert [(e.user, e.action, e.outcome) for e in audit.entries()] == [
        ("ben", "delete plan", PENDING),  # an action cut off before this version: still visible as pending
        ("ana", "generate plan", OK),
    ]
    newer = audit.record_intent("cy", "site-1", "regenerate plan")
    assert newer == 3  # numbering goes on after the carried-over entries
    assert versions(path) == list(range(1, len(STEPS) + 1))


def test_replicas_starting_together_apply_each_step_once(database: str) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        stores = list(pool.map(lambda _: open_store(database), range(4)))
    with stores[0].transaction() as db:
        applied = db.execute(select(func.count()).select_from(schema_version)).scalar_one()
    assert applied == len(STEPS)


def earlier_file(tmp_path: Path) -> Path:
    path = tmp_path / "var" / "audit.db"
    path.parent.mkdir()
    with sqlite3.connect(path) as db:
        db.executescript(EARLIER_AUDIT_FILE)
    return path


def test_moving_to_postgresql_carries_the_files_entries_over_once(tmp_path: Path, postgres_url: str) -> None:
    sqlite_file = earlier_file(tmp_path)
    with fresh_database(postgres_url) as url:
        audit = AuditLog(open_store(url, earlier_file=sqlite_file))
        assert [(e.id, e.user, e.outcome) for e in audit.entries()] == [(2, "ben", PENDING), (1, "ana", OK)]
        assert audit.record_intent("cy", "site-1", "regenerate plan") == 3  # numbered after the copied entries
        AuditLog(open_store(sqlite_file)).record_intent("dee", "site-1", "delete plan")  # the old file, later
        again = AuditLog(open_store(url, earlier_file=sqlite_file))  # another replica, or a restart
        assert [e.user for e in again.entries()] == ["cy", "ben", "ana"]  # copied once, never again


def test_a_server_without_an_earlier_file_starts_empty(tmp_path: Path, postgres_url: str) -> None:
    with fresh_database(postgres_url) as url:
        assert AuditLog(open_store(url, earlier_file=tmp_path / "no-such.db")).entries() == []
