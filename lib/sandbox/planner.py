"""Plan building: activities from the generation moment to the end of next month, shaped by settings and events.

* Social, blog and email activities follow each tool's frequency (e.g. WEEK x 3 = about three a week), only for the
  enabled marketing tools; topics cycle through the included topics (or a stock list minus excluded topics).
* Calendar events add activities near their dates ("Countdown to Summer Sale"; recurring events: the first few
  occurrences).
* Social activities dated through the near-term end get one post per settings channel; every third social activity
  also gets an Instagram story.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from lib.sandbox import calendar_events, clock, content, gaps, ids
from lib.sandbox.marketing_settings import Profile, is_excluded

_TOOL_TYPES = {"SOCIAL_MARKETING": "SOCIAL_MARKETING", "BLOGS": "BLOG", "EMAIL_MARKETING": "EMAIL_MARKETING"}
_TOOL_OVERRIDE = {"SOCIAL_MARKETING": "socialMarketing", "BLOGS": "blogs", "EMAIL_MARKETING": "emailMarketing"}
_PERIOD_DAYS = {"WEEK": 7.0, "MONTH": 365.25 / 12, "YEAR": 365.25}
EVENT_LEAD_DAYS = 2  # a one-time event's countdown activity comes this many days before it
EVENT_OCCURRENCES_PLANNED = 3  # a recurring event gets activities for its first few occurrences in the period
EVENT_HOUR_OFFSET = 1  # event activities sit one hour after the regular slot of their type


@dataclass(frozen=True)
class EventNote:
    """Why an activity exists: a calendar event and the occurrence it leads up to."""

    kind: str  # "countdown" (one-time event) or "reminder" (recurring occurrence)
    name: str
    when: str

    def title(self) -> str:
        """Activity title naming the event."""
        return f"Countdown to {self.name}" if self.kind == "countdown" else f"{self.name}: join us on {self.when}"

    def description(self) -> str:
        """Sentence added to the activity description."""
        return f"Planned around the calendar event {self.name} ({self.when})."


@dataclass(frozen=True)
class _Slot:
    moment: datetime
    activity_type: str
    topic: str
    event: EventNote | None = None


@dataclass(frozen=True)
class PlanInputs:
    """What one generation reads."""

    site_id: str
    generation: int
    profile: Profile
    events: list[dict[str, Any]]
    start_at: datetime
    posts_until: datetime | None
    last_day: date | None = None  # default: end of the month after start_at's month


def build_activities(inputs: PlanInputs) -> list[dict[str, Any]]:
    """All activities of a generation, dated from `start_at` to the end of next month, sorted by date."""
    first_day = inputs.start_at.date()
    last_day = inputs.last_day or clock.end_of_next_month(first_day)
    profile = inputs.profile
    planned: list[_Slot] = []
    topics = topic_cycle(profile)
    topic_index = 0
    for tool in gaps.MARKETING_TOOLS:
        if tool not in profile.tools:
            continue
        activity_type = _TOOL_TYPES[tool]
        frequency = profile.frequencies[_TOOL_OVERRIDE[tool]]
        for moment in slot_moments(first_day, last_day, frequency, gaps.ACTIVITY_HOUR_UTC[activity_type]):
            planned.append(
                _Slot(_not_before(moment, inputs.start_at), activity_type, topics[topic_index % len(topics)])
            )
            topic_index += 1
    planned += _event_slots(inputs, first_day, last_day)
    planned.sort(key=lambda slot: (slot.moment, slot.activity_type, slot.topic))
    activities = []
    social_index = 0
    for index, slot in enumerate(planned):
        seed = f"{inputs.site_id}|{inputs.generation}|{index}"
        activity = new_activity(
            ids.guid(seed, "activity"), slot.moment, slot.activity_type, slot.topic, profile, seed, slot.event
        )
        if slot.activity_type in gaps.POSTABLE_ACTIVITY_TYPES:
            activity["_story"] = social_index % gaps.STORY_EVERY_NTH_SOCIAL_ACTIVITY == 0
            social_index += 1
            if inputs.posts_until is not None and slot.moment <= inputs.posts_until:
                activity["items"] = make_items(activity, profile, with_posts=True, with_story=activity["_story"])
        activities.append(activity)
    return activities


def new_activity(
    activity_id: str,
    moment: datetime,
    activity_type: str,
    topic: str,
    profile: Profile,
    seed: str,
    event: EventNote | None = None,
) -> dict[str, Any]:
    """A stored activity (wire fields plus `_`-prefixed internal fields) without posts."""
    return {
        "marketingActivityId": activity_id,
        "date": clock.iso(moment),
        "title": event.title() if event else content.activity_title(activity_type, topic, profile, seed),
        "description": content.activity_description(
            activity_type, topic, profile, event.description() if event else ""
        ),
        "marketingActivityType": activity_type,
        "items": [],
        "_topic": topic,
        "_seed": seed,
        "_rev": 0,
        "_story": False,
    }


def make_items(
    activity: dict[str, Any],
    profile: Profile,
    *,
    with_posts: bool,
    with_story: bool,
    skip: frozenset[str] = frozenset(),
) -> list[dict[str, Any]]:
    """Fresh DRAFT items for an activity at its current revision: one post per channel (not in `skip`), a story."""
    seed = f"{activity['_seed']}|{activity['_rev']}"
    topic = activity["_topic"]
    image = content.image_url(content.image_word(topic), activity["_seed"], activity["_rev"])
    items = []
    if with_posts:
        for channel in profile.channels:
            if channel in skip:
                continue
            text = content.caption(channel, activity["title"], topic, profile, seed)
            items.append(
                build_item(activity, channel, gaps.ITEM_TYPE_POST, gaps.POST_CONTENT_KEYS[channel], image, text)
            )
    if with_story and gaps.STORY_CHANNEL in profile.channels:
        text = content.story_caption(activity["title"], profile, seed)
        items.append(
            build_item(activity, gaps.STORY_CHANNEL, gaps.ITEM_TYPE_STORY, gaps.STORY_CONTENT_KEY, image, text)
        )
    return items


def new_image(activity: dict[str, Any]) -> str:
    """The image for the activity's current revision."""
    return content.image_url(content.image_word(activity["_topic"]), activity["_seed"], activity["_rev"])


def build_item(
    activity: dict[str, Any], channel: str, item_type: str, key: str, image: str, text: str, *extra_seed: object
) -> dict[str, Any]:
    """One DRAFT item; its id derives from the activity, its revision, channel, type and `extra_seed`."""
    return {
        "id": ids.guid(activity["marketingActivityId"], activity["_rev"], channel, item_type, *extra_seed),
        "channel": {"name": channel},
        "type": item_type,
        "status": gaps.ITEM_DRAFT,
        key: {"mediaWrapper": {"media": [{"type": gaps.MEDIA_TYPE_IMAGE, "url": image}]}, "caption": text},
    }


def topic_cycle(profile: Profile) -> list[str]:
    """Topics to rotate through: the included ones, else the stock list; never an excluded one."""
    stock = [topic for topic in content.TOPIC_POOL if not is_excluded(topic, profile.topics_excluded)]
    return list(profile.topics_included) or stock or ["our latest news"]


def slot_moments(first: date, last: date, frequency: dict[str, Any], hour: int) -> list[datetime]:
    """Evenly spread moments for `count` per `interval` over [first, last] (at least one)."""
    days = (last - first).days + 1
    count = max(1, round(frequency["count"] * days / _PERIOD_DAYS[frequency["interval"]]))
    per_day: dict[date, int] = {}
    moments = []
    for index in range(count):
        day = first + timedelta(days=math.floor((index + 0.5) * days / count))
        moments.append(clock.at_hour(day, hour + 2 * per_day.get(day, 0)))
        per_day[day] = per_day.get(day, 0) + 1
    return moments


def _not_before(moment: datetime, start_at: datetime) -> datetime:
    """Move a slot that would lie before the generation moment to the next whole hour after it."""
    if moment >= start_at:
        return moment
    return start_at.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)


def _event_slots(inputs: PlanInputs, first_day: date, last_day: date) -> list[_Slot]:
    profile = inputs.profile
    tool = "SOCIAL_MARKETING" if "SOCIAL_MARKETING" in profile.tools else profile.tools[0]
    activity_type = _TOOL_TYPES[tool]
    hour = gaps.ACTIVITY_HOUR_UTC[activity_type] + EVENT_HOUR_OFFSET
    low, high = inputs.start_at, clock.end_of_day(last_day)
    slots = []
    for event in sorted(inputs.events, key=lambda e: e["id"]):
        if profile.calendar_ids is not None and event.get("calendarId") not in profile.calendar_ids:
            continue
        recurring = "recurringRule" in event
        limit = EVENT_OCCURRENCES_PLANNED if recurring else 1
        for occurrence in calendar_events.occurrences(event, low, high, limit):
            day = (
                occurrence.date() if recurring else max(first_day, occurrence.date() - timedelta(days=EVENT_LEAD_DAYS))
            )
            moment = _not_before(clock.at_hour(day, hour), inputs.start_at)
            when = occurrence.strftime("%a %b %d").replace(" 0", " ")
            note = EventNote("reminder" if recurring else "countdown", event["name"], when)
            slots.append(_Slot(moment, activity_type, event["name"], note))
    return slots
