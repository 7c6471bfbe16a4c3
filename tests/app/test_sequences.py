"""AppTest: sequences of actions (act → the data changes → act again) on the Plan, Settings and Events views, the
writes each sends counted in the sandbox's request log."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta

import httpx
from streamlit.testing.v1 import AppTest

from lib.sandbox.server import SandboxOptions, start_sandbox
from tests.app.conftest import Site, by_label, confirm_regenerate, open_page, pick_rows, table

WRITE_METHODS = {"POST", "PATCH", "PUT", "DELETE"}
READ_ONLY_POSTS = ("/query", "/marketing-activity-posts")  # POSTs that only read (query bodies)


def writes(site: Site, path_part: str = "") -> list[dict]:
    """The site's write requests seen by the sandbox so far (optionally only those whose path contains this)."""
    log = httpx.get(site.base_url + "/_sandbox/requests").json()["requests"]
    return [
        r
        for r in log
        if r["site"] == site.site_id
        and r["method"] in WRITE_METHODS
        and not r["path"].endswith(READ_ONLY_POSTS)
        and path_part in r["path"]
    ]


def items(site: Site) -> list[dict]:
    with site.api() as api:
        plan = api.get("/marketing-plan").json()
    return [item for activity in plan["marketingActivities"] for item in activity.get("items", [])]


def labels(at: AppTest) -> list[str]:
    return [button.label for button in at.button]


def button_starting(at: AppTest, prefix: str):
    matches = [button for button in at.button if button.label.startswith(prefix)]
    assert matches, f"no button starting {prefix!r}; on screen: {labels(at)}"
    return matches[0]


def texts(at: AppTest) -> str:
    return " ".join(str(e.value) for kind in (at.success, at.info, at.warning, at.error, at.markdown) for e in kind)


def test_ticked_posts_are_not_carried_over_to_the_posts_a_regeneration_makes(site_factory) -> None:
    site = site_factory("demo", progression="manual")
    at = open_page()
    pick_rows(at, "posts_table", [0, 2, 3])
    assert not by_label(at.button, "Schedule 3 selected").disabled
    confirm_regenerate(at)
    # While the plan is rebuilt nothing can be scheduled, and the reason is on screen
    assert by_label(at.button, "Schedule 0 selected").disabled
    assert button_starting(at, "Schedule all").disabled
    assert "The plan is being rebuilt" in " ".join(c.value for c in at.caption)
    site.complete_jobs()
    at.run()  # the polling fragment's next tick
    assert "Active" in at.markdown[0].value
    assert by_label(at.button, "Schedule 0 selected").disabled
    assert table(at, "posts_table").key  # a new table: nothing ticked in it


def test_activities_that_got_posts_leave_the_selection_instead_of_passing_it_to_the_next_rows(site_factory) -> None:
    site = site_factory("demo", progression="manual")
    at = open_page()
    by_label(at.checkbox, "Only without posts").check().run()
    before = table(at, "activities_table").value
    social = [row for row, kind in enumerate(before["type"]) if kind == "SOCIAL_MARKETING"]
    assert len(social) > 6
    pick_rows(at, "activities_table", social[:3])
    button_starting(at, "Generate posts for 3 selected").click().run()
    assert len(writes(site, "generate-social-posts")) == 1
    assert button_starting(at, "Generate posts for 0 selected").disabled
    site.complete_jobs()
    at.run()  # the posts fragment's next tick
    assert any("New drafts are ready for 3" in s.value for s in at.success)
    assert button_starting(at, "Generate posts for 0 selected").disabled
    remaining = table(at, "activities_table").value
    assert set(before["id"].iloc[social[:3]]).isdisjoint(remaining["id"])


def test_after_scheduling_nothing_stays_ticked(site_factory) -> None:
    site = site_factory("demo")
    at = open_page()
    by_label(at.multiselect, "Channel").select("FACEBOOK").run()
    by_label(at.multiselect, "Status").select("DRAFT").run()
    pick_rows(at, "posts_table", [0, 1, 2])
    by_label(at.button, "Schedule 3 selected").click().run()
    by_label(at.button, "Schedule 3 draft(s)").click().run()
    assert any("Scheduling done: 3 scheduled" in s.value for s in at.success)
    assert by_label(at.button, "Schedule 0 selected").disabled
    assert sum(i["status"] == "SCHEDULED" for i in items(site)) >= 3


def test_the_regenerate_dialog_says_what_happens_to_scheduled_posts_and_the_sandbox_agrees(site_factory) -> None:
    site = site_factory("demo", progression="manual")
    at = open_page()
    by_label(at.multiselect, "Channel").select("INSTAGRAM").run()
    by_label(at.multiselect, "Status").select("DRAFT").run()
    pick_rows(at, "posts_table", [0, 1])
    by_label(at.button, "Schedule 2 selected").click().run()
    by_label(at.button, "Schedule 2 draft(s)").click().run()
    scheduled = sum(i["status"] == "SCHEDULED" for i in items(site))
    by_label(at.button, "Regenerate").click().run()
    warning = " ".join(w.value for w in at.warning)
    assert f"**{scheduled}** scheduled post(s) sit in upcoming activities" in warning
    assert "will not be published" in warning
    (listed,) = [f.value for f in at.dataframe if "Caption" in f.value.columns and "Result" not in f.value.columns]
    assert len(listed) == scheduled, "the dialog lists the posts at risk (the result above is the last scheduling's)"
    assert set(listed["Channel"]) <= {"Instagram", "Facebook"}, "by display name"
    with site.api() as api:
        activities = api.get("/marketing-plan").json()["marketingActivities"]
    now = datetime.now(UTC)
    upcoming = [a["title"] for a in activities if datetime.fromisoformat(a["date"].replace("Z", "+00:00")) >= now]
    rebuilt = by_label(at.expander, f"The {len(upcoming)} upcoming activities it rebuilds").dataframe[0].value
    assert sorted(rebuilt["Title"]) == sorted(upcoming)
    assert writes(site, "regenerate") == []  # asking sends nothing
    by_label(at.button, "Regenerate now").click().run()
    assert len(writes(site, "regenerate-marketing-plan")) == 1
    site.complete_jobs()
    at.run()  # the polling fragment's next tick
    assert "Active" in at.markdown[0].value
    assert not any(i["status"] == "SCHEDULED" for i in items(site))  # as the dialog said
    assert not any("Scheduling done" in s.value for s in at.success)  # the old result no longer stands


def test_the_delete_plan_dialog_does_not_promise_that_scheduled_posts_survive(site_factory) -> None:
    site = site_factory("demo")
    at = open_page()
    button_starting(at, "Schedule all").click().run()
    next(b for b in at.button if b.label.startswith("Schedule ") and b.label.endswith("draft(s)")).click().run()
    scheduled = sum(i["status"] == "SCHEDULED" for i in items(site))
    written = len(writes(site))
    by_label(at.button, "Delete plan").click().run()
    assert "not affected" not in texts(at)
    assert f"**{scheduled}** of them are scheduled" in texts(at)
    assert "will not be published" in texts(at)
    assert len(writes(site)) == written  # asking sends nothing


def test_a_second_save_of_the_same_settings_is_not_reported_as_a_failure(site_factory) -> None:
    site = site_factory("demo")
    at = open_page("pages/settings.py")
    by_label(at.text_input, "Tone of voice").set_value("calm and precise")
    by_label(at.button, "Save settings").click().run()
    by_label(at.button, "Save settings").click().run()  # the impatient second click
    assert len(writes(site, "marketing-settings")) == 1
    assert not any("not saved" in e.value for e in at.error)
    assert any("Saved 1 change(s)" in s.value for s in at.success)
    assert by_label(at.text_input, "Tone of voice").value == "calm and precise"


def test_unsaved_settings_survive_a_visit_to_another_view_and_can_be_discarded(site_factory) -> None:
    site = site_factory("demo")
    at = open_page("pages/settings.py")
    saved = by_label(at.text_input, "Tone of voice").value
    by_label(at.text_input, "Tone of voice").set_value("bold and brief").run()
    at.switch_page("pages/events.py").run()
    at.switch_page("pages/settings.py").run()
    assert by_label(at.text_input, "Tone of voice").value == "bold and brief"
    assert any("Unsaved changes in 1 field(s)" in c.value for c in at.caption)
    by_label(at.button, "Discard changes").click().run()
    assert by_label(at.text_input, "Tone of voice").value == saved
    assert writes(site) == []


def test_deleting_the_last_event_of_the_table_leaves_a_working_view(site_factory) -> None:
    site = site_factory("demo")
    at = open_page("pages/events.py")
    events = table(at, "events_table").value
    pick_rows(at, "events_table", [len(events) - 1])
    by_label(at.button, "Delete this event").click().run()
    by_label(at.button, "Delete event").click().run()
    assert not at.exception
    assert len(writes(site, "/events")) == 1
    assert any("Event deleted" in s.value for s in at.success)
    assert len(table(at, "events_table").value) == len(events) - 1
    assert any("Select an event" in c.value for c in at.caption)  # the selection went with the row


def test_the_same_event_submitted_twice_is_created_once_and_the_form_is_cleared(site_factory) -> None:
    site = site_factory("demo")
    at = open_page("pages/events.py")
    by_label(at.text_input, "Name").set_value("Winter Sale")
    by_label(at.date_input, "Date (one-time)").set_value(date.today() + timedelta(days=9))
    by_label(at.button, "Create event").click().run()
    assert len(writes(site, "/events")) == 1
    assert by_label(at.text_input, "Name").value == ""
    assert any("Winter Sale" in s.value and "created" in s.value for s in at.success)
    assert not at.error


def test_a_pending_schedule_request_stays_with_its_site(site_factory, monkeypatch) -> None:
    first = site_factory("demo")
    at = open_page()
    button_starting(at, "Schedule all").click().run()
    assert any(b.label.startswith("Schedule ") and b.label.endswith("draft(s)") for b in at.button)
    second = site_factory("demo")  # the same session now works on another site
    at.run()
    assert not any(b.label.startswith("Schedule ") and b.label.endswith("draft(s)") for b in at.button)
    assert "will be scheduled" not in texts(at) and "Nothing can be scheduled" not in texts(at)
    monkeypatch.setenv("WIX_SITE_ID", first.site_id)  # and back: the request is still there for its own site
    at.run()
    assert any(b.label.startswith("Schedule ") and b.label.endswith("draft(s)") for b in at.button)
    assert writes(first) == [] and writes(second) == []


def test_posts_for_more_than_a_hundred_activities_are_followed_to_the_end(tmp_path, monkeypatch) -> None:
    """The poll reads at most 100 activities a call: each tick must pass on those still waiting, not the full list."""
    running = start_sandbox(
        SandboxOptions(
            db_path=str(tmp_path / "large.db"),
            scenario="large",
            large_activities=160,
            large_items=0,
            large_events=0,
            progression="reads",  # each post job finishes when a read shows its activity
        )
    )
    try:
        site = Site(running.base_url, "large-site")
        for name, value in {
            "WIX_API_BASE_URL": site.base_url,
            "WIX_API_KEY": "test-key",
            "WIX_SITE_ID": site.site_id,
            "STUDIO_POLL_SECONDS": "0.2",
            "STUDIO_ALLOW_ANONYMOUS": "true",
            "STUDIO_AUDIT_DB": str(tmp_path / "audit.db"),
        }.items():
            monkeypatch.setenv(name, value)
        at = open_page()
        pick_rows(at, "activities_table", list(range(len(table(at, "activities_table").value))))
        generate = button_starting(at, "Generate posts for ")
        count = int(generate.label.split()[3])
        assert count > 100
        generate.click().run()
        assert len(writes(site, "generate-social-posts")) == math.ceil(count / 20)  # 20 per call
        at.run()  # the next tick reads the activities the first one (in the click's run) left waiting
        assert any(f"New drafts are ready for {count}" in s.value for s in at.success)
    finally:
        running.stop()


def set_faults(site: Site, rate: float) -> None:
    """Every API request of the sandbox from now on fails with a 500 (rate 1) or none does (rate 0)."""
    body = {"fault_rate": rate, "fault_kinds": ["500"]} if rate else {"fault_rate": 0}
    httpx.put(site.base_url + "/_sandbox/faults", json=body, timeout=10).raise_for_status()


def test_a_failed_save_replaces_the_success_before_it(site_factory) -> None:
    site = site_factory("demo")
    at = open_page("pages/settings.py")
    by_label(at.text_input, "Tone of voice").set_value("calm and precise")
    by_label(at.button, "Save settings").click().run()
    assert any("Saved 1 change(s)" in s.value for s in at.success)
    by_label(at.text_input, "Tone of voice").set_value("loud")
    set_faults(site, 1.0)
    try:
        by_label(at.button, "Save settings").click().run()
    finally:
        set_faults(site, 0)
    assert any("were not saved" in e.value for e in at.error)
    assert not at.main.success  # no green "Saved" beside the red "not saved"
    assert by_label(at.text_input, "Tone of voice").value == "loud"  # the edit is still there


def test_a_refused_event_replaces_the_creation_before_it(site_factory) -> None:
    site = site_factory("demo")
    at = open_page("pages/events.py")
    day = date.today() + timedelta(days=9)
    by_label(at.text_input, "Name").set_value("Winter Sale")
    by_label(at.date_input, "Date (one-time)").set_value(day)
    by_label(at.button, "Create event").click().run()
    assert any("created" in s.value for s in at.success)
    by_label(at.text_input, "Name").set_value("Spring Sale")
    by_label(at.date_input, "Date (one-time)").set_value(day)
    set_faults(site, 1.0)
    try:
        by_label(at.button, "Create event").click().run()
    finally:
        set_faults(site, 0)
    assert any("was not created" in e.value for e in at.error)
    assert not any("created" in s.value for s in at.success)
    assert by_label(at.text_input, "Name").value == "Spring Sale"
