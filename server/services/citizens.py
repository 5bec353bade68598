"""Citizen registry use cases."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from oss_registry.thai_calendar import age_on, format_be_date
from server.errors import ApiError
from server.schemas.citizens import AgeOut, CitizenIn, CitizenOut, CitizenPage
from server.tables import Citizen, CitizenLookup, Right, SubRight


def _check_right(session: Session, right_code: str, sub_right_code: str | None) -> None:
    if session.get(Right, right_code) is None:
        raise ApiError(422, "UNKNOWN_RIGHT", f"ไม่รู้จักสิทธิ {right_code}", f"Unknown right {right_code}")
    if sub_right_code and session.get(SubRight, (right_code, sub_right_code)) is None:
        raise ApiError(
            422, "UNKNOWN_SUB_RIGHT",
            f"ไม่รู้จักสิทธิย่อย {sub_right_code} ของสิทธิ {right_code}",
            f"Unknown sub-right {sub_right_code} of right {right_code}",
        )


def to_out(citizen: Citizen, today: date) -> CitizenOut:
    age = age_on(citizen.birth_date, max(today, citizen.birth_date))
    return CitizenOut(
        pid=citizen.pid, title_th=citizen.title_th,
        first_name_th=citizen.first_name_th, last_name_th=citizen.last_name_th,
        first_name_en=citizen.first_name_en, last_name_en=citizen.last_name_en,
        birth_date=citizen.birth_date, birth_date_be=format_be_date(citizen.birth_date),
        age=AgeOut(years=age.years, months=age.months, days=age.days, text_th=age.thai()),
        sex=citizen.sex, phone=citizen.phone, right_code=citizen.right_code,
        right_name_th=citizen.right.name_th, sub_right_code=citizen.sub_right_code,
        main_hcode=citizen.main_hcode, updated_at=citizen.updated_at,
    )


def record_lookup(session: Session, pid: str, principal_id: str, hcode: str | None, purpose: str) -> None:
    """Audit one look-up of a citizen (who, which unit, whom, why; the time is the row's)."""
    session.add(CitizenLookup(pid=pid, principal_id=principal_id, hcode=hcode, purpose=purpose))
    session.flush()


def get_citizen(session: Session, pid: str) -> Citizen:
    citizen = session.get(Citizen, pid)
    if citizen is None:
        raise ApiError(404, "CITIZEN_NOT_FOUND", "ไม่พบข้อมูลประชาชนรายนี้", "No citizen with this ID")
    return citizen


def upsert_citizen(session: Session, data: CitizenIn, today: date) -> tuple[Citizen, bool]:
    """Create or update a citizen; returns (citizen, created)."""
    if data.birth_date > today:
        raise ApiError(422, "BIRTH_DATE_IN_FUTURE", "วันเกิดอยู่ในอนาคต", "Birth date is in the future")
    _check_right(session, data.right_code, data.sub_right_code)
    citizen = session.get(Citizen, data.pid)
    created = citizen is None
    if created:
        citizen = Citizen(pid=data.pid)
        session.add(citizen)
    for field, value in data.model_dump(exclude={"pid"}).items():
        setattr(citizen, field, value)
    session.flush()
    session.refresh(citizen)
    return citizen, created


def search_citizens(session: Session, q: str | None, limit: int, offset: int, today: date) -> CitizenPage:
    stmt = select(Citizen)
    if q:
        like = f"%{q.strip()}%"
        stmt = stmt.where(or_(
            Citizen.pid.startswith(q.strip()), Citizen.first_name_th.like(like),
            Citizen.last_name_th.like(like), Citizen.first_name_en.ilike(like), Citizen.last_name_en.ilike(like),
        ))
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = session.scalars(stmt.order_by(Citizen.pid).limit(limit).offset(offset)).all()
    return CitizenPage(items=[to_out(c, today) for c in rows], total=total)
