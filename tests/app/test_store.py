"""AppTest: the app on each of its databases (a SQLite file, a real PostgreSQL): actions recorded and listed, an
action refused while another replica holds the site, and an unreachable database that stops every write to Wix and
never shows its password."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.audit import OK, AuditLog
from lib.store.database import open_store
from lib.store.locks import SiteLocks
from tests.app.conftest import Site, confirm_regenerate, open_page
from tests.postgres_support import free_port

PASSWORD = "db-Passw0rd-never-shown-4711"
LOG_PAGE = "pages/activity_log.py"


@pytest.fixture
def stored_site(site_factory, database: str, monkeypatch: pytest.MonkeyPatch) -> Site:
    """A demo site, with the app's records in ``database`` (set the way a deployment would)."""
    if "://" in database:
        monkeypatch.setenv("STUDIO_DATABASE_URL", database)
    else:
        monkeypatch.setenv("STUDIO_AUDIT_DB", database)
    return site_factory("demo")


def regenerations(site: Site) -> int:
    with site.api() as api:
        log = api.get(site.base_url + "/_sandbox/requests").json()["requests"]
    return sum(r["site"] == site.site_id and r["path"].endswith("/regenerate-marketing-plan") for r in log)


def everything_shown(at: AppTest) -> str:
    """The text of every element on the page."""
    return "\n".join(str(getattr(element, "value", "")) for element in at.main) + "\n".join(
        str(getattr(element, "value", "")) for element in at.sidebar
    )


def test_an_action_is_recorded_in_the_database_and_listed(stored_site: Site, database: str) -> None:
    at = open_page()
    confirm_regenerate(at)
    assert regenerations(stored_site) == 1
    (entry,) = AuditLog(open_store(database)).entries()
    assert (entry.site, entry.action, entry.outcome) == (stored_site.site_id, "regenerate plan", OK)
    at.switch_page(LOG_PAGE).run()
    assert not at.exception
    assert at.dataframe[0].value["action"].tolist() == ["regenerate plan"]


def test_an_action_is_not_sent_while_another_replica_holds_the_site(
    stored_site: Site, database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("lib.ui.actions.BUSY_WAIT_SECONDS", 0.3)  # the other replica's action never ends here
    other_replica = SiteLocks(open_store(database))
    held = other_replica.try_acquire(stored_site.site_id)
    assert held is not None
    at = open_page()
    confirm_regenerate(at)
    assert any("Another action on this site was running" in e.value for e in at.error)
    assert regenerations(stored_site) == 0
    assert AuditLog(open_store(database)).entries() == []  # nothing was tried, so nothing is recorded
    other_replica.release(held)
    confirm_regenerate(at)  # once it is done, the same click goes through
    assert regenerations(stored_site) == 1


def test_an_unreachable_database_stops_writes_and_never_shows_its_password(
    site_factory, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    monkeypatch.setenv("STUDIO_DATABASE_URL", f"postgresql://studio:{PASSWORD}@127.0.0.1:{free_port()}/studio")
    site = site_factory("demo")
    caplog.set_level(logging.DEBUG)
    at = open_page()
    assert not at.exception
    confirm_regenerate(at)
    assert any("the activity log could not be written" in e.value for e in at.error)
    assert regenerations(site) == 0
    shown = everything_shown(at)
    at.switch_page(LOG_PAGE).run()
    assert not at.exception
    assert any("the app's database cannot be reached" in e.value for e in at.error)
    shown += everything_shown(at)
    assert PASSWORD not in shown
    assert PASSWORD not in caplog.text
    assert "postgresql://studio:***@127.0.0.1" in caplog.text  # the log names the database, without its password
