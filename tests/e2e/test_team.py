"""Team features in headless Chromium: the Activity view reached from the Plan view (edit, post cards, new image),
links that reopen the same screen, the exports, two sites in one app, and the connection check. Each test checks what
the user sees, then what the sandbox holds."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pandas as pd
import pytest
from icalendar import Calendar
from playwright.sync_api import Browser, Page, expect

from lib.display import channel_name, status_name
from lib.exports import CSV_HEADERS
from lib.frames import ACTIVITY_COLUMNS, POST_COLUMNS
from tests.e2e.conftest import RUN_TIMEOUT_MS, Studio, guard, open_app, start_studio, wait_for_run
from tests.e2e.faults_support import SandboxAdmin, assert_no_traceback, custom_studio
from tests.e2e.grid import Grid
from tests.e2e.team_support import (
    Activity,
    by_date,
    caption,
    channel,
    end_of_next_month,
    events_between,
    expect_chosen,
    image_url,
    open_view,
    pick_in_multiselect,
    plan_items,
    plan_status,
    query,
    request_log,
    sandbox_api,
    two_site_studio,
)

VIEWER_ZONE = "Europe/Berlin"  # the browser's zone (conftest's browser_context_args)
CARD_NAMES = {"FACEBOOK": "Facebook", "INSTAGRAM": "Instagram", "LINKEDIN": "LinkedIn"}
REGENERATION_MS = 20_000  # once the sandbox finished the post job: a poll tick and the redraw, on a busy machine
NEW_TITLE = "Team pick: studio life, behind the wheel"
CHECKS = 5  # key, permission, site, plan status, channels (scheduling is not checked there: it would take a write)


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    """One demo app for the tests of this module that share it (each reads the sandbox afresh)."""
    yield from start_studio(tmp_path_factory.mktemp("team"), "demo")


def open_activity_link(title: str) -> str:
    return f"Open “{title}” to edit it or work on its posts"


def social_drafts_activities(plan: dict[str, Any]) -> list[Activity]:
    """Activities with a title of their own, posts on three channels or more, all of them drafts."""
    ordered = by_date(plan)
    repeats = Counter(activity["title"] for activity in ordered)
    return [
        activity
        for activity in ordered
        if repeats[activity["title"]] == 1
        and activity["marketingActivityType"] == "SOCIAL_MARKETING"
        and len({channel(item) for item in activity["items"]}) >= 3
        and all(item["status"] == "DRAFT" for item in activity["items"])
    ]


def test_activity_view_from_the_plan_post_cards_and_new_image(page: Page, studio: Studio) -> None:
    """Select a row, follow its link, see the post cards, regenerate the image."""
    ordered = by_date(studio.plan())
    target = social_drafts_activities(studio.plan())[0]
    activity_id, title = target["marketingActivityId"], target["title"]

    # Plan view: pick the activity's row, then follow the link offered for it
    open_app(page, studio.url)
    activity_grid = Grid(page, "activities_table")
    activity_grid.expect_column("Title", [activity["title"] for activity in ordered])
    activity_grid.toggle([activity["title"] for activity in ordered].index(title))
    link = page.get_by_role("link", name=open_activity_link(title))
    expect(link).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Open “"))).to_have_count(1)
    link.click()
    page.wait_for_url(re.compile(r"/activity\?activity="))
    assert query(page) == {"activity": [activity_id]}
    expect(page.get_by_role("heading", name=title, level=2, exact=True)).to_be_visible(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)

    # The posts, one card per item, grouped by channel: the channel, the kind and the caption
    for item in target["items"]:
        kind = "Story" if item["type"] == "STORY" else "Post"
        expect(page.get_by_text(f"{CARD_NAMES[channel(item)]} · {kind}", exact=True)).to_be_visible()
    texts = Counter(page.get_by_test_id("stText").all_inner_texts())
    assert Counter(caption(item) for item in target["items"]) <= texts

    # Regenerate the image: asked first, then the page says it waits, then that the image is new; captions stay
    page.get_by_role("button", name="Regenerate image").click()
    page.get_by_role("dialog").get_by_role("button", name="Regenerate image now").click()
    waiting = page.get_by_text(re.compile(r"^Creating a new image… \d+:\d\d elapsed\. This page updates by itself\.$"))
    expect(waiting).to_be_visible(timeout=RUN_TIMEOUT_MS)
    studio.complete_jobs()  # the module's sandbox progresses manually (start_studio)
    expect(page.get_by_text("The new image is ready. Captions are unchanged.")).to_be_visible(timeout=REGENERATION_MS)
    expect(waiting).to_have_count(0)
    wait_for_run(page)
    with studio.api() as api:
        body = {"marketingActivityIds": [activity_id]}
        entries = api.post("/marketing-activity-posts", json=body).raise_for_status().json()["marketingActivities"]
    after = {item["id"]: item for item in entries[0]["items"]}
    assert after.keys() == {item["id"] for item in target["items"]}
    for item in target["items"]:
        assert caption(after[item["id"]]) == caption(item)
        assert image_url(after[item["id"]]) != image_url(item)
    new_images = {image_url(item) for item in after.values()}
    shown_images = set(page.get_by_test_id("stImage").locator("img").evaluate_all("imgs => imgs.map(i => i.src)"))
    assert new_images <= shown_images, "the cards show the new image"
    assert_no_traceback(page)


def test_activity_view_saves_an_edited_title(page: Page, studio: Studio) -> None:
    """Edit the title in the expander's form: the page shows the new one, the sandbox holds it, the rest stays."""
    target = social_drafts_activities(studio.plan())[-1]
    activity_id, title = target["marketingActivityId"], target["title"]
    page.goto(f"{studio.url}/activity?activity={activity_id}")
    expect(page.get_by_role("heading", name=title, level=2, exact=True)).to_be_visible(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)

    page.get_by_test_id("stExpander").get_by_text("Edit the activity").click()
    wait_for_run(page)
    form = page.get_by_test_id("stForm")
    form.get_by_label("Title").fill(NEW_TITLE)
    wait_for_run(page)
    form.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("The activity was saved.")).to_be_visible(timeout=RUN_TIMEOUT_MS)
    expect(page.get_by_role("heading", name=NEW_TITLE, level=2, exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name=title, level=2, exact=True)).to_have_count(0)
    wait_for_run(page)
    with studio.api() as api:
        saved = api.get("/marketing-activity", params={"id": activity_id}).raise_for_status().json()
    assert saved["marketingActivity"]["title"] == NEW_TITLE
    assert saved["marketingActivity"]["description"] == target["description"]
    assert saved["marketingActivity"]["targetDate"] == target["date"]
    in_plan = next(a for a in studio.plan()["marketingActivities"] if a["marketingActivityId"] == activity_id)
    assert in_plan["title"] == NEW_TITLE
    assert_no_traceback(page)


def test_filters_and_an_activity_open_from_a_shared_link(
    page: Page, browser: Browser, browser_context_args: dict[str, object], studio: Studio
) -> None:
    """Filters go into the address; the address opened elsewhere shows the same screen, as does an activity's."""
    plan = studio.plan()
    without_posts = [activity for activity in by_date(plan) if not activity["items"]]
    instagram = [item for item in plan_items(plan) if channel(item) == "INSTAGRAM"]
    assert without_posts and instagram and len(instagram) < len(plan_items(plan))

    open_app(page, studio.url)
    page.get_by_text("Only without posts").click()
    Grid(page, "activities_table").expect_row_count(len(without_posts))
    pick_in_multiselect(page, "Channel", "Instagram")
    page.wait_for_url(re.compile(r"channel=INSTAGRAM"))
    wait_for_run(page)
    assert query(page) == {"without_posts": ["1"], "channel": ["INSTAGRAM"]}
    link = page.url

    context = browser.new_context(**browser_context_args)
    try:
        other = guard(context.new_page())
        open_app(other, link)
        expect(other.get_by_role("checkbox", name="Only without posts")).to_be_checked()
        expect_chosen(other, "Channel", ["Instagram"])
        expect_chosen(other, "Status", [])
        expect_chosen(other, "Type", [])
        Grid(other, "activities_table").expect_column("Title", [activity["title"] for activity in without_posts])
        post_grid = Grid(other, "posts_table")
        post_grid.expect_row_count(len(instagram))
        rows = post_grid.rows()
        assert {row["Channel"] for row in rows} == {"Instagram"}
        assert Counter(row["Caption"] for row in rows) == Counter(caption(item) for item in instagram)
        assert query(other) == {"without_posts": ["1"], "channel": ["INSTAGRAM"]}

        # An activity's address opens that activity
        target = by_date(plan)[-1]
        direct = guard(context.new_page())
        direct.goto(f"{studio.url}/activity?activity={target['marketingActivityId']}")
        heading = direct.get_by_role("heading", name=target["title"], level=2, exact=True)
        expect(heading).to_be_visible(timeout=RUN_TIMEOUT_MS)
        expect(direct.get_by_role("button", name="Choose another activity")).to_be_visible()
        wait_for_run(direct)
        assert_no_traceback(direct)
    finally:
        context.close()


def test_exports_hold_the_plan_and_its_events(page: Page, studio: Studio) -> None:
    """Activities and posts as CSV, posts and events as iCalendar: the same as the sandbox holds."""
    open_app(page, studio.url)
    Grid(page, "posts_table").expect_row_count(len(plan_items(studio.plan())))
    files = {}
    for button, name in (
        ("Activities (CSV)", "activities.csv"),
        ("Posts (CSV)", "posts.csv"),
        ("Posts and events (.ics)", "marketing-plan.ics"),
    ):
        with page.expect_download() as download:
            page.get_by_role("button", name=button).click()
        assert download.value.suggested_filename == name
        files[name] = Path(download.value.path())

    plan = studio.plan()
    ordered = by_date(plan)
    items = plan_items(plan)
    activities_csv = pd.read_csv(files["activities.csv"], dtype=str, keep_default_na=False)
    assert list(activities_csv.columns) == [CSV_HEADERS[column] for column in ACTIVITY_COLUMNS]
    assert activities_csv["ID"].tolist() == [activity["marketingActivityId"] for activity in ordered]
    assert activities_csv["Title"].tolist() == [activity["title"] for activity in ordered]
    assert activities_csv["Posts"].tolist() == [str(len(activity["items"])) for activity in ordered]
    assert [datetime.fromisoformat(day) for day in activities_csv["Date"]] == [
        datetime.fromisoformat(activity["date"].replace("Z", "+00:00")) for activity in ordered
    ]

    posts_csv = pd.read_csv(files["posts.csv"], dtype=str, keep_default_na=False)
    assert list(posts_csv.columns) == [CSV_HEADERS[column] for column in POST_COLUMNS]
    assert len(posts_csv) == len(items)
    activity_of = {item["id"]: a["marketingActivityId"] for a in ordered for item in a["items"]}
    by_id = {item["id"]: item for item in items}
    assert Counter(posts_csv["ID"]) == Counter(list(by_id))
    for row in posts_csv.to_dict("records"):
        item = by_id[row["ID"]]
        assert (row["Activity ID"], row["Channel (API value)"], row["Status (API value)"], row["Caption"]) == (
            activity_of[row["ID"]],
            channel(item),
            item["status"],
            caption(item),
        )
        assert (row["Channel"], row["Status"]) == (channel_name(channel(item)), status_name(item["status"]))

    calendar = Calendar.from_ical(files["marketing-plan.ics"].read_bytes())
    entries = calendar.walk("VEVENT")
    posts_ics = {str(e["UID"]).removeprefix("post-").split("@")[0]: e for e in entries if e["UID"].startswith("post-")}
    events_ics = [e for e in entries if e["UID"].startswith("event-")]
    assert len(posts_ics) == len(items) == len(entries) - len(events_ics)
    assert posts_ics.keys() == by_id.keys()
    dates = {item["id"]: a["date"] for a in ordered for item in a["items"]}
    for item_id, entry in posts_ics.items():
        assert entry.decoded("DTSTART") == datetime.fromisoformat(dates[item_id].replace("Z", "+00:00"))
        item = by_id[item_id]
        assert str(entry["SUMMARY"]).startswith(f"{channel_name(channel(item))} post ({status_name(item['status'])}): ")
    today = datetime.now(ZoneInfo(VIEWER_ZONE)).date()
    with studio.api() as api:
        events = events_between(api, today, end_of_next_month(today))
    assert events, "the demo site has events in the plan period"
    assert sorted(str(e["SUMMARY"]) for e in events_ics) == sorted(event["name"] for event in events)
    assert {str(e["UID"]) for e in events_ics} == {f"event-{event['id']}@marketing-plan-studio" for event in events}


def test_dates_shown_in_a_picked_time_zone(page: Page, studio: Studio) -> None:
    """The sidebar says which zone dates are in (the browser's), and picking another re-dates the tables."""
    first = by_date(studio.plan())[0]
    moment = datetime.fromisoformat(first["date"])
    open_app(page, studio.url)
    grid = Grid(page, "activities_table")
    assert f"Date ({VIEWER_ZONE})" in grid.headers()
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("button", name=f"Dates in {VIEWER_ZONE}").click()
    page.get_by_label("Time zone", exact=True).click()
    page.keyboard.type("Asia/Tokyo")
    page.get_by_role("option", name="Asia/Tokyo", exact=True).click()
    expect(sidebar.get_by_role("button", name="Dates in Asia/Tokyo")).to_be_visible(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    for table in (grid, Grid(page, "posts_table")):
        expect(table.table.locator("th[role=columnheader]").first).to_have_text("Date (Asia/Tokyo)")
    tokyo = moment.astimezone(ZoneInfo("Asia/Tokyo"))
    shown = grid.rows()[0]["Date (Asia/Tokyo)"]  # the grid's accessible text: the instant in the column's zone
    assert shown == str(tokyo), shown
    assert_no_traceback(page)


def test_two_sites_each_with_its_own_key(page: Page, tmp_path: Path) -> None:
    """Shop and Blog in the secrets: the sidebar switches between them, each read with its own key. The browser's is
    the server's first session, whose first run Streamlit makes in its legacy pages mode: the switch still holds."""
    with two_site_studio(tmp_path) as studio:
        shop, blog = studio.sites
        with sandbox_api(studio.sandbox_url, blog.site_id, blog.api_key) as api:  # make the blog's plan recognisable
            first = by_date(api.get("/marketing-plan").raise_for_status().json())[0]
            renamed = {"id": first["marketingActivityId"], "title": "Only on the blog: a studio diary"}
            api.patch(
                f"/items/{renamed['id']}", json={"marketingActivity": renamed, "fieldMask": ["title"]}
            ).raise_for_status()
            blog_plan = api.get("/marketing-plan").raise_for_status().json()
        with sandbox_api(studio.sandbox_url, shop.site_id, shop.api_key) as api:
            shop_plan = api.get("/marketing-plan").raise_for_status().json()
            assert api.get("/marketing-plan", headers={"wix-site-id": blog.site_id}).status_code == 401
        httpx.delete(f"{studio.sandbox_url}/_sandbox/requests").raise_for_status()  # from here on: the app's

        open_app(page, studio.url)
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar).to_contain_text(f"Live — Shop (Wix site {shop.site_id})")
        activity_grid = Grid(page, "activities_table")
        activity_grid.expect_column("Title", [activity["title"] for activity in by_date(shop_plan)])
        sidebar.get_by_label("Site", exact=True).click()
        expect(page.get_by_role("option")).to_have_text(["Shop", "Blog"])
        page.get_by_role("option", name="Blog", exact=True).click()
        expect(sidebar).to_contain_text(f"Live — Blog (Wix site {blog.site_id})", timeout=RUN_TIMEOUT_MS)
        expect(plan_status(page, "Active")).to_be_visible()
        activity_grid.expect_column("Title", [activity["title"] for activity in by_date(blog_plan)])
        wait_for_run(page)
        assert query(page).get("site") == ["blog"]

        page.reload()  # the choice is in the address: a new session opens on the blog
        expect(sidebar).to_contain_text(f"Live — Blog (Wix site {blog.site_id})", timeout=RUN_TIMEOUT_MS)
        expect(plan_status(page, "Active")).to_be_visible()
        wait_for_run(page)
        assert_no_traceback(page)

        log = request_log(studio.sandbox_url)
        assert {entry["site"] for entry in log} == {shop.site_id, blog.site_id}
        assert all(entry["status"] == 200 for entry in log), [e for e in log if e["status"] != 200]
        for site in (shop, blog):
            assert any(e["site"] == site.site_id and e["path"].endswith("/marketing-plan") for e in log)


def run_the_checks(page: Page) -> None:
    open_view(page, "Connection check", "Connection check")
    page.get_by_role("button", name="Run the checks").click()
    expect(page.get_by_text(re.compile(rf"^\d of {CHECKS} checks passed\.$"))).to_be_visible(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)


def test_connection_check_on_a_healthy_site(page: Page, studio: Studio) -> None:
    sandbox = SandboxAdmin(studio)
    scheduled_before = sorted(item["id"] for item in plan_items(studio.plan()) if item["status"] == "SCHEDULED")
    open_app(page, studio.url)
    run_the_checks(page)
    expect(page.get_by_text(f"{CHECKS} of {CHECKS} checks passed.", exact=True)).to_be_visible()
    main = page.get_by_test_id("stMain")
    expect(main.get_by_test_id("stAlertContentSuccess")).to_have_count(CHECKS)
    expect(main.get_by_test_id("stAlertContentError")).to_have_count(0)
    expect(main.get_by_test_id("stAlertContentInfo").filter(has_text="Checked when you schedule")).to_have_count(1)
    connected = ", ".join(sorted(channel_name(c) for c in studio.connected_channels()))
    assert connected == "Facebook, Instagram"
    channels_line = main.get_by_test_id("stAlertContentSuccess").filter(has_text="Connected social channels")
    expect(channels_line.get_by_role("paragraph")).to_have_text(f"Connected social channels: {connected}")
    expect(page.get_by_text("What to do:")).to_have_count(0)
    assert sandbox.calls("POST", "/schedule-drafts") == [], "the check sends no write"
    after = sorted(item["id"] for item in plan_items(studio.plan()) if item["status"] == "SCHEDULED")
    assert after == scheduled_before


def test_connection_check_without_the_scheduling_feature(page: Page, tmp_path: Path) -> None:
    with custom_studio(tmp_path, "no-premium") as studio:
        sandbox = SandboxAdmin(studio)
        open_app(page, studio.url)
        run_the_checks(page)
        expect(page.get_by_text(f"{CHECKS} of {CHECKS} checks passed.", exact=True)).to_be_visible()
        main = page.get_by_test_id("stMain")
        expect(main.get_by_test_id("stAlertContentError")).to_have_count(0)
        scheduling = main.get_by_test_id("stAlertContentInfo").filter(has_text="Scheduling available")
        expect(scheduling).to_contain_text("Checked when you schedule")
        assert sandbox.calls("POST", "/schedule-drafts") == [], "no probe: the feature is checked when scheduling"
        assert_no_traceback(page)
