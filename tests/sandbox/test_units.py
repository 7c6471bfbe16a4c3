"""Pure parts of the sandbox: calendar windows, content templates, planner shaping, options."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from lib.sandbox import calendar_events, clock, content, planner
from lib.sandbox.marketing_settings import profile
from lib.sandbox.options import SandboxOptions

WEDNESDAY = datetime(2026, 7, 8, 15, 30, tzinfo=UTC)


def _profile(**settings) -> object:
    return profile({"settings": settings, "overrides": {}})


def _plan(posts_until: datetime | None = None, events: list | None = None, **settings) -> list[dict]:
    inputs = planner.PlanInputs("site-u", 1, _profile(**settings), events or [], WEDNESDAY, posts_until)
    return planner.build_activities(inputs)


def test_calendar_windows_start_weeks_on_monday():
    assert clock.end_of_week(date(2026, 7, 8)) == date(2026, 7, 12)
    assert clock.end_of_week(date(2026, 7, 13)) == date(2026, 7, 19)
    assert clock.end_of_week(date(2026, 7, 12), weeks_ahead=1) == date(2026, 7, 19)
    assert clock.end_of_next_month(date(2026, 12, 5)) == date(2027, 1, 31)
    assert clock.end_of_next_month(date(2026, 1, 31)) == date(2026, 2, 28)
    assert clock.near_term_end("end-of-next-week", WEDNESDAY) == datetime(2026, 7, 19, 23, 59, 59, 999000, tzinfo=UTC)
    assert clock.near_term_end("3d", WEDNESDAY).date() == date(2026, 7, 11)
    assert clock.near_term_end("none", WEDNESDAY) is None
    with pytest.raises(ValueError):
        SandboxOptions(near_term="soon")


def test_image_is_a_small_svg_data_uri_with_a_word():
    url = content.image_url(content.image_word("handmade ceramics"), "seed")
    assert url.startswith("data:image/svg+xml;utf8,<svg")
    assert len(url.encode()) < 300
    assert ">Handmade<" in url
    assert url != content.image_url("Ceramics", "seed", variant=1)


def test_captions_use_goal_tone_point_of_view_and_topics():
    prof = _profile(
        marketingPlanGoal={"goalKey": "BOOST_SALES"},
        toneOfVoice="bold and direct",
        pointOfView="SECOND_PERSON",
        topics={"included": ["sea glass"]},
    )
    insta = content.caption("INSTAGRAM", "Limited offer on sea glass", "sea glass", prof, "s1")
    assert "🔥" in insta and "#SeaGlass" in insta and "Link in bio." in insta
    assert insta.startswith(("You asked", "Looking for", "You'll love")), "second person"
    linkedin = content.caption("LINKEDIN", "Limited offer on sea glass", "sea glass", prof, "s1")
    assert "🔥" not in linkedin and "!" not in linkedin
    tweet = content.caption("TWITTER", "x" * 400, "sea glass", prof, "s1")
    assert len(tweet) <= 280
    assert insta == content.caption("INSTAGRAM", "Limited offer on sea glass", "sea glass", prof, "s1")
    custom = content.caption(
        "FACEBOOK", "t", "tea", _profile(marketingPlanGoal={"customGoal": "Fill the spring class"}), "s"
    )
    assert "Help us fill the spring class" in custom


def test_planner_follows_tools_frequency_and_topics():
    activities = _plan(
        marketingTools=["SOCIAL_MARKETING", "BLOGS"],
        frequency={"interval": "WEEK", "count": 3},
        topics={"included": ["pottery", "politics today"], "excluded": ["politics"]},
    )
    social = [a for a in activities if a["marketingActivityType"] == "SOCIAL_MARKETING"]
    blogs = [a for a in activities if a["marketingActivityType"] == "BLOG"]
    days = (date(2026, 8, 31) - date(2026, 7, 8)).days + 1
    assert len(social) == round(3 * days / 7) and len(blogs) == len(social), "blogs inherit settings.frequency"
    assert not any(a["marketingActivityType"] == "EMAIL_MARKETING" for a in activities)
    assert all("pottery" in a["title"].lower() and "politics" not in a["title"].lower() for a in social)
    hashtags = _profile(topics={"included": ["pottery", "politics today"], "excluded": ["Politics"]}).topics_included
    assert hashtags == ("pottery",), "an included topic that mentions an excluded one is dropped"
    dates = [a["date"] for a in activities]
    assert dates == sorted(dates) and dates[0] >= clock.iso(WEDNESDAY) and dates[-1] < "2026-09-01"


def test_posts_only_through_the_near_term_end_and_every_third_gets_a_story():
    until = datetime(2026, 7, 19, 23, 59, tzinfo=UTC)
    activities = _plan(posts_until=until)
    social = [a for a in activities if a["marketingActivityType"] == "SOCIAL_MARKETING"]
    for index, activity in enumerate(social):
        dated_soon = activity["date"] <= clock.iso(until)
        posts = [i for i in activity["items"] if i["type"] == "POST"]
        stories = [i for i in activity["items"] if i["type"] == "STORY"]
        assert [i["channel"]["name"] for i in posts] == (["FACEBOOK", "INSTAGRAM"] if dated_soon else [])
        assert len(stories) == (1 if dated_soon and index % 3 == 0 else 0)
        assert all("instagramStory" in s and s["channel"]["name"] == "INSTAGRAM" for s in stories)
    assert any(a["items"] for a in social) and any(not a["items"] for a in social)
    assert not any(i for a in _plan(posts_until=None) for i in a["items"])


def test_events_produce_activities_near_their_dates():
    events = [
        {"id": "e1", "calendarId": "c", "name": "Summer Sale", "date": "2026-07-20T00:00:00.000Z"},
        {
            "id": "e2",
            "calendarId": "c",
            "name": "Yoga",
            "recurringRule": {"frequency": "WEEKLY", "startDate": "2026-07-01T07:00:00.000Z"},
        },
        {"id": "e3", "calendarId": "c", "name": "Old news", "date": "2026-06-01T00:00:00.000Z"},
    ]
    activities = _plan(events=events)
    titles = {a["title"]: a["date"] for a in activities}
    assert titles["Countdown to Summer Sale"].startswith("2026-07-18")
    assert [t for t in titles if t.startswith("Yoga")] == [
        "Yoga: join us on Wed Jul 15",
        "Yoga: join us on Wed Jul 22",
        "Yoga: join us on Wed Jul 29",
    ]
    assert not any("Old news" in t for t in titles)
    only_other = _plan(events=events, calendar={"ids": ["another-calendar"]})
    assert not any("Summer Sale" in a["title"] for a in only_other), "calendar.ids chooses which calendars count"


def test_yearly_occurrences_clamp_leap_days():
    event = {"recurringRule": {"frequency": "YEARLY", "startDate": "2024-02-29T00:00:00.000Z"}}
    low, high = datetime(2024, 1, 1, tzinfo=UTC), datetime(2028, 12, 31, tzinfo=UTC)
    found = calendar_events.occurrences(event, low, high, 10)
    assert [m.date() for m in found] == [
        date(2024, 2, 29),
        date(2025, 2, 28),
        date(2026, 2, 28),
        date(2027, 2, 28),
        date(2028, 2, 29),
    ]
    assert calendar_events.occurrences(event, low, high, 2) == found[:2]
    assert calendar_events.occurrences(event, high + timedelta(days=1), high + timedelta(days=30), 10) == []
