"""Unit managers: ThaID-verified people only, legacy unit-code logins refused."""
import pytest

from oss_registry.errors import RegistryError
from oss_registry.managers import add_manager, approve_manager, approved_managers
from thai_civil.pid import generate_pid


@pytest.mark.parametrize("via, code", [
    ("data_center", "LEGACY_LOGIN_REFUSED"),
    ("unit_code", "LEGACY_LOGIN_REFUSED"),
    ("password", "INVALID_MANAGER"),
])
def test_only_verified_people_manage(session, active_unit, via, code):
    with pytest.raises(RegistryError) as err:
        add_manager(session, active_unit, generate_pid(), "SIGNATORY", via)
    assert err.value.code == code


def test_manager_needs_approval(session, active_unit):
    pid = generate_pid()
    manager = add_manager(session, active_unit, pid, "delegate", "ThaID")
    assert approved_managers(session, active_unit.hcode) == []
    approve_manager(session, manager.id, by="nhso-officer")
    assert [m.pid for m in approved_managers(session, active_unit.hcode)] == [pid]
    assert manager.approved_by == "nhso-officer" and manager.approved_at is not None
    with pytest.raises(RegistryError) as err:
        add_manager(session, active_unit, pid, "SIGNATORY", "thaid")
    assert err.value.code == "MANAGER_EXISTS"
    with pytest.raises(RegistryError) as err:
        approve_manager(session, 999_999, by="x")
    assert err.value.code == "MANAGER_NOT_FOUND"
