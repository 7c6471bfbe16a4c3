"""Four-eye approval (issue 14): a request to schedule drafts, made by one person and approved or rejected by
another, kept in the app's database (`lib.store`) so every replica sees the same requests. No Streamlit import.

A request names its drafts by item ID. Before it is approved it is checked against the plan as it is then
(`stale_reason`): drafts regenerated away, no longer drafts, or a plan being rebuilt make it stale, and a stale
request cannot be approved as it stands. Nobody decides their own request, whatever their role.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import RowMapping, insert, select, update

from lib.store.database import Store
from lib.store.schema import approval_requests
from lib.store.times import from_optional_text, from_text, to_text
from lib.wix.models import ItemStatus, MarketingPlan, PlanStatus

OPEN, APPROVED, REJECTED = "open", "approved", "rejected"


class ApprovalRefused(Exception):
    """A decision that may not be made; the message says why, as the page shows it."""


@dataclass(frozen=True)
class ScheduleRequest:
    """One request to schedule drafts, and how it was decided (``state`` open until then)."""

    id: int
    site: str
    post_ids: tuple[str, ...]
    requested_by: str
    requested_at: datetime
    note: str
    state: str
    decided_by: str | None
    decided_at: datetime | None
    reason: str | None


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _same_person(a: str, b: str) -> bool:
    return a.strip().lower() == b.strip().lower()


class Approvals:
    """The schedule requests in the app's database. Raises `lib.store.database.StoreError` when it fails."""

    def __init__(self, store: Store, clock: Callable[[], datetime] = _utc_now) -> None:
        self.store = store
        self._clock = clock

    def request(self, site: str, post_ids: Sequence[str], requested_by: str, note: str = "") -> ScheduleRequest:
        """Ask for these drafts to be scheduled; the same person asking for the same drafts again gets the request
        still open for them, not a second one."""
        if not post_ids:
            raise ApprovalRefused("Pick the drafts to schedule first.")
        row = {
            "site": site,
            "post_ids": json.dumps(list(dict.fromkeys(post_ids))),
            "requested_by": requested_by,
            "requested_at": to_text(self._clock()),
            "note": note.strip(),
            "state": OPEN,
        }
        table = approval_requests.c
        with self.store.serialised(f"schedule request:{site}") as db:
            same = select(table.id).where(
                table.site == site,
                table.requested_by == requested_by,
                table.post_ids == row["post_ids"],
                table.state == OPEN,
            )
            request_id = db.execute(same).scalar()  # asked again (a second click, another tab): the same request
            if request_id is None:
                request_id = db.execute(insert(approval_requests).values(row).returning(table.id)).scalar_one()
        return self.get(int(request_id))

    def get(self, request_id: int) -> ScheduleRequest:
        """One request; ``KeyError`` when there is none."""
        with self.store.transaction() as db:
            row = db.execute(select(approval_requests).where(approval_requests.c.id == request_id)).mappings().first()
        if row is None:
            raise KeyError(f"no schedule request {request_id}")
        return _request(row)

    def requests(self, site: str, states: Collection[str] = ()) -> list[ScheduleRequest]:
        """The site's requests in these states (all when empty), newest first."""
        table = approval_requests.c
        query = select(approval_requests).where(table.site == site).order_by(table.id.desc())
        if states:
            query = query.where(table.state.in_(list(states)))
        with self.store.transaction() as db:
            return [_request(row) for row in db.execute(query).mappings()]

    def approve(self, request_id: int, approver: str) -> ScheduleRequest:
        """Mark an open request approved by ``approver`` (once its drafts are scheduled)."""
        return self._decide(request_id, approver, APPROVED, None)

    def reject(self, request_id: int, rejecter: str, reason: str) -> ScheduleRequest:
        """Mark an open request rejected, with the reason the requester will read."""
        if not reason.strip():
            raise ApprovalRefused("Say why it is rejected: the requester reads it.")
        return self._decide(request_id, rejecter, REJECTED, reason.strip())

    def reopen(self, request_id: int) -> None:
        """Open an approved request again: its drafts could not be scheduled, so it is still to be decided."""
        table = approval_requests.c
        reset = {"state": OPEN, "decided_by": None, "decided_at": None}
        with self.store.transaction() as db:
            db.execute(update(approval_requests).where(table.id == request_id, table.state == APPROVED).values(reset))

    def check_decider(self, request: ScheduleRequest, decider: str) -> None:
        """Raise `ApprovalRefused` unless ``decider`` may decide ``request`` now."""
        if request.state != OPEN:
            raise ApprovalRefused(f"This request was already {request.state} by {request.decided_by}.")
        if _same_person(request.requested_by, decider):
            raise ApprovalRefused("Nobody approves or rejects their own request: another publisher decides it.")

    def _decide(self, request_id: int, decider: str, state: str, reason: str | None) -> ScheduleRequest:
        self.check_decider(self.get(request_id), decider)
        decided = {"state": state, "decided_by": decider, "decided_at": to_text(self._clock())}
        table = approval_requests.c
        with self.store.transaction() as db:  # only if still open: two deciders at once, one decision
            changed = db.execute(
                update(approval_requests)
                .where(table.id == request_id, table.state == OPEN)
                .values(reason=reason, **decided)
            ).rowcount
        if changed != 1:
            self.check_decider(self.get(request_id), decider)  # says who decided it first
        return self.get(request_id)


def stale_reason(request: ScheduleRequest, plan: MarketingPlan) -> str | None:
    """Why the request no longer matches the plan (None while it does): its drafts regenerated away, no longer
    drafts, or the plan being rebuilt."""
    if plan.status == PlanStatus.GENERATING:
        return "The plan is being rebuilt: its drafts may be replaced."
    by_id = {item.id: item for item in plan.items}
    gone = [post_id for post_id in request.post_ids if post_id not in by_id]
    if gone:
        return f"{len(gone)} of its {len(request.post_ids)} draft(s) are no longer in the plan (regenerated away)."
    moved = [post_id for post_id in request.post_ids if by_id[post_id].status != ItemStatus.DRAFT]
    if moved:
        return f"{len(moved)} of its {len(request.post_ids)} post(s) are no longer drafts."
    return None


def _request(values: RowMapping) -> ScheduleRequest:
    return ScheduleRequest(
        id=int(values["id"]),
        site=values["site"],
        post_ids=tuple(json.loads(values["post_ids"])),
        requested_by=values["requested_by"],
        requested_at=from_text(values["requested_at"]),
        note=values["note"] or "",
        state=values["state"],
        decided_by=values["decided_by"],
        decided_at=from_optional_text(values["decided_at"]),
        reason=values["reason"],
    )
