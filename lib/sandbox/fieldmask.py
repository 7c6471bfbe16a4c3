"""FieldMask parsing shared by UpsertMarketingSettings and UpdateMarketingActivity (gaps 20 and 28)."""

from __future__ import annotations

from lib.sandbox import errors, gaps


def parse_field_mask(raw: object, wrapper: str) -> list[str]:
    """Paths of a fieldMask sent as a JSON array (gap 20); a comma-separated string or {"paths": [...]} is accepted.

    A leading `<wrapper>.` is dropped, so `marketingSettings.settings.topics` equals `settings.topics`.
    """
    if isinstance(raw, dict):
        raw = raw.get("paths")
    if isinstance(raw, str):
        paths = [part.strip() for part in raw.split(",")]
    elif isinstance(raw, list) and all(isinstance(part, str) for part in raw):
        paths = [part.strip() for part in raw]
    else:
        raise errors.invalid(gaps.FIELD_MASK_FIELD, "is required: a list of field paths", "REQUIRED_FIELD")
    paths = [path.removeprefix(f"{wrapper}.") for path in paths if path]
    if not paths:
        raise errors.invalid(gaps.FIELD_MASK_FIELD, "must name at least one path", "MIN_SIZE")
    return paths
