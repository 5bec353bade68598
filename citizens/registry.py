"""Citizens: find, create or update, search, and the person panel of the NHSO screens."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from citizens.errors import CATALOGUE
from citizens.rights import check_right
from citizens.tables import Citizen, CitizenRight, Right, SubRight
from thai_civil.calendar import Age, age_on


@dataclass(frozen=True)
class PersonData:
    """What an NHSO admin (or an import from NHSO's registry) says about a person."""

    pid: str
    title_th: str
    first_name_th: str
    last_name_th: str
    birth_date: date
    sex: str
    right_code: str
    first_name_en: str | None = None
    last_name_en: str | None = None
    phone: str | None = None
    sub_right_code: str | None = None
    right_start_date: date | None = None
    sub_right_expiry: date | None = None
    insurance_card_no: str | None = None
    registered_province: str | None = None
    primary_hcode: str | None = None
    referral_hcode: str | None = None
    main_hcode: str | None = None
    laser_code: str | None = None  # the card's laser code, normalised (``JC1234567890``)


@dataclass(frozen=True)
class Named:
    code: str
    name_th: str
    name_en: str


@dataclass(frozen=True)
class RightPeriod:
    right: Named
    sub_right: Named | None
    start_date: date
    end_date: date | None
    main_hcode: str | None


@dataclass(frozen=True)
class PersonPanel:
    """The person and rights panels as NHSO's screens show them (age on ``on``)."""

    pid: str
    title_th: str
    first_name_th: str
    last_name_th: str
    first_name_en: str | None
    last_name_en: str | None
    sex: str
    birth_date: date
    age: Age
    phone: str | None
    right: Named
    sub_right: Named | None
    right_start_date: date | None
    sub_right_expiry: date | None
    insurance_card_no: str | None
    registered_province: str | None
    primary_hcode: str | None
    referral_hcode: str | None
    main_hcode: str | None
    updated_at: datetime
    history: list[RightPeriod] = field(default_factory=list)


def get_citizen(session: Session, pid: str) -> Citizen:
    citizen = session.get(Citizen, pid)
    if citizen is None:
        raise CATALOGUE.error("CITIZEN_NOT_FOUND", field="pid")
    return citizen


def upsert_citizen(session: Session, data: PersonData, *, today: date) -> tuple[Citizen, bool]:
    """Create or update a citizen; returns (citizen, created)."""
    if data.birth_date > today:
        raise CATALOGUE.error("BIRTH_DATE_IN_FUTURE", field="birth_date")
    check_right(session, data.right_code, data.sub_right_code)
    citizen = session.get(Citizen, data.pid)
    created = citizen is None
    if created:
        citizen = Citizen(pid=data.pid)
        session.add(citizen)
    for name, value in asdict(data).items():
        if name != "pid":
            setattr(citizen, name, value)
    session.flush()
    session.refresh(citizen)
    return citizen, created


def search_citizens(session: Session, *, q: str | None, limit: int, offset: int) -> tuple[int, list[Citizen]]:
    """Citizens whose PID starts with ``q`` or whose name contains it; (total, one page)."""
    stmt = select(Citizen)
    if q:
        like = f"%{q.strip()}%"
        stmt = stmt.where(or_(
            Citizen.pid.startswith(q.strip()), Citizen.first_name_th.like(like),
            Citizen.last_name_th.like(like), Citizen.first_name_en.ilike(like), Citizen.last_name_en.ilike(like),
        ))
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = session.scalars(stmt.order_by(Citizen.pid).limit(limit).offset(offset)).all()
    return total, list(rows)


def _named_right(session: Session, code: str) -> Named:
    row = session.get(Right, code)
    return Named(code, row.name_th, row.name_en) if row else Named(code, code, code)


def _named_sub(session: Session, right_code: str, code: str | None) -> Named | None:
    if not code:
        return None
    row = session.get(SubRight, (right_code, code))
    return Named(code, row.name_th, row.name_en) if row else Named(code, code, code)


def person_panel(session: Session, citizen: Citizen, *, on: date, with_history: bool = False) -> PersonPanel:
    """The person panel of ``citizen`` with the age on ``on`` (the service date)."""
    history: list[RightPeriod] = []
    if with_history:
        rows = session.scalars(select(CitizenRight).where(CitizenRight.pid == citizen.pid)
                               .order_by(CitizenRight.start_date.desc(), CitizenRight.id.desc()))
        history = [RightPeriod(_named_right(session, r.right_code), _named_sub(session, r.right_code, r.sub_right_code),
                               r.start_date, r.end_date, r.main_hcode) for r in rows]
    return PersonPanel(
        pid=citizen.pid, title_th=citizen.title_th, first_name_th=citizen.first_name_th,
        last_name_th=citizen.last_name_th, first_name_en=citizen.first_name_en, last_name_en=citizen.last_name_en,
        sex=citizen.sex, birth_date=citizen.birth_date, age=age_on(citizen.birth_date, max(on, citizen.birth_date)),
        phone=citizen.phone, right=_named_right(session, citizen.right_code),
        sub_right=_named_sub(session, citizen.right_code, citizen.sub_right_code),
        right_start_date=citizen.right_start_date, sub_right_expiry=citizen.sub_right_expiry,
        insurance_card_no=citizen.insurance_card_no, registered_province=citizen.registered_province,
        primary_hcode=citizen.primary_hcode, referral_hcode=citizen.referral_hcode, main_hcode=citizen.main_hcode,
        updated_at=citizen.updated_at, history=history,
    )
