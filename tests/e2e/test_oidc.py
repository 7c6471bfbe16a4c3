"""Sign-in with OpenID Connect, end to end: st.login against a local provider (oidc-provider-mock), the allow-list,
sign-out through the provider's end-session page. The app reads its secrets from a temporary file, never from the
repository's .streamlit/ (STREAMLIT_SECRETS_FILES replaces the list of secrets files Streamlit reads)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from lib.sandbox.server import SandboxOptions
from tests.e2e.conftest import RUN_TIMEOUT_MS, Studio, wait_for_run
from tests.e2e.oidc_support import sign_in, sign_in_button, studio_with_sign_in

ALLOWED = "ana@example.com"
ALLOWED_BY_DOMAIN = "bob@team.example"
OUTSIDER = "eve@elsewhere.example"


ACCESS = f"""
[access]
allowed_emails = ["{ALLOWED}"]
allowed_domains = ["team.example"]
"""


def start_studio_with_sign_in(tmp_path: Path, provider: str) -> Iterator[Studio]:
    """The app on a live (sandbox) site with sign-in configured; anonymous use would be allowed without it."""
    options = SandboxOptions(db_path=str(tmp_path / "sandbox.db"), scenario="demo", generation_seconds=2)
    yield from studio_with_sign_in(tmp_path, provider, options, ACCESS, STUDIO_ALLOW_ANONYMOUS="true")


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory, provider: str) -> Iterator[Studio]:
    """One app for the sign-in tests (each test has its own browser context, so its own identity cookie)."""
    yield from start_studio_with_sign_in(tmp_path_factory.mktemp("signed"), provider)


@pytest.fixture
def fresh_studio(tmp_path: Path, provider: str) -> Iterator[Studio]:
    """An app that has served no request yet."""
    yield from start_studio_with_sign_in(tmp_path, provider)


def site_requests(studio: Studio) -> int:
    """How many API requests the sandbox has seen for the app's site."""
    with studio.api() as api:
        log = api.get(studio.sandbox_url + "/_sandbox/requests").raise_for_status().json()["requests"]
    return sum(1 for request in log if request.get("site") == studio.site_id)


def sign_out(page: Page, studio: Studio, button_scope: Locator) -> None:
    """Press "Sign out", end the session at the provider, and come back to the app."""
    sign_out_button = button_scope.locator("button", has_text="Sign out")
    expect(sign_out_button).to_be_visible(timeout=RUN_TIMEOUT_MS)
    sign_out_button.click(timeout=RUN_TIMEOUT_MS)
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{studio.url}/**")
    expect(sign_in_button(page)).to_be_visible(timeout=RUN_TIMEOUT_MS)


def test_allowed_user_signs_in_sees_the_plan_and_signs_out(page: Page, studio: Studio) -> None:
    page.goto(studio.url)
    expect(sign_in_button(page)).to_be_visible(timeout=RUN_TIMEOUT_MS)
    expect(page.get_by_test_id("stSidebar")).to_have_count(0)

    sign_in(page, studio, ALLOWED)
    expect(page.get_by_role("heading", name="Marketing plan", level=1)).to_be_visible(timeout=RUN_TIMEOUT_MS)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text(f"Signed in as {ALLOWED}")).to_be_visible()
    expect(sidebar.get_by_test_id("stSidebarNav").get_by_role("link", name="Settings")).to_be_visible()
    assert site_requests(studio) > 0

    sign_out(page, studio, sidebar)
    expect(page.get_by_role("heading", name="Marketing plan", exact=True)).to_have_count(0)
    page.reload()  # the identity cookie is gone: a new session meets the gate too
    expect(sign_in_button(page)).to_be_visible(timeout=RUN_TIMEOUT_MS)


def test_address_on_an_allowed_domain_gets_in(page: Page, studio: Studio) -> None:
    sign_in(page, studio, ALLOWED_BY_DOMAIN)
    expect(page.get_by_role("heading", name="Marketing plan", level=1)).to_be_visible(timeout=RUN_TIMEOUT_MS)
    expect(page.get_by_test_id("stSidebar").get_by_text(f"Signed in as {ALLOWED_BY_DOMAIN}")).to_be_visible()


def test_user_outside_the_allow_list_sees_only_a_refusal(page: Page, studio: Studio) -> None:
    requests_before = site_requests(studio)
    sign_in(page, studio, OUTSIDER)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text(f"Sorry — {OUTSIDER} does not have access")).to_be_visible(timeout=RUN_TIMEOUT_MS)
    expect(page.get_by_test_id("stSidebar")).to_have_count(0)
    expect(page.get_by_role("heading", name="Marketing plan", exact=True)).to_have_count(0)
    expect(page.get_by_test_id("stDataFrame")).to_have_count(0)

    page.goto(f"{studio.url}/settings")  # a view's address shows the same refusal (under a "Page not found" note)
    wait_for_run(page)
    expect(main.get_by_text(f"Sorry — {OUTSIDER} does not have access")).to_be_visible(timeout=RUN_TIMEOUT_MS)
    expect(page.get_by_role("heading", name="Marketing settings")).to_have_count(0)
    assert site_requests(studio) == requests_before, "a refused session reads no site data"

    page.goto(studio.url)
    expect(main.get_by_text(f"Sorry — {OUTSIDER} does not have access")).to_be_visible(timeout=RUN_TIMEOUT_MS)
    sign_out(page, studio, main)


def test_first_request_to_a_fresh_server_for_a_view_meets_the_gate(page: Page, fresh_studio: Studio) -> None:
    page.goto(f"{fresh_studio.url}/settings")
    settings_heading = page.get_by_role("heading", name="Marketing settings")
    expect(settings_heading.or_(sign_in_button(page))).to_be_visible(timeout=RUN_TIMEOUT_MS)
    expect(settings_heading).to_have_count(0)
    expect(sign_in_button(page)).to_be_visible()
