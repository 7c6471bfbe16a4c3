"""Empty states that lead somewhere: no plan, no events, filters that leave nothing, the plan period, the polling
line (last checked, elapsed time after a reload) and the Sandbox/Live line in the main area."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from lib.audit import AuditLog
from lib.store.database import open_store
from tests.app.conftest import PollingClock, Site, by_label, open_page, table

ELAPSED = re.compile(r"^Generating your plan… (\d+):(\d\d) elapsed, last checked (\d\d:\d\d:\d\d) \(UTC\)\.")


@pytest.fixture
def slow_fresh_site(site_factory: Callable[..., Site]) -> Site:
    """A site with no plan whose generation runs until the test ends (manual progression), to look at while it runs."""
    return site_factory("fresh", progression="manual")


def generating_line(at: AppTest) -> re.Match[str]:
    """The polling fragment's line, parsed: minutes, seconds, last checked."""
    lines = [match for info in at.info if (match := ELAPSED.match(info.value))]
    assert lines, [info.value for info in at.info]
    return lines[0]


def test_no_plan_says_what_a_plan_is_and_leads_to_generate_settings_and_events(site_factory) -> None:
    site_factory("fresh")
    at = open_page()
    text = " ".join(info.value for info in at.info)
    assert "from today to the end of next month" in text
    assert "Press **Generate plan** above" in text
    assert sorted(link.proto.page for link in at.get("page_link")) == ["events", "settings"]
    by_label(at.button, "Generate plan").click().run()
    assert "### :material/hourglass_top: Generating" in [m.value for m in at.markdown]


def test_the_activity_dates_name_the_plan_period(site_factory) -> None:
    site_factory("demo")
    at = open_page()
    dates = by_label(at.date_input, "Dates")
    first, last = dates.min, dates.max
    span = " to ".join(f"{day:%a} {day.day} {day:%b %Y}" for day in (first, last))
    expected = f"The plan covers {span}; dates outside"
    assert any(caption.value.startswith(expected) for caption in at.caption), [c.value for c in at.caption]


def test_activity_filters_that_leave_nothing_offer_to_clear_them_and_the_url(site_factory) -> None:
    site_factory("demo")
    at = open_page()
    days = {moment.date() for moment in table(at, "activities_table").value["date"]}
    dates = by_label(at.date_input, "Dates")
    quiet_day = next(dates.min + timedelta(days=n) for n in range(90) if dates.min + timedelta(days=n) not in days)
    dates.set_value((quiet_day, quiet_day)).run()
    by_label(at.checkbox, "Only without posts").check().run()
    assert "No activities match these filters." in [info.value for info in at.info]
    assert {"start", "end", "without_posts"} <= set(at.query_params)

    by_label(at.button, "Show all activities").click().run()
    assert "No activities match these filters." not in [info.value for info in at.info]
    assert not {"start", "end", "without_posts"} & set(at.query_params)
    assert by_label(at.date_input, "Dates").value == (dates.min, dates.max)
    assert not by_label(at.checkbox, "Only without posts").value
    assert len(table(at, "activities_table").value) > 0


def test_post_filters_that_leave_nothing_offer_to_clear_them_and_the_url(site_factory) -> None:
    site_factory("demo")
    at = open_page()
    by_label(at.multiselect, "Channel").set_value(["LINKEDIN"]).run()  # not connected: nothing of it is scheduled
    by_label(at.multiselect, "Status").set_value(["SCHEDULED"]).run()
    assert "No posts match these filters." in [info.value for info in at.info]
    assert (at.query_params["channel"], at.query_params["status"]) == ("LINKEDIN", "SCHEDULED")

    by_label(at.button, "Show all posts").click().run()
    assert "No posts match these filters." not in [info.value for info in at.info]
    assert not {"channel", "status", "week"} & set(at.query_params)
    assert by_label(at.multiselect, "Channel").value == [] and by_label(at.multiselect, "Status").value == []
    assert len(table(at, "posts_table").value) > 0


def test_no_events_say_how_events_shape_the_plan_and_point_to_the_form(site_factory) -> None:
    site_factory("fresh")
    at = open_page("pages/events.py")
    far = date.today() + timedelta(days=700)
    by_label(at.date_input, "Show events between").set_value((far, far + timedelta(days=3))).run()
    text = " ".join(info.value for info in at.info)
    assert "Sales, launches and holidays you add here are planned around at the next (re)generation" in text
    assert "**New event** below" in text


def test_while_generating_last_checked_moves_with_each_tick(slow_fresh_site: Site, polling_clock: PollingClock) -> None:
    at = open_page()
    by_label(at.button, "Generate plan").click().run()
    assert not any(caption.value.startswith("Last checked") for caption in at.caption)  # the fragment says it
    first = generating_line(at)
    polling_clock.advance(1)
    at.run()
    assert generating_line(at)[3] != first[3]


def test_after_a_reload_the_elapsed_time_counts_from_the_audit_log(slow_fresh_site: Site) -> None:
    with slow_fresh_site.api() as api:
        api.post("/marketing-plan/generate-marketing-plan", json={}).raise_for_status()
    asked = datetime.now(UTC) - timedelta(seconds=75)
    AuditLog(open_store(os.environ["STUDIO_AUDIT_DB"]), clock=lambda: asked).record_intent(
        "ana", slow_fresh_site.site_id, "generate plan"
    )
    minutes, seconds, _ = generating_line(open_page()).groups()  # a new session, as after a reload
    assert (int(minutes), int(seconds) // 10) == (1, 1)


def test_without_an_audit_entry_the_elapsed_time_counts_from_the_first_tick(slow_fresh_site: Site) -> None:
    with slow_fresh_site.api() as api:
        api.post("/marketing-plan/generate-marketing-plan", json={}).raise_for_status()
    minutes, seconds, _ = generating_line(open_page()).groups()
    assert (int(minutes), int(seconds)) < (0, 10)


def test_the_connection_line_is_in_the_main_area(site_factory) -> None:
    site = site_factory("fresh")
    at = open_page()
    expected = f":green-badge[:material/public: Live] {site.site_id}: changes go to your Wix site."
    assert expected in [caption.value for caption in at.main.caption]
