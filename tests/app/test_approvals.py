"""AppTest: four-eye approval ([access] approval = true) with signed-in users of each role: an editor asks, the
requester cannot approve their own request, another publisher approves and exactly the requested drafts are
scheduled (audited with both names), a stale request cannot be approved, a rejection's reason reaches the requester,
and nobody schedules directly."""

from __future__ import annotations

import os

import pytest
from streamlit.testing.v1 import AppTest

from lib.access import hash_passcode
from lib.approvals import Approvals
from lib.audit import AuditLog
from lib.roles import APPROVAL_NEEDED
from lib.store.database import open_store
from lib.ui.approvals import PASSCODE_CANNOT_DECIDE
from lib.ui.identity import PASSCODE_USER_KEY
from tests.app.conftest import APP, APP_TIMEOUT, AUTH, Site, by_label, confirm_regenerate

ACCESS = {
    "allowed_domains": ["shop.example"],
    "approval": True,
    "roles": {
        "editors": ["sam@shop.example"],
        "publishers": ["ana@shop.example", "bo@shop.example"],
        "default": "viewer",
    },
}
APPROVALS = "pages/approvals.py"


def signed_in(email: str, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=APP_TIMEOUT)
    at.secrets = {"auth": AUTH, "access": ACCESS}
    at.user = {"is_logged_in": True, "email": email, "email_verified": True}
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception
    return at


def items(site: Site) -> dict[str, str]:
    with site.api() as api:
        plan = api.get("/marketing-plan").json()
    return {i["id"]: i["status"] for a in plan["marketingActivities"] for i in a.get("items", [])}


def schedule_writes(site: Site) -> int:
    with site.api() as api:
        log = api.get(site.base_url + "/_sandbox/requests").json()["requests"]
    return sum(r["site"] == site.site_id and r["path"].endswith("/schedule-drafts") for r in log)


def ask_for_all_drafts(at: AppTest, note: str = "") -> AppTest:
    next(b for b in at.button if b.label.startswith("Schedule all")).click().run()
    if note:
        by_label(at.text_input, "A note for whoever approves (optional)").input(note)
    next(b for b in at.button if b.label.startswith("Ask for approval of")).click().run()
    return at


def approve_button(at: AppTest):
    return next(b for b in at.button if b.label.startswith("Approve and schedule"))


@pytest.fixture
def site(site_factory) -> Site:
    return site_factory("demo")


def test_an_editor_asks_and_another_publisher_approves_exactly_those_drafts(site: Site) -> None:
    before = items(site)
    editor = ask_for_all_drafts(signed_in("sam@shop.example"), note="for the Friday sale")
    assert any("Asked for approval: request #1" in s.value for s in editor.success)
    assert schedule_writes(site) == 0 and items(site) == before  # asking schedules nothing

    own = signed_in("sam@shop.example", APPROVALS)
    assert approve_button(own).disabled  # an editor, and the requester
    assert any("for the Friday sale" in c.value for c in own.caption)  # the note is shown to the approver

    publisher = signed_in("ana@shop.example", APPROVALS)
    button = approve_button(publisher)
    assert not button.disabled
    button.click().run()
    assert any("Request #1 approved" in s.value for s in publisher.success), [e.value for e in publisher.error]
    assert schedule_writes(site) >= 1
    after = items(site)
    changed = {item_id for item_id, status in after.items() if status != before[item_id]}
    asked = {item_id for item_id, status in before.items() if status == "DRAFT"}
    assert changed and changed <= asked  # only requested drafts moved (unconnected channels stay drafts)
    (entry,) = AuditLog(open_store(os.environ["STUDIO_AUDIT_DB"])).entries()
    assert (entry.user, entry.action, entry.outcome) == ("ana@shop.example", "schedule approved drafts", "ok")
    assert (entry.message or "").startswith("Request #1 by sam@shop.example, approved by ana@shop.example.")
    assert set(entry.targets) == asked
    assert not any(b.label.startswith("Approve and schedule") for b in publisher.switch_page(APPROVALS).run().button)


def test_a_publisher_cannot_approve_their_own_request(site: Site) -> None:
    ask_for_all_drafts(signed_in("ana@shop.example"))
    own = signed_in("ana@shop.example", APPROVALS)
    assert approve_button(own).disabled
    assert approve_button(own).help == "You asked for this one: another publisher decides it."
    assert schedule_writes(site) == 0


def test_a_request_whose_drafts_were_regenerated_away_cannot_be_approved(site: Site) -> None:
    ask_for_all_drafts(signed_in("sam@shop.example"))
    editor = signed_in("sam@shop.example")
    confirm_regenerate(editor)  # rebuilds the upcoming activities with new drafts
    site.complete_jobs()
    publisher = signed_in("bo@shop.example", APPROVALS)
    assert approve_button(publisher).disabled
    assert any(w.value.startswith("Stale:") for w in publisher.warning)
    assert schedule_writes(site) == 0


def test_a_rejection_says_why_to_the_requester(site: Site) -> None:
    ask_for_all_drafts(signed_in("sam@shop.example"))
    publisher = signed_in("ana@shop.example", APPROVALS)
    by_label(publisher.text_input, "Reason to reject").input("Prices change on Monday.")
    by_label(publisher.button, "Reject").click().run()
    requester = signed_in("sam@shop.example", APPROVALS)
    decided = requester.dataframe[0].value
    assert decided[["Asked by", "Decision", "By", "Reason"]].values.tolist() == [
        ["sam@shop.example", "rejected", "ana@shop.example", "Prices change on Monday."]
    ]
    assert schedule_writes(site) == 0


def test_with_approval_on_nobody_schedules_directly(site: Site) -> None:
    def script() -> None:
        import streamlit as st

        from lib.ui.actions import run_action
        from lib.ui.connection import current_connection

        result = run_action(current_connection().site_id, "schedule drafts", lambda: None, targets=["x"])
        st.session_state["error"] = result.error

    at = AppTest.from_function(script, default_timeout=APP_TIMEOUT)
    at.secrets = {"auth": AUTH, "access": ACCESS}
    at.user = {"is_logged_in": True, "email": "ana@shop.example", "email_verified": True}
    assert at.run().session_state["error"] == APPROVAL_NEEDED
    viewer = signed_in("val@shop.example")  # on no list: the default, viewer
    assert next(b for b in viewer.button if b.label.startswith("Schedule all")).disabled


def test_a_passcode_session_cannot_decide_whatever_its_role(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STUDIO_ALLOW_ANONYMOUS")
    monkeypatch.setenv("STUDIO_PASSCODE_SHA256", hash_passcode("tide-lantern-orchard-42", n=2**10))
    monkeypatch.setenv("STUDIO_APPROVAL", "true")  # no roles: the passcode has every other right
    drafts = [item_id for item_id, status in items(site).items() if status == "DRAFT"]
    Approvals(open_store(os.environ["STUDIO_AUDIT_DB"])).request(site.site_id, drafts, "sam@shop.example")
    at = AppTest.from_file(APP, default_timeout=APP_TIMEOUT)
    at.session_state[PASSCODE_USER_KEY] = "Ana"
    at.run().switch_page(APPROVALS).run()
    assert approve_button(at).disabled
    assert approve_button(at).help == PASSCODE_CANNOT_DECIDE
    assert by_label(at.button, "Reject").disabled


def test_approval_checks_the_plan_as_wix_has_it_not_the_pages_cached_read(site: Site) -> None:
    ask_for_all_drafts(signed_in("sam@shop.example"))
    publisher = signed_in("ana@shop.example", APPROVALS)
    assert not approve_button(publisher).disabled  # the page's read: nothing changed yet
    with site.api() as api:  # another replica (or Wix's own dashboard) regenerates the plan meanwhile
        api.post("/marketing-plan/regenerate-marketing-plan", json={}).raise_for_status()
    site.complete_jobs()
    approve_button(publisher).click().run()
    errors = [e.value for e in publisher.error]
    assert any("cannot be approved as it stands" in error for error in errors), errors
    assert schedule_writes(site) == 0
