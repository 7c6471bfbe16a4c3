"""The one connection of this process: the live Wix API, or the bundled sandbox when no credentials are set."""

from __future__ import annotations

import functools
import os
import threading
from dataclasses import dataclass
from typing import Any, Literal

import httpx
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from lib.config import AppConfig, SiteConfig, load_config
from lib.sandbox.server import SandboxOptions, start_sandbox
from lib.ui import site_state
from lib.wix.client import WixClient

SANDBOX_SITE_ID = "sandbox-site"
SANDBOX_AUTH = "sandbox-key"
SITE_KEY = "site"


@dataclass(frozen=True)
class Connection:
    """A client plus what the screen needs to say about where it points."""

    client: WixClient
    site_id: str
    mode: Literal["sandbox", "live"]
    config: AppConfig
    site_label: str = "Sandbox site"

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


# The two below are looked up on every run: functools.cache costs about a microsecond a lookup, st.cache_resource
# about 0.2 ms (it hashes its arguments). A rare double creation by two first sessions at once is harmless here.
@functools.cache
def _shared_http() -> httpx.Client:
    """One pooled HTTP client for the whole process: connections are reused across sessions and sites."""
    return httpx.Client(limits=httpx.Limits(max_connections=20, max_keepalive_connections=10))


@functools.cache
def _open_client(base_url: str, auth: str, site_id: str, timeout: float) -> WixClient:
    """The API client of one site: its own key and site ID, on the shared HTTP connections."""
    return WixClient(base_url, auth, site_id, timeout=timeout, http=_shared_http())


def selected_site(config: AppConfig) -> SiteConfig:
    """The live site this session works on: the sidebar's choice (also in the URL as `site`), else the first."""
    chosen = st.session_state.get(SITE_KEY) or st.query_params.get(SITE_KEY)
    return next((site for site in config.sites if site.name == chosen), config.sites[0])


# The connection made in this script run (by app.py, or by lib/ui/shell.py when a view runs directly), so the view and
# the audit-log opener do not read the configuration again: parsing the environment and st.secrets costs about 0.8 ms
# a run. Held per script thread, tagged with the run's `cursors` dict, which Streamlit makes anew at the start of every
# run (ScriptRunContext.reset), so a later run never reuses it. tests/app/test_config_once.py counts the parses.
_this_run = threading.local()


def current_connection() -> Connection:
    """The connection for this run: live when a site's API key and ID are configured, else the sandbox."""
    ctx = get_script_run_ctx()
    held = getattr(_this_run, "connection", None)
    if ctx is not None and held is not None and held[0] is ctx.cursors:
        return held[1]
    return connection_for(current_config())


def connection_for(config: AppConfig) -> Connection:
    """The connection `config` names: its selected live site, or the sandbox when no site is configured. Binds the
    site's session state (`lib.ui.site_state`) to it for this run."""
    if config.is_live:
        site = selected_site(config)
        client = _open_client(site.base_url, site.api_key.reveal(), site.site_id, config.http_timeout_seconds)
        connection = Connection(client=client, site_id=site.site_id, mode="live", config=config, site_label=site.label)
    else:
        base_url = _open_sandbox(config.sandbox_db, config.sandbox_scenario, config.sandbox_generation_seconds)
        client = _open_client(base_url, SANDBOX_AUTH, SANDBOX_SITE_ID, config.http_timeout_seconds)
        connection = Connection(client=client, site_id=SANDBOX_SITE_ID, mode="sandbox", config=config)
    site_state.bind(connection.site_id)
    ctx = get_script_run_ctx()
    if ctx is not None:
        _this_run.connection = (ctx.cursors, connection)
    return connection
