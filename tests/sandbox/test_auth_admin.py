"""Authentication, per-site state and the /_sandbox/ admin routes."""

from __future__ import annotations

from tests.sandbox.helpers import PLAN, admin, app_error, client, get_plan, new_site


def test_missing_authorization_or_site_is_401(demo):
    for auth, site in ((None, new_site()), ("key", None), ("", new_site())):
        with client(demo.base_url, site, auth) as api:
            response = api.get(PLAN)
        assert response.status_code == 401
        assert app_error(response)["code"] == "UNAUTHENTICATED"


def test_forbidden_key_is_403_naming_the_permission(start, connect):
    sandbox = start(scenario="fresh", forbidden_keys=frozenset({"read-only-key"}))
    response = connect(sandbox, auth="read-only-key").post(f"{PLAN}/generate-marketing-plan", json={})
    assert response.status_code == 403
    assert app_error(response)["code"] == "PERMISSION_DENIED"
    assert "Manage Marketing Plans" in response.json()["message"]
    assert connect(sandbox, auth="good-key").get(PLAN).status_code == 200


def test_a_key_works_only_for_the_site_it_belongs_to(start, connect):
    sandbox = start(scenario="fresh", site_keys={"site-a": "key-a", "site-b": "key-b"})
    assert connect(sandbox, site="site-a", auth="key-a").get(PLAN).status_code == 200
    response = connect(sandbox, site="site-b", auth="key-a").get(PLAN)
    assert response.status_code == 401
    assert "does not belong" in response.json()["message"]
    assert connect(sandbox, site="site-other", auth="key-a").get(PLAN).status_code == 200


def test_state_is_per_site(fresh, connect):
    one, two = connect(fresh), connect(fresh)
    one.post(f"{PLAN}/generate-marketing-plan", json={})
    assert get_plan(one)["status"] == "GENERATING"
    assert get_plan(two)["status"] == "NEVER_CREATED"


def test_request_log_records_api_calls_only_and_resets(start, connect):
    sandbox = start(scenario="fresh")
    api = connect(sandbox)
    assert admin(sandbox, "DELETE", "/requests").status_code == 200
    api.get(PLAN)
    api.post(f"{PLAN}/schedule-drafts", json={"draftIds": []})
    api.get(PLAN, headers={"Authorization": ""})
    assert admin(sandbox, "GET", "/health").json()["status"] == "ok"
    log = admin(sandbox, "GET", "/requests").json()
    site = api.headers["wix-site-id"]
    assert [(e["method"], e["path"], e["status"], e["site"]) for e in log["requests"]] == [
        ("GET", PLAN, 200, site),
        ("POST", f"{PLAN}/schedule-drafts", 400, site),
        ("GET", PLAN, 401, site),
    ]
    assert log["counts"]["total"] == 3
    assert log["counts"]["byStatus"] == {"200": 1, "400": 1, "401": 1}
    assert log["counts"]["byRoute"][f"GET {PLAN}"] == 2
    admin(sandbox, "DELETE", "/requests")
    empty = {"requests": [], "counts": {"total": 0, "byStatus": {}, "byRoute": {}}}
    assert admin(sandbox, "GET", "/requests").json() == empty


def test_admin_validates_its_input_and_can_forget_a_site(demo, connect):
    api = connect(demo)
    site = api.headers["wix-site-id"]
    assert admin(demo, "PUT", f"/sites/{site}/channels", {"connected": ["MYSPACE"]}).status_code == 400
    assert admin(demo, "PUT", f"/sites/{site}/premium", {"enabled": "yes"}).status_code == 400
    api.delete(PLAN)
    assert get_plan(api)["status"] == "NEVER_CREATED"
    assert admin(demo, "DELETE", f"/sites/{site}").status_code == 200
    assert get_plan(api)["status"] == "ACTIVE", "a forgotten site is seeded again from the scenario"
