"""The PDPA audit of citizen look-ups: who (principal, unit) looked up whom, when and why."""
from __future__ import annotations

from sqlalchemy.orm import Session

from citizens.tables import CitizenLookup


def record_lookup(session: Session, *, pid: str, principal_id: str, hcode: str | None, purpose: str) -> None:
    session.add(CitizenLookup(pid=pid, principal_id=principal_id, hcode=hcode, purpose=purpose))
    session.flush()
