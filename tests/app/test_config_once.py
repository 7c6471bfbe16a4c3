"""The configuration is read once per script run (by app.py, or by the view's shell when Streamlit runs a view
directly) and handed on: views, actions and the audit-log opener use the run's connection instead of parsing the
environment and secrets again."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from streamlit.runtime.scriptrunner import get_script_run_ctx

from lib.ui import connection
from tests.app.conftest import by_label, open_page


@pytest.fixture
def reads_per_run(monkeypatch: pytest.MonkeyPatch) -> Counter:
    """How often each script run parsed the configuration (``lib.config.load_config`` as the app calls it), keyed by
    the run (Streamlit makes a new ``cursors`` dict for every run; the counter keeps it alive, so no key is reused)."""
    reads: Counter = Counter()
    real: Callable = connection.load_config

    def counting(*args, **kwargs):
        ctx = get_script_run_ctx()
        assert ctx is not None, "the configuration was parsed outside a script run"
        reads[_Run(ctx.cursors)] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(connection, "load_config", counting)
    return reads


class _Run:
    """A script run, told apart by its ``cursors`` dict (compared by identity)."""

    def __init__(self, cursors: dict) -> None:
        self.cursors = cursors

    def __hash__(self) -> int:
        return id(self.cursors)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Run) and other.cursors is self.cursors


@pytest.mark.parametrize(
    "page", ["pages/plan.py", "pages/settings.py", "pages/events.py", "pages/activity.py", "pages/activity_log.py"]
)
def test_every_view_runs_on_the_configuration_read_once_per_run(site_factory, reads_per_run, page) -> None:
    site_factory("demo")
    at = open_page(page)
    at.run()
    assert not at.exception
    assert len(reads_per_run) >= 3  # app.py's run, the view's, and the rerun
    assert set(reads_per_run.values()) == {1}


def test_an_audited_action_reads_the_configuration_no_more_often(site_factory, reads_per_run) -> None:
    site_factory("demo")
    at = open_page("pages/events.py")
    by_label(at.text_input, "Name").set_value("Kiln opening")
    by_label(at.date_input, "Date (one-time)").set_value(date.today() + timedelta(days=9))
    by_label(at.button, "Create event").click().run()
    assert not at.exception
    assert any("created" in s.value for s in at.success)  # written, and audited
    assert set(reads_per_run.values()) == {1}
