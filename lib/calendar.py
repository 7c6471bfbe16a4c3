"""The month/week calendars of posts and of events, as FullCalendar entries and options. No Streamlit.

Drawn by the `streamlit-calendar` component (FullCalendar, https://fullcalendar.io/docs), through `lib/ui/calendar.py`.
Only FullCalendar's MIT-licensed day-grid, list and interaction plugins are used (no premium views).

Time zones: FullCalendar is told its zone is UTC and is given naive wall-clock times of the viewer's zone, so it draws
them as they are (it would otherwise convert to the browser's zone, which may not be the zone the viewer picked).
"Today" is passed the same way (`now`). Calendar events are all-day: their calendar days, never converted.

Post status is a colour (Okabe-Ito, colour-blind safe) and always a symbol too, never colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd

from lib.display import STATUS_NAMES, channel_name
from lib.wix.models import ItemStatus

POST = "post"
EVENT = "event"

STATUS_COLORS: dict[str, tuple[str, str]] = {  # background, text
    ItemStatus.DRAFT: ("#E69F00", "#000000"),
    ItemStatus.SCHEDULED: ("#0072B2", "#FFFFFF"),
    ItemStatus.PUBLISHED: ("#009E73", "#000000"),
}
OTHER_STATUS_COLORS = ("#000000", "#FFFFFF")
STATUS_MARKS: dict[str, str] = {ItemStatus.DRAFT: "○", ItemStatus.SCHEDULED: "◆", ItemStatus.PUBLISHED: "✓"}
OTHER_STATUS_MARK = "•"
EVENT_COLORS = ("#DDDDDD", "#555555", "#000000")  # background, border, text: a grey bar, unlike any status

MONTH, WEEK, LIST = "dayGridMonth", "dayGridWeek", "listWeek"
POSTS_PER_DAY = {MONTH: 3, WEEK: 12}  # beyond these a day shows "+N more", which opens the day's list
HEIGHT_PX = 720

# FullCalendar's CSS, adjusted: a full day's list scrolls inside its popover, what can be clicked shows it, and in a
# narrow window (a phone: the iframe's own width) the toolbar wraps and chips use a smaller type
DAY_POINTER = ".fc-daygrid-day { cursor: pointer; }\n"
CUSTOM_CSS = (
    ".fc-popover-body { max-height: 320px; overflow-y: auto; }\n"
    ".fc-event { cursor: pointer; }\n"
    "@media (max-width: 560px) {\n"
    "  .fc .fc-header-toolbar { flex-wrap: wrap; gap: 6px; }\n"
    "  .fc .fc-toolbar-title { font-size: 1.1rem; }\n"
    "  .fc .fc-daygrid-event, .fc .fc-daygrid-more-link { font-size: 0.65rem; }\n"
    "}\n" + DAY_POINTER
)


def status_mark(status: object) -> str:
    """The symbol that goes with a status's colour."""
    return STATUS_MARKS.get(str(status), OTHER_STATUS_MARK)


def legend() -> str:
    """One line naming each status's symbol (the colours are in the chips)."""
    return " · ".join(f"{status_mark(status)} {name}" for status, name in STATUS_NAMES.items())


def _wall_clock(values: pd.Series) -> list[str]:
    """Instants of the viewer's zone as naive ISO wall-clock times."""
    return [stamp.strftime("%Y-%m-%dT%H:%M:%S") for stamp in values]


def post_entries(posts: pd.DataFrame) -> list[dict[str, Any]]:
    """One timed chip per dated post: its time, status symbol and channel, coloured by status."""
    dated = posts.loc[posts["date"].notna()]
    entries = []
    for post_id, start, channel, status in zip(
        dated["id"], _wall_clock(dated["date"]), dated["channel"], dated["status"], strict=True
    ):
        background, text = STATUS_COLORS.get(status, OTHER_STATUS_COLORS)
        entries.append(
            {
                "id": post_id,
                "title": f"{status_mark(status)} {channel_name(channel)}",
                "start": start,
                "color": background,
                "textColor": text,
                "classNames": ["studio-post"],
                "extendedProps": {"kind": POST},
            }
        )
    return entries


def event_entries(events: pd.DataFrame, first: date, last: date) -> list[dict[str, Any]]:
    """One all-day bar per occurrence of each event on a day from ``first`` to ``last``."""
    background, border, text = EVENT_COLORS
    entries = []
    for event_id, name, days in zip(events["id"], events["name"], events["occurrence_dates"], strict=True):
        for day in days or []:
            if first <= day.date() <= last:
                entries.append(
                    {
                        "id": f"{event_id}@{day.date().isoformat()}",
                        "title": name or "(unnamed event)",
                        "start": day.date().isoformat(),
                        "allDay": True,
                        "backgroundColor": background,
                        "borderColor": border,
                        "textColor": text,
                        "classNames": ["studio-event"],
                        "extendedProps": {"kind": EVENT, "event_id": event_id},
                    }
                )
    return entries


def options(first: date, last: date, today: date, view: str = MONTH, on: date | None = None) -> dict[str, Any]:
    """FullCalendar options: ``view`` opened on ``on`` (default: ``today``, the viewer's day, which the calendar marks),
    navigation kept to ``first``..``last``."""
    return {
        "initialView": view,
        "initialDate": (on or today).isoformat(),
        "timeZone": "UTC",
        "now": today.isoformat(),
        "validRange": {"start": first.isoformat(), "end": (last + timedelta(days=1)).isoformat()},
        "firstDay": 1,  # weeks start on Monday, like the Plan view's week filter
        "headerToolbar": {"left": "prev,next today", "center": "title", "right": f"{MONTH},{WEEK},{LIST}"},
        "buttonText": {"today": "Today", "month": "Month", "week": "Week", "list": "List"},
        "height": HEIGHT_PX,
        "eventTimeFormat": {"hour": "2-digit", "minute": "2-digit", "hour12": False},
        "displayEventEnd": False,
        "eventDisplay": "block",  # every entry a filled chip or bar (a post's colour is its status)
        "views": {name: {"dayMaxEvents": limit} for name, limit in POSTS_PER_DAY.items()},
        "noEventsContent": "Nothing in this week.",
    }


def posts_calendar(
    posts: pd.DataFrame, events: pd.DataFrame, first: date, last: date, today: date, week: date | None = None
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The posts calendar's entries (events' bars, then posts' chips) and options: opened on ``week`` in the week
    view when one is picked, else on today's month; navigation kept to ``first``..``last``."""
    entries = event_entries(events, first, last) + post_entries(posts)
    return entries, options(first, last, today, WEEK, week) if week else options(first, last, today)


@dataclass(frozen=True)
class CalendarClick:
    """What a click on the calendar picked: a post or an event (by ID), or a day."""

    kind: str  # POST, EVENT or "day"
    target: str = ""
    day: date | None = None


def read_click(value: object) -> CalendarClick | None:
    """The component's last value as a click, or None (nothing clicked yet, or a value this app does not use)."""
    if not isinstance(value, dict):
        return None
    if value.get("callback") == "eventClick":
        event = value.get("eventClick", {}).get("event", {})
        props = event.get("extendedProps", {})
        if props.get("kind") == POST:
            return CalendarClick(POST, str(event.get("id", "")))
        if props.get("kind") == EVENT:
            return CalendarClick(EVENT, str(props.get("event_id", "")), _day(event.get("start")))
    if value.get("callback") == "dateClick":
        return CalendarClick("day", day=_day(value.get("dateClick", {}).get("date")))
    return None


def _day(text: object) -> date | None:
    """The calendar day an ISO date or date-time starts with (FullCalendar's UTC is the viewer's wall clock)."""
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None
