"""What the Settings form starts from and how it reads back: current settings, defaults for what is unset."""

from __future__ import annotations

import functools
from dataclasses import fields, replace
from typing import Any

from lib.wix.models import Settings

READ_ONLY_FIELDS = frozenset({"language", "business_location", "raw"})


@functools.lru_cache(maxsize=256)  # called for every option of every select box on each rerun of the Settings view
def readable(key: object) -> str:
    """`BOOST_SALES` -> `Boost sales`; anything unknown is shown as it came, made readable."""
    text = str(key or "").replace("_", " ").strip()
    return text[:1].upper() + text[1:].lower() if text else "—"


def with_defaults(current: Settings, defaults: Settings) -> tuple[Settings, set[str]]:
    """The settings the form shows: each unset field takes its default. Also returns the names that did."""
    # Any: each value is the defaults' own value of the field it fills, so it has that field's type by construction
    filled: dict[str, Any] = {}
    for spec in fields(Settings):
        if spec.name in READ_ONLY_FIELDS:
            continue
        if getattr(current, spec.name) is None and getattr(defaults, spec.name) is not None:
            filled[spec.name] = getattr(defaults, spec.name)
    return replace(current, **filled), set(filled)


def lines(text: str) -> list[str]:
    """One entry per non-empty line (topics are typed one per line)."""
    return [line.strip() for line in text.splitlines() if line.strip()]
