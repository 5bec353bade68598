"""Family members of a LINE account ("เพิ่มบุคคลอื่น", document 002): their PID and a contact phone,
and what they are to the account holder.

Adding a member records the relationship in the citizen registry's relatives registry with proof
``LINE_DECLARATION`` (declared in LINE by the holder, registered by ``line:<account id>``), unless
the registry already knows it (then it must agree).  Whether the holder may then act for the
member is for the verification policy to decide, each time, from the registry and the member's
age group: a registered parent or child may act for someone aged 15 or under or over 60; adults
act for themselves only.  Removing a member ends the listing and revokes the relationship when
it was this account's own declaration.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from citizens import relatives
from citizens.registry import get_citizen
from line_oa.errors import CATALOGUE
from line_oa.tables import LineAccount, LineMember
from thai_civil.phone import validate_phone

RELATIONS = ("PARENT", "CHILD", "GRANDPARENT", "GRANDCHILD")
"""What a member may be to the holder: father or mother, son or daughter, and the other direct
relatives (grandparent, grandchild)."""
MAX_MEMBERS = 10


def principal_tag(account: LineAccount) -> str:
    return f"line:{account.id}"


def listed(session: Session, account: LineAccount) -> list[LineMember]:
    return list(session.scalars(select(LineMember).where(
        LineMember.account_id == account.id, LineMember.removed_at.is_(None)).order_by(LineMember.id)))


def get_member(session: Session, account: LineAccount, member_id: int) -> LineMember:
    row = session.get(LineMember, member_id)
    if row is None or row.account_id != account.id or row.removed_at is not None:
        raise CATALOGUE.error("MEMBER_NOT_FOUND")
    return row


def by_pid(session: Session, account: LineAccount, pid: str) -> LineMember | None:
    return session.scalars(select(LineMember).where(
        LineMember.account_id == account.id, LineMember.pid == pid, LineMember.removed_at.is_(None))).first()


def add(session: Session, *, account: LineAccount, pid: str, phone: str, relation: str, declared: bool,
        now: datetime) -> LineMember:
    """List ``pid`` as the holder's ``relation`` with a contact ``phone``; the holder declares the
    relationship true (see the module doc)."""
    relation = str(relation or "").strip().upper()
    if not declared:
        raise CATALOGUE.error("MEMBER_DECLARATION_REQUIRED", field="declare")
    if relation not in RELATIONS:
        raise CATALOGUE.error("MEMBER_RELATION_INVALID", field="relation")
    phone = validate_phone(phone)
    if pid == account.pid:
        raise CATALOGUE.error("MEMBER_IS_SELF", field="pid")
    if by_pid(session, account, pid) is not None:
        raise CATALOGUE.error("MEMBER_EXISTS", field="pid")
    if len(listed(session, account)) >= MAX_MEMBERS:
        raise CATALOGUE.error("MEMBER_LIMIT", limit=MAX_MEMBERS)
    get_citizen(session, pid)
    known = relatives.find(session, citizen_pid=account.pid, actor_pid=pid)  # the member, as the holder's …
    if known is None:
        relatives.register(session, pid=account.pid, relative_pid=pid, relation=relation,
                           proof=relatives.Proof.LINE_DECLARATION, by=principal_tag(account), at=now)
    elif known.relation.value != relation:
        raise CATALOGUE.error("MEMBER_RELATION_CONFLICT", field="relation")
    row = LineMember(account_id=account.id, pid=pid, phone=phone, relation=relation, added_at=now)
    session.add(row)
    session.flush()
    return row


def remove(session: Session, *, account: LineAccount, member_id: int, now: datetime) -> LineMember:
    row = get_member(session, account, member_id)
    row.removed_at = now
    known = relatives.find(session, citizen_pid=account.pid, actor_pid=row.pid)
    if known is not None and known.proof == relatives.Proof.LINE_DECLARATION and known.registered_by == principal_tag(account):
        relatives.revoke(session, pid=account.pid, relative_pid=row.pid, by=principal_tag(account), at=now)
    session.flush()
    return row
