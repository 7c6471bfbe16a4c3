"""The four sample flows, end to end in headless Chromium: what the user sees, then what the sandbox holds."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from lib.display import channel_name
from tests.e2e.conftest import RUN_TIMEOUT_MS, Studio, go_to, open_app, wait_for_run
from tests.e2e.grid import Grid

Item = dict[str, Any]
Activity = dict[str, Any]
# once the sandbox finished the job: a poll tick and the redraw, generous on a busy 2-core machine
SETTLE_MS = 15_000


# --- what the sandbox holds --------------------------------------------------------------------------------------


def activities(plan: dict[str, Any]) -> list[Activity]:
    """The plan's activities, as the app lists them (by date)."""
    return sorted(plan["marketingActivities"], key=lambda activity: activity["date"])


def items(plan: dict[str, Any]) -> list[Item]:
    """Every post item of the plan."""
    return [item for activity in plan["marketingActivities"] for item in activity["items"]]


def channel(item: Item) -> str:
    return item["channel"]["name"]


def instant(text: str) -> datetime:
    """An API date (`...Z`) or a grid cell date (`2026-11-28 10:00:00+01:00`) as an aware datetime."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def caption(item: Item) -> str:
    """The caption of a post or story, whatever its content key."""
    return next(value["caption"] for value in item.values() if isinstance(value, dict) and "caption" in value)


# --- what the user sees ------------------------------------------------------------------------------------------


def plan_status(page: Page, words: str) -> Locator:
    """The plan status line (a level-3 heading: icon, then the status in words)."""
    return page.get_by_role("heading", level=3, name=re.compile(rf"\b{re.escape(words)}$"))


def row_date(row: dict[str, str]) -> datetime:
    """The date cell of a grid row (its column is titled with the viewer's zone)."""
    return instant(next(value for key, value in row.items() if key.startswith("Date (")))


def set_date(scope: Locator, label: str, day: date) -> None:
    """Type a day into a date input (year, month and day fields; typing moves from one to the next).

    The year field is focused, not clicked: a click aims at a point, and a calendar above the form that grows just
    then moves the field away from it (seen once in CI: the typing went nowhere)."""
    scope.get_by_role("spinbutton", name=f"year, {label}").press_sequentially(day.strftime("%Y%m%d"))
    expect(scope.get_by_role("group", name=label)).to_contain_text(day.strftime("%d"))


def choose(page: Page, label: str, option: str) -> None:
    """Pick an option of a select box."""
    page.get_by_label(label, exact=True).click()
    page.get_by_role("option", name=option, exact=True).click()


def wait_until_active(page: Page, studio: Studio) -> None:
    """From "Generating", with no action of the user: the polling fragment redraws the page once the plan is ready
    (the studio's sandbox finishes the generation when told)."""
    expect(page.get_by_text("This page updates by itself.")).to_be_visible()
    studio.complete_jobs()
    expect(plan_status(page, "Active")).to_be_visible(timeout=SETTLE_MS)
    expect(page.get_by_text("This page updates by itself.")).to_be_hidden()
    wait_for_run(page)


def schedule_in_dialog(page: Page, will_schedule: int, stay_draft: Counter[str]) -> None:
    """Check what the confirm dialog announces (its groups; the posts are in a table each), confirm, and check the
    result line."""
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text(f"{will_schedule} draft(s) will be scheduled for publishing:")
    if stay_draft:
        names = sorted(channel_name(name) for name in stay_draft)
        names_text = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        warning = f"{stay_draft.total()} draft(s) stay drafts: channel not connected ({names_text})."
        expect(dialog).to_contain_text(warning)
        expect(dialog).to_contain_text("Wix dashboard → Marketing → Social media")
    expect(dialog.get_by_text("stay drafts")).to_have_count(1 if stay_draft else 0)
    expect(dialog.locator(".stDataFrame")).to_have_count(2 if stay_draft else 1)
    dialog.get_by_role("button", name=f"Schedule {will_schedule} draft(s)").click()
    left = sum(stay_draft.values())
    summary = f"{will_schedule} scheduled" + (f", {left} left as draft (channel not connected)" if left else "") + "."
    expect(page.get_by_text("Scheduling done:")).to_have_text(re.compile(re.escape(f"Scheduling done: {summary}")))
    expect(dialog).to_be_hidden()
    wait_for_run(page)


# --- the flows ----------------------------------------------------------------------------------------------------


def test_generate_a_plan_and_schedule_its_drafts(page: Page, fresh_studio: Studio) -> None:
    """Flow 1: no plan -> Generate -> polls to Active -> schedule all drafts; unconnected channels stay drafts."""
    studio = fresh_studio
    # The team also posts on LinkedIn, which is not connected in the Publisher: its drafts cannot be scheduled
    with studio.api() as api:
        body = {"marketingSettings": {"settings": {"socialChannels": ["FACEBOOK", "INSTAGRAM", "LINKEDIN"]}}}
        api.post("/marketing-settings", json={**body, "fieldMask": ["settings.socialChannels"]}).raise_for_status()
    assert studio.plan()["status"] == "NEVER_CREATED"

    open_app(page, studio.url)
    expect(plan_status(page, "No plan yet")).to_be_visible()
    expect(page.get_by_text("a list of marketing activities from today to the end of next month")).to_be_visible()
    page.get_by_role("button", name="Generate plan").click()
    expect(plan_status(page, "Generating")).to_be_visible()
    expect(page.get_by_text("Plan generation started. This page follows it until it finishes.")).to_be_visible()
    wait_until_active(page, studio)

    plan = studio.plan()
    assert plan["status"] == "ACTIVE"
    expected_titles = [activity["title"] for activity in activities(plan)]
    Grid(page, "activities_table").expect_column("Title", expected_titles)
    Grid(page, "posts_table").expect_row_count(len(items(plan)))

    connected = studio.connected_channels()
    assert connected == {"FACEBOOK", "INSTAGRAM"}
    drafts = [item for item in items(plan) if item["status"] == "DRAFT"]
    assert len(drafts) == len(items(plan))
    schedulable = {item["id"] for item in drafts if channel(item) in connected}
    stay_draft = Counter(channel(item) for item in drafts if channel(item) not in connected)
    assert schedulable and stay_draft == {"LINKEDIN": stay_draft["LINKEDIN"]}
    expect(page.get_by_text("Connected channels: Facebook, Instagram.")).to_be_visible()

    cannot = f"{stay_draft['LINKEDIN']} draft(s) in view stay drafts: LinkedIn is not connected."
    expect(page.get_by_text(cannot)).to_be_visible()
    page.get_by_role("button", name=f"Schedule all {len(schedulable)} drafts in view").click()
    schedule_in_dialog(page, len(schedulable), stay_draft)
    expect(page.get_by_role("button", name="Schedule all 0 drafts in view")).to_be_disabled()
    expect(page.get_by_text(cannot)).to_be_visible()

    after = items(studio.plan())
    assert {item["id"] for item in after if item["status"] == "SCHEDULED"} == schedulable
    assert all(item["status"] == "DRAFT" for item in after if channel(item) not in connected)
    assert all(item["status"] == "SCHEDULED" for item in after if channel(item) in connected)


def test_tailor_the_settings_then_generate(page: Page, fresh_studio: Studio) -> None:
    """Flow 2: change goal, point of view, tone, frequency and topics; exactly those are saved; the plan follows."""
    studio = fresh_studio
    before = studio.settings()
    topics = ["pottery classes", "kiln firing"]

    open_app(page, studio.url, "Settings")
    choose(page, "Goal", "Drive traffic")
    choose(page, "Point of view", "Third person")
    page.get_by_label("Tone of voice").fill("bold and energetic")
    page.get_by_label("Posts per period (1 to 30)").fill("2")
    page.get_by_label("Topics to include (one per line)").fill("\n".join(topics))
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Saved 5 change(s). They apply at the next (re)generation of the plan.")).to_be_visible()
    wait_for_run(page)

    after = studio.settings()
    changed = {key for key in after.keys() | before.keys() if after.get(key) != before.get(key)}
    assert changed == {"marketingPlanGoal", "pointOfView", "toneOfVoice", "frequency", "topics"}
    assert after["marketingPlanGoal"] == {"goalKey": "DRIVE_TRAFFIC"}
    assert after["pointOfView"] == "THIRD_PERSON"
    assert after["toneOfVoice"] == "bold and energetic"
    assert after["frequency"]["count"] == 2
    assert after["topics"]["included"] == topics

    # No plan yet, so the next step offered is to generate one (not to regenerate)
    page.get_by_role("button", name="Generate the plan now").click()
    expect(page.get_by_role("heading", name="Marketing plan", level=1)).to_be_visible()
    expect(page.get_by_text("Plan generation started with the new settings.")).to_be_visible()
    expect(plan_status(page, "Generating")).to_be_visible()
    wait_until_active(page, studio)

    plan = studio.plan()
    planned = activities(plan)
    assert planned and all(any(topic in activity["title"] for topic in topics) for activity in planned)
    assert all("Voice: bold and energetic, written in third person." in a["description"] for a in planned)
    # two a week, spread from today to the end of next month (the default is three)
    today = datetime.now(UTC).date()
    end_of_next_month = (today.replace(day=1) + timedelta(days=62)).replace(day=1) - timedelta(days=1)
    assert len(planned) == round(2 * ((end_of_next_month - today).days + 1) / 7)

    activity_rows = Grid(page, "activities_table").expect_column("Title", [activity["title"] for activity in planned])
    assert all("bold and energetic" in row["Description"] for row in activity_rows)
    post_grid = Grid(page, "posts_table")
    post_grid.expect_row_count(len(items(plan)))
    post_rows = post_grid.rows()
    assert sorted((row["Channel"], row["Caption"]) for row in post_rows) == sorted(
        (channel_name(channel(item)), caption(item)) for item in items(plan)
    )
    assert all(any(topic in row["Caption"].lower() for topic in topics) for row in post_rows)
    assert any("🔥" in row["Caption"] for row in post_rows)  # the tone's mark on Facebook and Instagram posts


def test_plan_around_an_event(page: Page, demo_studio: Studio) -> None:
    """Flow 3: a one-time event, regenerate from the Events view, an activity leads up to it; then a weekly event."""
    studio = demo_studio
    today = datetime.now(UTC).date()
    fair_day = today + timedelta(days=12)

    open_app(page, studio.url, "Events")
    form = page.get_by_role("tabpanel", name="New event")
    form.get_by_label("Name").fill("Spring Pottery Fair")
    form.get_by_label("Description").fill("Stalls, demos and seconds at half price")
    set_date(form, "Date (one-time)", fair_day)
    form.get_by_role("button", name="Create event").click()
    expect(page.get_by_text("Event “Spring Pottery Fair” created.")).to_contain_text(
        "The plan takes it into account at its next (re)generation."
    )
    with studio.api() as api:
        window = {"$gte": f"{today}T00:00:00.000Z", "$lte": f"{today + timedelta(days=60)}T23:59:59.999Z"}
        query = {"query": {"filter": {"date": window}}}
        events = api.post("/events/query", json=query).raise_for_status().json()["calendarEvents"]
    fair = [event for event in events if event["name"] == "Spring Pottery Fair"]
    assert len(fair) == 1 and instant(fair[0]["date"]) == datetime.combine(fair_day, time.min, tzinfo=UTC)

    page.get_by_role("button", name="Regenerate the plan now").click()
    page.get_by_role("dialog").get_by_role("button", name="Regenerate now").click()  # it asks first
    expect(page.get_by_role("heading", name="Marketing plan", level=1)).to_be_visible()
    expect(page.get_by_text("Regeneration started with your events.")).to_be_visible()
    expect(plan_status(page, "Generating")).to_be_visible()
    wait_until_active(page, studio)

    planned = activities(studio.plan())
    countdown = [a for a in planned if a["title"] == "Countdown to Spring Pottery Fair"]
    assert len(countdown) == 1
    assert "Planned around the calendar event Spring Pottery Fair" in countdown[0]["description"]
    rows = Grid(page, "activities_table").expect_column("Title", [activity["title"] for activity in planned])
    shown = [row for row in rows if row["Title"] == "Countdown to Spring Pottery Fair"]
    assert len(shown) == 1 and row_date(shown[0]) == instant(countdown[0]["date"])
    assert row_date(shown[0]).date() < fair_day

    # A weekly event: the events table lists it once, with its occurrences in the range shown
    go_to(page, "Events")
    form = page.get_by_role("tabpanel", name="New event")
    form.get_by_label("Name").fill("Wheel Wednesday")
    form.get_by_text("Recurring", exact=True).click()
    set_date(form, "Starting", today + timedelta(days=1))
    form.get_by_role("button", name="Create event").click()
    expect(page.get_by_text("Event “Wheel Wednesday” created.")).to_be_visible()
    wait_for_run(page)
    with studio.api() as api:
        events = api.post("/events/query", json=query).raise_for_status().json()["calendarEvents"]
    weekly = next(event for event in events if event["name"] == "Wheel Wednesday")
    assert weekly["recurringRule"]["frequency"] == "WEEKLY"
    occurrences = len(weekly["recurringOccurrences"])
    assert occurrences == 9  # day 1, 8, ... 57 of the 61 days shown
    event_grid = Grid(page, "events_table")
    event_grid.expect_row_count(len(events))
    shown = [row for row in event_grid.rows() if row["Name"] == "Wheel Wednesday"]
    assert len(shown) == 1
    assert (shown[0]["Repeats"], shown[0]["Occurrences"]) == ("weekly", str(occurrences))
    assert row_date(shown[0]).date() == today + timedelta(days=1)


@pytest.mark.parametrize("demo_studio", ["reads"], indirect=True)  # the page's reads finish the post jobs
def test_more_posts_for_activities_without_posts(page: Page, demo_studio: Studio) -> None:
    """Flow 4: pick activities without posts, generate posts, the page follows until they appear, schedule them."""
    studio = demo_studio
    before = studio.plan()
    without_posts = [activity for activity in activities(before) if not activity["items"]]

    open_app(page, studio.url)
    page.get_by_text("Only without posts").click()
    activity_grid = Grid(page, "activities_table")
    activity_grid.expect_row_count(len(without_posts))
    wait_for_run(page)
    rows = activity_grid.rows()
    picked_rows = [index for index, row in enumerate(rows) if row["Type"] == "Social media"][:2]
    picked = [
        next(a for a in without_posts if a["title"] == rows[i]["Title"] and instant(a["date"]) == row_date(rows[i]))
        for i in picked_rows
    ]
    for count, index in enumerate(picked_rows, start=1):
        activity_grid.toggle(index)
        label = f"Generate posts for {count} selected activit{'y' if count == 1 else 'ies'} without posts"
        expect(page.get_by_role("button", name=label)).to_be_enabled()
    page.get_by_role("button", name="Generate posts for 2 selected activities without posts").click()
    expect(page.get_by_text("New drafts are ready for 2 activit(ies). Select them below to schedule.")).to_be_visible(
        timeout=RUN_TIMEOUT_MS
    )
    wait_for_run(page)

    by_id = {activity["marketingActivityId"]: activity for activity in studio.plan()["marketingActivities"]}
    new_items = [item for activity in picked for item in by_id[activity["marketingActivityId"]]["items"]]
    assert new_items and all(item["status"] == "DRAFT" for item in new_items)
    connected = studio.connected_channels()
    schedulable = {item["id"] for item in new_items if channel(item) in connected}
    stay_draft = Counter(channel(item) for item in new_items if channel(item) not in connected)
    assert schedulable and stay_draft

    post_grid = Grid(page, "posts_table")
    post_grid.expect_row_count(len(items(before)) + len(new_items))
    keys = {(activity["title"], instant(activity["date"])) for activity in picked}
    new_rows = [index for index, row in enumerate(post_grid.rows()) if (row["Activity"], row_date(row)) in keys]
    assert len(new_rows) == len(new_items)
    for count, index in enumerate(new_rows, start=1):
        post_grid.toggle(index)
        expect(page.get_by_role("button", name=f"Schedule {count} selected")).to_be_enabled()
    page.get_by_role("button", name=f"Schedule {len(new_items)} selected").click()
    schedule_in_dialog(page, len(schedulable), stay_draft)

    after = studio.plan()
    by_id = {activity["marketingActivityId"]: activity for activity in after["marketingActivities"]}
    for item in (item for activity in picked for item in by_id[activity["marketingActivityId"]]["items"]):
        assert item["status"] == ("SCHEDULED" if channel(item) in connected else "DRAFT")
    untouched = {item["id"]: item["status"] for item in items(before)}
    assert {item["id"]: item["status"] for item in items(after) if item["id"] in untouched} == untouched
