"""Deterministic identifiers: GUID-shaped ids from seeds (uuid5), so the same seed always gives the same id."""

from __future__ import annotations

import hashlib
import uuid

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "sandbox.marketing-plan-studio")


def guid(*parts: object) -> str:
    """A GUID derived from the parts."""
    return str(uuid.uuid5(_NAMESPACE, "|".join(str(part) for part in parts)))


def digits(*parts: object, length: int = 17) -> str:
    """A numeric string derived from the parts (account-id shaped)."""
    number = int(hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest(), 16)
    return str(number)[:length]


def marketing_calendar_id(site_id: str) -> str:
    """The site's own marketing calendar."""
    return guid(site_id, "calendar", "marketing")


def connected_calendar_id(site_id: str) -> str:
    """The site's connected (read-only) calendar."""
    return guid(site_id, "calendar", "connected")
