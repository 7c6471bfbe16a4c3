"""Four-eye approval end to end in headless Chromium, each person signed in through the local OpenID Connect
provider: an editor asks for Facebook's drafts to be scheduled, cannot approve the request, a publisher approves it
and the sandbox receives one ScheduleDrafts that schedules exactly those drafts; a request made stale by a
regeneration cannot be approved; a viewer's page sends no write."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import (
    RUN_TIMEOUT_MS,
    Studio,
    guard,
    sandbox_options,
    wait_for_run,
)
from tests.e2e.faults_support import SandboxAdmin
from tests.e2e.oidc_support import sign_in, studio_with_sign_in
from tests.e2e.sequences_support import impatient_double_click
from tests.e2e.team_support import pick_in_multiselect

EDITOR, PUBLISHER, VIEWER = "sam@shop.example", "ana@shop.example", "val@shop.example"


ACCESS = f"""
[access]
allowed_domains = ["shop.example"]
approval = true

[access.roles]
editors = ["{EDITOR}"]
publishers = ["{PUBLISHER}"]
default = "viewer"
"""


@pytest.fixture
def studio(tmp_path: Path, provider: str) -> Iterator[Studio]:
    """A demo site whose jobs finish when told, and the app with sign-in, roles and four-eye approval."""
    yield from studio_with_sign_in(tmp_path, provider, sandbox_options(tmp_path, "demo"), ACCESS)


def person(browser: Browser, stack: ExitStack, studio: Studio, email: str) -> Page:
    """A browser of its own (its own sign-in), signed in as ``email``, on the Plan view."""
    context = browser.new_context(viewport={"width": 1500, "height": 1100}, timezone_id="Europe/Berlin")
    stack.callback(context.close)
    page = guard(context.new_page())
    sign_in(page, studio, email)
    expect(page.get_by_role("heading", name="Marketing plan", level=1)).to_be_visible(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    return page


def open_approvals(page: Page) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Approvals", exact=True).click()
    expect(page.get_by_role("heading", name="Approvals", level=1)).to_be_visible(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)


def ask_for_channel(page: Page, channel: str) -> None:
    """On the Plan view: keep one channel's posts, ask for all its drafts in view to be scheduled."""
    pick_in_multiselect(page, "Channel", channel)
    wait_for_run(page)
    page.get_by_role("button", name=re.compile(r"^Schedule all \d+ drafts in view$")).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("A note for whoever approves (optional)").fill(f"{channel} for the weekend")
    impatient_double_click(dialog.get_by_role("button", name=re.compile(r"^Ask for approval of \d+ draft\(s\)$")))
    expect(page.get_by_text(re.compile(r"Asked for approval: request #\d+"))).to_be_visible(timeout=RUN_TIMEOUT_MS)


def drafts_of(studio: Studio, channel: str) -> set[str]:
    items = [i for a in studio.plan()["marketingActivities"] for i in a.get("items", [])]
    return {i["id"] for i in items if i["status"] == "DRAFT" and i["channel"]["name"] == channel}


def wix_writes(sandbox: SandboxAdmin) -> list[dict]:
    """The requests that change something (QueryEvents is a POST that only reads)."""
    return [r for r in sandbox.requests() if r["method"] != "GET" and not r["path"].endswith("/query")]


def statuses(studio: Studio) -> dict[str, str]:
    return {i["id"]: i["status"] for a in studio.plan()["marketingActivities"] for i in a.get("items", [])}


def test_an_editor_asks_and_a_publisher_approves_exactly_those_drafts(browser: Browser, studio: Studio) -> None:
    sandbox = SandboxAdmin(studio)
    facebook = drafts_of(studio, "FACEBOOK")
    before = statuses(studio)
    with ExitStack() as stack:
        editor = person(browser, stack, studio, EDITOR)
        expect(editor.get_by_text("Role: editor")).to_be_visible()
        ask_for_channel(editor, "Facebook")  # clicked twice, 250 ms apart
        assert sandbox.calls("POST", "/schedule-drafts") == []
        expect(editor.get_by_text("Asked for approval: request #1")).to_be_visible()

        open_approvals(editor)  # the requester cannot approve their own request
        own = editor.get_by_role("button", name=re.compile(r"^Approve and schedule"))
        expect(own).to_be_disabled()

        publisher = person(browser, stack, studio, PUBLISHER)
        open_approvals(publisher)
        expect(publisher.get_by_text("Facebook for the weekend")).to_be_visible()
        impatient_double_click(publisher.get_by_role("button", name=f"Approve and schedule {len(facebook)} draft(s)"))
        expect(publisher.get_by_text("Request #1 approved")).to_be_visible(timeout=RUN_TIMEOUT_MS)
        wait_for_run(publisher)
        expect(publisher.get_by_role("button", name=re.compile(r"^Approve and schedule"))).to_have_count(0)
        expect(publisher.get_by_text("No open requests.")).to_be_visible()  # one request, asked twice

        calls = sandbox.calls("POST", "/schedule-drafts")
        assert len(calls) == 1 and calls[0]["status"] == 200  # one request: Facebook has fewer than 20 drafts
        after = statuses(studio)
        assert {item_id for item_id in after if after[item_id] != before[item_id]} == facebook  # exactly those

        # A request made stale by a regeneration cannot be approved as it stands
        editor.goto(studio.url)
        wait_for_run(editor)
        ask_for_channel(editor, "Instagram")
        expect(editor.get_by_text("Asked for approval: request #2")).to_be_visible()
        editor.get_by_role("button", name="Regenerate", exact=True).click()
        editor.get_by_role("dialog").get_by_role("button", name="Regenerate now").click()
        expect(editor.get_by_text("Regeneration started")).to_be_visible(timeout=RUN_TIMEOUT_MS)
        studio.complete_jobs()
        open_approvals(publisher)
        expect(publisher.get_by_text(re.compile(r"^Stale:"))).to_be_visible(timeout=RUN_TIMEOUT_MS)
        expect(publisher.get_by_role("button", name=re.compile(r"^Approve and schedule"))).to_be_disabled()
        assert len(sandbox.calls("POST", "/schedule-drafts")) == 1

        # A viewer reads, and its page sends no write
        writes = wix_writes(sandbox)
        viewer = person(browser, stack, studio, VIEWER)
        expect(viewer.get_by_text("Role: viewer")).to_be_visible()
        expect(viewer.get_by_role("button", name=re.compile(r"^Schedule all"))).to_be_disabled()
        expect(viewer.get_by_role("button", name="Regenerate", exact=True)).to_be_disabled()
        open_approvals(viewer)
        expect(viewer.get_by_role("button", name=re.compile(r"^Approve and schedule"))).to_be_disabled()
        assert wix_writes(sandbox) == writes
