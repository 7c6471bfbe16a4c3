"""One display name per API value (channels, post statuses) and short excerpts of API text. No Streamlit."""

from __future__ import annotations

from lib.wix.models import Channel, ItemStatus

CHANNEL_NAMES: dict[str, str] = {  # in the order the app lists channels
    Channel.INSTAGRAM: "Instagram",
    Channel.FACEBOOK: "Facebook",
    Channel.LINKEDIN: "LinkedIn",
    Channel.TWITTER: "X",
    Channel.PINTEREST: "Pinterest",
    Channel.GBP: "Google Business Profile",
    Channel.TIKTOK: "TikTok",
    Channel.YOUTUBE: "YouTube",
}
STATUS_NAMES: dict[str, str] = {
    ItemStatus.DRAFT: "Draft",
    ItemStatus.SCHEDULED: "Scheduled",
    ItemStatus.PUBLISHED: "Published",
}
EXCERPT_LENGTH = 80


def _name(names: dict[str, str], value: object) -> str:
    """The display name of ``value``; an unknown value as sent, a missing one empty."""
    if value is None:
        return ""
    return names.get(str(value), str(value))


def channel_name(value: object) -> str:
    """e.g. ``"LinkedIn"`` for ``"LINKEDIN"``; an unknown channel as sent, a missing one empty."""
    return _name(CHANNEL_NAMES, value)


def status_name(value: object) -> str:
    """e.g. ``"Draft"`` for ``"DRAFT"``; an unknown status as sent, a missing one empty."""
    return _name(STATUS_NAMES, value)


def excerpt(text: str | None, length: int = EXCERPT_LENGTH) -> str:
    """The text on one line (whitespace runs become one space), cut at a word to at most ``length`` characters with
    an ellipsis when it was longer."""
    line = " ".join((text or "").split())
    if len(line) <= length:
        return line
    cut = line[: length - 1]
    head = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return head.rstrip(" ,.;:") + "…"
