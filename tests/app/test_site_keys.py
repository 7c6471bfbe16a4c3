"""AppTest: what a viewer typed for one site does not follow them to another (`lib.ui.site_state`)."""

from __future__ import annotations

from tests.app.conftest import by_label, open_page


def test_a_refused_event_s_entries_do_not_follow_the_viewer_to_another_site(site_factory) -> None:
    site_factory("demo")
    at = open_page("pages/events.py")
    by_label(at.text_input, "Name").set_value("Kiln opening")
    by_label(at.button, "Create event").click().run()  # no date: refused, and the entries are kept for a retry
    assert at.error
    assert by_label(at.text_input, "Name").value == "Kiln opening"
    site_factory("demo")  # the same session now works on another site
    at.run()
    assert by_label(at.text_input, "Name").value == ""
