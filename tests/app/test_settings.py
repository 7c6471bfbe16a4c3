"""AppTest: the Settings view (options as readable labels, validation before any call, exact field masks)."""

from __future__ import annotations

from tests.app.conftest import Site, by_label, open_page


def settings_json(site: Site) -> dict:
    with site.api() as api:
        return api.get("/marketing-settings").json()["marketingSettings"]


def upsert_calls(site: Site) -> int:
    with site.api() as api:
        log = api.get(site.base_url + "/_sandbox/requests").json()["requests"]
    return sum(
        1
        for r in log
        if r.get("site") == site.site_id and r["method"] == "POST" and r["path"].endswith("/marketing-settings")
    )


def save(at) -> None:
    by_label(at.button, "Save settings").click().run()


def test_current_settings_and_readable_options(site_factory) -> None:
    site = site_factory("demo")
    at = open_page("pages/settings.py")
    assert not at.exception
    saved = settings_json(site)["settings"]
    goal = by_label(at.selectbox, "Goal")
    assert goal.value == saved["marketingPlanGoal"]["goalKey"]
    assert "Boost sales" in goal.options and "BOOST_SALES" not in goal.options
    assert by_label(at.multiselect, "Social channels").value == saved["socialChannels"]
    assert by_label(at.number_input, "Posts per period (1 to 30)").value == saved["frequency"]["count"]


def test_fresh_site_shows_defaults_for_unset_fields(site_factory) -> None:
    site = site_factory("fresh")
    at = open_page("pages/settings.py")
    with site.api() as api:
        defaults = api.get("/marketing-settings/defaults").json()["settings"]
    assert by_label(at.multiselect, "Social channels").value == defaults["socialChannels"]
    assert "default" in (by_label(at.multiselect, "Social channels").help or "")


def test_count_out_of_range_is_refused_before_any_call_and_keeps_the_edit(site_factory) -> None:
    site = site_factory("demo")
    at = open_page("pages/settings.py")
    before = settings_json(site)
    by_label(at.number_input, "Posts per period (1 to 30)").set_value(31)
    by_label(at.text_input, "Tone of voice").set_value("bold and bright")
    save(at)
    assert any("30" in error.value for error in at.error)
    assert upsert_calls(site) == 0
    assert settings_json(site) == before
    assert by_label(at.text_input, "Tone of voice").value == "bold and bright"


def test_empty_channels_with_social_marketing_is_refused(site_factory) -> None:
    site = site_factory("demo")
    at = open_page("pages/settings.py")
    by_label(at.multiselect, "Social channels").set_value([])
    save(at)
    assert any("channel" in error.value.lower() for error in at.error)
    assert upsert_calls(site) == 0


def test_save_sends_only_the_changed_fields_then_offers_keyword_regeneration(site_factory) -> None:
    site = site_factory("demo")
    at = open_page("pages/settings.py")
    before = settings_json(site)["settings"]
    by_label(at.text_area, "Topics to include (one per line)").set_value("handmade ceramics\nglaze workshops")
    by_label(at.text_input, "Tone of voice").set_value("warm and playful")
    save(at)
    assert not at.exception
    after = settings_json(site)["settings"]
    assert after["topics"]["included"] == ["handmade ceramics", "glaze workshops"]
    assert after["toneOfVoice"] == "warm and playful"
    unchanged = {k: v for k, v in before.items() if k not in ("topics", "toneOfVoice")}
    assert {k: after.get(k) for k in unchanged} == unchanged
    assert any("next (re)generation" in s.value for s in at.success)
    assert "Regenerate with keyword research" in [b.label for b in at.button]


def test_nothing_changed_saves_nothing(site_factory) -> None:
    site = site_factory("demo")
    at = open_page("pages/settings.py")
    save(at)
    assert any("Nothing changed" in info.value for info in at.info)
    assert upsert_calls(site) == 0
