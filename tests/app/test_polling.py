"""AppTest: following the plan's generation (`lib.ui.polling`, started by `lib.ui.regenerate`) up to its time limit,
checking again, and a later generation followed on its own clock. The sandbox finishes its jobs only when the test
says so; the app's polling clock (`lib.ui.polling.now`) is moved by the test instead of waited for."""

from __future__ import annotations

from tests.app.conftest import POLL_LIMIT_SECONDS, PollingClock, Site, by_label, open_page


def status_reads(site: Site) -> int:
    """How many plan reads (GetSocialMarketingPlan) the sandbox has answered for this site."""
    with site.api() as api:
        log = api.get(site.base_url + "/_sandbox/requests").json()["requests"]
    mine = [r for r in log if r.get("site") == site.site_id]
    return sum(1 for r in mine if r["method"] == "GET" and r["path"].endswith("/marketing-plan"))


def progress(at) -> list[str]:
    return [info.value for info in at.info if "Generating your plan" in info.value]


def test_past_the_time_limit_the_view_stops_checking_and_checks_again_when_asked(
    site_factory, polling_clock: PollingClock
) -> None:
    site = site_factory("fresh", progression="manual")
    at = open_page()
    by_label(at.button, "Generate plan").click().run()
    assert progress(at)
    polling_clock.advance(POLL_LIMIT_SECONDS)
    at.run()
    assert any(f"after {POLL_LIMIT_SECONDS} seconds, so this page stopped checking" in w.value for w in at.warning)
    assert "Generating" in at.markdown[0].value and not progress(at)
    reads = status_reads(site)
    assert reads > 0
    at.run()
    assert status_reads(site) == reads  # given up: a rerun reads nothing (the page's own plan read is cached)
    by_label(at.button, "Check again").click().run()  # still generating: followed again, from now
    assert progress(at) and "0:00 elapsed" in progress(at)[0]
    polling_clock.advance(POLL_LIMIT_SECONDS)
    at.run()
    assert "Check again" in [b.label for b in at.button]
    site.complete_jobs()  # it ends while nobody looks
    by_label(at.button, "Check again").click().run()
    assert "Active" in at.markdown[0].value
    assert "Check again" not in [b.label for b in at.button]
    assert not any("stopped checking" in w.value for w in at.warning)  # the end replaces what was said before it
    assert any("The plan is ready" in s.value for s in at.success)


def test_a_generation_started_elsewhere_is_followed_on_its_own_clock(site_factory, polling_clock: PollingClock) -> None:
    site = site_factory("fresh", progression="manual")
    at = open_page()
    by_label(at.button, "Generate plan").click().run()
    site.complete_jobs()
    by_label(at.button, "Refresh").click().run()  # the page, not the polling fragment, sees the plan settle
    assert "Active" in at.markdown[0].value
    assert any("The plan is ready" in s.value for s in at.success)
    polling_clock.advance(2 * POLL_LIMIT_SECONDS)
    with site.api() as api:  # another session (or Wix's own dashboard) regenerates the plan
        api.post("/marketing-plan/regenerate-marketing-plan", json={}).raise_for_status()
    by_label(at.button, "Refresh").click().run()
    assert "Generating" in at.markdown[0].value
    assert progress(at) and "0:00 elapsed" in progress(at)[0]
    assert not any("stopped checking" in w.value for w in at.warning)
