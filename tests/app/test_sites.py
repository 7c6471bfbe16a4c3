"""AppTest: several live sites in secrets, a switcher, and each site's key sent only with its own site ID."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
from streamlit.testing.v1 import AppTest

from lib.sandbox.server import SandboxOptions, start_sandbox
from tests.app.conftest import APP, by_label


@dataclass
class TwoSites:
    base_url: str
    shop: str
    blog: str

    def requested_sites(self) -> list[tuple[str, int]]:
        """(site, status) of every API request the sandbox saw."""
        log = httpx.get(self.base_url + "/_sandbox/requests").json()["requests"]
        return [(entry["site"], entry["status"]) for entry in log]

    def app(self) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=30)
        at.secrets["sites"] = {
            "shop": {"api_key": "shop-key", "site_id": self.shop, "base_url": self.base_url, "label": "Shop"},
            "blog": {"api_key": "blog-key", "site_id": self.blog, "base_url": self.base_url, "label": "Blog"},
        }
        return at


@pytest.fixture
def sites(tmp_path, monkeypatch) -> Iterator[TwoSites]:
    """A sandbox that refuses a key sent with another site's ID (401), as Wix does across accounts."""
    for name in ("WIX_API_KEY", "WIX_SITE_ID", "WIX_API_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("STUDIO_ALLOW_ANONYMOUS", "true")
    monkeypatch.setenv("STUDIO_AUDIT_DB", str(tmp_path / "audit.db"))
    run = uuid.uuid4().hex[:8]  # site IDs of this test only, so no cached read of another test answers
    shop, blog = f"shop-{run}", f"blog-{run}"
    options = SandboxOptions(
        db_path=str(tmp_path / "s.db"), scenario="demo", site_keys={shop: "shop-key", blog: "blog-key"}
    )
    running = start_sandbox(options)
    yield TwoSites(running.base_url, shop, blog)
    running.stop()


def test_switching_sites_uses_each_sites_own_key(sites: TwoSites) -> None:
    at = sites.app()
    at.run()
    assert not at.exception
    switcher = by_label(at.sidebar.selectbox, "Site")
    assert switcher.options == ["Shop", "Blog"]
    assert any(sites.shop in s.value for s in at.sidebar.success)
    switcher.set_value("blog").run()  # (AppTest drops the sidebar tree on reruns: check what was requested)
    assert "Active" in at.markdown[0].value
    requested = sites.requested_sites()
    assert {site for site, _ in requested} == {sites.shop, sites.blog}
    assert [status for _, status in requested if status == 401] == []


def test_a_link_with_the_site_opens_that_site(sites: TwoSites) -> None:
    at = sites.app()
    at.query_params["site"] = "blog"
    at.run()
    assert by_label(at.sidebar.selectbox, "Site").value == "blog"
    assert {site for site, _ in sites.requested_sites()} == {sites.blog}
