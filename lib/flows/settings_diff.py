"""Settings diff: the UpsertMarketingSettings ``fieldMask`` between two settings, and the body holding exactly its
paths (no Streamlit)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

READ_ONLY_SETTINGS = frozenset({"language", "businessLocation", "targetLocations"})


def as_dict(value: object) -> dict[str, Any]:
    """The value when it is a dict, else an empty one (a settings section may be missing or malformed)."""
    return value if isinstance(value, dict) else {}


def _normalized(value: object) -> object:
    """Comparable form: empty values (None, "", [], {}) are alike, text is stripped, lists of text are unordered."""
    if isinstance(value, dict):
        fields = {k: _normalized(v) for k, v in value.items()}
        return {k: v for k, v in fields.items() if v is not None} or None
    if isinstance(value, list | tuple):
        entries = [v for v in (_normalized(v) for v in value) if v is not None]
        texts = [v for v in entries if isinstance(v, str)]
        if len(texts) == len(entries):  # all text: the order does not count
            return sorted(texts) or None
        return entries or None
    if isinstance(value, str):
        return value.strip() or None
    return value


def _keys(*dicts: Mapping[str, Any]) -> list[str]:
    return list(dict.fromkeys(key for d in dicts for key in d))


def changed_settings_paths(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """The UpsertMarketingSettings ``fieldMask`` between two marketingSettings dicts (``{"settings", "overrides"}``).

    Paths are ``settings.<field>`` and ``overrides.<tool>.<field>`` (e.g. ``overrides.socialMarketing.frequency``),
    in order of appearance; read-only fields are never included; empty values (None, "", [], {}) count as equal.
    """
    paths: list[str] = []
    old, new = as_dict(before.get("settings")), as_dict(after.get("settings"))
    for key in _keys(new, old):
        if key not in READ_ONLY_SETTINGS and _normalized(old.get(key)) != _normalized(new.get(key)):
            paths.append(f"settings.{key}")
    old_overrides, new_overrides = as_dict(before.get("overrides")), as_dict(after.get("overrides"))
    for tool in _keys(new_overrides, old_overrides):
        old_tool, new_tool = as_dict(old_overrides.get(tool)), as_dict(new_overrides.get(tool))
        for key in _keys(new_tool, old_tool):
            if _normalized(old_tool.get(key)) != _normalized(new_tool.get(key)):
                paths.append(f"overrides.{tool}.{key}")
    return paths


def settings_upsert_payload(
    after: Mapping[str, Any], paths: Sequence[str]
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """``(settings, overrides)`` for ``client.upsert_marketing_settings`` holding exactly the masked paths.

    Every masked path is present (``None`` when cleared), since Wix rejects a mask path missing from the body.
    ``overrides`` is ``None`` when no override path is masked.
    """
    settings_in, overrides_in = as_dict(after.get("settings")), as_dict(after.get("overrides"))
    settings: dict[str, Any] = {}
    overrides: dict[str, Any] = {}
    for path in paths:
        section, _, rest = path.partition(".")
        if section == "settings":
            settings[rest] = settings_in.get(rest)
        elif section == "overrides":
            tool, _, key = rest.partition(".")
            overrides.setdefault(tool, {})[key] = as_dict(overrides_in.get(tool)).get(key)
    return settings, overrides or None
