"""A real PostgreSQL server for the tests: the one CI started (``STUDIO_TEST_DATABASE_URL``, see .ci/run), or a
private one started here with scripts/postgres.sh (Debian's packages) and stopped at the end; a fresh database in it
for each test that asks."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "postgres.sh"


@contextmanager
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server's maintenance database (a superuser's): CI's, or one started in a folder of its
    own (outside pytest's, which only root may enter: as root the server runs as Debian's "postgres" user)."""
    given = os.environ.get("STUDIO_TEST_DATABASE_URL")
    if given:
        yield given
        return
    folder = Path(tempfile.mkdtemp(prefix="studio-postgres-"))
    folder.chmod(0o755)
    started = subprocess.run(["bash", str(SCRIPT), "start", str(folder)], capture_output=True, text=True, check=False)
    if started.returncode != 0:
        raise RuntimeError(f"could not start PostgreSQL: {started.stderr[-2000:]}")
    try:
        yield started.stdout.strip()
    finally:
        subprocess.run(["bash", str(SCRIPT), "stop", str(folder)], capture_output=True, check=False)
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def fresh_database(server_url: str) -> Iterator[str]:
    """A new, empty database on the server, dropped afterwards (with any connection still open to it)."""
    name = f"studio_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(make_url(server_url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as db:
            db.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as db:
            db.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def free_port() -> int:
    """A loopback port nothing listens on (for an unreachable server)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
