"""Application configuration from environment variables and ``st.secrets`` (passed in as a plain mapping).

Precedence: environment, then secrets, then defaults. No Streamlit import: the caller hands over ``st.secrets``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

DEFAULT_BASE_URL = "https://www.wixapis.com"


class Secret:
    """A secret string whose ``str``/``repr`` is ``***``; ``reveal()`` returns the value."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __str__(self) -> str:
        return "***"

    def __repr__(self) -> str:
        return "Secret('***')"

    def __format__(self, format_spec: str) -> str:
        return "***"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(frozen=True)
class AppConfig:
    """Everything the app needs to know at start-up."""

    base_url: str = DEFAULT_BASE_URL
    api_key: Secret | None = None
    site_id: str | None = None
    sandbox_scenario: str = "demo"
    sandbox_db: str = "var/sandbox.db"
    sandbox_generation_seconds: float = 3.0
    poll_seconds: float = 2.0
    poll_limit_seconds: float = 900.0
    audit_db: str = "var/audit.db"

    @property
    def is_live(self) -> bool:
        """True when both an API key and a site ID are configured (else the bundled sandbox is used)."""
        return self.api_key is not None and bool(self.site_id)


def _section(secrets: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    try:
        section = secrets.get(name)
    except FileNotFoundError:  # st.secrets without a secrets.toml
        return {}
    return section if isinstance(section, Mapping) else {}


def _pick(environ: Mapping[str, str], env_name: str, section: Mapping[str, Any], key: str) -> str | None:
    """The environment value, else the secrets value, as a stripped non-empty string (or ``None``)."""
    for value in (environ.get(env_name), section.get(key)):
        if value is not None and str(value).strip():
            return str(value).strip()
    return None


def _number(value: str | None, default: float, setting: str, *, allow_zero: bool = False) -> float:
    """Parse seconds; the error names the setting but never echoes the value."""
    if value is None:
        return default
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or number < 0 or (number == 0 and not allow_zero):
        kind = "zero or a positive number" if allow_zero else "a positive number"
        raise ValueError(f"{setting} must be {kind} of seconds")
    return number


def load_config(environ: Mapping[str, str], secrets: Mapping[str, Any]) -> AppConfig:
    """Build the :class:`AppConfig`: environment first, then ``secrets`` sections ``[wix]``, ``[sandbox]``,
    ``[studio]``, then defaults. Raises ``ValueError`` naming the setting when a value is unusable."""
    wix = _section(secrets, "wix")
    sandbox = _section(secrets, "sandbox")
    studio = _section(secrets, "studio")

    base_url = _pick(environ, "WIX_API_BASE_URL", wix, "base_url") or DEFAULT_BASE_URL
    if not base_url.startswith(("http://", "https://")):
        raise ValueError("WIX_API_BASE_URL (or [wix] base_url) must start with http:// or https://")
    api_key = _pick(environ, "WIX_API_KEY", wix, "api_key")

    return AppConfig(
        base_url=base_url.rstrip("/"),
        api_key=Secret(api_key) if api_key else None,
        site_id=_pick(environ, "WIX_SITE_ID", wix, "site_id"),
        sandbox_scenario=_pick(environ, "STUDIO_SANDBOX_SCENARIO", sandbox, "scenario") or "demo",
        sandbox_db=_pick(environ, "STUDIO_SANDBOX_DB", sandbox, "db") or "var/sandbox.db",
        sandbox_generation_seconds=_number(
            _pick(environ, "STUDIO_SANDBOX_GENERATION_SECONDS", sandbox, "generation_seconds"),
            3.0,
            "STUDIO_SANDBOX_GENERATION_SECONDS (or [sandbox] generation_seconds)",
            allow_zero=True,
        ),
        poll_seconds=_number(
            _pick(environ, "STUDIO_POLL_SECONDS", studio, "poll_seconds"),
            2.0,
            "STUDIO_POLL_SECONDS (or [studio] poll_seconds)",
        ),
        poll_limit_seconds=_number(
            _pick(environ, "STUDIO_POLL_LIMIT_SECONDS", studio, "poll_limit_seconds"),
            900.0,
            "STUDIO_POLL_LIMIT_SECONDS (or [studio] poll_limit_seconds)",
        ),
        audit_db=_pick(environ, "STUDIO_AUDIT_DB", studio, "audit_db") or "var/audit.db",
    )
