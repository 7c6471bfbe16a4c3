"""Four-eye approval's requests on both databases: made, listed, decided once and never by the requester, and checked
against the plan before approval (lib/approvals.py)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest

from lib.approvals import APPROVED, OPEN, REJECTED, ApprovalRefused, Approvals, stale_reason
from lib.store.database import open_store
from lib.wix.models import MarketingPlan

T0 = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def approvals(database: str) -> Approvals:
    return Approvals(open_store(database), clock=lambda: T0)


def plan(status: str, items: dict[str, str]) -> MarketingPlan:
    activity = {"id": "a1", "items": [{"id": item_id, "status": state} for item_id, state in items.items()]}
    return MarketingPlan.from_json({"status": status, "marketingActivities": [activity]})


def test_a_request_is_listed_for_its_site_until_it_is_decided(approvals: Approvals) -> None:
    made = approvals.request("site-1", ["d1", "d2", "d1"], "sam@shop.example", note="  for Friday  ")
    approvals.request("site-2", ["x"], "sam@shop.example")
    assert (made.post_ids, made.requested_by, made.requested_at, made.note, made.state) == (
        ("d1", "d2"),
        "sam@shop.example",
        T0,
        "for Friday",
        OPEN,
    )
    assert [r.id for r in approvals.requests("site-1", [OPEN])] == [made.id]
    decided = approvals.approve(made.id, "ana@shop.example")
    assert (decided.state, decided.decided_by, decided.decided_at) == (APPROVED, "ana@shop.example", T0)
    assert approvals.requests("site-1", [OPEN]) == []
    assert [r.state for r in approvals.requests("site-1")] == [APPROVED]
    approvals.reopen(made.id)  # its scheduling failed: to be decided again
    assert (approvals.get(made.id).state, approvals.get(made.id).decided_by) == (OPEN, None)


def test_nobody_decides_their_own_request(approvals: Approvals) -> None:
    made = approvals.request("site-1", ["d1"], "Ana@Shop.example")
    with pytest.raises(ApprovalRefused, match="Nobody approves or rejects their own request"):
        approvals.approve(made.id, "ana@shop.example ")
    with pytest.raises(ApprovalRefused, match="their own request"):
        approvals.reject(made.id, "ana@shop.example", "no")
    assert approvals.get(made.id).state == OPEN


def test_a_rejection_needs_a_reason_the_requester_reads(approvals: Approvals) -> None:
    made = approvals.request("site-1", ["d1"], "sam@shop.example")
    with pytest.raises(ApprovalRefused, match="Say why"):
        approvals.reject(made.id, "ana@shop.example", "   ")
    rejected = approvals.reject(made.id, "ana@shop.example", " The captions need the new prices. ")
    assert (rejected.state, rejected.reason) == (REJECTED, "The captions need the new prices.")
    with pytest.raises(ApprovalRefused, match=r"already rejected by ana@shop\.example"):
        approvals.approve(made.id, "lee@shop.example")


def test_two_publishers_deciding_at_once_make_one_decision(approvals: Approvals, database: str) -> None:
    made = approvals.request("site-1", ["d1"], "sam@shop.example")
    deciders = [Approvals(open_store(database)) for _ in range(2)]

    def decide(index: int) -> str:
        try:
            return deciders[index].approve(made.id, f"publisher-{index}@shop.example").state
        except ApprovalRefused:
            return "refused"

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = sorted(pool.map(decide, range(2)))
    assert outcomes == [APPROVED, "refused"]  # the second finds it decided
    assert approvals.get(made.id).decided_by in ("publisher-0@shop.example", "publisher-1@shop.example")


def test_a_request_whose_drafts_changed_is_stale(approvals: Approvals) -> None:
    made = approvals.request("site-1", ["d1", "d2"], "sam@shop.example")
    assert stale_reason(made, plan("ACTIVE", {"d1": "DRAFT", "d2": "DRAFT", "d3": "DRAFT"})) is None
    assert "being rebuilt" in (stale_reason(made, plan("GENERATING", {"d1": "DRAFT", "d2": "DRAFT"})) or "")
    assert stale_reason(made, plan("ACTIVE", {"d1": "DRAFT"})) == (
        "1 of its 2 draft(s) are no longer in the plan (regenerated away)."
    )
    assert stale_reason(made, plan("ACTIVE", {"d1": "DRAFT", "d2": "SCHEDULED"})) == (
        "1 of its 2 post(s) are no longer drafts."
    )


def test_asking_again_for_the_same_drafts_gives_the_open_request(approvals: Approvals) -> None:
    first = approvals.request("site-1", ["d1", "d2"], "sam@shop.example")
    assert approvals.request("site-1", ["d1", "d2"], "sam@shop.example").id == first.id  # a second click
    assert approvals.request("site-1", ["d1"], "sam@shop.example").id != first.id  # other drafts: a new one
    assert approvals.request("site-1", ["d1", "d2"], "bo@shop.example").id != first.id  # another person
    approvals.reject(first.id, "ana@shop.example", "not yet")
    assert approvals.request("site-1", ["d1", "d2"], "sam@shop.example").id != first.id  # asked again after a no


def test_a_request_names_drafts(approvals: Approvals) -> None:
    with pytest.raises(ApprovalRefused, match="Pick the drafts"):
        approvals.request("site-1", [], "sam@shop.example")
