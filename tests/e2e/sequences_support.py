"""Helpers of the sequence browser tests: an impatient double click, which rows of a grid are ticked, the sandbox's
write calls by kind, and the red errors on the page."""

from __future__ import annotations

from typing import Any

import httpx
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import expect_calendars_settled
from tests.e2e.faults_support import SandboxAdmin
from tests.e2e.grid import Grid

SECOND_CLICK_MS = 250  # an impatient user's second click
SECOND_CLICK_TIMEOUT_MS = 2_000


def impatient_double_click(button: Locator) -> bool:
    """Click, then click the same control again 250 ms later (as `click(); wait_for_timeout(250); click()`), whatever
    the app did in between: a disabled control takes the click without effect. Returns whether the second click found
    the control still on the page (when the app already removed it, the user's second click lands on nothing)."""
    button.click()
    button.page.wait_for_timeout(SECOND_CLICK_MS)
    try:
        button.click(force=True, timeout=SECOND_CLICK_TIMEOUT_MS, no_wait_after=True)
    except PlaywrightError:
        return False
    return True


def slow_api(sandbox: SandboxAdmin, seconds: float) -> None:
    """Every API request from now on takes ``seconds`` longer (the sandbox's "slow" fault): a Wix API that answers in
    a second, so an impatient second click lands while the first click's write is in flight."""
    body = {"fault_rate": 1.0, "fault_kinds": ["slow"], "slow_seconds": seconds}
    httpx.put(f"{sandbox.base_url}/faults", json=body).raise_for_status()


def ticked_rows(grid: Grid) -> list[int]:
    """Data indexes of the rows whose checkbox is ticked, read by scrolling through the grid (the accessible table marks
    a picked row `aria-selected=true`); ends scrolled back to the top."""
    grid._await_table()
    total = grid.row_count()
    seen: dict[int, bool] = {}
    while len(seen) < total:
        grid._scroll_to(min(set(range(total)) - set(seen)))
        pairs = grid.table.evaluate(
            """table => [...table.querySelectorAll('tbody tr[role=row]')].map(row => [
                Number(row.getAttribute('aria-rowindex')) - 2, row.getAttribute('aria-selected') === 'true',
            ])"""
        )
        seen.update({index: picked for index, picked in pairs if 0 <= index < total})
    if total:
        grid._scroll_to(0)
    return sorted(index for index, picked in seen.items() if picked)


def event_writes(sandbox: SandboxAdmin, method: str) -> list[dict[str, Any]]:
    """CreateEvent (POST .../events), UpdateEvent (PUT .../events/{id}) or DeleteEvent (DELETE .../events/{id}) calls
    in the sandbox's request log (QueryEvents, POST .../events/query, is not one of them)."""
    if method == "POST":
        return sandbox.calls("POST", "/events")
    return [call for call in sandbox.requests() if call["method"] == method and "/events/" in call["path"]]


def expect_drawn(page: Page, tables: tuple[str, ...]) -> None:
    """Wait until the view is drawn, not only run: no element still loading (Streamlit's skeletons), the tables keyed
    ``tables`` filled, every calendar drawn."""
    expect(page.locator("[data-testid='stSkeleton'], [data-testid='stSkeletonElement']")).to_have_count(0)
    for key in tables:
        Grid(page, key)._await_table()
    expect_calendars_settled(page)


def red_errors(page: Page) -> Locator:
    """The page's `st.error` boxes."""
    return page.get_by_test_id("stAlertContentError")


def expect_no_red_error(page: Page) -> None:
    """No `st.error` box is on the page (waiting a moment for one to go); the failure quotes those that stay."""
    try:
        expect(red_errors(page)).to_have_count(0)
    except AssertionError:
        raise AssertionError(f"red errors on the page: {red_errors(page).all_inner_texts()}") from None
