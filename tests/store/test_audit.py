"""The audit log on both databases (SQLite and PostgreSQL, the same tests): intent before outcome, pending entries
after a crash, filters, CSV; SQLite's file in WAL mode."""

from __future__ import annotations

import io
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from sqlalchemy import select

from lib.audit import ERROR, OK, PENDING, AuditLog, entries_frame, to_csv
from lib.store.database import open_store
from lib.store.schema import audit_entries

KEY = "IST.audit-planted-key-4711"
ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def audit(database: str, clock: Clock) -> AuditLog:
    return AuditLog(open_store(database), clock=clock)


def test_sqlite_file_is_created_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "audit.db"
    AuditLog(open_store(path)).record_intent("ana", "site-1", "generate plan")
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_intent_is_pending_until_the_outcome_is_written(audit: AuditLog, clock: Clock) -> None:
    entry_id = audit.record_intent("ana@example.com", "site-1", "delete event", ["ev-1"])
    (entry,) = audit.entries()
    assert (entry.id, entry.outcome, entry.finished_at) == (entry_id, PENDING, None)
    assert (entry.user, entry.site, entry.action, entry.targets) == (
        "ana@example.com",
        "site-1",
        "delete event",
        ("ev-1",),
    )
    assert entry.started_at == T0
    clock.now = T0 + timedelta(seconds=2)
    audit.record_outcome(entry_id, ok=True)
    (entry,) = audit.entries()
    assert (entry.outcome, entry.code, entry.message) == (OK, None, None)
    assert entry.finished_at == T0 + timedelta(seconds=2)


def test_error_outcome_keeps_code_and_message(audit: AuditLog) -> None:
    entry_id = audit.record_intent("ana", "site-1", "schedule drafts", ["d1", "d2"])
    audit.record_outcome(entry_id, ok=False, code="PREMIUM_FEATURE_REQUIRED", message="Upgrade the site.")
    (entry,) = audit.entries()
    assert (entry.outcome, entry.code, entry.message) == (ERROR, "PREMIUM_FEATURE_REQUIRED", "Upgrade the site.")


def test_outcome_is_written_once_and_only_for_known_entries(audit: AuditLog) -> None:
    entry_id = audit.record_intent("ana", "site-1", "generate plan", [])
    audit.record_outcome(entry_id, ok=True)
    with pytest.raises(KeyError):
        audit.record_outcome(entry_id, ok=False, code="LATE")
    with pytest.raises(KeyError):
        audit.record_outcome(entry_id + 1, ok=True)
    assert audit.entries()[0].outcome == OK


def test_pending_entry_survives_a_crash(database: str) -> None:
    crash = (
        "import os, sys\n"
        "from lib.audit import AuditLog\n"
        "from lib.store.database import open_store\n"
        "log = AuditLog(open_store(sys.argv[1]))\n"
        "log.record_outcome(log.record_intent('ana', 'site-1', 'generate posts', ['a1']), ok=True)\n"
        "print(log.record_intent('ana', 'site-1', 'delete plan', []), flush=True)\n"
        "os._exit(9)  # the process dies between the call and its outcome\n"
    )
    run = subprocess.run([sys.executable, "-c", crash, database], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 9, run.stderr
    cut_short = int(run.stdout)

    reopened = AuditLog(open_store(database))
    by_id = {entry.id: entry for entry in reopened.entries()}
    assert [e.outcome for e in by_id.values()] == [PENDING, OK]
    assert by_id[cut_short].outcome == PENDING
    assert by_id[cut_short].action == "delete plan"
    reopened.record_outcome(cut_short, ok=True)  # a late outcome is still accepted
    assert reopened.entries(outcomes=[PENDING]) == []


def test_filters_combine_and_order_is_newest_first(audit: AuditLog, clock: Clock) -> None:
    plan = [
        (T0, "ana", "site-1", "generate plan", True),
        (T0 + timedelta(days=1), "ben", "site-1", "delete event", False),
        (T0 + timedelta(days=2), "ana", "site-2", "delete event", True),
        (T0 + timedelta(days=3), "ben", "site-2", "upsert settings", None),
    ]
    for moment, user, site, action, ok in plan:
        clock.now = moment
        entry_id = audit.record_intent(user, site, action, [])
        if ok is not None:
            audit.record_outcome(entry_id, ok=ok, code=None if ok else "NOT_FOUND")

    assert [e.action for e in audit.entries()] == ["upsert settings", "delete event", "delete event", "generate plan"]
    assert [e.user for e in audit.entries(users=["ana"])] == ["ana", "ana"]
    assert [e.site for e in audit.entries(sites=["site-2"])] == ["site-2", "site-2"]
    assert [e.user for e in audit.entries(actions=["delete event"])] == ["ana", "ben"]
    assert [e.code for e in audit.entries(outcomes=[ERROR])] == ["NOT_FOUND"]
    assert [e.action for e in audit.entries(outcomes=[PENDING])] == ["upsert settings"]
    window = audit.entries(since=T0 + timedelta(days=1), until=T0 + timedelta(days=2))
    assert [e.started_at for e in window] == [T0 + timedelta(days=2), T0 + timedelta(days=1)]
    assert audit.entries(users=["ana"], actions=["delete event"], outcomes=[OK])[0].site == "site-2"
    assert audit.entries(users=["ana"], outcomes=[ERROR]) == []
    assert audit.choices() == {
        "user": ["ana", "ben"],
        "site": ["site-1", "site-2"],
        "action": ["delete event", "generate plan", "upsert settings"],
    }


def test_time_filters_accept_any_zone(audit: AuditLog) -> None:
    audit.record_intent("ana", "site-1", "generate plan", [])  # 09:30 UTC = 10:30 in Berlin
    berlin = ZoneInfo("Europe/Berlin")
    assert len(audit.entries(since=datetime(2025, 3, 1, 10, 29, tzinfo=berlin))) == 1
    assert audit.entries(since=datetime(2025, 3, 1, 10, 31, tzinfo=berlin)) == []
    assert len(audit.entries(until=datetime(2025, 3, 1, 10, 30, tzinfo=berlin))) == 1


def test_csv_round_trip_with_pandas(audit: AuditLog, clock: Clock) -> None:
    ok_id = audit.record_intent("ana@example.com", "site-1", "schedule drafts", ["d1", "d2", "d3"])
    clock.now = T0 + timedelta(seconds=1)
    audit.record_outcome(ok_id, ok=True, message="3 scheduled.")
    failed = audit.record_intent("ben, the intern", "site-1", "upsert settings", ["settings.toneOfVoice"])
    audit.record_outcome(failed, ok=False, code="INVALID_ARGUMENT", message='Wix said "no", twice;\nsee above.')
    audit.record_intent("ana@example.com", "site-2", "create event", ["Summer Sale"])
    entries = audit.entries()

    back = pd.read_csv(io.StringIO(to_csv(entries)))
    expected = entries_frame(entries)
    assert list(back.columns) == list(expected.columns)
    assert back["id"].tolist() == [e.id for e in entries]
    assert pd.to_datetime(back["time_utc"], utc=True).tolist() == [e.started_at for e in entries]
    assert back["user"].tolist() == ["ana@example.com", "ben, the intern", "ana@example.com"]
    assert [t.split("; ") for t in back["targets"]] == [["Summer Sale"], ["settings.toneOfVoice"], ["d1", "d2", "d3"]]
    assert back["outcome"].tolist() == [PENDING, ERROR, OK]
    assert back["message"].tolist()[1] == 'Wix said "no", twice;\nsee above.'
    assert back["code"].isna().tolist() == [True, False, True]
    assert back["finished_utc"].isna().tolist() == [True, False, False]


def test_missing_codes_and_messages_are_empty_text_not_none(audit: AuditLog) -> None:
    done = audit.record_intent("ana@example.com", "site-1", "delete plan")
    audit.record_outcome(done, ok=True)
    audit.record_intent("ana@example.com", "site-1", "regenerate plan")  # pending
    frame = entries_frame(audit.entries())
    assert frame[["targets", "code", "message"]].values.tolist() == [["", "", ""], ["", "", ""]]
    assert not frame.drop(columns=["time_utc", "finished_utc"]).isna().any().any()


def test_empty_log_gives_header_only_csv(audit: AuditLog) -> None:
    assert entries_frame([]).empty
    assert to_csv([]).strip() == "id,time_utc,finished_utc,user,site,action,targets,outcome,code,message"


def test_only_what_is_given_is_stored(database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIX_API_KEY", KEY)
    audit = AuditLog(open_store(database))
    entry_id = audit.record_intent("ana", "site-1", "upsert settings", ["settings.topics"])
    audit.record_outcome(entry_id, ok=False, code="UNAUTHENTICATED", message="Wix rejected the API key.")
    table = audit_entries.c
    columns = (table.user, table.site, table.action, table.targets, table.outcome, table.code, table.message)
    with audit.store.transaction() as db:
        rows = [tuple(row) for row in db.execute(select(*columns))]
    assert rows == [
        (
            "ana",
            "site-1",
            "upsert settings",
            '["settings.topics"]',
            ERROR,
            "UNAUTHENTICATED",
            "Wix rejected the API key.",
        )
    ]
    stored = b"".join(path.read_bytes() for path in tmp_path.rglob("*") if path.is_file())  # SQLite's file
    assert KEY.encode() not in stored


def test_latest_start_is_the_newest_recent_entry_that_did_not_fail(audit: AuditLog, clock: Clock) -> None:
    actions = ["generate plan", "regenerate plan"]
    for minutes, site, action, ok in (
        (0, "site-1", "generate plan", True),
        (5, "site-1", "regenerate plan", None),  # still pending: it may have started
        (6, "site-2", "regenerate plan", True),  # another site
        (7, "site-1", "delete plan", True),  # another action
        (8, "site-1", "regenerate plan", False),  # failed: nothing started
    ):
        clock.now = T0 + timedelta(minutes=minutes)
        entry_id = audit.record_intent("ana", site, action, [])
        if ok is not None:
            audit.record_outcome(entry_id, ok=ok)
    assert audit.latest_start("site-1", actions, since=T0) == T0 + timedelta(minutes=5)
    assert audit.latest_start("site-1", ["generate plan"], since=T0) == T0
    assert audit.latest_start("site-1", actions, since=T0 + timedelta(minutes=6)) is None
    assert audit.latest_start("site-3", actions, since=T0) is None
