"""Marketing Plan V1 and Marketing Activity V1 edge cases over HTTP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from tests.sandbox.helpers import (
    BASE,
    PLAN,
    activity_posts,
    admin,
    app_error,
    complete_jobs,
    content,
    finish_plan,
    get_plan,
    items,
    violations,
)

LONG_AGO = "2020-01-01T00:00:00.000Z"


def _admin(sandbox, api: httpx.Client, action: str, method: str = "POST", body: dict | None = None) -> dict:
    response = admin(sandbox, method, f"/sites/{api.headers['wix-site-id']}/{action}", body)
    assert response.status_code == 200, response.text
    return response.json()


def _summary(sandbox, api: httpx.Client) -> dict:
    return admin(sandbox, "GET", f"/sites/{api.headers['wix-site-id']}").json()


def _activity_with(plan: dict, predicate) -> dict:
    return next(a for a in plan["marketingActivities"] if predicate(a))


# --- lifecycle -----------------------------------------------------------------------------------------------------


def test_regenerate_while_generating_is_a_428_with_the_documented_code(demo, connect):
    api = connect(demo)
    assert api.post(f"{PLAN}/regenerate-marketing-plan", json={}).json() == {"status": "GENERATING"}
    for path in ("regenerate-marketing-plan", "generate-marketing-plan"):
        response = api.post(f"{PLAN}/{path}", json={})
        assert response.status_code == 428
        body = response.json()
        assert body["message"] == "plan already generating"
        assert body["details"]["applicationError"]["code"] == "PLAN_ALREADY_GENERATING_ERROR"
    assert finish_plan(api)["status"] == "ACTIVE"


def test_regenerate_without_a_plan_is_plan_not_found(fresh, connect):
    api = connect(fresh)
    for path in ("regenerate-marketing-plan", "regenerate-marketing-plan-with-keyword-research"):
        response = api.post(f"{PLAN}/{path}", json={})
        assert response.status_code == 428
        assert app_error(response)["code"] == "PLAN_NOT_FOUND"
    assert get_plan(api)["status"] == "NEVER_CREATED"


def test_keyword_research_while_generating_starts_nothing(demo, connect):
    api = connect(demo)
    api.post(f"{PLAN}/regenerate-marketing-plan", json={})
    response = api.post(f"{PLAN}/regenerate-marketing-plan-with-keyword-research", json={})
    assert response.status_code == 200
    assert response.json() == {"status": "GENERATING"}
    assert finish_plan(api)["status"] == "ACTIVE"
    assert get_plan(api)["status"] == "ACTIVE", "no second generation was queued"
    assert _summary(demo, api)["generation"] == 2, "seeded plan + one regeneration"


def test_keyword_research_regenerates_when_idle(demo, connect):
    api = connect(demo)
    before = {a["marketingActivityId"] for a in get_plan(api)["marketingActivities"]}
    response = api.post(f"{PLAN}/regenerate-marketing-plan-with-keyword-research", json={})
    assert response.json() == {"status": "GENERATING"}
    after = finish_plan(api)
    assert after["status"] == "ACTIVE"
    assert before.isdisjoint(a["marketingActivityId"] for a in after["marketingActivities"])


def test_regenerate_keeps_past_activities_and_rebuilds_upcoming(demo, connect):
    api = connect(demo)
    before = get_plan(api, **{"timeframe.startDate": LONG_AGO})
    now = datetime.now(UTC)
    past = [a for a in before["marketingActivities"] if datetime.fromisoformat(a["date"]) < now]
    upcoming = {a["marketingActivityId"] for a in before["marketingActivities"]} - {
        a["marketingActivityId"] for a in past
    }
    assert past and upcoming
    assert any(item["status"] == "PUBLISHED" for a in past for item in a["items"])

    api.post(f"{PLAN}/regenerate-marketing-plan", json={})
    after = finish_plan(api, **{"timeframe.startDate": LONG_AGO})
    by_id = {a["marketingActivityId"]: a for a in after["marketingActivities"]}
    for activity in past:
        assert by_id[activity["marketingActivityId"]] == activity
    assert upcoming.isdisjoint(by_id)
    assert len(by_id) > len(past)


def test_fail_next_generation_ends_failed_then_generate_recovers(demo, connect):
    api = connect(demo)
    _admin(demo, api, "fail-next-generation")
    api.post(f"{PLAN}/regenerate-marketing-plan", json={})
    failed = finish_plan(api)
    assert failed == {"status": "FAILED", "marketingActivities": []}
    assert api.post(f"{PLAN}/generate-marketing-plan", json={}).json() == {"status": "GENERATING"}
    assert get_plan(api) == {"status": "GENERATING", "marketingActivities": []}, "a FAILED plan shows nothing"
    recovered = finish_plan(api)
    assert recovered["status"] == "ACTIVE" and recovered["marketingActivities"]


def test_long_idle_plan_turns_inactive_on_read_and_regenerate_reactivates(demo, connect):
    api = connect(demo)
    _admin(demo, api, "idle")
    assert get_plan(api) == {"status": "INACTIVE", "marketingActivities": []}
    api.post(f"{PLAN}/regenerate-marketing-plan", json={})
    assert finish_plan(api)["status"] == "ACTIVE"


def test_delete_plan_returns_to_never_created(demo, connect):
    api = connect(demo)
    response = api.delete(PLAN)
    assert response.status_code == 200
    assert response.json() == {}
    assert get_plan(api, **{"timeframe.startDate": LONG_AGO}) == {"status": "NEVER_CREATED", "marketingActivities": []}
    assert app_error(api.post(f"{PLAN}/regenerate-marketing-plan", json={}))["code"] == "PLAN_NOT_FOUND"
    api.post(f"{PLAN}/generate-marketing-plan", json={})
    assert finish_plan(api)["status"] == "ACTIVE"


def test_timeframe_limits_activities_and_rejects_bad_dates(demo, connect):
    api = connect(demo)
    start = datetime.now(UTC) + timedelta(days=3)
    end = start + timedelta(days=7)
    plan = get_plan(api, **{"timeframe.startDate": start.isoformat(), "timeframe.endDate": end.isoformat()})
    dates = [datetime.fromisoformat(a["date"]) for a in plan["marketingActivities"]]
    assert dates and all(start <= moment <= end for moment in dates)
    assert dates == sorted(dates)
    response = api.get(PLAN, params={"timeframe.startDate": "next tuesday"})
    assert violations(response)[0]["field"] == "timeframe.startDate"


@pytest.mark.parametrize(("near_term", "with_posts"), [("all", True), ("none", False)])
def test_near_term_window_is_configurable(start, connect, near_term, with_posts):
    api = connect(start(scenario="fresh", near_term=near_term))
    api.post(f"{PLAN}/generate-marketing-plan", json={})
    activities = finish_plan(api)["marketingActivities"]
    assert activities
    assert all(bool(a["items"]) == with_posts for a in activities)


# --- ScheduleDrafts ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [0, 21])
def test_schedule_drafts_needs_1_to_20_ids(demo, connect, count):
    api = connect(demo)
    response = api.post(f"{PLAN}/schedule-drafts", json={"draftIds": [f"id-{n}" for n in range(count)]})
    assert violations(response)[0]["field"] == "draftIds"


def test_schedule_drafts_ignores_non_drafts_and_unconnected_channels(demo, connect):
    api = connect(demo)
    plan = get_plan(api)
    scheduled = next(item for _, item in items(plan) if item["status"] == "SCHEDULED")
    instagram = next(i for _, i in items(plan) if i["status"] == "DRAFT" and i["channel"]["name"] == "INSTAGRAM")
    linkedin = next(i for _, i in items(plan) if i["status"] == "DRAFT" and i["channel"]["name"] == "LINKEDIN")
    ids = [scheduled["id"], instagram["id"], linkedin["id"], "00000000-0000-0000-0000-000000000000"]
    response = api.post(f"{PLAN}/schedule-drafts", json={"draftIds": ids})
    assert response.status_code == 200
    assert response.json() == {
        "items": [{"id": instagram["id"], "status": "SCHEDULED", "channel": {"name": "INSTAGRAM"}}]
    }
    after = {item["id"]: item for _, item in items(get_plan(api))}
    assert after[linkedin["id"]]["status"] == "DRAFT"
    assert after[scheduled["id"]] == scheduled
    assert after[instagram["id"]]["status"] == "SCHEDULED"


def test_no_premium_scenario_refuses_scheduling(start, connect):
    sandbox = start(scenario="no-premium")
    api = connect(sandbox)
    draft = next(item for _, item in items(get_plan(api)) if item["status"] == "DRAFT")
    response = api.post(f"{PLAN}/schedule-drafts", json={"draftIds": [draft["id"]]})
    assert response.status_code == 428
    assert app_error(response)["code"] == "SCHEDULE_POSTS_PREMIUM_FEATURE_MISSING"
    assert {item["id"]: item for _, item in items(get_plan(api))}[draft["id"]]["status"] == "DRAFT"


def test_premium_and_channels_can_be_switched_by_admin(demo, connect):
    api = connect(demo)
    draft = next(i for _, i in items(get_plan(api)) if i["status"] == "DRAFT" and i["channel"]["name"] == "LINKEDIN")
    _admin(demo, api, "premium", "PUT", {"enabled": False})
    assert api.post(f"{PLAN}/schedule-drafts", json={"draftIds": [draft["id"]]}).status_code == 428
    _admin(demo, api, "premium", "PUT", {"enabled": True})
    _admin(demo, api, "channels", "PUT", {"connected": ["LINKEDIN"]})
    response = api.post(f"{PLAN}/schedule-drafts", json={"draftIds": [draft["id"]]})
    assert [entry["id"] for entry in response.json()["items"]] == [draft["id"]]
    accounts = api.get("/social-publisher/v1/accounts").json()["accounts"]
    assert [account["channelName"] for account in accounts] == ["LINKEDIN"]


# --- posts of one activity -----------------------------------------------------------------------------------------


def test_generate_social_posts_validates_ids(demo, connect):
    api = connect(demo)
    response = api.post(f"{PLAN}/generate-social-posts", json={"marketingActivityIds": [f"a{n}" for n in range(21)]})
    assert violations(response)[0]["field"] == "marketingActivityIds"
    response = api.post(f"{PLAN}/generate-social-posts", json={"marketingActivityIds": ["no-such-activity"]})
    assert response.status_code == 404
    assert app_error(response)["code"] == "NOT_FOUND"


def test_clear_posts_removes_drafts_only(demo, connect):
    api = connect(demo)
    activity = _activity_with(get_plan(api), lambda a: any(i["status"] == "SCHEDULED" for i in a["items"]))
    response = api.patch(
        f"{PLAN}/clear-marketing-activity-posts", json={"marketingActivityId": activity["marketingActivityId"]}
    )
    assert response.status_code == 200 and response.json() == {}
    remaining = activity_posts(api, [activity["marketingActivityId"]])[activity["marketingActivityId"]]
    assert remaining == [item for item in activity["items"] if item["status"] != "DRAFT"]
    assert remaining


def test_clear_stories_removes_story_drafts_only(demo, connect):
    api = connect(demo)
    activity = _activity_with(
        get_plan(api), lambda a: any(i["type"] == "STORY" and i["status"] == "DRAFT" for i in a["items"])
    )
    aid = activity["marketingActivityId"]
    assert api.patch(f"{PLAN}/clear-marketing-activity-stories", json={"marketingActivityId": aid}).json() == {}
    remaining = activity_posts(api, [aid])[aid]
    assert remaining == [
        item for item in activity["items"] if not (item["type"] == "STORY" and item["status"] == "DRAFT")
    ]
    assert any(item["type"] == "POST" for item in remaining)


def test_regenerate_activity_posts_replaces_draft_posts_later(demo, connect):
    api = connect(demo)
    activity = _activity_with(get_plan(api), lambda a: any(i["status"] == "SCHEDULED" for i in a["items"]))
    aid = activity["marketingActivityId"]
    response = api.post(f"{PLAN}/regenerate-marketing-activity-posts", json={"marketingActivityId": aid})
    assert response.status_code == 200
    assert response.json() == {"marketingActivity": {"marketingActivityId": aid, "items": activity["items"]}}
    old_drafts = {i["id"] for i in activity["items"] if i["status"] == "DRAFT" and i["type"] == "POST"}
    kept = [i for i in activity["items"] if i["status"] != "DRAFT"]
    complete_jobs(api)
    new = activity_posts(api, [aid])[aid]
    assert old_drafts.isdisjoint(i["id"] for i in new)
    assert all(item in new for item in kept), "scheduled items stay as they were"
    fresh_drafts = [i for i in new if i["status"] == "DRAFT" and i["type"] == "POST"]
    assert {i["channel"]["name"] for i in fresh_drafts} == {"LINKEDIN"}, "only channels without a scheduled post"


def test_regenerate_media_changes_images_and_keeps_captions(demo, connect):
    api = connect(demo)
    activity = _activity_with(get_plan(api), lambda a: a["items"] and all(i["status"] == "DRAFT" for i in a["items"]))
    aid = activity["marketingActivityId"]
    api.post(f"{PLAN}/regenerate-marketing-activity-posts-media", json={"marketingActivityId": aid})
    old_url = content(activity["items"][0])["mediaWrapper"]["media"][0]["url"]
    complete_jobs(api)
    new = activity_posts(api, [aid])[aid]
    assert content(new[0])["mediaWrapper"]["media"][0]["url"] != old_url
    assert [i["id"] for i in new] == [i["id"] for i in activity["items"]]
    assert [content(i)["caption"] for i in new] == [content(i)["caption"] for i in activity["items"]]
    assert len({content(i)["mediaWrapper"]["media"][0]["url"] for i in new}) == 1, "one image per activity"


def test_regenerate_stories_only_touches_planned_stories(demo, connect):
    api = connect(demo)
    plan = get_plan(api)
    with_story = _activity_with(
        plan, lambda a: any(i["type"] == "STORY" and i["status"] == "DRAFT" for i in a["items"])
    )
    without = _activity_with(plan, lambda a: a["items"] and all(i["type"] == "POST" for i in a["items"]))
    for activity in (with_story, without):
        response = api.post(
            f"{PLAN}/regenerate-marketing-activity-stories",
            json={"marketingActivityId": activity["marketingActivityId"]},
        )
        assert response.json()["marketingActivity"]["items"] == activity["items"]
    aid = with_story["marketingActivityId"]
    old_story = next(i["id"] for i in with_story["items"] if i["type"] == "STORY")
    complete_jobs(api)
    new = activity_posts(api, [aid])[aid]
    assert old_story not in {i["id"] for i in new}
    assert [i for i in new if i["type"] == "POST"] == [i for i in with_story["items"] if i["type"] == "POST"]
    assert sum(i["type"] == "STORY" for i in new) == 1
    assert _summary(demo, api)["pendingPostJobs"] == 0, "nothing was started for the activity without a story"
    unchanged = activity_posts(api, [without["marketingActivityId"]])[without["marketingActivityId"]]
    assert unchanged == without["items"]


def test_per_activity_actions_reject_unknown_and_missing_ids(demo, connect):
    api = connect(demo)
    for method, path in (
        ("POST", "regenerate-marketing-activity-posts"),
        ("POST", "regenerate-marketing-activity-posts-media"),
        ("POST", "regenerate-marketing-activity-stories"),
        ("PATCH", "clear-marketing-activity-posts"),
        ("PATCH", "clear-marketing-activity-stories"),
    ):
        assert api.request(method, f"{PLAN}/{path}", json={"marketingActivityId": "nope"}).status_code == 404
        assert violations(api.request(method, f"{PLAN}/{path}", json={}))[0]["field"] == "marketingActivityId"


def test_delete_plan_activity(demo, connect):
    api = connect(demo)
    aid = get_plan(api)["marketingActivities"][0]["marketingActivityId"]
    response = api.delete(f"{PLAN}/plan-marketing-activity", params={"id": aid})
    assert response.status_code == 200 and response.json() == {}
    assert aid not in {a["marketingActivityId"] for a in get_plan(api)["marketingActivities"]}
    assert api.get(f"{BASE}/marketing-activity", params={"id": aid}).status_code == 404
    assert api.delete(f"{PLAN}/plan-marketing-activity", params={"id": aid}).status_code == 404


# --- Marketing Activity V1 -----------------------------------------------------------------------------------------


def test_create_get_update_marketing_activity(demo, connect):
    api = connect(demo)
    target = (datetime.now(UTC) + timedelta(days=4)).replace(microsecond=0)
    body = {
        "marketingActivity": {
            "title": "Kiln opening live",
            "description": "Stream the kiln opening",
            "targetDate": target.isoformat(),
            "marketingActivityType": "SOCIAL_MARKETING",
        }
    }
    created = api.post(f"{BASE}/marketing-activity", json=body)
    assert created.status_code == 200, created.text
    activity = created.json()["marketingActivity"]
    assert activity["title"] == "Kiln opening live"
    assert datetime.fromisoformat(activity["targetDate"]) == target
    in_plan = _activity_with(get_plan(api), lambda a: a["marketingActivityId"] == activity["id"])
    assert in_plan["items"] == [] and in_plan["marketingActivityType"] == "SOCIAL_MARKETING"

    got = api.get(f"{BASE}/marketing-activity", params={"id": activity["id"]}).json()["marketingActivity"]
    assert got == activity

    update = {"marketingActivity": {"id": activity["id"], "title": "Kiln opening, live!"}, "fieldMask": ["title"]}
    updated = api.patch(f"{BASE}/items/{activity['id']}", json=update)
    assert updated.status_code == 200
    assert updated.json()["marketingActivity"] == {**activity, "title": "Kiln opening, live!"}


def test_update_marketing_activity_rejects_other_mask_paths(demo, connect):
    api = connect(demo)
    aid = get_plan(api)["marketingActivities"][0]["marketingActivityId"]
    body = {"marketingActivity": {"id": aid, "marketingActivityType": "BLOG"}, "fieldMask": ["marketingActivityType"]}
    response = api.patch(f"{BASE}/items/{aid}", json=body)
    assert violations(response)[0]["field"] == "fieldMask"
    missing = api.patch(f"{BASE}/items/{aid}", json={"marketingActivity": {"id": aid}, "fieldMask": ["title"]})
    assert violations(missing)[0]["field"] == "marketingActivity.title"
    unknown = api.patch(f"{BASE}/items/nope", json={"marketingActivity": {"title": "x"}, "fieldMask": ["title"]})
    assert unknown.status_code == 404


@pytest.mark.parametrize(
    "activity",
    [
        {"title": "No description", "targetDate": "2026-12-01T09:00:00Z", "marketingActivityType": "BLOG"},
        {
            "title": "Unknown type",
            "description": "d",
            "targetDate": "2026-12-01T09:00:00Z",
            "marketingActivityType": "UNKNOWN",
        },
    ],
)
def test_create_marketing_activity_missing_required_fields(demo, connect, activity):
    api = connect(demo)
    response = api.post(f"{BASE}/marketing-activity", json={"marketingActivity": activity})
    assert response.status_code == 428
    assert app_error(response)["code"] == "MISSING_REQUIRED_FIELDS"


def test_create_marketing_activity_needs_a_plan(fresh, connect):
    api = connect(fresh)
    body = {
        "marketingActivity": {
            "title": "t",
            "description": "d",
            "targetDate": "2026-12-01T09:00:00Z",
            "marketingActivityType": "BLOG",
        }
    }
    response = api.post(f"{BASE}/marketing-activity", json=body)
    assert response.status_code == 428
    assert app_error(response)["code"] == "PLAN_NOT_FOUND"


# --- Publisher and unknown routes ----------------------------------------------------------------------------------


def test_accounts_list_connected_channels_only(demo, connect):
    api = connect(demo)
    accounts = api.get("/social-publisher/v1/accounts").json()["accounts"]
    assert [a["channelName"] for a in accounts] == ["FACEBOOK", "INSTAGRAM"]
    assert accounts[1]["instagram"]["username"]
    filtered = api.get("/social-publisher/v1/accounts", params={"channelName": "INSTAGRAM"}).json()["accounts"]
    assert filtered == [accounts[1]]
    plan_accounts = {
        i["channel"].get("accountId") for _, i in items(get_plan(api)) if i["channel"]["name"] == "INSTAGRAM"
    }
    assert plan_accounts == {accounts[1]["id"]}


def test_unknown_method_is_a_wix_404(demo, connect):
    response = connect(demo).post(f"{BASE}/marketing-plan/query-activities", json={})
    assert response.status_code == 404
    assert app_error(response)["code"] == "NOT_FOUND"
