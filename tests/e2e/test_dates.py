"""A day is a day (issue 10, finding 1), in headless Chromium set to a zone west and one east of UTC: a one-time event
created on a day is shown on that day in the Events table and in its edit form."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import RUN_TIMEOUT_MS, Studio, open_app, start_studio, wait_for_run
from tests.e2e.grid import Grid
from tests.e2e.test_flows import set_date


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    """One app on a site without a plan, for both zones (each test names its own event)."""
    yield from start_studio(Path(tmp_path_factory.mktemp("dates")), "fresh")


def expect_day(group: Locator, day: date) -> None:
    """A date input reads ``day`` (its year, month and day fields, whatever the separators)."""
    expect(group).to_have_text(re.compile(rf"{day:%Y}\D+{day:%m}\D+{day:%d}"))


@pytest.mark.parametrize("zone_page", ["America/Los_Angeles", "Asia/Tokyo"], indirect=True)
def test_a_one_time_event_stays_on_its_day_in_the_table_and_the_edit_form(zone_page: Page, studio: Studio) -> None:
    page = zone_page
    zone = page.evaluate("() => Intl.DateTimeFormat().resolvedOptions().timeZone")
    day = datetime.now(ZoneInfo(zone)).date() + timedelta(days=7)
    name = f"Kiln Open Day {zone}"
    open_app(page, studio.url, "Events")
    expect(page.get_by_test_id("stSidebar").get_by_role("button", name=f"Dates in {zone}")).to_be_visible()

    form = page.get_by_role("tabpanel", name="New event")
    form.get_by_label("Name").fill(name)
    set_date(form, "Date (one-time)", day)
    form.get_by_role("button", name="Create event").click()
    expect(page.get_by_text(re.compile(rf"{name}.*created"))).to_be_visible(timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)
    with studio.api() as api:
        window = {"$gte": f"{day}T00:00:00.000Z", "$lte": f"{day}T23:59:59.999Z"}
        stored = api.post("/events/query", json={"query": {"filter": {"date": window}}}).json()["calendarEvents"]
    assert [event["date"] for event in stored if event["name"] == name] == [f"{day}T00:00:00.000Z"]

    grid = Grid(page, "events_table")
    rows = grid.rows()
    index = next(i for i, row in enumerate(rows) if row["Name"] == name)
    (shown,) = [value for title, value in rows[index].items() if title.startswith("Date (")]
    assert shown.startswith(day.isoformat()), f"the table shows {shown!r} for an event on {day}"

    grid.toggle(index)
    editor = page.get_by_role("tabpanel", name="Edit or delete the selected event")
    page.get_by_role("tab", name="Edit or delete the selected event").click()
    expect(editor.get_by_label("Name")).to_have_value(name)
    expect_day(editor.get_by_role("group", name="Date (one-time)"), day)
