"""Unit status lifecycle: allowed and refused transitions, with the audit trail."""
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from oss_registry.errors import RegistryError
from oss_registry.lifecycle import TRANSITIONS, UnitStatus, can_transition, change_status
from oss_registry.tables import UnitStatusEvent
from oss_registry.units import create_unit
from tests.oss_registry.conftest import unit_data

ALLOWED = {
    ("applied", "approved"), ("approved", "active"), ("active", "suspended"), ("suspended", "active"),
    ("applied", "withdrawn"), ("approved", "withdrawn"), ("active", "withdrawn"), ("suspended", "withdrawn"),
}


@pytest.mark.parametrize("src", list(UnitStatus))
@pytest.mark.parametrize("dst", list(UnitStatus))
def test_transition_table(src, dst):
    assert can_transition(src, dst) is ((src.value, dst.value) in ALLOWED)


def test_withdrawn_is_final():
    assert TRANSITIONS[UnitStatus.WITHDRAWN] == frozenset()


def test_changes_are_recorded_and_bad_ones_refused(session):
    unit = create_unit(session, unit_data(), by="officer-1")
    at = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
    with pytest.raises(RegistryError) as err:
        change_status(session, unit, "active", by="officer-1")
    assert err.value.code == "INVALID_STATUS_TRANSITION"
    assert err.value.details["allowed"] == ["approved", "withdrawn"]
    for status in ("approved", "active", "suspended", "active", "withdrawn"):
        change_status(session, unit, status, by="officer-2", reason=f"to {status}", at=at)
    with pytest.raises(RegistryError):
        change_status(session, unit, "active", by="officer-2")
    events = session.scalars(select(UnitStatusEvent).where(UnitStatusEvent.hcode == unit.hcode)
                             .order_by(UnitStatusEvent.id)).all()
    assert [(e.from_status, e.to_status) for e in events] == [
        (None, "applied"), ("applied", "approved"), ("approved", "active"), ("active", "suspended"),
        ("suspended", "active"), ("active", "withdrawn")]
    assert events[-1].changed_by == "officer-2" and events[-1].reason == "to withdrawn"
    assert events[-1].changed_at == at


def test_unknown_status_is_refused(session):
    unit = create_unit(session, unit_data(), by="t")
    with pytest.raises(RegistryError) as err:
        change_status(session, unit, "closed", by="t")
    assert err.value.code == "INVALID_UNIT"
