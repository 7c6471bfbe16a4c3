"""Start states for a new site id: fresh, demo, large, no-premium (chosen when the sandbox starts)."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Any

from lib.sandbox import clock, content, gaps, ids, planner
from lib.sandbox.sites import Site, new_meta

DEMO_SETTINGS: dict[str, Any] = {
    "settings": {
        "marketingPlanGoal": {"goalKey": "BOOST_SALES"},
        "socialChannels": ["FACEBOOK", "INSTAGRAM", "LINKEDIN"],
        "marketingTools": ["SOCIAL_MARKETING", "BLOGS"],
        "pointOfView": "SECOND_PERSON",
        "toneOfVoice": "warm and playful",
        "topics": {"included": ["handmade ceramics", "studio life", "glaze colours"], "excluded": ["politics"]},
        "frequency": {"interval": "WEEK", "count": 3},
        "businessProfile": {
            "valueProposition": "Small-batch stoneware made by hand in Portland",
            "targetAudience": "Home cooks and gift shoppers",
            "businessGoal": "Grow online sales",
        },
    },
    "overrides": {"blogs": {"frequency": {"interval": "MONTH", "count": 4}}},
}
LARGE_SETTINGS: dict[str, Any] = {
    "settings": {
        "marketingPlanGoal": {"goalKey": "DRIVE_TRAFFIC"},
        "socialChannels": list(gaps.SETTINGS_CHANNELS),
        "marketingTools": list(gaps.MARKETING_TOOLS),
        "frequency": {"interval": "WEEK", "count": 5},
    },
    "overrides": {},
}
DEMO_CONNECTED = ["FACEBOOK", "INSTAGRAM"]
LARGE_CONNECTED = ["FACEBOOK", "INSTAGRAM", "LINKEDIN", "TWITTER"]
DEMO_PLAN_AGE = timedelta(days=7)  # the demo plan was generated a week ago, so some activities lie in the past
DEMO_SCHEDULED_UPCOMING = 2  # upcoming social activities whose connected drafts are already scheduled
LARGE_PAST_DAYS = 14
_LARGE_EVENT_NAMES = ("Flash Sale", "Workshop", "Product Launch", "Pop-up Market", "Holiday", "Webinar", "Open House")


def seed(site: Site, scenario: str) -> None:
    """Write the scenario's start state for a site that has none."""
    now = clock.now()
    with site.store.batch():
        if scenario == "fresh":
            site.save_meta(new_meta(["FACEBOOK", "INSTAGRAM"], premium=True))
        elif scenario in ("demo", "no-premium"):
            _seed_demo(site, now, premium=scenario == "demo")
        elif scenario == "large":
            _seed_large(site, now)
        else:
            raise ValueError(f"unknown scenario {scenario!r}")


def _saved(settings: dict[str, Any], now: datetime) -> dict[str, Any]:
    stamp = clock.iso(now - timedelta(days=14))
    return {"createdAt": stamp, "updatedAt": stamp, **settings}


def _event(site: Site, meta: dict[str, Any], fields: dict[str, Any], read_only: bool = False) -> dict[str, Any]:
    meta["createdEvents"] += 1
    calendar_id = ids.connected_calendar_id(site.id) if read_only else ids.marketing_calendar_id(site.id)
    event = {"id": ids.guid(site.id, "event", meta["createdEvents"]), "calendarId": calendar_id, **fields}
    if read_only:
        event[gaps.READ_ONLY_FIELD] = True
    site.save_event(event)
    return event


def _seed_demo(site: Site, now: datetime, premium: bool) -> None:
    meta = new_meta(list(DEMO_CONNECTED), premium=premium)
    site.save_settings(_saved(DEMO_SETTINGS, now))
    today = clock.start_of_day(now)
    next_month = clock.end_of_next_month(today.date()).replace(day=1)
    _event(
        site,
        meta,
        {
            "name": "Holiday Gift Sale",
            "description": "20% off all mugs and bowls",
            "date": clock.iso(today + timedelta(days=10)),
        },
    )
    _event(
        site,
        meta,
        {
            "name": "New Glaze Collection Launch",
            "description": "Six new glazes for the season",
            "date": clock.iso(clock.at_hour(next_month + timedelta(days=4), 17)),
        },
    )
    _event(
        site,
        meta,
        {
            "name": "Open Studio Evening",
            "description": "Wheel demos and tea every week",
            "recurringRule": {
                "frequency": "WEEKLY",
                "startDate": clock.iso(today - timedelta(days=20) + timedelta(hours=18)),
            },
        },
    )
    _event(
        site,
        meta,
        {
            "name": "Local Makers Market",
            "description": "From the connected Google Calendar",
            "date": clock.iso(today + timedelta(days=5, hours=10)),
        },
        read_only=True,
    )
    generated_at = today - DEMO_PLAN_AGE
    meta["generation"] = 1
    meta["planId"] = ids.guid(site.id, "plan", 1)
    site.save_meta(meta)  # settings and events are read through the site while planning
    inputs = planner.PlanInputs(
        site_id=site.id,
        generation=1,
        profile=site.profile(),
        events=list(site.events().values()),
        start_at=generated_at,
        posts_until=clock.near_term_end(site.options.near_term, now),
        last_day=clock.end_of_next_month(today.date()),
    )
    now_iso = clock.iso(now)
    upcoming_scheduled = 0
    for activity in planner.build_activities(inputs):
        past = activity["date"] < now_iso
        if activity["items"] and (past or upcoming_scheduled < DEMO_SCHEDULED_UPCOMING):
            if not past:
                upcoming_scheduled += 1
            status = gaps.ITEM_PUBLISHED if past else gaps.ITEM_SCHEDULED
            for item in activity["items"]:
                if item["channel"]["name"] in meta["connected"]:
                    item.update(status=status, scheduledDate=activity["date"])
        site.save_activity(activity)
    meta["status"] = "ACTIVE"
    meta["lastEngagedAt"] = time.time()
    site.save_meta(meta)


def _seed_large(site: Site, now: datetime) -> None:
    options = site.options
    meta = new_meta(list(LARGE_CONNECTED), premium=True)
    site.save_settings(_saved(LARGE_SETTINGS, now))
    profile = site.profile()
    today = clock.start_of_day(now)
    first = today - timedelta(days=LARGE_PAST_DAYS)
    span = clock.at_hour(clock.end_of_next_month(today.date()), 21) - first
    count = options.large_activities
    per_activity = (
        [options.large_items // count + (1 if i < options.large_items % count else 0) for i in range(count)]
        if count
        else []
    )
    now_iso = clock.iso(now)
    soon_iso = clock.iso(now + timedelta(days=7))
    topics = planner.topic_cycle(profile)
    for index in range(count):
        moment = (first + span * (index + 0.5) / count).replace(minute=0, second=0, microsecond=0)
        seed = f"{site.id}|1|{index}"
        topic = topics[index % len(topics)]
        activity = planner.new_activity(ids.guid(seed, "activity"), moment, "SOCIAL_MARKETING", topic, profile, seed)
        activity["items"] = _large_items(activity, profile, per_activity[index], meta["connected"], now_iso, soon_iso)
        activity["_story"] = any(item["type"] == gaps.ITEM_TYPE_STORY for item in activity["items"])
        site.save_activity(activity)
    for index in range(options.large_events):
        _event(site, meta, _large_event_fields(index, today, options.large_events), read_only=index % 25 == 24)
    meta.update(status="ACTIVE", generation=1, planId=ids.guid(site.id, "plan", 1))
    site.save_meta(meta)


def _large_items(
    activity: dict[str, Any], profile: Any, count: int, connected: list[str], now_iso: str, soon_iso: str
) -> list[dict[str, Any]]:
    """`count` items: posts cycling over every channel, every eighth one an Instagram story."""
    image = planner.new_image(activity)
    date = activity["date"]
    items = []
    for index in range(count):
        story = index % 8 == 7
        channel = gaps.STORY_CHANNEL if story else gaps.SETTINGS_CHANNELS[index % len(gaps.SETTINGS_CHANNELS)]
        seed = f"{activity['_seed']}|{index}"
        if story:
            text = content.story_caption(activity["title"], profile, seed)
            item = planner.build_item(
                activity, channel, gaps.ITEM_TYPE_STORY, gaps.STORY_CONTENT_KEY, image, text, index
            )
        else:
            text = content.caption(channel, activity["title"], activity["_topic"], profile, seed)
            key = gaps.POST_CONTENT_KEYS[channel]
            item = planner.build_item(activity, channel, gaps.ITEM_TYPE_POST, key, image, text, index)
        if channel in connected and date < now_iso:
            item.update(status=gaps.ITEM_PUBLISHED, scheduledDate=date)
        elif channel in connected and date < soon_iso and index % 2 == 0:
            item.update(status=gaps.ITEM_SCHEDULED, scheduledDate=date)
        items.append(item)
    return items


def _large_event_fields(index: int, today: datetime, total: int) -> dict[str, Any]:
    name = f"{_LARGE_EVENT_NAMES[index % len(_LARGE_EVENT_NAMES)]} {index + 1}"
    moment = today + timedelta(days=-30 + index * 120 // max(total, 1), hours=10)
    if index % 10 == 9:
        return {"name": name, "recurringRule": {"frequency": "WEEKLY", "startDate": clock.iso(moment)}}
    return {"name": name, "description": f"Event number {index + 1}", "date": clock.iso(moment)}
