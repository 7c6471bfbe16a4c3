"""AppTest: the Plan view against a real sandbox site (status states, buttons, tables, polling, scheduling)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lib.display import format_day
from lib.flows.scheduling import X_SUNSET
from lib.wix.client import WixClient
from tests.app.conftest import APP, Site, by_label, calendar_entries, click_calendar, open_page, table


def plan_json(site: Site) -> dict:
    with site.api() as api:
        return api.get("/marketing-plan").json()


def site_requests(site: Site) -> int:
    """How many API requests the sandbox has seen for this site."""
    with site.api() as api:
        return sum(
            1 for r in api.get(site.base_url + "/_sandbox/requests").json()["requests"] if r.get("site") == site.site_id
        )


def test_sandbox_banner_without_credentials(monkeypatch, tmp_path) -> None:
    for name in ("WIX_API_KEY", "WIX_SITE_ID", "WIX_API_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("STUDIO_SANDBOX_DB", str(tmp_path / "own.db"))
    at = open_page()
    assert not at.exception
    assert any("Sandbox" in info.value for info in at.sidebar.info)


def test_live_banner_names_the_site(site_factory) -> None:
    site = site_factory("demo")
    at = open_page()
    assert any(site.site_id in success.value for success in at.sidebar.success)
    assert not any("Sandbox" in info.value for info in at.sidebar.info)


def test_fresh_site_offers_generate_only(site_factory) -> None:
    site_factory("fresh")
    at = open_page()
    assert not at.exception
    assert "No plan yet" in at.markdown[0].value
    assert not by_label(at.button, "Generate plan").disabled
    assert "Regenerate" not in [b.label for b in at.button]
    assert at.dataframe.len == 0


def test_generate_disables_buttons_then_polls_to_active(site_factory) -> None:
    site = site_factory("fresh", progression="manual")
    at = open_page()
    by_label(at.button, "Generate plan").click().run()
    assert "Generating" in at.markdown[0].value
    assert all(b.disabled for b in at.button if b.label in ("Generate plan", "Regenerate", "Delete plan"))
    assert any("Generating your plan" in info.value for info in at.info)
    reads = site_requests(site)
    by_label(at.button, "Refresh").click().run()
    assert site_requests(site) == reads + 2  # the whole plan, and the polling fragment's status read
    site.complete_jobs()
    at.run()  # the polling fragment's next tick
    assert "Active" in at.markdown[0].value
    plan = plan_json(site)
    assert plan["status"] == "ACTIVE"
    activities, posts = table(at, "activities_table").value, table(at, "posts_table").value
    assert len(activities) == len(plan["marketingActivities"])
    assert len(posts) == sum(len(a.get("items", [])) for a in plan["marketingActivities"])
    assert not by_label(at.button, "Regenerate").disabled


def test_double_generate_is_refused_by_the_second_session(site_factory) -> None:
    site_factory("fresh")
    first, second = open_page(), open_page()
    by_label(first.button, "Generate plan").click().run()
    by_label(second.button, "Generate plan").click().run()
    assert any("already generating" in error.value for error in second.error)


def test_active_plan_tables_match_the_sandbox(site_factory) -> None:
    site = site_factory("demo")
    at = open_page()
    plan = plan_json(site)
    assert "Active" in at.markdown[0].value
    activities, posts = table(at, "activities_table").value, table(at, "posts_table").value
    assert set(activities["id"]) == {a["marketingActivityId"] for a in plan["marketingActivities"]}
    by_id = {i["id"]: i for a in plan["marketingActivities"] for i in a.get("items", [])}
    assert set(posts["id"]) == set(by_id)
    row = posts.iloc[0]
    assert row["status"] == by_id[row["id"]]["status"]
    assert row["channel"] == by_id[row["id"]]["channel"]["name"]


def test_filter_without_posts_makes_no_api_call(site_factory) -> None:
    site = site_factory("demo")
    at = open_page()
    before = site_requests(site)
    by_label(at.checkbox, "Only without posts").check().run()
    after = site_requests(site)
    activities = table(at, "activities_table").value
    assert len(activities) > 0
    assert (activities["posts"] == 0).all()
    assert after == before


def test_schedule_all_drafts_says_which_channels_stay_drafts(site_factory) -> None:
    site = site_factory("demo")
    at = open_page()
    drafts_before = [
        i for a in plan_json(site)["marketingActivities"] for i in a.get("items", []) if i["status"] == "DRAFT"
    ]
    connected = [i for i in drafts_before if i["channel"]["name"] in ("FACEBOOK", "INSTAGRAM")]
    by_label(at.button, f"Schedule all {len(connected)} drafts in view").click().run()
    assert any("LinkedIn" in w.value and "not connected" in w.value for w in at.warning)
    by_label(at.button, f"Schedule {len(connected)} draft(s)").click().run()
    summary = " ".join(s.value for s in at.success)
    assert f"{len(connected)} scheduled" in summary
    assert f"{len(drafts_before) - len(connected)} left as draft (channel not connected)" in summary
    after = {i["id"]: i for a in plan_json(site)["marketingActivities"] for i in a.get("items", [])}
    assert {after[i["id"]]["status"] for i in connected} == {"SCHEDULED"}
    assert {after[i["id"]]["status"] for i in drafts_before if i not in connected} == {"DRAFT"}
    assert table(at, "posts_table").value.set_index("id").loc[connected[0]["id"], "status"] == "SCHEDULED"


def test_no_premium_schedule_shows_why_and_changes_nothing(site_factory) -> None:
    site = site_factory("no-premium")
    at = open_page()
    drafts = next(b for b in at.button if b.label.startswith("Schedule all"))
    drafts.click().run()
    next(b for b in at.button if b.label.endswith("draft(s)")).click().run()
    assert any("premium" in e.value.lower() for e in at.error)
    assert not at.exception
    statuses = [i["status"] for a in plan_json(site)["marketingActivities"] for i in a.get("items", [])]
    assert statuses.count("SCHEDULED") == len([s for s in table(at, "posts_table").value["status"] if s == "SCHEDULED"])


def test_a_shared_link_reopens_the_same_filters(site_factory) -> None:
    site_factory("demo")
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["channel"] = "INSTAGRAM"
    at.query_params["without_posts"] = "1"
    at.run()
    assert by_label(at.multiselect, "Channel").value == ["INSTAGRAM"]
    assert set(table(at, "posts_table").value["channel"]) == {"INSTAGRAM"}
    assert (table(at, "activities_table").value["posts"] == 0).all()
    by_label(at.multiselect, "Status").set_value(["DRAFT"]).run()
    assert at.query_params["status"] in ("DRAFT", ["DRAFT"])
    assert at.query_params["channel"] in ("INSTAGRAM", ["INSTAGRAM"])
    assert at.query_params["without_posts"] in ("1", ["1"])


def calendar_post_ids(at: AppTest) -> set[str]:
    """The post IDs the calendar draws as chips."""
    return {entry["id"] for entry in calendar_entries(at) if entry["extendedProps"]["kind"] == "post"}


def test_the_calendar_opens_on_demand_with_the_posts_in_view(site_factory) -> None:
    site_factory("demo")
    at = open_page()
    by_label(at.expander, "Calendar of posts")  # there, closed
    assert not at.get("component_instance"), "the calendar is drawn only once opened"
    at.session_state["calendar"] = True  # what clicking the expander does
    at.run()
    assert calendar_post_ids(at) == set(table(at, "posts_table").value["id"])
    assert any("Click a post to see it in full, or a day to list its posts." in c.value for c in at.caption)
    by_label(at.multiselect, "Channel").set_value(["INSTAGRAM"]).run()
    instagram = table(at, "posts_table").value
    assert calendar_post_ids(at) == set(instagram["id"])
    chips = [entry["title"] for entry in calendar_entries(at) if entry["extendedProps"]["kind"] == "post"]
    assert chips and all(title.endswith(" Instagram") for title in chips), "a display name, after a status mark"


def test_a_link_opens_the_calendar_and_a_click_shows_the_post_in_full(site_factory) -> None:
    site_factory("demo")
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["calendar"] = "true"  # the expander keeps its state in the URL
    at.run()
    post = table(at, "posts_table").value.iloc[0]
    click_calendar(
        at, {"callback": "eventClick", "eventClick": {"event": {"id": post["id"], "extendedProps": {"kind": "post"}}}}
    )
    texts = [t.value for t in at.text]
    assert post["caption"] in texts
    assert f"Activity: {post['activity']}" in texts


def test_a_click_on_a_day_lists_that_days_posts(site_factory) -> None:
    site_factory("demo")
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["calendar"] = "true"
    at.run()
    posts = table(at, "posts_table").value
    day = posts["date"].iloc[-1].date()
    click_calendar(at, {"callback": "dateClick", "dateClick": {"date": f"{day.isoformat()}T00:00:00.000Z"}})
    listed = by_label(at.expander, "Calendar of posts").dataframe[0].value  # the one table under the calendar
    assert set(listed["id"]) == set(posts.loc[posts["date"].dt.date == day, "id"])
    count = len(listed)
    assert any(
        f"{count} post{'' if count == 1 else 's'} on {day:%a} {day.day} {day:%b %Y}" in m.value for m in at.markdown
    )


def test_the_time_zone_picked_in_the_sidebar_dates_every_table(site_factory) -> None:
    site_factory("demo")
    closed = open_page()
    assert not closed.sidebar.selectbox, "the ~600 zones are drawn only while the picker is open"
    utc_dates = closed.dataframe[0].value["date"]
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["timezone_popover"] = True  # what clicking “Dates in UTC” in the sidebar does
    at.run()
    by_label(at.sidebar.selectbox, "Time zone").select("Asia/Tokyo").run()
    tokyo_dates = table(at, "activities_table").value["date"]
    assert str(tokyo_dates.dt.tz) == "Asia/Tokyo"
    assert list(tokyo_dates) == list(utc_dates)  # the same instants, shown in the picked zone
    assert "Date (Asia/Tokyo)" in str(table(at, "activities_table").proto)


def test_x_drafts_stay_drafts_after_the_x_sunset(site_factory) -> None:
    """Reference section 5: no TWITTER drafts dated after the X sunset are scheduled; the dialog says so first."""
    site = site_factory("fresh", progression="reads")
    with site.api() as api:
        api.put(f"{site.base_url}/_sandbox/sites/{site.site_id}/channels", json={"connected": ["FACEBOOK", "TWITTER"]})
        settings = {"settings": {"socialChannels": ["FACEBOOK", "TWITTER"]}}
        api.post("/marketing-settings", json={"marketingSettings": settings, "fieldMask": ["settings.socialChannels"]})
        api.post("/marketing-plan/generate-marketing-plan").raise_for_status()
    at = open_page()  # its plan read finishes the generation
    assert len(at.dataframe) == 2
    drafts = [i for a in plan_json(site)["marketingActivities"] for i in a.get("items", []) if i["status"] == "DRAFT"]
    x_drafts = [i["id"] for i in drafts if i["channel"]["name"] == "TWITTER"]
    assert x_drafts and len(x_drafts) < len(drafts)
    by_label(at.button, f"Schedule all {len(drafts) - len(x_drafts)} drafts in view").click().run()
    assert any(f"{len(x_drafts)} X draft(s) held back" in w.value for w in at.warning)
    by_label(at.button, f"Schedule {len(drafts) - len(x_drafts)} draft(s)").click().run()
    assert f"X/Twitter takes no posts after {format_day(X_SUNSET)}" in " ".join(s.value for s in at.success)
    after = {i["id"]: i["status"] for a in plan_json(site)["marketingActivities"] for i in a.get("items", [])}
    assert {after[i] for i in x_drafts} == {"DRAFT"}
    assert {status for item_id, status in after.items() if item_id not in x_drafts} == {"SCHEDULED"}


def test_refresh_reads_what_the_plan_view_shows_again(site_factory) -> None:
    site = site_factory("demo")
    at = open_page()
    activity_id = plan_json(site)["marketingActivities"][0]["marketingActivityId"]
    with WixClient(site.base_url, "test-key", site.site_id) as wix:  # a change made elsewhere (Wix's own dashboard)
        wix.update_marketing_activity(activity_id, title="Renamed elsewhere")
    at.run()
    assert "Renamed elsewhere" not in set(table(at, "activities_table").value["title"])  # still the cached read
    before = site_requests(site)
    by_label(at.button, "Refresh").click().run()
    assert site_requests(site) == before + 3  # the plan, the connected channels and the events, once each
    assert "Renamed elsewhere" in set(table(at, "activities_table").value["title"])
