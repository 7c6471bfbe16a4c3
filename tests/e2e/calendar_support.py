"""The calendars (FullCalendar inside the streamlit-calendar component's iframe), as a browser test reads them."""

from __future__ import annotations

from playwright.sync_api import FrameLocator, Page, expect

CALENDAR_IFRAME = "iframe[title='streamlit_calendar.calendar']"


def calendar(page: Page, index: int = 0) -> FrameLocator:
    """The inside of the ``index``-th calendar on the page."""
    return page.frame_locator(CALENDAR_IFRAME).nth(index)


def expect_calendars_drawn(page: Page, count: int) -> None:
    """``count`` calendars on the page, each drawn (FullCalendar draws after the iframe loads)."""
    expect(page.locator(CALENDAR_IFRAME)).to_have_count(count)
    for index in range(count):
        expect(calendar(page, index).locator(".fc-view-harness")).to_be_visible()
