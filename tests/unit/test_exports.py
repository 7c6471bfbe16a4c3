"""Exports parse back (CSV with pandas, .ics with icalendar) and match the plan."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pandas as pd
from icalendar import Calendar

from lib.exports import frame_csv, plan_ics
from lib.frames import ACTIVITY_COLUMNS, POST_COLUMNS, activities_frame, posts_frame
from lib.wix.models import CalendarEvent, MarketingActivity, RecurringRule

ACTIVITY = MarketingActivity.from_json(
    {
        "marketingActivityId": "a1",
        "date": "2026-12-01T09:00:00.000Z",
        "title": "Winter mugs, <b>bold</b>",
        "marketingActivityType": "SOCIAL_MARKETING",
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
    assert back["ID"].tolist() == frame["id"].tolist()
    assert back.set_index("ID").loc["p2", "Caption"] == "Line1\nLine2"
    assert pd.to_datetime(back["Date"]).dt.tz_convert("UTC").iloc[0] == pd.Timestamp("2026-12-01T09:00Z")


def test_csv_headers_are_display_headers_with_the_api_values_beside_the_names() -> None:
    frame = posts_frame([ACTIVITY], "America/Los_Angeles")
    back = pd.read_csv(io.BytesIO(frame_csv(frame, POST_COLUMNS)), dtype=str, keep_default_na=False)
    assert list(back.columns) == [
        "ID",
        "Activity ID",
        "Date",
        "Channel",
        "Channel (API value)",
        "Status",
        "Status (API value)",
        "Type",
        "Type (API value)",
        "Caption",
        "Image URL",
        "Activity",
    ]
    p1 = back.set_index("ID").loc["p1"]
    assert (p1["Channel"], p1["Channel (API value)"]) == ("Instagram", "INSTAGRAM")
    assert (p1["Status"], p1["Status (API value)"], p1["Type"]) == ("Draft", "DRAFT", "Post")
    assert p1["Date"] == "2026-12-01T01:00:00-0800"  # ISO, with the offset


def test_activities_csv_names_the_type_and_counts_statuses_by_name() -> None:
    back = pd.read_csv(io.BytesIO(frame_csv(activities_frame([ACTIVITY], "UTC"), ACTIVITY_COLUMNS)), dtype=str)
    assert list(back.columns[:5]) == ["ID", "Date", "Title", "Type", "Type (API value)"]
    row = back.iloc[0]
    assert (row["Type"], row["Type (API value)"]) == ("Social media", "SOCIAL_MARKETING")
    assert row["Post statuses"] == "1 Draft · 1 Scheduled"


def test_the_posts_csv_image_column_holds_a_url_never_an_inline_image() -> None:
    """The sandbox's images are SVG data URIs: the spreadsheet gets the item's web image URL, or nothing."""
    svg = "data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='4'/>"
    items = [
        {"id": f"p{n}", "channel": {"name": "INSTAGRAM"}, "instagramPost": {"mediaWrapper": {"media": media}}}
        for n, media in enumerate(
            [
                [{"type": "IMAGE", "url": svg}],
                [{"type": "IMAGE", "url": svg}, {"type": "IMAGE", "url": "https://i/1.jpg"}],
            ]
        )
    ]
    activity = MarketingActivity.from_json({"marketingActivityId": "a2", "date": "2026-12-01T09:00Z", "items": items})
    csv = frame_csv(posts_frame([activity], "UTC"), POST_COLUMNS)
    assert b"data:" not in csv and b"<svg" not in csv
    back = pd.read_csv(io.BytesIO(csv), dtype=str, keep_default_na=False)
    assert back["Image URL"].tolist() == ["", "https://i/1.jpg"]


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
    assert str(post["summary"]) == "Facebook post (Scheduled): Winter mugs, <b>bold</b>"  # display names
    rule = entries["event-e2@marketing-plan-studio"]["rrule"]
    assert rule["FREQ"] == ["WEEKLY"]
    assert str(entries["event-e1@marketing-plan-studio"]["summary"]) == "Winter Sale"


def test_ics_events_are_all_day_dates_and_posts_are_utc_instants() -> None:
    """RFC 5545 3.6.1: an all-day event is a DATE start with a DATE end on the next day (issue 10, finding 1)."""
    text = plan_ics([ACTIVITY], EVENTS).decode()
    entries = {str(e["uid"]): e for e in Calendar.from_ical(text).walk("VEVENT")}
    sale = entries["event-e1@marketing-plan-studio"]
    assert "DTSTART;VALUE=DATE:20261210" in text
    assert "DTEND;VALUE=DATE:20261211" in text
    assert (sale.decoded("dtstart"), sale.decoded("dtend")) == (date(2026, 12, 10), date(2026, 12, 11))
    market = entries["event-e2@marketing-plan-studio"]
    assert (market.decoded("dtstart"), market.decoded("dtend")) == (date(2026, 12, 5), date(2026, 12, 6))
    assert market["rrule"]["UNTIL"] == [date(2027, 1, 30)]
    assert "DTSTART:20261201T090000Z" in text  # a post stays an instant, in UTC


FORMULAS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rReturn"]


def test_csv_defuses_text_that_a_spreadsheet_would_run_as_a_formula() -> None:
    """OWASP CSV injection (issue 10, finding 9): text cells starting with = + - @ tab or CR get a leading quote."""
    frame = pd.DataFrame(
        {
            "caption": pd.Series([*FORMULAS, "Plain", ""], dtype="str"),
            "posts": pd.array([-1, 2, 3, 4, 5, 6, 7, 8], dtype="int64"),
            "date": pd.to_datetime(["2026-12-01T09:00Z"] * 8).tz_convert("America/Los_Angeles"),
        }
    )
    back = pd.read_csv(io.BytesIO(frame_csv(frame, ["caption", "posts", "date"])), keep_default_na=False)
    assert back["Caption"].tolist() == [f"'{text}" for text in FORMULAS] + ["Plain", ""]
    assert back["Posts"].tolist() == [-1, 2, 3, 4, 5, 6, 7, 8]  # numbers untouched
    assert back["Date"].iloc[0] == "2026-12-01T01:00:00-0800"  # dates untouched
