"""Marketing Settings V1 methods against the sandbox over HTTP."""

from __future__ import annotations

import pytest

from lib.wix.client import WixClient
from lib.wix.errors import FailedPreconditionError, InvalidArgumentError
from lib.wix.models import (
    Channel,
    Frequency,
    FrequencyInterval,
    MarketingTool,
    PlanGoal,
    PointOfView,
    Settings,
)
from tests.client.conftest import ClientFactory, SandboxFactory, Sent


def test_never_saved_settings_hold_only_read_only_fields(
    make_sandbox: SandboxFactory, make_client: ClientFactory
) -> None:
    client = make_client(make_sandbox("fresh"))
    saved = client.get_marketing_settings()

    assert saved.id
    assert saved.settings.language == "en"
    assert saved.settings.business_location is not None
    assert saved.settings.goal_key is None
    assert saved.settings.social_channels is None
    assert saved.overrides == {}


def test_upsert_writes_only_the_masked_paths(client: WixClient, sent: Sent) -> None:
    before = client.get_marketing_settings().settings
    assert before.tone_of_voice == "warm and playful"

    wire = {
        "marketingPlanGoal": {"goalKey": "COLLECT_LEADS"},
        "topics": {"included": ["raku firing"], "excluded": []},
        "toneOfVoice": "ignored: not in the mask",
        "pointOfView": "THIRD_PERSON",
    }
    overrides = {"socialMarketing": {"frequency": {"interval": "MONTH", "count": 8}}}
    result = client.upsert_marketing_settings(
        wire, ["settings.marketingPlanGoal", "topics", "pointOfView", "overrides.socialMarketing.frequency"], overrides
    )

    assert sent.body("POST", "/marketing-settings") == {
        "marketingSettings": {"settings": wire, "overrides": overrides},
        "fieldMask": [
            "settings.marketingPlanGoal",
            "settings.topics",
            "settings.pointOfView",
            "overrides.socialMarketing.frequency",
        ],
    }
    assert result.settings.goal_key is PlanGoal.COLLECT_LEADS
    assert result.settings.topics_included == ["raku firing"]
    assert result.settings.point_of_view is PointOfView.THIRD_PERSON
    assert result.settings.tone_of_voice == "warm and playful"  # not masked: unchanged
    assert result.settings.social_channels == before.social_channels
    assert result.overrides["socialMarketing"] == overrides["socialMarketing"]
    assert result.updated_at is not None

    again = client.get_marketing_settings()
    assert again.settings.goal_key is PlanGoal.COLLECT_LEADS
    assert again.overrides["socialMarketing"] == overrides["socialMarketing"]


def test_upsert_accepts_a_settings_object(client: WixClient) -> None:
    settings = Settings(
        social_channels=[Channel.INSTAGRAM],
        marketing_tools=[MarketingTool.SOCIAL_MARKETING],
        frequency=Frequency(FrequencyInterval.WEEK, 5),
    )
    result = client.upsert_marketing_settings(settings, ["socialChannels", "marketingTools", "frequency"])
    assert result.settings.social_channels == [Channel.INSTAGRAM]
    assert result.settings.frequency is not None
    assert (result.settings.frequency.interval, result.settings.frequency.count) == (FrequencyInterval.WEEK, 5)


def test_masked_null_clears_a_field(client: WixClient) -> None:
    result = client.upsert_marketing_settings({"toneOfVoice": None}, ["settings.toneOfVoice"])
    assert result.settings.tone_of_voice is None


def test_mask_path_missing_from_body(client: WixClient) -> None:
    with pytest.raises(FailedPreconditionError) as info:
        client.upsert_marketing_settings({"toneOfVoice": "calm"}, ["settings.toneOfVoice", "settings.topics"])
    assert info.value.status == 428
    assert info.value.code == "INVALID_FIELD_MASK_ERROR"
    assert info.value.user_message == (
        "Some settings were marked for saving but were not sent. Reload the settings and save again."
    )


def test_upsert_validation(client: WixClient) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        client.upsert_marketing_settings({"frequency": {"interval": "WEEK", "count": 31}}, ["frequency"])
    assert info.value.violations
    assert any("frequency" in (v.field or "") for v in info.value.violations)


def test_defaults(client: WixClient, sent: Sent) -> None:
    everything = client.get_marketing_settings_defaults()
    assert everything.goal_key is not None
    assert everything.social_channels
    assert everything.frequency is not None
    assert everything.calendar_ids

    some = client.get_marketing_settings_defaults(["socialChannels", "frequency"])
    assert sent.last("GET", "/marketing-settings/defaults").url.params.get_list("fieldMask") == [
        "socialChannels",
        "frequency",
    ]
    assert some.social_channels == everything.social_channels
    assert some.frequency == everything.frequency
    assert some.goal_key is None
    assert some.calendar_ids is None

    with pytest.raises(InvalidArgumentError) as info:
        client.get_marketing_settings_defaults(["toneOfVoice"])
    assert [v.field for v in info.value.violations] == ["fieldMask"]


def test_options(client: WixClient) -> None:
    assert [o.key for o in client.get_plan_goal_options()] == list(PlanGoal)
    assert [o.key for o in client.get_point_of_view_options()] == list(PointOfView)
    calendars = client.get_calendar_options()
    assert calendars
    assert all(c.id and c.name for c in calendars)
    defaults = client.get_marketing_settings_defaults(["calendar"])
    assert set(defaults.calendar_ids or []) <= {c.id for c in calendars}
