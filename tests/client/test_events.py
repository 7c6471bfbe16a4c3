"""Calendar Event V1 methods against the sandbox over HTTP."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from lib.wix.client import WixClient
from lib.wix.errors import FailedPreconditionError, InvalidArgumentError
from lib.wix.models import CalendarEvent, RecurrenceFrequency, RecurringRule
from tests.client.conftest import Sent

NOW = datetime.now(UTC).replace(microsecond=0)


def _window(client: WixClient, days: int = 60) -> list[CalendarEvent]:
    return client.query_events(NOW - timedelta(days=1), NOW + timedelta(days=days))


def test_create_one_time_event_and_find_it(client: WixClient, sent: Sent) -> None:
    when = NOW + timedelta(days=3)
    created = client.create_event(CalendarEvent(name="Summer Sale", description="20% off all mugs", date=when))

    assert created.id
    assert created.calendar_id
    assert (created.name, created.description, created.date) == ("Summer Sale", "20% off all mugs", when)
    assert not created.is_recurring
    assert not created.read_only
    assert sent.body("POST", "/events") == {
        "calendarEvent": {
            "name": "Summer Sale",
            "description": "20% off all mugs",
            "date": when.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        }
    }
    found = {e.id: e for e in _window(client)}
    assert found[created.id].date == when


def test_query_sends_the_date_filter_and_sorts(client: WixClient, sent: Sent) -> None:
    start, end = NOW - timedelta(days=1), NOW + timedelta(days=60)
    events = client.query_events(start, end)

    assert sent.body("POST", "/events/query") == {
        "query": {
            "filter": {
                "date": {
                    "$gte": start.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                    "$lte": end.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                }
            }
        }
    }
    assert events
    firsts = [e.occurrences[0] if e.is_recurring else e.date for e in events]
    assert firsts == sorted(firsts)


def test_recurring_event_has_occurrences(client: WixClient) -> None:
    rule = RecurringRule(RecurrenceFrequency.WEEKLY, start_date=NOW + timedelta(hours=2))
    created = client.create_event(CalendarEvent(name="Tea Tuesday", date=NOW, recurring_rule=rule))

    assert created.is_recurring
    assert created.date is None  # the rule wins, the date is dropped
    assert created.recurring_rule is not None
    assert created.recurring_rule.frequency is RecurrenceFrequency.WEEKLY
    assert created.recurring_rule.start_date == NOW + timedelta(hours=2)

    (found,) = [e for e in client.query_events(NOW, NOW + timedelta(days=21)) if e.id == created.id]
    assert found.occurrences == [NOW + timedelta(hours=2, weeks=n) for n in range(3)]


def test_update_replaces_the_event(client: WixClient, sent: Sent) -> None:
    created = client.create_event(CalendarEvent(name="Launch", description="Glazes", date=NOW + timedelta(days=4)))
    rule = RecurringRule(RecurrenceFrequency.MONTHLY, start_date=NOW + timedelta(days=4))

    updated = client.update_event(replace(created, name="Launch party", description=None, recurring_rule=rule))

    assert sent.body("PUT", f"/events/{created.id}") == {
        "event": {"id": created.id, "name": "Launch party", "recurringRule": rule.to_json()}
    }
    assert updated.id == created.id
    assert updated.name == "Launch party"
    assert updated.description is None  # full replacement
    assert updated.is_recurring
    assert updated.recurring_rule is not None
    assert updated.recurring_rule.frequency is RecurrenceFrequency.MONTHLY


def test_delete_event(client: WixClient) -> None:
    created = client.create_event(CalendarEvent(name="Gone soon", date=NOW + timedelta(days=2)))
    assert client.delete_event(created.id or "") is None
    assert created.id not in {e.id for e in _window(client)}
    with pytest.raises(FailedPreconditionError) as info:
        client.delete_event(created.id or "")
    assert info.value.code == "EVENT_NOT_FOUND"
    assert "no longer exists" in info.value.user_message


def test_connected_calendar_events_are_read_only(client: WixClient) -> None:
    read_only = next(e for e in _window(client) if e.read_only)

    with pytest.raises(FailedPreconditionError) as update:
        client.update_event(replace(read_only, name="Mine now"))
    assert update.value.code == "EVENT_READ_ONLY"
    assert "read-only" in update.value.user_message
    with pytest.raises(FailedPreconditionError):
        client.delete_event(read_only.id or "")


def test_event_validation(client: WixClient) -> None:
    with pytest.raises(InvalidArgumentError) as nameless:
        client.create_event(CalendarEvent(date=NOW))
    assert [v.field for v in nameless.value.violations] == ["calendarEvent.name"]
    assert "calendarEvent.name" in nameless.value.user_message

    with pytest.raises(InvalidArgumentError):
        client.create_event(CalendarEvent(name="No date"))

    with pytest.raises(FailedPreconditionError) as rule:
        client.create_event(CalendarEvent(name="Sometimes", recurring_rule=RecurringRule(None, start_date=NOW)))
    assert rule.value.code == "INVALID_RECURRING_RULE"
    assert "repeat frequency" in rule.value.user_message


def test_update_needs_an_id(client: WixClient) -> None:
    with pytest.raises(ValueError, match="id"):
        client.update_event(CalendarEvent(name="x", date=NOW))
