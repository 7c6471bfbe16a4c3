"""The connection check: is the key accepted, the permission there, the site reachable, what can be scheduled.

Each check is one read (the scheduling probe is the exception, see `check_scheduling`), and each result says what
to do when it is red. No Streamlit here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from lib.wix.errors import (
    AuthenticationError,
    PermissionDeniedError,
    PremiumFeatureMissingError,
    WixApiError,
    WixConnectionError,
    WixTimeoutError,
)
from lib.wix.models import Account, MarketingPlan, PlanStatus, ScheduledItem

# An ID that names no draft: ScheduleDrafts ignores unknown and non-DRAFT IDs silently (reference section 5), so the
# probe schedules nothing, yet the premium-feature precondition is checked first.
PROBE_DRAFT_ID = "00000000-0000-0000-0000-000000000000"


class CheckedClient(Protocol):
    def get_social_marketing_plan(self, start: object = None, end: object = None) -> MarketingPlan: ...
    def list_accounts(self, channel: str | None = None) -> list[Account]: ...
    def schedule_drafts(self, draft_ids: list[str]) -> list[ScheduledItem]: ...


@dataclass(frozen=True)
class CheckResult:
    """One line of the check: green or red, what was found, and what to do when red."""

    name: str
    ok: bool
    detail: str
    fix: str | None = None


def _failure(name: str, error: WixApiError) -> CheckResult:
    if isinstance(error, WixConnectionError | WixTimeoutError):
        fix = "Check the base URL and the network between this server and Wix."
    elif isinstance(error, AuthenticationError):
        fix = "Create a new API key in the Wix dashboard (API Keys) and set WIX_API_KEY or [wix] api_key."
    elif isinstance(error, PermissionDeniedError):
        fix = "Edit the API key in the Wix dashboard and add the needed permission."
    else:
        fix = "Try again; if it persists, check Wix's status page."
    return CheckResult(name, False, error.user_message, fix)


def check_site(client: CheckedClient) -> list[CheckResult]:
    """Key accepted, Manage Marketing Plans permission, site reachable, and the plan status (one plan read)."""
    try:
        plan = client.get_social_marketing_plan()
    except WixApiError as error:
        return [_failure("Key, permission and site", error)]
    status = str(plan.status)
    results = [
        CheckResult("API key accepted", True, "Wix accepted the key for this site."),
        CheckResult("Manage Marketing Plans permission", True, "The key may read and change the marketing plan."),
        CheckResult("Site reachable", True, "The site answered."),
    ]
    healthy = plan.status in (PlanStatus.ACTIVE, PlanStatus.GENERATING)
    fix = None if healthy else "Generate or regenerate the plan on the Plan view."
    results.append(CheckResult("Plan status", healthy, f"The plan is {status}.", fix))
    return results


def check_channels(client: CheckedClient) -> CheckResult:
    """Which social channels are connected in the Publisher (only those can be scheduled)."""
    try:
        accounts = client.list_accounts()
    except WixApiError as error:
        return _failure("Connected social channels", error)
    channels = sorted({str(account.channel) for account in accounts if account.channel})
    if not channels:
        return CheckResult(
            "Connected social channels",
            False,
            "No social channel is connected, so every draft stays a draft.",
            "Connect the social accounts in the Wix dashboard (Marketing > Social Media).",
        )
    return CheckResult("Connected social channels", True, ", ".join(channels))


def check_scheduling(client: CheckedClient) -> CheckResult:
    """Whether ScheduleDrafts is available (the schedule-posts premium feature), probed with an ID of no draft."""
    try:
        client.schedule_drafts([PROBE_DRAFT_ID])
    except PremiumFeatureMissingError as error:
        return CheckResult(
            "Scheduling available", False, error.user_message, "Upgrade the site's Wix plan to one with scheduling."
        )
    except WixApiError as error:
        return _failure("Scheduling available", error)
    return CheckResult("Scheduling available", True, "Drafts can be scheduled for publishing.")
