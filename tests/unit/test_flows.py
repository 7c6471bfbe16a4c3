"""The sample flows: scheduling in batches with per-item outcomes, post polling, plan polling, settings and forms."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

import pytest

from lib.flows.more_posts import activities_without_posts, post_poll_step
from lib.flows.polling import is_plan_settled, poll_deadline_passed
from lib.flows.scheduling import Outcome, batches, drafts_to_schedule, plan_schedule, schedule_drafts
from lib.flows.settings_diff import changed_settings_paths, settings_upsert_payload
from lib.flows.validation import past_event_warning, validate_event, validate_settings
from lib.wix.errors import PremiumFeatureMissingError, WixTimeoutError
from lib.wix.models import ActivityPosts, MarketingActivity, PostItem, ScheduledItem


def item(item_id: str, channel: str = "INSTAGRAM", status: str = "DRAFT") -> PostItem:
    return PostItem.from_json(
        {"id": item_id, "channel": {"name": channel}, "type": "POST", "status": status, "instagramPost": {}}
    )


class FakeScheduler:
    """ScheduleDrafts as the reference describes it: only drafts of connected channels come back SCHEDULED."""

    def __init__(
        self,
        items: Sequence[PostItem],
        connected: set[str],
        fail_on_call: int | None = None,
        error: Exception | None = None,
        withheld: frozenset[str] = frozenset(),
    ) -> None:
        self.by_id = {i.id: i for i in items}
        self.connected = connected
        self.fail_on_call = fail_on_call
        self.error = error or PremiumFeatureMissingError("schedule posts premium feature missing", status=428)
        self.withheld = withheld
        self.calls: list[list[str]] = []

    def schedule_drafts(self, draft_ids: Sequence[str]) -> list[ScheduledItem]:
        self.calls.append(list(draft_ids))
        if len(self.calls) == self.fail_on_call:
            raise self.error
        out = []
        for draft_id in draft_ids:
            found = self.by_id.get(draft_id)
            if found is None or not found.is_draft or draft_id in self.withheld:
                continue
            if str(found.channel) in self.connected:
                out.append(
                    ScheduledItem.from_json({"id": draft_id, "status": "SCHEDULED", "channel": {"name": found.channel}})
                )
        return out


def outcome_of(outcome, item_id: str) -> Outcome:
    return {r.item_id: r.outcome for r in outcome.results}[item_id]


# --- drafts and batches ---------------------------------------------------------------------------------------


def test_drafts_to_schedule_keeps_drafts_once_in_order():
    items = [item("a"), item("b", status="SCHEDULED"), item("c"), item("a"), item("d", status="PUBLISHED")]
    assert [i.id for i in drafts_to_schedule(items)] == ["a", "c"]


def test_drafts_to_schedule_drops_unknown_status_and_missing_id():
    items = [item("a", status="QUEUED"), PostItem.from_json({"status": "DRAFT"}), item("b")]
    assert [i.id for i in drafts_to_schedule(items)] == ["b"]


def test_batches_split_by_twenty_keeping_order():
    ids = [f"id{n}" for n in range(45)]
    parts = batches(ids)
    assert [len(p) for p in parts] == [20, 20, 5]
    assert [i for p in parts for i in p] == ids
    assert batches(ids[:20]) == [ids[:20]]
    assert batches([]) == []
    assert batches(ids[:5], size=2) == [ids[0:2], ids[2:4], ids[4:5]]


def test_batches_reject_a_size_below_one():
    with pytest.raises(ValueError):
        batches(["a"], size=0)


# --- preview --------------------------------------------------------------------------------------------------


def test_plan_schedule_counts_before_the_call():
    items = [
        item("i1"),
        item("i2"),
        item("f1", "FACEBOOK"),
        item("t1", "TIKTOK"),
        item("t2", "TIKTOK"),
        item("l1", "LINKEDIN"),
        item("s1", status="SCHEDULED"),
        item("p1", "FACEBOOK", status="PUBLISHED"),
    ]
    preview = plan_schedule(items, {"INSTAGRAM", "FACEBOOK"})
    assert preview.will_schedule == 3
    assert preview.will_schedule_by_channel == {"INSTAGRAM": 2, "FACEBOOK": 1}
    assert preview.stay_draft_by_channel == {"TIKTOK": 2, "LINKEDIN": 1}
    assert preview.stay_draft == 3
    assert preview.ignored == 2
    assert preview.draft_ids == ["i1", "i2", "f1", "t1", "t2", "l1"]
    assert preview.calls == 1


def test_plan_schedule_groups_the_items_themselves():
    items = [item("i1"), item("l1", "LINKEDIN"), item("s1", status="SCHEDULED"), twitter_draft("x1")]
    preview = plan_schedule(items, {"INSTAGRAM", "TWITTER"}, date(2026, 11, 27))
    groups = (preview.will_schedule_items, preview.stay_draft_items, preview.held_back_items, preview.ignored_items)
    assert [[i.id for i in group] for group in groups] == [["i1"], ["l1"], ["x1"], ["s1"]]


def test_plan_schedule_counts_calls_per_twenty_drafts():
    items = [item(f"d{n}") for n in range(41)]
    assert plan_schedule(items, {"INSTAGRAM"}).calls == 3


def test_plan_schedule_with_unknown_channels_expects_every_draft():
    preview = plan_schedule([item("a", "TIKTOK"), item("b")], None)
    assert preview.will_schedule == 2
    assert preview.stay_draft_by_channel == {}


# --- schedule_drafts ------------------------------------------------------------------------------------------


def test_schedule_drafts_sends_only_drafts_in_batches_of_twenty_and_reports_each_item():
    instagram = [item(f"ig{n}") for n in range(45)]
    tiktok = [item(f"tt{n}", "TIKTOK") for n in range(5)]
    done = [item("s1", status="SCHEDULED"), item("p1", "FACEBOOK", status="PUBLISHED")]
    items = done[:1] + instagram + tiktok + done[1:]
    client = FakeScheduler(items, connected={"INSTAGRAM"})

    outcome = schedule_drafts(client, items, {"INSTAGRAM"})

    assert [len(c) for c in client.calls] == [20, 20, 10]
    sent = [i for c in client.calls for i in c]
    assert sent == [i.id for i in instagram + tiktok]
    assert outcome.calls == client.calls
    assert [r.item_id for r in outcome.results] == [i.id for i in items]
    assert outcome_of(outcome, "ig0") == Outcome.SCHEDULED
    assert outcome_of(outcome, "tt3") == Outcome.CHANNEL_NOT_CONNECTED
    assert outcome_of(outcome, "s1") == Outcome.IGNORED_NOT_DRAFT
    assert outcome_of(outcome, "p1") == Outcome.IGNORED_NOT_DRAFT
    assert outcome.counts == {
        Outcome.SCHEDULED: 45,
        Outcome.CHANNEL_NOT_CONNECTED: 5,
        Outcome.IGNORED_NOT_DRAFT: 2,
    }
    assert outcome.counts_by_channel == {
        "INSTAGRAM": {Outcome.SCHEDULED: 45, Outcome.IGNORED_NOT_DRAFT: 1},
        "TIKTOK": {Outcome.CHANNEL_NOT_CONNECTED: 5},
        "FACEBOOK": {Outcome.IGNORED_NOT_DRAFT: 1},
    }
    assert outcome.error is None
    assert outcome.not_attempted_ids == []
    assert outcome.summary == ("45 scheduled, 5 left as draft (channel not connected), 2 ignored (not a draft).")


def test_connected_draft_missing_from_the_response_is_reported_as_not_scheduled_by_wix():
    items = [item("a"), item("b"), item("c", "TIKTOK")]
    client = FakeScheduler(items, connected={"INSTAGRAM"}, withheld=frozenset({"b"}))

    outcome = schedule_drafts(client, items, {"INSTAGRAM"})

    assert [(r.item_id, r.outcome) for r in outcome.results] == [
        ("a", Outcome.SCHEDULED),
        ("b", Outcome.NOT_SCHEDULED_BY_WIX),
        ("c", Outcome.CHANNEL_NOT_CONNECTED),
    ]


def test_channel_connected_meanwhile_counts_as_scheduled_when_wix_returns_it():
    items = [item("t", "TIKTOK")]
    client = FakeScheduler(items, connected={"TIKTOK"})
    outcome = schedule_drafts(client, items, {"INSTAGRAM"})
    assert outcome.scheduled_ids == ["t"]


def test_failure_mid_way_keeps_done_batches_and_names_the_items_not_attempted():
    items = [item(f"d{n}") for n in range(50)] + [item("s", status="SCHEDULED")]
    client = FakeScheduler(items, connected={"INSTAGRAM"}, fail_on_call=2)

    outcome = schedule_drafts(client, items, {"INSTAGRAM"})

    assert len(client.calls) == 2  # stopped; no retry of the failed write, third batch never sent
    assert client.calls[1] == [f"d{n}" for n in range(20, 40)]
    assert outcome.scheduled_ids == [f"d{n}" for n in range(20)]
    assert outcome.ids(Outcome.REQUEST_FAILED) == [f"d{n}" for n in range(20, 40)]
    assert outcome.not_attempted_ids == [f"d{n}" for n in range(40, 50)]
    assert outcome_of(outcome, "s") == Outcome.IGNORED_NOT_DRAFT
    assert isinstance(outcome.error, PremiumFeatureMissingError)
    assert outcome.calls == client.calls


def test_failure_on_the_first_batch_schedules_nothing():
    items = [item(f"d{n}") for n in range(25)]
    client = FakeScheduler(items, connected={"INSTAGRAM"}, fail_on_call=1, error=WixTimeoutError("timed out"))

    outcome = schedule_drafts(client, items, {"INSTAGRAM"})

    assert len(client.calls) == 1
    assert outcome.counts == {Outcome.REQUEST_FAILED: 20, Outcome.NOT_ATTEMPTED: 5}
    assert isinstance(outcome.error, WixTimeoutError)


def test_a_bug_in_the_client_is_not_swallowed():
    class Broken:
        def schedule_drafts(self, draft_ids):
            raise KeyError("bug")

    with pytest.raises(KeyError):
        schedule_drafts(Broken(), [item("a")], {"INSTAGRAM"})


def test_no_drafts_means_no_call():
    client = FakeScheduler([], connected={"INSTAGRAM"})
    outcome = schedule_drafts(client, [item("s", status="SCHEDULED")], {"INSTAGRAM"})
    assert client.calls == []
    assert outcome.counts == {Outcome.IGNORED_NOT_DRAFT: 1}
    assert schedule_drafts(client, [], set()).summary == "Nothing to schedule."


def test_unknown_connected_channels_leave_missing_drafts_to_wix():
    items = [item("a"), item("t", "TIKTOK")]
    client = FakeScheduler(items, connected={"INSTAGRAM"})
    outcome = schedule_drafts(client, items, None)
    assert outcome_of(outcome, "a") == Outcome.SCHEDULED
    assert outcome_of(outcome, "t") == Outcome.NOT_SCHEDULED_BY_WIX


def test_ids_returned_but_never_sent_are_not_reported():
    class Chatty(FakeScheduler):
        def schedule_drafts(self, draft_ids):
            return [*super().schedule_drafts(draft_ids), ScheduledItem.from_json({"id": "zzz", "status": "SCHEDULED"})]

    items = [item("a")]
    outcome = schedule_drafts(Chatty(items, connected={"INSTAGRAM"}), items, {"INSTAGRAM"})
    assert [r.item_id for r in outcome.results] == ["a"]


# --- posts for activities -------------------------------------------------------------------------------------


def activity(activity_id: str, kind: str | None = "SOCIAL_MARKETING", items: int = 0) -> MarketingActivity:
    data: dict = {
        "marketingActivityId": activity_id,
        "date": "2026-12-10T09:00:00Z",
        "items": [{"id": f"{activity_id}-{n}", "status": "DRAFT"} for n in range(items)],
    }
    if kind is not None:
        data["marketingActivityType"] = kind
    return MarketingActivity.from_json(data)


def test_activities_without_posts_are_social_ones_with_no_items():
    activities = [
        activity("social-empty"),
        activity("social-full", items=2),
        activity("blog", "BLOG"),
        activity("email", "EMAIL_MARKETING"),
        activity("untyped", None),
    ]
    assert [a.id for a in activities_without_posts(activities)] == ["social-empty", "untyped"]


class FakePostsReader:
    def __init__(self, ready: dict[str, int]) -> None:
        self.ready = ready
        self.calls: list[list[str]] = []

    def get_marketing_activity_posts(self, activity_ids: Sequence[str]) -> list[ActivityPosts]:
        self.calls.append(list(activity_ids))
        return [
            ActivityPosts.from_json(
                {"marketingActivityId": a, "items": [{"id": f"{a}-{n}", "status": "DRAFT"} for n in range(count)]}
            )
            for a, count in self.ready.items()
            if a in activity_ids
        ]


def test_post_poll_step_makes_one_call_and_splits_ready_from_waiting():
    reader = FakePostsReader({"a1": 2, "a2": 0})
    result = post_poll_step(reader, ["a1", "a2", "a3"])
    assert reader.calls == [["a1", "a2", "a3"]]
    assert list(result.ready) == ["a1"]
    assert [p.id for p in result.ready["a1"]] == ["a1-0", "a1-1"]
    assert result.waiting == ["a2", "a3"]
    assert not result.done


def test_post_poll_step_without_ids_makes_no_call():
    reader = FakePostsReader({})
    result = post_poll_step(reader, [])
    assert reader.calls == []
    assert result.done


def test_post_poll_step_reads_at_most_one_hundred_ids():
    ids = [f"a{n}" for n in range(150)]
    reader = FakePostsReader(dict.fromkeys(ids, 1))
    first = post_poll_step(reader, ids)
    assert reader.calls == [ids[:100]]
    assert first.waiting == ids[100:]
    second = post_poll_step(reader, first.waiting)
    assert reader.calls[1] == ids[100:]
    assert second.done


# --- plan polling ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "settled"),
    [
        ("ACTIVE", True),
        ("FAILED", True),
        ("INACTIVE", True),
        ("NEVER_CREATED", True),
        ("GENERATING", False),
        ("SOMETHING_NEW", False),
        (None, False),
    ],
)
def test_is_plan_settled(status, settled):
    assert is_plan_settled(status) is settled


def test_poll_deadline_with_datetimes_and_clock_seconds():
    start = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    assert not poll_deadline_passed(start, start + timedelta(minutes=14, seconds=59), 900)
    assert poll_deadline_passed(start, start + timedelta(minutes=15), 900)
    assert poll_deadline_passed(100.0, 106.0, 5)
    assert not poll_deadline_passed(100.0, 104.0, 5)


# --- settings -------------------------------------------------------------------------------------------------

BEFORE = {
    "settings": {
        "marketingPlanGoal": {"goalKey": "BOOST_SALES"},
        "socialChannels": ["INSTAGRAM", "FACEBOOK"],
        "toneOfVoice": "warm",
        "topics": {"included": ["mugs"], "excluded": []},
        "language": "en",
        "businessLocation": {"country": "US"},
    },
    "overrides": {"socialMarketing": {"frequency": {"interval": "WEEK", "count": 3}}},
}


def test_changed_settings_paths_lists_exactly_the_changed_fields():
    after = {
        "settings": {
            "marketingPlanGoal": {"goalKey": "DRIVE_TRAFFIC"},
            "socialChannels": ["FACEBOOK", "INSTAGRAM"],  # same set, other order: unchanged
            "toneOfVoice": "warm",
            "topics": {"included": ["mugs", "bowls"], "excluded": []},
            "frequency": {"interval": "WEEK", "count": 4},
            "language": "fr",  # read-only
            "businessLocation": {"country": "FR"},  # read-only
            "targetLocations": ["FR"],  # read-only
        },
        "overrides": {"socialMarketing": {"frequency": {"interval": "WEEK", "count": 5}}},
    }
    assert changed_settings_paths(BEFORE, after) == [
        "settings.marketingPlanGoal",
        "settings.topics",
        "settings.frequency",
        "overrides.socialMarketing.frequency",
    ]


def test_unchanged_settings_give_an_empty_mask():
    assert changed_settings_paths(BEFORE, BEFORE) == []


def test_empty_values_are_alike_and_a_cleared_field_is_a_change():
    after = {
        "settings": {**BEFORE["settings"], "toneOfVoice": None, "imageGuidelines": "", "calendar": {"ids": []}},
        "overrides": {"socialMarketing": {"frequency": {"interval": "WEEK", "count": 3}}, "blogs": {}},
    }
    assert changed_settings_paths(BEFORE, after) == ["settings.toneOfVoice"]


def test_removed_override_is_a_change():
    after = {"settings": BEFORE["settings"], "overrides": {}}
    assert changed_settings_paths(BEFORE, after) == ["overrides.socialMarketing.frequency"]


def test_upsert_payload_holds_every_masked_path_even_when_cleared():
    after = {
        "settings": {"toneOfVoice": "bold", "socialChannels": ["INSTAGRAM"], "language": "en"},
        "overrides": {"socialMarketing": {"frequency": {"interval": "WEEK", "count": 2}}},
    }
    paths = ["settings.toneOfVoice", "settings.imageGuidelines", "overrides.socialMarketing.frequency"]
    settings, overrides = settings_upsert_payload(after, paths)
    assert settings == {"toneOfVoice": "bold", "imageGuidelines": None}
    assert overrides == {"socialMarketing": {"frequency": {"interval": "WEEK", "count": 2}}}
    assert settings_upsert_payload(after, ["settings.toneOfVoice"]) == ({"toneOfVoice": "bold"}, None)


def test_valid_settings_have_no_problems():
    settings = {
        "marketingTools": ["SOCIAL_MARKETING"],
        "socialChannels": ["INSTAGRAM"],
        "frequency": {"interval": "WEEK", "count": 30},
        "toneOfVoice": "x" * 3000,
        "topics": {"included": ["t" * 100] * 20, "excluded": ["politics"]},
    }
    assert validate_settings(settings, {"blogs": {"frequency": {"interval": "MONTH", "count": 1}}}) == {}


def test_settings_problems_are_named_per_field():
    settings = {
        "marketingTools": ["SOCIAL_MARKETING", "BLOGS"],
        "socialChannels": [],
        "frequency": {"interval": "WEEK", "count": 31},
        "customContentGuidelines": "g" * 3001,
        "businessProfile": {"targetAudience": "a" * 3500},
        "marketingPlanGoal": {"customGoal": "c" * 3001},
        "topics": {"included": [f"topic {n}" for n in range(21)], "excluded": ["x" * 101, "Topic 3"]},
    }
    errors = validate_settings(settings, {"socialMarketing": {"frequency": {"interval": "WEEK", "count": 0}}})
    assert set(errors) == {
        "frequency",
        "socialChannels",
        "customContentGuidelines",
        "businessProfile.targetAudience",
        "marketingPlanGoal.customGoal",
        "topics.included",
        "topics.excluded",
        "topics",
        "overrides.socialMarketing.frequency",
    }
    assert errors["frequency"] == "The content frequency must be a whole number from 1 to 30 per week; it is 31."
    assert "social channel" in errors["socialChannels"]
    assert errors["businessProfile.targetAudience"] == (
        "The target audience is 3,500 characters long; keep it to 3,000 or fewer."
    )
    assert "21" in errors["topics.included"]
    assert "101" in errors["topics.excluded"]
    assert "Topic 3" in errors["topics"]
    assert "social posts" in errors["overrides.socialMarketing.frequency"]


def test_frequency_needs_a_known_interval_and_a_whole_count():
    assert "week, month or year" in validate_settings({"frequency": {"interval": "DAY", "count": 2}})["frequency"]
    assert "it is 2.5" in validate_settings({"frequency": {"interval": "MONTH", "count": 2.5}})["frequency"]
    assert "it is empty" in validate_settings({"frequency": {"interval": "YEAR"}})["frequency"]


def test_no_channels_is_fine_without_social_marketing():
    assert validate_settings({"marketingTools": ["BLOGS"], "socialChannels": []}) == {}


# --- events ---------------------------------------------------------------------------------------------------


def test_valid_events():
    assert validate_event("Summer Sale", "20% off", date(2026, 7, 15), None, None) == {}
    assert validate_event("Market day", "", None, "WEEKLY", date(2026, 12, 5)) == {}


def test_event_problems():
    errors = validate_event("  ", "d" * 3001, None, None, None)
    assert errors == {
        "name": "Give the event a name.",
        "description": "The description is 3,001 characters long; keep it to 3,000 or fewer.",
        "date": "Pick a date, or make the event recurring.",
    }
    assert "3,001" in validate_event("n" * 3001, None, date(2026, 1, 1), None, None)["name"]


def test_recurring_event_needs_a_known_frequency_and_a_first_date():
    errors = validate_event("Standup", None, None, "DAILY", None)
    assert set(errors) == {"rule_frequency", "rule_start"}


def test_until_before_starting_is_refused_in_words():
    errors = validate_event("Market day", None, None, "WEEKLY", date(2026, 12, 5), date(2026, 12, 4))
    assert errors == {
        "rule_end": "“Until” (Fri 4 Dec 2026) is before “Starting” (Sat 5 Dec 2026): "
        "pick an end on or after the start, or leave it empty."
    }
    assert validate_event("Market day", None, None, "WEEKLY", date(2026, 12, 5), date(2026, 12, 5)) == {}


TODAY = date(2026, 11, 27)


def test_a_new_event_in_the_past_is_refused_with_the_reason():
    errors = validate_event("Old sale", None, date(2020, 12, 1), None, None, today=TODAY)
    assert errors == {
        "date": "Tue 1 Dec 2020 has passed: pick today or a later day (the plan covers today to the end of next month)."
    }
    assert set(validate_event("Old market", None, None, "WEEKLY", date(2026, 11, 26), today=TODAY)) == {"rule_start"}
    assert validate_event("Sale today", None, TODAY, None, None, today=TODAY) == {}


def test_an_edited_event_keeps_its_past_day_but_cannot_move_to_another_past_day():
    kept = validate_event("Old sale", None, date(2020, 12, 1), None, None, today=TODAY, kept_day=date(2020, 12, 1))
    assert kept == {}
    moved = validate_event("Old sale", None, date(2020, 12, 2), None, None, today=TODAY, kept_day=date(2020, 12, 1))
    assert set(moved) == {"date"}


def test_past_event_warning_names_the_day_and_why_it_matters():
    assert past_event_warning(date(2020, 12, 1), None, TODAY) == (
        "This event was on Tue 1 Dec 2020, which has passed: the plan covers today to the end of next month, "
        "so it does not plan around it."
    )
    assert "ended on Sun 1 Nov 2026" in past_event_warning(None, date(2026, 11, 1), TODAY)
    assert past_event_warning(TODAY, None, TODAY) is None
    assert past_event_warning(None, None, TODAY) is None  # a recurring event without an end goes on


def twitter_draft(item_id: str, scheduled: str | None = None) -> PostItem:
    data = {"id": item_id, "channel": {"name": "TWITTER"}, "type": "POST", "status": "DRAFT", "twitterPost": {}}
    return PostItem.from_json(data | ({"scheduledDate": scheduled} if scheduled else {}))


def test_x_drafts_after_the_sunset_are_held_back_and_never_sent():
    items = [twitter_draft("x1"), twitter_draft("x2", "2026-12-03T10:00:00Z"), item("i1")]
    today = date(2026, 11, 27)  # after X_SUNSET: X takes no posts any more
    preview = plan_schedule(items, {"INSTAGRAM", "TWITTER"}, today)
    assert (preview.will_schedule, preview.held_back_x, preview.draft_ids) == (1, 2, ["i1"])
    client = FakeScheduler(items, connected={"INSTAGRAM", "TWITTER"})
    outcome = schedule_drafts(client, items, {"INSTAGRAM", "TWITTER"}, today)
    assert client.calls == [["i1"]]
    assert outcome.ids(Outcome.HELD_BACK_X_SUNSET) == ["x1", "x2"]
    assert outcome.scheduled_ids == ["i1"]
    assert [r.item for r in outcome.results] == items  # each result carries its post (time, channel, caption)


def test_x_drafts_dated_before_the_sunset_are_scheduled():
    items = [twitter_draft("x1", "2026-07-30T10:00:00Z"), twitter_draft("x2", "2026-08-01T10:00:00Z")]
    preview = plan_schedule(items, {"TWITTER"}, date(2026, 7, 1))
    assert (preview.draft_ids, preview.held_back_x) == (["x1"], 1)
    assert plan_schedule(items, {"TWITTER"}, date(2026, 8, 1)).held_back_x == 2  # a date already past moves to today
