"""Signing in through the local OpenID Connect provider of the browser tests (the `provider` fixture, conftest.py)."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Locator, Page

from lib.sandbox.server import SandboxOptions, start_sandbox
from tests.e2e.conftest import Studio, app_env, free_port, running_app, wait_for_run


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


def auth_secrets(app_url: str, provider_url: str) -> str:
    """The [auth] table of a secrets.toml that signs in through the local provider."""
    return f"""
[auth]
redirect_uri = "{app_url}/oauth2callback"
cookie_secret = "{secrets.token_hex(16)}"
client_id = "marketing-plan-studio"
client_secret = "{secrets.token_hex(16)}"
server_metadata_url = "{provider_url}/.well-known/openid-configuration"
"""


def studio_with_sign_in(
    tmp_path: Path, provider_url: str, options: SandboxOptions, access_toml: str, **env: str
) -> Iterator[Studio]:
    """The app on a live (sandbox) site, signing in through the local provider, with ``access_toml`` after [auth]
    in a secrets file of its own (STREAMLIT_SECRETS_FILES: never the repository's .streamlit/)."""
    site_id = f"e2e-{uuid.uuid4()}"
    port = free_port()
    secrets_file = tmp_path / "secrets.toml"
    secrets_file.write_text(auth_secrets(f"http://localhost:{port}", provider_url) + access_toml)
    with start_sandbox(options) as sandbox:
        settings = app_env(
            WIX_API_BASE_URL=sandbox.base_url,
            WIX_API_KEY="e2e-key",
            WIX_SITE_ID=site_id,
            STREAMLIT_SECRETS_FILES=str(secrets_file),
            **env,
        )
        with running_app(tmp_path, settings, port=port) as url:
            yield Studio(url=url, sandbox_url=sandbox.base_url, site_id=site_id)
