"""AppTest fixtures: the app runs against a real sandbox over loopback HTTP, one fresh site per test."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib.sandbox.server import RunningSandbox, SandboxOptions, start_sandbox
from lib.ui import polling

APP_TIMEOUT = 30
APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture(scope="session")
def sandboxes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str, str], str]]:
    """Sandboxes shared by the whole session, one per scenario and progression, each started when first asked for
    (gives its base URL); tests stay apart by using their own site IDs."""
    running: dict[tuple[str, str], RunningSandbox] = {}

    def base_url(scenario: str, progression: str) -> str:
        if (scenario, progression) not in running:
            db = tmp_path_factory.mktemp(f"sandbox-{scenario}-{progression}") / "state.db"
            options = SandboxOptions(
                db_path=str(db),
                scenario=scenario,
                generation_seconds=2.0,
                post_seconds=1.0,
                progression=progression,
            )
            running[scenario, progression] = start_sandbox(options)
        return running[scenario, progression].base_url

    yield base_url
    for server in running.values():
        server.stop()


class Site:
    """One sandbox site as a test sees it: the app's settings plus a direct line to the sandbox."""

    def __init__(self, base_url: str, site_id: str) -> None:
        self.base_url = base_url
        self.site_id = site_id

    def complete_jobs(self) -> None:
        """Finish the site's pending generation and post jobs now (the sandbox's admin route)."""
        httpx.post(f"{self.base_url}/_sandbox/sites/{self.site_id}/complete-jobs", timeout=10).raise_for_status()

    def api(self) -> httpx.Client:
        """An HTTP client with the site's headers, to check what the sandbox holds."""
        return httpx.Client(
            base_url=self.base_url + "/promote/marketing-plan-service/v1",
            headers={"Authorization": "test-key", "wix-site-id": self.site_id},
            timeout=10,
        )


@pytest.fixture
def site_factory(
    sandboxes: Callable[[str, str], str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Callable[..., Site]:
    """Point the app at a new site of the chosen scenario (through WIX_* settings, as a live deployment would).

    `progression` is when the sandbox finishes a generation or a post job: "manual" (the default: only on
    `Site.complete_jobs`, so a test that looks at GENERATING sees it however slow the machine), "reads" (on the read
    that shows it) or "time" (2 s and 1 s of wall clock)."""
    if "STUDIO_AUDIT_DB" not in os.environ:  # a test may have chosen its own log file already
        monkeypatch.setenv("STUDIO_AUDIT_DB", str(tmp_path / "audit.db"))

    def make(scenario: str = "demo", progression: str = "manual") -> Site:
        site = Site(sandboxes(scenario, progression), f"test-{uuid.uuid4()}")
        monkeypatch.setenv("WIX_API_BASE_URL", site.base_url)
        monkeypatch.setenv("WIX_API_KEY", "test-key")
        monkeypatch.setenv("WIX_SITE_ID", site.site_id)
        monkeypatch.setenv("STUDIO_POLL_SECONDS", "0.2")
        monkeypatch.setenv("STUDIO_ALLOW_ANONYMOUS", "true")  # live mode without sign-in (docs/access.md)
        return site

    return make


# Streamlit's [auth] settings for AppTests of signed-in users (st.user is set by the test; the provider is never asked)
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-cookie-secret",
    "client_id": "studio",
    "client_secret": "test-client-secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}

POLL_LIMIT_SECONDS = 60  # the polling time limit while a test moves the polling clock


class PollingClock:
    """The app's polling clock (`lib.ui.polling.now`), moved forward by the test instead of waited for."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += timedelta(seconds=seconds)


@pytest.fixture
def polling_clock(monkeypatch: pytest.MonkeyPatch) -> PollingClock:
    """Install a `PollingClock`, with a polling time limit of `POLL_LIMIT_SECONDS`."""
    clock = PollingClock()
    monkeypatch.setattr(polling, "now", clock)
    monkeypatch.setenv("STUDIO_POLL_LIMIT_SECONDS", str(POLL_LIMIT_SECONDS))
    return clock


def open_page(page: str | None = None) -> AppTest:
    """Run app.py (and switch to a page) the way a browser session would."""
    at = AppTest.from_file(APP, default_timeout=APP_TIMEOUT)
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


def by_label(elements, label: str):
    """The on-screen element with exactly this label (fails the test, naming what is there, when it is absent)."""
    matches = [element for element in elements if element.label == label]
    assert matches, f"nothing labelled {label!r}; on screen: {[element.label for element in elements]}"
    return matches[0]


def table(at: AppTest, name: str):
    """The selectable table drawn under ``name`` (`lib.ui.selection` gives its widget a key that starts with it)."""
    matches = [frame for frame in at.dataframe if frame.key == name or (frame.key or "").startswith(f"{name}_")]
    assert len(matches) == 1, f"tables on screen: {[frame.key for frame in at.dataframe]}"
    return matches[0]


def as_shown(element) -> pd.DataFrame:
    """A table as the viewer sees it: the columns in their order (``column_order``), under their headers."""
    labels = {name: config.get("label", name) for name, config in json.loads(element.proto.columns).items()}
    return element.value[list(element.proto.column_order)].rename(columns=labels)


def pick_rows(at: AppTest, name: str, rows: list[int]) -> AppTest:
    """Tick these rows (positions) of the table ``name``, as a click on their checkboxes would, and rerun."""
    at.session_state[table(at, name).key] = {"selection": {"rows": rows, "columns": [], "cells": []}}
    return at.run()


def confirm_regenerate(at: AppTest, label: str = "Regenerate") -> AppTest:
    """Click a regenerate button and confirm in its dialog (every regeneration asks first)."""
    by_label(at.button, label).click().run()
    return by_label(at.button, f"{label} now").click().run()


def _calendar(at: AppTest):
    (component,) = [c for c in at.get("component_instance") if c.proto.component_name.endswith(".calendar")]
    return component


def calendar_entries(at: AppTest) -> list[dict]:
    """What the one calendar on screen draws: its FullCalendar entries, as the component receives them."""
    return json.loads(_calendar(at).proto.json_args)["events"]


def click_calendar(at: AppTest, value: dict) -> AppTest:
    """Give the calendar on screen the value a click sends (FullCalendar's eventClick or dateClick), and rerun."""
    element_id = _calendar(at).proto.id  # "$$ID-<digest>-<user key>"
    at.session_state[element_id.split("-", 2)[2]] = value
    return at.run()
