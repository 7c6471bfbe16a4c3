"""Models parse the reference's example JSON and stay tolerant of unknown or missing fields."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from lib.wix.models import (
    Account,
    ActivityPosts,
    ActivityType,
    CalendarEvent,
    CalendarOption,
    Channel,
    Frequency,
    FrequencyInterval,
    GoalOption,
    ItemStatus,
    MarketingActivity,
    MarketingPlan,
    MarketingSettings,
    MarketingTool,
    PlanGoal,
    PlanStatus,
    PointOfView,
    PointOfViewOption,
    PostItem,
    RecurrenceFrequency,
    RecurringRule,
    ScheduledItem,
    Settings,
    format_datetime,
    parse_datetime,
    parse_enum,
)

# The [SEC] example of README section 10.1 (item shape) wrapped as GetSocialMarketingPlan answers it (M4).
PLAN_EXAMPLE = {
    "status": "ACTIVE",
    "marketingActivities": [
        {
            "marketingActivityId": "b3f9d2e1-7a4c-4d68-9f02-1c5e8a6b4d30",
            "date": "2026-07-08T09:00:00.000Z",
            "title": "Summer mugs",
            "description": "Show the new summer mugs",
            "items": [
                {
                    "id": "834dc801-3e5c-416a-bd14-b130a95d100e",
                    "channel": {"name": "INSTAGRAM", "accountId": "17841405822304914"},
                    "type": "POST",
                    "status": "DRAFT",
                    "instagramPost": {
                        "mediaWrapper": {
                            "media": [{"type": "IMAGE", "url": "https://static.wixstatic.com/media/mug.jpg"}]
                        },
                        "caption": "Sunny days, warm mugs.",
                    },
                }
            ],
        }
    ],
}


def test_plan_example_parses() -> None:
    plan = MarketingPlan.from_json(PLAN_EXAMPLE)

    assert plan.status is PlanStatus.ACTIVE
    (activity,) = plan.activities
    assert activity.id == "b3f9d2e1-7a4c-4d68-9f02-1c5e8a6b4d30"
    assert activity.date == datetime(2026, 7, 8, 9, 0, tzinfo=UTC)
    assert activity.title == "Summer mugs"
    assert activity.type is None  # the example carries no marketingActivityType
    (item,) = plan.items
    assert item.id == "834dc801-3e5c-416a-bd14-b130a95d100e"
    assert item.channel is Channel.INSTAGRAM
    assert item.account_id == "17841405822304914"
    assert item.status is ItemStatus.DRAFT
    assert item.caption == "Sunny days, warm mugs."
    assert item.image_url == "https://static.wixstatic.com/media/mug.jpg"
    assert item.content_key == "instagramPost"
    assert item.is_draft
    assert not item.is_story
    assert plan.raw is PLAN_EXAMPLE


def test_plan_items_span_all_activities() -> None:
    data = {
        "status": "ACTIVE",
        "marketingActivities": [
            {"marketingActivityId": "a1", "items": [{"id": "i1"}, {"id": "i2"}]},
            {"marketingActivityId": "a2", "items": [{"id": "i3"}]},
        ],
    }
    assert [i.id for i in MarketingPlan.from_json(data).items] == ["i1", "i2", "i3"]


@pytest.mark.parametrize(
    ("key", "channel"),
    [
        ("facebookPost", "FACEBOOK"),
        ("linkedinPost", "LINKEDIN"),
        ("pinterestPost", "PINTEREST"),
        ("gbpPost", "GBP"),
        ("tiktokPhoto", "TIKTOK"),
        ("twitterPost", "TWITTER"),
        ("someFutureChannelPost", "MASTODON"),
    ],
)
def test_post_content_found_under_any_channel_key(key: str, channel: str) -> None:
    item = PostItem.from_json(
        {
            "id": "i",
            "channel": {"name": channel},
            "type": "POST",
            "status": "DRAFT",
            "draftInfo": {"note": "envelope, not content"},
            key: {"caption": f"caption for {channel}", "mediaWrapper": {"media": [{"type": "IMAGE", "url": "u"}]}},
        }
    )
    assert item.content_key == key
    assert item.caption == f"caption for {channel}"
    assert item.image_url == "u"
    assert item.channel == channel


def test_story_item_and_scheduled_date() -> None:
    item = PostItem.from_json(
        {
            "id": "s1",
            "channel": {"name": "INSTAGRAM"},
            "type": "STORY",
            "status": "SCHEDULED",
            "scheduledDate": "2026-07-08T09:00:00Z",
            "instagramStory": {
                "mediaWrapper": {"media": [{"type": "VIDEO", "url": "v"}, {"type": "IMAGE", "url": "i"}]}
            },
        }
    )
    assert item.is_story
    assert not item.is_draft
    assert item.status is ItemStatus.SCHEDULED
    assert item.scheduled_date == datetime(2026, 7, 8, 9, 0, tzinfo=UTC)
    assert item.caption is None
    assert [m.type for m in item.media] == ["VIDEO", "IMAGE"]
    assert item.image_url == "i"


def test_unknown_fields_and_enum_values_are_kept() -> None:
    data = {
        "status": "PAUSED",
        "planVersion": 7,
        "marketingActivities": [
            {
                "marketingActivityId": "a1",
                "marketingActivityType": "PODCAST",
                "mood": "sunny",
                "items": [{"id": "i1", "status": "ARCHIVED", "channel": {"name": "THREADS"}, "extra": [1, 2]}],
            }
        ],
    }
    plan = MarketingPlan.from_json(data)

    assert plan.status == "PAUSED"
    assert not isinstance(plan.status, PlanStatus)
    assert plan.raw["planVersion"] == 7
    activity = plan.activities[0]
    assert activity.type == "PODCAST"
    assert activity.raw["mood"] == "sunny"
    item = activity.items[0]
    assert item.status == "ARCHIVED"
    assert item.channel == "THREADS"
    assert item.raw["extra"] == [1, 2]


def test_missing_and_wrongly_typed_fields_do_not_crash() -> None:
    plan = MarketingPlan.from_json({"marketingActivities": [{"items": "nope"}, "junk", {"date": 12}]})

    assert plan.status == "UNKNOWN"
    assert len(plan.activities) == 2
    first, second = plan.activities
    assert first.items == []
    assert first.id == ""
    assert first.title is None
    assert first.description is None
    assert first.date is None
    assert second.date is None

    item = PostItem.from_json({"channel": "FACEBOOK", "facebookPost": {"mediaWrapper": {"media": "x"}}})
    assert item.channel is Channel.FACEBOOK
    assert item.media == []
    assert item.image_url is None
    assert item.status is None

    assert MarketingPlan.from_json(None).activities == []  # type: ignore[arg-type]
    assert MarketingPlan.from_json({"status": "GENERATING", "marketingActivities": {"a": 1}}).activities == []


def test_activity_from_activity_service_shape() -> None:
    # README A3 example
    activity = MarketingActivity.from_json(
        {
            "id": "b3f9d2e1-7a4c-4d68-9f02-1c5e8a6b4d30",
            "title": "Summer sale",
            "description": "Tell everyone",
            "targetDate": "2026-07-08T09:00:00.000Z",
            "marketingActivityType": "SOCIAL_MARKETING",
        }
    )
    assert activity.id == "b3f9d2e1-7a4c-4d68-9f02-1c5e8a6b4d30"
    assert activity.date == datetime(2026, 7, 8, 9, 0, tzinfo=UTC)
    assert activity.type is ActivityType.SOCIAL_MARKETING
    assert activity.items == []


def test_activity_posts_and_scheduled_items() -> None:
    posts = ActivityPosts.from_json({"marketingActivityId": "a1", "items": [{"id": "i1", "status": "DRAFT"}]})
    assert posts.activity_id == "a1"
    assert [i.id for i in posts.items] == ["i1"]

    # README M7 example response item
    scheduled = ScheduledItem.from_json(
        {"id": "834dc801-3e5c-416a-bd14-b130a95d100e", "status": "SCHEDULED", "channel": {"name": "INSTAGRAM"}}
    )
    assert scheduled.id == "834dc801-3e5c-416a-bd14-b130a95d100e"
    assert scheduled.status is ItemStatus.SCHEDULED
    assert scheduled.channel is Channel.INSTAGRAM


def test_one_time_event_round_trip() -> None:
    # README C1 example request body
    event = CalendarEvent.from_json(
        {"name": "Summer Sale", "description": "20% off all mugs", "date": "2026-07-15T00:00:00.000Z"}
    )
    assert event.id is None
    assert event.date == datetime(2026, 7, 15, tzinfo=UTC)
    assert not event.is_recurring
    assert not event.read_only
    assert event.to_json() == {
        "name": "Summer Sale",
        "description": "20% off all mugs",
        "date": "2026-07-15T00:00:00.000Z",
    }


def test_recurring_event_with_occurrences_and_read_only() -> None:
    event = CalendarEvent.from_json(
        {
            "id": "e1",
            "calendarId": "c1",
            "name": "Market day",
            "date": "2026-01-01T00:00:00Z",
            "readOnly": True,
            "recurringRule": {"frequency": "WEEKLY", "startDate": "2026-07-01T10:00:00Z", "interval": 2},
            "recurringOccurrences": [{"date": "2026-07-01T10:00:00Z"}, {"date": "2026-07-08T10:00:00Z"}, {}],
        }
    )
    assert event.is_recurring
    assert event.read_only
    assert event.calendar_id == "c1"
    assert event.recurring_rule is not None
    assert event.recurring_rule.frequency is RecurrenceFrequency.WEEKLY
    assert event.recurring_rule.end_date is None
    assert event.recurring_rule.raw["interval"] == 2
    assert event.occurrences == [datetime(2026, 7, 1, 10, tzinfo=UTC), datetime(2026, 7, 8, 10, tzinfo=UTC)]
    # writable fields only; the rule wins over the date
    assert event.to_json() == {
        "name": "Market day",
        "recurringRule": {"frequency": "WEEKLY", "startDate": "2026-07-01T10:00:00.000Z"},
    }


def test_new_event_built_in_code() -> None:
    rule = RecurringRule(RecurrenceFrequency.YEARLY, start_date=datetime(2026, 12, 24, tzinfo=UTC))
    event = CalendarEvent(name="Christmas", recurring_rule=rule)
    assert event.to_json() == {
        "name": "Christmas",
        "recurringRule": {"frequency": "YEARLY", "startDate": "2026-12-24T00:00:00.000Z"},
    }


# README S2 request example (its settings part) plus read-only fields a GET returns
SETTINGS_EXAMPLE = {
    "marketingPlanGoal": {"goalKey": "BOOST_SALES"},
    "marketingTools": ["SOCIAL_MARKETING"],
    "topics": {"included": ["handmade ceramics"], "excluded": ["politics"]},
    "toneOfVoice": "warm and playful",
    "pointOfView": "SECOND_PERSON",
    "socialChannels": ["INSTAGRAM", "FACEBOOK"],
    "frequency": {"interval": "WEEK", "count": 3},
    "businessProfile": {"valueProposition": "Mugs", "targetAudience": "Tea lovers"},
    "calendar": {"ids": ["cal-1"]},
    "language": "en",
    "businessLocation": {"country": "DE"},
}


def test_settings_parse_and_write_back() -> None:
    settings = Settings.from_json(SETTINGS_EXAMPLE)

    assert settings.goal_key is PlanGoal.BOOST_SALES
    assert settings.custom_goal is None
    assert settings.marketing_tools == [MarketingTool.SOCIAL_MARKETING]
    assert settings.social_channels == [Channel.INSTAGRAM, Channel.FACEBOOK]
    assert settings.point_of_view is PointOfView.SECOND_PERSON
    assert settings.frequency == Frequency(FrequencyInterval.WEEK, 3, {"interval": "WEEK", "count": 3})
    assert settings.topics_included == ["handmade ceramics"]
    assert settings.topics_excluded == ["politics"]
    assert settings.business_profile is not None
    assert settings.business_profile.business_goal is None
    assert settings.calendar_ids == ["cal-1"]
    assert settings.language == "en"
    assert settings.business_location == {"country": "DE"}

    wire = settings.to_json()
    read_only = {"language", "businessLocation"}
    assert wire == {k: v for k, v in SETTINGS_EXAMPLE.items() if k not in read_only}


def test_settings_never_saved_and_custom_goal() -> None:
    settings = Settings.from_json({"language": "en", "targetLocations": []})
    assert settings.goal_key is None
    assert settings.social_channels is None
    assert settings.frequency is None
    assert settings.to_json() == {}

    custom = Settings(custom_goal="Sell out the summer line", social_channels=["INSTAGRAM", "MASTODON"])
    assert custom.to_json() == {
        "marketingPlanGoal": {"customGoal": "Sell out the summer line"},
        "socialChannels": ["INSTAGRAM", "MASTODON"],
    }


def test_settings_tolerate_bad_types() -> None:
    settings = Settings.from_json(
        {"socialChannels": "INSTAGRAM", "frequency": {"interval": "FORTNIGHT", "count": "3"}, "topics": []}
    )
    assert settings.social_channels is None
    assert settings.frequency is not None
    assert settings.frequency.interval == "FORTNIGHT"
    assert settings.frequency.count == 3
    assert settings.topics_included is None


def test_marketing_settings_envelope() -> None:
    ms = MarketingSettings.from_json(
        {
            "id": "site-1",
            "createdAt": "2026-06-01T08:00:00Z",
            "updatedAt": "2026-06-02T08:00:00.123Z",
            "settings": SETTINGS_EXAMPLE,
            "overrides": {"socialMarketing": {"frequency": {"interval": "WEEK", "count": 3}}},
        }
    )
    assert ms.id == "site-1"
    assert ms.created_at == datetime(2026, 6, 1, 8, tzinfo=UTC)
    assert ms.updated_at == datetime(2026, 6, 2, 8, 0, 0, 123000, tzinfo=UTC)
    assert ms.settings.goal_key is PlanGoal.BOOST_SALES
    assert ms.overrides["socialMarketing"]["frequency"]["count"] == 3

    empty = MarketingSettings.from_json({})
    assert empty.id is None
    assert empty.settings.goal_key is None
    assert empty.overrides == {}


def test_options_and_accounts() -> None:
    goals = [GoalOption.from_json(o) for o in [{"planGoalKey": "DRIVE_TRAFFIC"}, {"planGoalKey": "GO_VIRAL"}]]
    assert [g.key for g in goals] == [PlanGoal.DRIVE_TRAFFIC, "GO_VIRAL"]
    assert PointOfViewOption.from_json({"pointOfView": "THIRD_PERSON"}).key is PointOfView.THIRD_PERSON
    option = CalendarOption.from_json({"id": "c1", "name": "Marketing calendar", "color": "blue"})
    assert (option.id, option.name, option.raw["color"]) == ("c1", "Marketing calendar", "blue")
    assert CalendarOption.from_json({"id": "c2"}).name is None
    account = Account.from_json({"id": "acc-1", "channelName": "INSTAGRAM", "instagram": {"username": "mugs"}})
    assert account.id == "acc-1"
    assert account.channel is Channel.INSTAGRAM
    assert account.raw["instagram"] == {"username": "mugs"}


def test_parse_enum() -> None:
    assert parse_enum(PlanStatus, "ACTIVE") is PlanStatus.ACTIVE
    assert parse_enum(PlanStatus, "SLEEPING") == "SLEEPING"
    assert parse_enum(PlanStatus, None) is None
    assert parse_enum(PlanStatus, 3) == "3"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-07-08T09:00:00Z", datetime(2026, 7, 8, 9, tzinfo=UTC)),
        ("2026-07-08T09:00:00.000Z", datetime(2026, 7, 8, 9, tzinfo=UTC)),
        ("2026-07-08T09:00:00.5z", datetime(2026, 7, 8, 9, 0, 0, 500000, tzinfo=UTC)),
        ("2026-07-08T11:00:00+02:00", datetime(2026, 7, 8, 9, tzinfo=UTC)),
        ("2026-07-08T09:00:00", datetime(2026, 7, 8, 9, tzinfo=UTC)),
        ("not a date", None),
        ("", None),
        (None, None),
        (1720000000, None),
    ],
)
def test_parse_datetime(text: object, expected: datetime | None) -> None:
    parsed = parse_datetime(text)
    assert parsed == expected
    if parsed is not None:
        assert parsed.utcoffset() == timedelta(0)


def test_format_datetime_is_utc_with_millis() -> None:
    berlin = timezone(timedelta(hours=2))
    assert format_datetime(datetime(2026, 7, 8, 11, 0, tzinfo=berlin)) == "2026-07-08T09:00:00.000Z"
    assert format_datetime(datetime(2026, 7, 8, 9, 0)) == "2026-07-08T09:00:00.000Z"
