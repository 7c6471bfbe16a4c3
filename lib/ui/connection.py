"""The one connection of this process: the live Wix API, or the bundled sandbox when no credentials are set."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Literal

import streamlit as st

from lib.config import AppConfig, load_config
from lib.sandbox.server import SandboxOptions, start_sandbox
from lib.wix.client import WixClient

SANDBOX_SITE_ID = "sandbox-site"
SANDBOX_AUTH = "sandbox-key"


@dataclass(frozen=True)
class Connection:
    """A client plus what the screen needs to say about where it points."""

    client: WixClient
    site_id: str
    mode: Literal["sandbox", "live"]
    config: AppConfig

    @property
    def is_sandbox(self) -> bool:
        """True when the app talks to the bundled emulator, not to Wix."""
        return self.mode == "sandbox"


def read_secrets() -> dict[str, Any]:
    """`st.secrets` as a plain dict; empty when no secrets file exists."""
    try:
        return st.secrets.to_dict()
    except Exception:  # no secrets.toml: Streamlit raises its own FileNotFound flavour
        return {}


def current_config() -> AppConfig:
    """Configuration from the environment first, then `st.secrets`."""
    return load_config(os.environ, read_secrets())


@st.cache_resource(show_spinner=False)
def _open_sandbox(db_path: str, scenario: str, generation_seconds: float) -> str:
    """Start the sandbox once per process (background thread, free loopback port); return its base URL."""
    running = start_sandbox(
        SandboxOptions(db_path=db_path, scenario=scenario, generation_seconds=generation_seconds),
        host="127.0.0.1",
        port=0,
    )
    return running.base_url


@st.cache_resource(show_spinner=False)
def _open_client(base_url: str, auth: str, site_id: str) -> WixClient:
    """One pooled HTTP client per process and site."""
    return WixClient(base_url, auth, site_id)


def current_connection() -> Connection:
    """The connection for this run: live when an API key and site ID are configured, else the sandbox."""
    config = current_config()
    if config.is_live:
        client = _open_client(config.base_url, config.api_key.reveal(), config.site_id)
        return Connection(client=client, site_id=config.site_id, mode="live", config=config)
    base_url = _open_sandbox(config.sandbox_db, config.sandbox_scenario, config.sandbox_generation_seconds)
    client = _open_client(base_url, SANDBOX_AUTH, SANDBOX_SITE_ID)
    return Connection(client=client, site_id=SANDBOX_SITE_ID, mode="sandbox", config=config)
