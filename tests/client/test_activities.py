"""Marketing Activity V1 methods against the sandbox over HTTP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from lib.wix import gaps
from lib.wix.client import WixClient
from lib.wix.errors import (
    FailedPreconditionError,
    NotFoundError,
    PlanNotFoundError,
    UnsupportedByApiError,
)
from lib.wix.models import ActivityType
from tests.client.conftest import ClientFactory, Sandbox, SandboxFactory, Sent

TARGET = datetime.now(UTC).replace(microsecond=0) + timedelta(days=12)


def test_create_get_update_activity(client: WixClient, sent: Sent) -> None:
    created = client.create_marketing_activity("Pop-up market", "Meet us downtown", TARGET, ActivityType.BLOG)

    assert created.id
    assert (created.title, created.description, created.type) == (
        "Pop-up market",
        "Meet us downtown",
        ActivityType.BLOG,
    )
    assert created.date == TARGET
    assert created.id in {a.id for a in client.get_social_marketing_plan().activities}

    fetched = client.get_marketing_activity(created.id)
    assert (fetched.id, fetched.title, fetched.date, fetched.type) == (
        created.id,
        "Pop-up market",
        TARGET,
        ActivityType.BLOG,
    )

    later = TARGET + timedelta(days=1)
    updated = client.update_marketing_activity(created.id, title="Pop-up market (moved)", target_date=later)
    assert sent.body("PATCH", f"/items/{created.id}") == {
        "marketingActivity": {
            "id": created.id,
            "title": "Pop-up market (moved)",
            "targetDate": later.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        },
        "fieldMask": ["title", "targetDate"],
    }
    assert (updated.title, updated.description, updated.date) == ("Pop-up market (moved)", "Meet us downtown", later)
    again = client.get_marketing_activity(created.id)
    assert (again.title, again.description, again.date) == ("Pop-up market (moved)", "Meet us downtown", later)


def test_update_needs_a_field(client: WixClient) -> None:
    with pytest.raises(ValueError, match="at least one"):
        client.update_marketing_activity("any-id")


def test_unknown_activity_is_not_found(client: WixClient) -> None:
    with pytest.raises(NotFoundError) as info:
        client.get_marketing_activity("00000000-0000-0000-0000-000000000000")
    assert info.value.status == 404
    assert "could not find" in info.value.user_message


def test_create_with_unknown_type_is_rejected(client: WixClient) -> None:
    with pytest.raises(FailedPreconditionError) as info:
        client.create_marketing_activity("Title", "Description", TARGET, ActivityType.UNKNOWN)
    assert info.value.code == "MISSING_REQUIRED_FIELDS"
    assert "title, a description, a date and a type" in info.value.user_message


def test_create_needs_a_plan(make_sandbox: SandboxFactory, make_client: ClientFactory) -> None:
    client = make_client(make_sandbox("fresh"))
    with pytest.raises(PlanNotFoundError):
        client.create_marketing_activity("Title", "Description", TARGET, ActivityType.SOCIAL_MARKETING)


def test_create_on_an_api_without_the_assumed_url(
    sandbox: Sandbox, client: WixClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # gap 19: if the live API does not serve the assumed URL it answers 404; the client says "not supported"
    monkeypatch.setattr(gaps, "CREATE_ACTIVITY_PATH", "/marketing-activities-v0")

    with pytest.raises(UnsupportedByApiError) as info:
        client.create_marketing_activity("Title", "Description", TARGET, ActivityType.BLOG)

    assert info.value.status == 404
    assert "not supported by this API version" in str(info.value)
    assert "not supported by this API version" in info.value.user_message
    assert len(sandbox.requests_to("/marketing-activities-v0")) == 1


@pytest.mark.parametrize("status", [405, 501])
def test_create_on_an_api_that_refuses_the_method(make_client: ClientFactory, status: int) -> None:
    # gap 19: a 405 or 501 on the assumed URL is "not supported" too, and not a "not found"
    answer = httpx.MockTransport(lambda request: httpx.Response(status, json={"message": "no such method"}))
    with httpx.Client(transport=answer) as http:
        client = make_client("https://www.wixapis.com", http=http)
        with pytest.raises(UnsupportedByApiError) as info:
            client.create_marketing_activity("Title", "Description", TARGET, ActivityType.BLOG)

    assert info.value.status == status
    assert not isinstance(info.value, NotFoundError)
