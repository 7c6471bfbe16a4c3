"""Fixtures: real sandbox servers on loopback (jobs finish when a test asks, tmp SQLite files)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from lib.sandbox.server import RunningSandbox, SandboxOptions, start_sandbox
from tests.sandbox.helpers import client, new_site

MANUAL = {"progression": "manual"}  # jobs finish on the complete-jobs admin call (helpers.complete_jobs)


def _start(db: Path, **overrides: Any) -> RunningSandbox:
    return start_sandbox(SandboxOptions(**{"db_path": str(db), **MANUAL, **overrides}))


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Callable[..., RunningSandbox]]:
    """Start sandboxes for one test (db in tmp_path unless given); all stopped afterwards."""
    started: list[RunningSandbox] = []

    def _factory(**overrides: Any) -> RunningSandbox:
        overrides.setdefault("db_path", str(tmp_path / "sandbox.db"))
        sandbox = start_sandbox(SandboxOptions(**{**MANUAL, **overrides}))
        started.append(sandbox)
        return sandbox

    yield _factory
    for sandbox in started:
        sandbox.stop()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    """One demo-scenario sandbox per test module (tests use their own site ids)."""
    sandbox = _start(tmp_path_factory.mktemp("demo") / "sandbox.db", scenario="demo")
    yield sandbox
    sandbox.stop()


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    """One fresh-scenario sandbox per test module."""
    sandbox = _start(tmp_path_factory.mktemp("fresh") / "sandbox.db", scenario="fresh")
    yield sandbox
    sandbox.stop()


@pytest.fixture
def connect() -> Iterator[Callable[..., httpx.Client]]:
    """Open API clients (a new site id unless given); closed afterwards."""
    opened: list[httpx.Client] = []

    def _factory(sandbox: RunningSandbox, site: str | None = None, auth: str | None = "test-key") -> httpx.Client:
        api = client(sandbox.base_url, site if site is not None else new_site(), auth)
        opened.append(api)
        return api

    yield _factory
    for api in opened:
        api.close()
