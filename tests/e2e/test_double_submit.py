"""Impatient double clicks (two clicks 250 ms apart, the Wix API answering in a second) on the action buttons the
sequence tests do not already cover: each sends one write, counted in the sandbox's request log, and the page says it
was done, never that it failed."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import RUN_TIMEOUT_MS, Studio, open_app, wait_for_run
from tests.e2e.faults_support import SandboxAdmin, assert_no_traceback
from tests.e2e.grid import Grid
from tests.e2e.sequences_support import event_writes, expect_no_red_error, impatient_double_click, slow_api
from tests.e2e.test_flows import activities

SLOW_API_SECONDS = 1.0  # the second click lands while the first click's write is in flight


def pick_editable_event(page: Page) -> dict[str, str]:
    """Tick the first event that is not from a connected calendar and open the edit tab; returns its row."""
    grid = Grid(page, "events_table")
    rows = grid.rows()
    index = next(i for i, row in enumerate(rows) if row["Connected calendar (read-only)"] == "false")
    grid.toggle(index)
    wait_for_run(page)
    page.get_by_role("tab", name="Edit or delete the selected event").click()
    return rows[index]


def test_double_clicking_delete_event_deletes_it_once(page: Page, demo_studio: Studio) -> None:
    sandbox = SandboxAdmin(demo_studio)
    open_app(page, demo_studio.url, "Events")
    pick_editable_event(page)
    page.get_by_role("button", name="Delete this event").click()
    slow_api(sandbox, SLOW_API_SECONDS)
    impatient_double_click(page.get_by_role("dialog").get_by_role("button", name="Delete event"))
    expect(page.get_by_text("Event deleted")).to_be_visible(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    sandbox.clear()
    assert [call["status"] for call in event_writes(sandbox, "DELETE")] == [200]
    expect_no_red_error(page)
    assert_no_traceback(page)


def test_double_clicking_save_changes_of_an_event_updates_it_once(page: Page, demo_studio: Studio) -> None:
    sandbox = SandboxAdmin(demo_studio)
    open_app(page, demo_studio.url, "Events")
    pick_editable_event(page)
    form = page.get_by_role("tabpanel", name="Edit or delete the selected event")
    form.get_by_label("Name").fill("Renamed fair")
    slow_api(sandbox, SLOW_API_SECONDS)
    impatient_double_click(form.get_by_role("button", name="Save changes"))
    expect(page.get_by_text(re.compile("Renamed fair.*updated"))).to_be_visible(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    sandbox.clear()
    assert [call["status"] for call in event_writes(sandbox, "PUT")] == [200]
    expect_no_red_error(page)


def test_double_clicking_delete_plan_deletes_it_once(page: Page, demo_studio: Studio) -> None:
    sandbox = SandboxAdmin(demo_studio)
    open_app(page, demo_studio.url)
    page.get_by_role("button", name="Delete plan").click()
    slow_api(sandbox, SLOW_API_SECONDS)
    impatient_double_click(page.get_by_role("dialog").get_by_role("button", name="Delete plan"))
    expect(page.get_by_text("The plan was deleted.")).to_be_visible(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    sandbox.clear()
    deletes = [call for call in sandbox.calls("DELETE", "/marketing-plan")]
    assert [call["status"] for call in deletes] == [200], deletes
    expect_no_red_error(page)
    assert demo_studio.plan()["status"] == "NEVER_CREATED"


@pytest.mark.parametrize("demo_studio", ["reads"], indirect=True)  # the page's reads finish the post job
def test_double_clicking_generate_posts_asks_once(page: Page, demo_studio: Studio) -> None:
    sandbox = SandboxAdmin(demo_studio)
    without_posts = [a for a in activities(demo_studio.plan()) if not a["items"]]
    open_app(page, demo_studio.url)
    page.get_by_text("Only without posts").click()
    grid = Grid(page, "activities_table")
    grid.expect_row_count(len(without_posts))
    wait_for_run(page)
    grid.toggle(next(i for i, row in enumerate(grid.rows()) if row["Type"] == "Social media"))
    wait_for_run(page)
    slow_api(sandbox, SLOW_API_SECONDS)
    impatient_double_click(page.get_by_role("button", name="Generate posts for 1 selected activity without posts"))
    expect(page.get_by_text("New drafts are ready for 1")).to_be_visible(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    sandbox.clear()
    calls = sandbox.calls("POST", "/generate-social-posts")
    assert [call["status"] for call in calls] == [200], calls
    expect_no_red_error(page)


def test_double_clicking_save_changes_of_an_activity_saves_it_once(page: Page, demo_studio: Studio) -> None:
    sandbox = SandboxAdmin(demo_studio)
    target = next(a for a in activities(demo_studio.plan()) if a["items"])
    page.goto(f"{demo_studio.url}/activity?activity={target['marketingActivityId']}")
    expect(page.get_by_role("heading", name=target["title"], level=2, exact=True)).to_be_visible(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    page.get_by_test_id("stExpander").get_by_text("Edit the activity").click()
    wait_for_run(page)
    form = page.get_by_test_id("stForm")
    form.get_by_label("Title").fill("A title typed once")
    wait_for_run(page)
    slow_api(sandbox, SLOW_API_SECONDS)
    impatient_double_click(form.get_by_role("button", name="Save changes"))
    expect(page.get_by_role("heading", name="A title typed once", level=2, exact=True)).to_be_visible(
        timeout=RUN_TIMEOUT_MS
    )
    wait_for_run(page)
    sandbox.clear()
    updates = [call for call in sandbox.requests() if call["method"] == "PATCH" and "/items/" in call["path"]]
    assert [call["status"] for call in updates] == [200], updates
    expect_no_red_error(page)
