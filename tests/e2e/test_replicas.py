"""Two replicas of the app on one PostgreSQL and one sandbox, each driven by its own browser, as behind a load
balancer with sticky sessions (docs/hosting.md): one activity log, one action at a time per site, records that
outlive restarts and a killed replica, and one passcode throttle."""

from __future__ import annotations

import os
import signal
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, expect
from sqlalchemy import Select, create_engine, select
from sqlalchemy.exc import ProgrammingError

from lib.access import hash_passcode
from lib.sandbox.server import start_sandbox
from lib.store.schema import audit_entries, throttles
from tests.e2e.conftest import (
    RUN_TIMEOUT_MS,
    Studio,
    app_env,
    app_process,
    guard,
    open_app,
    sandbox_options,
    wait_for_run,
)
from tests.e2e.faults_support import SandboxAdmin
from tests.e2e.grid import Grid
from tests.postgres_support import fresh_database

SLOW_WRITE_SECONDS = 8.0  # every sandbox request takes this long: A's write still runs when B's click arrives
KILLED_WRITE_SECONDS = 30.0  # long enough to kill the replica while it waits for Wix
PASSCODE = "harbour-lantern-77"


@contextmanager
def shared_backends(tmp_path: Path, postgres_url: str) -> Iterator[tuple[str, str, str]]:
    """What the replicas share: a new PostgreSQL database (its URL) and a demo sandbox whose jobs finish only when told
    (its URL and a site ID)."""
    options = sandbox_options(tmp_path, "demo")
    with fresh_database(postgres_url) as database, start_sandbox(options) as sandbox:
        yield database, sandbox.base_url, f"e2e-{uuid.uuid4()}"


def replica_env(sandbox_url: str, site_id: str, database_url: str, **extra: str) -> dict[str, str]:
    """Every replica's settings: the shared sandbox site and database (no SQLite file whose entries it would take)."""
    return app_env(
        WIX_API_BASE_URL=sandbox_url,
        WIX_API_KEY="e2e-key",
        WIX_SITE_ID=site_id,
        STUDIO_DATABASE_URL=database_url,
        STUDIO_AUDIT_DB=f"/nonexistent/{uuid.uuid4()}/audit.db",
        **extra,
    )


def browser_page(browser: Browser, stack: ExitStack) -> Page:
    """A page in a browser context of its own (its own Streamlit session, as another teammate's)."""
    context = browser.new_context(viewport={"width": 1500, "height": 1100}, timezone_id="Europe/Berlin")
    stack.callback(context.close)
    return guard(context.new_page())


def ask_to_regenerate(page: Page) -> None:
    page.get_by_role("button", name="Regenerate", exact=True).click()
    expect(page.get_by_role("dialog").get_by_role("button", name="Regenerate now")).to_be_visible()


def rows(database_url: str, query: Select) -> list[tuple]:
    """What ``query`` reads from the database itself (not through either replica)."""
    engine = create_engine(database_url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as db:
            return [tuple(row) for row in db.execute(query)]
    finally:
        engine.dispose()


def entries(database_url: str) -> list[tuple]:
    """(action, outcome) of every audit entry, oldest first (no table yet: none)."""
    try:
        return rows(database_url, select(audit_entries.c.action, audit_entries.c.outcome).order_by(audit_entries.c.id))
    except ProgrammingError:  # no replica has opened the database yet (the schema is made on first use)
        return []


def expect_logged_actions(page: Page, actions: list[str]) -> None:
    """Open the Activity log view and wait until its Action column reads ``actions``, newest first."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Activity log", exact=True).click()
    expect(page.get_by_role("heading", name="Activity log", level=1)).to_be_visible(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    Grid(page, None).expect_column("Action", actions)


def wait_for_entries(database_url: str, count: int) -> list[tuple[str, str]]:
    """The audit entries once there are ``count`` of them (a replica writes its intent before it calls Wix)."""
    deadline = time.monotonic() + RUN_TIMEOUT_MS / 1000
    while len(found := entries(database_url)) < count:
        assert time.monotonic() < deadline, f"only {found} in the audit log"
        time.sleep(0.1)
    return found


def regenerations(sandbox: SandboxAdmin) -> int:
    return len(sandbox.calls("POST", "/regenerate-marketing-plan"))


def test_two_replicas_share_records_and_locks_through_restarts_and_a_kill(
    browser: Browser, tmp_path: Path, postgres_url: str
) -> None:
    with ExitStack() as stack:
        database, sandbox_url, site_id = stack.enter_context(shared_backends(tmp_path, postgres_url))
        studio = Studio(url="", sandbox_url=sandbox_url, site_id=site_id)
        sandbox = SandboxAdmin(studio)
        env = replica_env(sandbox_url, site_id, database, STUDIO_ALLOW_ANONYMOUS="true")
        with ExitStack() as replicas:
            url_a, process_a = replicas.enter_context(app_process(tmp_path, env, log_name="a.log"))
            url_b, _ = replicas.enter_context(app_process(tmp_path, env, log_name="b.log"))
            page_a, page_b = browser_page(browser, stack), browser_page(browser, stack)
            open_app(page_a, url_a)
            open_app(page_b, url_b)

            # The same action confirmed on both replicas at once: one write, and the other page says why not.
            # B is confirmed once A's action has begun (its intent is in the log) and while Wix still works on it.
            ask_to_regenerate(page_a)
            ask_to_regenerate(page_b)
            sandbox.fault("slow", slow_seconds=SLOW_WRITE_SECONDS)
            page_a.get_by_role("dialog").get_by_role("button", name="Regenerate now").click()
            assert wait_for_entries(database, 1) == [("regenerate plan", "pending")]
            page_b.get_by_role("dialog").get_by_role("button", name="Regenerate now").click()
            started = "Regeneration started"
            busy = "Another action on this site was running, so this one was not sent."
            for page in (page_a, page_b):  # B waits for A's action to end, so the page then shows its result
                expect(page.get_by_text(started).or_(page.get_by_text(busy))).to_be_visible(timeout=RUN_TIMEOUT_MS)
            expect(page_a.get_by_text(started)).to_be_visible()
            expect(page_b.get_by_text(busy)).to_be_visible()
            sandbox.clear()
            assert regenerations(sandbox) == 1
            assert entries(database) == [("regenerate plan", "ok")]  # the refused one sent nothing, so no entry

            # An action on one replica is in the other's Activity log
            expect_logged_actions(page_b, ["regenerate plan"])

            # A replica killed while its action waits for Wix leaves the action visible as pending
            studio.complete_jobs()
            open_app(page_a, url_a)
            ask_to_regenerate(page_a)
            sandbox.fault("slow", slow_seconds=KILLED_WRITE_SECONDS)
            page_a.get_by_role("dialog").get_by_role("button", name="Regenerate now").click()
            assert wait_for_entries(database, 2)[1] == ("regenerate plan", "pending")
            os.kill(process_a.pid, signal.SIGKILL)
            sandbox.clear()
            expect_logged_actions(page_b, ["regenerate plan", "regenerate plan"])
            expect(page_b.get_by_text("1 action(s) have no recorded outcome")).to_be_visible()

        # Both restarted: nothing is lost
        with app_process(tmp_path, env, log_name="c.log") as (url_c, _):
            page_c = browser_page(browser, stack)
            open_app(page_c, url_c)
            expect_logged_actions(page_c, ["regenerate plan", "regenerate plan"])
            expect(page_c.get_by_text("1 action(s) have no recorded outcome")).to_be_visible()
        assert entries(database) == [("regenerate plan", "ok"), ("regenerate plan", "pending")]


def test_wrong_passcodes_spread_over_two_replicas_count_together(
    browser: Browser, tmp_path: Path, postgres_url: str
) -> None:
    with ExitStack() as stack:
        database, sandbox_url, site_id = stack.enter_context(shared_backends(tmp_path, postgres_url))
        env = replica_env(sandbox_url, site_id, database, STUDIO_PASSCODE_SHA256=hash_passcode(PASSCODE, n=2**10))
        url_a, _ = stack.enter_context(app_process(tmp_path, env, log_name="a.log"))
        url_b, _ = stack.enter_context(app_process(tmp_path, env, log_name="b.log"))
        pages = [browser_page(browser, stack), browser_page(browser, stack)]
        for page, url in zip(pages, (url_a, url_b), strict=True):
            page.goto(url)
            expect(page.get_by_label("Passcode")).to_be_visible(timeout=RUN_TIMEOUT_MS)
        for failures in range(1, 6):  # A, B, A, B, A: each replica's own session has seen fewer than the count says
            page = pages[(failures - 1) % 2]
            page.get_by_label("Passcode").fill("not-the-passcode")
            page.get_by_role("button", name="Enter").click()
            refused_for = 2**failures  # lib.access.backoff_seconds of the shared count
            expect(page.get_by_text(f"You can try again in {refused_for} seconds.")).to_be_visible(
                timeout=RUN_TIMEOUT_MS
            )
            if failures < 5:
                page.wait_for_timeout(refused_for * 1000 + 300)  # the refusal's own time: real seconds, on purpose
        assert rows(database, select(throttles.c.failures)) == [(5,)]
