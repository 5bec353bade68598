"""The relatives registry: who may act for whom.

A row says that ``relative_pid`` is the citizen's ``relation`` (``PARENT``: the relative is the
citizen's father or mother; ``CHILD``: their son or daughter; …), who registered it, when, and
how it was proven.  A relationship is looked up in both directions: if B is A's PARENT, A is B's
CHILD.  Revoking keeps the row (the audit) and frees the pair to be registered again.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from citizens.errors import CATALOGUE
from citizens.registry import get_citizen
from citizens.tables import Relative


class Relation(StrEnum):
    """The relative's relation to the citizen."""

    PARENT = "PARENT"
    CHILD = "CHILD"
    GRANDPARENT = "GRANDPARENT"
    GRANDCHILD = "GRANDCHILD"
    SPOUSE = "SPOUSE"
    SIBLING = "SIBLING"
    GUARDIAN = "GUARDIAN"
    WARD = "WARD"


INVERSE = {Relation.PARENT: Relation.CHILD, Relation.CHILD: Relation.PARENT,
           Relation.GRANDPARENT: Relation.GRANDCHILD, Relation.GRANDCHILD: Relation.GRANDPARENT,
           Relation.SPOUSE: Relation.SPOUSE, Relation.SIBLING: Relation.SIBLING,
           Relation.GUARDIAN: Relation.WARD, Relation.WARD: Relation.GUARDIAN}


class Proof(StrEnum):
    """How a relationship was proven when it was registered."""

    CARD_READ = "CARD_READ"  # both ID cards read by a unit's card agent
    CIVIL_REGISTRY = "CIVIL_REGISTRY"  # the household / civil registration records
    NHSO_REVIEW = "NHSO_REVIEW"  # an NHSO officer checked documents
    LINE_DECLARATION = "LINE_DECLARATION"  # declared in the LINE OA by the registered relative


@dataclass(frozen=True)
class Relationship:
    """``actor_pid`` is ``citizen_pid``'s ``relation``, as the registry records it."""

    citizen_pid: str
    actor_pid: str
    relation: Relation
    proof: Proof
    registered_by: str
    registered_at: datetime


def _relation(value: str, enum: type[StrEnum], code: str) -> StrEnum:
    try:
        return enum(str(value).strip().upper())
    except ValueError:
        raise CATALOGUE.error(code, allowed=", ".join(enum), field=code.split("_")[-1].lower()) from None


def register(session: Session, *, pid: str, relative_pid: str, relation: str, proof: str, by: str,
             at: datetime) -> Relative:
    """Record that ``relative_pid`` is ``pid``'s ``relation`` (both must be registered citizens)."""
    rel = _relation(relation, Relation, "INVALID_RELATION")
    how = _relation(proof, Proof, "INVALID_PROOF")
    if pid == relative_pid:
        raise CATALOGUE.error("RELATIVE_IS_SELF", field="relative_pid")
    get_citizen(session, pid)
    get_citizen(session, relative_pid)
    if find(session, citizen_pid=pid, actor_pid=relative_pid) is not None:
        raise CATALOGUE.error("RELATIVE_EXISTS", field="relative_pid")
    row = Relative(pid=pid, relative_pid=relative_pid, relation=rel.value, proof=how.value, registered_by=by,
                   registered_at=at)
    session.add(row)
    session.flush()
    return row


def _active_rows(session: Session, a: str, b: str) -> list[Relative]:
    return list(session.scalars(select(Relative).where(
        Relative.revoked_at.is_(None),
        or_((Relative.pid == a) & (Relative.relative_pid == b), (Relative.pid == b) & (Relative.relative_pid == a)),
    )))


def find(session: Session, *, citizen_pid: str, actor_pid: str) -> Relationship | None:
    """How ``actor_pid`` is related to ``citizen_pid`` in the registry (either direction), or None."""
    for row in _active_rows(session, citizen_pid, actor_pid):
        relation = Relation(row.relation) if row.pid == citizen_pid else INVERSE[Relation(row.relation)]
        return Relationship(citizen_pid, actor_pid, relation, Proof(row.proof), row.registered_by, row.registered_at)
    return None


def relatives_of(session: Session, pid: str) -> list[Relationship]:
    """Every registered relative of the citizen, as seen from the citizen."""
    rows = session.scalars(select(Relative).where(
        Relative.revoked_at.is_(None), or_(Relative.pid == pid, Relative.relative_pid == pid)).order_by(Relative.id))
    out = []
    for row in rows:
        if row.pid == pid:
            out.append(Relationship(pid, row.relative_pid, Relation(row.relation), Proof(row.proof),
                                    row.registered_by, row.registered_at))
        else:
            out.append(Relationship(pid, row.pid, INVERSE[Relation(row.relation)], Proof(row.proof),
                                    row.registered_by, row.registered_at))
    return out


def revoke(session: Session, *, pid: str, relative_pid: str, by: str, at: datetime) -> None:
    rows = _active_rows(session, pid, relative_pid)
    if not rows:
        raise CATALOGUE.error("RELATIVE_NOT_FOUND")
    for row in rows:
        row.revoked_by, row.revoked_at = by, at
    session.flush()
