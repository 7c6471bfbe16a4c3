"""The cost of an audited action on each of the app's databases: `lib.ui.actions.run_action` (the site's locks, the
audit entry before and the outcome after) around a Wix write, against the same write alone, interleaved, medians of
many. The write is an UpsertMarketingSettings of one unchanged setting on a sandbox site over loopback, a fast Wix
write, so the ratio is a worst case: on Wix itself a write takes far longer than on loopback."""

from __future__ import annotations

import os
import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from streamlit.testing.v1 import AppTest

from benchmarks.apptest import TIMEOUT, point_app
from benchmarks.sandbox import Sandboxes
from tests.postgres_support import fresh_database, postgres_server

REPS_ENV = "BENCH_STORE_REPS"


@dataclass(frozen=True)
class ActionCost:
    """Medians of one backend: the write alone and the same write as an audited action (seconds)."""

    backend: str
    bare: float
    audited: float
    reps: int

    @property
    def ratio(self) -> float:
        return self.audited / self.bare


def _measure() -> None:
    """The AppTest script: interleave the bare write and the audited one, each intent new (no "already done")."""
    import os
    import time

    import streamlit as st

    from lib.ui.actions import run_action
    from lib.ui.connection import current_connection

    connection = current_connection()
    settings = connection.client.get_marketing_settings().settings.to_json()
    mask = [f"settings.{sorted(settings)[0]}"]  # one path the site has, written back unchanged

    def write() -> object:
        return connection.client.upsert_marketing_settings(settings, mask)

    bare, audited = [], []
    for rep in range(int(os.environ["BENCH_STORE_REPS"])):
        start = time.perf_counter()
        write()
        bare.append(time.perf_counter() - start)
        start = time.perf_counter()
        result = run_action(connection.site_id, "upsert settings", write, mask, intent=rep)
        audited.append(time.perf_counter() - start)
        assert result.ok, result.error
    st.session_state["timings"] = (bare, audited)


def action_costs(sandboxes: Sandboxes, workdir: Path, reps: int) -> list[ActionCost]:
    """One `ActionCost` per backend: a SQLite file, then a PostgreSQL database (CI's server, or one started here)."""
    costs = [_cost("SQLite", {"STUDIO_AUDIT_DB": str(workdir / "store-cost.db")}, sandboxes, reps)]
    with postgres_database() as url:
        costs.append(_cost("PostgreSQL", {"STUDIO_DATABASE_URL": url}, sandboxes, reps))
    return costs


@contextmanager
def postgres_database() -> Iterator[str]:
    with postgres_server() as server, fresh_database(server) as url:
        yield url


def _cost(backend: str, settings: dict[str, str], sandboxes: Sandboxes, reps: int) -> ActionCost:
    items = 30  # the write does not depend on the plan's size
    point_app(sandboxes.base_url(items), sandboxes.new_site(items))
    saved = {name: os.environ.pop(name, None) for name in ("STUDIO_AUDIT_DB", "STUDIO_DATABASE_URL")}
    os.environ.update({**settings, REPS_ENV: str(reps)})
    try:
        at = AppTest.from_function(_measure, default_timeout=TIMEOUT).run()
        if at.exception:
            raise RuntimeError(f"the {backend} measurement failed: {at.exception[0].stack_trace}")
        bare, audited = at.session_state["timings"]
    finally:
        for name in (*settings, REPS_ENV):
            os.environ.pop(name, None)
        os.environ.update({name: value for name, value in saved.items() if value is not None})
    return ActionCost(backend, statistics.median(bare), statistics.median(audited), reps)
