"""The reference's four sample flows, end to end over HTTP."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import httpx

from tests.sandbox.helpers import (
    BASE,
    PLAN,
    activity_posts,
    admin,
    complete_jobs,
    content,
    finish_plan,
    get_plan,
    items,
)


def _site(api: httpx.Client) -> str:
    return api.headers["wix-site-id"]


def _end_of_next_week() -> datetime:
    today = datetime.now(UTC).date()
    sunday = today + timedelta(days=6 - today.weekday() + 7)
    return datetime.combine(sunday + timedelta(days=1), datetime.min.time(), UTC)


def _schedule_in_batches(api: httpx.Client, ids: list[str]) -> list[dict]:
    scheduled = []
    for start in range(0, len(ids), 20):
        response = api.post(f"{PLAN}/schedule-drafts", json={"draftIds": ids[start : start + 20]})
        assert response.status_code == 200, response.text
        scheduled += response.json()["items"]
    return scheduled


def test_flow_1_generate_poll_and_schedule_drafts(fresh, connect):
    api = connect(fresh)
    assert admin(fresh, "PUT", f"/sites/{_site(api)}/channels", {"connected": ["INSTAGRAM"]}).status_code == 200
    assert get_plan(api) == {"status": "NEVER_CREATED", "marketingActivities": []}

    response = api.post(f"{PLAN}/generate-marketing-plan", json={})
    assert response.status_code == 200
    assert response.json() == {"status": "GENERATING"}
    assert get_plan(api) == {"status": "GENERATING", "marketingActivities": []}

    plan = finish_plan(api)
    assert plan["status"] == "ACTIVE"
    drafts = [(activity, item) for activity, item in items(plan) if item["status"] == "DRAFT"]
    assert drafts, "near-term activities carry draft posts"
    for activity, _ in drafts:
        assert datetime.fromisoformat(activity["date"]) < _end_of_next_week()

    scheduled = _schedule_in_batches(api, [item["id"] for _, item in drafts])
    instagram = {item["id"] for _, item in drafts if item["channel"]["name"] == "INSTAGRAM"}
    assert {entry["id"] for entry in scheduled} == instagram
    assert all(entry["status"] == "SCHEDULED" and entry["channel"]["name"] == "INSTAGRAM" for entry in scheduled)

    after = get_plan(api)
    for activity, item in items(after):
        if item["id"] in instagram:
            assert item["status"] == "SCHEDULED"
            assert item["scheduledDate"] == activity["date"]
        else:
            assert item["status"] == "DRAFT", "drafts of the unconnected channel stay drafts"
            assert item["channel"]["name"] == "FACEBOOK"


def test_flow_2_tailor_settings_then_generate(fresh, connect):
    api = connect(fresh)
    goals = api.get(f"{BASE}/marketing-settings/plan-goal-options").json()["options"]
    povs = api.get(f"{BASE}/marketing-settings/point-of-view-options").json()["options"]
    assert {"planGoalKey": "COLLECT_LEADS"} in goals
    assert {"pointOfView": "THIRD_PERSON"} in povs
    body = {
        "marketingSettings": {
            "settings": {
                "marketingPlanGoal": {"goalKey": "COLLECT_LEADS"},
                "socialChannels": ["LINKEDIN", "INSTAGRAM"],
                "marketingTools": ["SOCIAL_MARKETING", "EMAIL_MARKETING"],
                "pointOfView": "THIRD_PERSON",
                "toneOfVoice": "playful",
                "topics": {"included": ["sourdough baking"], "excluded": ["politics"]},
            },
            "overrides": {"socialMarketing": {"frequency": {"interval": "WEEK", "count": 2}}},
        },
        "fieldMask": [
            "settings.marketingPlanGoal",
            "settings.socialChannels",
            "settings.marketingTools",
            "settings.pointOfView",
            "settings.toneOfVoice",
            "settings.topics",
            "overrides.socialMarketing.frequency",
        ],
    }
    saved = api.post(f"{BASE}/marketing-settings", json=body)
    assert saved.status_code == 200, saved.text
    assert saved.json()["marketingSettings"]["settings"]["socialChannels"] == ["LINKEDIN", "INSTAGRAM"]

    assert api.post(f"{PLAN}/generate-marketing-plan", json={}).json() == {"status": "GENERATING"}
    plan = finish_plan(api)
    assert plan["status"] == "ACTIVE"
    activities = plan["marketingActivities"]
    types = {activity["marketingActivityType"] for activity in activities}
    assert types == {"SOCIAL_MARKETING", "EMAIL_MARKETING"}
    channels = {item["channel"]["name"] for _, item in items(plan)}
    assert channels == {"LINKEDIN", "INSTAGRAM"}

    social = [a for a in activities if a["marketingActivityType"] == "SOCIAL_MARKETING"]
    last = datetime.fromisoformat(activities[-1]["date"]).date()
    days = (last - date.today()).days + 1
    assert abs(len(social) - 2 * days / 7) <= 2, "about two social activities a week"

    for activity in social:
        assert "sourdough baking" in activity["title"].lower()
        assert "playful" in activity["description"] and "third person" in activity["description"]
    posts = [item for _, item in items(plan) if item["type"] == "POST"]
    for item in posts:
        caption = content(item)["caption"]
        assert "politics" not in caption.lower()
        if item["channel"]["name"] == "INSTAGRAM":
            assert "#SourdoughBaking" in caption
            assert "✨" in caption, "the playful tone shows in Instagram captions"
        else:
            assert "✨" not in caption, "LinkedIn captions stay emoji-free"


def test_flow_3_event_shapes_the_regenerated_plan(fresh, connect):
    api = connect(fresh)
    api.post(f"{PLAN}/generate-marketing-plan", json={})
    first = finish_plan(api)
    assert first["status"] == "ACTIVE"
    event_day = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=12)
    created = api.post(
        f"{BASE}/events",
        json={
            "calendarEvent": {"name": "Summer Pottery Sale", "description": "20% off", "date": event_day.isoformat()}
        },
    )
    assert created.status_code == 200, created.text
    assert not any("Summer Pottery Sale" in a["title"] for a in first["marketingActivities"])

    assert api.post(f"{PLAN}/regenerate-marketing-plan", json={}).json() == {"status": "GENERATING"}
    during = get_plan(api)
    assert during["status"] == "GENERATING"
    assert during["marketingActivities"], "the previous plan stays visible while regenerating"

    plan = finish_plan(api)
    assert plan["status"] == "ACTIVE"
    matching = [a for a in plan["marketingActivities"] if a["title"] == "Countdown to Summer Pottery Sale"]
    assert len(matching) == 1
    countdown = datetime.fromisoformat(matching[0]["date"])
    assert event_day - timedelta(days=3) < countdown < event_day
    assert "Summer Pottery Sale" in matching[0]["description"]


def test_flow_4_more_posts_later(fresh, connect):
    api = connect(fresh)
    api.post(f"{PLAN}/generate-marketing-plan", json={})
    plan = finish_plan(api)
    without = [
        a["marketingActivityId"]
        for a in plan["marketingActivities"]
        if not a["items"] and a["marketingActivityType"] == "SOCIAL_MARKETING"
    ][:3]
    assert len(without) == 3, "later activities come without posts"

    response = api.post(f"{PLAN}/generate-social-posts", json={"marketingActivityIds": without})
    assert response.status_code == 200
    assert response.json() == {}
    assert activity_posts(api, without) == {aid: [] for aid in without}, "posts are not there at once"

    complete_jobs(api)
    posts = activity_posts(api, without)
    assert all(posts[aid] for aid in without)
    for aid in without:
        assert {item["channel"]["name"] for item in posts[aid] if item["type"] == "POST"} == {"FACEBOOK", "INSTAGRAM"}
        assert all(item["status"] == "DRAFT" for item in posts[aid])

    draft_ids = [item["id"] for aid in without for item in posts[aid]]
    scheduled = _schedule_in_batches(api, draft_ids)
    assert {entry["id"] for entry in scheduled} == set(draft_ids), "both default channels are connected"
    again = {a["marketingActivityId"]: a for a in get_plan(api)["marketingActivities"]}
    assert all(item["status"] == "SCHEDULED" for aid in without for item in again[aid]["items"])
