"""Opening the database: what a wrong setting says (never the password), on a real server and for a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from lib.store.database import StoreError, open_store
from tests.postgres_support import free_port

PASSWORD = "s3cret-Passw0rd-4711"


def test_a_wrong_password_is_refused_without_showing_it(postgres_url: str) -> None:
    wrong = make_url(postgres_url).set(password=PASSWORD).render_as_string(hide_password=False)
    with pytest.raises(StoreError) as refused:
        open_store(wrong)
    assert PASSWORD not in str(refused.value)
    assert "password authentication failed" in str(refused.value)
    assert "***" in str(refused.value)


def test_an_unreachable_server_is_named_without_its_password() -> None:
    with pytest.raises(StoreError) as refused:
        open_store(f"postgresql://studio:{PASSWORD}@127.0.0.1:{free_port()}/studio")
    message = str(refused.value)
    assert PASSWORD not in message
    assert "postgresql://studio:***@127.0.0.1" in message


@pytest.mark.parametrize(
    ("location", "says"),
    [
        ("mysql://studio:pw@127.0.0.1/studio", "is not PostgreSQL"),
        ("postgresql://studio:pw@127.0.0.1:notaport/studio", "not a valid URL"),
    ],
)
def test_a_url_that_is_not_postgresql_is_refused(location: str, says: str) -> None:
    with pytest.raises(StoreError, match=says) as refused:
        open_store(location)
    assert ":pw@" not in str(refused.value)


def test_a_file_that_cannot_be_made_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(StoreError, match="cannot be created"):
        open_store(blocker / "studio.db")
