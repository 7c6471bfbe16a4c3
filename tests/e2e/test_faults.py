"""Faults and hostile data in headless Chromium: the Plan view under a server error and a malformed answer, then
working again; markup from the API shown as literal text. (Polling through a failed tick: test_double_click.py.)"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from playwright.sync_api import Page, expect

from lib.wix.client import WixClient
from lib.wix.models import CalendarEvent
from tests.e2e.calendar_support import calendar
from tests.e2e.conftest import RUN_TIMEOUT_MS, Studio, go_to, open_app, wait_for_run
from tests.e2e.faults_support import SandboxAdmin, assert_no_traceback
from tests.e2e.grid import Grid

MARKUP = "<b>bold</b> **stars** <img src=x onerror=alert(1)>"
RETRIED_READ_MS = 15_000  # four attempts with the client's backoff (0.5 + 1 + 2 s) on a busy machine


def plan_status(page: Page, words: str):
    """The plan status line (a level-3 heading: icon, then the status in words)."""
    return page.get_by_role("heading", level=3, name=re.compile(rf"\b{re.escape(words)}$"))


def test_plan_view_explains_a_server_error_and_a_malformed_answer_then_recovers(
    page: Page, demo_studio: Studio
) -> None:
    sandbox = SandboxAdmin(demo_studio)
    sandbox.fault("500")
    open_app(page, demo_studio.url)
    expect(page.get_by_text("Could not load the marketing plan. Wix had a server problem (HTTP 500).")).to_be_visible(
        timeout=RETRIED_READ_MS
    )
    assert_no_traceback(page)
    assert len(sandbox.calls("GET", "/marketing-plan")) == 4  # the read was retried, within bounds

    sandbox.fault("malformed")
    page.get_by_role("button", name="Try again").click()
    expect(page.get_by_text("Wix sent an answer the app could not read (not valid JSON).")).to_be_visible()
    wait_for_run(page)
    assert_no_traceback(page)

    sandbox.clear()
    page.get_by_role("button", name="Try again").click()
    expect(plan_status(page, "Active")).to_be_visible(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    expect(Grid(page, "activities_table").root).to_be_visible()
    expect(page.get_by_text("Could not load")).to_have_count(0)
    assert_no_traceback(page)


def test_markup_from_the_api_is_shown_as_literal_text(page: Page, demo_studio: Studio) -> None:
    alerts: list[str] = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    event_day = datetime.combine(date.today() + timedelta(days=3), datetime.min.time(), tzinfo=UTC)
    with WixClient(demo_studio.sandbox_url, "e2e-key", demo_studio.site_id) as wix:
        # the earliest activity: the first row of the Plan view's table (sorted by date)
        first = sorted(
            wix.get_social_marketing_plan().activities, key=lambda a: a.date or datetime.max.replace(tzinfo=UTC)
        )[0]
        wix.update_marketing_activity(first.id, title=MARKUP, description=f"About {MARKUP}")
        wix.create_event(CalendarEvent(name=MARKUP, description="Sale day", date=event_day))

    # Plan view: the activity's row, and the link offered once it is selected
    open_app(page, demo_studio.url)
    Grid(page, "activities_table").toggle(0)
    link = page.get_by_role("link", name=f"Open “{MARKUP}” to edit it or work on its posts")
    expect(link).to_be_visible()
    assert_markup_inert(page)

    # Activity view: the title as a heading, the description as text
    link.click()
    expect(page.get_by_role("heading", name=MARKUP, exact=True)).to_be_visible(timeout=RUN_TIMEOUT_MS)
    expect(page.get_by_text(f"About {MARKUP}", exact=True)).to_be_visible()
    wait_for_run(page)
    assert_markup_inert(page)

    # Events view: the calendar names the event as text, and the notice after creating an event named with markup
    go_to(page, "Events")
    expect(calendar(page).locator(".fc-event-title", has_text="<b>bold</b> **stars**").first).to_be_visible()
    expect(calendar(page).locator(".fc-event-title b, .fc-event-title img")).to_have_count(0)
    page.get_by_label("Name", exact=True).fill(f"{MARKUP} 2")
    page.get_by_role("spinbutton", name="year, Date (one-time)").click()
    page.keyboard.type((date.today() + timedelta(days=5)).strftime("%Y%m%d"))
    page.get_by_role("button", name="Create event").click()
    expect(page.get_by_text(f"Event “{MARKUP} 2” created.", exact=False)).to_be_visible(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    assert_markup_inert(page)
    assert alerts == []


def assert_markup_inert(page: Page) -> None:
    """The markup drew nothing: no bold element or image of its own, no alert."""
    expect(page.locator("b", has_text="bold")).to_have_count(0)
    expect(page.locator("strong", has_text="stars")).to_have_count(0)
    expect(page.locator("img[src='x']")).to_have_count(0)
