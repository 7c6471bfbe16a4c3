"""One full-page screenshot per view, of the app as a first-time user starts it (its own demo sandbox).

The three tests share one app and one browser page, going from view to view through the sidebar. The shots stay in
the git-ignored artifacts/screenshots/; ``bash scripts/refresh_readme_screenshot.sh`` copies the Plan view's into
docs/ for the README.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.calendar_support import CALENDAR_IFRAME, expect_calendars_drawn
from tests.e2e.conftest import go_to, guard, open_app, screenshot, wait_for_run


@pytest.fixture(scope="module")
def app_page(browser: Browser, browser_context_args: dict, bundled_sandbox_app: str) -> Iterator[Page]:
    """One page on the app, opened once for the module."""
    context = browser.new_context(**browser_context_args)
    page = guard(context.new_page())
    open_app(page, bundled_sandbox_app)
    yield page
    context.close()


def expect_sandbox_banner(page: Page) -> None:
    """Without credentials the app says, on every view, that it works on the sandbox."""
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Sandbox")).to_be_visible()
    expect(sidebar).to_contain_text("a simulated Wix site on this machine. Nothing is published.")
    expect(sidebar.get_by_role("button", name="Dates in Europe/Berlin")).to_be_visible()  # the browser's zone


def test_plan_view(app_page: Page) -> None:
    """The Plan view of the demo site: status, filters, activities, posts, calendar (the README's picture)."""
    page = app_page
    go_to(page, "Plan")
    expect_sandbox_banner(page)
    expect(page.get_by_role("heading", level=3, name="Active")).to_be_visible()
    for heading in ("Activities", "Posts"):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.get_by_text("Connected channels: Facebook, Instagram.")).to_be_visible()
    expect(page.get_by_test_id("stDataFrame")).to_have_count(2)
    wait_for_run(page)  # the whole run is on screen, and no calendar is in it: it is drawn once opened
    expect(page.locator(CALENDAR_IFRAME)).to_have_count(0)
    page.get_by_test_id("stExpander").get_by_text("Calendar of posts").click()
    expect_calendars_drawn(page, 1)
    expect(page).to_have_url(re.compile(r"[?&]calendar=true"))
    screenshot(page, "plan")


def test_settings_view(app_page: Page) -> None:
    """The Settings view of the demo site, filled with its saved settings."""
    page = app_page
    go_to(page, "Settings")
    expect_sandbox_banner(page)
    expect(page.get_by_label("Tone of voice")).to_have_value("warm and playful")
    expect(page.get_by_label("Topics to include (one per line)")).to_have_value(
        "handmade ceramics\nstudio life\nglaze colours"
    )
    expect(page.get_by_role("button", name="Save settings")).to_be_visible()
    screenshot(page, "settings")


def test_events_view(app_page: Page) -> None:
    """The Events view of the demo site: its events in a table and on a month calendar, and the event form."""
    page = app_page
    go_to(page, "Events")
    expect_sandbox_banner(page)
    expect(page.get_by_test_id("stDataFrame")).to_have_count(1)
    expect_calendars_drawn(page, 1)
    expect(page.get_by_role("tab", name="New event")).to_be_visible()
    screenshot(page, "events")
