"""The tables the app keeps (SQLAlchemy Core). A table's shape here is the one its migration made
(`lib.store.migrations`): a later change is a new migration step, never an edit of a landed one."""

from __future__ import annotations

from sqlalchemy import Column, Float, Index, Integer, MetaData, Table, Text

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, nullable=False),  # one row per migration step applied, 1, 2, ...
)

# Times are UTC ISO 8601 text of one fixed width (lib/audit.py), so text order is time order on both backends; the
# shape is the one the SQLite file of earlier versions already has, so such a file is carried over as it is.
audit_entries = Table(
    "audit_entries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", Text, nullable=False),
    Column("finished_at", Text),
    Column("user", Text, nullable=False),
    Column("site", Text, nullable=False),
    Column("action", Text, nullable=False),
    Column("targets", Text, nullable=False),
    Column("outcome", Text, nullable=False, server_default="pending"),
    Column("code", Text),
    Column("message", Text),
    sqlite_autoincrement=True,
)
audit_entries_started = Index("audit_entries_started", audit_entries.c.started_at)

# SQLite's action locks are leases (PostgreSQL's are advisory locks and need no table): who holds a site, until when
# (seconds since the epoch); a lease of a killed process expires.
site_leases = Table(
    "site_leases",
    metadata,
    Column("site", Text, primary_key=True),
    Column("holder", Text, nullable=False),
    Column("expires_at", Float, nullable=False),
)

# Failure counts shared by every process (the passcode throttle): how many, and when the last one was (epoch seconds).
throttles = Table(
    "throttles",
    metadata,
    Column("name", Text, primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failure_at", Float, nullable=False),
)

# Four-eye approval (lib/approvals.py): a request to schedule drafts, made by one person and decided by another.
approval_requests = Table(
    "approval_requests",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("site", Text, nullable=False),
    Column("post_ids", Text, nullable=False),  # a JSON list of the drafts' item IDs
    Column("requested_by", Text, nullable=False),
    Column("requested_at", Text, nullable=False),  # UTC ISO 8601, as the audit log's times
    Column("note", Text, nullable=False, server_default=""),
    Column("state", Text, nullable=False, server_default="open"),  # open | approved | rejected
    Column("decided_by", Text),
    Column("decided_at", Text),
    Column("reason", Text),  # why it was rejected
    sqlite_autoincrement=True,
)
