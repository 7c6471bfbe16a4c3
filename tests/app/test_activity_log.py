"""AppTest: actions in the Plan, Settings and Events views land in the audit log; the Activity log view lists them
(filters, CSV download), keeps pending entries, survives a restart, and never holds the API key."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from lib.audit import AuditLog
from lib.store.database import open_store
from lib.ui.identity import PASSCODE_USER_KEY
from lib.ui.store import store_at
from tests.app.conftest import APP, APP_TIMEOUT, Site, as_shown, by_label, confirm_regenerate

LOG_PAGE = "pages/activity_log.py"
KEY = "IST.audit-planted-key-4711"


@pytest.fixture
def audit_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh audit log file for this test, set the way a deployment would (STUDIO_AUDIT_DB)."""
    path = tmp_path / "var" / "audit.db"
    monkeypatch.setenv("STUDIO_AUDIT_DB", str(path))
    return path


@pytest.fixture
def media(monkeypatch: pytest.MonkeyPatch) -> list[MemoryMediaFileStorage]:
    """The in-memory media stores AppTest creates per run (download buttons put their files there)."""
    stores: list[MemoryMediaFileStorage] = []

    class Recording(MemoryMediaFileStorage):
        def __init__(self, media_endpoint: str) -> None:
            super().__init__(media_endpoint)
            stores.append(self)

    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", Recording)
    return stores


def open_as(user: str, page: str | None = None) -> AppTest:
    """A browser session signed in (passcode) as ``user``."""
    at = AppTest.from_file(APP, default_timeout=APP_TIMEOUT)
    at.session_state[PASSCODE_USER_KEY] = user
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception
    return at


def log_table(at: AppTest) -> pd.DataFrame:
    """Go to the Activity log view and return its table (newest first)."""
    at.switch_page(LOG_PAGE).run()
    assert not at.exception
    return at.dataframe[0].value


def plan_items(site: Site) -> list[dict]:
    with site.api() as api:
        return [i for a in api.get("/marketing-plan").json()["marketingActivities"] for i in a.get("items", [])]


def events_within(site: Site, days: int) -> list[dict]:
    start = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    window = {"$gte": start.isoformat(), "$lte": (start + timedelta(days=days)).isoformat()}
    with site.api() as api:
        return api.post("/events/query", json={"query": {"filter": {"date": window}}}).json()["calendarEvents"]


def assert_download_matches(at: AppTest, media: list[MemoryMediaFileStorage], shown: pd.DataFrame) -> None:
    """The CSV behind the download button holds exactly the rows on screen (times in UTC)."""
    button = at.get("download_button")[0]
    assert button.proto.label == f"Download {len(shown)} row(s) as CSV"
    csv = media[-1].get_file(button.proto.url.rsplit("/", 1)[-1]).content.decode()
    downloaded = pd.read_csv(io.StringIO(csv), keep_default_na=False)
    columns = ["id", "user", "site", "action", "targets", "outcome", "code", "message"]
    assert downloaded[columns].astype(str).values.tolist() == shown[columns].fillna("").astype(str).values.tolist()
    assert pd.to_datetime(downloaded["time_utc"], utc=True).tolist() == shown["time_utc"].tolist()


def schedule_all_drafts(at: AppTest) -> None:
    next(b for b in at.button if b.label.startswith("Schedule all")).click().run()
    next(b for b in at.button if b.label.startswith("Schedule ") and b.label.endswith("draft(s)")).click().run()


def test_plan_actions_are_listed_with_user_site_targets_and_outcome(site_factory, audit_db: Path) -> None:
    site = site_factory("demo")
    drafts = [i["id"] for i in plan_items(site) if i["status"] == "DRAFT"]
    at = open_as("ana@example.com")
    schedule_all_drafts(at)
    scheduled = sum(i["status"] == "SCHEDULED" for i in plan_items(site) if i["id"] in drafts)
    confirm_regenerate(at)

    table = log_table(at)
    assert table["action"].tolist() == ["regenerate plan", "schedule drafts"]
    assert set(table["user"]) == {"ana@example.com"}
    assert set(table["site"]) == {site.site_id}
    assert set(table["outcome"]) == {"ok"}
    regenerate, schedule = table.iloc[0], table.iloc[1]
    assert regenerate["targets"] == ""
    assert sorted(schedule["targets"].split("; ")) == sorted(drafts)
    assert f"{scheduled} scheduled" in schedule["message"]
    assert table["time"].is_monotonic_decreasing


def test_settings_and_event_actions_record_their_targets(site_factory, audit_db: Path) -> None:
    site = site_factory("demo")
    at = open_as("ben@example.com", "pages/settings.py")
    by_label(at.text_input, "Tone of voice").set_value("calm and precise")
    by_label(at.button, "Save settings").click().run()

    at.switch_page("pages/events.py").run()
    by_label(at.text_input, "Name").set_value("Winter Sale")
    by_label(at.date_input, "Date (one-time)").set_value(date.today() + timedelta(days=9))
    by_label(at.button, "Create event").click().run()
    created = next(e["id"] for e in events_within(site, days=30) if e["name"] == "Winter Sale")
    at.session_state[f"{site.site_id}::delete_event_request"] = created  # what "Delete this event" asks for
    at.run()
    by_label(at.button, "Delete event").click().run()
    assert not at.exception

    table = log_table(at).set_index("action")
    assert list(table.index) == ["delete event", "create event", "upsert settings"]
    assert table.loc["upsert settings", "targets"] == "settings.toneOfVoice"
    assert table.loc["create event", "targets"] == "Winter Sale"
    assert table.loc["create event", "message"] == f"Created event ID {created}"
    assert table.loc["delete event", "targets"] == created
    assert set(table["outcome"]) == {"ok"}
    assert set(table["user"]) == {"ben@example.com"}


def test_failed_schedule_is_recorded_with_its_code_and_the_csv_holds_the_rows(
    site_factory, audit_db: Path, media: list[MemoryMediaFileStorage]
) -> None:
    site = site_factory("no-premium")
    drafts = [i["id"] for i in plan_items(site) if i["status"] == "DRAFT"]
    at = open_as("ana@example.com")
    schedule_all_drafts(at)
    assert any("premium" in e.value.lower() for e in at.error)
    confirm_regenerate(at)

    table = log_table(at)
    assert table["outcome"].tolist() == ["ok", "error"]
    failed = table.iloc[1]
    assert (failed["action"], failed["site"]) == ("schedule drafts", site.site_id)
    assert failed["code"] == "SCHEDULE_POSTS_PREMIUM_FEATURE_MISSING"
    assert "premium" in failed["message"].lower()
    assert sorted(failed["targets"].split("; ")) == sorted(drafts)

    assert_download_matches(at, media, table)
    by_label(at.multiselect, "Outcome").set_value(["error"]).run()
    shown = at.dataframe[0].value
    assert shown["id"].tolist() == [failed["id"]]
    assert_download_matches(at, media, shown)


def test_filters_pending_entries_and_restart(site_factory, audit_db: Path) -> None:
    site = site_factory("no-premium")
    schedule_all_drafts(open_as("ana@example.com"))  # refused: no premium
    confirm_regenerate(open_as("ben@example.com"))
    AuditLog(open_store(audit_db)).record_intent(
        "cy@example.com", site.site_id, "delete plan", []
    )  # a crash left it pending

    store_at.clear()  # a restarted process opens the file anew
    at = open_as("ana@example.com", LOG_PAGE)
    table = at.dataframe[0].value
    assert table["user"].tolist() == ["cy@example.com", "ben@example.com", "ana@example.com"]
    assert table["action"].tolist() == ["delete plan", "regenerate plan", "schedule drafts"]
    assert table["outcome"].tolist() == ["pending", "ok", "error"]
    assert any("no recorded outcome" in w.value for w in at.warning)

    by_label(at.multiselect, "User").set_value(["ben@example.com", "cy@example.com"]).run()
    assert at.dataframe[0].value["action"].tolist() == ["delete plan", "regenerate plan"]
    by_label(at.multiselect, "Action").set_value(["regenerate plan", "schedule drafts"]).run()
    assert at.dataframe[0].value["user"].tolist() == ["ben@example.com"]
    by_label(at.multiselect, "User").set_value([]).run()
    by_label(at.multiselect, "Outcome").set_value(["error"]).run()
    assert at.dataframe[0].value["user"].tolist() == ["ana@example.com"]
    dates = next(d for d in at.date_input if d.label.startswith("Dates"))
    dates.set_value((date.today() - timedelta(days=20), date.today() - timedelta(days=10))).run()
    assert at.dataframe.len == 0
    assert any("No recorded actions" in i.value for i in at.info)


def test_the_log_names_outcomes_leaves_empty_cells_empty_and_names_the_zone_once(site_factory, audit_db: Path) -> None:
    site = site_factory("no-premium")
    schedule_all_drafts(open_as("ana@example.com"))  # refused: an error with its code and message
    confirm_regenerate(open_as("ben@example.com"))  # done: no code
    AuditLog(open_store(audit_db)).record_intent(
        "cy@example.com", site.site_id, "delete plan", []
    )  # pending: no code, message

    at = open_as("ana@example.com", LOG_PAGE)
    shown = as_shown(at.dataframe[0])
    assert list(shown.columns) == ["Time", "User", "Site", "Action", "Target IDs", "Outcome", "Code", "Message"]
    assert shown["Outcome"].tolist() == ["Pending", "Done", "Failed"]
    cells = shown.drop(columns="Time")
    assert not cells.isna().any().any()
    assert not cells.isin(["None", "nan", "NaN", "NaT"]).any().any()
    assert shown.loc[0, ["Target IDs", "Code", "Message"]].tolist() == ["", "", ""]
    assert by_label(at.multiselect, "Outcome").options == ["Done", "Failed", "Pending"]
    labels = [w.label for w in (*at.date_input, *at.multiselect)] + list(shown.columns)
    assert not [label for label in labels if "UTC" in label], "the zone is named once, in the caption"
    assert any("Times in UTC." in c.value for c in at.caption)


def test_api_key_never_reaches_the_audit_log(site_factory, audit_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site_factory("no-premium")
    monkeypatch.setenv("WIX_API_KEY", KEY)
    at = open_as("ana@example.com")
    schedule_all_drafts(at)
    confirm_regenerate(at)
    assert len(log_table(at)) == 2
    stored = b"".join(path.read_bytes() for path in audit_db.parent.iterdir())
    assert KEY.encode() not in stored


def test_no_action_runs_when_the_audit_log_cannot_be_written(
    site_factory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = site_factory("demo")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("STUDIO_AUDIT_DB", str(blocker / "audit.db"))
    at = open_as("ana@example.com")
    confirm_regenerate(at)
    assert any("activity log could not be written" in e.value for e in at.error)
    with site.api() as api:
        assert api.get("/marketing-plan").json()["status"] == "ACTIVE"
    at.switch_page(LOG_PAGE).run()
    assert any("could not be opened" in e.value for e in at.error)


def test_unexpected_error_is_recorded_by_type_then_raised(audit_db: Path) -> None:
    def script() -> None:
        from lib.ui.actions import run_action

        def crash() -> None:
            raise RuntimeError("internal detail that must not be stored")

        run_action("site-x", "delete plan", crash, targets=["plan-1"])

    at = AppTest.from_function(script, default_timeout=APP_TIMEOUT).run()
    assert at.exception
    (entry,) = AuditLog(open_store(audit_db)).entries()
    assert (entry.action, entry.targets, entry.outcome, entry.code) == (
        "delete plan",
        ("plan-1",),
        "error",
        "RuntimeError",
    )
    assert "internal detail" not in (entry.message or "")


def test_refusal_while_another_action_runs_is_not_recorded(audit_db: Path) -> None:
    def script() -> None:
        import streamlit as st

        from lib.ui import actions
        from lib.ui.actions import _lock_for, run_action

        actions.BUSY_WAIT_SECONDS = 0.1  # the other action never ends here: stop waiting for it soon
        with _lock_for("site-x"):
            st.write(run_action("site-x", "delete plan", lambda: None).error)

    at = AppTest.from_function(script, default_timeout=APP_TIMEOUT).run()
    assert "was not sent" in at.markdown[0].value
    assert AuditLog(open_store(audit_db)).entries() == []
