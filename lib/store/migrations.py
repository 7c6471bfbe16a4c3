"""The schema's versions, applied in order when the app opens its database: a table ``schema_version`` with one row
per step applied.

A small version table rather than Alembic: the schema is a handful of tables that only ever grow, the steps run at
start inside the app (no command for anyone to run on a host), and both backends take the same SQLAlchemy Core DDL.
Alembic would add its environment, revision scripts and configuration for the same effect.

Two replicas starting at once apply each step once: the steps run in one `Store.serialised` transaction (PostgreSQL's
DDL is transactional; SQLite's transaction begins IMMEDIATE).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, func, insert, select, text

from lib.store.database import Store
from lib.store.schema import (
    approval_requests,
    audit_entries,
    audit_entries_started,
    schema_version,
    site_leases,
    throttles,
)


def _audit_log(connection: Connection) -> None:
    """1: the audit log. A SQLite file of earlier versions has it already (same table and index): kept as it is."""
    audit_entries.create(connection, checkfirst=True)
    audit_entries_started.create(connection, checkfirst=True)


def _locks_and_throttles(connection: Connection) -> None:
    """2: action leases (SQLite) and shared failure counts."""
    site_leases.create(connection, checkfirst=True)
    throttles.create(connection, checkfirst=True)


def _approval_requests(connection: Connection) -> None:
    """3: four-eye approval's schedule requests."""
    approval_requests.create(connection, checkfirst=True)


STEPS: tuple[Callable[[Connection], None], ...] = (_audit_log, _locks_and_throttles, _approval_requests)


def migrate(store: Store) -> int:
    """Apply the steps this database has not had; return its version afterwards."""
    with store.serialised("schema migration") as connection:
        schema_version.create(connection, checkfirst=True)
        current = connection.scalar(select(func.count()).select_from(schema_version)) or 0
        for number, step in enumerate(STEPS[current:], start=current + 1):
            step(connection)
            connection.execute(insert(schema_version).values(version=number))
        return max(current, len(STEPS))


def carry_over(store: Store, earlier_file: Path) -> int:
    """Copy the audit entries of the SQLite file the app used before into a PostgreSQL store that has none yet, with
    their IDs (a team that moves its records to a server keeps its history); once, whichever replica starts first.
    Returns how many entries were copied."""
    if store.backend != "postgresql" or not earlier_file.is_file():
        return 0
    from lib.store.database import open_store  # the file is opened (and migrated) as any store is

    with open_store(earlier_file).transaction() as source:
        entries = [dict(row) for row in source.execute(select(audit_entries).order_by(audit_entries.c.id)).mappings()]
    if not entries:
        return 0
    with store.serialised("schema migration") as db:
        if db.scalar(select(func.count()).select_from(audit_entries)):
            return 0
        db.execute(insert(audit_entries), entries)
        # the copied IDs were given explicitly: new entries are numbered after them
        db.execute(
            text("SELECT setval(pg_get_serial_sequence('audit_entries', 'id'), (SELECT max(id) FROM audit_entries))")
        )
    return len(entries)
