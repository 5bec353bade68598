"""Two tablets' retries racing with one Idempotency-Key, on real connections (not the test's
rolled-back transaction): exactly one claim, and both callers get its code."""
from __future__ import annotations

import threading
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from oss_registry.lifecycle import UnitStatus
from oss_registry.tables import Staff, StaffSchedule, Unit, UnitStatusEvent
from oss_registry.units import UnitData, create_unit
from server.db.engine import make_session_factory
from server.services import claims
from server.services.access import Principal, Role
from server.tables import Citizen, Claim, ClaimEvent, IdempotencyKey
from tests.conftest import FIXED_NOW
from thai_civil.pid import generate_pid

HCODE = "99777"


def _setup(engine, pid: str) -> None:
    with Session(engine) as s:
        create_unit(s, UnitData(HCODE, "ร้านยาแข่ง", "PHARMACY", "1 ถนน", "กรุงเทพมหานคร", None, None, None,
                                13.75, 100.5, 100), by="test", status=UnitStatus.ACTIVE)
        s.add(Citizen(pid=pid, title_th="นาย", first_name_th="แข่ง", last_name_th="ขัน", birth_date=date(1990, 1, 1),
                      sex="M", right_code="UCS"))
        s.commit()


def _cleanup(engine, pid: str) -> None:
    with Session(engine) as s:
        ids = select(Claim.id).where(Claim.pid == pid)
        s.execute(delete(IdempotencyKey).where(IdempotencyKey.claim_id.in_(ids)))
        s.execute(delete(ClaimEvent).where(ClaimEvent.claim_id.in_(ids)))
        s.execute(delete(Claim).where(Claim.pid == pid))
        s.execute(delete(Citizen).where(Citizen.pid == pid))
        s.execute(delete(StaffSchedule).where(StaffSchedule.staff_id.in_(select(Staff.id).where(Staff.hcode == HCODE))))
        s.execute(delete(Staff).where(Staff.hcode == HCODE))
        s.execute(delete(UnitStatusEvent).where(UnitStatusEvent.hcode == HCODE))
        s.execute(delete(Unit).where(Unit.hcode == HCODE))
        s.commit()


def test_racing_retries_with_one_key_make_one_claim(engine):
    pid = generate_pid()
    _setup(engine, pid)
    try:
        principal = Principal("device:race", Role.UNIT_DEVICE, HCODE)
        draft = claims.ClaimDraft(pid=pid, hcode=HCODE, service_type="PG0070001", profession="PHARMACIST",
                                  channel="LINE_QR", service_date=date(2026, 11, 22), service_at=FIXED_NOW,
                                  phone="0812345678", status="ACTIVE", right_code="UCS",
                                  facts=claims.ClaimFacts(method="LINE_QR_SELF"))
        barrier = threading.Barrier(4)
        codes: list[str] = []
        errors: list[BaseException] = []

        def attempt() -> None:
            try:
                with make_session_factory(engine)() as s:   # as a request's session
                    barrier.wait()
                    claim = claims.issue(s, draft, principal=principal, idempotency_key="same-key", request_hash="h")
                    code = claim.code
                    s.commit()
                codes.append(code)
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=attempt) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert errors == [] and len(codes) == 4 and len(set(codes)) == 1, (errors, codes)
        with Session(engine) as s:
            assert len(s.scalars(select(Claim).where(Claim.pid == pid)).all()) == 1
    finally:
        _cleanup(engine, pid)
