"""Marketing Settings V1 over HTTP: fieldMask upsert, validation, defaults, options."""

from __future__ import annotations

import pytest

from tests.sandbox.helpers import BASE, app_error, violations

SETTINGS = f"{BASE}/marketing-settings"
READ_ONLY = {"language", "businessLocation", "targetLocations"}


def _settings(api) -> dict:
    response = api.get(SETTINGS)
    assert response.status_code == 200
    return response.json()["marketingSettings"]


def _upsert(api, settings: dict, mask: list[str], overrides: dict | None = None):
    body = {
        "marketingSettings": {"settings": settings, **({"overrides": overrides} if overrides else {})},
        "fieldMask": mask,
    }
    return api.post(SETTINGS, json=body)


def test_never_saved_settings_hold_only_read_only_fields(fresh, connect):
    saved = _settings(connect(fresh))
    assert set(saved["settings"]) == READ_ONLY
    assert "createdAt" not in saved and "updatedAt" not in saved


def test_upsert_writes_only_masked_paths(fresh, connect):
    api = connect(fresh)
    first = _upsert(api, {"toneOfVoice": "calm", "pointOfView": "FIRST_PERSON"}, ["settings.toneOfVoice"])
    assert first.status_code == 200, first.text
    saved = first.json()["marketingSettings"]
    assert saved["settings"]["toneOfVoice"] == "calm"
    assert "pointOfView" not in saved["settings"], "unmasked fields are not written"
    assert saved["createdAt"] == saved["updatedAt"]

    second = _upsert(api, {"socialChannels": ["TIKTOK"]}, ["settings.socialChannels"]).json()["marketingSettings"]
    assert second["settings"]["toneOfVoice"] == "calm" and second["settings"]["socialChannels"] == ["TIKTOK"]
    assert second["createdAt"] == saved["createdAt"]
    assert _settings(api) == second


def test_masked_path_missing_from_body_is_invalid_field_mask(fresh, connect):
    api = connect(fresh)
    response = _upsert(api, {"toneOfVoice": "calm"}, ["settings.toneOfVoice", "settings.topics"])
    assert response.status_code == 428
    error = app_error(response)
    assert error["code"] == "INVALID_FIELD_MASK_ERROR"
    assert "settings.topics" in error["description"]
    assert "toneOfVoice" not in _settings(api)["settings"], "nothing was written"


def test_null_under_a_masked_path_clears_it(fresh, connect):
    api = connect(fresh)
    _upsert(api, {"toneOfVoice": "calm", "topics": {"included": ["tea"]}}, ["settings.toneOfVoice", "settings.topics"])
    cleared = _upsert(
        api, {"toneOfVoice": None, "topics": {"included": []}}, ["settings.toneOfVoice", "settings.topics.included"]
    )
    assert cleared.status_code == 200
    settings = cleared.json()["marketingSettings"]["settings"]
    assert "toneOfVoice" not in settings and "topics" not in settings


def test_read_only_fields_are_ignored(fresh, connect):
    api = connect(fresh)
    response = _upsert(
        api,
        {"language": "fr", "businessLocation": {"country": "FR"}},
        ["settings.language", "settings.businessLocation"],
    )
    assert response.status_code == 200
    settings = response.json()["marketingSettings"]["settings"]
    assert settings["language"] == "en" and settings["businessLocation"]["country"] == "US"


@pytest.mark.parametrize("count", [0, 31])
def test_frequency_count_outside_1_to_30_is_rejected(fresh, connect, count):
    api = connect(fresh)
    response = _upsert(api, {"frequency": {"interval": "WEEK", "count": count}}, ["settings.frequency"])
    assert violations(response)[0]["field"] == "marketingSettings.settings.frequency.count"
    assert "frequency" not in _settings(api)["settings"]


def test_override_frequency_and_other_validation(fresh, connect):
    api = connect(fresh)
    ok = _upsert(api, {}, ["overrides.blogs.frequency"], {"blogs": {"frequency": {"interval": "MONTH", "count": 2}}})
    assert ok.json()["marketingSettings"]["overrides"] == {"blogs": {"frequency": {"interval": "MONTH", "count": 2}}}
    bad = [
        ({"socialChannels": ["MYSPACE"]}, "settings.socialChannels", "marketingSettings.settings.socialChannels"),
        ({"pointOfView": "ROYAL_WE"}, "settings.pointOfView", "marketingSettings.settings.pointOfView"),
        ({"toneOfVoice": "x" * 3001}, "settings.toneOfVoice", "marketingSettings.settings.toneOfVoice"),
        (
            {"marketingPlanGoal": {"goalKey": "WIN"}},
            "settings.marketingPlanGoal",
            "marketingSettings.settings.marketingPlanGoal.goalKey",
        ),
    ]
    for settings, mask, field in bad:
        assert violations(_upsert(api, settings, [mask]))[0]["field"] == field


def test_unknown_mask_path_and_missing_mask_are_invalid(fresh, connect):
    api = connect(fresh)
    assert violations(_upsert(api, {"colour": "red"}, ["settings.colour"]))[0]["field"] == "fieldMask"
    response = api.post(SETTINGS, json={"marketingSettings": {"settings": {}}})
    assert violations(response)[0]["field"] == "fieldMask"


def test_defaults_and_field_mask(fresh, connect):
    api = connect(fresh)
    defaults = api.get(f"{SETTINGS}/defaults").json()["settings"]
    assert set(defaults) == {"marketingPlanGoal", "socialChannels", "frequency", "calendar"}
    assert defaults["socialChannels"] == ["FACEBOOK", "INSTAGRAM"]
    only = api.get(f"{SETTINGS}/defaults", params=[("fieldMask", "socialChannels"), ("fieldMask", "frequency")])
    assert set(only.json()["settings"]) == {"socialChannels", "frequency"}
    assert violations(api.get(f"{SETTINGS}/defaults", params={"fieldMask": "topics"}))[0]["field"] == "fieldMask"


def test_options_endpoints(fresh, connect):
    api = connect(fresh)
    goals = api.get(f"{SETTINGS}/plan-goal-options").json()["options"]
    assert [g["planGoalKey"] for g in goals] == ["DRIVE_TRAFFIC", "BRAND_AWARENESS", "BOOST_SALES", "COLLECT_LEADS"]
    povs = api.get(f"{SETTINGS}/point-of-view-options").json()["options"]
    assert [p["pointOfView"] for p in povs] == ["FIRST_PERSON", "SECOND_PERSON", "THIRD_PERSON"]
    calendars = api.get(f"{SETTINGS}/calendar-options").json()["options"]
    assert len(calendars) == 2 and all(c["id"] and c["name"] for c in calendars)
    default_ids = api.get(f"{SETTINGS}/defaults").json()["settings"]["calendar"]["ids"]
    assert default_ids == [calendars[0]["id"]]
