"""Shared by the fault, secret and double-click browser tests: the sandbox's admin routes (faults and the request
log), a studio started with chosen settings, and the checks that no traceback reached the page."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import Page, expect

from lib.sandbox.server import SandboxOptions, start_sandbox
from tests.e2e.conftest import GENERATION_SECONDS, POST_SECONDS, Studio, app_env, running_app

TRACEBACK_MARKERS = ("Traceback", 'File "')


class SandboxAdmin:
    """The `/_sandbox/` routes of the studio's sandbox."""

    def __init__(self, studio: Studio) -> None:
        self.base_url = studio.sandbox_url + "/_sandbox"
        self.site_id = studio.site_id

    def fault(self, kind: str, **settings: float) -> None:
        """Every API request from now on meets this fault ("429", "500", "503", "slow", "malformed", ...); ``settings``
        as the sandbox names them, e.g. ``slow_seconds=2.5``."""
        body = {"fault_rate": 1.0, "fault_kinds": [kind], **settings}
        httpx.put(f"{self.base_url}/faults", json=body).raise_for_status()

    def clear(self) -> None:
        """No more faults."""
        httpx.put(f"{self.base_url}/faults", json={"fault_rate": 0}).raise_for_status()

    def requests(self) -> list[dict[str, Any]]:
        """The site's API requests as the sandbox logged them (method, path, query, status, site, fault)."""
        log = httpx.get(f"{self.base_url}/requests").raise_for_status().json()["requests"]
        return [entry for entry in log if entry["site"] == self.site_id]

    def calls(self, method: str, path_end: str) -> list[dict[str, Any]]:
        """Logged requests of this method whose path ends with ``path_end``."""
        return [r for r in self.requests() if r["method"] == method and r["path"].endswith(path_end)]


@contextmanager
def custom_studio(
    tmp_path: Path,
    scenario: str,
    api_key: str = "e2e-key",
    *,
    key_required: bool = False,
    progression: str = "time",
    **env: str,
) -> Iterator[Studio]:
    """Like the conftest's studios, with a chosen API key, sandbox progression (jobs finish by the clock unless
    "manual" or "reads") and extra app settings (``STUDIO_*``).

    ``key_required``: the sandbox accepts only ``api_key`` for the site, so a page that loads proves the app sent it.
    """
    site_id = f"e2e-{uuid.uuid4()}"
    options = SandboxOptions(
        db_path=str(tmp_path / "sandbox.db"),
        scenario=scenario,
        generation_seconds=GENERATION_SECONDS,
        post_seconds=POST_SECONDS,
        progression=progression,
        site_keys={site_id: api_key} if key_required else {},
    )
    with start_sandbox(options) as sandbox:
        settings = app_env(
            WIX_API_BASE_URL=sandbox.base_url,
            WIX_API_KEY=api_key,
            WIX_SITE_ID=site_id,
            STUDIO_ALLOW_ANONYMOUS="true",
            **env,
        )
        with running_app(tmp_path, settings) as url:
            yield Studio(url=url, sandbox_url=sandbox.base_url, site_id=site_id)


def assert_no_traceback(page: Page) -> None:
    """Neither Streamlit's exception box nor traceback text is on the page."""
    expect(page.get_by_test_id("stException")).to_have_count(0)
    content = page.content()
    for marker in TRACEBACK_MARKERS:
        assert marker not in content, f"{marker!r} is on the page"
