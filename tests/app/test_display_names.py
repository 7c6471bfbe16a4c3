"""AppTest: the tables and texts a marketer reads use one display name per channel, activity type and status (never
the API's wire values), and one date format per kind; the API values stay in the frames behind them."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from lib.display import ACTIVITY_TYPE_NAMES, CHANNEL_NAMES, POST_TYPE_NAMES, STATUS_NAMES
from lib.wix.models import ActivityType, Channel, ItemStatus
from tests.app.conftest import as_shown, by_label, open_page, table
from tests.app.test_activity import open_activity, plan_activities, social_with_drafts

API_VALUES = {*Channel, *ItemStatus, *ActivityType, "POST", "STORY"}
DAY_TIME = r"\w{3} \d{1,2} \w{3} \d{4}, \d{2}:\d{2}"  # lib.display.DAY_TIME_FORMAT, e.g. "Wed 8 Jul 2026, 09:00"
STATUS_COUNTS = re.compile(rf"^(\d+ ({'|'.join(STATUS_NAMES.values())})( · |$))*$")


def test_the_posts_table_shows_channel_status_and_type_names(site_factory) -> None:
    site_factory("demo")
    at = open_page()
    posts = table(at, "posts_table")
    shown = as_shown(posts)
    assert list(shown.columns) == ["Date (UTC)", "Channel", "Status", "Type", "Caption", "Image", "Activity"]
    assert set(shown["Channel"]) <= set(CHANNEL_NAMES.values())
    assert {"Instagram", "Facebook", "LinkedIn"} <= set(shown["Channel"])
    assert set(shown["Status"]) <= set(STATUS_NAMES.values())
    assert set(shown["Type"]) <= set(POST_TYPE_NAMES.values())
    assert not set(shown[["Channel", "Status", "Type"]].stack()) & API_VALUES
    assert set(posts.value["channel"]) <= set(Channel), "the API values stay behind the table, for the filters"


def test_the_activities_table_shows_type_names_and_status_counts_by_name(site_factory) -> None:
    site_factory("demo")
    at = open_page()
    shown = as_shown(table(at, "activities_table"))
    assert list(shown.columns) == ["Date (UTC)", "Title", "Type", "Posts", "Post statuses", "Description"]
    assert set(shown["Type"]) <= set(ACTIVITY_TYPE_NAMES.values())
    assert "Social media" in set(shown["Type"])
    assert all(STATUS_COUNTS.match(counts) for counts in shown["Post statuses"]), list(shown["Post statuses"])
    assert any("Draft" in counts for counts in shown["Post statuses"])


def test_the_activity_view_names_type_channels_and_statuses_and_the_zone_once(site_factory) -> None:
    site = site_factory("demo")
    chosen = social_with_drafts(site, story=False)
    at = open_activity(chosen["marketingActivityId"])
    texts = [t.value for t in at.text]
    assert "Type: Social media" in texts
    assert re.fullmatch(rf"When: {DAY_TIME} \(UTC\)", next(t for t in texts if t.startswith("When: ")))
    channels = {CHANNEL_NAMES[i["channel"]["name"]] for i in chosen["items"]}
    assert {f"**{name}** · Post" for name in channels} <= {m.value for m in at.markdown}
    badges = [found[1] for m in at.markdown if (found := re.fullmatch(r":\w+-badge\[:material/\w+: (.+)\]", m.value))]
    assert badges and set(badges) <= set(STATUS_NAMES.values())
    publishes = [c.value for c in at.caption if c.value.startswith("Publishes ")]
    assert publishes and all(re.fullmatch(f"Publishes {DAY_TIME}", text) for text in publishes), publishes


def test_the_new_activity_form_offers_the_type_names(site_factory) -> None:
    site = site_factory("demo")
    assert plan_activities(site)
    at: AppTest = open_activity()
    assert by_label(at.selectbox, "Type").options == ["Social media", "Email", "Blog"]


def test_settings_name_channels_and_tools_as_the_rest_of_the_app(site_factory) -> None:
    site_factory("demo")
    at = open_page("pages/settings.py")
    assert "LinkedIn" in by_label(at.multiselect, "Social channels").options
    assert "Google Business Profile" in by_label(at.multiselect, "Social channels").options
    assert by_label(at.multiselect, "Marketing tools").options == ["Social media", "Blog", "Email"]
