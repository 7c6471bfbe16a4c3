"""AppTest: the Activity view against a real sandbox site (picker, edit, delete, regenerate and poll, clear, create)."""

from __future__ import annotations

import time
from datetime import datetime

from streamlit.testing.v1 import AppTest

from lib.wix import gaps
from tests.app.conftest import Site, by_label, open_page

PAGE = "pages/activity.py"


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


def run_until(at: AppTest, predicate, seconds: float = 15) -> None:
    """Rerun (as the polling fragment's ticks would) until the screen satisfies the predicate."""
    deadline = time.monotonic() + seconds
    while not predicate(at):
        assert time.monotonic() < deadline, "the screen never reached the expected state"
        time.sleep(0.2)
        at.run()


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


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
    site = site_factory("demo")
    chosen = social_with_drafts(site, story=False)
    activity_id = chosen["marketingActivityId"]
    before = {i["id"]: i for i in items_of(site, activity_id)}
    at = open_activity(activity_id)
    by_label(at.button, "Regenerate image").click().run()
    assert any("Creating a new image" in info.value for info in at.info)
    assert by_label(at.button, "Regenerate posts").disabled
    run_until(at, lambda screen: any("new image is ready" in s.value for s in screen.success))
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
    by_label(at.button, "Regenerate stories").click().run()
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


def test_regeneration_gives_up_after_the_poll_limit(site_factory, monkeypatch) -> None:
    site = site_factory("demo")
    monkeypatch.setenv("STUDIO_POLL_LIMIT_SECONDS", "1")
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
    by_label(at.button, "Regenerate posts").click().run()
    assert any("Writing new posts" in info.value for info in at.info)
    run_until(at, lambda screen: any("stopped checking" in w.value for w in screen.warning))
    assert "1 seconds" in " ".join(w.value for w in at.warning)
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
