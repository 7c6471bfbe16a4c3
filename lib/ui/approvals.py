"""Four-eye approval on the page (`lib.approvals`): asking for drafts to be scheduled from the schedule dialog, and
deciding a request on the Approvals view; every decision checked where it is made (role, requester, staleness)."""

from __future__ import annotations

from collections.abc import Callable

from lib.approvals import ApprovalRefused, Approvals, ScheduleRequest, stale_reason
from lib.audit import AuditOutcome
from lib.flows.scheduling import ScheduleOutcome, schedule_drafts
from lib.roles import REQUEST_SCHEDULE, SCHEDULE_APPROVED
from lib.store.database import StoreError
from lib.ui import notices
from lib.ui.actions import run_action
from lib.ui.connection import Connection
from lib.ui.identity import by_passcode, current_user
from lib.ui.permissions import refused
from lib.ui.readers import forget_plan, read_plan
from lib.ui.store import current_store
from lib.wix.errors import WixApiError

APPROVALS_VIEW = "approvals"
UNREACHABLE = "The approval requests could not be read or written: the app's database cannot be reached."
PASSCODE_CANNOT_DECIDE = "A shared passcode names no person, so it cannot approve or reject: sign in to decide."


def current_approvals() -> Approvals:
    """The requests in the app's database."""
    return Approvals(current_store())


def cannot_decide() -> str | None:
    """Why this session may not approve or reject any request (None when it may decide another person's)."""
    if by_passcode():
        return PASSCODE_CANNOT_DECIDE
    return refused(SCHEDULE_APPROVED)


def ask_for_approval(site_id: str, post_ids: list[str], note: str) -> None:
    """Make a schedule request for these drafts; the outcome is the Plan view's notice."""
    if (why := refused(REQUEST_SCHEDULE)) is not None:
        notices.post("error", why, about="plan")
        return
    try:
        made = current_approvals().request(site_id, post_ids, current_user(), note)
    except (StoreError, ApprovalRefused) as error:
        text = str(error) if isinstance(error, ApprovalRefused) else UNREACHABLE
        notices.post("error", f"Nothing was asked. {text}", about="plan")
        return
    notices.post(
        "success",
        f"Asked for approval: request #{made.id}, {len(made.post_ids)} draft(s). A publisher other than you "
        "approves it on the Approvals view; the drafts stay drafts until then.",
        about="plan",
    )


def approve(connection: Connection, request: ScheduleRequest, connected: frozenset[str]) -> None:
    """Approve: claim the request (once, never the requester's own), schedule exactly its drafts, audited with who
    asked and who approved; a request whose scheduling failed is open again. Checked against the plan as Wix has it
    now, not the page's cached read: another replica's regeneration would not be in that cache."""
    approver = current_user()
    if (why := cannot_decide()) is not None:
        notices.post("error", why, about=APPROVALS_VIEW)
        return
    forget_plan()
    try:
        snapshot = read_plan(connection.site_id, connection.client)
    except WixApiError as error:
        notices.post("error", f"Request #{request.id} was not approved. {error.user_message}", about=APPROVALS_VIEW)
        return
    if (stale := stale_reason(request, snapshot.plan)) is not None:
        notices.post("error", f"Request #{request.id} cannot be approved as it stands: {stale}", about=APPROVALS_VIEW)
        return
    approvals = current_approvals()
    wanted = set(request.post_ids)
    items = [item for item in snapshot.plan.items if item.id in wanted]

    def claim_and_schedule() -> ScheduleOutcome | str:
        """Claimed inside the audited action, after run_action's last session-state read: an impatient second click
        (a fast rerun stops this run at its next session-state access) cannot cut the run off between claiming the
        request and scheduling its drafts. Returns why nothing was sent when the claim fails."""
        try:
            approvals.approve(request.id, approver)
        except (StoreError, ApprovalRefused) as error:
            return str(error) if isinstance(error, ApprovalRefused) else UNREACHABLE
        outcome = schedule_drafts(connection.client, items, set(connected))
        if outcome.error is not None:
            approvals.reopen(request.id)  # nothing or part was scheduled: to be decided again
        return outcome

    result = run_action(
        connection.site_id,
        SCHEDULE_APPROVED,
        claim_and_schedule,
        targets=list(request.post_ids),
        outcome_of=_audited(request, approver),
        intent=("approve", request.id),
    )
    forget_plan()
    outcome = result.value
    if isinstance(outcome, ScheduleOutcome) and outcome.error is None:
        notices.post("success", f"Request #{request.id} approved: {outcome.summary}", about=APPROVALS_VIEW)
        return
    if isinstance(outcome, str):
        why = outcome
    else:
        why = result.error or (outcome.error.user_message if outcome and outcome.error else "")
    notices.post("error", f"Request #{request.id} was not scheduled. {why}", about=APPROVALS_VIEW)


def reject(request: ScheduleRequest, reason: str) -> None:
    """Reject with the reason the requester reads."""
    if (why := cannot_decide()) is not None:
        notices.post("error", why, about=APPROVALS_VIEW)
        return
    try:
        current_approvals().reject(request.id, current_user(), reason)
    except (StoreError, ApprovalRefused) as error:
        text = str(error) if isinstance(error, ApprovalRefused) else UNREACHABLE
        notices.post("error", f"Request #{request.id} was not rejected. {text}", about=APPROVALS_VIEW)
        return
    notices.post("success", f"Request #{request.id} rejected; {request.requested_by} sees why.", about=APPROVALS_VIEW)


def _audited(request: ScheduleRequest, approver: str) -> Callable[[ScheduleOutcome | str], AuditOutcome]:
    def outcome(scheduled: ScheduleOutcome | str) -> AuditOutcome:
        who = f"Request #{request.id} by {request.requested_by}, approved by {approver}."
        if isinstance(scheduled, str):
            return AuditOutcome(False, "NOT_SENT", f"{who} Nothing was sent: {scheduled}")
        if scheduled.error is None:
            return AuditOutcome(True, message=f"{who} {scheduled.summary}")
        return AuditOutcome(False, scheduled.error.code, f"{who} {scheduled.summary} {scheduled.error.user_message}")

    return outcome
