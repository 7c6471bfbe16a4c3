"""What the bare scripts render, built once outside any timing (as a cache would): frames, calendars, widget values.

The data is read from the same sandbox site the app reads and turned into frames and calendar entries with the app's own
pure functions, then pickled as plain objects (dicts, lists, DataFrames): a bare script, in this
process (AppTest) or in its own (`streamlit run`), loads it once and only renders it.
"""

from __future__ import annotations

import pickle
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

from benchmarks.bare_load import TZ
from lib.calendar import event_entries, options, posts_calendar
from lib.frames import activities_frame, events_frame, posts_frame
from lib.settings_form import readable, with_defaults
from lib.ui.plan_data import plan_period
from lib.wix.client import WixClient
from lib.wix.models import FrequencyInterval, MarketingTool

EVENTS_SPAN_DAYS = 60  # the Events view's default range: today .. today + 60 days
SETTINGS_CHANNELS = ["FACEBOOK", "INSTAGRAM", "LINKEDIN", "PINTEREST", "GBP", "TIKTOK", "TWITTER"]


def plan_data(client: WixClient) -> dict[str, Any]:
    """Activities and posts frames and the posts calendar (entries, options), as the Plan view shows them unfiltered."""
    plan = client.get_social_marketing_plan()
    today = datetime.now(UTC).date()
    events = client.query_events(*plan_period(today))
    activities = activities_frame(plan.activities, TZ)
    posts = posts_frame(plan.activities, TZ)
    days = [*activities["date"].dt.date, *posts["date"].dropna().dt.date]
    entries, options = posts_calendar(posts, events_frame(events, TZ), min([today, *days]), max(days), today)
    return {"activities": activities, "posts": posts, "calendar": {"events": entries, "options": options}}


def events_data(client: WixClient) -> dict[str, Any]:
    """The Events view's default range, its table and its calendar."""
    first = datetime.now(UTC).date()
    last = first + timedelta(days=EVENTS_SPAN_DAYS)
    events = client.query_events(datetime.combine(first, time.min, tzinfo=UTC), datetime.combine(last, time.max, UTC))
    frame = events_frame(events, TZ)
    calendar = {"events": event_entries(frame, first, last), "options": options(first, last, first)}
    return {"range": (first, last), "events": frame, "calendar": calendar}


def settings_data(client: WixClient) -> dict[str, Any]:
    """The Settings form's option lists and starting values, already formatted."""
    current = client.get_marketing_settings().settings
    shown, _ = with_defaults(current, client.get_marketing_settings_defaults())
    goal_keys = [str(o.key) for o in client.get_plan_goal_options() if o.key]
    view_keys = [str(o.key) for o in client.get_point_of_view_options() if o.key]
    calendars = [o.name or o.id for o in client.get_calendar_options()]
    profile = shown.business_profile
    return {
        "goals": [readable(k) for k in goal_keys] + ["Custom goal…"],
        "goal_index": _index(goal_keys, shown.goal_key),
        "custom_goal": shown.custom_goal or "",
        "views": [readable(k) for k in view_keys],
        "view_index": _index(view_keys, shown.point_of_view),
        "tone": shown.tone_of_voice or "",
        "tools": [readable(t.value) for t in MarketingTool],
        "tools_default": [readable(t) for t in shown.marketing_tools or [] if str(t) in MarketingTool.__members__],
        "channels": [readable(c) for c in SETTINGS_CHANNELS],
        "channels_default": [readable(c) for c in shown.social_channels or [] if str(c) in SETTINGS_CHANNELS],
        "intervals": [readable(i.value) for i in FrequencyInterval],
        "count": (shown.frequency.count if shown.frequency else None) or 3,
        "included": "\n".join(shown.topics_included or []),
        "excluded": "\n".join(shown.topics_excluded or []),
        "profile": [
            (profile.value_proposition if profile else None) or "",
            (profile.target_audience if profile else None) or "",
            (profile.business_goal if profile else None) or "",
        ],
        "content_guidelines": shown.custom_content_guidelines or "",
        "image_guidelines": shown.image_guidelines or "",
        "calendars": calendars,
    }


def _index(keys: list[str], value: object) -> int | None:
    return keys.index(str(value)) if value is not None and str(value) in keys else None


def write(path: Path, data: dict[str, Any]) -> Path:
    """Pickle `data` to `path` for a bare script (env BENCH_DATA, or BENCH_DATA_DIR plus ?data=<name>)."""
    path.write_bytes(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    return path
