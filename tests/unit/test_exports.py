"""Exports parse back (CSV with pandas, .ics with icalendar) and match the plan."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pandas as pd
from icalendar import Calendar

from lib.exports import frame_csv, plan_ics
from lib.frames import POST_COLUMNS, posts_frame
from lib.wix.models import CalendarEvent, MarketingActivity, RecurringRule

ACTIVITY = MarketingActivity.from_json(
    {
        "marketingActivityId": "a1",
        "date": "2026-12-01T09:00:00.000Z",
        "title": "Winter mugs, <b>bold</b>",
        "items": [
            {
                "id": "p1",
                "channel": {"name": "INSTAGRAM"},
                "status": "DRAFT",
                "instagramPost": {"caption": "Cosy, warm; new"},
            },
            {
                "id": "p2",
                "channel": {"name": "FACEBOOK"},
                "status": "SCHEDULED",
                "facebookPost": {"caption": "Line1\nLine2"},
            },
        ],
    }
)
EVENTS = [
    CalendarEvent(id="e1", name="Winter Sale", date=datetime(2026, 12, 10, tzinfo=UTC)),
    CalendarEvent(
        id="e2",
        name="Market day",
        recurring_rule=RecurringRule("WEEKLY", datetime(2026, 12, 5, tzinfo=UTC), datetime(2027, 1, 30, tzinfo=UTC)),
    ),
]


def test_posts_csv_round_trips_through_pandas() -> None:
    frame = posts_frame([ACTIVITY], "America/Los_Angeles")
    back = pd.read_csv(io.BytesIO(frame_csv(frame, POST_COLUMNS)))
    assert back["id"].tolist() == frame["id"].tolist()
    assert back.set_index("id").loc["p2", "caption"] == "Line1\nLine2"
    assert pd.to_datetime(back["date"]).dt.tz_convert("UTC").iloc[0] == pd.Timestamp("2026-12-01T09:00Z")


def test_ics_holds_each_post_and_event() -> None:
    calendar = Calendar.from_ical(plan_ics([ACTIVITY], EVENTS))
    entries = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert set(entries) == {
        "post-p1@marketing-plan-studio",
        "post-p2@marketing-plan-studio",
        "event-e1@marketing-plan-studio",
        "event-e2@marketing-plan-studio",
    }
    post = entries["post-p2@marketing-plan-studio"]
    assert post.decoded("dtstart") == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert str(post["description"]) == "Line1\nLine2"
    assert "SCHEDULED" in str(post["summary"])
    rule = entries["event-e2@marketing-plan-studio"]["rrule"]
    assert rule["FREQ"] == ["WEEKLY"]
    assert str(entries["event-e1@marketing-plan-studio"]["summary"]) == "Winter Sale"
