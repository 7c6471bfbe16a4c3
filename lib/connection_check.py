"""The connection check: is the key accepted, the permission there, the site reachable, what can be scheduled.

Every check is a read (one plan read, one Publisher read): nothing on the site is changed. Whether the site has the
schedule-posts premium feature Wix says only in answer to ScheduleDrafts (reference section 5), a write, so that line
says what the plan shows and that the feature is checked when drafts are scheduled. Each result says what to do when
it is red. No Streamlit here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from lib.display import channel_name, plan_status_name
from lib.wix.errors import (
    AuthenticationError,
    PermissionDeniedError,
    WixApiError,
    WixConnectionError,
    WixTimeoutError,
)
from lib.wix.models import Account, ItemStatus, MarketingPlan, PlanStatus

SCHEDULING = "Scheduling available"


class CheckedClient(Protocol):
    def get_social_marketing_plan(
        self, start: datetime | None = None, end: datetime | None = None
    ) -> MarketingPlan: ...
    def list_accounts(self, channel: str | None = None) -> list[Account]: ...


@dataclass(frozen=True)
class CheckResult:
    """One line of the check: green (True), red (False) or not checked here (None), what was found, and what to do
    when red."""

    name: str
    ok: bool | None
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


def run_checks(client: CheckedClient) -> list[CheckResult]:
    """Every check, in the order shown: site (from one plan read), channels, scheduling (from the same plan)."""
    plan: MarketingPlan | None
    try:
        read = client.get_social_marketing_plan()
    except WixApiError as error:
        plan, site = None, [_failure("Key, permission and site", error)]
    else:
        plan, site = read, check_site(read)
    return [*site, check_channels(client), check_scheduling(plan)]


def check_site(plan: MarketingPlan) -> list[CheckResult]:
    """What a successful plan read proves (key accepted, Manage Marketing Plans permission, site reachable), and
    the plan status."""
    results = [
        CheckResult("API key accepted", True, "Wix accepted the key for this site."),
        CheckResult("Manage Marketing Plans permission", True, "The key may read and change the marketing plan."),
        CheckResult("Site reachable", True, "The site answered."),
    ]
    healthy = plan.status in (PlanStatus.ACTIVE, PlanStatus.GENERATING)
    fix = None if healthy else "Generate or regenerate the plan on the Plan view."
    results.append(CheckResult("Plan status", healthy, f"{plan_status_name(plan.status)}.", fix))
    return results


def check_channels(client: CheckedClient) -> CheckResult:
    """Which social channels are connected in the Publisher (only those can be scheduled)."""
    try:
        accounts = client.list_accounts()
    except WixApiError as error:
        return _failure("Connected social channels", error)
    channels = sorted({channel_name(account.channel) for account in accounts if account.channel})
    if not channels:
        return CheckResult(
            "Connected social channels",
            False,
            "No social channel is connected, so every draft stays a draft.",
            "Connect the social accounts in the Wix dashboard (Marketing > Social Media).",
        )
    return CheckResult("Connected social channels", True, ", ".join(channels))


def check_scheduling(plan: MarketingPlan | None) -> CheckResult:
    """Not checked here (it would take a write): what the plan shows of earlier scheduling, and where Wix tells."""
    detail = (
        "Checked when you schedule: Wix tells whether the site has the scheduling premium feature only in answer "
        "to a scheduling request, and this check changes nothing. The scheduling result says so if it is missing."
    )
    items = [item for activity in plan.activities for item in activity.items] if plan else []
    scheduled = sum(1 for item in items if item.status in (ItemStatus.SCHEDULED, ItemStatus.PUBLISHED))
    if scheduled:
        detail += f" {scheduled} post(s) of this plan are scheduled or published, so scheduling worked here before."
    return CheckResult(SCHEDULING, None, detail)
