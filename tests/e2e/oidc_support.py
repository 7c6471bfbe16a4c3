"""Signing in through the local OpenID Connect provider of the browser tests (the `provider` fixture, conftest.py)."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from tests.e2e.conftest import Studio, wait_for_run


def sign_in_button(page: Page) -> Locator:
    return page.get_by_role("button", name="Sign in")


def sign_in(page: Page, studio: Studio, email: str) -> None:
    """Open the app, press "Sign in", authorize `email` at the provider, and wait for the app to be drawn again."""
    page.goto(studio.url)
    sign_in_button(page).click()
    page.locator("input[name='sub']").fill(email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{studio.url}/**")
    wait_for_run(page)
