"""Health-insurance rights: the reference list (``citizens/data/rights.json``) and the right a
citizen held on a given date."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from importlib import resources

from sqlalchemy import select
from sqlalchemy.orm import Session

from citizens.errors import CATALOGUE
from citizens.tables import Citizen, CitizenRight, Right, SubRight

NO_RIGHT = "NONE"
"""The code of สิทธิว่าง: a citizen with no right registered."""


@dataclass(frozen=True)
class RightInForce:
    """The right (and sub-right) a citizen held on a date, and where FVS found it."""

    right_code: str | None  # None: no right on record for that date
    sub_right_code: str | None
    source: str  # CURRENT (the citizen's current right) or HISTORY (a past period)


def sync_rights(session: Session) -> int:
    """Upsert the rights and sub-rights of the data file (codes are never deleted)."""
    data = json.loads(resources.files("citizens").joinpath("data", "rights.json").read_text("utf-8"))["rights"]
    for order, item in enumerate(data):
        session.merge(Right(code=item["code"], name_th=item["name_th"], name_en=item["name_en"], sort_order=order))
    session.flush()
    for item in data:
        for sub in item["sub_rights"]:
            session.merge(SubRight(right_code=item["code"], code=sub["code"], name_th=sub["name_th"],
                                   name_en=sub["name_en"]))
    session.flush()
    return len(data)


def check_right(session: Session, right_code: str, sub_right_code: str | None) -> None:
    """``UNKNOWN_RIGHT`` / ``UNKNOWN_SUB_RIGHT`` for codes the reference list lacks."""
    if session.get(Right, right_code) is None:
        raise CATALOGUE.error("UNKNOWN_RIGHT", right_code=right_code, field="right_code")
    if sub_right_code and session.get(SubRight, (right_code, sub_right_code)) is None:
        raise CATALOGUE.error("UNKNOWN_SUB_RIGHT", right_code=right_code, sub_right_code=sub_right_code,
                              field="sub_right_code")


def right_on(session: Session, citizen: Citizen, day: date) -> RightInForce:
    """The right in force on ``day``.

    The current right holds from its start date on (from always, when the start is unknown); a
    recorded period covering ``day`` is more specific than a current right of unknown start.
    """
    if citizen.right_start_date is not None and citizen.right_start_date <= day:
        return RightInForce(citizen.right_code, citizen.sub_right_code, "CURRENT")
    period = session.scalars(
        select(CitizenRight).where(CitizenRight.pid == citizen.pid, CitizenRight.start_date <= day)
        .order_by(CitizenRight.start_date.desc(), CitizenRight.id.desc())).first()
    if period is not None and (period.end_date is None or day <= period.end_date):
        return RightInForce(period.right_code, period.sub_right_code, "HISTORY")
    if citizen.right_start_date is None:
        return RightInForce(citizen.right_code, citizen.sub_right_code, "CURRENT")
    return RightInForce(None, None, "HISTORY")


def history(session: Session, pid: str) -> list[CitizenRight]:
    """The citizen's past and present right periods, newest first."""
    return list(session.scalars(select(CitizenRight).where(CitizenRight.pid == pid)
                                .order_by(CitizenRight.start_date.desc(), CitizenRight.id.desc())))


def add_period(session: Session, *, pid: str, right_code: str, sub_right_code: str | None, start_date: date,
               end_date: date | None = None, main_hcode: str | None = None) -> CitizenRight:
    """Record a right the citizen held over a period (the rights-change history)."""
    check_right(session, right_code, sub_right_code)
    if end_date is not None and end_date < start_date:
        raise CATALOGUE.error("INVALID_RIGHT_PERIOD", field="end_date")
    row = CitizenRight(pid=pid, right_code=right_code, sub_right_code=sub_right_code, start_date=start_date,
                       end_date=end_date, main_hcode=main_hcode)
    session.add(row)
    session.flush()
    return row
