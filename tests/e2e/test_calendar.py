"""The calendar of posts in headless Chromium: a post's chip and its detail tell the same time in the browser's zone
(west and east of UTC), a click on a day lists its posts, a picked week opens the week view, and a dense day of the
`large` scenario folds into "+N more", which lists the day's posts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from lib.timezones import week_start
from tests.e2e.calendar_support import calendar, expect_calendars_drawn
from tests.e2e.conftest import RUN_TIMEOUT_MS, Studio, open_app, screenshot, start_studio

TIME = re.compile(r"\d\d:\d\d")
ZONE = "() => Intl.DateTimeFormat().resolvedOptions().timeZone"  # the browser's zone


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    yield from start_studio(Path(tmp_path_factory.mktemp("calendar-demo")), "demo")


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    yield from start_studio(Path(tmp_path_factory.mktemp("calendar-large")), "large")


def open_calendar(page: Page, url: str) -> None:
    """The Plan view with its calendar open, as a shared link would open it."""
    open_app(page, f"{url}/?calendar=true")
    expect_calendars_drawn(page, 1)


@pytest.mark.parametrize("zone_page", ["America/Los_Angeles", "Asia/Tokyo"], indirect=True)
def test_a_posts_chip_and_its_detail_tell_the_same_time_in_the_viewers_zone(zone_page: Page, demo: Studio) -> None:
    page = zone_page
    zone = page.evaluate(ZONE)
    open_calendar(page, demo.url)
    expect(page.get_by_text(f"Times in {zone}.")).to_be_visible()
    chip = calendar(page).locator(".studio-post").first
    chip_time = TIME.search(chip.inner_text()).group()
    chip.click()
    detail = page.get_by_text(re.compile(rf", {chip_time} \({re.escape(zone)}\)$"))
    expect(detail).to_be_visible(timeout=RUN_TIMEOUT_MS)
    expect(page.get_by_role("link", name="Open its activity")).to_be_visible()
    screenshot(page, f"calendar-{zone.replace('/', '-')}")


def test_a_click_on_a_day_lists_its_posts_and_a_picked_week_opens_the_week_view(page: Page, demo: Studio) -> None:
    open_calendar(page, demo.url)
    inside = calendar(page)
    day = inside.locator(".fc-daygrid-day:has(.fc-more-link)").first
    day.locator(".fc-more-link").click()  # the day's whole list, in FullCalendar's popover
    posts = inside.locator(".fc-popover .studio-post").count()
    inside.locator(".fc-popover-close").click()
    day.locator(".fc-daygrid-day-number").click()  # the day's own area, not one of its posts
    expect(page.get_by_text(re.compile(rf"^{posts} posts? on "))).to_be_visible(timeout=RUN_TIMEOUT_MS)
    expect(page.get_by_test_id("stExpander").get_by_test_id("stDataFrame")).to_have_count(1)

    monday = week_start(datetime.now(ZoneInfo(page.evaluate(ZONE))).date()) + timedelta(days=7)  # a whole week
    open_app(page, f"{demo.url}/?calendar=true&week={monday.isoformat()}")  # a link to one week, as the filter keeps it
    expect(calendar(page).locator(".fc-dayGridWeek-view")).to_be_visible(timeout=RUN_TIMEOUT_MS)
    expect(calendar(page).locator(".fc-toolbar-title")).to_contain_text(f"{monday:%b} {monday.day}")


def test_a_dense_day_folds_into_more_which_lists_the_days_posts(page: Page, large: Studio) -> None:
    page.set_viewport_size({"width": 390, "height": 900})
    open_calendar(page, large.url)
    more = calendar(page).locator(".fc-more-link").first
    expect(more).to_be_visible()
    hidden = int(re.search(r"\d+", more.inner_text()).group())
    assert hidden > 10, "the large scenario's days hold dozens of posts"
    more.click()
    popover = calendar(page).locator(".fc-popover")
    expect(popover).to_be_visible()
    assert popover.locator(".studio-post").count() >= hidden
    screenshot(page, "calendar-large-390px")
