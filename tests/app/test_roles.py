"""AppTest: each role (lib/roles.py) on each action path that needs more than reading: what it may do is sent and
audited; what it may not do is refused where the action runs, with the reason, and sends and records nothing."""

from __future__ import annotations

import os

import pytest
from streamlit.testing.v1 import AppTest

from lib.audit import AuditLog
from lib.roles import Role
from lib.store.database import open_store
from tests.app.conftest import APP, APP_TIMEOUT, AUTH, Site, by_label, confirm_regenerate

USERS = {
    Role.VIEWER: "val@agency.example",  # by domain
    Role.EDITOR: "sam@shop.example",
    Role.PUBLISHER: "ana@shop.example",
    Role.ADMIN: "lee@shop.example",
}
ACCESS = {
    "allowed_domains": ["shop.example", "agency.example"],
    "roles": {
        "viewers": ["@agency.example"],
        "editors": ["sam@shop.example"],
        "publishers": ["ana@shop.example"],
        "admins": ["lee@shop.example"],
        "default": "viewer",
    },
}


def signed_in_as(role: Role) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=APP_TIMEOUT)
    at.secrets = {"auth": AUTH, "access": ACCESS}
    at.user = {"is_logged_in": True, "email": USERS[role], "email_verified": True}
    return at.run()


def writes(site: Site, path_end: str) -> int:
    with site.api() as api:
        log = api.get(site.base_url + "/_sandbox/requests").json()["requests"]
    return sum(r["site"] == site.site_id and r["method"] != "GET" and r["path"].endswith(path_end) for r in log)


def audited() -> list[str]:
    return [entry.action for entry in AuditLog(open_store(os.environ["STUDIO_AUDIT_DB"])).entries()]


def said(at: AppTest) -> str:
    return "\n".join(e.value for e in [*at.error, *at.warning, *at.info, *at.success])


@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.label)
def test_each_role_uses_the_plan_views_controls_its_role_allows(site_factory, role: Role) -> None:
    site = site_factory("demo")
    at = signed_in_as(role)
    assert not at.exception
    assert f"Role: **{role.label}**" in [c.value for c in at.sidebar.caption]

    # Scheduling drafts: a publisher's; a role that may not sees the button disabled, with the role it needs
    schedule_all = next(b for b in at.button if b.label.startswith("Schedule all"))
    assert schedule_all.disabled == (role < Role.PUBLISHER)
    assert (schedule_all.help or "").startswith("Needs the publisher role") == (role < Role.PUBLISHER)
    if role >= Role.PUBLISHER:
        schedule_all.click().run()
        next(b for b in at.button if b.label.startswith("Schedule ") and b.label.endswith("draft(s)")).click().run()
    assert (writes(site, "/schedule-drafts") > 0) == (role >= Role.PUBLISHER), said(at)

    # Regenerating the plan: an editor's
    assert by_label(at.button, "Regenerate").disabled == (role < Role.EDITOR)
    if role >= Role.EDITOR:
        confirm_regenerate(at)
        site.complete_jobs()
        by_label(at.button, "Refresh").click().run()
    assert writes(site, "/regenerate-marketing-plan") == int(role >= Role.EDITOR)

    # Deleting the plan: an admin's
    delete = by_label(at.button, "Delete plan")
    assert delete.disabled == (role < Role.ADMIN)
    assert (delete.help or "").startswith("Needs the admin role") == (role < Role.ADMIN)
    if role >= Role.ADMIN:
        delete.click().run()
        [b for b in at.button if b.label == "Delete plan"][-1].click().run()  # the dialog's own button
    assert writes(site, "/marketing-plan") == int(role >= Role.ADMIN)

    done = [("schedule drafts", Role.PUBLISHER), ("regenerate plan", Role.EDITOR), ("delete plan", Role.ADMIN)]
    assert sorted(audited()) == sorted(action for action, needs in done if role >= needs)
    assert not at.exception


def act_as(role: Role, action: str) -> AppTest:
    """A script that runs ``action`` through the one audited path as a user of ``role``, whatever the page would
    offer (as a crafted request could); it says what came back and whether the call was made."""

    def script() -> None:
        import streamlit as st

        from lib.ui.actions import run_action
        from lib.ui.connection import current_connection

        calls: list[str] = []
        site_id = current_connection().site_id
        result = run_action(site_id, st.session_state["action"], lambda: calls.append("sent"), targets=["x"])
        st.session_state["outcome"] = (result.error, calls)

    at = AppTest.from_function(script, default_timeout=APP_TIMEOUT)
    at.secrets = {"auth": AUTH, "access": ACCESS}
    at.user = {"is_logged_in": True, "email": USERS[role], "email_verified": True}
    at.session_state["action"] = action
    return at.run()


@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.label)
@pytest.mark.parametrize("action", ["create event", "regenerate plan", "schedule drafts", "delete plan"])
def test_the_action_path_refuses_what_the_role_may_not_do(site_factory, role: Role, action: str) -> None:
    site_factory("demo")
    needed = {"schedule drafts": Role.PUBLISHER, "delete plan": Role.ADMIN}.get(action, Role.EDITOR)
    error, calls = act_as(role, action).session_state["outcome"]
    if role >= needed:
        assert (error, calls) == (None, ["sent"])
        assert audited() == [action]
    else:
        assert error == f"Not done: “{action}” needs the {needed.label} role, and you are signed in as {role.label}."
        assert calls == [] and audited() == []  # nothing sent, nothing recorded


def test_a_viewer_finds_every_editing_control_disabled_with_the_role_it_needs(site_factory) -> None:
    site_factory("demo")
    at = signed_in_as(Role.VIEWER)
    at.switch_page("pages/settings.py").run()
    save = by_label(at.button, "Save settings")
    assert save.disabled and (save.help or "").startswith("Needs the editor role")
    at.switch_page("pages/events.py").run()
    create = next(b for b in at.get("button") if getattr(b, "label", "") == "Create event")
    assert create.disabled and (create.help or "").startswith("Needs the editor role")
    editor = signed_in_as(Role.EDITOR)
    assert not by_label(editor.switch_page("pages/settings.py").run().button, "Save settings").disabled
