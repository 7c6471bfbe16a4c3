"""Calendar Event V1 over HTTP: create, update, delete, query with recurring occurrences."""

from __future__ import annotations

import httpx
import pytest

from tests.sandbox.helpers import BASE, app_error, violations

EVENTS = f"{BASE}/events"


def _create(api: httpx.Client, event: dict) -> httpx.Response:
    return api.post(EVENTS, json={"calendarEvent": event})


def _query(api: httpx.Client, start: str, end: str) -> list[dict]:
    response = api.post(f"{EVENTS}/query", json={"query": {"filter": {"date": {"$gte": start, "$lte": end}}}})
    assert response.status_code == 200, response.text
    return response.json()["calendarEvents"]


def test_create_one_time_event(fresh, connect):
    api = connect(fresh)
    response = _create(
        api, {"name": "Summer Sale", "description": "20% off all mugs", "date": "2026-07-15T00:00:00.000Z"}
    )
    assert response.status_code == 200, response.text
    event = response.json()["calendarEvent"]
    assert event["id"] and event["calendarId"]
    assert {k: event[k] for k in ("name", "description", "date")} == {
        "name": "Summer Sale",
        "description": "20% off all mugs",
        "date": "2026-07-15T00:00:00.000Z",
    }
    assert _query(api, "2026-07-01T00:00:00Z", "2026-07-31T23:59:59Z") == [event]
    assert _query(api, "2026-08-01T00:00:00Z", "2026-08-31T23:59:59Z") == []


def test_event_needs_date_or_rule_and_a_name(fresh, connect):
    api = connect(fresh)
    assert violations(_create(api, {"name": "Nothing"}))[0]["field"] == "calendarEvent"
    assert violations(_create(api, {"date": "2026-07-15T00:00:00Z"}))[0]["field"] == "calendarEvent.name"
    long = _create(api, {"name": "Long", "description": "x" * 3001, "date": "2026-07-15T00:00:00Z"})
    assert violations(long)[0]["field"] == "calendarEvent.description"


@pytest.mark.parametrize(
    "rule", [{"frequency": "UNKNOWN", "startDate": "2026-07-01T00:00:00Z"}, {"startDate": "2026-07-01T00:00:00Z"}]
)
def test_recurring_rule_without_a_real_frequency_is_a_failed_precondition(fresh, connect, rule):
    response = _create(connect(fresh), {"name": "Weekly", "recurringRule": rule})
    assert response.status_code == 428
    assert app_error(response)["code"] == "INVALID_RECURRING_RULE"


def test_rule_wins_over_date(fresh, connect):
    rule = {"frequency": "MONTHLY", "startDate": "2026-01-31T10:00:00.000Z"}
    event = _create(connect(fresh), {"name": "Both", "date": "2026-07-15T00:00:00Z", "recurringRule": rule}).json()
    assert "date" not in event["calendarEvent"]
    assert event["calendarEvent"]["recurringRule"] == rule


def test_recurring_occurrences_inside_the_range(fresh, connect):
    api = connect(fresh)
    weekly = _create(
        api, {"name": "Open studio", "recurringRule": {"frequency": "WEEKLY", "startDate": "2026-06-03T18:00:00Z"}}
    ).json()["calendarEvent"]
    monthly = _create(
        api, {"name": "Month end", "recurringRule": {"frequency": "MONTHLY", "startDate": "2026-01-31T09:00:00Z"}}
    ).json()["calendarEvent"]
    yearly = _create(
        api,
        {
            "name": "Anniversary",
            "recurringRule": {
                "frequency": "YEARLY",
                "startDate": "2020-02-20T00:00:00Z",
                "endDate": "2025-12-31T00:00:00Z",
            },
        },
    ).json()["calendarEvent"]
    one_time = _create(api, {"name": "Launch", "date": "2026-06-20T12:00:00Z"}).json()["calendarEvent"]

    found = _query(api, "2026-06-01T00:00:00Z", "2026-06-30T23:59:59Z")
    assert [e["id"] for e in found] == [weekly["id"], one_time["id"], monthly["id"]], "sorted by first date in range"
    by_id = {e["id"]: e for e in found}
    assert [o["date"] for o in by_id[weekly["id"]]["recurringOccurrences"]] == [
        "2026-06-03T18:00:00.000Z",
        "2026-06-10T18:00:00.000Z",
        "2026-06-17T18:00:00.000Z",
        "2026-06-24T18:00:00.000Z",
    ]
    assert by_id[monthly["id"]]["recurringOccurrences"] == [{"date": "2026-06-30T09:00:00.000Z"}], (
        "clamped to month end"
    )
    assert "recurringOccurrences" not in by_id[one_time["id"]]
    assert yearly["id"] not in by_id, "the yearly rule ended before the range"
    feb = _query(api, "2026-02-01T00:00:00Z", "2026-02-28T23:59:59Z")
    assert {e["id"]: [o["date"] for o in e["recurringOccurrences"]] for e in feb} == {
        monthly["id"]: ["2026-02-28T09:00:00.000Z"]
    }
    early = _query(api, "2024-01-01T00:00:00Z", "2024-12-31T00:00:00Z")
    assert [e["recurringOccurrences"] for e in early] == [[{"date": "2024-02-20T00:00:00.000Z"}]]


def test_query_needs_both_bounds(fresh, connect):
    api = connect(fresh)
    response = api.post(f"{EVENTS}/query", json={"query": {"filter": {"date": {"$gte": "2026-06-01T00:00:00Z"}}}})
    assert violations(response)[0]["field"] == "query.filter.date.$lte"
    assert violations(api.post(f"{EVENTS}/query", json={}))[0]["field"] == "query.filter.date.$gte"


def test_update_replaces_the_event_and_delete_removes_it(fresh, connect):
    api = connect(fresh)
    event = _create(api, {"name": "Sale", "description": "old", "date": "2026-07-15T00:00:00Z"}).json()["calendarEvent"]
    rule = {"frequency": "WEEKLY", "startDate": "2026-07-01T00:00:00.000Z"}
    response = api.put(f"{EVENTS}/{event['id']}", json={"event": {"name": "Weekly sale", "recurringRule": rule}})
    assert response.status_code == 200, response.text
    updated = response.json()["event"]
    assert updated == {
        "id": event["id"],
        "calendarId": event["calendarId"],
        "name": "Weekly sale",
        "recurringRule": rule,
    }
    assert api.delete(f"{EVENTS}/{event['id']}").json() == {}
    assert _query(api, "2026-07-01T00:00:00Z", "2026-07-31T00:00:00Z") == []


def test_read_only_and_unknown_events_cannot_change(demo, connect):
    api = connect(demo)
    events = _query(api, "2020-01-01T00:00:00Z", "2030-01-01T00:00:00Z")
    read_only = next(e for e in events if e.get("readOnly"))
    body = {"event": {"name": "Mine now", "date": read_only["date"]}}
    for response in (api.put(f"{EVENTS}/{read_only['id']}", json=body), api.delete(f"{EVENTS}/{read_only['id']}")):
        assert response.status_code == 428
        assert app_error(response)["code"] == "EVENT_READ_ONLY"
    for response in (api.put(f"{EVENTS}/nope", json=body), api.delete(f"{EVENTS}/nope")):
        assert response.status_code == 428
        assert app_error(response)["code"] == "EVENT_NOT_FOUND"
    assert _query(api, "2020-01-01T00:00:00Z", "2030-01-01T00:00:00Z") == events


def test_demo_events_and_query_cap_of_100(demo, start, connect):
    events = _query(connect(demo), "2020-01-01T00:00:00Z", "2030-01-01T00:00:00Z")
    assert 3 <= len(events) <= 4
    assert sum("recurringRule" in e for e in events) >= 1 and sum(bool(e.get("readOnly")) for e in events) == 1
    large = start(scenario="large", large_activities=30, large_items=300, large_events=150)
    api = connect(large)
    plan = api.get(f"{BASE}/marketing-plan", params={"timeframe.startDate": "2020-01-01T00:00:00Z"}).json()
    assert len(plan["marketingActivities"]) == 30
    assert sum(len(a["items"]) for a in plan["marketingActivities"]) == 300
    found = _query(api, "2020-01-01T00:00:00Z", "2030-01-01T00:00:00Z")
    assert len(found) == 100
    firsts = [e["recurringOccurrences"][0]["date"] if "recurringRule" in e else e["date"] for e in found]
    assert firsts == sorted(firsts)
