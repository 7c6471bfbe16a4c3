"""Fixtures: a real sandbox on loopback per test, and WixClients pointed at it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from lib.sandbox.server import SandboxOptions, start_sandbox
from lib.wix.client import WixClient

KEY = "IST.test-key-Zq9xV7-NEVER-LEAK"
SITE = "0f6f2b9c-1111-4e0a-9d41-5c1f0c2a7b11"


class Sandbox:
    """A running sandbox plus its admin routes."""

    def __init__(self, running: Any) -> None:
        self.running = running
        self.base_url: str = running.base_url
        self.admin = httpx.Client(base_url=self.base_url, timeout=5.0)

    def faults(self, rate: float, kinds: list[str]) -> None:
        self.admin.put("/_sandbox/faults", json={"fault_rate": rate, "fault_kinds": kinds}).raise_for_status()

    def requests(self) -> list[dict[str, Any]]:
        response = self.admin.get("/_sandbox/requests")
        response.raise_for_status()
        data = response.json()
        return data["requests"] if isinstance(data, dict) else data

    def requests_to(self, path_suffix: str, method: str | None = None) -> list[dict[str, Any]]:
        return [
            r
            for r in self.requests()
            if str(r.get("path", "")).endswith(path_suffix) and (method is None or r.get("method") == method)
        ]

    def close(self) -> None:
        self.admin.close()
        self.running.stop()


SandboxFactory = Callable[..., Sandbox]


@pytest.fixture
def make_sandbox(tmp_path: Path) -> Iterator[SandboxFactory]:
    started: list[Sandbox] = []

    def make(scenario: str = "demo", **options: Any) -> Sandbox:
        settings: dict[str, Any] = {
            "progression": "reads",
            "fault_rate": 0.0,
        }  # jobs finish on the read that shows them
        settings.update(options)
        db = tmp_path / f"sandbox-{len(started)}.db"
        running = start_sandbox(SandboxOptions(db_path=str(db), scenario=scenario, **settings), port=0)
        sandbox = Sandbox(running)
        started.append(sandbox)
        return sandbox

    yield make
    for sandbox in started:
        sandbox.close()


@pytest.fixture
def sandbox(make_sandbox: SandboxFactory) -> Sandbox:
    return make_sandbox("demo")


class SleepRecorder:
    """Stands in for time.sleep in the retry policy: records each wait, optionally runs a hook, sleeps not."""

    def __init__(self) -> None:
        self.waits: list[float] = []
        self.hook: Callable[[], None] | None = None

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        if self.hook is not None:
            self.hook()


@pytest.fixture
def sleeps() -> SleepRecorder:
    return SleepRecorder()


class Sent(list[httpx.Request]):
    """Requests as the client put them on the wire (recorded by an httpx event hook)."""

    def last(self, method: str, path_suffix: str) -> httpx.Request:
        return [r for r in self if r.method == method and r.url.path.endswith(path_suffix)][-1]

    def body(self, method: str, path_suffix: str) -> Any:
        return json.loads(self.last(method, path_suffix).content)


@pytest.fixture
def sent() -> Sent:
    return Sent()


ClientFactory = Callable[..., WixClient]


@pytest.fixture
def make_client(sleeps: SleepRecorder, sent: Sent) -> Iterator[ClientFactory]:
    """WixClients sharing one httpx.Client (as the app does) whose requests land in ``sent``."""
    http = httpx.Client(event_hooks={"request": [sent.append]})

    def make(sandbox: Sandbox | str, **kwargs: Any) -> WixClient:
        base_url = sandbox if isinstance(sandbox, str) else sandbox.base_url
        kwargs.setdefault("timeout", 5.0)
        kwargs.setdefault("sleep", sleeps)
        kwargs.setdefault("http", http)
        return WixClient(base_url, kwargs.pop("auth", KEY), kwargs.pop("site_id", SITE), **kwargs)

    yield make
    http.close()


@pytest.fixture
def client(make_client: ClientFactory, sandbox: Sandbox) -> WixClient:
    return make_client(sandbox)
