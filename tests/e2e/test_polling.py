"""Following a generation in headless Chromium when each poll takes longer than the page's tick (a slow or failing
Wix): every tick's outcome still reaches the page (`lib.ui.polling`: Streamlit drops a fragment run's unsent output
when the next run of the fragment starts)."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import RUN_TIMEOUT_MS, open_app, wait_for_run
from tests.e2e.faults_support import SandboxAdmin, assert_no_traceback, custom_studio

SLOW_READ_SECONDS = 2.5  # each plan read; the page ticks every second (STUDIO_POLL_SECONDS in the browser tests)
TICK_MS = 12_000  # a slow read, the tick queued behind it and the redraw, on a busy machine
RETRIED_READ_MS = 15_000  # a failing read retried with the client's backoff (0.5 + 1 + 2 s) on a busy machine


def test_each_slow_tick_shows_and_a_failed_one_is_said(page: Page, tmp_path: Path) -> None:
    with custom_studio(tmp_path, "fresh", progression="manual") as studio:
        sandbox = SandboxAdmin(studio)
        open_app(page, studio.url)
        page.get_by_role("button", name="Generate plan").click()
        progress = page.get_by_text("Generating your plan…")
        expect(progress).to_be_visible(timeout=RUN_TIMEOUT_MS)
        wait_for_run(page)

        sandbox.fault("slow", slow_seconds=SLOW_READ_SECONDS)
        for _ in range(5):  # "last checked" moves on at every tick, although each tick outlasts the interval
            before = progress.inner_text()
            expect(progress).not_to_have_text(before, timeout=TICK_MS)
        assert re.search(r"last checked \d\d:\d\d:\d\d", progress.inner_text())

        sandbox.fault("500")
        expect(page.get_by_text("Could not check the plan")).to_be_visible(timeout=RETRIED_READ_MS)
        expect(page.get_by_text("Trying again in a moment.")).to_be_visible()
        sandbox.clear()
        expect(progress).to_be_visible(timeout=TICK_MS)
        studio.complete_jobs()
        expect(page.get_by_text("The plan is ready")).to_be_visible(timeout=TICK_MS)
        assert_no_traceback(page)
