"""The calendars' entries, options and clicks (lib/calendar.py), from the app's own frames."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from lib.calendar import (
    EVENT,
    POST,
    WEEK,
    CalendarClick,
    event_entries,
    legend,
    options,
    post_entries,
    read_click,
)
from lib.frames import events_frame, posts_frame
from lib.wix.models import CalendarEvent, MarketingActivity, RecurringRule


def activity(*items: dict) -> MarketingActivity:
    """An activity at noon UTC on 8 Dec holding these items (wire JSON)."""
    return MarketingActivity.from_json(
        {"marketingActivityId": "a1", "date": "2026-12-08T12:00:00.000Z", "title": "Sale", "items": list(items)}
    )


def item(item_id: str, channel: str, status: str) -> dict:
    return {"id": item_id, "channel": {"name": channel}, "type": "POST", "status": status, "xPost": {"caption": "Hi"}}


@pytest.mark.parametrize(
    ("zone", "wall_clock"), [("America/Los_Angeles", "2026-12-08T04:00:00"), ("Asia/Tokyo", "2026-12-08T21:00:00")]
)
def test_a_post_chip_starts_at_the_viewers_wall_clock_time_and_names_status_and_channel(zone, wall_clock) -> None:
    posts = posts_frame([activity(item("p1", "LINKEDIN", "SCHEDULED"))], zone)
    (chip,) = post_entries(posts)
    assert chip["start"] == wall_clock, "no offset: FullCalendar (told its zone is UTC) draws it as it is"
    assert chip["title"] == "◆ LinkedIn"
    assert chip["extendedProps"] == {"kind": POST} and chip["id"] == "p1"


def test_status_is_never_colour_alone() -> None:
    items = [item(s, "TWITTER", s) for s in ("DRAFT", "SCHEDULED", "PUBLISHED", "FROZEN")]
    chips = post_entries(posts_frame([activity(*items)], "UTC"))
    marks = {chip["id"]: chip["title"].split(" ")[0] for chip in chips}
    assert len(set(marks.values())) == 4, marks  # an unknown status gets its own mark too
    assert len({chip["color"] for chip in chips}) == 4
    assert legend() == "○ Draft · ◆ Scheduled · ✓ Published"


def test_an_events_bars_are_its_calendar_days_inside_the_range_in_every_zone() -> None:
    weekly = CalendarEvent(
        id="e1",
        name="Market day",
        recurring_rule=RecurringRule(frequency="WEEKLY", start_date=datetime(2026, 12, 1, tzinfo=UTC)),
        occurrences=[datetime(2026, 12, d, tzinfo=UTC) for d in (1, 8, 15, 22)],
    )
    for zone in ("America/Los_Angeles", "Asia/Tokyo"):
        bars = event_entries(events_frame([weekly], zone), date(2026, 12, 5), date(2026, 12, 15))
        assert [bar["start"] for bar in bars] == ["2026-12-08", "2026-12-15"]
        assert all(bar["allDay"] and bar["extendedProps"] == {"kind": EVENT, "event_id": "e1"} for bar in bars)
        assert len({bar["id"] for bar in bars}) == 2, "one ID per occurrence"


def test_options_keep_navigation_to_the_plan_and_open_a_picked_week_in_the_week_view() -> None:
    month = options(date(2026, 12, 1), date(2027, 1, 31), date(2026, 12, 1))
    assert month["validRange"] == {"start": "2026-12-01", "end": "2027-02-01"}, "the end is exclusive"
    assert month["initialView"] == "dayGridMonth" and month["now"] == "2026-12-01"
    week = options(date(2026, 12, 1), date(2027, 1, 31), date(2026, 12, 1), WEEK, date(2026, 12, 14))
    assert (week["initialView"], week["initialDate"]) == (WEEK, "2026-12-14")


def test_a_click_is_read_as_a_post_an_event_or_a_day_and_anything_else_as_nothing() -> None:
    post = {"callback": "eventClick", "eventClick": {"event": {"id": "p1", "extendedProps": {"kind": POST}}}}
    event = {
        "callback": "eventClick",
        "eventClick": {
            "event": {"id": "e1@2026-12-08", "start": "2026-12-08", "extendedProps": {"kind": EVENT, "event_id": "e1"}}
        },
    }
    day = {"callback": "dateClick", "dateClick": {"date": "2026-12-09T00:00:00.000Z"}}
    assert read_click(post) == CalendarClick(POST, "p1")
    assert read_click(event) == CalendarClick(EVENT, "e1", date(2026, 12, 8))
    assert read_click(day) == CalendarClick("day", day=date(2026, 12, 9))
    assert read_click({}) is None and read_click(None) is None
    assert read_click({"callback": "dateClick", "dateClick": {"date": "garbage"}}) == CalendarClick("day", day=None)
