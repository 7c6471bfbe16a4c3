"""Errors built from HTTP status + Wix error body; user-facing wording; the key never shows."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from lib.wix.errors import (
    AuthenticationError,
    ConflictError,
    FailedPreconditionError,
    FieldViolation,
    InvalidArgumentError,
    MalformedResponseError,
    NotFoundError,
    PermissionDeniedError,
    PlanAlreadyGeneratingError,
    PlanNotFoundError,
    PremiumFeatureMissingError,
    RateLimitedError,
    ServerError,
    UnsupportedByApiError,
    WixApiError,
    WixConnectionError,
    WixTimeoutError,
    error_from_response,
    parse_retry_after,
)

KEY = "IST.sekret-key-4711-do-not-leak"
PATH = "/promote/marketing-plan-service/v1/marketing-plan/regenerate-marketing-plan"


def _response(
    status: int, body: object = None, *, headers: dict[str, str] | None = None, text: str = ""
) -> httpx.Response:
    request = httpx.Request("POST", "https://www.wixapis.com" + PATH, headers={"Authorization": KEY})
    if body is not None:
        return httpx.Response(status, json=body, headers=headers, request=request)
    return httpx.Response(status, content=text.encode(), headers=headers, request=request)


def _app_error(message: str, code: str, description: str | None = None) -> dict[str, object]:
    error: dict[str, object] = {"code": code, "data": {}}
    if description is not None:
        error["description"] = description
    return {"message": message, "details": {"applicationError": error}}


@pytest.mark.parametrize(
    ("status", "body", "cls"),
    [
        (400, {"message": "bad", "details": {"validationError": {"fieldViolations": []}}}, InvalidArgumentError),
        (401, _app_error("no", "UNAUTHENTICATED"), AuthenticationError),
        (403, _app_error("no", "PERMISSION_DENIED"), PermissionDeniedError),
        (404, _app_error("no", "NOT_FOUND"), NotFoundError),
        (409, _app_error("dup", "ALREADY_EXISTS"), ConflictError),
        (428, _app_error("plan already generating", "PLAN_ALREADY_GENERATING_ERROR"), PlanAlreadyGeneratingError),
        (428, _app_error("no plan", "PLAN_NOT_FOUND"), PlanNotFoundError),
        (428, _app_error("no premium", "SCHEDULE_POSTS_PREMIUM_FEATURE_MISSING"), PremiumFeatureMissingError),
        (428, _app_error("mask", "INVALID_FIELD_MASK_ERROR"), FailedPreconditionError),
        (429, _app_error("slow down", "RESOURCE_EXHAUSTED"), RateLimitedError),
        (500, None, ServerError),
        (503, None, ServerError),
        (504, None, ServerError),
        (418, {"message": "teapot"}, WixApiError),
    ],
)
def test_status_and_code_pick_the_class(status: int, body: object, cls: type[WixApiError]) -> None:
    error = error_from_response(_response(status, body))
    assert type(error) is cls
    assert error.status == status
    assert error.method == "POST"
    assert error.path == PATH


def test_application_error_fields() -> None:
    error = error_from_response(
        _response(428, _app_error("plan already generating", "PLAN_ALREADY_GENERATING_ERROR", "wait"))
    )
    assert isinstance(error, FailedPreconditionError)
    assert error.code == "PLAN_ALREADY_GENERATING_ERROR"
    assert error.message == "plan already generating"
    assert error.description == "wait"
    assert error.violations == []
    assert error.user_message == "A plan is already generating. Wait for it to finish."
    assert "PLAN_ALREADY_GENERATING_ERROR" in str(error)
    assert "plan already generating" in str(error)


def test_specific_code_wins_over_status_pairing() -> None:
    # gap 4: if Wix pairs the code with another 4xx, the specific class is still chosen
    error = error_from_response(_response(400, _app_error("plan already generating", "PLAN_ALREADY_GENERATING_ERROR")))
    assert isinstance(error, PlanAlreadyGeneratingError)


def test_validation_error_lists_fields() -> None:
    body = {
        "message": "invalid",
        "details": {
            "validationError": {
                "fieldViolations": [
                    {"field": "marketingActivityIds", "description": "must have 1 to 20 items", "ruleName": "SIZE"},
                    {"field": "calendarEvent.name", "description": "is required", "violatedRule": "REQUIRED_FIELD"},
                    "junk",
                ]
            }
        },
    }
    error = error_from_response(_response(400, body))
    assert isinstance(error, InvalidArgumentError)
    assert error.violations == [
        FieldViolation("marketingActivityIds", "must have 1 to 20 items", "SIZE"),
        FieldViolation("calendarEvent.name", "is required", "REQUIRED_FIELD"),
    ]
    assert error.user_message == (
        "Wix rejected some values (marketingActivityIds: must have 1 to 20 items; calendarEvent.name: is required). "
        "Correct them and try again."
    )


def test_premium_feature_message() -> None:
    error = error_from_response(_response(428, _app_error("premium missing", "SCHEDULE_POSTS_PREMIUM_FEATURE_MISSING")))
    assert error.user_message == (
        "The site has no scheduling premium feature, so posts cannot be scheduled. "
        "Upgrade the site's plan in Wix, then try again."
    )


def test_other_precondition_messages() -> None:
    read_only = error_from_response(_response(428, _app_error("read only", "EVENT_READ_ONLY")))
    assert "read-only" in read_only.user_message
    unknown = error_from_response(_response(428, _app_error("Site is sleeping", "SOMETHING_NEW")))
    assert type(unknown) is FailedPreconditionError
    assert (
        unknown.user_message == "Wix cannot do this right now: Site is sleeping. Check the plan's state and try again."
    )
    no_plan = error_from_response(_response(428, _app_error("no plan", "PLAN_NOT_FOUND")))
    assert no_plan.user_message == "The site has no marketing plan yet. Generate a plan first, then try again."


def test_auth_messages() -> None:
    assert "Manage Marketing Plans permission" in error_from_response(_response(403, {})).user_message
    assert error_from_response(_response(401, {})).user_message.startswith("Wix rejected the API key")


def test_rate_limit_retry_after() -> None:
    error = error_from_response(_response(429, _app_error("slow", "RESOURCE_EXHAUSTED"), headers={"Retry-After": "7"}))
    assert isinstance(error, RateLimitedError)
    assert error.retry_after == 7.0
    assert error.user_message == "Wix is rate-limiting requests; try again in 7 s."
    no_header = error_from_response(_response(429, {}))
    assert no_header.retry_after is None
    assert no_header.user_message == "Wix is rate-limiting requests; try again in a minute."


def test_parse_retry_after_forms() -> None:
    now = datetime(2026, 7, 1, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("2.5") == 2.5
    assert parse_retry_after("Wed, 01 Jul 2026 12:00:30 GMT", now=now) == 30.0
    assert parse_retry_after("-3") == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def test_empty_body_system_error() -> None:
    error = error_from_response(_response(503, None))
    assert isinstance(error, ServerError)
    assert error.code is None
    assert error.message == "Service Unavailable"
    assert error.user_message.startswith("Wix had a server problem (HTTP 503).")


def test_non_json_error_body() -> None:
    error = error_from_response(_response(502, None, text="<html>Bad gateway</html>"))
    assert isinstance(error, ServerError)
    assert error.message == "Bad Gateway"
    odd = error_from_response(_response(404, ["not", "an", "object"]))
    assert isinstance(odd, NotFoundError)
    assert odd.message == "Not Found"


def test_transport_errors_have_their_own_sentences() -> None:
    sentences = {
        WixConnectionError().user_message,
        WixTimeoutError().user_message,
        MalformedResponseError().user_message,
        ServerError(status=500).user_message,
        UnsupportedByApiError().user_message,
    }
    assert len(sentences) == 5
    assert "not supported by this API version" in UnsupportedByApiError().user_message
    assert "did not answer in time" in WixTimeoutError().user_message
    assert "not valid JSON" in MalformedResponseError().user_message
    assert "Could not connect" in WixConnectionError().user_message


def test_hierarchy() -> None:
    for cls in (WixConnectionError, WixTimeoutError, MalformedResponseError, UnsupportedByApiError, ServerError):
        assert issubclass(cls, WixApiError)
    for cls in (PlanAlreadyGeneratingError, PlanNotFoundError, PremiumFeatureMissingError):
        assert issubclass(cls, FailedPreconditionError)
    assert not issubclass(UnsupportedByApiError, NotFoundError)  # a missing endpoint (404/405/501), not a missing item


def test_key_echoed_by_server_is_redacted() -> None:
    body = {
        "message": f"API key {KEY} is not valid",
        "details": {
            "applicationError": {"code": "UNAUTHENTICATED", "description": f"key={KEY}"},
            "validationError": {"fieldViolations": [{"field": "authorization", "description": f"bad {KEY}"}]},
        },
    }
    error = error_from_response(_response(401, body, headers={"Retry-After": "1"}))
    texts = [str(error), repr(error), error.message, error.user_message, str(error.description), *map(str, error.args)]
    texts += [repr(v) for v in error.violations]
    assert all(KEY not in t for t in texts)
    assert "***" in error.message
