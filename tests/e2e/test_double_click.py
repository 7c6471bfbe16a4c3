"""Double clicks in headless Chromium: one generation per double click on "Generate plan" (followed to the end through
a failed poll), and each draft scheduled once when the dialog's confirm button is double-clicked."""

from __future__ import annotations

import math
import re
import time
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import RUN_TIMEOUT_MS, Studio, open_app, wait_for_run
from tests.e2e.faults_support import SandboxAdmin, assert_no_traceback, custom_studio
from tests.e2e.grid import Grid

RETRIED_READ_MS = 15_000  # a poll retried with the client's backoff (0.5 + 1 + 2 s) on a busy machine
SETTLE_MS = 20_000  # once the sandbox finished the generation: a tick (maybe retried) and the redraw
CONNECTED = ("FACEBOOK", "INSTAGRAM")  # the demo site's connected channels
SCHEDULE_BATCH = 20


def whole_plan_reads(sandbox: SandboxAdmin) -> list[dict]:
    """GetSocialMarketingPlan calls without a timeframe: the page's reads, not the polling ticks'."""
    return [call for call in sandbox.calls("GET", "/marketing-plan") if not call["query"]]


def plan_status(page: Page, words: str):
    return page.get_by_role("heading", level=3, name=re.compile(rf"\b{re.escape(words)}$"))


def test_double_clicking_generate_starts_one_generation_which_is_followed_through_a_failed_tick(
    page: Page, tmp_path: Path
) -> None:
    # "manual": the plan stays GENERATING while the test looks at the screen and a poll fails
    with custom_studio(tmp_path, "fresh", progression="manual") as studio:
        sandbox = SandboxAdmin(studio)
        open_app(page, studio.url)
        page.get_by_role("button", name="Generate plan").dblclick()
        expect(plan_status(page, "Generating")).to_be_visible(timeout=RUN_TIMEOUT_MS)
        wait_for_run(page)
        calls = sandbox.calls("POST", "/generate-marketing-plan")
        assert [c["status"] for c in calls if c["status"] == 200] == [200]
        refused = [c for c in calls if c["status"] != 200]
        assert all(c["status"] == 428 for c in refused), calls  # Wix's documented answer: already generating
        if refused:
            expect(page.get_by_text("A plan is already generating. Wait for it to finish.")).to_be_visible()
        assert studio.plan()["status"] == "GENERATING"

        # Refresh reads the whole plan again (polling ticks read only a timeframe of "now") and the page goes on
        # following the generation
        whole_reads = len(whole_plan_reads(sandbox))
        page.get_by_role("button", name="Refresh").click()
        deadline = time.monotonic() + RUN_TIMEOUT_MS / 1000  # the click's run may start a moment later
        while len(whole_plan_reads(sandbox)) == whole_reads:
            assert time.monotonic() < deadline, "Refresh did not read the plan"
            time.sleep(0.1)
        wait_for_run(page)

        # A poll that fails (retried, then given up for this tick) is said, and polling goes on
        sandbox.fault("500")
        expect(page.get_by_text("Could not check the plan")).to_be_visible(timeout=RETRIED_READ_MS)
        expect(page.get_by_text("Trying again in a moment.")).to_be_visible()
        expect(plan_status(page, "Generating")).to_be_visible()
        assert_no_traceback(page)
        sandbox.clear()
        studio.complete_jobs()
        expect(plan_status(page, "Active")).to_be_visible(timeout=SETTLE_MS)
        wait_for_run(page)
        expect(Grid(page, "activities_table").root).to_be_visible()
        assert_no_traceback(page)


def test_double_clicking_the_schedule_confirm_schedules_each_draft_once(page: Page, demo_studio: Studio) -> None:
    sandbox = SandboxAdmin(demo_studio)
    items = [i for a in demo_studio.plan()["marketingActivities"] for i in a["items"]]
    drafts = [i for i in items if i["status"] == "DRAFT"]
    connected = [i for i in drafts if i["channel"]["name"] in CONNECTED]
    scheduled_before = sum(i["status"] == "SCHEDULED" for i in items)

    open_app(page, demo_studio.url)
    page.get_by_role("button", name=f"Schedule all {len(connected)} drafts in view").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("button", name=f"Schedule {len(connected)} draft(s)").dblclick()
    left = len(drafts) - len(connected)
    summary = f"Scheduling done: {len(connected)} scheduled, {left} left as draft (channel not connected)."
    expect(page.get_by_text("Scheduling done:")).to_have_text(summary, timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)

    after = [i for a in demo_studio.plan()["marketingActivities"] for i in a["items"]]
    assert sum(i["status"] == "SCHEDULED" for i in after) == scheduled_before + len(connected)
    # one run of batches (every draft is sent, 20 per call; Wix leaves those of unconnected channels as drafts): a
    # second run would have sent its batches again, and Wix ignores drafts already scheduled without a word
    sent = sandbox.calls("POST", "/schedule-drafts")
    assert len(sent) == math.ceil(len(drafts) / SCHEDULE_BATCH), sent
    assert {c["status"] for c in sent} == {200}
