"""The life of a claim code: its statuses and the transitions between them.

::

    ACTIVE ──cancel──▶ CANCELLED
    PENDING_APPEAL ──approve──▶ APPEAL_APPROVED ──cancel──▶ CANCELLED
                  ├──reject───▶ APPEAL_REJECTED
                  └──cancel───▶ CANCELLED

One enum used by the store (the live-claim index), the API and the reports; whether a code may
be billed (:data:`BILLING`) follows from its status alone.
"""
from __future__ import annotations

from enum import StrEnum


class ClaimStatus(StrEnum):
    ACTIVE = "ACTIVE"
    PENDING_APPEAL = "PENDING_APPEAL"
    APPEAL_APPROVED = "APPEAL_APPROVED"
    APPEAL_REJECTED = "APPEAL_REJECTED"
    CANCELLED = "CANCELLED"


class ClaimAction(StrEnum):
    CANCEL = "CANCEL"
    APPROVE = "APPROVE"
    REJECT = "REJECT"


TRANSITIONS: dict[ClaimStatus, dict[ClaimAction, ClaimStatus]] = {
    ClaimStatus.ACTIVE: {ClaimAction.CANCEL: ClaimStatus.CANCELLED},
    ClaimStatus.PENDING_APPEAL: {ClaimAction.APPROVE: ClaimStatus.APPEAL_APPROVED,
                                 ClaimAction.REJECT: ClaimStatus.APPEAL_REJECTED,
                                 ClaimAction.CANCEL: ClaimStatus.CANCELLED},
    ClaimStatus.APPEAL_APPROVED: {ClaimAction.CANCEL: ClaimStatus.CANCELLED},
    ClaimStatus.APPEAL_REJECTED: {},
    ClaimStatus.CANCELLED: {},
}

LIVE = (ClaimStatus.ACTIVE, ClaimStatus.PENDING_APPEAL, ClaimStatus.APPEAL_APPROVED)
"""The statuses that count as the one live code of a citizen/unit/service/date (and may be
edited); a cancelled or rejected code frees the slot."""


class Billing(StrEnum):
    """Whether a claim code may be billed to NHSO, derived from its status alone."""

    YES = "YES"  # ACTIVE, APPEAL_APPROVED
    NOT_YET = "NOT_YET"  # PENDING_APPEAL: only once NHSO approves the appeal
    NO = "NO"  # APPEAL_REJECTED, CANCELLED: never


BILLING: dict[ClaimStatus, Billing] = {
    ClaimStatus.ACTIVE: Billing.YES, ClaimStatus.APPEAL_APPROVED: Billing.YES,
    ClaimStatus.PENDING_APPEAL: Billing.NOT_YET,
    ClaimStatus.APPEAL_REJECTED: Billing.NO, ClaimStatus.CANCELLED: Billing.NO,
}
"""Rejected codes are not billable; a code waiting for its appeal is not billable *yet*."""


def billing(status: str) -> Billing:
    return BILLING[ClaimStatus(status)]


def billable(status: str) -> bool:
    return BILLING[ClaimStatus(status)] is Billing.YES


NAMES_TH = {ClaimStatus.ACTIVE: "ยืนยันแล้ว", ClaimStatus.PENDING_APPEAL: "รอทวนสอบ/อุทธรณ์",
            ClaimStatus.APPEAL_APPROVED: "อุทธรณ์ผ่าน", ClaimStatus.APPEAL_REJECTED: "อุทธรณ์ไม่ผ่าน",
            ClaimStatus.CANCELLED: "ยกเลิก"}
"""How the NHSO screens name each status (``ยืนยันแล้ว`` is document 000's)."""


def next_status(current: str, action: ClaimAction) -> ClaimStatus | None:
    """Where ``action`` takes a claim in ``current`` status, or None when it may not."""
    return TRANSITIONS[ClaimStatus(current)].get(action)


def live_sql() -> str:
    """The live-claim condition as SQL (for the partial unique index)."""
    return "status IN (" + ", ".join(f"'{s.value}'" for s in LIVE) + ")"
