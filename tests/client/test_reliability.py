"""Errors, retries, tolerant parsing and secrecy of the key, against the sandbox over HTTP (faults injected)."""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable

import pytest

from lib.wix.client import WixClient
from lib.wix.errors import (
    AuthenticationError,
    MalformedResponseError,
    PermissionDeniedError,
    RateLimitedError,
    ServerError,
    WixApiError,
    WixConnectionError,
    WixTimeoutError,
)
from lib.wix.models import ActivityType, Channel, PlanStatus
from tests.client.conftest import KEY, SITE, ClientFactory, Sandbox, SandboxFactory, Sent, SleepRecorder

SETTINGS = "/marketing-settings"


def _statuses(sandbox: Sandbox, path_suffix: str, method: str) -> list[int]:
    return [r["status"] for r in sandbox.requests_to(path_suffix, method)]


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_headers_on_the_wire(client: WixClient, sent: Sent) -> None:
    client.get_marketing_settings()
    request = sent.last("GET", SETTINGS)
    assert request.headers["Authorization"] == KEY  # raw key, no "Bearer"
    assert request.headers["wix-site-id"] == SITE
    assert request.headers["Content-Type"] == "application/json"


def test_no_site_id_means_no_header_and_401(sandbox: Sandbox, make_client: ClientFactory, sent: Sent) -> None:
    client = make_client(sandbox, site_id=None)
    with pytest.raises(AuthenticationError) as info:
        client.get_marketing_settings()
    assert "wix-site-id" not in sent.last("GET", SETTINGS).headers
    assert info.value.status == 401
    assert info.value.user_message.startswith("Wix rejected the API key")
    assert _statuses(sandbox, SETTINGS, "GET") == [401]  # not retried


def test_empty_key_is_401(sandbox: Sandbox, make_client: ClientFactory) -> None:
    with pytest.raises(AuthenticationError):
        make_client(sandbox, auth="").generate_marketing_plan()


def test_key_without_permission_is_403(make_sandbox: SandboxFactory, make_client: ClientFactory) -> None:
    client = make_client(make_sandbox("demo", forbidden_keys=frozenset({KEY})))
    with pytest.raises(PermissionDeniedError) as info:
        client.get_social_marketing_plan()
    assert info.value.status == 403
    assert "Manage Marketing Plans permission" in info.value.user_message


def test_read_retries_429_honouring_retry_after(
    make_sandbox: SandboxFactory, make_client: ClientFactory, sleeps: SleepRecorder
) -> None:
    sandbox = make_sandbox("demo", retry_after_seconds=3.0)
    client = make_client(sandbox)
    sandbox.faults(1.0, ["429"])
    sleeps.hook = lambda: sandbox.faults(0.0, [])  # the fault is over by the time the client tries again

    settings = client.get_marketing_settings()

    assert settings.settings.goal_key is not None
    assert _statuses(sandbox, SETTINGS, "GET") == [429, 200]
    assert sleeps.waits == [3.0]  # the server's Retry-After, not the backoff


def test_read_gives_up_after_max_attempts(
    make_sandbox: SandboxFactory, make_client: ClientFactory, sleeps: SleepRecorder
) -> None:
    sandbox = make_sandbox("demo", retry_after_seconds=30.0)
    client = make_client(sandbox, max_read_attempts=3, retry_max_wait=2.0)
    sandbox.faults(1.0, ["429"])

    with pytest.raises(RateLimitedError) as info:
        client.get_plan_goal_options()

    assert _statuses(sandbox, "/plan-goal-options", "GET") == [429, 429, 429]
    assert sleeps.waits == [2.0, 2.0]  # Retry-After capped at retry_max_wait
    assert info.value.retry_after == 30.0
    assert info.value.user_message == "Wix is rate-limiting requests; try again in 30 s."


def test_server_errors_back_off_exponentially(
    sandbox: Sandbox, make_client: ClientFactory, sleeps: SleepRecorder
) -> None:
    client = make_client(sandbox, max_read_attempts=4)
    sandbox.faults(1.0, ["500", "503"])

    with pytest.raises(ServerError) as info:
        client.get_social_marketing_plan()

    statuses = _statuses(sandbox, "/marketing-plan", "GET")
    assert len(statuses) == 4
    assert set(statuses) <= {500, 503}
    assert sleeps.waits == [0.5, 1.0, 2.0]
    assert info.value.status in (500, 503)
    assert info.value.code is None  # system errors have an empty body
    assert info.value.user_message.startswith("Wix had a server problem")


def test_post_reads_are_retried_too(sandbox: Sandbox, client: WixClient, sleeps: SleepRecorder) -> None:
    activity = next(a for a in client.get_social_marketing_plan().activities if a.items)
    sandbox.faults(1.0, ["503"])
    sleeps.hook = lambda: sandbox.faults(0.0, [])

    (posts,) = client.get_marketing_activity_posts([activity.id])

    assert posts.items
    assert _statuses(sandbox, "/marketing-activity-posts", "POST") == [503, 200]


@pytest.mark.parametrize(
    ("kind", "error", "call", "path"),
    [
        ("503", ServerError, lambda c: c.generate_marketing_plan(), "/generate-marketing-plan"),
        ("500", ServerError, lambda c: c.delete_marketing_plan(), "/marketing-plan"),
        ("429", RateLimitedError, lambda c: c.schedule_drafts(["x"]), "/schedule-drafts"),
    ],
)
def test_writes_are_never_retried(
    sandbox: Sandbox,
    client: WixClient,
    sleeps: SleepRecorder,
    kind: str,
    error: type[WixApiError],
    call: Callable[[WixClient], object],
    path: str,
) -> None:
    sandbox.faults(1.0, [kind])
    with pytest.raises(error):
        call(client)
    method = {"/marketing-plan": "DELETE"}.get(path, "POST")
    assert _statuses(sandbox, path, method) == [int(kind)]
    assert sleeps.waits == []
    sandbox.faults(0.0, [])
    assert client.get_social_marketing_plan().status is PlanStatus.ACTIVE  # the faulted write changed nothing


def test_timeout(make_sandbox: SandboxFactory, make_client: ClientFactory, sent: Sent, sleeps: SleepRecorder) -> None:
    sandbox = make_sandbox("demo", slow_seconds=1.0)
    client = make_client(sandbox, timeout=0.2, max_read_attempts=2)
    sandbox.faults(1.0, ["slow"])

    with pytest.raises(WixTimeoutError) as read:
        client.get_marketing_settings()
    assert len([r for r in sent if r.url.path.endswith(SETTINGS)]) == 2  # one retry
    assert read.value.user_message == (
        "Wix did not answer in time. Try again in a moment; if it keeps happening, check the network."
    )

    with pytest.raises(WixTimeoutError):
        client.generate_marketing_plan()
    assert len([r for r in sent if r.url.path.endswith("/generate-marketing-plan")]) == 1
    assert sleeps.waits == [0.5]


def test_refused_connection(make_client: ClientFactory, sent: Sent, sleeps: SleepRecorder) -> None:
    client = make_client(_closed_port_url(), max_read_attempts=3)

    with pytest.raises(WixConnectionError) as read:
        client.get_social_marketing_plan()
    assert len(sent) == 3
    assert sleeps.waits == [0.5, 1.0]
    assert read.value.status is None
    assert "Could not connect to Wix" in read.value.user_message

    with pytest.raises(WixConnectionError):
        client.regenerate_marketing_plan()
    assert len(sent) == 4


def test_malformed_json(sandbox: Sandbox, client: WixClient) -> None:
    sandbox.faults(1.0, ["malformed"])
    with pytest.raises(MalformedResponseError) as info:
        client.get_social_marketing_plan()
    assert _statuses(sandbox, "/marketing-plan", "GET") == [200]  # not retried
    assert info.value.status == 200
    assert "not valid JSON" in info.value.user_message


def test_unknown_enum_values_are_kept_as_strings(sandbox: Sandbox, client: WixClient) -> None:
    sandbox.faults(1.0, ["unknown-enum"])

    plan = client.get_social_marketing_plan()
    assert plan.status == "PAUSED_BY_WIX"
    assert not isinstance(plan.status, PlanStatus)
    assert plan.activities
    assert {a.type for a in plan.activities} == {"PODCAST_EPISODE"}
    assert plan.items
    assert {i.channel for i in plan.items} == {"THREADS"}
    assert all(i.caption for i in plan.items if not i.is_story)

    assert {o.key for o in client.get_point_of_view_options()} == {"ROYAL_WE"}
    assert {o.key for o in client.get_plan_goal_options()} == {"WIN_AWARDS"}
    assert {a.channel for a in client.list_accounts()} == {"THREADS"}
    settings = client.get_marketing_settings().settings
    assert settings.point_of_view == "ROYAL_WE"
    assert settings.goal_key == "WIN_AWARDS"


def test_missing_fields_become_none(sandbox: Sandbox, client: WixClient) -> None:
    sandbox.faults(1.0, ["missing-fields"])

    plan = client.get_social_marketing_plan()
    assert plan.status is PlanStatus.ACTIVE
    assert plan.activities
    assert all(a.title is None and a.description is None for a in plan.activities)
    assert any(a.type is ActivityType.SOCIAL_MARKETING for a in plan.activities)
    assert plan.items
    assert all(i.caption is None and i.account_id is None and i.scheduled_date is None for i in plan.items)
    assert all(isinstance(i.channel, Channel) for i in plan.items)

    settings = client.get_marketing_settings()
    assert settings.created_at is None
    assert settings.updated_at is None


def test_shared_http_client_survives_close(sandbox: Sandbox, make_client: ClientFactory) -> None:
    first, second = make_client(sandbox), make_client(sandbox)
    first.close()
    assert second.get_plan_goal_options()


def test_owned_http_client(sandbox: Sandbox) -> None:
    with WixClient(sandbox.base_url, KEY, SITE, timeout=5.0) as client:
        assert client.get_point_of_view_options()
    with pytest.raises(RuntimeError):
        client.get_point_of_view_options()  # closed with the context


def test_the_key_never_leaks(
    make_sandbox: SandboxFactory, make_client: ClientFactory, caplog: pytest.LogCaptureFixture
) -> None:
    for name in ("lib.wix", "httpx", "httpcore"):
        caplog.set_level(logging.DEBUG, logger=name)
    sandbox = make_sandbox("demo", slow_seconds=1.0, retry_after_seconds=0.0)
    forbidden = make_sandbox("demo", forbidden_keys=frozenset({KEY}))
    client = make_client(sandbox, max_read_attempts=2, timeout=0.3)
    raised: list[WixApiError] = []

    def capture(call: Callable[[], object]) -> None:
        with pytest.raises(WixApiError) as info:
            call()
        raised.append(info.value)

    assert client.get_social_marketing_plan().activities  # a success is logged too
    capture(make_client(forbidden).get_marketing_settings)
    capture(make_client(sandbox, site_id=None).get_marketing_settings)
    capture(make_client(_closed_port_url(), max_read_attempts=2).get_calendar_options)
    for kind in ("429", "503", "malformed", "slow"):
        sandbox.faults(1.0, [kind])
        capture(client.get_marketing_settings)
        capture(client.generate_marketing_plan)
    sandbox.faults(0.0, [])
    capture(lambda: client.generate_social_posts([]))

    assert {type(e).__name__ for e in raised} >= {
        "PermissionDeniedError",
        "AuthenticationError",
        "WixConnectionError",
        "RateLimitedError",
        "ServerError",
        "MalformedResponseError",
        "WixTimeoutError",
        "InvalidArgumentError",
    }
    assert caplog.records  # logging really was captured
    assert KEY not in caplog.text
    assert all(KEY not in str(r.args) for r in caplog.records)
    for error in raised:
        shown = [str(error), repr(error), error.user_message, error.message, *map(str, error.args), str(vars(error))]
        assert all(KEY not in text for text in shown), type(error).__name__
    assert KEY not in repr(client)
    assert KEY not in str(client)
