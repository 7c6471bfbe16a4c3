"""Fault injection: every kind, decided before the handler (faulted writes change nothing), switchable live."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.sandbox.helpers import BASE, PLAN, admin, get_plan, items


def _faults(sandbox, **settings) -> dict:
    response = admin(sandbox, "PUT", "/faults", settings)
    assert response.status_code == 200, response.text
    return response.json()


def _off(sandbox) -> None:
    _faults(sandbox, fault_rate=0.0)


@pytest.fixture(autouse=True)
def _faults_off_afterwards(fresh, demo):
    """The module's servers are shared: every test leaves faults switched off."""
    yield
    for sandbox in (fresh, demo):
        _off(sandbox)


def _generate(api: httpx.Client) -> httpx.Response:
    return api.post(f"{PLAN}/generate-marketing-plan", json={})


def test_429_has_retry_after_and_changes_nothing(fresh, connect):
    api = connect(fresh)
    _faults(fresh, fault_rate=1.0, fault_kinds=["429"])
    response = _generate(api)
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "1"
    assert response.json()["details"]["applicationError"]["code"] == "RESOURCE_EXHAUSTED"
    _off(fresh)
    assert get_plan(api)["status"] == "NEVER_CREATED"


@pytest.mark.parametrize("kind", ["500", "503"])
def test_system_errors_have_empty_bodies_and_change_nothing(fresh, connect, kind):
    api = connect(fresh)
    _faults(fresh, fault_rate=1.0, fault_kinds=[kind])
    response = api.post(f"{BASE}/events", json={"calendarEvent": {"name": "Sale", "date": "2026-07-15T00:00:00Z"}})
    assert response.status_code == int(kind)
    assert response.content == b""
    _off(fresh)
    query = {"query": {"filter": {"date": {"$gte": "2026-01-01T00:00:00Z", "$lte": "2026-12-31T00:00:00Z"}}}}
    assert api.post(f"{BASE}/events/query", json=query).json() == {"calendarEvents": []}


def test_malformed_is_a_200_that_is_not_json_and_changes_nothing(fresh, connect):
    api = connect(fresh)
    _faults(fresh, fault_rate=1.0, fault_kinds=["malformed"])
    response = _generate(api)
    assert response.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        response.json()
    _off(fresh)
    assert get_plan(api)["status"] == "NEVER_CREATED"


def test_slow_delays_then_runs_the_write(fresh, connect):
    api = connect(fresh)
    admin(fresh, "DELETE", "/requests")
    _faults(fresh, fault_rate=1.0, fault_kinds=["slow"], slow_seconds=0.2)
    assert _generate(api).json() == {"status": "GENERATING"}
    _off(fresh)
    assert get_plan(api)["status"] == "GENERATING"
    log = admin(fresh, "GET", "/requests").json()["requests"]
    assert [entry["fault"] for entry in log] == ["slow", None]


def test_unknown_enum_alters_statuses_and_channels(demo, connect):
    api = connect(demo)
    _faults(demo, fault_rate=1.0, fault_kinds=["unknown-enum"])
    plan = get_plan(api)
    assert plan["status"] == "PAUSED_BY_WIX"
    pairs = list(items(plan))
    assert pairs
    assert {item["status"] for _, item in pairs} == {"PAUSED_BY_WIX"}
    assert {item["channel"]["name"] for _, item in pairs} == {"THREADS"}
    assert {activity["marketingActivityType"] for activity, _ in pairs} == {"PODCAST_EPISODE"}
    _off(demo)
    assert get_plan(api)["status"] == "ACTIVE", "the stored state was not altered"


def test_missing_fields_drops_optional_fields(demo, connect):
    api = connect(demo)
    _faults(demo, fault_rate=1.0, fault_kinds=["missing-fields"])
    plan = get_plan(api)
    assert plan["marketingActivities"]
    for activity in plan["marketingActivities"]:
        assert "title" not in activity and "description" not in activity
        assert activity["marketingActivityId"] and activity["date"]
        for item in activity["items"]:
            assert all("caption" not in value for value in item.values() if isinstance(value, dict))
    _off(demo)
    assert all(a["title"] for a in get_plan(api)["marketingActivities"])


def test_faults_skip_admin_routes_and_follow_the_seed(start, connect):
    statuses = []
    for _ in range(2):
        sandbox = start(scenario="fresh", fault_rate=0.5, fault_kinds=("500", "503"), fault_seed=7, db_path=":memory:")
        assert admin(sandbox, "GET", "/health").status_code == 200
        api = connect(sandbox)
        statuses.append([api.get(PLAN).status_code for _ in range(20)])
    assert statuses[0] == statuses[1], "same seed, same fault sequence"
    assert {200, 500, 503} <= set(statuses[0])


def test_fault_settings_are_validated(fresh):
    assert admin(fresh, "PUT", "/faults", {"fault_rate": 2}).status_code == 400
    assert admin(fresh, "PUT", "/faults", {"fault_kinds": ["teapot"]}).status_code == 400
    assert admin(fresh, "GET", "/faults").json()["fault_rate"] == 0.0
