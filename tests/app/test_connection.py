"""AppTest: the Connection check view, green, red and not checked, against real sandbox sites; it never writes."""

from __future__ import annotations

from lib.sandbox.server import SandboxOptions, start_sandbox
from tests.app.conftest import Site, by_label, open_page


def run_checks(at) -> dict[str, tuple[bool | None, str]]:
    """Press the button; map each check's name to (green? None when not checked here, its text)."""
    by_label(at.button, "Run the checks").click().run()
    lines = [(True, s.value) for s in at.success] + [(False, e.value) for e in at.error]
    lines += [(None, i.value) for i in at.info if i.value.startswith("**")]
    return {text.split("**")[1]: (ok, text) for ok, text in lines}


READ_POSTS = ("/events/query", "/marketing-activity-posts")  # POSTs that only read (the Plan view opens first)


def site_requests(site: Site) -> list[tuple[str, str]]:
    """(method, path) of every call the sandbox has seen for the site."""
    with site.api() as api:
        log = api.get(site.base_url + "/_sandbox/requests").json()["requests"]
    return [(r["method"], r["path"]) for r in log if r.get("site") == site.site_id]


def writes(requests: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(method, path) for method, path in requests if method != "GET" and not path.endswith(READ_POSTS)]


def test_demo_site_is_all_green_and_the_check_only_reads(site_factory) -> None:
    """Review item (issue 10, point 9): the check says nothing is changed, and sends no write: reads only."""
    site = site_factory("demo")
    at = open_page("pages/connection.py")
    checks = run_checks(at)
    assert not at.exception
    requests = site_requests(site)
    assert ("GET", "/social-publisher/v1/accounts") in requests
    assert writes(requests) == []
    scheduling = checks.pop("Scheduling available")
    assert all(ok for ok, _ in checks.values()), checks
    assert "Facebook, Instagram" in checks["Connected social channels"][1]
    assert checks["Plan status"][1] == "**Plan status**: Active."
    assert scheduling[0] is None and "Checked when you schedule" in scheduling[1]
    assert "scheduling worked here before" in scheduling[1]  # the demo plan holds scheduled and published posts
    assert any(c.value == "5 of 5 checks passed." for c in at.caption)


def test_no_premium_site_is_not_probed_and_says_where_scheduling_is_checked(site_factory) -> None:
    site = site_factory("no-premium")
    checks = run_checks(open_page("pages/connection.py"))
    assert writes(site_requests(site)) == []
    ok, text = checks["Scheduling available"]
    assert ok is None
    assert "premium" in text and "What to do" not in text


def test_fresh_site_has_no_plan_to_show(site_factory) -> None:
    site_factory("fresh")
    ok, text = run_checks(open_page("pages/connection.py"))["Plan status"]
    assert not ok and text.startswith("**Plan status**: No plan yet.")


def test_key_without_permission_is_red_and_says_which_permission(tmp_path, monkeypatch) -> None:
    sandbox = start_sandbox(SandboxOptions(db_path=str(tmp_path / "s.db"), forbidden_keys=frozenset({"weak-key"})))
    try:
        monkeypatch.setenv("WIX_API_BASE_URL", sandbox.base_url)
        monkeypatch.setenv("WIX_API_KEY", "weak-key")
        monkeypatch.setenv("WIX_SITE_ID", "site-weak")
        monkeypatch.setenv("STUDIO_ALLOW_ANONYMOUS", "true")
        at = open_page("pages/connection.py")
        checks = run_checks(at)
    finally:
        sandbox.stop()
    ok, text = checks["Key, permission and site"]
    assert not ok
    assert "Manage Marketing Plans" in text
    assert "weak-key" not in "".join(t for _, t in checks.values())
