"""Citizen registry use cases at the server: every look-up audited, the person panel with the
age on today's service date, relatives registered by NHSO."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from citizens import relatives
from citizens.lookups import record_lookup
from citizens.registry import (
    PersonData,
    PersonPanel,
    get_citizen,
    person_panel,
    search_citizens,
    upsert_citizen,
)
from citizens.relatives import Relationship
from server.services.access import Principal, Role, require_role


def look_up(session: Session, *, principal: Principal, pid: str, today: date, purpose: str = "PERSON_PANEL",
            with_history: bool = False) -> PersonPanel:
    """The person panel, and the audit of who looked whom up."""
    citizen = get_citizen(session, pid)
    record_lookup(session, pid=pid, principal_id=principal.id, hcode=principal.hcode, purpose=purpose)
    return person_panel(session, citizen, on=today, with_history=with_history)


def save(session: Session, *, data: PersonData, today: date) -> tuple[PersonPanel, bool]:
    citizen, created = upsert_citizen(session, data, today=today)
    return person_panel(session, citizen, on=today), created


def search(session: Session, *, q: str | None, limit: int, offset: int, today: date) -> tuple[int, list[PersonPanel]]:
    total, rows = search_citizens(session, q=q, limit=limit, offset=offset)
    return total, [person_panel(session, c, on=today) for c in rows]


def relatives_of(session: Session, *, principal: Principal, pid: str) -> list[Relationship]:
    get_citizen(session, pid)
    record_lookup(session, pid=pid, principal_id=principal.id, hcode=principal.hcode, purpose="RELATIVES")
    return relatives.relatives_of(session, pid)


def register_relative(session: Session, *, principal: Principal, pid: str, relative_pid: str, relation: str,
                      proof: str, now: datetime) -> Relationship:
    """NHSO records a relationship it has checked (the LINE OA and the card path add their own)."""
    require_role(principal, Role.NHSO_ADMIN, Role.NHSO_REVIEWER)
    relatives.register(session, pid=pid, relative_pid=relative_pid, relation=relation, proof=proof,
                       by=principal.id, at=now)
    found = relatives.find(session, citizen_pid=pid, actor_pid=relative_pid)
    assert found is not None
    return found


def revoke_relative(session: Session, *, principal: Principal, pid: str, relative_pid: str, now: datetime) -> None:
    require_role(principal, Role.NHSO_ADMIN, Role.NHSO_REVIEWER)
    relatives.revoke(session, pid=pid, relative_pid=relative_pid, by=principal.id, at=now)
