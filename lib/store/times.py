"""How the store writes an instant: UTC ISO 8601 text of one fixed width, so text order is time order on both
backends (the shape the audit log has always had)."""

from __future__ import annotations

from datetime import UTC, datetime

FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def to_text(moment: datetime) -> str:
    """``2026-12-02T05:30:00.000000Z``."""
    return moment.astimezone(UTC).strftime(FORMAT)


def from_text(text: str) -> datetime:
    return datetime.strptime(text, FORMAT).replace(tzinfo=UTC)


def from_optional_text(text: str | None) -> datetime | None:
    return from_text(text) if text else None
