"""The relatives registry: who may act for whom, looked up in both directions, revocable."""
from datetime import date

import pytest

from citizens import relatives
from citizens.errors import CitizenError
from citizens.tables import Citizen, Relative
from tests.conftest import FIXED_NOW

MOTHER, SON, STRANGER = "1101700203450", "3100000000004", "1234567890121"


@pytest.fixture
def people(session):
    for pid, born in ((MOTHER, date(1960, 1, 1)), (SON, date(2015, 1, 1)), (STRANGER, date(1950, 1, 1))):
        session.add(Citizen(pid=pid, title_th="นาย", first_name_th="ทดสอบ", last_name_th="ระบบ", birth_date=born,
                            sex="M", right_code="UCS"))
    session.flush()


def register(session, **over):
    args = dict(pid=SON, relative_pid=MOTHER, relation="parent", proof="civil_registry", by="user:nhso", at=FIXED_NOW)
    return relatives.register(session, **{**args, **over})


def test_a_relationship_is_found_from_either_side(session, people):
    row = register(session)
    assert (row.relation, row.proof, row.registered_by) == ("PARENT", "CIVIL_REGISTRY", "user:nhso")
    as_son = relatives.find(session, citizen_pid=SON, actor_pid=MOTHER)
    assert as_son.relation == relatives.Relation.PARENT and as_son.proof == relatives.Proof.CIVIL_REGISTRY
    as_mother = relatives.find(session, citizen_pid=MOTHER, actor_pid=SON)
    assert as_mother.relation == relatives.Relation.CHILD and as_mother.registered_at == FIXED_NOW
    assert relatives.find(session, citizen_pid=SON, actor_pid=STRANGER) is None
    assert [r.actor_pid for r in relatives.relatives_of(session, MOTHER)] == [SON]


@pytest.mark.parametrize("over, code", [
    ({"relation": "NEIGHBOUR"}, "INVALID_RELATION"),
    ({"proof": "TRUST_ME"}, "INVALID_PROOF"),
    ({"relative_pid": SON}, "RELATIVE_IS_SELF"),
    ({"relative_pid": "8888888888883"}, "CITIZEN_NOT_FOUND"),
])
def test_bad_registrations_are_refused(session, people, over, code):
    with pytest.raises(CitizenError) as err:
        register(session, **over)
    assert err.value.code == code and err.value.message_th and err.value.message_en


def test_one_active_registration_per_pair_and_revocation_keeps_the_audit(session, people):
    register(session)
    with pytest.raises(CitizenError) as err:  # the same pair, even written the other way round
        register(session, pid=MOTHER, relative_pid=SON, relation="CHILD")
    assert err.value.code == "RELATIVE_EXISTS"
    relatives.revoke(session, pid=MOTHER, relative_pid=SON, by="user:nhso", at=FIXED_NOW)
    assert relatives.find(session, citizen_pid=SON, actor_pid=MOTHER) is None
    register(session, relation="GUARDIAN", proof="NHSO_REVIEW")  # the pair is free again
    assert relatives.find(session, citizen_pid=MOTHER, actor_pid=SON).relation == relatives.Relation.WARD
    rows = session.query(Relative).filter(Relative.pid == SON).order_by(Relative.id).all()
    assert [(r.relation, r.revoked_at is not None) for r in rows] == [("PARENT", True), ("GUARDIAN", False)]
    with pytest.raises(CitizenError) as err:
        relatives.revoke(session, pid=SON, relative_pid=STRANGER, by="x", at=FIXED_NOW)
    assert err.value.code == "RELATIVE_NOT_FOUND"


def test_every_relation_has_an_inverse_that_leads_back():
    for relation in relatives.Relation:
        assert relatives.INVERSE[relatives.INVERSE[relation]] == relation
