"""Configuration precedence (env > secrets > default), validation, and the Secret wrapper."""

from __future__ import annotations

import pytest

from lib.config import DEFAULT_BASE_URL, AppConfig, Secret, load_config

KEY = "IST.config-key-0815-secret"


def test_defaults_mean_sandbox_mode() -> None:
    config = load_config({}, {})
    assert config == AppConfig()
    assert config.base_url == DEFAULT_BASE_URL
    assert config.api_key is None
    assert config.site_id is None
    assert not config.is_live
    assert config.sandbox_scenario == "demo"
    assert config.sandbox_db == "var/sandbox.db"
    assert config.sandbox_generation_seconds == 3.0
    assert config.poll_seconds == 2.0
    assert config.poll_limit_seconds == 900.0
    assert config.audit_db == "var/audit.db"


def test_secrets_used_when_env_is_silent() -> None:
    secrets = {
        "wix": {"base_url": "http://127.0.0.1:9000/", "api_key": KEY, "site_id": "site-from-secrets"},
        "sandbox": {"scenario": "large", "db": "/tmp/x.db", "generation_seconds": 0.5},
        "studio": {"poll_seconds": "1.5", "poll_limit_seconds": 60, "audit_db": "/tmp/audit-from-secrets.db"},
    }
    config = load_config({}, secrets)
    assert config.base_url == "http://127.0.0.1:9000"
    assert config.api_key is not None
    assert config.api_key.reveal() == KEY
    assert config.site_id == "site-from-secrets"
    assert config.is_live
    assert (config.sandbox_scenario, config.sandbox_db) == ("large", "/tmp/x.db")
    assert config.sandbox_generation_seconds == 0.5
    assert (config.poll_seconds, config.poll_limit_seconds) == (1.5, 60.0)
    assert config.audit_db == "/tmp/audit-from-secrets.db"


def test_environment_wins_over_secrets() -> None:
    environ = {
        "WIX_API_BASE_URL": "http://localhost:8765",
        "WIX_API_KEY": "env-key-123456",
        "WIX_SITE_ID": "site-from-env",
        "STUDIO_SANDBOX_SCENARIO": "no-premium",
        "STUDIO_SANDBOX_DB": "var/env.db",
        "STUDIO_SANDBOX_GENERATION_SECONDS": "0",
        "STUDIO_POLL_SECONDS": "5",
        "STUDIO_POLL_LIMIT_SECONDS": "30",
        "STUDIO_AUDIT_DB": "var/env-audit.db",
    }
    secrets = {
        "wix": {"base_url": "http://127.0.0.1:9000", "api_key": KEY, "site_id": "site-from-secrets"},
        "sandbox": {"scenario": "large", "db": "/tmp/x.db", "generation_seconds": 9},
        "studio": {"poll_seconds": 9, "poll_limit_seconds": 9, "audit_db": "/tmp/x-audit.db"},
    }
    config = load_config(environ, secrets)
    assert config.base_url == "http://localhost:8765"
    assert config.api_key == Secret("env-key-123456")
    assert config.site_id == "site-from-env"
    assert config.sandbox_scenario == "no-premium"
    assert config.sandbox_db == "var/env.db"
    assert config.sandbox_generation_seconds == 0.0
    assert (config.poll_seconds, config.poll_limit_seconds) == (5.0, 30.0)
    assert config.audit_db == "var/env-audit.db"


def test_empty_values_fall_through() -> None:
    config = load_config({"WIX_API_KEY": "  ", "WIX_SITE_ID": ""}, {"wix": {"api_key": KEY, "site_id": "s"}})
    assert config.api_key == Secret(KEY)
    assert config.site_id == "s"


def test_key_without_site_is_not_live() -> None:
    assert not load_config({"WIX_API_KEY": KEY}, {}).is_live
    assert not load_config({"WIX_SITE_ID": "s"}, {}).is_live


class _NoSecretsFile(dict):
    """Behaves like st.secrets when no secrets.toml exists."""

    def get(self, key: str, default: object = None) -> object:
        raise FileNotFoundError("No secrets found")


def test_missing_secrets_file_is_fine() -> None:
    assert load_config({"WIX_SITE_ID": "s"}, _NoSecretsFile()).site_id == "s"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("STUDIO_POLL_SECONDS", "fast"),
        ("STUDIO_POLL_SECONDS", "0"),
        ("STUDIO_POLL_LIMIT_SECONDS", "-1"),
        ("STUDIO_POLL_LIMIT_SECONDS", "inf"),
        ("STUDIO_SANDBOX_GENERATION_SECONDS", "nan"),
    ],
)
def test_bad_numbers_name_the_setting(name: str, value: str) -> None:
    with pytest.raises(ValueError, match=name) as info:
        load_config({name: value, "WIX_API_KEY": KEY}, {})
    assert value not in str(info.value)
    assert KEY not in str(info.value)


def test_bad_number_in_secrets_names_the_secret() -> None:
    with pytest.raises(ValueError, match=r"\[studio\] poll_seconds"):
        load_config({}, {"studio": {"poll_seconds": "soon"}})


def test_bad_base_url() -> None:
    with pytest.raises(ValueError, match="WIX_API_BASE_URL"):
        load_config({"WIX_API_BASE_URL": "www.wixapis.com"}, {})


def test_secret_never_shows_the_key() -> None:
    secret = Secret(KEY)
    config = load_config({"WIX_API_KEY": KEY, "WIX_SITE_ID": "s"}, {})
    shown = [str(secret), repr(secret), f"{secret}", f"{secret!r}", repr(config), str(config)]
    assert all(KEY not in text for text in shown)
    assert str(secret) == "***"
    assert secret.reveal() == KEY


def test_access_settings_from_secrets_and_environment() -> None:
    digest = "AB" * 32
    auth = {key: "x" for key in ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")}
    secrets = {
        "auth": auth,
        "access": {"allowed_emails": ["Ana@Example.com"], "allowed_domains": "@team.example, other.example"},
    }
    config = load_config({"STUDIO_PASSCODE_SHA256": digest, "STUDIO_ALLOW_ANONYMOUS": "true"}, secrets)
    assert config.sign_in
    assert config.allowed_emails == {"ana@example.com"}
    assert config.allowed_domains == {"team.example", "other.example"}
    assert config.passcode_sha256 == Secret(digest.lower())
    assert config.allow_anonymous
    assert digest not in repr(config) and digest.lower() not in repr(config)
    assert load_config({"STUDIO_ALLOWED_EMAILS": "b@c.d"}, secrets).allowed_emails == {"b@c.d"}
    assert not load_config({}, {"access": {"allow_anonymous": False}}).allow_anonymous
    with pytest.raises(ValueError, match=r"\[auth\] is missing client_secret, server_metadata_url"):
        load_config({}, {"auth": {**auth, "client_secret": "", "server_metadata_url": None}})
    with pytest.raises(ValueError, match="STUDIO_ALLOW_ANONYMOUS") as bad_flag:
        load_config({"STUDIO_ALLOW_ANONYMOUS": "maybe"}, {})
    assert "maybe" not in str(bad_flag.value)
    with pytest.raises(ValueError, match=r"\[access\] passcode_sha256") as bad_hash:
        load_config({}, {"access": {"passcode_sha256": "hunter2"}})
    assert "hunter2" not in str(bad_hash.value)


def test_sites_sections_add_live_sites_after_the_default_one() -> None:
    secrets = {
        "wix": {"api_key": "main-key", "site_id": "main-site"},
        "sites": {"shop": {"api_key": "shop-key", "site_id": "shop-site", "label": "Shop"}},
    }
    config = load_config({}, secrets)
    assert [(s.name, s.site_id, s.api_key.reveal()) for s in config.sites] == [
        ("default", "main-site", "main-key"),
        ("shop", "shop-site", "shop-key"),
    ]
    assert config.sites[1].base_url == "https://www.wixapis.com"
    assert config.is_live


def test_a_site_section_without_its_key_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match=r"\[sites.shop\] needs both api_key and site_id"):
        load_config({}, {"sites": {"shop": {"site_id": "shop-site"}}})


def test_the_database_is_the_sqlite_file_unless_a_url_names_a_server() -> None:
    assert load_config({}, {}).store_location == "var/audit.db"
    url = "postgresql://studio:db-secret-0815@db.internal:5432/studio"
    from_secrets = load_config({}, {"studio": {"database_url": url, "audit_db": "/tmp/a.db"}})
    assert from_secrets.store_location == url  # the server wins over the file
    other = url.replace("db.internal", "db2")
    from_env = load_config({"STUDIO_DATABASE_URL": other}, {"studio": {"database_url": url}})
    assert from_env.store_location == other
    assert "db-secret-0815" not in repr(from_env) and "db-secret-0815" not in str(from_env)
