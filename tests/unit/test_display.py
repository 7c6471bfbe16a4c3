"""Display names of API values, the one date format per kind, and one-line excerpts."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from lib.display import (
    DAY_COLUMN_FORMAT,
    DAY_FORMAT,
    DAY_TIME_COLUMN_FORMAT,
    DAY_TIME_FORMAT,
    activity_type_name,
    channel_name,
    excerpt,
    format_day,
    format_day_time,
    format_week,
    outcome_name,
    plan_status_name,
    post_type_name,
    status_name,
    tool_name,
    zone_note,
)
from lib.wix.models import ActivityType, Channel, ItemStatus, MarketingTool, PlanStatus


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ("INSTAGRAM", "Instagram"),
        ("FACEBOOK", "Facebook"),
        ("LINKEDIN", "LinkedIn"),
        ("TWITTER", "X"),
        ("PINTEREST", "Pinterest"),
        ("YOUTUBE", "YouTube"),
        ("GBP", "Google Business Profile"),
        (Channel.TIKTOK, "TikTok"),
    ],
)
def test_each_channel_has_one_display_name(value, name):
    assert channel_name(value) == name


def test_every_known_channel_and_status_is_named():
    assert all(channel_name(c) != c.value for c in Channel)
    assert [status_name(s) for s in ItemStatus] == ["Draft", "Scheduled", "Published"]


def test_activity_types_tools_and_post_types_have_one_name_each():
    assert [activity_type_name(t) for t in ActivityType] == ["Other", "Social media", "Email", "Blog"]
    assert [tool_name(t) for t in MarketingTool] == ["Social media", "Blog", "Email"]  # named like the types
    assert (post_type_name("POST"), post_type_name("STORY")) == ("Post", "Story")


def test_plan_statuses_and_audit_outcomes_are_named():
    assert all(plan_status_name(s) != s.value for s in PlanStatus)
    assert plan_status_name(PlanStatus.ACTIVE) == "Active"
    assert [outcome_name(o) for o in ("ok", "error", "pending")] == ["Done", "Failed", "Pending"]


def test_unknown_values_are_shown_as_sent_and_missing_ones_empty():
    assert channel_name("MASTODON") == "MASTODON"
    assert status_name("ARCHIVED") == "ARCHIVED"
    assert activity_type_name("PODCAST_EPISODE") == "PODCAST_EPISODE"
    assert plan_status_name("PAUSED_BY_WIX") == "PAUSED_BY_WIX"
    assert channel_name(None) == status_name(None) == activity_type_name(None) == post_type_name(None) == ""


def test_one_date_format_per_kind():
    assert format_day(date(2026, 7, 8)) == "Wed 8 Jul 2026"  # no leading zero
    assert format_day(date(2026, 12, 25)) == "Fri 25 Dec 2026"
    assert format_week(date(2026, 7, 6)) == "Week of Mon 6 Jul 2026"
    moment = datetime(2026, 7, 8, 23, 30, tzinfo=UTC)
    assert format_day_time(moment, "Asia/Tokyo") == "Thu 9 Jul 2026, 08:30"  # the viewer's wall clock, east
    assert format_day_time(moment, "America/Los_Angeles") == "Wed 8 Jul 2026, 16:30"  # and west of UTC
    assert zone_note("Europe/Berlin") == "Times in Europe/Berlin."


def test_an_excerpt_is_one_line_cut_at_a_word():
    assert excerpt("Fresh\n\nbread  today ") == "Fresh bread today"
    long = "word " * 40
    cut = excerpt(long)
    assert len(cut) <= 80 and cut.endswith("word…")
    assert excerpt("x" * 100, 10) == "x" * 9 + "…"
    assert excerpt(None) == ""


MOMENT_TOKENS = {"ddd": "%a", "D": "%-d", "MMM": "%b", "YYYY": "%Y", "HH": "%H", "mm": "%M"}


@pytest.mark.parametrize(
    ("column", "text"), [(DAY_COLUMN_FORMAT, DAY_FORMAT), (DAY_TIME_COLUMN_FORMAT, DAY_TIME_FORMAT)]
)
def test_table_columns_and_text_read_the_same(column, text):
    """The moment.js form (date columns) says what the strftime form (text) says, token for token."""
    assert re.sub(r"ddd|MMM|YYYY|HH|mm|D", lambda token: MOMENT_TOKENS[token.group()], column) == text
