"""Models -> DataFrames: columns, values, counts, and dates in the viewer's zone (west and east of UTC)."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from lib.frames import (
    ACTIVITY_COLUMNS,
    EVENT_COLUMNS,
    POST_COLUMNS,
    POST_TABLE_COLUMNS,
    activities_frame,
    calendar_day,
    events_frame,
    filter_activities,
    filter_posts,
    posts_frame,
)
from lib.timezones import to_viewer_zone, week_start, zone_name
from lib.wix.models import CalendarEvent, MarketingActivity, parse_datetime

LA, TOKYO = "America/Los_Angeles", "Asia/Tokyo"


def post(item_id: str, channel: str, status: str, caption: str = "", **extra) -> dict:
    key = {"INSTAGRAM": "instagramPost", "FACEBOOK": "facebookPost", "LINKEDIN": "linkedinPost"}.get(channel, "xPost")
    content = {"caption": caption, "mediaWrapper": {"media": [{"type": "IMAGE", "url": f"https://img/{item_id}.jpg"}]}}
    return {"id": item_id, "channel": {"name": channel}, "type": "POST", "status": status, key: content, **extra}


ACTIVITIES = [
    MarketingActivity.from_json(
        {
            "marketingActivityId": "a2",
            "date": "2026-12-01T03:00:00.000Z",
            "title": "Holiday mugs",
            "description": "Gift ideas",
            "marketingActivityType": "SOCIAL_MARKETING",
            "items": [
                post("p1", "INSTAGRAM", "DRAFT", "Wrap it up"),
                post("p2", "FACEBOOK", "SCHEDULED", "Gift time", scheduledDate="2026-12-02T18:30:00Z"),
                post("p3", "LINKEDIN", "DRAFT"),
                {
                    "id": "p4",
                    "channel": {"name": "INSTAGRAM"},
                    "type": "STORY",
                    "status": "DRAFT",
                    "instagramStory": {},
                },
                {"id": "p5", "channel": {"name": "MASTODON"}, "status": "QUEUED", "mastodonToot": {"caption": "new"}},
            ],
        }
    ),
    MarketingActivity.from_json(
        {
            "marketingActivityId": "a1",
            "date": "2026-11-30T20:00:00.000Z",
            "title": "Blog: glaze guide",
            "marketingActivityType": "BLOG",
        }
    ),
    MarketingActivity.from_json(
        {"marketingActivityId": "a3", "date": "2026-12-10T09:00:00Z", "marketingActivityType": "NEWSLETTER"}
    ),
]


def test_timezones_resolve_with_a_utc_fallback():
    assert zone_name(LA) == LA
    assert zone_name("Mars/Olympus") == "UTC"
    assert zone_name("") == "UTC"
    assert zone_name(None) == "UTC"
    instant = parse_datetime("2026-12-01T03:00:00Z")
    assert to_viewer_zone(instant, LA).date() == date(2026, 11, 30)
    assert to_viewer_zone(instant, TOKYO).date() == date(2026, 12, 1)
    assert to_viewer_zone(None, LA) is None


def test_weeks_start_on_monday():
    assert week_start(date(2026, 12, 1)) == date(2026, 11, 30)  # Tuesday -> Monday
    assert week_start(date(2026, 11, 29)) == date(2026, 11, 23)  # Sunday -> previous Monday
    assert week_start(date(2026, 11, 30)) == date(2026, 11, 30)


def test_activities_frame_columns_and_values():
    df = activities_frame(ACTIVITIES, TOKYO)
    assert tuple(df.columns) == ACTIVITY_COLUMNS
    assert list(df["id"]) == ["a1", "a2", "a3"]  # by date
    first = df.set_index("id").loc["a2"]
    assert first["title"] == "Holiday mugs"
    assert first["type"] == "SOCIAL_MARKETING"  # the API value, for filters
    assert first["type_name"] == "Social media"  # and its display name, for tables and exports
    assert first["description"] == "Gift ideas"
    assert first["posts"] == 5
    assert first["post_statuses"] == "3 Draft · 1 Scheduled · 1 QUEUED"  # display names, lifecycle order
    assert bool(first["has_posts"]) is True
    assert list(df["has_posts"]) == [False, True, False]
    assert list(df["posts"]) == [0, 5, 0]
    assert df.set_index("id").loc["a3", "type"] == "NEWSLETTER"  # unknown type shown as sent
    assert df.set_index("id").loc["a3", "type_name"] == "NEWSLETTER"
    assert df.set_index("id").loc["a1", "type_name"] == "Blog"
    assert df.set_index("id").loc["a3", "title"] == ""


@pytest.mark.parametrize(("tz", "day", "hour"), [(LA, date(2026, 11, 30), 19), (TOKYO, date(2026, 12, 1), 12)])
def test_activity_dates_are_in_the_viewer_zone(tz, day, hour):
    df = activities_frame(ACTIVITIES, tz).set_index("id")
    when = df.loc["a2", "date"]
    assert str(df["date"].dt.tz) == tz
    assert when.date() == day
    assert when.hour == hour
    assert when == pd.Timestamp("2026-12-01T03:00:00Z")  # same instant


def test_activity_order_follows_the_instant_not_the_wall_clock():
    # a1 is 2026-11-30T20:00Z, a2 is 2026-12-01T03:00Z: in LA both fall on Nov 30 and keep their order
    df = activities_frame(ACTIVITIES, LA)
    assert list(df["id"][:2]) == ["a1", "a2"]
    assert [d.date() for d in df["date"][:2]] == [date(2026, 11, 30), date(2026, 11, 30)]


def test_posts_frame_columns_and_values():
    df = posts_frame(ACTIVITIES, LA)
    assert tuple(df.columns) == (*POST_COLUMNS, *POST_TABLE_COLUMNS)
    assert len(df) == 5
    rows = df.set_index("id")
    assert rows.loc["p1", "activity_id"] == "a2"
    assert rows.loc["p1", "channel"] == "INSTAGRAM"
    assert rows.loc["p1", "status"] == "DRAFT"
    assert rows.loc["p1", "type"] == "POST"
    assert rows.loc["p1", "caption"] == "Wrap it up"
    assert rows.loc["p1", "image"] == rows.loc["p1", "image_url"] == "https://img/p1.jpg"
    assert rows.loc["p1", "activity"] == "Holiday mugs"
    assert rows.loc["p4", "type"] == "STORY"
    assert rows.loc["p4", "image"] is None
    assert rows.loc["p4", "image_url"] == ""
    assert rows.loc["p5", "channel"] == "MASTODON"  # unknown enum strings as they are
    assert rows.loc["p5", "status"] == "QUEUED"


def test_posts_frame_names_channels_statuses_and_types_beside_the_api_values():
    rows = posts_frame(ACTIVITIES, LA).set_index("id")
    assert rows.loc["p2", ["channel_name", "status_name", "type_name"]].tolist() == ["Facebook", "Scheduled", "Post"]
    assert rows.loc["p3", ["channel_name", "channel"]].tolist() == ["LinkedIn", "LINKEDIN"]
    assert rows.loc["p4", "type_name"] == "Story"
    assert rows.loc["p5", ["channel_name", "status_name"]].tolist() == ["MASTODON", "QUEUED"]  # unknown: as sent


def test_a_post_without_a_channel_or_status_has_empty_names():
    bare = MarketingActivity.from_json({"marketingActivityId": "a9", "items": [{"id": "p9", "xPost": {}}]})
    row = posts_frame([bare], LA).iloc[0]
    assert (row["channel"], row["status"]) == ("(none)", "(none)")  # filter options
    assert (row["channel_name"], row["status_name"]) == ("", "")  # empty cells


def test_the_image_url_is_a_web_address_never_an_inline_image():
    """The sandbox draws images as SVG data URIs: the table may show one, the export column holds only http(s)."""
    svg = "data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg'/>"
    media = [{"type": "IMAGE", "url": svg}, {"type": "VIDEO", "url": "https://v/1.mp4"}]
    inline = {"id": "i1", "channel": {"name": "INSTAGRAM"}, "instagramPost": {"mediaWrapper": {"media": media}}}
    both = {
        "id": "i2",
        "channel": {"name": "INSTAGRAM"},
        "instagramPost": {"mediaWrapper": {"media": [*media, {"type": "IMAGE", "url": "HTTPS://img/i2.png"}]}},
    }
    activity = MarketingActivity.from_json({"marketingActivityId": "a8", "items": [inline, both]})
    rows = posts_frame([activity], LA).set_index("id")
    assert rows.loc["i1", "image"] == svg
    assert rows.loc["i1", "image_url"] == ""
    assert rows.loc["i2", "image_url"] == "HTTPS://img/i2.png"  # the first web image, as the API gave it


def test_post_date_is_the_scheduled_date_else_the_activity_date():
    la = posts_frame(ACTIVITIES, LA).set_index("id")
    tokyo = posts_frame(ACTIVITIES, TOKYO).set_index("id")
    assert la.loc["p1", "date"].date() == date(2026, 11, 30)
    assert tokyo.loc["p1", "date"].date() == date(2026, 12, 1)
    assert la.loc["p2", "date"] == pd.Timestamp("2026-12-02T18:30:00Z")
    assert la.loc["p2", "date"].hour == 10
    assert tokyo.loc["p2", "date"].date() == date(2026, 12, 3)


EVENTS = [
    CalendarEvent.from_json(
        {
            "id": "e2",
            "name": "Market day",
            "recurringRule": {"frequency": "WEEKLY", "startDate": "2026-11-07T17:00:00Z"},
            "recurringOccurrences": [{"date": "2026-12-05T17:00:00Z"}, {"date": "2026-11-28T17:00:00Z"}],
        }
    ),
    CalendarEvent.from_json(
        {"id": "e1", "name": "Black Friday", "description": "Sale", "date": "2026-11-27T06:00:00Z", "readOnly": True}
    ),
    CalendarEvent.from_json(
        {"id": "e3", "name": "Founding day", "recurringRule": {"frequency": "FORTNIGHTLY"}, "date": "2026-12-20T00:00Z"}
    ),
]


def test_events_frame_columns_and_values():
    df = events_frame(EVENTS, TOKYO)
    assert tuple(df.columns) == EVENT_COLUMNS
    assert list(df["id"]) == ["e1", "e2", "e3"]
    rows = df.set_index("id")
    assert rows.loc["e1", "recurrence"] == "one-time"
    assert rows.loc["e1", "occurrences"] == 1
    assert bool(rows.loc["e1", "read_only"]) is True
    assert rows.loc["e1", "description"] == "Sale"
    assert rows.loc["e2", "recurrence"] == "weekly"
    assert rows.loc["e2", "occurrences"] == 2
    assert rows.loc["e2", "date"] == pd.Timestamp("2026-11-28")  # first occurrence's day, not the rule start
    assert [d.date() for d in rows.loc["e2", "occurrence_dates"]] == [date(2026, 11, 28), date(2026, 12, 5)]
    assert bool(rows.loc["e2", "read_only"]) is False
    assert rows.loc["e3", "recurrence"] == "FORTNIGHTLY"
    assert rows.loc["e3", "occurrences"] == 0  # rule without occurrences or start: nothing to place
    assert pd.isna(rows.loc["e3", "date"])


def test_event_dates_west_of_utc_are_their_utc_days():
    rows = events_frame(EVENTS, LA).set_index("id")
    assert rows.loc["e1", "date"].date() == date(2026, 11, 27)  # 06:00Z on the 27th: the 27th, not LA's 26th
    assert [d.date() for d in rows.loc["e2", "occurrence_dates"]] == [date(2026, 11, 28), date(2026, 12, 5)]


@pytest.mark.parametrize(
    ("build", "columns", "zone"),
    [
        (activities_frame, ACTIVITY_COLUMNS, LA),
        (posts_frame, (*POST_COLUMNS, *POST_TABLE_COLUMNS), LA),
        (events_frame, EVENT_COLUMNS, None),
    ],
)
def test_empty_inputs_give_empty_frames_with_the_right_columns(build, columns, zone):
    df = build([], LA)
    assert df.empty
    assert tuple(df.columns) == columns
    assert str(df["date"].dt.tz) == str(zone)  # instants carry the viewer's zone; event days carry none


def test_invalid_zone_falls_back_to_utc():
    df = activities_frame(ACTIVITIES, "Not/AZone")
    assert str(df["date"].dt.tz) == "UTC"


def test_filter_activities_by_local_day_range_type_and_missing_posts():
    la = activities_frame(ACTIVITIES, LA)
    tokyo = activities_frame(ACTIVITIES, TOKYO)
    day = date(2026, 11, 30)
    assert list(filter_activities(la, day, day)["id"]) == ["a1", "a2"]
    assert list(filter_activities(tokyo, day, day)["id"]) == []
    assert list(filter_activities(tokyo, date(2026, 12, 1), date(2026, 12, 1))["id"]) == ["a1", "a2"]
    assert list(filter_activities(la, start=date(2026, 12, 1))["id"]) == ["a3"]
    assert list(filter_activities(la, types=["SOCIAL_MARKETING", "BLOG"])["id"]) == ["a1", "a2"]
    assert list(filter_activities(la, types=[])["id"]) == ["a1", "a2", "a3"]
    assert list(filter_activities(la, only_without_posts=True)["id"]) == ["a1", "a3"]
    assert list(filter_activities(la, end=date(2026, 11, 30), only_without_posts=True)["id"]) == ["a1"]
    assert list(filter_activities(la, day, day).index) == [0, 1]


def test_filter_posts_by_channel_and_status():
    df = posts_frame(ACTIVITIES, LA)
    assert set(filter_posts(df, channels=["INSTAGRAM"])["id"]) == {"p1", "p4"}
    assert set(filter_posts(df, statuses=["DRAFT"])["id"]) == {"p1", "p3", "p4"}
    assert set(filter_posts(df, channels=["INSTAGRAM", "FACEBOOK"], statuses=["SCHEDULED"])["id"]) == {"p2"}
    assert len(filter_posts(df)) == 5
    assert len(filter_posts(df, channels=[], statuses=None)) == 5


def test_filters_on_empty_frames():
    assert filter_activities(activities_frame([], LA), date(2026, 1, 1), date(2026, 2, 1), ["BLOG"], True).empty
    assert filter_posts(posts_frame([], LA), ["INSTAGRAM"], ["DRAFT"]).empty


def test_filter_posts_by_week_uses_the_viewers_days() -> None:
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-11-29T23:30:00Z", "2026-11-30T08:00:00Z", "2026-12-07T01:00:00Z"]).tz_convert(
                "Asia/Tokyo"
            ),
            "channel": ["FACEBOOK"] * 3,
            "status": ["DRAFT"] * 3,
        }
    )
    week = filter_posts(frame, week=date(2026, 11, 30))
    # 23:30Z on Sunday the 29th is Monday 08:30 in Tokyo; 01:00Z on the 7th is Monday the 7th: next week.
    assert len(week) == 2
    assert week["date"].dt.day.tolist() == [30, 30]


# --- all-day values: a day is a day (issue 10, finding 1) -------------------------------------------------------

ZONES = (LA, "Pacific/Honolulu", TOKYO, "Pacific/Kiritimati", "UTC")
ALL_DAY = [
    CalendarEvent.from_json({"id": "sale", "name": "Winter Sale", "date": "2026-12-10T00:00:00.000Z"}),
    CalendarEvent.from_json(
        {
            "id": "market",
            "name": "Market day",
            "recurringRule": {"frequency": "WEEKLY", "startDate": "2026-10-25T00:00:00.000Z"},
            "recurringOccurrences": [{"date": d} for d in ("2026-10-25T00:00:00Z", "2026-11-01T00:00:00Z")],
        }
    ),
    CalendarEvent.from_json({"id": "dst", "name": "Clocks go forward", "date": "2026-03-08T00:00:00.000Z"}),
]


@pytest.mark.parametrize("tz", ZONES)
def test_an_all_day_event_is_its_calendar_day_in_every_zone(tz):
    rows = events_frame(ALL_DAY, tz).set_index("id")
    assert rows.loc["sale", "date"] == pd.Timestamp("2026-12-10")  # a naive midnight: no zone can move it
    assert rows.loc["sale", "date"].day_name() == "Thursday"
    assert rows.loc["dst", "date"] == pd.Timestamp("2026-03-08")  # the day the US clocks change
    # Weekly across the end of US daylight saving time (1 Nov 2026): still Sundays
    assert rows.loc["market", "occurrence_dates"] == [pd.Timestamp("2026-10-25"), pd.Timestamp("2026-11-01")]
    assert rows.loc["market", "date"] == pd.Timestamp("2026-10-25")


def test_calendar_day_is_the_utc_date_part():
    assert calendar_day(parse_datetime("2026-12-10T00:00:00.000Z")) == date(2026, 12, 10)
    assert calendar_day(parse_datetime("2026-12-10T23:30:00-08:00")) == date(2026, 12, 11)  # 07:30Z on the 11th
    assert calendar_day(datetime(2026, 12, 10)) == date(2026, 12, 10)  # naive: taken as UTC, like the wire
