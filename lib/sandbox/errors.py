"""Wix-shaped error responses (reference section 7): applicationError / validationError bodies, empty system errors."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse, Response

from lib.sandbox import gaps


class ApiError(Exception):
    """A Wix error answer: HTTP status, JSON body (None = empty body) and extra headers."""

    def __init__(self, status: int, body: dict[str, Any] | None, headers: dict[str, str] | None = None) -> None:
        super().__init__(body["message"] if body else f"HTTP {status}")
        self.status = status
        self.body = body
        self.headers = headers or {}

    def response(self) -> Response:
        """The HTTP response for this error."""
        if self.body is None:
            return Response(status_code=self.status, headers=self.headers)
        return JSONResponse(self.body, status_code=self.status, headers=self.headers)


def application_error(canonical: str, code: str, message: str, data: dict[str, Any] | None = None) -> ApiError:
    """Business-logic rejection; the HTTP status follows the canonical code (gap 4)."""
    body = {
        "message": message,
        "details": {"applicationError": {"code": code, "description": message, "data": data or {}}},
    }
    return ApiError(gaps.HTTP_STATUS[canonical], body)


def failed_precondition(code: str, message: str) -> ApiError:
    """428 FAILED_PRECONDITION with a specific applicationError code."""
    return application_error("FAILED_PRECONDITION", code, message)


def not_found(message: str) -> ApiError:
    """404 NOT_FOUND."""
    return application_error("NOT_FOUND", "NOT_FOUND", message)


def unauthenticated(message: str) -> ApiError:
    """401 UNAUTHENTICATED."""
    return application_error("UNAUTHENTICATED", "UNAUTHENTICATED", message)


def permission_denied(permission: str, scope: str) -> ApiError:
    """403 PERMISSION_DENIED naming the missing permission."""
    message = f"The caller lacks the '{permission}' permission ({scope})."
    return application_error("PERMISSION_DENIED", "PERMISSION_DENIED", message, {"permission": permission})


def rate_limited(retry_after_seconds: float) -> ApiError:
    """429 RESOURCE_EXHAUSTED with a Retry-After header in whole seconds (gap 6)."""
    seconds = max(0, round(retry_after_seconds))
    err = application_error("RESOURCE_EXHAUSTED", "RESOURCE_EXHAUSTED", "Too many requests, retry later.")
    err.headers[gaps.RETRY_AFTER_HEADER] = str(seconds)
    return err


def system_error(status: int) -> ApiError:
    """500/503 system error: empty body by design."""
    return ApiError(status, None)


def invalid(field: str, description: str, rule: str = "OTHER", data: dict[str, Any] | None = None) -> ApiError:
    """400 INVALID_ARGUMENT with one field violation."""
    return invalid_many([(field, description, rule, data or {})])


def invalid_many(violations: list[tuple[str, str, str, dict[str, Any]]]) -> ApiError:
    """400 INVALID_ARGUMENT with several field violations (field, description, violated rule, data)."""
    body = {
        "message": "; ".join(f"{field}: {description}" for field, description, _, _ in violations),
        "details": {
            "validationError": {
                "fieldViolations": [
                    {
                        "field": field,
                        "description": description,
                        "violatedRule": rule,
                        "ruleName": gaps.VALIDATION_RULE_NAME,
                        "data": data,
                    }
                    for field, description, rule, data in violations
                ]
            }
        },
    }
    return ApiError(gaps.HTTP_STATUS["INVALID_ARGUMENT"], body)
