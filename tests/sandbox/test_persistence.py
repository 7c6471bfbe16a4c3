"""Durability across restarts (same SQLite file) and deterministic content."""

from __future__ import annotations

from tests.sandbox.helpers import BASE, PLAN, activity_posts, client, content, finish_plan, get_plan, items

RANGE = {"query": {"filter": {"date": {"$gte": "2020-01-01T00:00:00Z", "$lte": "2030-01-01T00:00:00Z"}}}}
LONG_AGO = {"timeframe.startDate": "2020-01-01T00:00:00.000Z"}


def test_everything_survives_a_restart(start, tmp_path):
    db = str(tmp_path / "restart.db")
    first = start(scenario="fresh", db_path=db)
    with client(first.base_url, "site-restart") as api:
        api.post(f"{PLAN}/generate-marketing-plan", json={})
        plan = finish_plan(api)
        drafts = [item["id"] for _, item in items(plan) if item["status"] == "DRAFT"][:5]
        scheduled = api.post(f"{PLAN}/schedule-drafts", json={"draftIds": drafts}).json()["items"]
        assert len(scheduled) == 5
        body = {"marketingSettings": {"settings": {"toneOfVoice": "calm"}}, "fieldMask": ["settings.toneOfVoice"]}
        settings = api.post(f"{BASE}/marketing-settings", json=body).json()
        event = api.post(f"{BASE}/events", json={"calendarEvent": {"name": "Fair", "date": "2026-12-24T00:00:00Z"}})
        without = next(a["marketingActivityId"] for a in plan["marketingActivities"] if not a["items"])
        api.post(f"{PLAN}/generate-social-posts", json={"marketingActivityIds": [without]})
        before = get_plan(api, **LONG_AGO)
        events = api.post(f"{BASE}/events/query", json=RANGE).json()
    with client(first.base_url, "site-pending") as other:
        other.post(f"{PLAN}/generate-marketing-plan", json={})
    first.stop()

    second = start(scenario="demo", db_path=db, progression="reads")  # pending jobs finish on the reads below
    with client(second.base_url, "site-restart") as api:
        after = get_plan(api, **LONG_AGO)
        assert after["status"] == "ACTIVE"
        scheduled_after = {i["id"] for _, i in items(after) if i["status"] == "SCHEDULED"}
        assert {entry["id"] for entry in scheduled} <= scheduled_after
        assert [a["marketingActivityId"] for a in after["marketingActivities"]] == [
            a["marketingActivityId"] for a in before["marketingActivities"]
        ]
        assert api.get(f"{BASE}/marketing-settings").json() == settings
        assert api.post(f"{BASE}/events/query", json=RANGE).json() == events
        assert event.json()["calendarEvent"] in events["calendarEvents"]
        posts = activity_posts(api, [without])[without]
        assert posts, "a post job started before the restart finishes after it"
    with client(second.base_url, "site-pending") as other:
        assert get_plan(other)["status"] == "ACTIVE", "a generation started before the restart completes after it"


def test_same_scenario_and_site_give_the_same_content(start, tmp_path):
    plans = []
    for name in ("a", "b"):
        sandbox = start(scenario="demo", db_path=str(tmp_path / f"{name}.db"))
        with client(sandbox.base_url, "site-same") as api:
            plans.append(get_plan(api, **LONG_AGO))
    assert plans[0] == plans[1]
    with client(sandbox.base_url, "site-other") as api:
        other = get_plan(api, **LONG_AGO)
    assert {a["marketingActivityId"] for a in other["marketingActivities"]}.isdisjoint(
        a["marketingActivityId"] for a in plans[0]["marketingActivities"]
    )


def test_generation_content_is_seeded_by_site_and_generation(start, tmp_path):
    sandboxes = [start(scenario="fresh", db_path=str(tmp_path / f"{name}.db")) for name in ("a", "b")]
    apis = [client(sandbox.base_url, "site-seeded") for sandbox in sandboxes]
    for api in apis:
        api.post(f"{PLAN}/generate-marketing-plan", json={})

    def fingerprint(plan: dict) -> list:
        return [
            (a["marketingActivityId"], a["title"], [(i["id"], content(i)["caption"]) for i in a["items"]])
            for a in plan["marketingActivities"]
        ]

    first, second = (fingerprint(finish_plan(api)) for api in apis)
    assert first == second
    apis[0].post(f"{PLAN}/regenerate-marketing-plan", json={})
    regenerated = fingerprint(finish_plan(apis[0]))
    assert {entry[0] for entry in regenerated}.isdisjoint(entry[0] for entry in first), "next generation, new content"
    for api in apis:
        api.close()
