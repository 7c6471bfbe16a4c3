"""Browser tests: the sandbox and the app are started by the test, Chromium is Debian's, nothing leaves loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
import oidc_provider_mock
import pytest
import werkzeug.serving
from playwright.sync_api import Browser, Page, Route, expect

from lib.sandbox.server import SandboxOptions, start_sandbox
from tests.e2e.calendar_support import CALENDAR_IFRAME, calendar
from tests.e2e.chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
IFRAME_SETTLE_MS = 250  # how long a component iframe may take to appear after the run ends
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
PLAN_BASE = "/promote/marketing-plan-service/v1"
PUBLISHER_BASE = "/social-publisher/v1"
RUN_TIMEOUT_MS = 30_000
GENERATION_SECONDS = 2  # sandbox generation time of the "time" progression in these tests; the app polls every second
POST_SECONDS = 1.5  # sandbox time to write posts for GenerateSocialPosts ("time" progression)

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, object]:
    """Debian's Chromium, headless, with the flags this offline machine needs."""
    return {"executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args() -> dict[str, object]:
    """A wide window so the tables and the calendar fit; a fixed zone east of UTC."""
    return {"viewport": {"width": 1500, "height": 1100}, "timezone_id": "Europe/Berlin"}


def _block_non_loopback(route: Route) -> None:
    host = urlparse(route.request.url).hostname or ""
    if route.request.url.startswith("data:") or host in LOOPBACK_HOSTS:
        route.continue_()
    else:
        route.abort()


def guard(page: Page) -> Page:
    """Make the page block requests that would leave loopback, with timeouts that suit a shared machine."""
    page.route("**/*", _block_non_loopback)
    page.set_default_timeout(RUN_TIMEOUT_MS)
    expect.set_options(timeout=10_000)
    return page


@pytest.fixture
def zone_page(request: pytest.FixtureRequest, browser: Browser, browser_context_args: dict) -> Iterator[Page]:
    """A page in a browser context whose clock is in the zone the test is parametrised with (indirect)."""
    context = browser.new_context(**{**browser_context_args, "timezone_id": request.param})
    try:
        yield guard(context.new_page())
    finally:
        context.close()


@pytest.fixture
def page(page: Page) -> Page:
    """Every page blocks requests that would leave loopback."""
    return guard(page)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Studio:
    """A running app, the sandbox behind it, and the site the app works on."""

    url: str
    sandbox_url: str
    site_id: str

    def api(self) -> httpx.Client:
        """Direct line to the sandbox, to check what it holds after the browser acted (plan service paths)."""
        return httpx.Client(
            base_url=self.sandbox_url + PLAN_BASE,
            headers={"Authorization": "e2e-key", "wix-site-id": self.site_id},
            timeout=10,
        )

    def plan(self) -> dict[str, Any]:
        """GET /marketing-plan as the sandbox answers it."""
        with self.api() as api:
            return api.get("/marketing-plan").raise_for_status().json()

    def complete_jobs(self) -> None:
        """Finish the site's pending generation and post jobs now (the sandbox's admin route)."""
        url = f"{self.sandbox_url}/_sandbox/sites/{self.site_id}/complete-jobs"
        httpx.post(url, timeout=10).raise_for_status()

    def settings(self) -> dict[str, Any]:
        """The saved `settings` of GET /marketing-settings."""
        with self.api() as api:
            return api.get("/marketing-settings").raise_for_status().json()["marketingSettings"]["settings"]

    def connected_channels(self) -> set[str]:
        """Channels with a Publisher account (GET /social-publisher/v1/accounts): only these can be scheduled."""
        with self.api() as api:
            accounts = api.get(self.sandbox_url + PUBLISHER_BASE + "/accounts").raise_for_status().json()
        return {account["channelName"] for account in accounts["accounts"]}


@contextmanager
def running_app(tmp_path: Path, env: dict[str, str], port: int | None = None) -> Iterator[str]:
    """`streamlit run app.py` on `port` (a free loopback port by default) with `env`; gives its URL once healthy,
    stops it afterwards."""
    with app_process(tmp_path, env, port) as (url, _):
        yield url


@contextmanager
def app_process(
    tmp_path: Path, env: dict[str, str], port: int | None = None, log_name: str = "streamlit.log"
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Like `running_app`, with the process too (a test may kill it); its output goes to ``tmp_path / log_name``, its
    records (unless ``env`` says where) to ``tmp_path``, never to the checkout's var/."""
    env = {"STUDIO_AUDIT_DB": str(tmp_path / "audit.db"), **env}
    port = port or free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    log_path = tmp_path / log_name
    with log_path.open("w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://localhost:{port}"
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    if httpx.get(f"{url}/_stcore/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.3)
            else:
                raise RuntimeError("the app did not start: " + log_path.read_text())
            yield url, process
        finally:
            process.terminate()
            process.wait(timeout=20)


def app_env(**values: str) -> dict[str, str]:
    """This process's environment without any Wix or studio setting of the developer's, plus `values`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("WIX_", "STUDIO_"))}
    return {**env, "STUDIO_POLL_SECONDS": "1", **values}


def sandbox_options(tmp_path: Path, scenario: str, progression: str = "manual") -> SandboxOptions:
    """A sandbox of the scenario in ``tmp_path`` with the browser tests' job times (``progression``: when jobs
    finish, "manual" by default)."""
    return SandboxOptions(
        db_path=str(tmp_path / "sandbox.db"),
        scenario=scenario,
        generation_seconds=GENERATION_SECONDS,
        post_seconds=POST_SECONDS,
        progression=progression,
    )


def start_studio(tmp_path: Path, scenario: str, progression: str = "manual") -> Iterator[Studio]:
    """Start a sandbox of the scenario and the app pointed at it; stop both afterwards. Jobs finish on
    `Studio.complete_jobs` by default ("manual"), on the read that shows them with "reads"."""
    site_id = f"e2e-{uuid.uuid4()}"
    with start_sandbox(sandbox_options(tmp_path, scenario, progression)) as sandbox:
        env = app_env(
            WIX_API_BASE_URL=sandbox.base_url,
            WIX_API_KEY="e2e-key",
            WIX_SITE_ID=site_id,
            STUDIO_ALLOW_ANONYMOUS="true",  # live mode without sign-in (docs/access.md)
        )
        with running_app(tmp_path, env) as url:
            yield Studio(url=url, sandbox_url=sandbox.base_url, site_id=site_id)


@pytest.fixture
def demo_studio(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Studio]:
    """The app on a site with an active plan (Facebook and Instagram connected, LinkedIn not); the sandbox's
    progression is "manual" unless the test gives another as the fixture's indirect parameter."""
    yield from start_studio(tmp_path, "demo", getattr(request, "param", "manual"))


@pytest.fixture
def fresh_studio(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Studio]:
    """The app on a site with no plan yet (Facebook and Instagram connected); progression as for `demo_studio`."""
    yield from start_studio(tmp_path, "fresh", getattr(request, "param", "manual"))


@pytest.fixture(scope="module")
def bundled_sandbox_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app as a first-time user starts it: no Wix credentials, so it runs its own demo sandbox. Yields its URL."""
    tmp_path = tmp_path_factory.mktemp("bundled")
    env = app_env(STUDIO_SANDBOX_DB=str(tmp_path / "sandbox.db"), STUDIO_SANDBOX_SCENARIO="demo")
    with running_app(tmp_path, env) as url:
        yield url


def wait_for_run(page: Page) -> None:
    """Wait until Streamlit has finished the current script run.

    Right after a click the app may not have started the rerun yet: first wait for what the click should show.
    """
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=RUN_TIMEOUT_MS)


def open_app(page: Page, url: str, view: str = "Plan") -> None:
    """Open the app at its default view, then go to `view` through the sidebar, as a user would."""
    page.goto(url)
    expect(page.get_by_role("heading", name="Marketing plan", level=1)).to_be_visible(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    expect_calendars_settled(page)
    if view != "Plan":
        go_to(page, view)


VIEW_TITLES = {"Plan": "Marketing plan", "Settings": "Marketing settings", "Events": "Calendar events"}


def go_to(page: Page, view: str) -> None:
    """Click a view in the sidebar navigation and wait for it to be drawn."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=view, exact=True).click()
    expect(page.get_by_role("heading", name=VIEW_TITLES[view], level=1)).to_be_visible(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    expect_calendars_settled(page)


def expect_calendars_settled(page: Page) -> None:
    """Wait until every calendar on the page is drawn: its iframe grows to the calendar's height once FullCalendar
    is drawn, which moves everything below it (a click aimed at a form under it would land elsewhere).

    Streamlit adds a component's iframe a moment after the run is over, so the iframes are counted until two counts
    a short while apart agree, each counted one drawn."""
    seen = -1
    while (count := page.locator(CALENDAR_IFRAME).count()) != seen:
        for index in range(count):
            expect(calendar(page, index).locator(".fc-view-harness")).to_be_visible()
        seen = count
        page.wait_for_timeout(IFRAME_SETTLE_MS)
    wait_for_run(page)


def screenshot(page: Page, name: str) -> Path:
    """Keep a full-page screenshot in the git-ignored artifacts folder; returns its path.

    Streamlit scrolls its main area inside the window, so the window is made as tall as that area for the shot.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    viewport = page.viewport_size
    assert viewport is not None
    content = page.get_by_test_id("stMain").evaluate("main => main.scrollHeight")
    page.set_viewport_size({"width": viewport["width"], "height": max(viewport["height"], content)})
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(viewport)
    return path


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """A local OpenID Connect provider on 127.0.0.1 (any client id/secret); yields its base URL."""
    server = werkzeug.serving.make_server("127.0.0.1", 0, oidc_provider_mock.app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
