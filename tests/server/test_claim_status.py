"""The claim status machine: one table used by the store, the API and the reports."""
import pytest

from server.services.claim_status import (
    LIVE,
    TRANSITIONS,
    ClaimAction,
    ClaimStatus,
    live_sql,
    next_status,
)


@pytest.mark.parametrize("status, action, target", [
    ("ACTIVE", "CANCEL", "CANCELLED"),
    ("PENDING_APPEAL", "APPROVE", "APPEAL_APPROVED"),
    ("PENDING_APPEAL", "REJECT", "APPEAL_REJECTED"),
    ("PENDING_APPEAL", "CANCEL", "CANCELLED"),
    ("APPEAL_APPROVED", "CANCEL", "CANCELLED"),
    ("ACTIVE", "APPROVE", None), ("ACTIVE", "REJECT", None),
    ("CANCELLED", "CANCEL", None), ("APPEAL_REJECTED", "CANCEL", None), ("APPEAL_APPROVED", "REJECT", None),
])
def test_transitions(status, action, target):
    assert next_status(status, ClaimAction(action)) == (ClaimStatus(target) if target else None)


def test_final_statuses_free_the_slot_and_live_ones_hold_it():
    final = {s for s, moves in TRANSITIONS.items() if not moves}
    assert final == {ClaimStatus.CANCELLED, ClaimStatus.APPEAL_REJECTED}
    assert set(LIVE) == set(ClaimStatus) - final
    assert all(f"'{s.value}'" in live_sql() for s in LIVE) and "CANCELLED" not in live_sql()


def test_the_api_documents_and_filters_by_the_same_statuses(client, world):
    spec = client.get("/openapi.json").json()
    assert set(spec["components"]["schemas"]["ClaimStatus"]["enum"]) == {s.value for s in ClaimStatus}
    assert client.get("/api/v1/claims", params={"status": "PENDING"}).status_code == 422
    assert client.get("/api/v1/claims", params={"status": "APPEAL_REJECTED"}).json()["total"] == 0
