"""AppTest: the event form (issue 10, findings 1, 5 and 7): validated before any call, only the chosen kind's fields,
cleared after a create, and the picked day shown as that day west and east of UTC."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib.ui.chrome import TIMEZONE_KEY
from tests.app.conftest import APP, APP_TIMEOUT, Site, by_label

EVENTS_PAGE = "pages/events.py"
DATE, STARTING, UNTIL, REPEATS = "Date (one-time)", "Starting", "Until (optional)", "Repeats (recurring)"


def open_events(zone: str = "UTC") -> AppTest:
    """The Events view for a viewer in ``zone`` (AppTest has no browser zone: the sidebar picker's choice stands in)."""
    at = AppTest.from_file(APP, default_timeout=APP_TIMEOUT)
    at.session_state[TIMEZONE_KEY] = zone
    at.run()
    at.switch_page(EVENTS_PAGE)
    return at.run()


def event_writes(site: Site) -> int:
    """CreateEvent and UpdateEvent calls the sandbox has seen for the site."""
    with site.api() as api:
        log = api.get(site.base_url + "/_sandbox/requests").json()["requests"]
    writes = [r for r in log if r.get("site") == site.site_id and r["method"] in {"POST", "PATCH", "PUT"}]
    return sum(1 for r in writes if "/events" in r["path"] and "/query" not in r["path"])


def labels(at: AppTest) -> set[str]:
    """Labels of the inputs on screen."""
    return {element.label for element in [*at.date_input, *at.selectbox, *at.text_input, *at.radio]}


def local_today(zone: str) -> date:
    return datetime.now(ZoneInfo(zone)).date()


def choose(at: AppTest, kind: str) -> AppTest:
    """Pick the kind of event first: a form's unsent values do not live through AppTest's reruns."""
    return by_label(at.radio, "When").set_value(kind).run()


def create(at: AppTest) -> AppTest:
    return by_label(at.button, "Create event").click().run()


def test_until_before_starting_is_refused_in_words_before_any_call(site_factory) -> None:
    site = site_factory("demo")
    at = choose(open_events(), "Recurring")
    by_label(at.text_input, "Name").set_value("Market day")
    by_label(at.date_input, STARTING).set_value(local_today("UTC") + timedelta(days=10))
    by_label(at.date_input, UNTIL).set_value(local_today("UTC") + timedelta(days=3))
    create(at)
    assert not at.exception
    assert [e.value for e in at.error if "is before “Starting”" in e.value], [e.value for e in at.error]
    assert not [e.value for e in at.error if "endDate" in e.value]  # no raw API text: nothing was sent
    assert event_writes(site) == 0
    assert by_label(at.text_input, "Name").value == "Market day"  # the input stays, the messages under it


def test_a_new_event_in_the_past_is_refused_with_the_reason(site_factory) -> None:
    site = site_factory("demo")
    at = open_events()
    by_label(at.text_input, "Name").set_value("Old sale")
    by_label(at.date_input, DATE).set_value(date(2020, 6, 1))
    create(at)
    assert any("Mon 1 Jun 2020 has passed" in e.value for e in at.error), [e.value for e in at.error]
    assert event_writes(site) == 0
    assert by_label(at.date_input, DATE).value == date(2020, 6, 1)


def test_only_the_chosen_kind_s_fields_are_shown_and_kept_across_the_switch(site_factory) -> None:
    site_factory("demo")
    at = open_events()
    assert {DATE} <= labels(at) and not {STARTING, UNTIL, REPEATS} & labels(at)
    day = local_today("UTC") + timedelta(days=4)
    by_label(at.date_input, DATE).set_value(day)
    create(at)  # refused (no name): the date is now the form's value
    at = choose(at, "Recurring")
    assert {STARTING, UNTIL, REPEATS} <= labels(at) and DATE not in labels(at)
    at = choose(at, "One-time date")
    assert DATE in labels(at) and not {STARTING, UNTIL, REPEATS} & labels(at)
    assert by_label(at.date_input, DATE).value == day


def test_the_create_form_is_empty_after_a_successful_create(site_factory) -> None:
    site = site_factory("fresh")
    at = choose(open_events(), "Recurring")
    by_label(at.text_input, "Name").set_value("Wheel Wednesday")
    by_label(at.text_area, "Description").set_value("Open studio")
    by_label(at.date_input, STARTING).set_value(local_today("UTC") + timedelta(days=1))
    create(at)
    assert not at.exception
    assert event_writes(site) == 1
    assert "Wheel Wednesday" in set(at.dataframe[0].value["name"])
    assert by_label(at.radio, "When").value == "One-time date"
    assert by_label(at.text_input, "Name").value == ""
    assert by_label(at.text_area, "Description").value == ""
    assert by_label(at.date_input, DATE).value is None
    assert choose(at, "Recurring") and by_label(at.date_input, STARTING).value is None


def test_the_second_click_of_a_double_click_on_create_is_not_an_empty_submit(site_factory) -> None:
    site = site_factory("fresh")
    at = open_events()
    by_label(at.text_input, "Name").set_value("Kiln Open Day")
    by_label(at.date_input, DATE).set_value(local_today("UTC") + timedelta(days=7))
    create(at)
    create(at)  # lands on the form just cleared: no "Give the event a name." under the success
    assert not at.error, [e.value for e in at.error]
    assert event_writes(site) == 1


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Pacific/Honolulu", "Asia/Tokyo", "Pacific/Kiritimati"])
def test_the_events_table_shows_the_picked_day_in_the_viewer_s_zone(site_factory, zone: str) -> None:
    site_factory("fresh")
    at = open_events(zone)
    day = local_today(zone) + timedelta(days=7)
    by_label(at.text_input, "Name").set_value("Kiln Open Day")
    by_label(at.date_input, DATE).set_value(day)
    create(at)
    row = at.dataframe[0].value.set_index("name").loc["Kiln Open Day"]
    assert row["date"] == pd.Timestamp(day)


@pytest.mark.parametrize("zone", ["Pacific/Honolulu", "Pacific/Kiritimati"])  # 24 h apart: one is off UTC's day
def test_the_range_starts_on_the_viewer_s_today(site_factory, zone: str) -> None:
    site_factory("fresh")
    at = open_events(zone)
    first, last = by_label(at.date_input, "Show events between").value
    assert first == local_today(zone)
    assert last == first + timedelta(days=60)
