"""AppTest: every view under the sandbox's faults (429, 500, 503, timeouts, malformed JSON, unknown enum values,
missing fields) and with the API unreachable: a sentence instead of a traceback, bounded read retries, writes sent
once, polling that survives a failed tick, and a working view once the fault clears.

The faults are switched on at run time on a sandbox of this module's own (fault settings are global to a sandbox);
each test works on a fresh site, so its first read is not served from the app's read cache. The app's client waits
50 ms before its first retry here instead of 500 ms (the backoff itself is tested in tests/client): the number of
attempts, which these tests count, is the app's own.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from pathlib import Path

import httpx
import pytest
from streamlit.testing.v1 import AppTest

from lib.sandbox.server import RunningSandbox, SandboxOptions, start_sandbox
from lib.ui import connection
from lib.wix.client import WixClient
from tests.app.conftest import APP, APP_TIMEOUT, POLL_LIMIT_SECONDS, PollingClock, Site, by_label

READ_ATTEMPTS = 4  # the client's bound: one try plus three retries
RETRY_BASE_WAIT = 0.05
HTTP_TIMEOUT = 0.5  # the app's client timeout under the "slow" fault (STUDIO_HTTP_TIMEOUT_SECONDS)
SLOW_SECONDS = 1.5  # the sandbox's "slow" delay: longer than the client waits
PLAN_PATH = "/marketing-plan"

# What each fault makes the app say (a part of the sentence)
SAYS = {
    "429": "Wix is rate-limiting requests; try again in 1 s.",
    "500": "Wix had a server problem (HTTP 500).",
    "503": "Wix had a server problem (HTTP 503).",
    "slow": "Wix did not answer in time.",
    "malformed": "Wix sent an answer the app could not read (not valid JSON).",
    "refused": "Could not connect to Wix",
}
RETRIED = ("429", "500", "503", "slow")


# --- the sandbox and its faults -----------------------------------------------------------------------------------


class Sandbox:
    """A sandbox this module controls: faults on and off, stop and start again on the same port."""

    def __init__(self, db_path: Path) -> None:
        self.options = SandboxOptions(
            db_path=str(db_path),
            scenario="demo",
            progression="manual",  # a generation finishes when a test calls Site.complete_jobs
            slow_seconds=SLOW_SECONDS,
            retry_after_seconds=1.0,
        )
        self.running: RunningSandbox | None = start_sandbox(self.options)
        self.port = self.running.port
        self.base_url = self.running.base_url

    def admin(self, method: str, path: str, **kwargs: object) -> httpx.Response:
        return httpx.request(method, f"{self.base_url}/_sandbox{path}", timeout=10, **kwargs).raise_for_status()

    def fault(self, kind: str) -> None:
        """Every API request from now on meets this fault."""
        self.admin("PUT", "/faults", json={"fault_rate": 1.0, "fault_kinds": [kind]})

    def clear(self) -> None:
        """No more faults."""
        self.admin("PUT", "/faults", json={"fault_rate": 0})

    def requests(self, site: Site) -> list[dict]:
        """The site's API requests as the sandbox logged them (method, path, status, fault)."""
        return [r for r in self.admin("GET", "/requests").json()["requests"] if r["site"] == site.site_id]

    def calls(self, site: Site, method: str, path_end: str) -> list[dict]:
        return [r for r in self.requests(site) if r["method"] == method and r["path"].endswith(path_end)]

    def stop(self) -> None:
        """Stop serving: the port refuses connections."""
        if self.running is not None:
            self.running.stop()
            self.running = None

    def start(self) -> None:
        """Serve again on the same port, from the same state file."""
        if self.running is None:
            self.running = start_sandbox(self.options, port=self.port)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    box = Sandbox(tmp_path_factory.mktemp("faults") / "sandbox.db")
    yield box
    box.stop()


@pytest.fixture
def site(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Site]:
    """The app pointed at a fresh demo site of this module's sandbox; faults off and the sandbox up afterwards."""
    site_id = f"faults-{uuid.uuid4()}"
    monkeypatch.setenv("STUDIO_AUDIT_DB", str(tmp_path / "audit.db"))
    monkeypatch.setenv("WIX_API_BASE_URL", sandbox.base_url)
    monkeypatch.setenv("WIX_API_KEY", "test-key")
    monkeypatch.setenv("WIX_SITE_ID", site_id)
    monkeypatch.setenv("STUDIO_ALLOW_ANONYMOUS", "true")
    monkeypatch.setenv("STUDIO_POLL_SECONDS", "0.2")
    monkeypatch.setattr(connection, "WixClient", partial(WixClient, retry_base_wait=RETRY_BASE_WAIT))
    sandbox.clear()
    yield Site(sandbox.base_url, site_id)
    heal_sandbox(sandbox)


def break_sandbox(sandbox: Sandbox, kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Turn the fault on; "refused" stops the sandbox instead. Under "slow" the app's client waits less than the
    sandbox delays (a client made after this call)."""
    if kind == "slow":
        monkeypatch.setenv("STUDIO_HTTP_TIMEOUT_SECONDS", str(HTTP_TIMEOUT))
    if kind == "refused":
        sandbox.stop()
    else:
        sandbox.fault(kind)


def heal_sandbox(sandbox: Sandbox) -> None:
    sandbox.start()
    sandbox.clear()


# --- reading the screen -------------------------------------------------------------------------------------------


def session(page: str, activity_id: str | None = None) -> AppTest:
    """A new browser session about to open ``page`` (nothing is read before its first run)."""
    at = AppTest.from_file(APP, default_timeout=APP_TIMEOUT)
    at.switch_page(page)
    if activity_id:
        at.query_params["activity"] = activity_id
    return at


def errors(at: AppTest) -> str:
    return "\n".join(e.value for e in at.error)


def warnings(at: AppTest) -> str:
    return "\n".join(w.value for w in at.warning)


def assert_explained(at: AppTest, kind: str, what: str) -> None:
    """No traceback; an error that says what could not be done and why, in the fault's own words."""
    assert not at.exception, [e.message for e in at.exception]
    text = errors(at)
    assert what in text, text
    assert SAYS[kind] in text, text
    assert "Traceback" not in text and 'File "' not in text


def plan_json(site: Site) -> dict:
    with site.api() as api:
        return api.get(PLAN_PATH).raise_for_status().json()


def an_activity(site: Site) -> dict:
    """An upcoming social activity with posts."""
    return next(
        a
        for a in plan_json(site)["marketingActivities"]
        if a["marketingActivityType"] == "SOCIAL_MARKETING" and a.get("items")
    )


def button(at: AppTest, label: str):
    return by_label(at.button, label)


def wait_for_log(sandbox: Sandbox, site: Site, method: str, path_end: str, count: int) -> list[dict]:
    """The logged calls once ``count`` are there (a timed-out request is logged when the sandbox finishes it)."""
    deadline = time.monotonic() + 10
    calls = sandbox.calls(site, method, path_end)
    while len(calls) < count and time.monotonic() < deadline:
        time.sleep(0.1)
        calls = sandbox.calls(site, method, path_end)
    return calls


# --- read faults, view by view --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class View:
    """A view under a read fault: how to open it, what its error names, and how it looks once it works again."""

    page: str
    what: str
    reads: tuple[tuple[str, str], ...]  # (method, path end) of the reads that meet the fault
    recover: Callable[[AppTest], None]
    works: Callable[[AppTest], bool]
    needs_activity: bool = False
    press_first: str | None = None


def press(label: str) -> Callable[[AppTest], None]:
    return lambda at: button(at, label).click().run()


def rerun(at: AppTest) -> None:
    at.run()


VIEWS = {
    "plan": View(
        "pages/plan.py",
        "Could not load the marketing plan.",
        (("GET", PLAN_PATH),),
        press("Try again"),
        lambda at: len(at.dataframe) == 2 and "Active" in at.markdown[0].value,
    ),
    "settings": View(
        "pages/settings.py",
        "Could not load the marketing settings.",
        (("GET", "/marketing-settings"), ("GET", "/defaults"), ("GET", "/plan-goal-options")),
        press("Try again"),
        lambda at: "Save settings" in [b.label for b in at.button] and "Goal" in [s.label for s in at.selectbox],
    ),
    "events": View(
        "pages/events.py",
        "Could not load calendar events.",
        (("POST", "/events/query"),),
        press("Try again"),
        lambda at: len(at.dataframe) == 1 and len(at.dataframe[0].value) > 0,
    ),
    "activity picker": View(
        "pages/activity.py",
        "Could not load the marketing plan.",
        (("GET", PLAN_PATH),),
        rerun,
        lambda at: any(s.label == "Open an activity" and s.options for s in at.selectbox),
    ),
    "one activity": View(
        "pages/activity.py",
        "Could not load the activity.",
        (("GET", "/marketing-activity"), ("POST", "/marketing-activity-posts")),
        press("Try again"),
        lambda at: "Save changes" in [b.label for b in at.button] and len(at.text) > 2,
        needs_activity=True,
    ),
    "connection check": View(
        "pages/connection.py",
        "Key, permission and site",
        (("GET", PLAN_PATH), ("GET", "/accounts")),
        press("Run the checks"),
        lambda at: len(at.main.success) == 5 and not at.error,  # five green checks (the sidebar has its own)
        press_first="Run the checks",
    ),
}
# The whole fault list on the Plan view; on the other views the kinds whose handling differs (a retried failure, a
# failure that is not retried, an unreachable API): 429/503/timeouts take the same path there as 500.
MATRIX = [("plan", kind) for kind in SAYS] + [
    (view, kind) for view in VIEWS if view != "plan" for kind in ("500", "malformed", "refused")
]


@pytest.mark.parametrize(("view_name", "kind"), MATRIX)
def test_a_read_fault_is_explained_and_the_view_works_once_it_clears(
    sandbox: Sandbox, site: Site, monkeypatch: pytest.MonkeyPatch, view_name: str, kind: str
) -> None:
    view = VIEWS[view_name]
    activity_id = an_activity(site)["marketingActivityId"] if view.needs_activity else None
    at = session(view.page, activity_id)
    break_sandbox(sandbox, kind, monkeypatch)
    at.run()
    if view.press_first:
        button(at, view.press_first).click().run()
    assert_explained(at, kind, view.what)
    assert not view.works(at)
    if kind != "refused":
        # reads are retried within bounds on 429/5xx/timeouts, once otherwise
        attempts = READ_ATTEMPTS if kind in RETRIED else 1
        for method, path_end in view.reads:
            calls = wait_for_log(sandbox, site, method, path_end, attempts)
            assert len(calls) == attempts, (method, path_end, calls)
            assert {c["fault"] for c in calls} == {kind}

    heal_sandbox(sandbox)
    view.recover(at)
    assert not at.exception
    assert not at.error, errors(at)
    assert view.works(at)


def test_the_activity_log_needs_no_api_and_opens_while_wix_fails(sandbox: Sandbox, site: Site) -> None:
    at = session("pages/activity_log.py")
    sandbox.fault("500")
    at.run()
    assert not at.exception
    assert not at.error
    assert at.title[0].value == "Activity log"
    assert sandbox.requests(site) == []


def test_unknown_enum_values_are_shown_as_sent(sandbox: Sandbox, site: Site) -> None:
    activity_id = an_activity(site)["marketingActivityId"]
    sandbox.fault("unknown-enum")

    plan = session("pages/plan.py")
    plan.run()
    assert not plan.exception
    assert "Unknown status" in plan.markdown[0].value and "PAUSED" in plan.markdown[0].value
    assert set(plan.dataframe[0].value["type"]) == {"PODCAST_EPISODE"}
    assert set(plan.dataframe[1].value["channel"]) == {"THREADS"}

    one = session("pages/activity.py", activity_id)
    one.run()
    assert not one.exception
    assert "Type: PODCAST_EPISODE" in [t.value for t in one.text]

    events = session("pages/events.py")
    events.run()
    assert not events.exception
    assert "FORTNIGHTLY" in set(events.dataframe[0].value["recurrence"])

    settings = session("pages/settings.py")
    settings.run()
    assert not settings.exception
    assert "Save settings" in [b.label for b in settings.button]

    check = session("pages/connection.py")
    check.run()
    button(check, "Run the checks").click().run()
    assert not check.exception
    assert "**Plan status**: PAUSED_BY_WIX." in errors(check)


def test_missing_fields_leave_gaps_not_errors(sandbox: Sandbox, site: Site) -> None:
    activity_id = an_activity(site)["marketingActivityId"]
    sandbox.fault("missing-fields")
    views = [session(page) for page in ("pages/plan.py", "pages/settings.py", "pages/events.py")]
    views.append(session("pages/activity.py", activity_id))
    for at in views:
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        assert not at.error, errors(at)
    plan, _, events, one = views
    assert set(plan.dataframe[0].value["title"]) == {""}
    assert set(plan.dataframe[1].value["caption"]) == {""}
    assert set(events.dataframe[0].value["description"]) == {""}
    assert "(no description)" in [t.value for t in one.text]


# --- writes: sent once, the error shown, nothing changed ----------------------------------------------------------


def test_generate_under_a_503_is_sent_once_and_changes_nothing(sandbox: Sandbox, site: Site) -> None:
    with site.api() as api:
        api.delete(PLAN_PATH).raise_for_status()
    at = session("pages/plan.py")
    at.run()
    sandbox.fault("503")
    button(at, "Generate plan").click().run()
    assert not at.exception
    assert f"Plan generation did not start. {SAYS['503']}" in errors(at)
    assert len(sandbox.calls(site, "POST", "/generate-marketing-plan")) == 1
    sandbox.clear()
    assert plan_json(site)["status"] == "NEVER_CREATED"
    button(at, "Try again").click().run()
    assert not button(at, "Generate plan").disabled
    assert "No plan yet" in at.markdown[0].value


def test_scheduling_under_a_503_is_sent_once_and_says_so(sandbox: Sandbox, site: Site) -> None:
    before = plan_json(site)
    at = session("pages/plan.py")
    at.run()
    next(b for b in at.button if b.label.startswith("Schedule all")).click().run()
    sandbox.fault("503")
    next(b for b in at.button if b.label.endswith("draft(s)")).click().run()
    assert not at.exception
    text = errors(at)
    assert "Scheduling stopped part-way" in text and SAYS["503"] in text, text
    assert "20 not confirmed (the request failed)" in warnings(at)  # the first batch of 20; no later batch is sent
    assert len(sandbox.calls(site, "POST", "/schedule-drafts")) == 1
    sandbox.clear()
    assert plan_json(site) == before


def test_saving_settings_under_a_503_is_sent_once_and_keeps_the_edits(sandbox: Sandbox, site: Site) -> None:
    with site.api() as api:
        before = api.get("/marketing-settings").json()
    at = session("pages/settings.py")
    at.run()
    by_label(at.text_input, "Tone of voice").set_value("calm and exact")
    sandbox.fault("503")
    button(at, "Save settings").click().run()
    assert not at.exception
    assert f"Settings were not saved. {SAYS['503']}" in errors(at)
    assert by_label(at.text_input, "Tone of voice").value == "calm and exact"
    assert len(wait_for_log(sandbox, site, "POST", "/marketing-settings", 1)) == 1
    sandbox.clear()
    with site.api() as api:
        assert api.get("/marketing-settings").json() == before


def test_creating_an_event_under_a_500_is_sent_once_and_keeps_the_form(sandbox: Sandbox, site: Site) -> None:
    at = session("pages/events.py")
    at.run()
    by_label(at.text_input, "Name").set_value("Spring Sale")
    by_label(at.date_input, "Date (one-time)").set_value(date.today() + timedelta(days=5))
    sandbox.fault("500")
    button(at, "Create event").click().run()
    assert not at.exception
    assert f"The event was not created. {SAYS['500']}" in errors(at)
    assert by_label(at.text_input, "Name").value == "Spring Sale"
    assert len(sandbox.calls(site, "POST", "/events")) == 1
    sandbox.clear()
    at.run()
    assert "Spring Sale" not in set(at.dataframe[0].value["name"])


def test_editing_an_activity_under_a_500_is_sent_once_and_keeps_the_form(sandbox: Sandbox, site: Site) -> None:
    activity = an_activity(site)
    at = session("pages/activity.py", activity["marketingActivityId"])
    at.run()
    by_label(at.text_input, "Title").set_value("Kiln day, take two")
    sandbox.fault("500")
    button(at, "Save changes").click().run()
    assert not at.exception
    assert f"The activity was not changed. {SAYS['500']}" in errors(at)
    assert by_label(at.text_input, "Title").value == "Kiln day, take two"
    assert len(sandbox.calls(site, "PATCH", "/items/" + activity["marketingActivityId"])) == 1
    sandbox.clear()
    with site.api() as api:
        saved = api.get("/marketing-activity", params={"id": activity["marketingActivityId"]}).json()
    assert saved["marketingActivity"]["title"] == activity["title"]


# --- polling --------------------------------------------------------------------------------------------------------


def test_polling_survives_failed_ticks_and_reaches_active(sandbox: Sandbox, site: Site) -> None:
    with site.api() as api:
        api.delete(PLAN_PATH).raise_for_status()
    at = session("pages/plan.py")
    at.run()
    button(at, "Generate plan").click().run()
    assert "Generating" in at.markdown[0].value
    sandbox.fault("500")
    at.run()  # a tick meets the fault: the page keeps what it has and says it will try again
    assert not at.exception
    assert "Could not check the plan" in warnings(at) and "Trying again in a moment" in warnings(at)
    assert "Generating" in at.markdown[0].value
    sandbox.clear()
    site.complete_jobs()
    at.run()  # the next tick reads the plan without a fault
    assert "Active" in at.markdown[0].value, "polling never reached ACTIVE after the fault cleared"
    assert not at.exception
    assert len(at.dataframe) == 2


def test_past_the_time_limit_polling_stops_even_while_every_read_fails(
    sandbox: Sandbox, site: Site, polling_clock: PollingClock
) -> None:
    with site.api() as api:
        api.delete(PLAN_PATH).raise_for_status()
    at = session("pages/plan.py")
    at.run()
    button(at, "Generate plan").click().run()
    sandbox.fault("500")
    at.run()
    assert "Could not check the plan" in warnings(at)
    polling_clock.advance(POLL_LIMIT_SECONDS)
    at.run()  # the tick's read fails again, but the time is up
    assert f"after {POLL_LIMIT_SECONDS} seconds, so this page stopped checking" in warnings(at)
    assert "Could not check the plan" not in warnings(at)
    sandbox.clear()
    ticks = len([c for c in sandbox.calls(site, "GET", "/marketing-plan") if c["query"]])  # a tick reads "now" only
    at.run()  # Wix answers again; the plan is still generating
    assert "Generating" in at.markdown[0].value and "Check again" in [b.label for b in at.button]
    assert len([c for c in sandbox.calls(site, "GET", "/marketing-plan") if c["query"]]) == ticks  # not followed


# --- bad input: refused inline before any call, with what was typed kept ------------------------------------------


def test_an_activity_edit_without_a_title_is_refused_and_keeps_what_was_typed(sandbox: Sandbox, site: Site) -> None:
    activity = an_activity(site)
    at = session("pages/activity.py", activity["marketingActivityId"])
    at.run()
    by_label(at.text_input, "Title").set_value("")
    by_label(at.text_area, "Description").set_value("Glazes, kilns and a live Q&A")
    button(at, "Save changes").click().run()
    assert not at.exception
    assert "Give the activity a title." in errors(at)
    assert "Nothing was sent to Wix. Your edits are still in the form." in [c.value for c in at.caption]
    assert by_label(at.text_input, "Title").value == ""
    assert by_label(at.text_area, "Description").value == "Glazes, kilns and a live Q&A"
    assert sandbox.calls(site, "PATCH", "/items/" + activity["marketingActivityId"]) == []


def test_a_write_that_times_out_says_its_outcome_is_unknown_and_is_not_repeated(
    sandbox: Sandbox, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STUDIO_HTTP_TIMEOUT_SECONDS", str(HTTP_TIMEOUT))
    at = session("pages/settings.py")
    at.run()
    by_label(at.text_input, "Tone of voice").set_value("calm and exact")
    sandbox.fault("slow")
    button(at, "Save settings").click().run()
    assert not at.exception
    assert "it is not known whether" in errors(at) and "Reload the page" in errors(at)
    assert by_label(at.text_input, "Tone of voice").value == "calm and exact"
    assert len(wait_for_log(sandbox, site, "POST", "/marketing-settings", 1)) == 1
