"""AppTest: the Activity view against a real sandbox site (picker, edit, delete, regenerate and poll, clear, create),
and the sequences of issue 10: ask before replacing work, one write per intent, errors kept in sight, nothing acting
on a plan being rebuilt."""

from __future__ import annotations

from datetime import datetime

import pytest
from streamlit.testing.v1 import AppTest

from lib.ui import activity_data, activity_form
from lib.ui.activity_posts import POST_ACTION_REQUEST
from lib.wix import gaps
from tests.app.conftest import POLL_LIMIT_SECONDS, PollingClock, Site, by_label, confirm_regenerate, open_page

PAGE = "pages/activity.py"
API = "/promote/marketing-plan-service/v1"
READ_POSTS = ("/marketing-activity-posts", "/events/query")  # POSTs that only read


def plan_activities(site: Site) -> list[dict]:
    with site.api() as api:
        return api.get("/marketing-plan").json()["marketingActivities"]


def activity_json(site: Site, activity_id: str) -> dict:
    with site.api() as api:
        return api.get("/marketing-activity", params={"id": activity_id}).json()["marketingActivity"]


def items_of(site: Site, activity_id: str) -> list[dict]:
    with site.api() as api:
        body = api.post("/marketing-activity-posts", json={"marketingActivityIds": [activity_id]}).json()
    return body["marketingActivities"][0]["items"]


def site_calls(site: Site, method: str, path_part: str) -> int:
    """How many calls of this method on a path containing ``path_part`` the sandbox has seen for the site."""
    with site.api() as api:
        log = api.get(site.base_url + "/_sandbox/requests").json()["requests"]
    return sum(1 for r in log if r.get("site") == site.site_id and r["method"] == method and path_part in r["path"])


def site_writes(site: Site) -> list[str]:
    """Every write the sandbox has seen for the site, as "METHOD path", oldest first."""
    with site.api() as api:
        log = api.get(site.base_url + "/_sandbox/requests").json()["requests"]
    return [
        f"{r['method']} {r['path']}"
        for r in log
        if r.get("site") == site.site_id and r["method"] != "GET" and not r["path"].endswith(READ_POSTS)
    ]


def social_with_drafts(site: Site, *, story: bool) -> dict:
    """An upcoming social activity with draft posts, with or without a story draft."""
    return next(
        a
        for a in plan_activities(site)
        if a["marketingActivityType"] == "SOCIAL_MARKETING"
        and any(i["status"] == "DRAFT" for i in a.get("items", []))
        and any(i["type"] == "STORY" and i["status"] == "DRAFT" for i in a["items"]) == story
    )


def open_activity(activity_id: str | None = None) -> AppTest:
    """The Activity view, opened by a link with ``?activity=<id>`` (or without one)."""
    at = open_page(PAGE)
    if activity_id:
        at.query_params["activity"] = activity_id
        at.run()
    assert not at.exception
    return at


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


def edit_expander(at: AppTest):
    return next(e for e in at.expander if e.label == "Edit the activity")


def test_picker_opens_the_activity_with_its_posts_as_text(site_factory) -> None:
    site = site_factory("demo")
    activities = plan_activities(site)
    at = open_activity()
    picker = by_label(at.selectbox, "Open an activity")
    assert len(picker.options) == len(activities)
    chosen = social_with_drafts(site, story=False)
    picker.set_value(chosen["marketingActivityId"]).run()
    assert at.query_params["activity"] == chosen["marketingActivityId"]
    assert by_label(at.text_input, "Title").value == chosen["title"]
    assert chosen["description"] in texts(at)
    captions = {content["caption"] for i in chosen["items"] for k, content in i.items() if k.endswith("Post")}
    assert captions <= set(texts(at))


def test_edit_title_changes_only_the_title(site_factory) -> None:
    site = site_factory("demo")
    chosen = social_with_drafts(site, story=False)
    before = activity_json(site, chosen["marketingActivityId"])
    at = open_activity(chosen["marketingActivityId"])
    by_label(at.text_input, "Title").set_value("Glaze day: live from the kiln")
    by_label(at.button, "Save changes").click().run()
    assert not at.exception
    assert any("saved" in s.value for s in at.success)
    after = activity_json(site, chosen["marketingActivityId"])
    assert after == {**before, "title": "Glaze day: live from the kiln"}
    assert by_label(at.text_input, "Title").value == "Glaze day: live from the kiln"


def test_invalid_edit_is_refused_before_any_call(site_factory) -> None:
    site = site_factory("demo")
    chosen = social_with_drafts(site, story=False)
    at = open_activity(chosen["marketingActivityId"])
    by_label(at.text_input, "Title").set_value("   ")
    by_label(at.text_area, "Description").set_value("x" * 3001)
    by_label(at.button, "Save changes").click().run()
    errors = " ".join(e.value for e in at.error)
    assert "title" in errors and "3,000" in errors
    assert site_calls(site, "PATCH", "/items/") == 0
    assert activity_json(site, chosen["marketingActivityId"])["title"] == chosen["title"]


def test_delete_asks_then_removes_the_activity_from_the_plan(site_factory) -> None:
    site = site_factory("demo")
    chosen = social_with_drafts(site, story=False)
    at = open_activity(chosen["marketingActivityId"])
    by_label(at.button, "Delete activity").click().run()
    assert site_calls(site, "DELETE", "/plan-marketing-activity") == 0
    at.button(key="confirm_delete_activity").click().run()
    assert not at.exception
    assert chosen["marketingActivityId"] not in {a["marketingActivityId"] for a in plan_activities(site)}
    assert any("deleted" in s.value for s in at.success)
    assert "activity" not in at.query_params
    assert chosen["marketingActivityId"] not in by_label(at.selectbox, "Open an activity").options


def test_regenerate_image_polls_until_the_image_changes(site_factory) -> None:
    site = site_factory("demo", progression="manual")
    chosen = social_with_drafts(site, story=False)
    activity_id = chosen["marketingActivityId"]
    before = {i["id"]: i for i in items_of(site, activity_id)}
    at = open_activity(activity_id)
    confirm_regenerate(at, "Regenerate image")
    assert any("Creating a new image" in info.value for info in at.info)
    assert by_label(at.button, "Regenerate posts").disabled
    site.complete_jobs()
    at.run()  # the regeneration fragment's next tick
    assert any("new image is ready" in s.value for s in at.success)
    after = {i["id"]: i for i in items_of(site, activity_id)}
    drafts = [i for i in before if before[i]["status"] == "DRAFT"]
    content = next(k for k in before[drafts[0]] if k.endswith("Post"))
    old_url = before[drafts[0]][content]["mediaWrapper"]["media"][0]["url"]
    new_url = after[drafts[0]][content]["mediaWrapper"]["media"][0]["url"]
    assert new_url != old_url
    assert after[drafts[0]][content]["caption"] == before[drafts[0]][content]["caption"]
    assert not any("Creating a new image" in info.value for info in at.info)
    assert not by_label(at.button, "Regenerate posts").disabled


def test_regenerate_stories_without_a_story_draft_says_so(site_factory) -> None:
    site = site_factory("demo")
    chosen = social_with_drafts(site, story=False)
    at = open_activity(chosen["marketingActivityId"])
    confirm_regenerate(at, "Regenerate stories")
    assert any("no story draft" in info.value for info in at.info)
    assert not any("Writing a new story" in info.value for info in at.info)
    assert not by_label(at.button, "Regenerate posts").disabled


def test_clear_posts_asks_then_removes_the_drafts(site_factory) -> None:
    site = site_factory("demo")
    chosen = social_with_drafts(site, story=True)
    activity_id = chosen["marketingActivityId"]
    kept = [i["id"] for i in chosen["items"] if i["status"] != "DRAFT"]
    at = open_activity(activity_id)
    by_label(at.button, "Clear posts").click().run()
    assert site_calls(site, "PATCH", "/clear-marketing-activity-posts") == 0
    at.button(key="confirm_clear_posts").click().run()
    assert not at.exception
    assert any("cleared" in s.value for s in at.success)
    assert [i["id"] for i in items_of(site, activity_id)] == kept
    assert by_label(at.button, "Clear posts").disabled


def test_regeneration_gives_up_after_the_poll_limit(site_factory, polling_clock: PollingClock) -> None:
    site = site_factory("demo")
    chosen = social_with_drafts(site, story=False)
    activity_id = chosen["marketingActivityId"]
    # Every channel connected and every draft scheduled: regenerating posts has no draft to replace, so nothing changes
    with site.api() as api:
        channels = sorted({i["channel"]["name"] for i in chosen["items"]})
        admin = f"{site.base_url}/_sandbox/sites/{site.site_id}"
        api.put(f"{admin}/channels", json={"connected": channels}).raise_for_status()
        api.post(
            "/marketing-plan/schedule-drafts", json={"draftIds": [i["id"] for i in chosen["items"]]}
        ).raise_for_status()
    at = open_activity(activity_id)
    confirm_regenerate(at, "Regenerate posts")
    assert any("Writing new posts" in info.value for info in at.info)
    polling_clock.advance(POLL_LIMIT_SECONDS)
    at.run()
    assert any("stopped checking" in w.value for w in at.warning)
    assert f"{POLL_LIMIT_SECONDS} seconds" in " ".join(w.value for w in at.warning)
    assert not by_label(at.button, "Regenerate posts").disabled


def test_create_manual_activity_joins_the_plan_and_opens(site_factory) -> None:
    site = site_factory("demo")
    at = open_activity()
    by_label(at.text_input, "Title").set_value("Kiln opening livestream")
    by_label(at.text_area, "Description").set_value("Open the kiln live <b>and</b> show the **results**")
    by_label(at.selectbox, "Type").set_value("BLOG")
    by_label(at.button, "Create activity").click().run()
    assert not at.exception
    created = [a for a in plan_activities(site) if a["title"] == "Kiln opening livestream"]
    assert len(created) == 1
    assert created[0]["marketingActivityType"] == "BLOG"
    assert at.query_params["activity"] == created[0]["marketingActivityId"]
    assert "Open the kiln live <b>and</b> show the **results**" in texts(at)
    assert datetime.fromisoformat(created[0]["date"]).hour == 9  # 09:00 in the viewer's zone (UTC in AppTest)


def test_create_is_refused_before_any_call_without_a_title(site_factory) -> None:
    site = site_factory("demo")
    at = open_activity()
    by_label(at.text_area, "Description").set_value("No title given")
    by_label(at.button, "Create activity").click().run()
    assert any("title" in e.value for e in at.error)
    assert site_calls(site, "POST", "/marketing-activity") == 0


def test_create_where_the_api_has_no_such_endpoint(site_factory, monkeypatch) -> None:
    site = site_factory("demo")
    monkeypatch.setattr(gaps, "CREATE_ACTIVITY_PATH", "/marketing-activity-not-offered")
    at = open_activity()
    by_label(at.text_input, "Title").set_value("Kiln opening livestream")
    by_label(at.text_area, "Description").set_value("Open the kiln live")
    by_label(at.button, "Create activity").click().run()
    assert any(e.value == "Creating activities is not supported by this API version." for e in at.error)
    assert "Kiln opening livestream" not in {a["title"] for a in plan_activities(site)}
    assert "activity" not in at.query_params


def test_link_to_an_unknown_activity_says_it_is_gone(site_factory) -> None:
    site_factory("demo")
    at = open_activity("00000000-0000-0000-0000-000000000000")
    assert any("not in the plan any more" in w.value for w in at.warning)
    assert "Save changes" not in [b.label for b in at.button]


# --- issue 10: ask before replacing work, one write per intent, errors in sight, nothing on a plan being rebuilt ---


def scheduled_and_drafts(activity: dict) -> tuple[int, int, int]:
    """(scheduled posts, drafts, story drafts) of an activity as the plan lists it."""
    items = activity.get("items", [])
    drafts = [i for i in items if i["status"] == "DRAFT"]
    return (
        sum(1 for i in items if i["status"] == "SCHEDULED"),
        len(drafts),
        sum(1 for i in drafts if i["type"] == "STORY"),
    )


def markdown_text(at: AppTest) -> str:
    return " ".join(m.value for m in at.markdown) + " " + " ".join(w.value for w in at.warning)


@pytest.mark.parametrize(
    ("button", "replaced"),
    [
        ("Regenerate posts", "its **{drafts} draft(s)** are replaced"),
        ("Regenerate image", "new image for this activity's **{drafts} draft(s)**"),
        ("Regenerate stories", "**{stories} story draft(s)**"),
    ],
)
def test_regenerate_asks_first_saying_what_it_replaces(site_factory, button: str, replaced: str) -> None:
    """Finding 4 (Activity view): each regenerate opens a confirmation with the drafts rebuilt and the scheduled
    posts with the assumption about them; nothing is sent until it is confirmed, then exactly one write."""
    site = site_factory("demo")
    chosen = social_with_drafts(site, story=False)
    scheduled, drafts, stories = scheduled_and_drafts(chosen)
    assert scheduled and drafts, "the demo's first upcoming activity has scheduled posts and a draft"
    at = open_activity(chosen["marketingActivityId"])
    by_label(at.button, button).click().run()
    assert not at.exception
    assert site_writes(site) == []
    shown = markdown_text(at)
    assert replaced.format(drafts=drafts, stories=stories) in shown
    assert f"**{scheduled}** of its posts are scheduled. {gaps.SCHEDULED_POSTS_OF_REBUILT_ACTIVITIES}" in shown
    by_label(at.button, f"{button} now").click().run()
    assert not at.exception
    assert len(site_writes(site)) == 1
    assert "/regenerate-marketing-activity-" in site_writes(site)[0]


def test_regenerate_confirm_clicked_twice_sends_one_write(site_factory) -> None:
    """One write per intent: the second click of a double click on the confirm reaches the script while the dialog
    is still pending (Streamlit interrupts the first run for it); it sends nothing and says it was already sent."""
    site = site_factory("demo")
    chosen = social_with_drafts(site, story=False)
    at = open_activity(chosen["marketingActivityId"])
    confirm_regenerate(at, "Regenerate stories")  # no story draft: nothing is followed, the buttons stay on
    at.session_state[f"{site.site_id}::{POST_ACTION_REQUEST}"] = (chosen["marketingActivityId"], "stories")
    at.run()
    by_label(at.button, "Regenerate stories now").click().run()
    assert not at.exception
    assert site_writes(site) == [f"POST {API}/marketing-plan/regenerate-marketing-activity-stories"]
    assert any("already sent" in i.value and "nothing more was sent" in i.value for i in at.info)
    assert not any(e.value for e in at.error)


def test_invalid_edit_keeps_the_form_open_with_its_messages_and_input(site_factory) -> None:
    """Finding 7: Save with an empty title and a past date keeps the editor open, its messages and input in it."""
    site = site_factory("demo")
    chosen = social_with_drafts(site, story=False)
    at = open_activity(chosen["marketingActivityId"])
    assert not edit_expander(at).proto.expanded
    by_label(at.text_input, "Title").set_value("")
    by_label(at.date_input, "Date (UTC)").set_value(datetime(2020, 1, 6).date())
    by_label(at.button, "Save changes").click().run()
    assert not at.exception
    editor = edit_expander(at)
    assert editor.proto.expanded
    messages = " ".join(e.value for e in editor.error)
    assert "title" in messages and "passed" in messages
    assert by_label(editor.text_input, "Title").value == ""
    assert by_label(editor.date_input, "Date (UTC)").value == datetime(2020, 1, 6).date()
    assert site_writes(site) == []


def test_refused_edit_keeps_the_form_open_with_the_refusal_and_input(site_factory) -> None:
    """Finding 7: a refusal by Wix (the activity was deleted elsewhere) shows in the open editor beside the input."""
    site = site_factory("demo")
    chosen = social_with_drafts(site, story=False)
    activity_id = chosen["marketingActivityId"]
    at = open_activity(activity_id)
    with site.api() as api:
        api.delete("/marketing-plan/plan-marketing-activity", params={"id": activity_id}).raise_for_status()
    by_label(at.text_input, "Title").set_value("Glaze day: live from the kiln")
    by_label(at.button, "Save changes").click().run()
    assert not at.exception
    editor = edit_expander(at)
    assert editor.proto.expanded
    assert any("not changed" in e.value for e in editor.error)
    assert by_label(editor.text_input, "Title").value == "Glaze day: live from the kiln"
    assert not at.success


def test_two_different_edits_in_a_row_are_both_sent(site_factory) -> None:
    """One write per intent, and one per intent only: a second, different edit seconds later is its own intent."""
    site = site_factory("demo")
    chosen = social_with_drafts(site, story=False)
    activity_id = chosen["marketingActivityId"]
    at = open_activity(activity_id)
    by_label(at.text_input, "Title").set_value("First title")
    by_label(at.button, "Save changes").click().run()
    by_label(at.text_input, "Title").set_value("Second title")
    by_label(at.button, "Save changes").click().run()
    assert not at.exception
    assert len(site_writes(site)) == 2
    assert activity_json(site, activity_id)["title"] == "Second title"
    assert any(s.value == "The activity was saved." for s in at.success)


def test_repeated_save_sends_one_write_and_says_it_was_already_saved(site_factory, monkeypatch) -> None:
    """Double click on Save changes: the second submit reaches the script before the first run has read the activity
    again (emulated by keeping the first read); it sends nothing and says the save was already done."""
    site = site_factory("demo")
    chosen = social_with_drafts(site, story=False)
    for module in (activity_form, activity_data):
        monkeypatch.setattr(module, "forget_activity", lambda: None)
    at = open_activity(chosen["marketingActivityId"])
    by_label(at.text_input, "Title").set_value("Glaze day: live from the kiln")
    by_label(at.button, "Save changes").click().run()
    by_label(at.button, "Save changes").click().run()
    assert not at.exception
    assert site_writes(site) == [f"PATCH {API}/items/{chosen['marketingActivityId']}"]
    assert any("already saved" in i.value for i in at.info)
    assert not at.error


def test_create_clears_the_form_and_a_repeated_create_sends_nothing(site_factory) -> None:
    """Create once: the form is empty afterwards. The same activity submitted again at once (the impatient second
    click) sends no second CreateMarketingActivity, says it was already created and opens that one."""
    site = site_factory("demo")
    at = open_activity()

    def submit() -> None:
        by_label(at.text_input, "Title").set_value("Kiln opening livestream")
        by_label(at.text_area, "Description").set_value("Open the kiln live")
        by_label(at.button, "Create activity").click().run()
        assert not at.exception

    submit()
    created = at.query_params["activity"]
    by_label(at.button, "Choose another activity").click().run()
    assert by_label(at.text_input, "Title").value == ""
    assert by_label(at.text_area, "Description").value == ""
    submit()
    assert site_writes(site) == [f"POST {API}/marketing-activity"]
    assert at.query_params["activity"] == created
    assert any("already created" in i.value for i in at.info)


def test_nothing_acts_on_an_activity_while_the_plan_is_rebuilt(site_factory) -> None:
    """While the plan is GENERATING: edit, delete, regenerate, clear and create are off, with the reason on screen."""
    site = site_factory("demo", progression="manual")  # the plan stays GENERATING for as long as the test needs
    chosen = social_with_drafts(site, story=True)
    with site.api() as api:
        api.post("/marketing-plan/regenerate-marketing-plan", json={}).raise_for_status()
    at = open_activity(chosen["marketingActivityId"])
    assert any(w.value.startswith("The plan is being rebuilt: ") for w in at.warning)
    for label in (
        "Regenerate posts",
        "Regenerate image",
        "Regenerate stories",
        "Clear posts",
        "Clear stories",
        "Save changes",
        "Delete activity",
    ):
        assert by_label(at.button, label).disabled, label
    by_label(at.button, "Choose another activity").click().run()
    assert by_label(at.button, "Create activity").disabled
    assert any(w.value.startswith("The plan is being rebuilt: ") for w in at.warning)
    assert site_writes(site) == [f"POST {API}/marketing-plan/regenerate-marketing-plan"]
