"""Application configuration from environment variables and ``st.secrets`` (passed in as a plain mapping).

Precedence: environment, then secrets, then defaults. No Streamlit import: the caller hands over ``st.secrets``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from lib.access import normalise_addresses, normalise_passcode_hash
from lib.roles import RoleSettings, role_settings

DEFAULT_BASE_URL = "https://www.wixapis.com"
AUTH_REQUIRED_KEYS = ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")


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
class SiteConfig:
    """One live Wix site: its own API key, never sent with another site's ID."""

    name: str
    label: str
    base_url: str
    api_key: Secret
    site_id: str


@dataclass(frozen=True)
class AppConfig:
    """Everything the app needs to know at start-up."""

    base_url: str = DEFAULT_BASE_URL
    api_key: Secret | None = None
    site_id: str | None = None
    sign_in: bool = False  # Streamlit's [auth] (OpenID Connect) is configured; see lib/access.py for the gates
    allowed_emails: frozenset[str] = frozenset()
    allowed_domains: frozenset[str] = frozenset()
    passcode_sha256: Secret | None = None
    allow_anonymous: bool = False
    sandbox_scenario: str = "demo"
    sandbox_db: str = "var/sandbox.db"
    sandbox_generation_seconds: float = 3.0
    poll_seconds: float = 2.0
    poll_limit_seconds: float = 900.0
    http_timeout_seconds: float = 10.0  # per API request, before the client retries a read
    audit_db: str = "var/audit.db"  # the SQLite file of the app's own records, unless database_url names a server
    database_url: Secret | None = None  # postgresql://user:password@host:5432/name (lib/store/database.py)
    extra_sites: tuple[SiteConfig, ...] = ()  # [sites.NAME] sections
    roles: RoleSettings = field(default_factory=RoleSettings)  # [access.roles] (lib/roles.py)
    approval: bool = False  # [access] approval: four-eye approval before scheduling (lib/approvals.py)

    @property
    def sites(self) -> tuple[SiteConfig, ...]:
        """Every live site: the default one (WIX_API_KEY + WIX_SITE_ID or [wix]) first, then [sites.NAME]."""
        default: tuple[SiteConfig, ...] = ()
        if self.api_key is not None and self.site_id:
            default = (SiteConfig("default", self.site_id, self.base_url, self.api_key, self.site_id),)
        return default + self.extra_sites

    @property
    def store_location(self) -> str:
        """Where the app keeps its own records: the database URL when one is set, else the SQLite file."""
        return self.database_url.reveal() if self.database_url else self.audit_db

    @property
    def is_live(self) -> bool:
        """True when at least one site has an API key and a site ID (else the bundled sandbox is used)."""
        return bool(self.sites)


def _secret(value: str | None) -> Secret | None:
    return Secret(value) if value else None


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


def _addresses(environ: Mapping[str, str], env_name: str, section: Mapping[str, Any], key: str) -> frozenset[str]:
    """A list from the environment (comma-separated), else from secrets (a TOML list or a comma-separated string)."""
    value: Any = environ.get(env_name) if (environ.get(env_name) or "").strip() else section.get(key)
    if isinstance(value, str):
        value = value.split(",")
    return normalise_addresses(str(item) for item in value or ())


def _flag(value: str | None, setting: str) -> bool:
    if value is None:
        return False
    if value.lower() in ("true", "1", "yes", "on"):
        return True
    if value.lower() in ("false", "0", "no", "off"):
        return False
    raise ValueError(f"{setting} must be true or false")


def _passcode_hash(value: str | None) -> Secret | None:
    """The configured passcode hash (scrypt, or a legacy SHA-256 in hex); the error never echoes the value."""
    if value is None:
        return None
    try:
        return Secret(normalise_passcode_hash(value))
    except ValueError:
        raise ValueError(
            "STUDIO_PASSCODE_SHA256 (or [access] passcode_sha256) must be a hash made by `python -m lib.access hash` "
            "(or the 64 hex digits of the passcode's SHA-256)"
        ) from None


def _sign_in(auth: Mapping[str, Any]) -> bool:
    """True when ``[auth]`` is set; every setting st.login needs for the default provider must then be there."""
    if not auth:
        return False
    missing = [key for key in AUTH_REQUIRED_KEYS if not str(auth.get(key) or "").strip()]
    if missing:
        raise ValueError("[auth] is missing " + ", ".join(missing))
    return True


def _extra_sites(secrets: Mapping[str, Any], base_url: str) -> tuple[SiteConfig, ...]:
    """``[sites.NAME]`` sections (api_key and site_id each; base_url and label optional)."""
    sites = []
    for name, section in _section(secrets, "sites").items():
        if not isinstance(section, Mapping):
            continue
        api_key, site_id = str(section.get("api_key") or "").strip(), str(section.get("site_id") or "").strip()
        if not api_key or not site_id:
            raise ValueError(f"[sites.{name}] needs both api_key and site_id")
        url = str(section.get("base_url") or base_url).rstrip("/")
        label = str(section.get("label") or name)
        sites.append(SiteConfig(str(name), label, url, Secret(api_key), site_id))
    return tuple(sites)


def load_config(environ: Mapping[str, str], secrets: Mapping[str, Any]) -> AppConfig:
    """Build the :class:`AppConfig`: environment first, then ``secrets`` sections ``[wix]``, ``[sandbox]``,
    ``[studio]``, then defaults. Raises ``ValueError`` naming the setting when a value is unusable."""
    wix = _section(secrets, "wix")
    sandbox = _section(secrets, "sandbox")
    studio = _section(secrets, "studio")
    access = _section(secrets, "access")

    base_url = _pick(environ, "WIX_API_BASE_URL", wix, "base_url") or DEFAULT_BASE_URL
    if not base_url.startswith(("http://", "https://")):
        raise ValueError("WIX_API_BASE_URL (or [wix] base_url) must start with http:// or https://")
    api_key = _pick(environ, "WIX_API_KEY", wix, "api_key")

    return AppConfig(
        base_url=base_url.rstrip("/"),
        api_key=_secret(api_key),
        site_id=_pick(environ, "WIX_SITE_ID", wix, "site_id"),
        sign_in=_sign_in(_section(secrets, "auth")),  # access settings: [auth] and [access]
        allowed_emails=_addresses(environ, "STUDIO_ALLOWED_EMAILS", access, "allowed_emails"),
        allowed_domains=_addresses(environ, "STUDIO_ALLOWED_DOMAINS", access, "allowed_domains"),
        passcode_sha256=_passcode_hash(_pick(environ, "STUDIO_PASSCODE_SHA256", access, "passcode_sha256")),
        allow_anonymous=_flag(
            _pick(environ, "STUDIO_ALLOW_ANONYMOUS", access, "allow_anonymous"),
            "STUDIO_ALLOW_ANONYMOUS (or [access] allow_anonymous)",
        ),
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
        http_timeout_seconds=_number(
            _pick(environ, "STUDIO_HTTP_TIMEOUT_SECONDS", studio, "http_timeout_seconds"),
            10.0,
            "STUDIO_HTTP_TIMEOUT_SECONDS (or [studio] http_timeout_seconds)",
        ),
        audit_db=_pick(environ, "STUDIO_AUDIT_DB", studio, "audit_db") or "var/audit.db",
        database_url=_secret(_pick(environ, "STUDIO_DATABASE_URL", studio, "database_url")),
        extra_sites=_extra_sites(secrets, base_url.rstrip("/")),
        approval=_flag(_pick(environ, "STUDIO_APPROVAL", access, "approval"), "STUDIO_APPROVAL (or [access] approval)"),
        roles=role_settings(
            access.get("roles"),
            _pick(environ, "STUDIO_PASSCODE_ROLE", access, "passcode_role"),
        ),
    )
