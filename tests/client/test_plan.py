"""Marketing Plan V1 methods against the sandbox over HTTP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from lib.wix.client import WixClient
from lib.wix.errors import (
    InvalidArgumentError,
    NotFoundError,
    PlanAlreadyGeneratingError,
    PlanNotFoundError,
    PremiumFeatureMissingError,
)
from lib.wix.models import ActivityType, Channel, ItemStatus, PlanStatus, PostItem
from tests.client.conftest import ClientFactory, Sandbox, SandboxFactory, Sent


def test_generate_lifecycle_on_a_fresh_site(make_sandbox: SandboxFactory, make_client: ClientFactory) -> None:
    client = make_client(make_sandbox("fresh"))

    assert client.get_social_marketing_plan().status is PlanStatus.NEVER_CREATED
    with pytest.raises(PlanNotFoundError) as no_plan:
        client.regenerate_marketing_plan()
    assert no_plan.value.status == 428
    with pytest.raises(PlanNotFoundError):
        client.regenerate_marketing_plan_with_keyword_research()

    assert client.generate_marketing_plan() is PlanStatus.GENERATING
    with pytest.raises(PlanAlreadyGeneratingError) as busy:
        client.regenerate_marketing_plan()
    assert busy.value.code == "PLAN_ALREADY_GENERATING_ERROR"
    assert busy.value.user_message == "A plan is already generating. Wait for it to finish."
    with pytest.raises(PlanAlreadyGeneratingError):
        client.generate_marketing_plan()  # gap 8

    plan = client.get_social_marketing_plan()  # the sandbox finishes the generation on this read ("reads")
    assert plan.status is PlanStatus.ACTIVE
    assert plan.activities
    assert all(a.id and a.date is not None and a.date.tzinfo is not None for a in plan.activities)
    assert any(a.type is ActivityType.SOCIAL_MARKETING for a in plan.activities)
    drafts = [i for i in plan.items if i.is_draft]
    assert drafts
    assert all(isinstance(i.channel, Channel) and i.caption and i.image_url for i in drafts if not i.is_story)


def test_regenerate_variants_return_generating(sandbox: Sandbox, client: WixClient) -> None:
    assert client.regenerate_marketing_plan() is PlanStatus.GENERATING
    assert client.get_social_marketing_plan().status is PlanStatus.ACTIVE
    assert client.regenerate_marketing_plan_with_keyword_research() is PlanStatus.GENERATING
    # while generating, the keyword-research variant answers GENERATING again and starts nothing new
    assert client.regenerate_marketing_plan_with_keyword_research() is PlanStatus.GENERATING
    assert client.get_social_marketing_plan().status is PlanStatus.ACTIVE
    posts = sandbox.requests_to("/marketing-plan/regenerate-marketing-plan-with-keyword-research", "POST")
    assert len(posts) == 2


def test_timeframe_limits_activities(client: WixClient, sent: Sent) -> None:
    everything = client.get_social_marketing_plan()
    dates = sorted(a.date for a in everything.activities if a.date)
    start, end = dates[1], dates[3]

    window = client.get_social_marketing_plan(start, end)

    assert window.status is PlanStatus.ACTIVE
    assert {a.id for a in window.activities} == {
        a.id for a in everything.activities if a.date and start <= a.date <= end
    }
    params = sent.last("GET", "/marketing-plan").url.params
    assert params["timeframe.startDate"] == start.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    assert params["timeframe.endDate"] == end.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def test_generate_social_posts_then_poll_activity_posts(client: WixClient) -> None:
    plan = client.get_social_marketing_plan()
    later = next(a for a in plan.activities if a.type is ActivityType.SOCIAL_MARKETING and not a.items)

    assert client.generate_social_posts([later.id]) is None

    def posts_ready() -> list:
        (posts,) = client.get_marketing_activity_posts([later.id])
        assert posts.activity_id == later.id
        return posts.items

    items = posts_ready()  # the post job finishes on the read that asks for its activity
    assert all(i.is_draft for i in items)
    assert {i.channel for i in items} >= {Channel.FACEBOOK, Channel.INSTAGRAM}


def test_generate_social_posts_validation(client: WixClient) -> None:
    with pytest.raises(InvalidArgumentError) as empty:
        client.generate_social_posts([])
    assert empty.value.status == 400
    assert [v.field for v in empty.value.violations] == ["marketingActivityIds"]
    assert "marketingActivityIds" in empty.value.user_message
    with pytest.raises(InvalidArgumentError):
        client.generate_social_posts([f"id-{n}" for n in range(21)])
    with pytest.raises(NotFoundError) as unknown:
        client.generate_social_posts(["00000000-0000-0000-0000-000000000000"])
    assert unknown.value.status == 404


def test_schedule_drafts_partial_success(client: WixClient) -> None:
    connected = {a.channel for a in client.list_accounts()}
    activity = next(
        a
        for a in client.get_social_marketing_plan().activities
        if {i.channel in connected for i in a.items if i.is_draft} == {True, False}
    )
    drafts = [i for i in activity.items if i.is_draft]
    sent = [i.id for i in drafts]

    scheduled = client.schedule_drafts(sent)

    expected = {i.id for i in drafts if i.channel in connected}
    assert expected
    assert len(expected) < len(sent)  # some drafts belong to unconnected channels
    assert {s.id for s in scheduled} == expected
    assert all(s.status is ItemStatus.SCHEDULED for s in scheduled)
    after = {i.id: i for i in client.get_social_marketing_plan().items}
    for item_id in sent:
        if item_id in expected:
            assert after[item_id].status is ItemStatus.SCHEDULED
            assert after[item_id].scheduled_date == activity.date
        else:
            assert after[item_id].status is ItemStatus.DRAFT  # unconnected channel: skipped silently
    assert client.schedule_drafts(sent) == []  # no longer drafts: ignored silently


def test_schedule_drafts_without_premium(make_sandbox: SandboxFactory, make_client: ClientFactory) -> None:
    client = make_client(make_sandbox("no-premium"))
    draft = next(i for i in client.get_social_marketing_plan().items if i.is_draft)

    with pytest.raises(PremiumFeatureMissingError) as info:
        client.schedule_drafts([draft.id])
    assert info.value.status == 428
    assert info.value.code == "SCHEDULE_POSTS_PREMIUM_FEATURE_MISSING"
    assert info.value.user_message == (
        "The site has no scheduling premium feature, so posts cannot be scheduled. "
        "Upgrade the site's plan in Wix, then try again."
    )


def test_schedule_drafts_size_limit(client: WixClient) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        client.schedule_drafts([])
    assert [v.field for v in info.value.violations] == ["draftIds"]


def test_clear_posts_and_stories(client: WixClient) -> None:
    plan = client.get_social_marketing_plan()
    with_story = next(a for a in plan.activities if any(i.is_story and i.is_draft for i in a.items))
    other = next(a for a in plan.activities if a.id != with_story.id and any(i.is_draft for i in a.items))

    assert client.clear_marketing_activity_stories(with_story.id) is None
    (after_stories,) = client.get_marketing_activity_posts([with_story.id])
    assert not any(i.is_story and i.is_draft for i in after_stories.items)
    assert any(i.is_draft and not i.is_story for i in after_stories.items)

    assert client.clear_marketing_activity_posts(other.id) is None
    (after_posts,) = client.get_marketing_activity_posts([other.id])
    assert not any(i.is_draft for i in after_posts.items)
    kept = {i.id for i in other.items if not i.is_draft}
    assert {i.id for i in after_posts.items} == kept


def _drafts(client: WixClient, activity_id: str, *, stories: bool) -> dict[str, PostItem]:
    (posts,) = client.get_marketing_activity_posts([activity_id])
    assert posts.activity_id == activity_id
    return {i.id: i for i in posts.items if i.is_draft and i.is_story == stories}


def test_regenerate_activity_posts_media_and_stories(client: WixClient) -> None:
    plan = client.get_social_marketing_plan()
    activity = next(a for a in plan.activities if any(i.is_story and i.is_draft for i in a.items))
    old_posts = _drafts(client, activity.id, stories=False)
    old_stories = _drafts(client, activity.id, stories=True)
    assert old_posts and old_stories

    snapshot = client.regenerate_marketing_activity_posts(activity.id)
    assert snapshot.activity_id == activity.id
    assert {i.id for i in snapshot.items} >= set(old_posts)  # transient snapshot: the current items
    new_posts = _drafts(client, activity.id, stories=False)  # the job finishes on this read ("reads")
    assert new_posts and not new_posts.keys() & old_posts.keys()
    assert _drafts(client, activity.id, stories=True).keys() == old_stories.keys()  # stories untouched

    media = client.regenerate_marketing_activity_posts_media(activity.id)
    assert media.activity_id == activity.id
    old_images = {i.image_url for i in new_posts.values()}
    fresh = _drafts(client, activity.id, stories=False)
    assert fresh and not {i.image_url for i in fresh.values()} & old_images
    assert fresh.keys() == new_posts.keys()
    assert {k: i.caption for k, i in fresh.items()} == {k: i.caption for k, i in new_posts.items()}  # captions kept

    stories = client.regenerate_marketing_activity_stories(activity.id)
    assert stories.activity_id == activity.id
    assert any(i.is_story for i in stories.items)
    new_stories = _drafts(client, activity.id, stories=True)
    assert new_stories and not new_stories.keys() & old_stories.keys()
    assert _drafts(client, activity.id, stories=False).keys() == fresh.keys()


def test_delete_activity_and_plan(client: WixClient, sent: Sent) -> None:
    activity = client.get_social_marketing_plan().activities[-1]

    assert client.delete_plan_marketing_activity(activity.id) is None
    assert activity.id not in {a.id for a in client.get_social_marketing_plan().activities}
    assert sent.last("DELETE", "/marketing-plan/plan-marketing-activity").url.params["id"] == activity.id
    with pytest.raises(NotFoundError):
        client.delete_plan_marketing_activity(activity.id)

    assert client.delete_marketing_plan() is None
    plan = client.get_social_marketing_plan()
    assert plan.status is PlanStatus.NEVER_CREATED
    assert plan.activities == []


def test_list_accounts(client: WixClient) -> None:
    accounts = client.list_accounts()
    assert {a.channel for a in accounts} == {Channel.FACEBOOK, Channel.INSTAGRAM}
    assert all(a.id for a in accounts)
    instagram = client.list_accounts(Channel.INSTAGRAM)
    assert [a.channel for a in instagram] == [Channel.INSTAGRAM]
    assert client.list_accounts("LINKEDIN") == []


def test_plan_dates_are_utc(client: WixClient) -> None:
    plan = client.get_social_marketing_plan(datetime.now(UTC) - timedelta(days=30))
    assert all(a.date is not None and a.date.utcoffset() == timedelta(0) for a in plan.activities)
