"""The generic reader and writer of lib/wix/models.py keep the tolerance rules for every model."""

from __future__ import annotations

from dataclasses import field, fields
from datetime import UTC, datetime
from typing import Any

import pytest

from lib.wix.models import (
    Account,
    ActivityPosts,
    BusinessProfile,
    CalendarEvent,
    CalendarOption,
    Channel,
    Frequency,
    GoalOption,
    ItemStatus,
    MarketingActivity,
    MarketingPlan,
    MarketingSettings,
    MarketingTool,
    Media,
    PlanGoal,
    PointOfViewOption,
    PostItem,
    RecurringRule,
    ScheduledItem,
    Settings,
    _Model,
    _to_json,
    wire,
)

MODELS: list[type[Any]] = [
    Media,
    PostItem,
    MarketingActivity,
    MarketingPlan,
    ActivityPosts,
    ScheduledItem,
    RecurringRule,
    CalendarEvent,
    Frequency,
    BusinessProfile,
    Settings,
    MarketingSettings,
    GoalOption,
    PointOfViewOption,
    CalendarOption,
    Account,
]

# What a field reads as when its wire value is missing or unusable, where that is not None.
EMPTY: dict[tuple[type[Any], str], object] = {
    (PostItem, "id"): "",
    (PostItem, "media"): [],
    (MarketingActivity, "id"): "",
    (MarketingActivity, "items"): [],
    (MarketingPlan, "status"): "UNKNOWN",
    (MarketingPlan, "activities"): [],
    (ActivityPosts, "activity_id"): "",
    (ActivityPosts, "items"): [],
    (ScheduledItem, "id"): "",
    (CalendarEvent, "read_only"): False,
    (CalendarEvent, "occurrences"): [],
    (MarketingSettings, "settings"): Settings(),
    (MarketingSettings, "overrides"): {},
    (GoalOption, "key"): "",
    (PointOfViewOption, "key"): "",
    (CalendarOption, "id"): "",
}


def values(model: object) -> dict[str, object]:
    """A model's field values without ``raw``."""
    return {spec.name: getattr(model, spec.name) for spec in fields(model) if spec.name != "raw"}


def at_every_path(cls: type[Any], leaf: object) -> dict[str, Any]:
    """A wire object holding ``leaf`` at every key path the model reads (deepest first, so parents stay objects)."""
    paths = [p for spec in fields(cls) for p in spec.metadata.get("paths", ()) if all(isinstance(k, str) for k in p)]
    data: dict[str, Any] = {}
    for *parents, last in sorted(paths, key=len, reverse=True):
        target = data
        for key in parents:
            target = target.setdefault(key, {})
        target.setdefault(last, leaf)
    return data


@pytest.mark.parametrize("cls", MODELS)
def test_every_model_keeps_the_object_it_read_as_raw(cls: type[Any]) -> None:
    data = {"someFutureField": {"nested": [1, 2]}}
    model = cls.from_json(data)
    assert model.raw is data
    assert model.raw["someFutureField"] == {"nested": [1, 2]}


@pytest.mark.parametrize("cls", MODELS)
@pytest.mark.parametrize("junk", [None, "junk", 3, ["a"], True])
def test_anything_but_an_object_reads_as_an_empty_one(cls: type[Any], junk: object) -> None:
    model = cls.from_json(junk)
    assert model.raw == {}
    assert model == cls.from_json({})


@pytest.mark.parametrize("cls", MODELS)
def test_missing_fields_read_as_none_or_their_empty_value(cls: type[Any]) -> None:
    read = values(cls.from_json({}))
    assert read == {name: EMPTY.get((cls, name)) for name in read}


@pytest.mark.parametrize("cls", MODELS)
@pytest.mark.parametrize("wrong", [False, [], [None, "x", 1], {"unexpected": {"deeper": 1}}])
def test_wrongly_typed_values_never_raise(cls: type[Any], wrong: object) -> None:
    cls.from_json(at_every_path(cls, wrong))


@pytest.mark.parametrize("cls", MODELS)
def test_a_wrongly_typed_value_reads_as_missing(cls: type[Any]) -> None:
    # False fits no field (read_only is true only for True), at the top level or nested
    assert values(cls.from_json(at_every_path(cls, False))) == values(cls.from_json({}))


def test_wrongly_typed_nested_values_read_as_missing() -> None:
    settings = Settings.from_json({"marketingPlanGoal": "BOOST_SALES", "topics": ["a"], "calendar": {"ids": "c1"}})
    assert (settings.goal_key, settings.topics_included, settings.calendar_ids) == (None, None, None)
    item = PostItem.from_json({"channel": ["INSTAGRAM"], "instagramPost": {"caption": {}, "mediaWrapper": [{}]}})
    assert (item.channel, item.account_id, item.caption, item.media) == (None, None, None, [])
    assert PostItem.from_json({"channel": {"name": {}}, "xPost": {"mediaWrapper": {"media": [5]}}}).media == []
    event = CalendarEvent.from_json({"recurringRule": "WEEKLY", "recurringOccurrences": [{"date": 5}, "x"]})
    assert (event.recurring_rule, event.occurrences) == (None, [])


def test_numbers_read_as_text_and_text_as_integers() -> None:
    assert PostItem.from_json({"id": 42}).id == "42"
    assert Frequency.from_json({"count": "4"}).count == 4
    assert Frequency.from_json({"count": 2.0}).count == 2
    assert Frequency.from_json({"count": True}).count is None


def test_unknown_enum_values_stay_text_deep_in_lists() -> None:
    plan = MarketingPlan.from_json(
        {
            "marketingActivities": [
                {"items": [{"status": "DRAFT"}, {"status": "ARCHIVED", "channel": {"name": "THREADS"}}]},
            ]
        }
    )
    draft, archived = plan.items
    assert draft.status is ItemStatus.DRAFT
    assert (archived.status, archived.channel) == ("ARCHIVED", "THREADS")
    assert type(archived.status) is str and type(archived.channel) is str

    settings = Settings.from_json({"socialChannels": ["INSTAGRAM", None, "MASTODON"], "marketingTools": ["PODCASTS"]})
    assert settings.social_channels == [Channel.INSTAGRAM, "MASTODON"]
    assert settings.social_channels is not None and type(settings.social_channels[1]) is str
    assert settings.marketing_tools == ["PODCASTS"] and not isinstance(settings.marketing_tools[0], MarketingTool)
    assert settings.to_json() == {"socialChannels": ["INSTAGRAM", "MASTODON"], "marketingTools": ["PODCASTS"]}


def test_the_second_path_is_read_when_the_first_yields_nothing() -> None:
    both = MarketingActivity.from_json({"marketingActivityId": "plan-id", "id": "service-id"})
    assert both.id == "plan-id"
    assert MarketingActivity.from_json({"marketingActivityId": "", "id": "service-id"}).id == "service-id"
    assert ActivityPosts.from_json({"id": "service-id"}).activity_id == "service-id"
    dated = MarketingActivity.from_json({"date": None, "targetDate": "2026-07-08T09:00:00Z"})
    assert dated.date == datetime(2026, 7, 8, 9, tzinfo=UTC)


def test_only_writable_fields_are_written_and_a_goal_key_wins_over_a_custom_goal() -> None:
    event = CalendarEvent.from_json(
        {"id": "e1", "calendarId": "c1", "readOnly": True, "name": "Sale", "recurringOccurrences": [{"date": "x"}]}
    )
    assert event.to_json() == {"name": "Sale"}
    settings = Settings.from_json(
        {"marketingPlanGoal": {"goalKey": "BOOST_SALES", "customGoal": "Sell mugs"}, "language": "en"}
    )
    assert (settings.goal_key, settings.custom_goal) == (PlanGoal.BOOST_SALES, "Sell mugs")
    assert settings.to_json() == {"marketingPlanGoal": {"goalKey": "BOOST_SALES"}}


def test_what_is_written_reads_back_the_same() -> None:
    settings = Settings(
        custom_goal="Sell mugs",
        social_channels=[Channel.INSTAGRAM, "MASTODON"],
        frequency=Frequency("FORTNIGHT", 2),
        topics_excluded=["politics"],
        business_profile=BusinessProfile(target_audience="Tea lovers"),
        calendar_ids=["c1"],
    )
    wire_form = settings.to_json()
    assert Settings.from_json(wire_form).to_json() == wire_form
    assert values(Settings.from_json(wire_form)) == values(settings) | {
        "frequency": Frequency("FORTNIGHT", 2, {"interval": "FORTNIGHT", "count": 2}),
        "business_profile": BusinessProfile(target_audience="Tea lovers", raw={"targetAudience": "Tea lovers"}),
    }
    rule = RecurringRule("WEEKLY", datetime(2026, 7, 1, tzinfo=UTC), datetime(2026, 8, 1, tzinfo=UTC))
    event = CalendarEvent(name="Market", description="Weekly", recurring_rule=rule)
    assert CalendarEvent.from_json(event.to_json()).to_json() == event.to_json()


def test_declarations_the_codec_cannot_follow_are_refused() -> None:
    def locate(data: dict[str, Any]) -> dict[str, Any]:
        return data

    with pytest.raises(TypeError, match="first step"):

        class Nested(_Model):
            value: str | None = wire("outer", locate)

    class Located(_Model):
        value: str | None = wire(locate, "value")
        raw: dict[str, Any] = field(default_factory=dict)

    assert Located.from_json({"value": "v"}).value == "v"
    with pytest.raises(TypeError, match="only a path of keys"):
        _to_json(Located("v"))
