"""Browser tests: the sandbox and the app are started by the test, Chromium is Debian's, nothing leaves loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import httpx
import pytest
from playwright.sync_api import Page, Route, expect

from lib.sandbox.server import SandboxOptions, start_sandbox

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, object]:
    """Debian's Chromium, headless, with the flags this offline machine needs."""
    return {
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


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


@pytest.fixture
def page(page: Page) -> Page:
    """Every page blocks requests that would leave loopback."""
    page.route("**/*", _block_non_loopback)
    page.set_default_timeout(20_000)
    return page


def _free_port() -> int:
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
        """Direct line to the sandbox, to check what it holds after the browser acted."""
        return httpx.Client(
            base_url=self.sandbox_url + "/promote/marketing-plan-service/v1",
            headers={"Authorization": "e2e-key", "wix-site-id": self.site_id},
            timeout=10,
        )


def start_studio(tmp_path: Path, scenario: str) -> Iterator[Studio]:
    """Start a sandbox of the scenario and the app pointed at it; stop both afterwards."""
    sandbox = start_sandbox(
        SandboxOptions(db_path=str(tmp_path / "sandbox.db"), scenario=scenario, generation_seconds=2, post_seconds=1.5)
    )
    site_id = f"e2e-{uuid.uuid4()}"
    port = _free_port()
    env = {
        **os.environ,
        "WIX_API_BASE_URL": sandbox.base_url,
        "WIX_API_KEY": "e2e-key",
        "WIX_SITE_ID": site_id,
        "STUDIO_POLL_SECONDS": "1",
    }
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    log = (tmp_path / "streamlit.log").open("w")
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
            raise RuntimeError("the app did not start: " + (tmp_path / "streamlit.log").read_text())
        yield Studio(url=url, sandbox_url=sandbox.base_url, site_id=site_id)
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()
        sandbox.stop()


@pytest.fixture
def demo_studio(tmp_path: Path) -> Iterator[Studio]:
    """The app on a site with an active plan (Facebook and Instagram connected, LinkedIn not)."""
    yield from start_studio(tmp_path, "demo")


@pytest.fixture
def fresh_studio(tmp_path: Path) -> Iterator[Studio]:
    """The app on a site with no plan yet."""
    yield from start_studio(tmp_path, "fresh")


def wait_for_run(page: Page) -> None:
    """Wait until Streamlit has finished the current script run."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=30_000)


def open_app(page: Page, studio: Studio, path: str = "") -> None:
    """Open a view of the app and wait for it to be drawn."""
    page.goto(f"{studio.url}/{path}")
    wait_for_run(page)
    expect(page.get_by_role("heading").first).to_be_visible()


def screenshot(page: Page, name: str) -> None:
    """Keep a full-page screenshot in the git-ignored artifacts folder."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
