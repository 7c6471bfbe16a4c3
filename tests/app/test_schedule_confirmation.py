"""AppTest: the schedule confirmation lists the posts by what will happen to them, and so does the result."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from lib.display import channel_name, excerpt
from lib.wix.models import PostItem
from tests.app.conftest import Site, by_label, open_page, pick_rows, table

CONNECTED = ("FACEBOOK", "INSTAGRAM")  # the demo site's connected channels


def plan_items(site: Site) -> list[dict]:
    with site.api() as api:
        plan = api.get("/marketing-plan").json()
    return [item for activity in plan["marketingActivities"] for item in activity.get("items", [])]


def drafts_of(site: Site) -> tuple[list[dict], list[dict]]:
    """The site's drafts whose channel is connected, and the others."""
    drafts = [item for item in plan_items(site) if item["status"] == "DRAFT"]
    connected = [item for item in drafts if item["channel"]["name"] in CONNECTED]
    return connected, [item for item in drafts if item not in connected]


def caption_of(item: dict) -> str:
    return excerpt(PostItem.from_json(item).caption)


def shown_frames(at: AppTest) -> list[pd.DataFrame]:
    """Every table on screen but the two selectable ones (activities, posts)."""
    return [f.value for f in at.dataframe if not (f.key or "").startswith(("activities_table", "posts_table"))]


def assert_no_ids(at: AppTest, items: list[dict]) -> None:
    text = " ".join(frame.to_string() for frame in shown_frames(at)) + " ".join(m.value for m in at.markdown)
    assert not [item["id"] for item in items if item["id"] in text]


def test_the_dialog_lists_each_group_with_times_channels_and_captions(site_factory) -> None:
    site = site_factory("demo")
    connected, others = drafts_of(site)
    assert connected and others
    at = open_page()
    by_label(at.button, f"Schedule all {len(connected)} drafts in view").click().run()
    assert any(f"{len(connected)} draft(s) will be scheduled" in m.value for m in at.markdown)
    warning = next(w.value for w in at.warning if "channel not connected" in w.value)
    assert f"{len(others)} draft(s) stay drafts" in warning
    assert "Wix dashboard → Marketing → Social media" in warning
    assert "LinkedIn" in warning
    will, stay = shown_frames(at)
    assert list(will.columns) == ["Date and time (UTC)", "Channel", "Caption"]
    assert len(will) == len(connected) and len(stay) == len(others)
    assert set(will["Channel"]) <= {channel_name(c) for c in CONNECTED}
    assert set(stay["Channel"]) == {channel_name(item["channel"]["name"]) for item in others}
    assert sorted(will["Caption"]) == sorted(caption_of(item) for item in connected)
    assert will["Date and time (UTC)"].str.match(r"\w{3} \d{1,2} \w{3} \d{4}, \d{2}:\d{2}$").all()
    assert_no_ids(at, connected + others)
    by_label(at.button, f"Schedule {len(connected)} draft(s)")


def test_the_result_lists_each_post_with_its_result(site_factory) -> None:
    site = site_factory("demo")
    connected, others = drafts_of(site)
    at = open_page()
    by_label(at.button, f"Schedule all {len(connected)} drafts in view").click().run()
    by_label(at.button, f"Schedule {len(connected)} draft(s)").click().run()
    assert any("Scheduling done" in s.value for s in at.success)
    (details,) = shown_frames(at)
    assert list(details.columns) == ["Result", "Date and time (UTC)", "Channel", "Caption"]
    counts = details["Result"].value_counts().to_dict()
    assert counts == {"Scheduled": len(connected), "Stays a draft: channel not connected": len(others)}
    assert list(details["Result"]) == sorted(details["Result"], key=["Scheduled"].count, reverse=True)
    assert sorted(details["Caption"]) == sorted(caption_of(item) for item in connected + others)
    assert_no_ids(at, connected + others)


def test_schedule_all_counts_only_drafts_that_can_be_scheduled_and_says_why(site_factory) -> None:
    site = site_factory("demo")
    connected, others = drafts_of(site)
    at = open_page()
    by_label(at.button, f"Schedule all {len(connected)} drafts in view")
    note = f"{len(others)} draft(s) in view stay drafts: LinkedIn is not connected."
    assert note in [c.value for c in at.caption]


def test_items_that_are_not_drafts_are_listed_as_ignored(site_factory) -> None:
    site_factory("demo")
    at = open_page()
    posts = table(at, "posts_table").value.reset_index(drop=True)
    scheduled = posts.index[posts["status"] == "SCHEDULED"][0]
    draft = posts.index[(posts["status"] == "DRAFT") & posts["channel"].isin(CONNECTED)][0]
    pick_rows(at, "posts_table", [int(scheduled), int(draft)])
    by_label(at.button, "Schedule 2 selected").click().run()
    assert any("1 selected item(s) are not drafts" in i.value for i in at.info)
    will, ignored = shown_frames(at)
    assert list(will["Caption"]) == [excerpt(posts.loc[draft, "caption"])]
    assert list(ignored["Status"]) == ["Scheduled"]
    assert list(ignored["Caption"]) == [excerpt(posts.loc[scheduled, "caption"])]
    by_label(at.button, "Schedule 1 draft(s)")


def test_x_drafts_after_the_sunset_are_listed_as_held_back(site_factory) -> None:
    site = site_factory("fresh", progression="reads")
    with site.api() as api:
        api.put(f"{site.base_url}/_sandbox/sites/{site.site_id}/channels", json={"connected": ["FACEBOOK", "TWITTER"]})
        settings = {"settings": {"socialChannels": ["FACEBOOK", "TWITTER"]}}
        api.post("/marketing-settings", json={"marketingSettings": settings, "fieldMask": ["settings.socialChannels"]})
        api.post("/marketing-plan/generate-marketing-plan").raise_for_status()
    at = open_page()  # its plan read finishes the generation
    assert len(at.dataframe) == 2
    drafts = [item for item in plan_items(site) if item["status"] == "DRAFT"]
    x_drafts = [item for item in drafts if item["channel"]["name"] == "TWITTER"]
    label = f"Schedule all {len(drafts) - len(x_drafts)} drafts in view"
    assert f"{len(x_drafts)} draft(s) in view stay drafts: {len(x_drafts)} X draft(s) held back" in " ".join(
        c.value for c in at.caption
    )
    by_label(at.button, label).click().run()
    assert any("held back: X/Twitter after the X sunset" in w.value for w in at.warning)
    _, held = shown_frames(at)
    assert set(held["Channel"]) == {"X"} and len(held) == len(x_drafts)
    by_label(at.button, f"Schedule {len(drafts) - len(x_drafts)} draft(s)").click().run()
    (details,) = shown_frames(at)
    held_rows = details[details["Result"] == "Held back: X/Twitter after the X sunset"]
    assert sorted(held_rows["Caption"]) == sorted(caption_of(item) for item in x_drafts)
    assert_no_ids(at, drafts)
