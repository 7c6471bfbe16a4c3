"""AppTest: the Events view (range query, read-only events, validation before any call, create, regenerate)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from tests.app.conftest import Site, by_label, open_page


def query(site: Site, days: int = 60) -> list[dict]:
    start = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    body = {
        "query": {
            "filter": {
                "date": {
                    "$gte": start.isoformat().replace("+00:00", "Z"),
                    "$lte": (start + timedelta(days=days)).isoformat().replace("+00:00", "Z"),
                }
            }
        }
    }
    with site.api() as api:
        return api.post("/events/query", json=body).json()["calendarEvents"]


def submit(at, label: str) -> None:
    by_label(at.button, label).click().run()


def test_events_in_range_with_read_only_and_recurring(site_factory) -> None:
    site = site_factory("demo")
    at = open_page("pages/events.py")
    assert not at.exception
    table = at.dataframe[0].value
    expected = query(site)
    assert set(table["name"]) == {e["name"] for e in expected}
    read_only = {e["name"] for e in expected if e.get("readOnly")}
    assert set(table.loc[table["read_only"], "name"]) == read_only
    recurring = [e for e in expected if e.get("recurringRule")]
    assert recurring
    row = table.set_index("name").loc[recurring[0]["name"]]
    assert row["occurrences"] == len(recurring[0]["recurringOccurrences"]) > 1


def test_create_without_name_is_refused_and_keeps_the_description(site_factory) -> None:
    site = site_factory("demo")
    at = open_page("pages/events.py")
    before = query(site)
    by_label(at.text_area, "Description").set_value("20% off all mugs")
    by_label(at.date_input, "Date (one-time)").set_value(date.today() + timedelta(days=5))
    submit(at, "Create event")
    assert any("name" in error.value.lower() for error in at.error)
    assert query(site) == before
    assert by_label(at.text_area, "Description").value == "20% off all mugs"


def test_create_one_time_event_then_offer_regeneration(site_factory) -> None:
    site = site_factory("demo")
    at = open_page("pages/events.py")
    day = date.today() + timedelta(days=9)
    by_label(at.text_input, "Name").set_value("Winter Sale")
    by_label(at.date_input, "Date (one-time)").set_value(day)
    submit(at, "Create event")
    assert not at.exception
    created = [e for e in query(site) if e["name"] == "Winter Sale"]
    assert len(created) == 1 and created[0]["date"].startswith(day.isoformat())
    assert any("Winter Sale" in s.value for s in at.success)
    assert "Winter Sale" in set(at.dataframe[0].value["name"])
    submit(at, "Regenerate the plan now")  # asks first: a regeneration replaces the upcoming activities
    assert any("upcoming activit" in m.value for m in at.markdown)
    submit(at, "Regenerate now")
    with site.api() as api:
        assert api.get("/marketing-plan").json()["status"] == "GENERATING"


def test_create_weekly_event_shows_its_occurrences(site_factory) -> None:
    site_factory("fresh")
    at = open_page("pages/events.py")
    by_label(at.radio, "When").set_value("Recurring").run()  # the recurring fields are drawn once it is chosen
    by_label(at.text_input, "Name").set_value("Market day")
    by_label(at.selectbox, "Repeats (recurring)").set_value("WEEKLY")
    by_label(at.date_input, "Starting").set_value(date.today())
    submit(at, "Create event")
    row = at.dataframe[0].value.set_index("name").loc["Market day"]
    assert row["recurrence"].lower() == "weekly"
    assert row["occurrences"] >= 8
    assert "Generate the plan now" in [b.label for b in at.button]
