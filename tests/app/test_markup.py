"""AppTest: names, titles and descriptions from the API (or typed by the user) are shown as text, never as Markdown
or HTML: verbatim in text and table elements, and only escaped inside the elements Streamlit renders as Markdown."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from lib.wix.client import WixClient
from lib.wix.models import CalendarEvent
from tests.app.conftest import Site, by_label, calendar_entries, open_page, pick_rows, table

MARKUP = "<b>bold</b> **stars** <img src=x onerror=alert(1)>"
RAW_TAG = re.compile(r"(?<!\\)<(b|img)\b")  # a tag of the markup, not escaped with a backslash
# Elements whose text (or label) Streamlit renders as Markdown
MARKDOWN_ELEMENTS = ("markdown", "caption", "title", "header", "subheader", "success", "info", "warning", "error")
LABELLED_ELEMENTS = ("button", "page_link", "text_input", "text_area", "selectbox", "multiselect", "checkbox")


def client(site: Site) -> WixClient:
    return WixClient(site.base_url, "test-key", site.site_id)


def markdown_texts(at: AppTest) -> list[str]:
    """Everything on screen that Streamlit would render as Markdown: element bodies and widget labels."""
    texts = [element.value for kind in MARKDOWN_ELEMENTS for element in at.get(kind)]
    return texts + [element.label for kind in LABELLED_ELEMENTS for element in at.get(kind)]


def assert_never_markdown(at: AppTest) -> None:
    """No Markdown element carries the markup unescaped (it would render bold text and an image)."""
    assert not at.exception, [e.message for e in at.exception]
    for text in markdown_texts(at):
        assert "**stars**" not in text and not RAW_TAG.search(text), text


def assert_calendar_names_it_verbatim(at: AppTest) -> None:
    """The calendar is given the name as it is: FullCalendar draws titles as text (the browser tests see the text)."""
    titles = [entry["title"] for entry in calendar_entries(at)]
    assert MARKUP in titles


def plain_texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


@pytest.fixture
def marked_activity(site_factory) -> tuple[Site, str]:
    """A demo site whose first social activity with posts has the markup as its title and in its description."""
    site = site_factory("demo")
    with client(site) as wix:
        activity = next(a for a in wix.get_social_marketing_plan().activities if a.items)
        wix.update_marketing_activity(activity.id, title=MARKUP, description=f"About {MARKUP}")
    return site, activity.id


def test_an_activity_title_from_the_api_stays_text_on_the_plan_view(marked_activity) -> None:
    _, activity_id = marked_activity
    at = open_page()
    activities, posts = table(at, "activities_table").value, table(at, "posts_table").value
    assert activities.set_index("id").loc[activity_id, "title"] == MARKUP
    assert set(posts.loc[posts["activity_id"] == activity_id, "activity"]) == {MARKUP}
    # Selecting the activity offers a link to it, named after its title
    pick_rows(at, "activities_table", [list(activities["id"]).index(activity_id)])
    links = [link.label for link in at.page_link if link.label.startswith("Open “")]
    assert len(links) == 1 and "bold" in links[0]
    assert_never_markdown(at)


def test_an_activity_title_and_description_stay_text_on_the_activity_view(marked_activity) -> None:
    _, activity_id = marked_activity
    at = open_page("pages/activity.py")
    assert any(MARKUP in option for option in by_label(at.selectbox, "Open an activity").options)
    at.query_params["activity"] = activity_id
    at.run()
    assert f"About {MARKUP}" in plain_texts(at)
    assert "bold" in at.header[0].value
    assert by_label(at.text_input, "Title").value == MARKUP
    assert_never_markdown(at)
    # Deleting names the activity in the notice
    by_label(at.button, "Delete activity").click().run()
    assert MARKUP in plain_texts(at)  # the confirm dialog names it as text
    at.button(key="confirm_delete_activity").click().run()
    assert any("was deleted" in s.value for s in at.success)
    assert_never_markdown(at)


def test_an_event_name_from_the_api_stays_text(site_factory) -> None:
    site = site_factory("demo")
    day = datetime.combine(date.today() + timedelta(days=3), datetime.min.time(), tzinfo=UTC)
    with client(site) as wix:
        wix.create_event(CalendarEvent(name=MARKUP, description=f"About {MARKUP}", date=day))
    at = open_page("pages/events.py")
    table = at.dataframe[0].value
    assert MARKUP in set(table["name"])
    assert f"About {MARKUP}" in set(table["description"])
    assert_calendar_names_it_verbatim(at)
    assert_never_markdown(at)
    at.switch_page("pages/plan.py").run()
    at.session_state["calendar"] = True  # the posts calendar, once opened, draws the event's bar with its name
    at.run()
    assert_calendar_names_it_verbatim(at)


def test_an_event_name_typed_into_the_form_stays_text_in_the_notice(site_factory) -> None:
    site_factory("demo")
    at = open_page("pages/events.py")
    by_label(at.text_input, "Name").set_value(MARKUP)
    by_label(at.date_input, "Date (one-time)").set_value(date.today() + timedelta(days=4))
    by_label(at.button, "Create event").click().run()
    assert any("created" in s.value for s in at.success)
    assert MARKUP in set(at.dataframe[0].value["name"])
    assert_never_markdown(at)
