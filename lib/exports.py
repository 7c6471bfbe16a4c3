"""Downloads a team can take elsewhere: activities and posts as CSV, posts and events as an iCalendar file.

CSV headers are display headers ("Date", "Channel", …) over display names, with the API value beside each named
value ("Channel (API value)") for tools that read it, and ISO dates. iCalendar is written with the `icalendar`
library (RFC 5545 escaping, folding and recurrence rules are easy to get wrong by hand). Posts are instants in UTC;
calendar events are all-day dates.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

import pandas as pd
from icalendar import Calendar, Event

from lib.display import channel_name, status_name
from lib.frames import calendar_day
from lib.wix.models import CalendarEvent, MarketingActivity, PostItem, RecurrenceFrequency

PRODUCT_ID = "-//Marketing Plan Studio//EN"
POST_MINUTES = 30
# str keys: a rule's frequency is a RecurrenceFrequency (a StrEnum, so equal to and hashed like its value) or raw text
RRULE_FREQUENCIES: dict[str, str] = {
    RecurrenceFrequency.WEEKLY: "WEEKLY",
    RecurrenceFrequency.MONTHLY: "MONTHLY",
    RecurrenceFrequency.YEARLY: "YEARLY",
}
CSV_HEADERS: dict[str, str] = {  # frame column -> CSV header (`lib.frames` ACTIVITY_COLUMNS, POST_COLUMNS)
    "id": "ID",
    "activity_id": "Activity ID",
    "date": "Date",
    "title": "Title",
    "type_name": "Type",
    "type": "Type (API value)",
    "description": "Description",
    "posts": "Posts",
    "post_statuses": "Post statuses",
    "has_posts": "Has posts",
    "channel_name": "Channel",
    "channel": "Channel (API value)",
    "status_name": "Status",
    "status": "Status (API value)",
    "caption": "Caption",
    "image_url": "Image URL",
    "activity": "Activity",
}
# A spreadsheet runs a cell starting with one of these as a formula (https://owasp.org/www-community/attacks/CSV_Injection)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _defused(value: object) -> object:
    """Text a spreadsheet would run as a formula, with a leading single quote (shown as text); anything else as is."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def _is_text(column: pd.Series) -> bool:
    return pd.api.types.is_string_dtype(column) or pd.api.types.is_object_dtype(column)


def frame_csv(frame: pd.DataFrame, columns: Iterable[str]) -> bytes:
    """A table as UTF-8 CSV with ISO dates (the zone offset kept), ready for a spreadsheet.

    Headers come from :data:`CSV_HEADERS` (a column without one keeps its name). Text cells are defused against
    formula injection (AI-written captions may start with ``=`` or ``-``); numbers and dates are written as they are.
    """
    table = frame.loc[:, list(columns)].copy()
    for name in [name for name in table.columns if _is_text(table[name])]:
        table[name] = table[name].map(_defused)
    table.columns = [CSV_HEADERS.get(name, name) for name in table.columns]
    # CRLF between rows (RFC 4180, https://www.rfc-editor.org/rfc/rfc4180): a cell holding a CR is then quoted too
    csv = table.to_csv(index=False, date_format="%Y-%m-%dT%H:%M:%S%z", lineterminator="\r\n")
    return csv.encode("utf-8")


def _post_event(activity: MarketingActivity, item: PostItem, when: datetime) -> Event:
    """A post's entry at ``when`` (its activity's date), titled with display names (e.g. "Instagram post (Draft):
    Winter mugs")."""
    channel, status = channel_name(item.channel) or "?", status_name(item.status) or "?"
    event = Event()
    start = when.astimezone(UTC)
    event.add("uid", f"post-{item.id}@marketing-plan-studio")
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=POST_MINUTES))
    event.add("summary", f"{channel} post ({status}): {activity.title or 'untitled'}")
    event.add("description", item.caption or "")
    event.add("categories", [channel, status])
    return event


def _calendar_event(source: CalendarEvent) -> Event | None:
    """An all-day entry: DTSTART;VALUE=DATE on the event's calendar day, DTEND the day after (RFC 5545 section 3.6.1,
    https://www.rfc-editor.org/rfc/rfc5545#section-3.6.1), so every calendar app shows it on that day in any zone."""
    start = source.recurring_rule.start_date if source.recurring_rule else source.date
    if start is None or source.id is None:
        return None
    day = calendar_day(start)
    event = Event()
    event.add("uid", f"event-{source.id}@marketing-plan-studio")
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", source.name or "Event")
    if source.description:
        event.add("description", source.description)
    rule = source.recurring_rule
    if rule and rule.frequency in RRULE_FREQUENCIES:
        recurrence: dict[str, object] = {"FREQ": RRULE_FREQUENCIES[rule.frequency]}
        if rule.end_date:
            recurrence["UNTIL"] = calendar_day(rule.end_date)  # a DATE, like DTSTART (RFC 5545 section 3.3.10)
        event.add("rrule", recurrence)
    return event


def plan_ics(activities: Iterable[MarketingActivity], events: Iterable[CalendarEvent]) -> bytes:
    """The posts calendar (one entry per post item) plus the calendar events, as one .ics file."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Marketing plan")
    for activity in activities:
        if (when := activity.date) is None:
            continue
        for item in activity.items:
            calendar.add_component(_post_event(activity, item, when))
    for source in events:
        if (event := _calendar_event(source)) is not None:
            calendar.add_component(event)
    return calendar.to_ical()
