"""One activity as the Activity view reads it (cached), plus the labels and fingerprints the view shows and compares."""

from __future__ import annotations

import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime

import streamlit as st

from lib.display import activity_type_name, format_day_time
from lib.ui.readers import READ_TTL_SECONDS, forget_plan
from lib.wix.client import WixClient
from lib.wix.models import ActivityType, MarketingActivity, PostItem

CREATABLE_TYPES = (ActivityType.SOCIAL_MARKETING, ActivityType.EMAIL_MARKETING, ActivityType.BLOG)
VIEW = "activity"  # the view the Activity view's notices belong on (`lib.ui.notices`)
REBUILDING = (
    "The plan is being rebuilt: editing, deleting, regenerating and clearing the activity's posts wait until it is "
    "ready (upcoming activities may be replaced)."
)

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")

Fingerprint = tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class ActivityDetail:
    """The activity (Marketing Activity service) and its current post items, as read at `fetched_at` (UTC)."""

    activity: MarketingActivity
    posts: list[PostItem]
    fetched_at: datetime


@st.cache_resource(ttl=READ_TTL_SECONDS, max_entries=32, show_spinner=False)
def read_activity_detail(
    site_id: str, activity_id: str, plan_read_at: datetime | None, _client: WixClient
) -> ActivityDetail:
    """GetMarketingActivity and GetMarketingActivityPosts, concurrently.

    ``plan_read_at`` (the time of the cached plan read) is part of the cache key, so anything that forgets the plan
    (any mutation on any page) also refreshes this read.
    """
    with ThreadPoolExecutor(max_workers=2) as pool:
        activity = pool.submit(_client.get_marketing_activity, activity_id)
        posts = pool.submit(_client.get_marketing_activity_posts, [activity_id])
        entries = posts.result()
        items = next((entry.items for entry in entries if entry.activity_id == activity_id), [])
        return ActivityDetail(activity=activity.result(), posts=items, fetched_at=datetime.now(UTC))


def forget_activity() -> None:
    """Drop cached activity and plan data after a mutation of an activity or its posts."""
    read_activity_detail.clear()
    forget_plan()


def about(activity_id: str) -> str:
    """What a notice about this activity names (`lib.ui.notices`)."""
    return f"activity:{activity_id}"


def posts_fingerprint(items: Iterable[PostItem]) -> Fingerprint:
    """What changes when posts are regenerated: item IDs, captions and image URLs (order ignored)."""
    return tuple(sorted((item.id, item.caption or "", item.image_url or "") for item in items))


def type_label(activity_type: object) -> str:
    """The activity type's display name (`lib.display`) for a line of text; a missing one as "(no type)"."""
    return activity_type_name(activity_type) or "(no type)"


def format_moment(moment: datetime | None, tz_name: str, *, with_zone: bool = True) -> str:
    """e.g. ``Tue 8 Jul 2026, 11:00 (Europe/Berlin)`` in the viewer's zone; "(no date)" when absent."""
    if moment is None:
        return "(no date)"
    text = format_day_time(moment, tz_name)
    return f"{text} ({tz_name})" if with_zone else text


def picker_label(activity: MarketingActivity, tz_name: str) -> str:
    """One line per activity in the picker: local date and time, then the title."""
    return f"{format_moment(activity.date, tz_name, with_zone=False)} · {activity.title or '(untitled)'}"


def plain_markdown(text: str) -> str:
    """Text from the API made safe for a Markdown heading: every Markdown-active character is escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
