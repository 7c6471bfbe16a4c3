"""Marketing settings: fieldMask upsert, validation, wire rendering, defaults and the profile a generation uses."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

from lib.sandbox import errors, gaps, ids
from lib.sandbox.fieldmask import parse_field_mask

_TEXT_FIELDS = ("toneOfVoice", "customContentGuidelines", "imageGuidelines")


@dataclass(frozen=True)
class Profile:
    """Settings as a generation reads them: saved values, defaults where unset."""

    goal_key: str | None
    custom_goal: str | None
    channels: tuple[str, ...]
    tools: tuple[str, ...]
    point_of_view: str
    tone: str
    topics_included: tuple[str, ...]  # without the ones that mention an excluded topic
    topics_excluded: tuple[str, ...]
    frequencies: dict[str, dict[str, Any]]
    calendar_ids: tuple[str, ...] | None


def profile(saved: dict[str, Any] | None) -> Profile:
    """The effective settings of a site (defaults for every unset field, gap 26)."""
    core = saved or {}
    settings = core.get("settings", {})
    overrides = core.get("overrides", {})
    goal = settings.get("marketingPlanGoal") or gaps.DEFAULT_GOAL
    topics = settings.get("topics") or {}
    excluded = tuple(t for t in topics.get("excluded") or () if t.strip())
    base_frequency = settings.get("frequency")
    frequencies = {
        tool: (overrides.get(tool) or {}).get("frequency") or base_frequency or gaps.DEFAULT_TOOL_FREQUENCY[tool]
        for tool in gaps.OVERRIDE_TOOLS
    }
    calendar_ids = (settings.get("calendar") or {}).get("ids")
    return Profile(
        goal_key=goal.get("goalKey"),
        custom_goal=goal.get("customGoal"),
        channels=tuple(settings.get("socialChannels") or gaps.DEFAULT_CHANNELS),
        tools=tuple(settings.get("marketingTools") or gaps.DEFAULT_TOOLS),
        point_of_view=settings.get("pointOfView") or gaps.DEFAULT_POINT_OF_VIEW,
        tone=settings.get("toneOfVoice") or "",
        topics_included=tuple(t for t in topics.get("included") or () if t.strip() and not is_excluded(t, excluded)),
        topics_excluded=excluded,
        frequencies=frequencies,
        calendar_ids=tuple(calendar_ids) if calendar_ids else None,
    )


def is_excluded(topic: str, excluded: tuple[str, ...]) -> bool:
    """Whether a topic mentions an excluded topic (whole words, any case)."""
    return any(re.search(rf"\b{re.escape(word.strip())}\b", topic, re.IGNORECASE) for word in excluded)


def render(site_id: str, saved: dict[str, Any] | None) -> dict[str, Any]:
    """Wire form of the site's settings (gap 27); never saved = only the read-only fields."""
    core = saved or {}
    result: dict[str, Any] = {"id": site_id}
    for key in ("createdAt", "updatedAt"):
        if key in core:
            result[key] = core[key]
    result["settings"] = {
        **copy.deepcopy(core.get("settings", {})),
        "language": gaps.SITE_LANGUAGE,
        "businessLocation": dict(gaps.SITE_BUSINESS_LOCATION),
        "targetLocations": copy.deepcopy(gaps.SITE_TARGET_LOCATIONS),
    }
    result["overrides"] = copy.deepcopy(core.get("overrides", {}))
    return result


def upsert(saved: dict[str, Any] | None, body: dict[str, Any], now_iso: str) -> dict[str, Any]:
    """Apply an UpsertMarketingSettings body to the saved settings; returns the new saved settings."""
    incoming = body.get(gaps.SETTINGS_WRAPPER)
    if not isinstance(incoming, dict):
        raise errors.invalid(gaps.SETTINGS_WRAPPER, "is required and must be an object", "REQUIRED_FIELD")
    paths = parse_field_mask(body.get(gaps.FIELD_MASK_FIELD), gaps.SETTINGS_WRAPPER)
    writable = [path for path in paths if _classify(path)]
    missing = [path for path in paths if not _present(incoming, path.split("."))]
    if missing:
        raise errors.failed_precondition(
            gaps.CODE_INVALID_FIELD_MASK,
            f"fieldMask names paths missing from marketingSettings: {', '.join(missing)}",
        )
    core = {"settings": copy.deepcopy((saved or {}).get("settings", {})), "overrides": {}}
    core["overrides"] = copy.deepcopy((saved or {}).get("overrides", {}))
    for path in writable:
        _apply(core, path.split("."), _lookup(incoming, path.split(".")))
    _prune(core)
    violations = _validate(core)
    if violations:
        raise errors.invalid_many(violations)
    result: dict[str, Any] = {"createdAt": (saved or {}).get("createdAt", now_iso), "updatedAt": now_iso}
    result["settings"] = core.get("settings", {})
    result["overrides"] = core.get("overrides", {})
    return result


def defaults(site_id: str, mask: list[str]) -> dict[str, Any]:
    """GetMarketingSettingsDefaults answer (gap 29), limited to the masked fields when a mask is given."""
    values: dict[str, Any] = {
        "marketingPlanGoal": dict(gaps.DEFAULT_GOAL),
        "socialChannels": list(gaps.DEFAULT_CHANNELS),
        "frequency": dict(gaps.DEFAULT_FREQUENCY),
        "calendar": {"ids": [ids.marketing_calendar_id(site_id)]},
    }
    unknown = [value for value in mask if value not in gaps.DEFAULTS_MASK_VALUES]
    if unknown:
        allowed = ", ".join(gaps.DEFAULTS_MASK_VALUES)
        raise errors.invalid("fieldMask", f"unsupported values {unknown}; allowed: {allowed}", "INVALID_ENUM_VALUE")
    return {"settings": {key: value for key, value in values.items() if not mask or key in mask}}


def _classify(path: str) -> bool:
    """True = a writable path, False = a read-only path (ignored); raises for an unknown path."""
    parts = path.split(".")
    head = parts[0]
    if len(parts) == 1 and head in gaps.SETTINGS_TOP_READ_ONLY:
        return False
    if head == "settings" and _settings_path_ok(parts[1:]):
        return not (len(parts) > 1 and parts[1] in gaps.SETTINGS_READ_ONLY)
    if head == "overrides" and _overrides_path_ok(parts[1:]):
        return True
    raise errors.invalid(gaps.FIELD_MASK_FIELD, f"unknown path {path!r}", "INVALID_ENUM_VALUE", {"path": path})


def _settings_path_ok(rest: list[str]) -> bool:
    if not rest:
        return True
    field = rest[0]
    if field in gaps.SETTINGS_READ_ONLY:
        return True
    if field not in gaps.SETTINGS_WRITABLE:
        return False
    if len(rest) == 1 or field == "imageGenerationSettings":
        return True
    return len(rest) == 2 and rest[1] in gaps.SETTINGS_SUBFIELDS.get(field, ())


def _overrides_path_ok(rest: list[str]) -> bool:
    if not rest:
        return True
    if rest[0] not in gaps.OVERRIDE_TOOLS:
        return False
    tail = rest[1:]
    return (
        not tail
        or tail == ["frequency"]
        or (len(tail) == 2 and tail[0] == "frequency" and tail[1] in ("interval", "count"))
    )


def _present(node: Any, parts: list[str]) -> bool:
    for part in parts:
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def _lookup(node: Any, parts: list[str]) -> Any:
    for part in parts:
        node = node[part]
    return node


def _is_empty(value: Any) -> bool:
    return value is None or value in ({}, [], "")


def _apply(core: dict[str, Any], parts: list[str], value: Any) -> None:
    """Write (or clear, for null/empty) one masked path."""
    if parts == ["settings"]:
        value = (
            {k: v for k, v in (value or {}).items() if k in gaps.SETTINGS_WRITABLE}
            if isinstance(value, dict)
            else value
        )
    elif parts == ["overrides"]:
        value = (
            {k: v for k, v in (value or {}).items() if k in gaps.OVERRIDE_TOOLS} if isinstance(value, dict) else value
        )
    node: Any = core
    for part in parts[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = {}
            node[part] = child
        node = child
    if _is_empty(value):
        node.pop(parts[-1], None)
    else:
        node[parts[-1]] = copy.deepcopy(value)


def _prune(node: dict[str, Any]) -> None:
    """Drop empty objects left behind by clearing nested paths (top-level settings/overrides stay)."""
    for key in list(node):
        value = node[key]
        if isinstance(value, dict):
            _prune(value)
            if not value and key not in ("settings", "overrides"):
                del node[key]


def _validate(core: dict[str, Any]) -> list[tuple[str, str, str, dict[str, Any]]]:
    """Field violations of the merged settings (gap 26 shapes)."""
    out: list[tuple[str, str, str, dict[str, Any]]] = []
    settings = core.get("settings")
    overrides = core.get("overrides")
    base = f"{gaps.SETTINGS_WRAPPER}.settings"
    if not isinstance(settings, dict):
        return [(base, "must be an object", "FORMAT", {})]
    if not isinstance(overrides, dict):
        return [(f"{gaps.SETTINGS_WRAPPER}.overrides", "must be an object", "FORMAT", {})]
    goal = settings.get("marketingPlanGoal")
    if goal is not None:
        out += _check_goal(goal, f"{base}.marketingPlanGoal")
    for field, allowed in (("socialChannels", gaps.SETTINGS_CHANNELS), ("marketingTools", gaps.MARKETING_TOOLS)):
        if field in settings:
            out += _check_enum_list(settings[field], allowed, f"{base}.{field}")
    if "pointOfView" in settings and settings["pointOfView"] not in gaps.POINTS_OF_VIEW:
        out.append(
            (f"{base}.pointOfView", f"must be one of {', '.join(gaps.POINTS_OF_VIEW)}", "INVALID_ENUM_VALUE", {})
        )
    for field in _TEXT_FIELDS:
        if field in settings:
            out += _check_text(settings[field], f"{base}.{field}")
    if "frequency" in settings:
        out += _check_frequency(settings["frequency"], f"{base}.frequency")
    if "topics" in settings:
        out += _check_topics(settings["topics"], f"{base}.topics")
    if "businessProfile" in settings:
        out += _check_text_object(settings["businessProfile"], f"{base}.businessProfile")
    if "calendar" in settings:
        cal = settings["calendar"]
        if not isinstance(cal, dict) or not _is_str_list(cal.get("ids", [])):
            out.append((f"{base}.calendar.ids", "must be a list of calendar ids", "FORMAT", {}))
    for tool, value in overrides.items():
        where = f"{gaps.SETTINGS_WRAPPER}.overrides.{tool}"
        if not isinstance(value, dict):
            out.append((where, "must be an object", "FORMAT", {}))
        elif "frequency" in value:
            out += _check_frequency(value["frequency"], f"{where}.frequency")
    return out


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _check_goal(goal: Any, where: str) -> list[tuple[str, str, str, dict[str, Any]]]:
    if not isinstance(goal, dict) or ("goalKey" in goal) == ("customGoal" in goal):
        return [(where, "must hold exactly one of goalKey or customGoal", "FORMAT", {})]
    if "goalKey" in goal and goal["goalKey"] not in gaps.PLAN_GOALS:
        return [(f"{where}.goalKey", f"must be one of {', '.join(gaps.PLAN_GOALS)}", "INVALID_ENUM_VALUE", {})]
    if "customGoal" in goal:
        return _check_text(goal["customGoal"], f"{where}.customGoal")
    return []


def _check_enum_list(value: Any, allowed: tuple[str, ...], where: str) -> list[tuple[str, str, str, dict[str, Any]]]:
    if not _is_str_list(value):
        return [(where, "must be a list of strings", "FORMAT", {})]
    bad = [item for item in value if item not in allowed]
    if bad:
        return [(where, f"unknown values {bad}; allowed: {', '.join(allowed)}", "INVALID_ENUM_VALUE", {})]
    return []


def _check_text(value: Any, where: str) -> list[tuple[str, str, str, dict[str, Any]]]:
    if not isinstance(value, str):
        return [(where, "must be a string", "FORMAT", {})]
    if len(value) > gaps.SETTINGS_TEXT_MAX:
        return [
            (
                where,
                f"must be at most {gaps.SETTINGS_TEXT_MAX} characters",
                "MAX_LENGTH",
                {"max": gaps.SETTINGS_TEXT_MAX},
            )
        ]
    return []


def _check_text_object(value: Any, where: str) -> list[tuple[str, str, str, dict[str, Any]]]:
    if not isinstance(value, dict):
        return [(where, "must be an object", "FORMAT", {})]
    return [violation for key, text in value.items() for violation in _check_text(text, f"{where}.{key}")]


def _check_frequency(value: Any, where: str) -> list[tuple[str, str, str, dict[str, Any]]]:
    if not isinstance(value, dict):
        return [(where, "must be an object with interval and count", "FORMAT", {})]
    out: list[tuple[str, str, str, dict[str, Any]]] = []
    if value.get("interval") not in gaps.FREQUENCY_INTERVALS:
        allowed = ", ".join(gaps.FREQUENCY_INTERVALS)
        out.append((f"{where}.interval", f"must be one of {allowed}", "INVALID_ENUM_VALUE", {}))
    low, high = gaps.FREQUENCY_COUNT_RANGE
    count = value.get("count")
    if isinstance(count, bool) or not isinstance(count, int) or not low <= count <= high:
        out.append(
            (
                f"{where}.count",
                f"must be a whole number from {low} to {high}",
                "OUT_OF_RANGE",
                {"min": low, "max": high},
            )
        )
    return out


def _check_topics(value: Any, where: str) -> list[tuple[str, str, str, dict[str, Any]]]:
    if not isinstance(value, dict):
        return [(where, "must be an object", "FORMAT", {})]
    out: list[tuple[str, str, str, dict[str, Any]]] = []
    for key in ("included", "excluded"):
        if key in value:
            if not _is_str_list(value[key]):
                out.append((f"{where}.{key}", "must be a list of strings", "FORMAT", {}))
            else:
                out += [v for item in value[key] for v in _check_text(item, f"{where}.{key}")]
    return out
