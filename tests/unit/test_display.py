"""Display names of API values and one-line excerpts."""

from __future__ import annotations

import pytest

from lib.display import channel_name, excerpt, status_name
from lib.wix.models import Channel, ItemStatus


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


def test_unknown_values_are_shown_as_sent_and_missing_ones_empty():
    assert channel_name("MASTODON") == "MASTODON"
    assert status_name("ARCHIVED") == "ARCHIVED"
    assert channel_name(None) == status_name(None) == ""


def test_an_excerpt_is_one_line_cut_at_a_word():
    assert excerpt("Fresh\n\nbread  today ") == "Fresh bread today"
    long = "word " * 40
    cut = excerpt(long)
    assert len(cut) <= 80 and cut.endswith("word…")
    assert excerpt("x" * 100, 10) == "x" * 9 + "…"
    assert excerpt(None) == ""
