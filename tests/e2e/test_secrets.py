"""The API key never leaves the server: a key planted by the test is in no page, WebSocket frame or URL the browser
saw, in no line the app logged (at debug level), and not in the audit log, after a walk through every view with an
error and some actions on the way."""

from __future__ import annotations

import re
import secrets
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import Page, WebSocket, expect

from tests.e2e.conftest import RUN_TIMEOUT_MS, open_app, wait_for_run
from tests.e2e.faults_support import SandboxAdmin, assert_no_traceback, custom_studio
from tests.e2e.grid import Grid


class BrowserRecord:
    """Everything the browser sent or received over WebSockets, the pages it showed and the URLs it asked for."""

    def __init__(self, page: Page) -> None:
        self.frames: list[bytes] = []
        self.pages: list[str] = []
        self.urls: list[str] = []
        page.on("websocket", self._watch)
        page.on("request", lambda request: self.urls.append(request.url))

    def _watch(self, socket: WebSocket) -> None:
        self.urls.append(socket.url)
        socket.on("framesent", self._frame)
        socket.on("framereceived", self._frame)

    def _frame(self, payload: str | bytes) -> None:
        self.frames.append(payload if isinstance(payload, bytes) else payload.encode())

    def keep(self, page: Page) -> None:
        """The page as it is now, and its address."""
        wait_for_run(page)
        self.pages.append(page.content())
        self.urls.append(page.url)


def visit(page: Page, record: BrowserRecord, view: str, title: str) -> None:
    """Open a view from the sidebar and keep what it shows."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=view, exact=True).click()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible(timeout=RUN_TIMEOUT_MS)
    record.keep(page)


def test_the_api_key_is_never_shown_sent_logged_or_recorded(page: Page, tmp_path: Path) -> None:
    key = f"IST.planted-{secrets.token_hex(24)}"
    audit_db = tmp_path / "audit" / "audit.db"
    record = BrowserRecord(page)
    with custom_studio(
        tmp_path,
        "demo",
        api_key=key,
        key_required=True,  # the sandbox accepts no other key: every view that loads proves the app sent this one
        STUDIO_AUDIT_DB=str(audit_db),
        STREAMLIT_LOGGER_LEVEL="debug",
    ) as studio:
        sandbox = SandboxAdmin(studio)

        # Plan: the tables load; an action (regenerate) and its polling
        open_app(page, studio.url)
        expect(Grid(page, "activities_table").root).to_be_visible()
        record.keep(page)
        page.get_by_role("button", name="Regenerate", exact=True).click()
        page.get_by_role("dialog").get_by_role("button", name="Regenerate now").click()  # it asks first
        expect(page.get_by_text("Regeneration started.")).to_be_visible(timeout=RUN_TIMEOUT_MS)
        record.keep(page)

        visit(page, record, "Settings", "Marketing settings")

        # Events: an action that fails (a server fault) and one that succeeds
        visit(page, record, "Events", "Calendar events")
        page.get_by_label("Name", exact=True).fill("Key check sale")
        page.get_by_role("spinbutton", name="year, Date (one-time)").click()
        page.keyboard.type((date.today() + timedelta(days=10)).strftime("%Y%m%d"))
        sandbox.fault("500")
        page.get_by_role("button", name="Create event").click()
        expect(page.get_by_text("The event was not created.")).to_be_visible(timeout=RUN_TIMEOUT_MS)
        record.keep(page)
        sandbox.clear()
        page.get_by_role("button", name="Create event").click()
        expect(page.get_by_text("Event “Key check sale” created.")).to_be_visible(timeout=RUN_TIMEOUT_MS)
        record.keep(page)

        # Activity: the picker, then one activity (its ID goes in the URL)
        visit(page, record, "Activity", "Activity")
        page.get_by_label("Open an activity").click()
        page.get_by_role("option").first.click()
        expect(page.get_by_role("button", name="Choose another activity")).to_be_visible(timeout=RUN_TIMEOUT_MS)
        assert "activity=" in page.url
        record.keep(page)

        # Connection check: red under a fault, then green
        visit(page, record, "Connection check", "Connection check")
        sandbox.fault("malformed")
        page.get_by_role("button", name="Run the checks").click()
        expect(page.get_by_text("could not read (not valid JSON)").first).to_be_visible(timeout=RUN_TIMEOUT_MS)
        record.keep(page)
        sandbox.clear()
        page.get_by_role("button", name="Run the checks").click()
        expect(page.get_by_text(re.compile(r"^[0-9]+ of [0-9]+ checks passed\.$"))).to_be_visible(
            timeout=RUN_TIMEOUT_MS
        )
        record.keep(page)

        visit(page, record, "Activity log", "Activity log")
        assert_no_traceback(page)
    app_log = (tmp_path / "streamlit.log").read_bytes()  # the app's stdout and stderr (it has stopped)
    audit_files = sorted(audit_db.parent.glob("audit.db*"))  # the database and any journal beside it
    audit = b"".join(path.read_bytes() for path in audit_files)

    # What was searched holds what the walk did (so a key there would have been found)
    assert b"Key check sale" in b"".join(record.frames)
    assert b"create event" in audit and b"Key check sale" in audit
    assert b"create event failed: status=500" in app_log  # the app logs its failed calls
    assert any("activity=" in url for url in record.urls)

    needles = {key, quote(key, safe="")}
    for needle in needles:
        assert not any(needle in content for content in record.pages), "the key is in a page"
        assert not any(needle.encode() in frame for frame in record.frames), "the key is in a WebSocket frame"
        assert not any(needle in url for url in record.urls), "the key is in a URL"
        assert needle.encode() not in app_log, "the key is in the app's log"
        assert needle.encode() not in audit, "the key is in the audit log"
