"""Reading and picking rows of an `st.dataframe` in the browser.

Streamlit draws a dataframe on a canvas (glide data grid). Inside the canvas the grid keeps an accessible table
(`role=grid`, one `row` per *visible* row with `aria-rowindex`, `gridcell`s with the raw values), which is what these
helpers read; rows out of view are reached by scrolling the grid's scroller. Picking a row means clicking its
checkbox in the row-marker column at the row's left edge, at a position computed from the fixed row height.
"""

from __future__ import annotations

import time

from playwright.sync_api import Locator, Page, expect

ROW_HEIGHT = 35  # px, Streamlit's row height and header height for st.dataframe
MARKER_X = 15  # px from the grid's left edge: the middle of the row-marker (checkbox) column
TABLE_WAIT_MS = 2_000  # then nudge the grid
TABLE_TIMEOUT_MS = 20_000  # the grid fills its accessible table a moment after drawing (seconds on a busy machine)


class Grid:
    """The `st.dataframe` whose `key` is given, or starts with it and "_" (a selectable table, see
    `lib.ui.selection`). Streamlit tags a keyed element with the class `st-key-<key>`."""

    def __init__(self, page: Page, key: str | None) -> None:
        """``key`` None: the page's only table (Streamlit 1.67 tags a table with its key only when rows can be
        selected)."""
        self.page = page
        self.root: Locator = (
            page.get_by_test_id("stDataFrame")
            if key is None
            else page.locator(f".st-key-{key}, [class*='st-key-{key}_']")
        )
        self.table: Locator = self.root.locator("table[role=grid]")  # canvas content: not in the accessibility tree
        self.scroller: Locator = self.root.locator(".dvn-scroller")
        self.canvas: Locator = self.root.get_by_test_id("data-grid-canvas")

    def _await_table(self) -> None:
        """Wait for the accessible table. The grid fills it a moment after drawing, but now and then (seen on a busy
        machine) only once its view changes: then scroll the grid down a row and back."""
        try:
            expect(self.table).to_have_count(1, timeout=TABLE_WAIT_MS)
        except AssertionError:
            self.scroller.evaluate("(el, by) => { el.scrollTop += by; }", ROW_HEIGHT)
            self.page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
            self.scroller.evaluate("(el, by) => { el.scrollTop -= by; }", ROW_HEIGHT)
            expect(self.table).to_have_count(1, timeout=TABLE_TIMEOUT_MS)

    def row_count(self) -> int:
        """Number of data rows (the header row is not counted)."""
        return int(self.table.get_attribute("aria-rowcount") or "1") - 1

    def expect_row_count(self, count: int) -> None:
        """Wait until the grid shows `count` data rows."""
        self._await_table()
        expect(self.table).to_have_attribute("aria-rowcount", str(count + 1), timeout=TABLE_TIMEOUT_MS)

    def headers(self) -> list[str]:
        """Column titles in display order."""
        return self.table.evaluate(
            "table => [...table.querySelectorAll('th[role=columnheader]')].map(th => th.textContent)"
        )

    def _visible(self) -> dict[int, dict[str, str]]:
        """Rows currently in the accessible table: data index -> {column title: cell text}."""
        headers = self.headers()
        rows = self.table.evaluate(
            """table => [...table.querySelectorAll('tbody tr[role=row]')].map(row => [
                Number(row.getAttribute('aria-rowindex')) - 2,
                [...row.querySelectorAll('td[role=gridcell]')].map(cell => cell.textContent),
            ])"""
        )
        return {index: dict(zip(headers, cells, strict=False)) for index, cells in rows}

    def _scroll_to(self, index: int) -> None:
        """Scroll so that data row `index` is the first row in view (as far as the grid can scroll)."""
        self.scroller.evaluate("(el, top) => { el.scrollTop = top; }", index * ROW_HEIGHT)
        expect(self.table.locator(f"tbody tr[aria-rowindex='{index + 2}']")).to_have_count(1, timeout=TABLE_TIMEOUT_MS)

    def rows(self) -> list[dict[str, str]]:
        """Every data row, read by scrolling through the grid; ends scrolled back to the top."""
        self._await_table()
        total = self.row_count()
        if total == 0:
            return []
        found: dict[int, dict[str, str]] = {}
        while len(found) < total:
            missing = min(set(range(total)) - set(found))
            self._scroll_to(missing)
            found.update(self._visible())
        self._scroll_to(0)
        return [found[index] for index in range(total)]

    def expect_column(self, column: str, values: list[str]) -> list[dict[str, str]]:
        """Wait until `column` reads `values` from top to bottom (the grid redraws a moment after new data arrives);
        returns every row as then read."""
        deadline = time.monotonic() + TABLE_TIMEOUT_MS / 1000
        while True:
            rows = self.rows()
            shown = [row.get(column) for row in rows]
            if shown == values:
                return rows
            if time.monotonic() > deadline:
                raise AssertionError(f"column {column!r} shows {shown}, expected {values}")
            self.page.wait_for_timeout(250)

    def toggle(self, index: int) -> None:
        """Click the checkbox of data row `index` (selects it, or unselects a selected row)."""
        self._await_table()
        self._scroll_to(index)
        self.canvas.scroll_into_view_if_needed()
        top = self.scroller.evaluate("el => el.scrollTop")
        box = self.canvas.bounding_box()
        assert box is not None, "the grid is not on screen"
        y = box["y"] + (index + 1) * ROW_HEIGHT - top + ROW_HEIGHT / 2
        assert box["y"] + ROW_HEIGHT < y < box["y"] + box["height"], f"row {index} is not in view"
        self.page.mouse.click(box["x"] + MARKER_X, y)
