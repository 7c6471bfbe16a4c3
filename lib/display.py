"""One display name per API value (channels, activity and post types, statuses, marketing tools), one date format per
kind (day; day and time; week) and short excerpts of API text. No Streamlit.

Names: a known value gets its name, an unknown one is shown as the API sent it, a missing one is empty. Dates come in
two forms per kind: Python ``strftime`` (text the app writes) and moment.js (``st.column_config`` date columns), which
read the same on screen. Instants are shown in the viewer's zone, which each view names once (:func:`zone_note`).
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from lib.audit import ERROR, OK, PENDING
from lib.wix.models import ActivityType, Channel, ItemStatus, MarketingTool, PlanStatus

CHANNEL_NAMES: dict[str, str] = {  # in the order the app lists channels
    Channel.INSTAGRAM: "Instagram",
    Channel.FACEBOOK: "Facebook",
    Channel.LINKEDIN: "LinkedIn",
    Channel.TWITTER: "X",
    Channel.PINTEREST: "Pinterest",
    Channel.GBP: "Google Business Profile",
    Channel.TIKTOK: "TikTok",
    Channel.YOUTUBE: "YouTube",
}
STATUS_NAMES: dict[str, str] = {
    ItemStatus.DRAFT: "Draft",
    ItemStatus.SCHEDULED: "Scheduled",
    ItemStatus.PUBLISHED: "Published",
}
ACTIVITY_TYPE_NAMES: dict[str, str] = {
    ActivityType.SOCIAL_MARKETING: "Social media",
    ActivityType.EMAIL_MARKETING: "Email",
    ActivityType.BLOG: "Blog",
    ActivityType.UNKNOWN: "Other",  # the enum's unset value (not creatable)
}
POST_TYPE_NAMES: dict[str, str] = {"POST": "Post", "STORY": "Story"}
TOOL_NAMES: dict[str, str] = {  # the settings' marketing tools, named like the activity types they lead to
    MarketingTool.SOCIAL_MARKETING: "Social media",
    MarketingTool.BLOGS: "Blog",
    MarketingTool.EMAIL_MARKETING: "Email",
}
PLAN_STATUS_NAMES: dict[str, str] = {
    PlanStatus.NEVER_CREATED: "No plan yet",
    PlanStatus.GENERATING: "Generating",
    PlanStatus.ACTIVE: "Active",
    PlanStatus.INACTIVE: "Inactive",
    PlanStatus.FAILED: "Generation failed",
}
OUTCOME_NAMES: dict[str, str] = {OK: "Done", ERROR: "Failed", PENDING: "Pending"}  # audit log outcomes

# One format per kind, e.g. "Wed 8 Jul 2026", "Wed 8 Jul 2026, 09:00", "Week of Mon 6 Jul 2026"
# (``%-d``, the day without a leading zero, is glibc/BSD strftime: the app runs on Linux)
DAY_FORMAT = "%a %-d %b %Y"
DAY_TIME_FORMAT = f"{DAY_FORMAT}, %H:%M"
WEEK_FORMAT = f"Week of {DAY_FORMAT}"
DAY_COLUMN_FORMAT = "ddd D MMM YYYY"  # the same, for st.column_config.DatetimeColumn (moment.js tokens)
DAY_TIME_COLUMN_FORMAT = f"{DAY_COLUMN_FORMAT}, HH:mm"

EXCERPT_LENGTH = 80


def _name(names: dict[str, str], value: object) -> str:
    """The display name of ``value``; an unknown value as sent, a missing one empty."""
    if value is None:
        return ""
    return names.get(str(value), str(value))


def channel_name(value: object) -> str:
    """e.g. ``"LinkedIn"`` for ``"LINKEDIN"``; an unknown channel as sent, a missing one empty."""
    return _name(CHANNEL_NAMES, value)


def status_name(value: object) -> str:
    """e.g. ``"Draft"`` for ``"DRAFT"``; an unknown status as sent, a missing one empty."""
    return _name(STATUS_NAMES, value)


def activity_type_name(value: object) -> str:
    """e.g. ``"Social media"`` for ``"SOCIAL_MARKETING"``; an unknown type as sent, a missing one empty."""
    return _name(ACTIVITY_TYPE_NAMES, value)


def post_type_name(value: object) -> str:
    """``"Post"`` or ``"Story"`` for an item type; an unknown type as sent, a missing one empty."""
    return _name(POST_TYPE_NAMES, value)


def tool_name(value: object) -> str:
    """e.g. ``"Blog"`` for the marketing tool ``"BLOGS"``; an unknown tool as sent, a missing one empty."""
    return _name(TOOL_NAMES, value)


def plan_status_name(value: object) -> str:
    """e.g. ``"Active"`` for ``"ACTIVE"``; an unknown plan status as sent, a missing one empty."""
    return _name(PLAN_STATUS_NAMES, value)


def outcome_name(value: object) -> str:
    """e.g. ``"Failed"`` for the audit outcome ``"error"``; an unknown outcome as stored, a missing one empty."""
    return _name(OUTCOME_NAMES, value)


def format_day(day: date) -> str:
    """A calendar day, e.g. ``"Wed 8 Jul 2026"``."""
    return day.strftime(DAY_FORMAT)


def format_day_time(moment: datetime, tz_name: str) -> str:
    """An instant on the viewer's wall clock, e.g. ``"Wed 8 Jul 2026, 11:00"`` (the zone is named once per view)."""
    return moment.astimezone(ZoneInfo(tz_name)).strftime(DAY_TIME_FORMAT)


def format_clock_time(moment: datetime, tz_name: str) -> str:
    """A moment as the viewer's wall-clock time with its zone, e.g. ``"14:05:09 (Europe/Berlin)"`` (when a plan was
    last checked)."""
    return f"{moment.astimezone(ZoneInfo(tz_name)):%H:%M:%S} ({tz_name})"


def format_week(monday: date) -> str:
    """A week by its Monday, e.g. ``"Week of Mon 6 Jul 2026"``."""
    return monday.strftime(WEEK_FORMAT)


def zone_note(tz_name: str) -> str:
    """The one line a view names its zone in, e.g. ``"Times in Europe/Berlin."``."""
    return f"Times in {tz_name}."


def excerpt(text: str | None, length: int = EXCERPT_LENGTH) -> str:
    """The text on one line (whitespace runs become one space), cut at a word to at most ``length`` characters with
    an ellipsis when it was longer."""
    line = " ".join((text or "").split())
    if len(line) <= length:
        return line
    cut = line[: length - 1]
    head = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return head.rstrip(" ,.;:") + "…"
