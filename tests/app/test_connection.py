"""AppTest: the Connection check view, green and red, against real sandbox sites."""

from __future__ import annotations

from lib.sandbox.server import SandboxOptions, start_sandbox
from tests.app.conftest import Site, by_label, open_page


def run_checks(at) -> dict[str, tuple[bool, str]]:
    """Press the button; map each check's name to (green?, its text)."""
    by_label(at.button, "Run the checks").click().run()
    lines = [(True, s.value) for s in at.success] + [(False, e.value) for e in at.error]
    return {text.split("**")[1]: (ok, text) for ok, text in lines}


def scheduled_count(site: Site) -> int:
    with site.api() as api:
        plan = api.get("/marketing-plan").json()
    return sum(1 for a in plan["marketingActivities"] for i in a.get("items", []) if i["status"] == "SCHEDULED")


def test_demo_site_is_all_green_and_the_probe_schedules_nothing(site_factory) -> None:
    site = site_factory("demo")
    at = open_page("pages/connection.py")
    before = scheduled_count(site)
    checks = run_checks(at)
    assert not at.exception
    assert all(ok for ok, _ in checks.values()), checks
    assert "FACEBOOK, INSTAGRAM" in checks["Connected social channels"][1]
    assert "ACTIVE" in checks["Plan status"][1]
    assert scheduled_count(site) == before


def test_no_premium_site_shows_scheduling_red_with_what_to_do(site_factory) -> None:
    site_factory("no-premium")
    checks = run_checks(open_page("pages/connection.py"))
    ok, text = checks["Scheduling available"]
    assert not ok
    assert "What to do" in text and "premium" in text.lower()


def test_fresh_site_has_no_plan_to_show(site_factory) -> None:
    site_factory("fresh")
    ok, text = run_checks(open_page("pages/connection.py"))["Plan status"]
    assert not ok and "NEVER_CREATED" in text


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
