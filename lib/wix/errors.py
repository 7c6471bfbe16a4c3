"""Exceptions raised by the Wix client, built from the HTTP status and the Wix error body.

Every exception carries ``user_message``: a sentence a marketer can act on. No message, ``str``, ``repr`` or ``args``
ever contains the API key: anything echoed back from the request is scrubbed of the ``Authorization`` value.
"""

from __future__ import annotations

import email.utils
import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from lib.wix import gaps

REDACTED = "***"
_MIN_SECRET_LENGTH = 4


def redact(text: str, secrets: tuple[str, ...]) -> str:
    """Replace every occurrence of each secret in ``text`` by ``***``."""
    for secret in secrets:
        if secret and len(secret) >= _MIN_SECRET_LENGTH:
            text = text.replace(secret, REDACTED)
    return text


@dataclass(frozen=True)
class FieldViolation:
    field: str | None
    description: str | None
    rule: str | None


class WixApiError(Exception):
    """Base class of every error the client raises."""

    default_message = "Wix rejected the request"

    def __init__(
        self,
        message: str | None = None,
        *,
        status: int | None = None,
        code: str | None = None,
        description: str | None = None,
        violations: list[FieldViolation] | None = None,
        retry_after: float | None = None,
        method: str | None = None,
        path: str | None = None,
    ) -> None:
        self.message = message or self.default_message
        self.status = status
        self.code = code
        self.description = description
        self.violations = list(violations or [])
        self.retry_after = retry_after
        self.method = method
        self.path = path
        super().__init__(self.message)

    def __str__(self) -> str:
        parts = [f"HTTP {self.status}" if self.status is not None else type(self).__name__]
        if self.code:
            parts.append(self.code)
        if self.method and self.path:
            parts.append(f"on {self.method} {self.path}")
        return f"{' '.join(parts)}: {self.message}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status!r}, code={self.code!r}, message={self.message!r})"

    @property
    def user_message(self) -> str:
        """A sentence the marketer can act on."""
        return f"Wix rejected the request: {_sentence(self.message)} Check the input and try again."


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


class InvalidArgumentError(WixApiError):
    """400: the input broke a validation rule."""

    default_message = "invalid argument"

    @property
    def user_message(self) -> str:
        if self.violations:
            fields = "; ".join(
                f"{v.field or 'a field'}: {v.description or v.rule or 'invalid value'}" for v in self.violations
            )
            return f"Wix rejected some values ({fields}). Correct them and try again."
        return f"Wix rejected the request as invalid: {_sentence(self.message)} Correct the values and try again."


class AuthenticationError(WixApiError):
    """401: the key or token was not accepted."""

    default_message = "unauthenticated"

    @property
    def user_message(self) -> str:
        return (
            "Wix rejected the API key (or access token). Check that the key in the app's settings is complete "
            "and still active, and that a site ID is set, then try again."
        )


class PermissionDeniedError(WixApiError):
    """403: the key lacks the permission scope or does not belong to the site's account."""

    default_message = "permission denied"

    @property
    def user_message(self) -> str:
        return (
            "The API key lacks the Manage Marketing Plans permission, or it belongs to another Wix account than "
            "this site. Add the permission to the key in Wix (API Keys) and check the site ID, then try again."
        )


class NotFoundError(WixApiError):
    """404: the item does not exist (any more)."""

    default_message = "not found"

    @property
    def user_message(self) -> str:
        return "Wix could not find this item; it may have been deleted. Refresh the page and try again."


class UnsupportedByApiError(WixApiError):
    """404, 405 or 501 on an endpoint whose URL is a gap assumption: the live API does not offer it this way.

    Not a :class:`NotFoundError`: the endpoint is missing, not the item, so a "not found" handler must not catch it.
    """

    default_message = "not supported by this API version"

    @property
    def user_message(self) -> str:
        return (
            "This action is not supported by this API version: Wix did not recognise the request. "
            "Do it in the Wix dashboard instead."
        )


class ConflictError(WixApiError):
    """409: it already exists."""

    default_message = "already exists"

    @property
    def user_message(self) -> str:
        return "This already exists in Wix. Refresh the page to see the current state."


_PRECONDITION_MESSAGES = {
    gaps.CODE_INVALID_FIELD_MASK: (
        "Some settings were marked for saving but were not sent. Reload the settings and save again."
    ),
    gaps.CODE_EVENT_READ_ONLY: (
        "This event comes from a connected calendar and is read-only here. Change it in that calendar instead."
    ),
    gaps.CODE_EVENT_NOT_FOUND: "This event no longer exists. Refresh the event list.",
    gaps.CODE_MISSING_REQUIRED_FIELDS: (
        "A new activity needs a title, a description, a date and a type (social, email or blog). Fill them in "
        "and try again."
    ),
    gaps.CODE_INVALID_RECURRING_RULE: (
        "A recurring event needs a repeat frequency (weekly, monthly or yearly). Choose one and try again."
    ),
}


class FailedPreconditionError(WixApiError):
    """428: the site or plan is not in a state that allows this call."""

    default_message = "failed precondition"

    @property
    def user_message(self) -> str:
        known = _PRECONDITION_MESSAGES.get(self.code or "")
        if known:
            return known
        return f"Wix cannot do this right now: {_sentence(self.message)} Check the plan's state and try again."


class PlanAlreadyGeneratingError(FailedPreconditionError):
    default_message = "plan already generating"

    @property
    def user_message(self) -> str:
        return "A plan is already generating. Wait for it to finish."


class PlanNotFoundError(FailedPreconditionError):
    default_message = "plan not found"

    @property
    def user_message(self) -> str:
        return "The site has no marketing plan yet. Generate a plan first, then try again."


class PremiumFeatureMissingError(FailedPreconditionError):
    default_message = "schedule posts premium feature missing"

    @property
    def user_message(self) -> str:
        return (
            "The site has no scheduling premium feature, so posts cannot be scheduled. "
            "Upgrade the site's plan in Wix, then try again."
        )


class RateLimitedError(WixApiError):
    """429: too many requests; ``retry_after`` holds the server's hint in seconds."""

    default_message = "resource exhausted"

    @property
    def user_message(self) -> str:
        if self.retry_after is not None:
            return f"Wix is rate-limiting requests; try again in {math.ceil(self.retry_after)} s."
        return "Wix is rate-limiting requests; try again in a minute."


class ServerError(WixApiError):
    """5xx: a problem on Wix's side (system errors have an empty body)."""

    default_message = "server error"

    @property
    def user_message(self) -> str:
        status = f" (HTTP {self.status})" if self.status else ""
        return f"Wix had a server problem{status}. Try again in a minute; if it keeps happening, check Wix's status."


class WixConnectionError(WixApiError):
    """The connection could not be made or broke off."""

    default_message = "could not connect"

    @property
    def user_message(self) -> str:
        return (
            "Could not connect to Wix (the connection was refused or broke off). Check the network connection "
            "and the API address, then try again."
        )


class WixTimeoutError(WixApiError):
    """Wix did not answer within the client's timeout."""

    default_message = "timed out"

    @property
    def user_message(self) -> str:
        return "Wix did not answer in time. Try again in a moment; if it keeps happening, check the network."


class MalformedResponseError(WixApiError):
    """The answer was not the JSON object the API speaks."""

    default_message = "response is not valid JSON"

    @property
    def user_message(self) -> str:
        return (
            "Wix sent an answer the app could not read (not valid JSON). Try again; if it keeps happening, "
            "the API may have changed."
        )


_STATUS_CLASSES: dict[int, type[WixApiError]] = {
    gaps.STATUS_INVALID_ARGUMENT: InvalidArgumentError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    gaps.STATUS_FAILED_PRECONDITION: FailedPreconditionError,
    429: RateLimitedError,
}

# gap 3/4: specific codes win over the status pairing for any 4xx
_CODE_CLASSES: dict[str, type[WixApiError]] = {
    gaps.CODE_PLAN_ALREADY_GENERATING: PlanAlreadyGeneratingError,
    gaps.CODE_PLAN_NOT_FOUND: PlanNotFoundError,
    gaps.CODE_PREMIUM_FEATURE_MISSING: PremiumFeatureMissingError,
}


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or HTTP date); ``None`` if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    if not math.isfinite(seconds):
        return None
    return max(0.0, seconds)


def _text(value: object, secrets: tuple[str, ...]) -> str | None:
    return redact(value, secrets) if isinstance(value, str) else None


def _dict(value: object) -> dict[str, Any]:
    """The value when it is a JSON object, else an empty one (a body or a part of it may be missing or malformed)."""
    return value if isinstance(value, dict) else {}


def _violations(details: dict[str, Any], secrets: tuple[str, ...]) -> list[FieldViolation]:
    validation = details.get("validationError")
    raw = validation.get("fieldViolations") if isinstance(validation, dict) else None
    if not isinstance(raw, list):
        return []
    return [
        FieldViolation(
            field=_text(v.get("field"), secrets),
            description=_text(v.get("description"), secrets),
            rule=_text(v.get("violatedRule"), secrets) or _text(v.get("ruleName"), secrets),
        )
        for v in raw
        if isinstance(v, dict)
    ]


def error_from_response(response: httpx.Response) -> WixApiError:
    """Build the matching :class:`WixApiError` from a non-2xx response (empty or non-JSON bodies allowed)."""
    request = response.request
    auth = request.headers.get("authorization", "")
    secrets = (auth,) if auth else ()
    try:
        body = json.loads(response.content) if response.content.strip() else {}
    except (ValueError, UnicodeDecodeError):
        body = {}
    body = _dict(body)
    details = _dict(body.get("details"))
    application = _dict(details.get("applicationError"))
    code = _text(application.get("code"), secrets) or _text(body.get("code"), secrets)
    status = response.status_code
    if 400 <= status < 500 and code in _CODE_CLASSES:
        cls = _CODE_CLASSES[code]
    elif status >= 500:
        cls = ServerError
    else:
        cls = _STATUS_CLASSES.get(status, WixApiError)
    message = _text(body.get("message"), secrets) or response.reason_phrase or None
    return cls(
        message,
        status=status,
        code=code,
        description=_text(application.get("description"), secrets),
        violations=_violations(details, secrets),
        retry_after=parse_retry_after(response.headers.get(gaps.RETRY_AFTER_HEADER)),
        method=request.method,
        path=request.url.path,
    )
