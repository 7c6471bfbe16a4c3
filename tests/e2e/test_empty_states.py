"""Browser check of the empty states' narrow-screen part: on a 390 px phone the sidebar stays closed, so the
Sandbox/Live line at the top of the main area is what says which site the app works on."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Studio, open_app, screenshot

PHONE = {"width": 390, "height": 844}


def test_the_live_line_shows_in_the_main_area_on_a_phone(page: Page, fresh_studio: Studio) -> None:
    page.set_viewport_size(PHONE)
    open_app(page, fresh_studio.url)
    expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
    line = page.get_by_test_id("stMain").get_by_test_id("stCaptionContainer").first  # the first line of the view
    expect(line).to_contain_text(f"Live {fresh_studio.site_id}: changes go to your Wix site.")
    expect(line).to_be_in_viewport()
    screenshot(page, "no-plan-390px")
