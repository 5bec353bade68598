"""What the citizen's LINE pages show: a person with their right and sub-right today, the codes
requested today and earlier (document 002, steps 14 and 20), and the member list (step 21).

* Requests are the person's claims made through LINE: LINE_QR, and BOOKING_QR (a booking made in
  LINE).  "Today" is today's Bangkok service date; the history holds the :data:`HISTORY_DAYS`
  days before it (at most :data:`HISTORY_LIMIT` codes, newest first), cancelled ones with their
  status.
* Whether the holder may request a code for a member is the verification policy's answer for the
  member's age group and the relationship in the relatives registry (shown before they try).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from citizens import relatives
from citizens.registry import get_citizen, person_panel
from citizens.rights import right_on
from citizens.tables import Right, SubRight
from line_oa import members
from line_oa.tables import LineAccount
from oss_registry.tables import Unit
from server.decision import Channel, load_policy
from server.tables import Claim, ServiceType
from thai_civil.calendar import age_on

HISTORY_DAYS = 90
HISTORY_LIMIT = 30
LINE_CHANNELS = (Channel.LINE_QR.value, Channel.BOOKING_QR.value)


@dataclass(frozen=True)
class PersonView:
    pid: str
    title: str
    first_name: str
    last_name: str
    age_years: int
    right_th: str
    right_en: str
    sub_right_th: str | None
    sub_right_en: str | None


@dataclass(frozen=True)
class RequestView:
    code: str
    status: str
    service_code: str
    service_th: str
    service_en: str
    unit_name: str
    hcode: str
    service_at: datetime
    channel: str


@dataclass(frozen=True)
class MemberView:
    member_id: int | None  # None: the holder
    person: PersonView
    phone: str
    relation: str  # SELF, or what the member is to the holder
    may_request: bool


def person(session: Session, pid: str, *, today: date) -> PersonView:
    citizen = get_citizen(session, pid)
    panel = person_panel(session, citizen, on=today)
    held = right_on(session, citizen, today)
    right = session.get(Right, held.right_code or "NONE")
    sub = session.get(SubRight, (held.right_code, held.sub_right_code)) if held.sub_right_code else None
    return PersonView(pid, panel.title_th, panel.first_name_th, panel.last_name_th, panel.age.years,
                      right.name_th if right else (held.right_code or "-"),
                      right.name_en if right else (held.right_code or "-"),
                      sub.name_th if sub else None, sub.name_en if sub else None)


def _view(claim: Claim, services: dict[str, ServiceType], units: dict[str, Unit]) -> RequestView:
    service, unit = services.get(claim.service_type), units.get(claim.hcode)
    return RequestView(claim.code, claim.status, claim.service_type, service.name_th if service else claim.service_type,
                       service.name_en if service else claim.service_type, unit.name if unit else claim.hcode,
                       claim.hcode, claim.service_at, claim.channel)


def requests(session: Session, pid: str, *, today: date) -> tuple[list[RequestView], list[RequestView]]:
    """(today's requests, earlier ones) of a person, newest first."""
    rows = session.scalars(select(Claim).where(
        Claim.pid == pid, Claim.channel.in_(LINE_CHANNELS), Claim.service_date <= today,
        Claim.service_date >= today - timedelta(days=HISTORY_DAYS))
        .order_by(Claim.service_at.desc(), Claim.id.desc()).limit(HISTORY_LIMIT + 20)).all()
    services = {s.code: s for s in session.scalars(select(ServiceType))}
    units = {u.hcode: u for u in session.scalars(select(Unit).where(Unit.hcode.in_({c.hcode for c in rows})))}
    views = [(c.service_date == today, _view(c, services, units)) for c in rows]
    return [v for t, v in views if t], [v for t, v in views if not t][:HISTORY_LIMIT]


def may_request(session: Session, *, holder_pid: str, pid: str, today: date) -> bool:
    """Whether the policy lets the holder prove presence by LINE for ``pid`` (self: always)."""
    if pid == holder_pid:
        return True
    group = load_policy().group_for(age_on(get_citizen(session, pid).birth_date, today).years)
    found = relatives.find(session, citizen_pid=pid, actor_pid=holder_pid)
    return found is not None and found.relation.value in group.proxies and Channel.LINE_QR in group.channels


def member_list(session: Session, account: LineAccount, *, today: date) -> list[MemberView]:
    """The holder first, then the members in the order they were added."""
    out = [MemberView(None, person(session, account.pid, today=today), account.phone, "SELF", True)]
    for m in members.listed(session, account):
        out.append(MemberView(m.id, person(session, m.pid, today=today), m.phone, m.relation,
                              may_request(session, holder_pid=account.pid, pid=m.pid, today=today)))
    return out


def claim_of(session: Session, account: LineAccount, code: str) -> RequestView | None:
    """One of the holder's (or their members') LINE codes, for the result page."""
    claim = session.scalars(select(Claim).where(Claim.code == (code or "").strip().upper())).first()
    allowed = {account.pid, *(m.pid for m in members.listed(session, account))}
    if claim is None or claim.pid not in allowed:
        return None
    services = {s.code: s for s in session.scalars(select(ServiceType).where(ServiceType.code == claim.service_type))}
    unit = session.get(Unit, claim.hcode)
    return _view(claim, services, {claim.hcode: unit} if unit else {})
